package procedure

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
)

// Kind is the kind of a form field: what it holds, how it is entered and
// how Apply checks and normalises it.
type Kind string

// Field kinds.
const (
	KindText     Kind = "text"     // one line
	KindLongText Kind = "longtext" // paragraphs
	KindDate     Kind = "date"     // a civil date, stored YYYY-MM-DD
	KindYesNo    Kind = "yesno"    // stored "true" or "false" (see Yes)
	KindMoney    Kind = "money"    // whole 元, not negative
	KindInteger  Kind = "integer"  // a whole number within Min and Max
	KindChoice   Kind = "choice"   // one of Options
	KindChoices  Kind = "choices"  // one or more of Options, stored in Options' order joined with "、"
	KindOfficer  Kind = "officer"  // an officer id, a positive integer
)

// Field is a form field of a step.
type Field struct {
	Code     string
	Label    string // Chinese
	Kind     Kind   // "" is KindText
	Required bool   // required on its own; the procedure's Normalize or gates state the conditional ones
	MaxLen   int    // the most characters; 0 for the kind's default (DefaultMaxLen)
	Min, Max int64  // KindInteger's bounds, when Max > Min
	// Options are the values of KindChoice and KindChoices.
	Options []string
	// Aliases maps values accepted on input (and found in stored steps) to
	// the option they stand for.
	Aliases map[string]string
	// Invalid is the message for a malformed value; for KindChoice and
	// KindChoices it is a format whose %s is the value not allowed. ""
	// gives the kind's own message.
	Invalid string
}

// DefaultMaxLen is the most characters of a field of each kind whose
// MaxLen is 0: every field has a limit, so that no step stores a 20,000
// character 卷宗号.
var DefaultMaxLen = map[Kind]int{
	"": 200, KindText: 200, KindLongText: 20000, KindDate: 20, KindYesNo: 10, KindMoney: 15, KindInteger: 15,
	KindChoice: 200, KindChoices: 1000, KindOfficer: 20,
}

// Yes reports whether a yes/no value, as entered or as stored, means yes.
// Older steps store "yes"/"no" for some fields, forms send 是/否, and the
// engine writes "true"/"false".
func Yes(v string) bool { return v == "true" || v == "yes" || v == "是" }

// field returns t's field code.
func (t *Transition[S]) field(code string) (Field, bool) {
	for _, f := range t.Fields {
		if f.Code == code {
			return f, true
		}
	}
	return Field{}, false
}

// normalize trims the fields, drops empty ones, refuses unknown ones and
// missing required ones, checks and normalises each by its Kind, then
// applies the table's Normalize.
func normalize[S Stateful](tb *Table[S], t *Transition[S], in map[string]string) (map[string]string, error) {
	out := map[string]string{}
	problems := map[string]string{}
	for k, v := range in {
		v = strings.TrimSpace(v)
		if _, ok := t.field(k); !ok {
			problems[k] = fmt.Sprintf("“%s”没有字段 %s", t.Name, k)
			continue
		}
		if v != "" {
			out[k] = v
		}
	}
	for _, f := range t.Fields {
		v, ok := out[f.Code]
		if !ok {
			if f.Required {
				problems[f.Code] = f.Label + "不能为空"
			}
			continue
		}
		if n, msg := f.normalize(v); msg != "" {
			problems[f.Code] = msg
		} else {
			out[f.Code] = n
		}
	}
	if tb.Normalize != nil {
		tb.Normalize(t, out, problems)
	}
	if len(problems) > 0 {
		return nil, zhifa.Invalid(problems)
	}
	return out, nil
}

// normalize checks a non-empty trimmed value and returns it normalised, or
// the problem.
func (f Field) normalize(v string) (string, string) {
	invalid := func(def string, args ...any) (string, string) {
		if f.Invalid != "" {
			return "", fmt.Sprintf(f.Invalid, args...)
		}
		return "", def
	}
	max := f.MaxLen
	if max == 0 {
		max = DefaultMaxLen[f.Kind]
	}
	if max > 0 && utf8.RuneCountInString(v) > max {
		return "", fmt.Sprintf("%s不得超过 %d 个字", f.Label, max)
	}
	switch f.Kind {
	case KindYesNo:
		switch v {
		case "true", "yes", "是":
			return "true", ""
		case "false", "no", "否":
			return "false", ""
		}
		return invalid(f.Label + "须为“是”或“否”")
	case KindMoney:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return invalid(f.Label + "须为不小于 0 的整数(元)")
		}
		return strconv.FormatInt(n, 10), ""
	case KindInteger:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || f.Max > f.Min && (n < f.Min || n > f.Max) {
			return invalid(fmt.Sprintf("%s须为 %d 至 %d 的整数", f.Label, f.Min, f.Max))
		}
		return strconv.FormatInt(n, 10), ""
	case KindOfficer:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return invalid(f.Label + "须为正整数")
		}
		return v, ""
	case KindDate:
		d, ok := zhifa.ParseCivilDate(v)
		if !ok {
			return invalid(f.Label + "须为日期(YYYY-MM-DD)")
		}
		return d.String(), ""
	case KindChoice:
		if a, ok := f.Aliases[v]; ok {
			v = a
		}
		if !slices.Contains(f.Options, v) {
			if f.Invalid != "" {
				return invalid("", v)
			}
			return "", f.Label + "须为" + strings.Join(f.Options, "、") + "之一"
		}
		return v, ""
	case KindChoices:
		chosen, bad := f.choices(v)
		if bad != "" {
			if f.Invalid != "" {
				return invalid("", bad)
			}
			return "", fmt.Sprintf("%s“%s”不在%s之列", f.Label, bad, strings.Join(f.Options, "、"))
		}
		return strings.Join(chosen, "、"), ""
	}
	return v, ""
}

// Choices splits a KindChoices value ("罚款、没收违法所得") into its options,
// in Options' order without duplicates, or returns the first part that is
// no option ("(空)" when there is none at all). Options may themselves
// contain the separator "、" (法律、行政法规规定的其他行政处罚): the longest
// option that starts where a part starts wins.
func (f Field) Choices(v string) ([]string, string) { return f.choices(v) }

func (f Field) choices(v string) ([]string, string) {
	const seps = "、,，;； "
	byLen := slices.Clone(f.Options)
	for k := range f.Aliases {
		byLen = append(byLen, k)
	}
	slices.SortStableFunc(byLen, func(a, b string) int { return len(b) - len(a) })
	seen := map[string]bool{}
	rest := v
	for {
		rest = strings.TrimLeft(rest, seps)
		if rest == "" {
			break
		}
		var match string
		for _, o := range byLen {
			if after, ok := strings.CutPrefix(rest, o); ok && (after == "" || startsWithSep(after, seps)) {
				match = o
				break
			}
		}
		if match == "" {
			end := strings.IndexFunc(rest, func(r rune) bool { return strings.ContainsRune(seps, r) })
			if end < 0 {
				end = len(rest)
			}
			return nil, rest[:end]
		}
		rest = rest[len(match):]
		if a, ok := f.Aliases[match]; ok {
			match = a
		}
		seen[match] = true
	}
	if len(seen) == 0 {
		return nil, "(空)"
	}
	var out []string
	for _, o := range f.Options {
		if seen[o] {
			out = append(out, o)
		}
	}
	return out, ""
}

func startsWithSep(s, seps string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(seps, r)
}
