package penalty

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/procedure"
)

// Sanction is a structured penalty (处罚法 Art 9): the kinds imposed or
// proposed, each with its own fields. The 事先告知 records the proposed one
// and the decision the one imposed, in the same form fields
// (sanctionFields), so that the two can be compared (Heavier). Amounts are
// whole 元, durations days.
type Sanction struct {
	Kinds         []string // of PenaltyKinds, in their order
	Fine          int64    // 罚款
	Gains         int64    // 没收违法所得
	PropertyValue int64    // 没收非法财物: their value, 0 if not assessed
	PropertyList  string   // 没收非法财物: the list
	LicenceName   string   // 暂扣/吊销许可证件: the licence's name
	LicenceNumber string   // and its number
	Qualification string   // 降低资质等级: the qualification and its lower grade
	RestrictDays  int64    // 限制开展生产经营活动
	SuspendDays   int64    // 责令停产停业
	BanDays       int64    // 限制从业
	DetentionDays int64    // 行政拘留
	Other         string   // 法律、行政法规规定的其他行政处罚: what it is
}

// Kinds of Art 9 that carry fields of their own.
const (
	kindWarning       = "警告"
	kindFine          = "罚款"
	kindGains         = "没收违法所得"
	kindProperty      = "没收非法财物"
	kindSuspendLic    = "暂扣许可证件"
	kindQualification = "降低资质等级"
	kindRevokeLic     = "吊销许可证件"
	kindRestrict      = "限制开展生产经营活动"
	kindSuspend       = "责令停产停业"
	kindBan           = "限制从业"
	kindDetention     = "行政拘留"
)

// sanctionFields are the form fields of a structured penalty, on the
// notice and on the decision: the kinds, then each kind's own fields,
// optional here and required by checkSanction when their kind is chosen.
func sanctionFields() []Field {
	money := func(code, label string) Field {
		return Field{Code: code, Label: label, Kind: procedure.KindMoney, MaxLen: 15, Invalid: label + "须为不小于 0 的整数(元)"}
	}
	days := func(code, label string, max int64) Field {
		return Field{Code: code, Label: label, Kind: procedure.KindInteger, Min: 1, Max: max}
	}
	return []Field{
		{Code: "penalty_kind", Label: "处罚种类", Kind: procedure.KindChoices, Required: true, Options: PenaltyKinds,
			Aliases: map[string]string{"其他": otherKind}, Invalid: "处罚种类“%s”不是《行政处罚法》第九条规定的种类"},
		{Code: "fine", Label: "罚款金额(元)", Kind: procedure.KindMoney, MaxLen: 15, Invalid: "罚款金额须为不小于 0 的整数(元)"},
		money("gains", "没收违法所得(元)"),
		{Code: "property_list", Label: "没收非法财物清单", Kind: procedure.KindLongText, MaxLen: 2000},
		money("property_value", "没收非法财物价值(元)"),
		{Code: "licence_name", Label: "许可证件名称", Kind: procedure.KindText, MaxLen: 100},
		{Code: "licence_number", Label: "许可证件编号", Kind: procedure.KindText, MaxLen: 100},
		{Code: "qualification", Label: "资质名称及降低后的等级", Kind: procedure.KindText, MaxLen: 200},
		days("restrict_days", "限制开展生产经营活动期限(日)", 36500),
		days("suspend_days", "责令停产停业期限(日)", 36500),
		days("ban_days", "限制从业期限(日)", 36500),
		days("detention_days", "行政拘留期限(日)", 20),
		{Code: "other_penalty", Label: "其他行政处罚的内容", Kind: procedure.KindText, MaxLen: 200},
	}
}

// kindField names, for each kind with fields of its own, the fields it
// requires and those it allows.
var kindFields = []struct {
	kind     string
	required []string
	optional []string
}{
	{kindFine, []string{"fine"}, nil},
	{kindGains, []string{"gains"}, nil},
	{kindProperty, []string{"property_list"}, []string{"property_value"}},
	{kindSuspendLic, []string{"licence_name", "licence_number"}, nil},
	{kindRevokeLic, []string{"licence_name", "licence_number"}, nil},
	{kindQualification, []string{"qualification"}, nil},
	{kindRestrict, []string{"restrict_days"}, nil},
	{kindSuspend, []string{"suspend_days"}, nil},
	{kindBan, []string{"ban_days"}, nil},
	{kindDetention, []string{"detention_days"}, nil},
	{otherKind, []string{"other_penalty"}, nil},
}

// checkSanction adds the problems of a structured penalty's fields after
// the engine checked each by its kind: a chosen kind's fields are
// required, an amount of a chosen kind is more than 0, and a field of a
// kind not chosen is refused (a 0 amount counts as none). Fields already
// in problems are left alone.
func checkSanction(out, problems map[string]string) {
	if _, bad := problems["penalty_kind"]; bad || out["penalty_kind"] == "" {
		return
	}
	chosen := strings.Split(out["penalty_kind"], "、")
	// KindChoices joins with 、, which otherKind contains: rebuild.
	kinds, _ := procedure.Field{Options: PenaltyKinds}.Choices(out["penalty_kind"])
	if kinds != nil {
		chosen = kinds
	}
	allowed := map[string]bool{}
	for _, kf := range kindFields {
		on := slices.Contains(chosen, kf.kind)
		for _, f := range kf.required {
			if !on {
				continue
			}
			allowed[f] = true
			v, ok := out[f]
			_, bad := problems[f]
			switch {
			case bad:
			case !ok:
				problems[f] = fmt.Sprintf("处罚种类含%s的,请填写%s", kf.kind, fieldLabel(f))
			case isAmount(f) && v == "0":
				problems[f] = fmt.Sprintf("处罚种类含%s的,%s须大于 0", kf.kind, fieldLabel(f))
			}
		}
		if on {
			for _, f := range kf.optional {
				allowed[f] = true
			}
		}
	}
	for _, f := range sanctionFields()[1:] {
		v, ok := out[f.Code]
		if !ok || allowed[f.Code] {
			continue
		}
		if _, bad := problems[f.Code]; bad {
			continue
		}
		if isAmount(f.Code) && v == "0" {
			delete(out, f.Code) // 0 元 is none
			continue
		}
		if f.Code == "fine" {
			problems[f.Code] = "处罚种类不含罚款的,罚款金额应为 0"
			continue
		}
		problems[f.Code] = fmt.Sprintf("处罚种类未选择%s,不应填写%s", kindOf(f.Code), f.Label)
	}
}

func isAmount(code string) bool {
	return code == "fine" || code == "gains" || code == "property_value"
}

// fieldLabel is a field's label for a message, without its unit.
func fieldLabel(code string) string {
	if code == "fine" {
		return "罚款金额"
	}
	for _, f := range sanctionFields() {
		if f.Code == code {
			return strings.TrimSuffix(f.Label, "(元)")
		}
	}
	return code
}

// kindOf returns the kind (or kinds) a field belongs to.
func kindOf(code string) string {
	var ks []string
	for _, kf := range kindFields {
		if slices.Contains(kf.required, code) || slices.Contains(kf.optional, code) {
			ks = append(ks, "“"+kf.kind+"”")
		}
	}
	return strings.Join(ks, "或")
}

// SanctionOf reads the structured penalty from a step's normalised fields
// (a notice's or a decision's). ok is false when the step has no kinds: a
// notice recorded before penalties were structured.
func SanctionOf(fields map[string]string) (s Sanction, ok bool) {
	if fields["penalty_kind"] == "" {
		return Sanction{}, false
	}
	s.Kinds, _ = procedure.Field{Options: PenaltyKinds, Aliases: map[string]string{"其他": otherKind}}.Choices(fields["penalty_kind"])
	n := func(code string) int64 { v, _ := strconv.ParseInt(fields[code], 10, 64); return v }
	s.Fine, s.Gains, s.PropertyValue = n("fine"), n("gains"), n("property_value")
	s.RestrictDays, s.SuspendDays, s.BanDays, s.DetentionDays = n("restrict_days"), n("suspend_days"), n("ban_days"), n("detention_days")
	s.PropertyList, s.LicenceName, s.LicenceNumber = fields["property_list"], fields["licence_name"], fields["licence_number"]
	s.Qualification, s.Other = fields["qualification"], fields["other_penalty"]
	return s, true
}

// Has reports whether the sanction includes kind.
func (s Sanction) Has(kind string) bool { return slices.Contains(s.Kinds, kind) }

// String is the sanction in words, e.g. "警告;罚款 50000 元".
func (s Sanction) String() string {
	var parts []string
	for _, k := range s.Kinds {
		switch k {
		case kindFine:
			parts = append(parts, fmt.Sprintf("罚款 %d 元", s.Fine))
		case kindGains:
			parts = append(parts, fmt.Sprintf("没收违法所得 %d 元", s.Gains))
		case kindProperty:
			p := "没收非法财物(" + s.PropertyList + ")"
			if s.PropertyValue > 0 {
				p += fmt.Sprintf(",价值 %d 元", s.PropertyValue)
			}
			parts = append(parts, p)
		case kindSuspendLic, kindRevokeLic:
			parts = append(parts, fmt.Sprintf("%s(%s,编号 %s)", k, s.LicenceName, s.LicenceNumber))
		case kindQualification:
			parts = append(parts, "降低资质等级("+s.Qualification+")")
		case kindRestrict:
			parts = append(parts, fmt.Sprintf("限制开展生产经营活动 %d 日", s.RestrictDays))
		case kindSuspend:
			parts = append(parts, fmt.Sprintf("责令停产停业 %d 日", s.SuspendDays))
		case kindBan:
			parts = append(parts, fmt.Sprintf("限制从业 %d 日", s.BanDays))
		case kindDetention:
			parts = append(parts, fmt.Sprintf("行政拘留 %d 日", s.DetentionDays))
		case otherKind:
			parts = append(parts, s.Other)
		default:
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, ";")
}

// Heavier returns how decision d is heavier than notice n, one phrase per
// difference, nil if it is not: a kind not notified (吊销 where 暂扣 was
// notified included), a higher amount or a longer duration, another
// licence. Lighter kinds dropped and lower amounts are not heavier
// (处罚法 Arts 44, 45 ¶2: only what was notified may be decided).
func Heavier(d, n Sanction) []string {
	var out []string
	for _, k := range d.Kinds {
		if !n.Has(k) {
			out = append(out, "增加了未告知的“"+k+"”")
		}
	}
	more := func(kind, what string, dv, nv int64, unit string) {
		if d.Has(kind) && n.Has(kind) && dv > nv {
			out = append(out, fmt.Sprintf("%s %d %s高于告知的 %d %s", what, dv, unit, nv, unit))
		}
	}
	more(kindFine, "罚款", d.Fine, n.Fine, "元")
	more(kindGains, "没收违法所得", d.Gains, n.Gains, "元")
	more(kindProperty, "没收非法财物价值", d.PropertyValue, n.PropertyValue, "元")
	more(kindRestrict, "限制开展生产经营活动", d.RestrictDays, n.RestrictDays, "日")
	more(kindSuspend, "责令停产停业", d.SuspendDays, n.SuspendDays, "日")
	more(kindBan, "限制从业", d.BanDays, n.BanDays, "日")
	more(kindDetention, "行政拘留", d.DetentionDays, n.DetentionDays, "日")
	for _, k := range []string{kindSuspendLic, kindRevokeLic} {
		if d.Has(k) && n.Has(k) && d.LicenceNumber != n.LicenceNumber {
			out = append(out, "“"+k+"”的许可证件与告知的不同")
		}
	}
	if d.Has(kindProperty) && n.Has(kindProperty) && d.PropertyList != n.PropertyList && d.PropertyValue >= n.PropertyValue {
		out = append(out, "没收非法财物清单与告知的不同")
	}
	return out
}

// notHeavier refuses a decision heavier than the last notified penalty
// (Arts 44, 45 ¶2): a heavier one needs a new 事先告知, which the table
// offers after a review and while notified.
func notHeavier(c Case, r Request) error {
	if c.Notified == nil {
		return nil // notified before penalties were structured
	}
	d, ok := SanctionOf(r.Fields)
	if !ok {
		return nil
	}
	if diff := Heavier(d, *c.Notified); len(diff) > 0 {
		return zhifa.Errorf(zhifa.ERULE, "作出的行政处罚不得重于事先告知的拟处罚内容(告知:%s):%s。拟作出更重处罚的,应当重新履行事先告知程序,并不得因当事人陈述、申辩而给予更重的处罚(《行政处罚法》第四十四条、第四十五条第二款、第五十七条)",
			c.Notified.String(), strings.Join(diff, ";"))
	}
	return nil
}
