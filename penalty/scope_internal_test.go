package penalty

import (
	"slices"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
)

// TestScopeGate: at a decision, the scope the catalog gives decides the
// review gate, and the refusal names the rule.
func TestScopeGate(t *testing.T) {
	tests := []struct {
		name     string
		scope    *scopeInput
		passed   bool
		refused  string
		wantRule string
	}{
		{name: "statutory floor, no review", scope: &scopeInput{}, refused: "本决定属于法制审核范围(法定:除简易程序外的所有行政处罚决定(《行政处罚法》第五十八条))",
			wantRule: review.StatuteRule.String()},
		{name: "statutory floor, review passed", scope: &scopeInput{}, passed: true, wantRule: review.StatuteRule.String()},
		{name: "another step: unchanged", scope: nil, refused: "未经法制审核或者审核未通过的,不得作出决定(《行政处罚法》第五十八条)"},
	}
	for _, tt := range tests {
		c := readyCase(Notified)
		c.ReviewPassed = tt.passed
		tt.scope.apply(&c, &zhifa.Case{Party: zhifa.Party{Kind: zhifa.PartyPerson}}, &History{}, validFields(Decide))
		_, err := Apply(c, validRequest(Decide))
		if tt.refused == "" && err != nil || tt.refused != "" && !strings.Contains(zhifa.ErrorMessage(err), tt.refused) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.refused)
		}
		if c.ReviewRule != tt.wantRule {
			t.Errorf("%s: rule %q, want %q", tt.name, c.ReviewRule, tt.wantRule)
		}
	}
	// A decision out of scope (ReviewRequired false, as a catalog leaves
	// a decision no rule takes) is allowed without review.
	c := readyCase(Notified)
	c.ReviewRequired, c.ReviewRule = false, review.NoRule.String()
	if _, err := Apply(c, validRequest(Decide)); err != nil {
		t.Errorf("out of scope: %v", err)
	}
}

// TestDecisionFacts: what the catalog sees of a decision.
func TestDecisionFacts(t *testing.T) {
	c := &zhifa.Case{Party: zhifa.Party{Kind: zhifa.PartyOrganization}}
	m := &registry.Matter{Code: "330217", Name: "销售过期食品", Basis: "《中华人民共和国食品安全法》第一百二十四条"}
	f := decisionFacts(c, &History{HearingHeld: true}, m, map[string]string{"fine": " 120000 ", "penalty_kind": "罚款、责令停产停业"})
	if f.ActionType != "行政处罚" || f.Simple || f.Person || f.Fine != 120000 || f.MatterCode != "330217" ||
		!strings.Contains(f.MatterText, "食品安全法") || !slices.Equal(f.PenaltyKinds, []string{"罚款", "责令停产停业"}) ||
		!slices.Equal(f.Triggers, []string{registry.TriggerHearing}) {
		t.Errorf("facts %+v", f)
	}
	// The facts meet a catalog rule on amount for organisations and on
	// 责令停产停业, which the statutory floor precedes for this procedure.
	rule := registry.CatalogRule{Code: "R1", Name: "停产停业", PenaltyKinds: []string{"责令停产停业"}}
	if !review.Matches(rule, f) {
		t.Error("the kind rule does not take the decision")
	}
	if f := decisionFacts(&zhifa.Case{Party: zhifa.Party{Kind: zhifa.PartyPerson}}, nil, nil, nil); !f.Person || f.Fine != 0 || len(f.Triggers) != 0 {
		t.Errorf("empty facts %+v", f)
	}
}
