package redact

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestQuickRune checks fold's own table against the normaliser: every rune
// quickRune accepts has the NFKC form it says and starts a segment.
func TestQuickRune(t *testing.T) {
	n := 0
	for r := rune(0); r < 0x10000; r++ {
		out, ok := quickRune(r)
		if !ok {
			continue
		}
		n++
		if r >= 0xD800 && r <= 0xDFFF {
			t.Fatalf("quickRune accepts the surrogate %U", r)
		}
		if got := norm.NFKC.String(string(r)); got != string(out) {
			t.Errorf("NFKC(%U) = %q, quickRune says %q", r, got, string(out))
		}
		if p := norm.NFKC.PropertiesString(string(r)); !p.BoundaryBefore() {
			t.Errorf("%U does not start a segment", r)
		}
		if p := norm.NFKC.PropertiesString(string(out)); !p.BoundaryBefore() || p.CCC() != 0 {
			t.Errorf("NFKC(%U) = %U does not start a segment", r, out)
		}
	}
	if n < 20000 {
		t.Errorf("quickRune accepts %d runes", n)
	}
}

// TestFold checks fold on texts that take each of its paths.
func TestFold(t *testing.T) {
	for _, s := range []string{
		"", "abc", "当事人张三。", "身份证号：６１０９２１１９９００１０１１２３Ｘ，",
		"e\u0301x", "中e\u0301", "ｅ\u0301", "①②⑽ﬀ㎏", "電話\uF900", "，\u0301", "a\u0301\u0302ｂ",
		"\xff\xfe１", "１\xff", "陕Ｇ·Ａ１２３４", "\xe4\xb8", "一\xe4\xb7\xbf", "0〪",
	} {
		checkFold(t, s)
	}
}

// FuzzFold checks fold against the normaliser on any text.
func FuzzFold(f *testing.F) {
	f.Add("身份证号：６１０９２１１９９００１０１１２３Ｘ，e\u0301⑽")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 64 {
			s = s[:64] // checkFold tries every range
		}
		checkFold(t, s)
	})
}

// nfkcValid returns the NFKC form of s with each byte that is not UTF-8
// kept as it is and ending the text before it, which is fold's contract.
func nfkcValid(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := 0
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		b.WriteString(norm.NFKC.String(s[:i]))
		if i < len(s) {
			b.WriteByte(s[i])
			i++
		}
		s = s[i:]
	}
	return b.String()
}

// checkFold checks that fold gives the NFKC form of s and a map whose
// segments normalise to the folded text they produced.
func checkFold(t *testing.T, s string) {
	t.Helper()
	f := fold(s)
	if want := nfkcValid(s); f.text != want {
		t.Fatalf("fold(%q) = %q, want %q", s, f.text, want)
	}
	if f.segs == nil {
		if f.text != s {
			t.Fatalf("fold(%q): no map but text changed", s)
		}
		return
	}
	// Between changed segments text and original are the same bytes;
	// each changed segment normalises to the folded bytes it produced.
	n, o := 0, 0
	for _, sg := range f.segs {
		g := struct{ n, o, nl, ol int }{}
		g.n, g.o, g.nl, g.ol = sg.get()
		if g.n-n != g.o-o || f.text[n:g.n] != s[o:g.o] {
			t.Fatalf("fold(%q): unchanged run %q != %q", s, f.text[n:g.n], s[o:g.o])
		}
		if got := norm.NFKC.String(s[g.o : g.o+g.ol]); got != f.text[g.n:g.n+g.nl] {
			t.Fatalf("fold(%q): %q normalises to %q, folded %q", s, s[g.o:g.o+g.ol], got, f.text[g.n:g.n+g.nl])
		}
		n, o = g.n+g.nl, g.o+g.ol
	}
	if f.text[n:] != s[o:] {
		t.Fatalf("fold(%q): unchanged tail %q != %q", s, f.text[n:], s[o:])
	}
	// Every rune range of the folded text maps to whole segments.
	for i := 0; i < len(f.text); i++ {
		for j := i + 1; j <= len(f.text); j++ {
			if !utf8.RuneStart(f.text[i]) || (j < len(f.text) && !utf8.RuneStart(f.text[j])) {
				continue
			}
			os, oe, exact := f.orig(i, j)
			got := nfkcValid(s[os:oe])
			if exact && got != f.text[i:j] || !strings.Contains(got, f.text[i:j]) {
				t.Fatalf("fold(%q): [%d,%d) %q maps to %q (exact %v)", s, i, j, f.text[i:j], s[os:oe], exact)
			}
		}
	}
}

func BenchmarkFold(b *testing.B) {
	items := mustReadCorpus(b)
	n := 0
	for _, it := range items {
		n += len(it.Text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, it := range items {
			fold(it.Text)
		}
	}
}
