package review

import (
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

func catalogOf(floor bool, all bool, rules ...registry.CatalogRule) registry.ReviewCatalog {
	c := registry.ReviewCatalog{ID: 7, AgencyID: 3, AgencyName: "汉阴县市场监督管理局", Floor: floor, Version: 2, AllDecisions: all, Rules: rules}
	if floor {
		c.AgencyID, c.AgencyName = 1, "安康市市场监督管理局"
	}
	return c
}

func TestScope(t *testing.T) {
	amount := registry.CatalogRule{Code: "R1", Name: "较大数额罚款", ActionType: "行政强制", PersonAmount: 10000, OrgAmount: 100000}
	kinds := registry.CatalogRule{Code: "R2", Name: "吊销、停产停业", PenaltyKinds: []string{"吊销许可证件", "责令停产停业"}}
	hearing := registry.CatalogRule{Code: "R3", Name: "经听证", Triggers: []string{registry.TriggerHearing}}
	complex := registry.CatalogRule{Code: "R4", Name: "疑难复杂且超裁量基准", Triggers: []string{registry.TriggerComplex, registry.TriggerBeyondStandard}}
	matter := registry.CatalogRule{Code: "R5", Name: "特定事项", MatterCode: "330217"}
	field := registry.CatalogRule{Code: "R6", Name: "食品安全领域检查", ActionType: "行政检查", Field: "食品安全"}
	public := registry.CatalogRule{Code: "R7", Name: "重大公共利益", Triggers: []string{registry.TriggerPublicInterest}}
	law := registry.CatalogRule{Code: "R8", Name: "法规规定", Triggers: []string{registry.TriggerLaw}}
	own := catalogOf(false, false, amount, kinds, hearing, complex, matter, field, public, law)
	tests := []struct {
		name     string
		catalogs []registry.ReviewCatalog
		f        Facts
		required bool
		code     string
		source   string
	}{
		{"general penalty: statute", nil, Facts{ActionType: "行政处罚", Fine: 1}, true, "statute", SourceStatute},
		{"general penalty with a catalog: statute first", []registry.ReviewCatalog{own}, Facts{ActionType: "行政处罚", PenaltyKinds: []string{"吊销许可证件"}}, true, "statute", SourceStatute},
		{"simple penalty, no catalog", nil, Facts{ActionType: "行政处罚", Simple: true, Fine: 200}, false, "", SourceNone},
		{"simple penalty, all decisions", []registry.ReviewCatalog{catalogOf(false, true)}, Facts{ActionType: "行政处罚", Simple: true}, true, "all", SourceCatalog},
		{"coercion, person over threshold", []registry.ReviewCatalog{own}, Facts{ActionType: "行政强制", Person: true, Fine: 10000}, true, "R1", SourceCatalog},
		{"coercion, person under threshold", []registry.ReviewCatalog{own}, Facts{ActionType: "行政强制", Person: true, Fine: 9999}, false, "", SourceNone},
		{"coercion, organisation under its threshold", []registry.ReviewCatalog{own}, Facts{ActionType: "行政强制", Fine: 99999}, false, "", SourceNone},
		{"coercion, organisation at its threshold", []registry.ReviewCatalog{own}, Facts{ActionType: "行政强制", Fine: 100000}, true, "R1", SourceCatalog},
		{"amount of another action type", []registry.ReviewCatalog{own}, Facts{ActionType: "行政许可", Person: true, Fine: 20000}, false, "", SourceNone},
		{"penalty kind", []registry.ReviewCatalog{own}, Facts{ActionType: "行政处罚", Simple: true, PenaltyKinds: []string{"警告", "责令停产停业"}}, true, "R2", SourceCatalog},
		{"hearing held", []registry.ReviewCatalog{own}, Facts{ActionType: "行政许可", Triggers: []string{registry.TriggerHearing}}, true, "R3", SourceCatalog},
		{"complex only: needs beyond standard too", []registry.ReviewCatalog{own}, Facts{ActionType: "行政许可", Triggers: []string{registry.TriggerComplex}}, false, "", SourceNone},
		{"complex and beyond standard", []registry.ReviewCatalog{own}, Facts{ActionType: "行政许可", Triggers: []string{registry.TriggerComplex, registry.TriggerBeyondStandard}}, true, "R4", SourceCatalog},
		{"matter code", []registry.ReviewCatalog{own}, Facts{ActionType: "行政确认", MatterCode: "330217"}, true, "R5", SourceCatalog},
		{"field in the matter's basis", []registry.ReviewCatalog{own}, Facts{ActionType: "行政检查", MatterText: "《中华人民共和国食品安全法》第八十七条"}, true, "R6", SourceCatalog},
		{"field elsewhere", []registry.ReviewCatalog{own}, Facts{ActionType: "行政检查", MatterText: "《产品质量法》"}, false, "", SourceNone},
		{"public interest", []registry.ReviewCatalog{own}, Facts{ActionType: "行政征收", Triggers: []string{registry.TriggerPublicInterest}}, true, "R7", SourceCatalog},
		{"law requires", []registry.ReviewCatalog{own}, Facts{ActionType: "行政征收", Triggers: []string{registry.TriggerLaw}}, true, "R8", SourceCatalog},
		{"floor takes what the catalog does not", []registry.ReviewCatalog{catalogOf(false, false, law), catalogOf(true, false, kinds)},
			Facts{ActionType: "行政处罚", Simple: true, PenaltyKinds: []string{"吊销许可证件"}}, true, "R2", SourceFloor},
		{"out of every catalog", []registry.ReviewCatalog{own, catalogOf(true, false, kinds)}, Facts{ActionType: "行政检查"}, false, "", SourceNone},
	}
	for _, tt := range tests {
		req, rule := Scope(tt.catalogs, tt.f)
		if req != tt.required || rule.Code != tt.code || rule.Source != tt.source {
			t.Errorf("%s: Scope = %v, %+v; want %v %s %s", tt.name, req, rule, tt.required, tt.source, tt.code)
		}
		if !req && rule.String() != "不在法制审核目录清单范围内" {
			t.Errorf("%s: out of scope rule %q", tt.name, rule.String())
		}
	}
	_, r := Scope([]registry.ReviewCatalog{own}, Facts{ActionType: "行政强制", Person: true, Fine: 10000})
	if got := r.String(); got != "汉阴县市场监督管理局 目录清单第2版 R1 较大数额罚款" {
		t.Errorf("String = %q", got)
	}
	if got := StatuteRule.String(); !strings.Contains(got, "第五十八条") {
		t.Errorf("statute = %q", got)
	}
}

func TestCheckFloor(t *testing.T) {
	amount := registry.CatalogRule{Code: "F1", Name: "较大数额", ActionType: "行政强制", PersonAmount: 10000, OrgAmount: 100000}
	revoke := registry.CatalogRule{Code: "F2", Name: "吊销", PenaltyKinds: []string{"吊销许可证件"}}
	hearing := registry.CatalogRule{Code: "F3", Name: "听证", Triggers: []string{registry.TriggerHearing}}
	floor := catalogOf(true, false, amount, revoke, hearing)
	tests := []struct {
		name    string
		rules   []registry.CatalogRule
		all     bool
		floors  []registry.ReviewCatalog
		missing string // "" accepted
	}{
		{"equal", []registry.CatalogRule{amount, revoke, hearing}, false, []registry.ReviewCatalog{floor}, ""},
		{"stronger: lower thresholds, more kinds, any type", []registry.CatalogRule{
			{Name: "a", PersonAmount: 5000, OrgAmount: 50000},
			{Name: "k", PenaltyKinds: []string{"吊销许可证件", "责令停产停业"}},
			{Name: "h", Triggers: []string{registry.TriggerHearing}}}, false, []registry.ReviewCatalog{floor}, ""},
		{"all decisions", nil, true, []registry.ReviewCatalog{floor, catalogOf(true, true)}, ""},
		{"no floors", nil, false, nil, ""},
		{"higher person threshold", []registry.CatalogRule{{Name: "a", ActionType: "行政强制", PersonAmount: 20000, OrgAmount: 100000}, revoke, hearing}, false,
			[]registry.ReviewCatalog{floor}, "F1 较大数额"},
		{"organisations left out", []registry.CatalogRule{{Name: "a", ActionType: "行政强制", PersonAmount: 10000}, revoke, hearing}, false,
			[]registry.ReviewCatalog{floor}, "F1 较大数额"},
		{"narrower type", []registry.CatalogRule{amount, {Name: "k", ActionType: "行政处罚", PenaltyKinds: []string{"吊销许可证件"}}, hearing}, false,
			[]registry.ReviewCatalog{floor}, "F2 吊销"},
		{"extra trigger narrows", []registry.CatalogRule{amount, revoke, {Name: "h", Triggers: []string{registry.TriggerHearing, registry.TriggerComplex}}}, false,
			[]registry.ReviewCatalog{floor}, "F3 听证"},
		{"floor of all decisions", []registry.CatalogRule{amount, revoke, hearing}, false, []registry.ReviewCatalog{catalogOf(true, true)}, "所有执法决定均须法制审核"},
		{"matter code narrows", []registry.CatalogRule{amount, {Name: "k", MatterCode: "1", PenaltyKinds: []string{"吊销许可证件"}}, hearing}, false,
			[]registry.ReviewCatalog{floor}, "F2 吊销"},
	}
	for _, tt := range tests {
		c := catalogOf(false, tt.all, tt.rules...)
		err := CheckFloor(c, tt.floors)
		if tt.missing == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		msg := zhifa.ErrorMessage(err)
		if zhifa.ErrorCode(err) != zhifa.ERULE || !strings.Contains(msg, "缺少规则“"+tt.missing+"”") || !strings.Contains(msg, "安康市市场监督管理局") {
			t.Errorf("%s: %v, want missing %q", tt.name, err, tt.missing)
		}
	}
}

func TestApplicable(t *testing.T) {
	d := func(s string) zhifa.Date { x, _ := zhifa.ParseCivilDate(s); return x }
	all := []registry.ReviewCatalog{
		{ID: 1, AgencyID: 3, Version: 1, EffectiveOn: d("2026-01-01")},
		{ID: 2, AgencyID: 3, Version: 2, EffectiveOn: d("2026-06-01")},
		{ID: 3, AgencyID: 3, Version: 3, EffectiveOn: d("2027-01-01")},
		{ID: 4, AgencyID: 1, Floor: true, Version: 1, EffectiveOn: d("2026-01-01")},
		{ID: 5, AgencyID: 1, Version: 1, EffectiveOn: d("2026-01-01")}, // the city's own catalog: not a floor
		{ID: 6, AgencyID: 3, Floor: true, Version: 1, EffectiveOn: d("2026-01-01")},
	}
	var ids []int64
	for _, c := range Applicable(all, []int64{3, 1}, d("2026-12-07")) {
		ids = append(ids, c.ID)
	}
	if len(ids) != 2 || ids[0] != 2 || ids[1] != 4 {
		t.Errorf("Applicable = %v, want [2 4]", ids)
	}
	if got := Applicable(all, []int64{3}, d("2025-12-31")); len(got) != 0 {
		t.Errorf("before any: %v", got)
	}
}

func TestValidCatalog(t *testing.T) {
	c := registry.ReviewCatalog{AgencyID: 3, EffectiveOn: zhifa.DateFromDays(20000), Rules: []registry.CatalogRule{
		{Name: " 吊销 ", PenaltyKinds: []string{"吊销许可证件", "", "吊销许可证件"}, Triggers: []string{"hearing", "hearing"}},
		{Code: "R1", Name: "", ActionType: "处罚", PenaltyKinds: []string{"罚没"}, Triggers: []string{"x"}, PersonAmount: -1},
		{Code: "R1", Name: "重复"},
	}}
	p := registry.ValidCatalog(&c)
	want := map[string]string{
		"rules.3.code": "重复", "rules.2.name": "第 2 条规则须填写名称", "rules.2.action_type": "行为类别须为",
		"rules.2.penalty_kinds": "“罚没”不是《行政处罚法》第九条", "rules.2.triggers": "无法识别", "rules.2.amount": "不小于 0",
	}
	for k, v := range want {
		if !strings.Contains(p[k], v) {
			t.Errorf("%s = %q, want %q", k, p[k], v)
		}
	}
	if len(p) != len(want) {
		t.Errorf("problems %v", p)
	}
	r := c.Rules[0]
	if r.Code != "R2" || r.Name != "吊销" || len(r.PenaltyKinds) != 1 || len(r.Triggers) != 1 {
		t.Errorf("normalised %+v", r)
	}
	if p := registry.ValidCatalog(&registry.ReviewCatalog{}); p["agency_id"] == "" || p["effective_on"] == "" || p["rules"] == "" {
		t.Errorf("empty: %v", p)
	}
}

// BenchmarkScope asks the scope of a decision against a catalog of 50
// rules and a floor of 10 that none takes (the worst case: every rule is
// tried); BenchmarkApply, a review form's check, is the reference.
func BenchmarkScope(b *testing.B) {
	var rules []registry.CatalogRule
	for i := range 50 {
		rules = append(rules, registry.CatalogRule{Code: "R", Name: "r", ActionType: "行政许可", PersonAmount: int64(1000 + i), OrgAmount: int64(10000 + i),
			PenaltyKinds: []string{"吊销许可证件"}, Triggers: []string{registry.TriggerHearing}})
	}
	cs := []registry.ReviewCatalog{catalogOf(false, false, rules...), catalogOf(true, false, rules[:10]...)}
	f := Facts{ActionType: "行政检查", MatterText: "《中华人民共和国食品安全法》", Person: true, Fine: 500, PenaltyKinds: []string{"警告"}}
	for b.Loop() {
		if req, _ := Scope(cs, f); req {
			b.Fatal("in scope")
		}
	}
}

func BenchmarkApply(b *testing.B) {
	in := Input{Checklist: passing(), Outcome: OutcomeAgree, Opinion: "同意"}
	for b.Loop() {
		if _, err := Apply(in, "法制审核", nil); err != nil {
			b.Fatal(err)
		}
	}
}
