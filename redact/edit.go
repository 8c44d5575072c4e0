package redact

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"unicode/utf8"
)

// EditOp is what a manual edit does.
type EditOp string

// Edit operations.
const (
	EditAdd    EditOp = "add"    // mask a rune range the recognizers missed
	EditRemove EditOp = "remove" // unmask a finding, named by its rune span
)

// Edit is one correction made by the person who confirms a publication.
// Offsets are runes of the original text. Kind is for EditAdd and defaults
// to KindManual.
type Edit struct {
	Op        EditOp `json:"op"`
	RuneStart int    `json:"rune_start"`
	RuneEnd   int    `json:"rune_end"`
	Kind      Kind   `json:"kind,omitempty"`
}

// Apply replays edits over base, the report Redact (or an earlier Apply)
// produced for the original text, and returns the new public text and
// report. An added range becomes a finding with Rule "manual-add"; a removed
// finding stays in the report with Rule "manual-remove" and an empty
// Replacement, and is not applied. Apply fails, changing nothing, when base
// does not belong to text, an offset is out of range, an added range overlaps
// an applied finding, or a removal names no applied finding.
func Apply(text string, base Report, edits []Edit) (string, Report, error) {
	total := utf8.RuneCountInString(text)
	fs := make([]Finding, len(base.Findings))
	copy(fs, base.Findings)
	for i, f := range fs {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End || f.RuneStart < 0 || f.RuneEnd > total {
			return "", Report{}, fmt.Errorf("脱敏报告第 %d 项超出原文范围", i+1)
		}
		sum := sha256.Sum256([]byte(text[f.Start:f.End]))
		if hex.EncodeToString(sum[:]) != f.SHA256 {
			return "", Report{}, fmt.Errorf("脱敏报告第 %d 项与原文不符", i+1)
		}
	}
	for n, e := range edits {
		if e.RuneStart < 0 || e.RuneEnd > total || e.RuneStart >= e.RuneEnd {
			return "", Report{}, fmt.Errorf("第 %d 项修改的区间 [%d,%d) 无效(原文共 %d 字)", n+1, e.RuneStart, e.RuneEnd, total)
		}
		switch e.Op {
		case EditRemove:
			i := findSpan(fs, e.RuneStart, e.RuneEnd)
			if i < 0 {
				return "", Report{}, fmt.Errorf("第 %d 项修改:区间 [%d,%d) 没有可撤销的脱敏", n+1, e.RuneStart, e.RuneEnd)
			}
			fs[i].Rule, fs[i].Replacement = RuleManualRemove, ""
		case EditAdd:
			for _, f := range fs {
				if f.Rule != RuleManualRemove && e.RuneStart < f.RuneEnd && f.RuneStart < e.RuneEnd {
					return "", Report{}, fmt.Errorf("第 %d 项修改:区间 [%d,%d) 与已有脱敏 [%d,%d) 重叠", n+1, e.RuneStart, e.RuneEnd, f.RuneStart, f.RuneEnd)
				}
			}
			k := e.Kind
			if k == "" {
				k = KindManual
			}
			start, end := runeToByte(text, e.RuneStart), runeToByte(text, e.RuneEnd)
			v := text[start:end]
			sum := sha256.Sum256([]byte(v))
			fs = append(fs, Finding{
				Kind: k, Start: start, End: end, RuneStart: e.RuneStart, RuneEnd: e.RuneEnd,
				Rule: RuleManualAdd, Replacement: MaskValue(k, v), SHA256: hex.EncodeToString(sum[:]),
			})
		default:
			return "", Report{}, fmt.Errorf("第 %d 项修改:未知操作 %q", n+1, e.Op)
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	return render(text, fs), Report{Policy: base.Policy, Findings: fs}, nil
}

// findSpan returns the index of the applied finding with exactly this rune
// span, or -1.
func findSpan(fs []Finding, rs, re int) int {
	for i, f := range fs {
		if f.RuneStart == rs && f.RuneEnd == re && f.Rule != RuleManualRemove {
			return i
		}
	}
	return -1
}

// runeToByte returns the byte offset of rune index r in s.
func runeToByte(s string, r int) int {
	n := 0
	for i := range s {
		if n == r {
			return i
		}
		n++
	}
	return len(s)
}
