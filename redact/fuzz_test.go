package redact

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zhifa/zhifa/idcode"
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
	f.Add("身份证号 610921 19900101 1230 ,电话+86 138-1234-5678")
	f.Add("12345611010519491231002X99")
	f.Fuzz(func(t *testing.T, text string) {
		p, _ := PolicyFor("处罚")
		p.PartyName = NameSurnameStar
		out, rep := Redact(text, p, Known{Keep: []string{"0915-5212315"}})
		if v := validIDIn(out); v != "" {
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
