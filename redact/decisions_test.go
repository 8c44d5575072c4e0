package redact

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// decision is one paragraph of testdata/decisions.txt with its markup
// resolved: spans are byte ranges of text.
type decision struct {
	line      int
	text      string
	sensitive []labelled // must be masked
	survive   [][2]int   // must survive unchanged
	keep      []string
}

type labelled struct {
	kind       Kind
	start, end int
}

// parseDecision resolves the markup {{kind:text}} and [[text]] of one
// paragraph.
func parseDecision(src string) (decision, error) {
	var d decision
	var b strings.Builder
	for len(src) > 0 {
		i := strings.IndexAny(src, "{[")
		if i < 0 {
			b.WriteString(src)
			break
		}
		switch {
		case strings.HasPrefix(src[i:], "{{"):
			e := strings.Index(src[i:], "}}")
			colon := strings.IndexByte(src[i:], ':')
			if e < 0 || colon < 0 || colon > e {
				return d, fmt.Errorf("unclosed or unlabelled {{ at %q", src[i:])
			}
			b.WriteString(src[:i])
			k := Kind(src[i+2 : i+colon])
			if _, ok := priority[k]; !ok {
				return d, fmt.Errorf("unknown kind %q", k)
			}
			v := src[i+colon+1 : i+e]
			d.sensitive = append(d.sensitive, labelled{k, b.Len(), b.Len() + len(v)})
			b.WriteString(v)
			src = src[i+e+2:]
		case strings.HasPrefix(src[i:], "[["):
			// The text may hold one bracket pair of its own ([2025]).
			e := strings.Index(src[i+2:], "]]")
			for e >= 0 && strings.HasPrefix(src[i+2+e+2:], "]") {
				e++
			}
			if e < 0 {
				return d, fmt.Errorf("unclosed [[ at %q", src[i:])
			}
			b.WriteString(src[:i])
			v := src[i+2 : i+2+e]
			d.survive = append(d.survive, [2]int{b.Len(), b.Len() + len(v)})
			b.WriteString(v)
			src = src[i+2+e+2:]
		default:
			b.WriteString(src[:i+1])
			src = src[i+1:]
		}
	}
	d.text = b.String()
	return d, nil
}

func mustReadDecisions(tb testing.TB) []decision {
	tb.Helper()
	f, err := os.Open("testdata/decisions.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []decision
	var keep []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "", strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "keep:"):
			for _, k := range strings.Split(strings.TrimPrefix(line, "keep:"), "|") {
				keep = append(keep, strings.TrimSpace(k))
			}
		default:
			d, err := parseDecision(line)
			if err != nil {
				tb.Fatalf("decisions.txt:%d: %v", n, err)
			}
			d.line, d.keep, keep = n, keep, nil
			out = append(out, d)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// score holds the counts of one kind.
type score struct {
	want, recalled  int // marked spans, and those wholly masked
	found, relevant int // findings, and those on a marked span of the kind
}

func (s score) recall() float64    { return ratio(s.recalled, s.want) }
func (s score) precision() float64 { return ratio(s.relevant, s.found) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// covered reports whether the findings, which are sorted and disjoint,
// cover text[start:end] entirely.
func covered(fs []Finding, start, end int) bool {
	at := start
	for _, f := range fs {
		if f.Rule == RuleManualRemove || f.End <= at {
			continue
		}
		if f.Start > at {
			return false
		}
		at = f.End
		if at >= end {
			return true
		}
	}
	return at >= end
}

// TestDecisions measures recall and precision per kind on the hand-written
// paragraphs and requires every [[…]] span to survive. A marked span is
// recalled when findings cover all of it; a finding is relevant when it
// overlaps a marked span of its own kind.
func TestDecisions(t *testing.T) {
	ds := mustReadDecisions(t)
	if len(ds) < 40 {
		t.Fatalf("decisions.txt has %d paragraphs, want at least 40", len(ds))
	}
	p := mustPolicy(t, "处罚")
	scores := map[Kind]*score{}
	get := func(k Kind) *score {
		if scores[k] == nil {
			scores[k] = &score{}
		}
		return scores[k]
	}
	survived, survive := 0, 0
	for _, d := range ds {
		out, rep := Redact(d.text, p, Known{Keep: d.keep})
		for _, s := range d.sensitive {
			sc := get(s.kind)
			sc.want++
			if covered(rep.Findings, s.start, s.end) {
				sc.recalled++
			} else {
				t.Errorf("decisions.txt:%d: %s %q not masked: %s", d.line, s.kind, d.text[s.start:s.end], out)
			}
		}
		for _, f := range rep.Findings {
			sc := get(f.Kind)
			sc.found++
			if slices.ContainsFunc(d.sensitive, func(s labelled) bool {
				return s.kind == f.Kind && f.Start < s.end && s.start < f.End
			}) {
				sc.relevant++
			} else {
				t.Errorf("decisions.txt:%d: %s finding %q is not marked as one", d.line, f.Kind, d.text[f.Start:f.End])
			}
		}
		for _, s := range d.survive {
			survive++
			if slices.ContainsFunc(rep.Findings, func(f Finding) bool { return f.Start < s[1] && s[0] < f.End }) {
				t.Errorf("decisions.txt:%d: %q was masked: %s", d.line, d.text[s[0]:s[1]], out)
			} else {
				survived++
			}
		}
	}
	want := decisionsWant
	for _, k := range slices.Sorted(maps.Keys(scores)) {
		s := scores[k]
		t.Logf("%-6s recall %6.2f%% (%d/%d)  precision %6.2f%% (%d/%d)", k, 100*s.recall(), s.recalled, s.want, 100*s.precision(), s.relevant, s.found)
	}
	t.Logf("survive %d/%d", survived, survive)
	for k, w := range want {
		s := get(k)
		if s.want == 0 {
			t.Errorf("decisions.txt marks no %s", k)
			continue
		}
		if s.recall() < w.recall {
			t.Errorf("recall of %s = %.2f%%, want at least %.0f%%", k, 100*s.recall(), 100*w.recall)
		}
		if s.precision() < w.precision {
			t.Errorf("precision of %s = %.2f%%, want at least %.0f%%", k, 100*s.precision(), 100*w.precision)
		}
	}
	for k, s := range scores {
		if _, ok := want[k]; !ok && s.found > 0 {
			t.Errorf("findings of kind %s, which has no threshold", k)
		}
	}
	if survived != survive {
		t.Errorf("%d of %d must-survive spans were masked", survive-survived, survive)
	}
}

// Thresholds: the figures measured when the set was written (100.00%
// for every kind, after the three gaps it found were fixed: trailer
// plates, 0915—5236618, an agency's 非税 account) less a margin of one
// item where a kind has ten or more; resident IDs have no margin, since
// no public copy may hold one. Every kind must occur in the set, so
// none passes for want of items.
var decisionsWant = map[Kind]threshold{
	KindID:        {1, 0.92},    // 14 items
	KindResidence: {1, 1},       // 2
	KindMobile:    {0.90, 0.90}, // 11
	KindLandline:  {1, 1},       // 6
	KindBank:      {1, 1},       // 5
	KindPlate:     {1, 1},       // 9
	KindEmail:     {1, 1},       // 6
	KindPermit:    {1, 1},       // 6
	KindPassport:  {1, 1},       // 5
	KindAddress:   {1, 1},       // 8
	KindName:      {0.95, 0.95}, // 21
}
