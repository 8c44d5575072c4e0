package redact

import (
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folded is the NFKC form of a text, which the recognizers read, with the
// way back to the original, whose characters are the ones masked.
//
// NFKC turns full-width digits and letters (６１０９２１…, Ｘ, Ｇ), the
// ideographic space, full-width punctuation (，：（）－), mathematical and
// circled digits into their plain forms, so one set of ASCII recognizers
// sees every way of writing a number. It can change byte and rune lengths
// (３ is 3 bytes, 3 is 1; ⑽ becomes "(10)"), and it works on segments that
// may hold several runes (e + U+0301 becomes é), so the map is kept per
// segment: segs lists, in order, the segments that changed or hold several
// runes; between them text and original are the same bytes. A nil segs
// means text is the original unchanged.
type folded struct {
	text string
	segs []seg
}

// seg is a segment of the map: the original bytes [o, o+ol) became
// text[n:n+nl].
type seg struct{ n, o, nl, ol int32 } // int32: a text has one per full-width mark

func (g seg) get() (n, o, nl, ol int) { return int(g.n), int(g.o), int(g.nl), int(g.ol) }

// fold returns the NFKC form of s and its map to s. The runes of Chinese
// prose (ASCII, CJK ideographs, common CJK punctuation) are their own NFKC
// form and the full-width forms fold to one ASCII byte; both are handled
// here, one rune at a time. Anything else goes through the normaliser one
// segment at a time, starting one rune early, since that rune may combine
// with it (e + U+0301 is é). A text that is already NFKC is returned as it
// is, unallocated. Bytes that are not UTF-8 are kept as they are, each a
// segment of its own; the valid text between them is folded as above.
func fold(s string) folded {
	var (
		b       strings.Builder // the folded text, once it differs
		segs    []seg
		scratch []byte
		copied  int // s[copied:i] is unchanged and not yet in b
	)
	flush := func(i int) {
		if segs == nil {
			b.Grow(len(s))
			segs = make([]seg, 0, len(s)/24+4)
		}
		b.WriteString(s[copied:i])
		copied = i
	}
	prev := -1 // start of the rune before s[i] when it is unchanged and may be re-read
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			prev = i
			i++
			continue
		}
		// CJK ideographs U+4E00–9FFF (lead bytes E4–E9), the bulk of the
		// text, inline.
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 && (c > 0xE4 || s[i+1] >= 0xB8) {
			prev = i
			i += 3
			continue
		}
		r, size := decodeRune(s, i)
		if r == utf8.RuneError && size == 1 {
			// A byte that is not UTF-8 stands for itself and ends the
			// segment before it (norm would swallow the bytes after it).
			prev, i = -1, i+1
			continue
		}
		out, ok := quickRune(r)
		if ok && out == r {
			prev = i
			i += size
			continue
		}
		j := i + size
		if ok && (j == len(s) || quickBefore(peekRune(s, j))) {
			// A full-width form: one ASCII byte.
			flush(i)
			segs = append(segs, seg{n: int32(b.Len()), o: int32(i), nl: 1, ol: int32(size)})
			b.WriteByte(byte(out))
			copied, prev, i = j, -1, j
			continue
		}
		// A segment the normaliser has to see whole.
		st := i
		if prev >= 0 {
			st = prev
		}
		e := st + norm.NFKC.NextBoundaryInString(s[st:], true)
		if e <= st {
			e = j
		}
		if e > i {
			scratch = norm.NFKC.AppendString(scratch[:0], s[st:e])
			// A segment of several runes is kept even when unchanged
			// (0 + U+302A), so that a finding takes it whole whether or
			// not another width of it changed.
			if string(scratch) != s[st:e] || utf8.RuneCountInString(s[st:e]) > 1 {
				flush(st)
				segs = append(segs, seg{n: int32(b.Len()), o: int32(st), nl: int32(len(scratch)), ol: int32(e - st)})
				b.Write(scratch)
				copied = e
			}
		}
		// else: the rune before s[i] is a segment of its own, unchanged;
		// s[i] is read again with nothing before it to re-read.
		prev, i = -1, e
	}
	if len(segs) == 0 {
		return folded{text: s}
	}
	flush(len(s))
	return folded{text: b.String(), segs: segs}
}

// decodeRune decodes the rune at s[i], with the three-byte runes of Chinese
// text decoded inline.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c&0xF0 == 0xE0 && i+2 < len(s) {
		c1, c2 := s[i+1], s[i+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				return r, 3
			}
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// peekRune returns the rune at s[i].
func peekRune(s string, i int) rune {
	if s[i] < utf8.RuneSelf {
		return rune(s[i])
	}
	r, _ := decodeRune(s, i)
	return r
}

// quickRune returns the NFKC form of r for the runes fold handles itself:
// those that are their own NFKC form (ASCII, CJK ideographs, CJK
// punctuation and quotes) and the full-width forms U+FF01–FF5E and U+3000,
// whose NFKC form is one ASCII rune. Every such rune starts a segment
// (norm's BoundaryBefore), so when the rune after it does too, it is a
// segment of its own; TestQuickRune checks this against the normaliser.
func quickRune(r rune) (rune, bool) {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r < utf8.RuneSelf, // CJK ideographs, ASCII
		r >= 0x3001 && r <= 0x3003, r >= 0x3008 && r <= 0x3011, r >= 0x3014 && r <= 0x301F, // 、。〃《》「」【】〔〕〝〞
		r >= 0x2010 && r <= 0x2010, r >= 0x2012 && r <= 0x2016, r >= 0x2018 && r <= 0x2023, // ‐–—‘’“”•
		r == 0x00B7, r == 0x00D7, r == 0x2027, r == 0x2030, r == 0x203B, r == 0x25CB, r == 0x25CF: // ·×‧‰※○●
		return r, true
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return r - 0xFEE0, true
	case r == 0x3000: // ideographic space
		return ' ', true
	}
	return 0, false
}

// quickBefore reports whether r is one of the runes of quickRune, which
// always start a segment: the rune before r is then a segment of its own.
func quickBefore(r rune) bool {
	_, ok := quickRune(r)
	return ok
}

// orig maps the byte range [start, end) of the folded text to the smallest
// range of whole segments of the original that produced it, and reports
// whether that range normalises to exactly text[start:end] (false when the
// range cut a segment, which then is taken whole: masking more of the
// original, never less).
func (f folded) orig(start, end int) (int, int, bool) {
	if f.segs == nil {
		return start, end, true
	}
	exact := true
	os, in := f.at(start)
	if in >= 0 && start > int(f.segs[in].n) {
		exact = false
	}
	oe, in := f.at(end - 1)
	if in >= 0 {
		n, o, nl, ol := f.segs[in].get()
		oe = o + ol
		exact = exact && end == n+nl
	} else {
		oe++
	}
	return os, oe, exact
}

// at returns the original offset of byte i of the folded text and the
// index of the changed segment holding it, or -1 when byte i is unchanged
// (then the offset is exact; inside a segment it is the segment's start).
func (f folded) at(i int) (int, int) {
	k := sort.Search(len(f.segs), func(k int) bool { return int(f.segs[k].n) > i }) - 1
	if k < 0 {
		return i, -1
	}
	n, o, nl, ol := f.segs[k].get()
	if i < n+nl {
		return o, k
	}
	return o + ol + (i - n - nl), -1
}

// restore maps spans found in the folded text (sorted, disjoint) to the
// original and merges those that now touch the same segment.
func (f folded) restore(spans []span) []span {
	if f.segs == nil {
		return spans
	}
	for i := range spans {
		sp := &spans[i]
		s, e, exact := f.orig(sp.start, sp.end)
		sp.start, sp.end = s, e
		if !exact {
			sp.repl = "" // MaskValue of the wider original
		}
	}
	return merge(spans)
}

// foldKnown returns k with every value in NFKC form, so that it matches
// the folded text.
func foldKnown(k Known) Known {
	f := func(v string) string { return norm.NFKC.String(v) }
	k.PartyName = f(k.PartyName)
	k.PartyIDNumber = f(k.PartyIDNumber)
	k.PartyPhone = f(k.PartyPhone)
	k.PartyAddress = f(k.PartyAddress)
	fs := func(vs []string) []string {
		if len(vs) == 0 {
			return vs
		}
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = f(v)
		}
		return out
	}
	k.OtherNames = fs(k.OtherNames)
	k.Keep = fs(k.Keep)
	return k
}
