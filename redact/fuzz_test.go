package redact

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zhifa/zhifa/idcode"
	"golang.org/x/text/unicode/norm"
)

// validIDIn returns a checksum-valid resident ID number hidden in s, looking
// through spaces and dashes between digits, or "". An all-digit code labelled
// 信用代码 that also passes GB 32100 is the one exception Redact makes.
func validIDIn(s string) string {
	var d []byte
	var at []int
	flush := func() string {
		for w := 0; w+18 <= len(d); w++ {
			win := string(d[w : w+18])
			if !idcode.ValidResident(win) {
				continue
			}
			if w == 0 && len(d) == 18 && idcode.ValidCredit(win) && strings.Contains(s[max(0, at[0]-40):at[0]], "信用代码") {
				continue
			}
			return win
		}
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			d = append(d, c)
			at = append(at, i)
			continue
		case (c == 'X' || c == 'x') && len(d) > 0:
			d = append(d, c)
			at = append(at, i)
			if v := flush(); v != "" {
				return v
			}
			d, at = d[:0], at[:0]
			continue
		case isSep(c) && len(d) > 0:
			j := i
			for j < len(s) && isSep(s[j]) {
				j++
			}
			if j < len(s) && (isDigit(s[j]) || s[j] == 'X' || s[j] == 'x') {
				i = j - 1
				continue
			}
		}
		if v := flush(); v != "" {
			return v
		}
		d, at = d[:0], at[:0]
	}
	return flush()
}

func FuzzRedact(f *testing.F) {
	for _, it := range mustReadCorpus(f) {
		f.Add(it.Text)
	}
	for _, c := range mustReadGolden(f) {
		f.Add(c.text)
	}
	f.Add("身份证号 610921 19900101 1230 ,电话+86 138-1234-5678")
	f.Add("12345611010519491231002X99")
	f.Add("身份证号６１０９２１１９９０　０１０１１２３Ｘ，电话＋８６　１３８－１２３４－５６７８")
	f.Fuzz(func(t *testing.T, text string) {
		p, _ := PolicyFor("处罚")
		p.PartyName = NameSurnameStar
		out, rep := Redact(text, p, Known{Keep: []string{"0915-5212315"}})
		// The oracle reads the NFKC form too: a full-width ID is an ID,
		// and so is one whose check character is typed as ×.
		if v := validIDIn(strings.ReplaceAll(norm.NFKC.String(out), "×", "X")); v != "" {
			t.Fatalf("output holds the valid ID number %q:\n in: %q\nout: %q", v, text, out)
		}
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("output is not valid UTF-8: %q", out)
		}
		last := 0
		for _, f := range rep.Findings {
			if f.Start < last || f.End <= f.Start || f.End > len(text) {
				t.Fatalf("bad finding %+v", f)
			}
			last = f.End
		}
		if got, _, err := Apply(text, rep, nil); err != nil || got != out {
			t.Fatalf("Apply(nil edits) = %q, %v; want %q", got, err, out)
		}
	})
}

// variant returns a text with the same NFKC form as s: the ASCII and
// full-width forms of its characters swapped, and its digits written as
// mathematical digits, where the bits of seed say so.
func variant(s string, seed uint64) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		bit := seed>>(n%64)&1 == 1
		if n%64 == 63 {
			seed = seed*6364136223846793005 + 1442695040888963407
		}
		n++
		switch {
		case !bit:
		case r >= '0' && r <= '9' && seed>>((n+7)%64)&1 == 1:
			r = 0x1D7CE + r - '0' // MATHEMATICAL BOLD DIGIT
		case r > ' ' && r <= '~':
			r += 0xFEE0
		case r == ' ':
			r = '\u3000'
		case r > 0xFF00 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == '\u3000':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzRedactNFKC checks that two texts with the same NFKC form, one with
// full-width or mathematical characters where the other has ASCII, get the
// same findings: same kinds, same rune spans, same replacements.
func FuzzRedactNFKC(f *testing.F) {
	for i, it := range mustReadCorpus(f) {
		f.Add(it.Text, uint64(i)*0x9E3779B97F4A7C15)
	}
	for i, c := range mustReadGolden(f) {
		f.Add(c.text, ^uint64(i)*0x9E3779B97F4A7C15)
	}
	f.Add("身份证号610921199001011234，电话139-1234-5678，车牌陕GD12345，邮箱a.b@qq.com", ^uint64(0))
	f.Add("证号11010519491231002X，护照E12345678，通行证C12345678，(0915)5212345", uint64(0x5555555555555555))
	p, _ := PolicyFor("处罚")
	f.Fuzz(func(t *testing.T, text string, seed uint64) {
		if !utf8.ValidString(text) {
			return
		}
		other := variant(text, seed)
		if norm.NFKC.String(text) != norm.NFKC.String(other) {
			t.Fatalf("variant has another NFKC form:\n%q\n%q", text, other)
		}
		_, a := Redact(text, p, Known{})
		_, b := Redact(other, p, Known{})
		type item struct {
			kind       Kind
			start, end int
			repl       string
		}
		items := func(r Report) []item {
			var out []item
			for _, f := range r.Findings {
				out = append(out, item{f.Kind, f.RuneStart, f.RuneEnd, f.Replacement})
			}
			return out
		}
		ia, ib := items(a), items(b)
		if len(ia) != len(ib) {
			t.Fatalf("%d findings in %q, %d in %q:\n%v\n%v", len(ia), text, len(ib), other, ia, ib)
		}
		for i := range ia {
			if ia[i] != ib[i] {
				t.Fatalf("finding %d differs:\n%q: %v\n%q: %v", i, text, ia[i], other, ib[i])
			}
		}
	})
}
