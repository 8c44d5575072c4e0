package penalty

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/zhifa/zhifa/procedure"

	"github.com/zhifa/zhifa"
)

// Limits of the 简易程序 (当场处罚) fine, in yuan (处罚法 Art 51).
const (
	SimpleFinePerson       = 200  // 公民
	SimpleFineOrganisation = 3000 // 法人或者其他组织
)

// SimpleAllowed reports whether a penalty may be decided on the spot under the
// simple procedure (处罚法 Art 51): a warning, or a fine of at most 200 元 for
// a citizen or 3,000 元 for a legal person or other organisation.
//
// personKind is the party kind as stored (zhifa.PartyPerson 自然人,
// zhifa.PartyOrganization 法人或其他组织) or "person" (also 公民, 个人) or
// "organisation" (also 法人, 其他组织, 法人或者其他组织, 单位); kind is 警告, 罚款, or both ("警告、罚款"); fine is in
// yuan and must be positive exactly when kind includes 罚款. It returns nil,
// ERULE when the simple procedure does not apply, or EINVALID for bad input.
// Art 51 yields to other laws (法律另有规定的,从其规定); such exceptions are not
// modelled.
func SimpleAllowed(personKind string, fine int64, kind string) error {
	var limit int64
	var who string
	switch personKind {
	case zhifa.PartyPerson, "person", "公民", "个人":
		limit, who = SimpleFinePerson, "公民"
	case zhifa.PartyOrganization, "organisation", "organization", "法人", "其他组织", "法人或者其他组织", "单位":
		limit, who = SimpleFineOrganisation, "法人或者其他组织"
	default:
		return zhifa.Invalid(map[string]string{"person_kind": "当事人类型须为公民或者法人、其他组织"})
	}
	if fine < 0 {
		return zhifa.Invalid(map[string]string{"fine": "罚款金额须为不小于 0 的整数(元)"})
	}
	kinds, bad := penaltyKind.Choices(kind)
	if bad != "" {
		return zhifa.Invalid(map[string]string{"penalty_kind": fmt.Sprintf("处罚种类“%s”不是《行政处罚法》第九条规定的种类", bad)})
	}
	for _, k := range kinds {
		if k != "警告" && k != "罚款" {
			return zhifa.Errorf(zhifa.ERULE, "简易程序仅适用于警告或者小额罚款,“%s”须适用普通程序(《行政处罚法》第五十一条)", k)
		}
	}
	hasFine := slices.Contains(kinds, "罚款")
	switch {
	case hasFine && fine == 0:
		return zhifa.Invalid(map[string]string{"fine": "处罚种类含罚款的,罚款金额须大于 0"})
	case !hasFine && fine > 0:
		return zhifa.Invalid(map[string]string{"fine": "处罚种类不含罚款的,罚款金额应为 0"})
	case fine > limit:
		return zhifa.Errorf(zhifa.ERULE, "对%s处以%d元以下罚款方可适用简易程序(《行政处罚法》第五十一条),本案罚款 %d 元,须适用普通程序", who, limit, fine)
	}
	return nil
}

// SimpleDecide is the one step of a 简易程序 case that the general
// procedure does not have: the decision made on the spot (当场处罚决定).
const SimpleDecide Action = "simple_decide"

// SimpleTable is the 简易程序 (处罚法 Arts 51, 52): a decision made on the
// spot by officers with valid certificates, within Art 51's limits by the
// party's kind (SimpleAllowed), handed over at once, with no 事先告知 period
// and no legal review (DOMAIN §6: every penalty decision except 简易程序
// needs review), then served, executed, closed and archived as a general
// case is (the same rows), and published like other decisions. A case is a
// 简易程序 case when its first step is SimpleDecide (History.Simple).
var SimpleTable = &procedure.Table[Case]{
	Name:      "行政处罚简易程序",
	Stages:    stages,
	Normalize: normalize,
	Transitions: append([]Transition{
		{Action: SimpleDecide, Name: "当场作出行政处罚决定(简易程序)", From: []Stage{Unregistered}, To: Decided, Role: zhifa.RoleOfficer, OnSite: true,
			Fields: []Field{req("place", "当场处罚地点", text), req("facts", "违法事实", long), req("basis", "处罚依据", long),
				{Code: "penalty_kind", Label: "处罚种类", Kind: procedure.KindChoices, Required: true, Options: []string{"警告", "罚款"},
					Invalid: "简易程序仅适用于警告或者罚款,“%s”须适用普通程序(《行政处罚法》第五十一条)"},
				{Code: "fine", Label: "罚款金额(元)", Kind: procedure.KindMoney, MaxLen: 15, Invalid: "罚款金额须为不小于 0 的整数(元)"},
				req("penalty", "处罚内容", long), req("payment", "履行方式和期限", long), req("remedy", "救济途径", long)},
			Starts:    []procedure.Start{{Rule: "T8", Registrant: true}, {Rule: "G4", Registrant: true}},
			FormGates: []procedure.Gate[Case]{simpleLimits}},
	}, simpleRows(Serve, Execute, Close, Archive)...),
}

// simpleRows are the general procedure's rows that a 简易程序 case shares.
func simpleRows(acts ...Action) []Transition {
	var out []Transition
	for _, a := range acts {
		t, _ := Table.Lookup(a)
		out = append(out, *t)
	}
	return out
}

// simpleLimits applies Art 51 to the on-the-spot decision's form.
func simpleLimits(c Case, r Request) error {
	n, _ := strconv.ParseInt(r.Fields["fine"], 10, 64)
	return SimpleAllowed(c.PartyKind, n, r.Fields["penalty_kind"])
}

// tableOf is the procedure of case c.
func tableOf(c Case) *procedure.Table[Case] {
	if c.Simple {
		return SimpleTable
	}
	return Table
}

// penaltyKind is the decision form's field of penalty kinds.
var penaltyKind = func() Field {
	t, _ := Table.Lookup(Decide)
	for _, f := range t.Fields {
		if f.Code == "penalty_kind" {
			return f
		}
	}
	panic("penalty: the decision has no penalty_kind field")
}()
