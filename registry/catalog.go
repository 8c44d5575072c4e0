package registry

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
)

// ReviewCatalog is one published version of an agency's 重大执法决定法制审核
// 目录清单 (seed 四(二)1), or, when Floor is set, of the floor (审核事项下限)
// that a superior agency sets for the catalogs of its subordinate agencies.
// A version is never changed: publishing again makes the next version, and
// the one in force on a day is the latest whose EffectiveOn is not after it.
// Which decisions a set of catalogs puts in scope, and whether a catalog
// includes its floors, is package review's (review.Scope, review.CheckFloor).
type ReviewCatalog struct {
	ID          int64
	AgencyID    int64
	AgencyName  string // read-only, filled by the store
	Floor       bool   // the floor of the agency's subordinates, not its own catalog
	Version     int    // 1, 2, … per agency and Floor, set by the store
	EffectiveOn zhifa.Date
	// AllDecisions routes every decision of the agency (of every procedure,
	// 简易程序 included) through review: "有条件的执法机关要逐步实现对所有
	// 执法决定都进行法制审核" (seed 四(二)1).
	AllDecisions bool
	Rules        []CatalogRule
	Note         string // 制定说明
	PublishedBy  int64  // user id
	Created      time.Time
}

// CatalogRule is one entry of a catalog: a decision is in its scope when it
// meets every condition the rule sets; a rule that sets none but the action
// type takes every decision of that type. Amounts are in 元 and compared
// with the decision's fine (≥), with separate thresholds for natural
// persons and for organisations; a rule with only one of them does not take
// a party of the other kind on amount.
type CatalogRule struct {
	Code       string `json:"code"`                  // stable within the catalog, e.g. R1
	Name       string `json:"name"`                  // what it is, e.g. 较大数额罚款
	ActionType string `json:"action_type,omitempty"` // one of MatterCategories, "" any
	MatterCode string `json:"matter_code,omitempty"` // 事项编码, "" any
	// Field is the 执法领域: the decision's matter names it in its name or
	// legal basis (e.g. 食品安全), "" any.
	Field        string   `json:"field,omitempty"`
	PersonAmount int64    `json:"person_amount,omitempty"` // 对自然人罚款达到此数额(元)
	OrgAmount    int64    `json:"org_amount,omitempty"`    // 对法人或其他组织罚款达到此数额(元)
	PenaltyKinds []string `json:"penalty_kinds,omitempty"` // any of these kinds (Art 9)
	// Triggers are the conditions of the decision the rule requires, of
	// CatalogTriggers: all must hold.
	Triggers []string `json:"triggers,omitempty"`
	Basis    string   `json:"basis,omitempty"` // 依据
}

// Catalog triggers: the statutory ones (处罚法 Art 58(1)–(4), seed 四(二)1)
// and the others a catalog may name.
const (
	TriggerPublicInterest = "public_interest" // 涉及重大公共利益 (Art 58(1))
	TriggerHearing        = "hearing"         // 直接关系重大权益、经过听证程序 (Art 58(2))
	TriggerComplex        = "complex"         // 案件情况疑难复杂、涉及多个法律关系 (Art 58(3))
	TriggerLaw            = "law"             // 法律、法规、规章规定应当审核 (Art 58(4))
	TriggerSocialRisk     = "social_risk"     // 可能造成重大社会影响或引发社会风险 (seed 四(二)1)
	TriggerBeyondStandard = "beyond_standard" // 超出裁量基准 (seed 三(一))
)

// CatalogTriggers lists the triggers with their Chinese names, in order.
var CatalogTriggers = []struct{ Code, Name string }{
	{TriggerPublicInterest, "涉及重大公共利益"},
	{TriggerHearing, "直接关系当事人或者第三人重大权益、经过听证程序"},
	{TriggerComplex, "案件情况疑难复杂、涉及多个法律关系"},
	{TriggerLaw, "法律、法规、规章规定应当进行法制审核"},
	{TriggerSocialRisk, "可能造成重大社会影响或引发社会风险"},
	{TriggerBeyondStandard, "超出裁量基准"},
}

// TriggerName returns the Chinese name of trigger code, "" if unknown.
func TriggerName(code string) string {
	for _, t := range CatalogTriggers {
		if t.Code == code {
			return t.Name
		}
	}
	return ""
}

// Describe returns the rule's conditions in Chinese, for pages and refusals.
func (r CatalogRule) Describe() string {
	var parts []string
	if r.ActionType != "" {
		parts = append(parts, r.ActionType+"决定")
	} else {
		parts = append(parts, "各类执法决定")
	}
	if r.MatterCode != "" {
		parts = append(parts, "事项编码 "+r.MatterCode)
	}
	if r.Field != "" {
		parts = append(parts, "领域“"+r.Field+"”")
	}
	if r.PersonAmount > 0 {
		parts = append(parts, fmt.Sprintf("对自然人罚款 %d 元以上", r.PersonAmount))
	}
	if r.OrgAmount > 0 {
		parts = append(parts, fmt.Sprintf("对法人或其他组织罚款 %d 元以上", r.OrgAmount))
	}
	if len(r.PenaltyKinds) > 0 {
		parts = append(parts, "处罚种类含"+strings.Join(r.PenaltyKinds, "或"))
	}
	for _, t := range r.Triggers {
		parts = append(parts, TriggerName(t))
	}
	return strings.Join(parts, ";")
}

// ValidCatalog trims c's fields and rules, numbers rules without a code
// (R1, R2, …, skipping the codes taken) and returns per-field problems keyed agency_id,
// effective_on, rules and rules.<i>.<field> (i from 1).
func ValidCatalog(c *ReviewCatalog) map[string]string {
	p := map[string]string{}
	c.Note = strings.TrimSpace(c.Note)
	if c.AgencyID == 0 {
		p["agency_id"] = "请选择制定目录清单的执法主体"
	}
	if c.EffectiveOn.IsZero() {
		p["effective_on"] = "请填写施行日期"
	}
	if len(c.Rules) == 0 && !c.AllDecisions {
		p["rules"] = "目录清单至少须有一条规则,或选择“所有执法决定均须法制审核”"
	}
	if len(c.Rules) > 200 {
		p["rules"] = "目录清单最多 200 条规则"
	}
	codes, taken := map[string]bool{}, map[string]bool{}
	for _, r := range c.Rules {
		taken[strings.TrimSpace(r.Code)] = true
	}
	next := 1
	for i := range c.Rules {
		r := &c.Rules[i]
		key := fmt.Sprintf("rules.%d.", i+1)
		r.Code, r.Name = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name)
		r.ActionType, r.MatterCode = strings.TrimSpace(r.ActionType), strings.TrimSpace(r.MatterCode)
		r.Field, r.Basis = strings.TrimSpace(r.Field), strings.TrimSpace(r.Basis)
		for r.Code == "" {
			if code := fmt.Sprintf("R%d", next); !taken[code] {
				r.Code, taken[code] = code, true
			}
			next++
		}
		if codes[r.Code] {
			p[key+"code"] = "规则编号“" + r.Code + "”重复"
		}
		codes[r.Code] = true
		if r.Name == "" {
			p[key+"name"] = fmt.Sprintf("第 %d 条规则须填写名称", i+1)
		}
		if r.ActionType != "" && !slices.Contains(MatterCategories, r.ActionType) {
			p[key+"action_type"] = "行为类别须为" + strings.Join(MatterCategories, "、") + "之一"
		}
		if r.PersonAmount < 0 || r.OrgAmount < 0 {
			p[key+"amount"] = "罚款数额须为不小于 0 的整数(元)"
		}
		var kinds []string
		for _, k := range r.PenaltyKinds {
			k = strings.TrimSpace(k)
			switch {
			case k == "" || slices.Contains(kinds, k):
			case !slices.Contains(PenaltyKinds, k):
				p[key+"penalty_kinds"] = "处罚种类“" + k + "”不是《行政处罚法》第九条规定的种类"
			default:
				kinds = append(kinds, k)
			}
		}
		r.PenaltyKinds = kinds
		var trig []string
		for _, t := range r.Triggers {
			t = strings.TrimSpace(t)
			switch {
			case t == "" || slices.Contains(trig, t):
			case TriggerName(t) == "":
				p[key+"triggers"] = fmt.Sprintf("情形 %q 无法识别", t)
			default:
				trig = append(trig, t)
			}
		}
		r.Triggers = trig
	}
	return p
}
