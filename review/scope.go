package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

// Facts is what the scope of review asks of a proposed decision.
type Facts struct {
	ActionType   string // one of registry.MatterCategories, e.g. 行政处罚
	Simple       bool   // 简易程序 (当场作出)
	MatterCode   string // 事项编码 of the case's matter
	MatterText   string // the matter's name and legal basis, which a rule's Field is looked for in
	Person       bool   // the party is a natural person (else an organisation)
	Fine         int64  // 罚款 in 元
	PenaltyKinds []string
	// Triggers are the registry.CatalogTriggers that hold for the case
	// (TriggerHearing when a hearing was held, and those marked on it).
	Triggers []string
}

// Rule is the rule that decided the scope: the statutory floor, or a rule
// of a catalog (its agency, version and whether it is a floor).
type Rule struct {
	Source      string // "statute", "catalog" or "floor"
	AgencyID    int64
	AgencyName  string
	CatalogID   int64
	Version     int
	Code, Name  string
	Description string
}

// Rule sources.
const (
	SourceStatute = "statute"
	SourceCatalog = "catalog"
	SourceFloor   = "floor"
	SourceNone    = "none" // no rule takes the decision
)

// String names the rule as it is recorded on the decision, e.g.
// "汉阴县市场监督管理局 目录清单第2版 R2 较大数额罚款".
func (r Rule) String() string {
	switch r.Source {
	case SourceStatute, SourceNone:
		return r.Name
	}
	what := "目录清单"
	if r.Source == SourceFloor {
		what = "下级审核事项下限"
	}
	return fmt.Sprintf("%s %s第%d版 %s %s", r.AgencyName, what, r.Version, r.Code, r.Name)
}

// StatuteRule is the statutory floor built into the product: every
// general-procedure penalty decision (处罚法 Art 58 as this product reads it
// with seed 四(二)1: "除法定简易程序以外的所有行政处罚决定必须进行法制审核").
var StatuteRule = Rule{Source: SourceStatute, Code: "statute",
	Name:        "法定:除简易程序外的所有行政处罚决定(《行政处罚法》第五十八条)",
	Description: "行政处罚决定(一般程序)"}

// NoRule is the rule recorded for a decision no rule puts in scope.
var NoRule = Rule{Source: SourceNone, Name: "不在法制审核目录清单范围内"}

// Scope reports whether the decision described by f requires legal review
// under the statutory floor and catalogs, and which rule says so. catalogs
// are those in force for the deciding agency: its own catalog and the
// floors of its superiors (Applicable). The statutory floor is checked
// first; then each catalog in order, a catalog routing all decisions
// through review before its rules, which are taken in their order. The
// first rule that takes the decision decides; when none does, required is
// false and the rule is NoRule.
func Scope(catalogs []registry.ReviewCatalog, f Facts) (required bool, rule Rule) {
	if f.ActionType == registry.MatterPenalty && !f.Simple {
		return true, StatuteRule
	}
	for _, c := range catalogs {
		src := SourceCatalog
		if c.Floor {
			src = SourceFloor
		}
		at := Rule{Source: src, AgencyID: c.AgencyID, AgencyName: c.AgencyName, CatalogID: c.ID, Version: c.Version}
		if c.AllDecisions {
			at.Code, at.Name, at.Description = "all", "所有执法决定均须法制审核", "所有执法决定"
			return true, at
		}
		for _, r := range c.Rules {
			if Matches(r, f) {
				at.Code, at.Name, at.Description = r.Code, r.Name, r.Describe()
				return true, at
			}
		}
	}
	return false, NoRule
}

// Matches reports whether rule r takes the decision f: every condition r
// sets holds. A simple-procedure decision is taken only by a rule naming
// no trigger, amount or kind beyond what it has, like any other.
func Matches(r registry.CatalogRule, f Facts) bool {
	if r.ActionType != "" && r.ActionType != f.ActionType {
		return false
	}
	if r.MatterCode != "" && r.MatterCode != f.MatterCode {
		return false
	}
	if r.Field != "" && !strings.Contains(f.MatterText, r.Field) {
		return false
	}
	if r.PersonAmount > 0 || r.OrgAmount > 0 {
		limit := r.OrgAmount
		if f.Person {
			limit = r.PersonAmount
		}
		if limit <= 0 || f.Fine < limit {
			return false
		}
	}
	if len(r.PenaltyKinds) > 0 && !slices.ContainsFunc(r.PenaltyKinds, func(k string) bool { return slices.Contains(f.PenaltyKinds, k) }) {
		return false
	}
	for _, t := range r.Triggers {
		if !slices.Contains(f.Triggers, t) {
			return false
		}
	}
	return true
}

// Covers reports whether rule a takes every decision that rule b takes, so
// that a catalog holding a includes b.
func Covers(a, b registry.CatalogRule) bool {
	if a.ActionType != "" && a.ActionType != b.ActionType {
		return false
	}
	if a.MatterCode != "" && a.MatterCode != b.MatterCode {
		return false
	}
	if a.Field != "" && !strings.Contains(b.Field, a.Field) {
		return false
	}
	if a.PersonAmount > 0 || a.OrgAmount > 0 {
		if b.PersonAmount <= 0 && b.OrgAmount <= 0 {
			return false
		}
		// b takes persons from b.PersonAmount: a must take them from there
		// or lower; likewise organisations.
		if b.PersonAmount > 0 && (a.PersonAmount <= 0 || a.PersonAmount > b.PersonAmount) {
			return false
		}
		if b.OrgAmount > 0 && (a.OrgAmount <= 0 || a.OrgAmount > b.OrgAmount) {
			return false
		}
	}
	if len(a.PenaltyKinds) > 0 {
		if len(b.PenaltyKinds) == 0 {
			return false
		}
		for _, k := range b.PenaltyKinds {
			if !slices.Contains(a.PenaltyKinds, k) {
				return false
			}
		}
	}
	for _, t := range a.Triggers {
		if !slices.Contains(b.Triggers, t) {
			return false
		}
	}
	return true
}

// CheckFloor refuses catalog c when it is weaker than one of floors (the
// floors its agency's superiors set): routing all decisions through review
// includes every floor; otherwise a floor that routes all decisions needs c
// to do so too, and each rule of a floor must be covered by a rule of c.
// The error (ERULE) names the first missing rule, its floor and the seed's
// rule that a superior sets the floor (seed 四(二)1).
func CheckFloor(c registry.ReviewCatalog, floors []registry.ReviewCatalog) error {
	if c.AllDecisions {
		return nil
	}
	for _, fl := range floors {
		if fl.AllDecisions {
			return floorError(fl, "所有执法决定均须法制审核", "所有执法决定")
		}
		for _, fr := range fl.Rules {
			if !slices.ContainsFunc(c.Rules, func(r registry.CatalogRule) bool { return Covers(r, fr) }) {
				return floorError(fl, fr.Code+" "+fr.Name, fr.Describe())
			}
		}
	}
	return nil
}

func floorError(fl registry.ReviewCatalog, rule, desc string) error {
	return zhifa.Errorf(zhifa.ERULE, "目录清单弱于上级机关%s制定的审核事项下限(第%d版):缺少规则“%s”(%s)。上级行政执法部门明确重大法制审核事项的下限,下级目录清单须包含(国办发〔2018〕118号 四(二)1)",
		fl.AgencyName, fl.Version, rule, desc)
}

// Applicable returns the catalogs in force on day for agency id: its own
// latest catalog in force, then the latest floor in force of each of its
// superiors, nearest first. chain is the agency and its superiors, nearest
// first (registry parent_id); all holds every version of their catalogs.
func Applicable(all []registry.ReviewCatalog, chain []int64, day zhifa.Date) []registry.ReviewCatalog {
	var out []registry.ReviewCatalog
	for i, id := range chain {
		floor := i > 0
		var cur *registry.ReviewCatalog
		for j := range all {
			c := &all[j]
			if c.AgencyID != id || c.Floor != floor || c.EffectiveOn.After(day) {
				continue
			}
			if cur == nil || c.Version > cur.Version {
				cur = c
			}
		}
		if cur != nil {
			out = append(out, *cur)
		}
	}
	return out
}
