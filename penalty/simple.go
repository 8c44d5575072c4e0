package penalty

import (
	"fmt"
	"slices"

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
