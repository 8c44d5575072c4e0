package redact

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Kind is the kind of personal data a finding holds.
type Kind string

// Kinds of findings.
const (
	KindID        Kind = "身份证号"
	KindResidence Kind = "居住证号" // 港澳台居民居住证 (810000/820000/830000)
	KindPermit    Kind = "通行证号" // 港澳通行证, 台胞证, 回乡证
	KindPassport  Kind = "护照号"
	KindMobile    Kind = "手机号"
	KindLandline  Kind = "固定电话"
	KindBank      Kind = "银行账号"
	KindEmail     Kind = "电子邮箱"
	KindPlate     Kind = "车牌号"
	KindAddress   Kind = "住址"
	KindName      Kind = "姓名"
	KindManual    Kind = "manual" // added by a person in the workbench
)

// priority orders kinds when two findings overlap: the merged finding takes
// the kind with the higher priority.
var priority = map[Kind]int{
	KindID: 10, KindResidence: 9, KindBank: 8, KindMobile: 7, KindLandline: 6,
	KindPermit: 5, KindPassport: 5, KindEmail: 4, KindPlate: 4, KindAddress: 3, KindName: 2, KindManual: 1,
}

// NameStyle says how the natural-person party's own name is published.
type NameStyle string

// Name styles.
const (
	NameFull        NameStyle = "full"         // 张三
	NameSurnameMou  NameStyle = "surname-mou"  // 张某
	NameSurnameStar NameStyle = "surname-star" // 张*
)

// ParseNameStyle accepts "full", "surname-mou", "surname-star" and their
// Chinese forms 全名, 姓某, 姓星.
func ParseNameStyle(s string) (NameStyle, error) {
	switch strings.TrimSpace(s) {
	case "", "full", "全名":
		return NameFull, nil
	case "surname-mou", "姓某", "姓+某":
		return NameSurnameMou, nil
	case "surname-star", "姓星", "姓+*":
		return NameSurnameStar, nil
	}
	return "", fmt.Errorf("未知的姓名样式 %q(可选 full、surname-mou、surname-star)", s)
}

// Policy is the redaction policy of one publication type.
type Policy struct {
	Name      string    // 处罚, 强制, 检查, 许可 or 征收
	Mask      bool      // false: published in full, Redact returns the text unchanged
	PartyName NameStyle // the natural-person party's own name (Known.PartyName)
}

// PolicyFor returns the policy of a publication type, given in Chinese
// (处罚, 强制, 检查, 许可, 征收) or English (penalty, coercion, inspection,
// licence/license, levy). 许可 and 征收 are published in full (DOMAIN §4);
// the others are masked, with the party's own name published in full.
func PolicyFor(publicationType string) (Policy, error) {
	switch strings.ToLower(strings.TrimSpace(publicationType)) {
	case "处罚", "行政处罚", "penalty":
		return Policy{Name: "处罚", Mask: true, PartyName: NameFull}, nil
	case "强制", "行政强制", "coercion":
		return Policy{Name: "强制", Mask: true, PartyName: NameFull}, nil
	case "检查", "行政检查", "inspection":
		return Policy{Name: "检查", Mask: true, PartyName: NameFull}, nil
	case "许可", "行政许可", "licence", "license":
		return Policy{Name: "许可", Mask: false, PartyName: NameFull}, nil
	case "征收", "行政征收", "levy":
		return Policy{Name: "征收", Mask: false, PartyName: NameFull}, nil
	}
	return Policy{}, fmt.Errorf("未知的公示类型 %q(可选 处罚、强制、检查、许可、征收)", publicationType)
}

// Known is what the caller knows from the structured fields of the case.
// Every non-empty value is masked wherever it recurs in the text; Keep lists
// strings that must survive (officer names, agency names and phones). Values
// match in NFKC form: a full-width value matches the ASCII text and back.
type Known struct {
	PartyName     string   // natural-person party; published per Policy.PartyName
	PartyIDNumber string   // masked as 身份证号 wherever it recurs
	PartyPhone    string   // masked as 手机号 or 固定电话
	PartyAddress  string   // masked below the county
	OtherNames    []string // other natural persons, masked to 姓+某
	Keep          []string // must survive (never protects a resident ID number)
}

// Finding is one redaction. Start/End are byte offsets and RuneStart/RuneEnd
// rune offsets of the matched text in the original; its length in runes is
// RuneEnd-RuneStart. The matched text itself is not kept: SHA256 is the hex
// SHA-256 of it.
type Finding struct {
	Kind        Kind   `json:"kind"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	RuneStart   int    `json:"rune_start"`
	RuneEnd     int    `json:"rune_end"`
	Rule        string `json:"rule"`
	Replacement string `json:"replacement"`
	SHA256      string `json:"sha256"`
}

// Rules set by Apply.
const (
	RuleManualAdd    = "manual-add"    // added by a person; applied
	RuleManualRemove = "manual-remove" // removed by a person; not applied
)

// Report is the redaction report of one public text, findings in text order.
type Report struct {
	Policy   string    `json:"policy"`
	Findings []Finding `json:"findings"`
}

// Digest returns "sha256:<hex>" of the report's canonical JSON (the
// encoding/json form of Report, fields in declaration order, findings in
// text order); it goes into the ledger event of the publication.
func (r Report) Digest() string {
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	b, err := json.Marshal(r)
	if err != nil { // cannot happen: strings and ints only
		panic(err)
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Redact returns the public copy of text under policy p and its report. The
// original is not changed. When p.Mask is false the text is returned as is
// with an empty report.
func Redact(text string, p Policy, k Known) (string, Report) {
	return redact(text, p, k, "")
}

// redact is Redact with the recognizer named off switched off (tests).
func redact(text string, p Policy, k Known, off string) (string, Report) {
	rep := Report{Policy: p.Name, Findings: []Finding{}}
	if !p.Mask || text == "" {
		return text, rep
	}
	// The recognizers read the NFKC form, so that ６１０９２１… and
	// １３９－１２３４－５６７８ are the numbers they are; the findings are
	// mapped back and mask the original characters.
	f := fold(text)
	s := newScanner(f.text, p, foldKnown(k))
	s.scan(off)
	spans := f.restore(s.resolve())
	rep.Findings = makeFindings(text, spans)
	return render(text, rep.Findings), rep
}

// span is a candidate finding in byte offsets.
type span struct {
	start, end int
	kind       Kind
	rule       string
	repl       string // set when the recognizer knows better than MaskValue
}

// resolve drops candidates that touch protected text (except resident IDs),
// then merges overlapping candidates into one, keeping the kind of higher
// priority.
func (s *scanner) resolve() []span {
	c := s.cands[:0:0]
	for _, sp := range s.cands {
		if sp.kind != KindID && sp.kind != KindResidence && s.isProtected(sp.start, sp.end) {
			continue
		}
		c = append(c, sp)
	}
	sort.Slice(c, func(i, j int) bool {
		if c[i].start != c[j].start {
			return c[i].start < c[j].start
		}
		return c[i].end > c[j].end
	})
	return merge(c)
}

// merge merges overlapping spans of c, sorted by start, into one, keeping
// the kind of higher priority.
func merge(c []span) []span {
	out := c[:0]
	for _, sp := range c {
		if n := len(out); n > 0 && sp.start < out[n-1].end {
			last := &out[n-1]
			if sp.end > last.end {
				last.end = sp.end
				last.repl = ""
			}
			if priority[sp.kind] > priority[last.kind] {
				last.kind, last.rule = sp.kind, sp.rule
				last.repl = ""
			}
			continue
		}
		out = append(out, sp)
	}
	return out
}

func (s *scanner) isProtected(start, end int) bool {
	for _, p := range s.protect {
		if start < p[1] && p[0] < end {
			return true
		}
	}
	return false
}

// makeFindings turns sorted, disjoint spans into findings with rune offsets.
func makeFindings(text string, spans []span) []Finding {
	fs := make([]Finding, 0, len(spans))
	cur, runes := 0, 0
	for _, sp := range spans {
		runes += utf8.RuneCountInString(text[cur:sp.start])
		n := utf8.RuneCountInString(text[sp.start:sp.end])
		v := text[sp.start:sp.end]
		repl := sp.repl
		if repl == "" {
			repl = MaskValue(sp.kind, v)
		}
		sum := sha256.Sum256([]byte(v))
		fs = append(fs, Finding{
			Kind: sp.kind, Start: sp.start, End: sp.end,
			RuneStart: runes, RuneEnd: runes + n,
			Rule: sp.rule, Replacement: repl, SHA256: hex.EncodeToString(sum[:]),
		})
		runes += n
		cur = sp.end
	}
	return fs
}

// render applies the findings (sorted, disjoint) to text, skipping those a
// person removed.
func render(text string, fs []Finding) string {
	var b strings.Builder
	b.Grow(len(text))
	cur := 0
	for _, f := range fs {
		if f.Rule == RuleManualRemove {
			continue
		}
		b.WriteString(text[cur:f.Start])
		b.WriteString(f.Replacement)
		cur = f.End
	}
	b.WriteString(text[cur:])
	return b.String()
}
