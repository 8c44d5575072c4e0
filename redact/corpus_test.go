package redact

import (
	"bufio"
	"encoding/json"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

// corpusItem is one line of testdata/corpus.jsonl, written by
// internal/gencorpus (go run ./redact/internal/gencorpus).
type corpusItem struct {
	ID        string `json:"id"`
	Area      string `json:"area"`
	Text      string `json:"text"`
	Sensitive []struct {
		Kind Kind   `json:"kind"`
		Text string `json:"text"`
	} `json:"sensitive"`
	Survive []string `json:"survive"`
	Known   *struct {
		OtherNames []string `json:"other_names"`
		Keep       []string `json:"keep"`
	} `json:"known"`
}

func (it corpusItem) known() Known {
	if it.Known == nil {
		return Known{}
	}
	return Known{OtherNames: it.Known.OtherNames, Keep: it.Known.Keep}
}

// expects reports whether f overlaps an occurrence of an expected span.
func (it corpusItem) expects(f Finding) bool {
	for _, s := range it.Sensitive {
		for off := 0; ; {
			i := strings.Index(it.Text[off:], s.Text)
			if i < 0 {
				break
			}
			i += off
			if f.Start < i+len(s.Text) && i < f.End {
				return true
			}
			off = i + len(s.Text)
		}
	}
	return false
}

func mustReadCorpus(tb testing.TB) []corpusItem {
	tb.Helper()
	f, err := os.Open("testdata/corpus.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var items []corpusItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var it corpusItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			tb.Fatalf("corpus line %d: %v", len(items)+1, err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return items
}

// TestCorpus measures recall and precision per kind over the generated
// corpus: a sensitive span is recalled when its text no longer occurs in the
// public copy, and a finding is relevant when it overlaps a sensitive span.
// It also requires every must-survive string to occur unchanged. The corpus
// comes from the engine's own generator; TestDecisions measures the same on
// hand-written paragraphs.
func TestCorpus(t *testing.T) {
	items := mustReadCorpus(t)
	if len(items) < 200 {
		t.Fatalf("corpus has %d paragraphs, want at least 200", len(items))
	}
	p, err := PolicyFor("处罚")
	if err != nil {
		t.Fatal(err)
	}
	total := map[Kind]int{}
	hit := map[Kind]int{}
	found := map[Kind]int{}
	relevant := map[Kind]int{}
	for _, it := range items {
		out, rep := Redact(it.Text, p, it.known())
		for _, s := range it.Sensitive {
			total[s.Kind]++
			if !strings.Contains(out, s.Text) {
				hit[s.Kind]++
			} else {
				t.Logf("%s: missed %s %q in %s", it.ID, s.Kind, s.Text, out)
			}
		}
		for _, s := range it.Survive {
			if !strings.Contains(out, s) {
				t.Errorf("%s: %q did not survive: %s", it.ID, s, out)
			}
		}
		for _, f := range rep.Findings {
			if strings.Contains(f.Replacement, it.Text[f.Start:f.End]) {
				t.Errorf("%s: replacement %q contains the original", it.ID, f.Replacement)
			}
			found[f.Kind]++
			if it.expects(f) {
				relevant[f.Kind]++
			} else {
				t.Logf("%s: unexpected %s finding %q", it.ID, f.Kind, it.Text[f.Start:f.End])
			}
		}
	}
	// Thresholds: measured 100.00% recall and precision for every kind,
	// less a margin of about one item (none for IDs, bank accounts and
	// mobiles, which the corpus has many of and which must never leak).
	// Every kind must occur, so none passes for want of items.
	want := map[Kind]struct{ recall, precision float64 }{
		KindID:        {1, 0.99},    // 120 items
		KindResidence: {1, 1},       // 2
		KindMobile:    {1, 0.99},    // 120
		KindBank:      {1, 0.95},    // 24
		KindLandline:  {0.95, 0.95}, // 24
		KindPlate:     {0.97, 0.97}, // 36
		KindEmail:     {0.9, 0.9},   // 12
		KindPermit:    {0.93, 0.93}, // 15
		KindPassport:  {0.85, 0.85}, // 7
		KindAddress:   {0.95, 0.95}, // 84
		KindName:      {0.95, 0.95}, // 240
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		r := ratio(hit[k], total[k])
		pr := ratio(relevant[k], found[k])
		t.Logf("%-6s recall %6.2f%% (%d/%d)  precision %6.2f%% (%d/%d)", k, 100*r, hit[k], total[k], 100*pr, relevant[k], found[k])
		if total[k] == 0 {
			t.Errorf("corpus has no %s", k)
			continue
		}
		if r < want[k].recall {
			t.Errorf("recall of %s = %.2f%%, want at least %.0f%%", k, 100*r, 100*want[k].recall)
		}
		if pr < want[k].precision {
			t.Errorf("precision of %s = %.2f%%, want at least %.0f%%", k, 100*pr, 100*want[k].precision)
		}
	}
	for k := range total {
		if _, ok := want[k]; !ok {
			t.Errorf("corpus has %s, which has no threshold", k)
		}
	}
}

func BenchmarkRedact(b *testing.B) {
	items := mustReadCorpus(b)
	p, _ := PolicyFor("处罚")
	n := 0
	for _, it := range items {
		n += len(it.Text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, it := range items {
			Redact(it.Text, p, Known{})
		}
	}
}
