package penalty

import (
	"reflect"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
)

func TestCheckSanction(t *testing.T) {
	for _, tc := range []struct {
		name   string
		fields map[string]string
		want   map[string]string // problems
		out    map[string]string // fields after, when no problem
	}{
		{"警告 alone", map[string]string{"penalty_kind": "警告"}, nil, map[string]string{"penalty_kind": "警告"}},
		{"0 元 of a kind not chosen is none", map[string]string{"penalty_kind": "警告", "fine": "0", "gains": "0"}, nil, map[string]string{"penalty_kind": "警告"}},
		{"罚款 needs its amount", map[string]string{"penalty_kind": "罚款"}, map[string]string{"fine": "处罚种类含罚款的,请填写罚款金额"}, nil},
		{"罚款 of 0", map[string]string{"penalty_kind": "罚款", "fine": "0"}, map[string]string{"fine": "处罚种类含罚款的,罚款金额须大于 0"}, nil},
		{"fine without 罚款", map[string]string{"penalty_kind": "警告", "fine": "100"}, map[string]string{"fine": "处罚种类不含罚款的,罚款金额应为 0"}, nil},
		{"没收违法所得 needs its amount", map[string]string{"penalty_kind": "没收违法所得"}, map[string]string{"gains": "处罚种类含没收违法所得的,请填写没收违法所得"}, nil},
		{"没收非法财物 needs the list, value optional", map[string]string{"penalty_kind": "没收非法财物", "property_value": "300"}, map[string]string{"property_list": "处罚种类含没收非法财物的,请填写没收非法财物清单"}, nil},
		{"没收非法财物 with its list", map[string]string{"penalty_kind": "没收非法财物", "property_list": "烧烤炉 2 台"}, nil, map[string]string{"penalty_kind": "没收非法财物", "property_list": "烧烤炉 2 台"}},
		{"暂扣 needs the licence", map[string]string{"penalty_kind": "暂扣许可证件", "licence_name": "食品经营许可证"},
			map[string]string{"licence_number": "处罚种类含暂扣许可证件的,请填写许可证件编号"}, nil},
		{"吊销 with the licence", map[string]string{"penalty_kind": "吊销许可证件", "licence_name": "食品经营许可证", "licence_number": "JY16109210012345"}, nil,
			map[string]string{"penalty_kind": "吊销许可证件", "licence_name": "食品经营许可证", "licence_number": "JY16109210012345"}},
		{"licence without its kind", map[string]string{"penalty_kind": "警告", "licence_name": "食品经营许可证"},
			map[string]string{"licence_name": "处罚种类未选择“暂扣许可证件”或“吊销许可证件”,不应填写许可证件名称"}, nil},
		{"降低资质等级", map[string]string{"penalty_kind": "降低资质等级"}, map[string]string{"qualification": "处罚种类含降低资质等级的,请填写资质名称及降低后的等级"}, nil},
		{"停产停业 needs its duration", map[string]string{"penalty_kind": "责令停产停业"}, map[string]string{"suspend_days": "处罚种类含责令停产停业的,请填写责令停产停业期限(日)"}, nil},
		{"限制开展生产经营活动", map[string]string{"penalty_kind": "限制开展生产经营活动"}, map[string]string{"restrict_days": "处罚种类含限制开展生产经营活动的,请填写限制开展生产经营活动期限(日)"}, nil},
		{"限制从业", map[string]string{"penalty_kind": "限制从业"}, map[string]string{"ban_days": "处罚种类含限制从业的,请填写限制从业期限(日)"}, nil},
		{"duration without its kind", map[string]string{"penalty_kind": "警告", "ban_days": "30"}, map[string]string{"ban_days": "处罚种类未选择“限制从业”,不应填写限制从业期限(日)"}, nil},
		{"其他 needs what it is", map[string]string{"penalty_kind": otherKind}, map[string]string{"other_penalty": "处罚种类含法律、行政法规规定的其他行政处罚的,请填写其他行政处罚的内容"}, nil},
		{"通报批评 and 责令关闭 carry no field", map[string]string{"penalty_kind": "通报批评、责令关闭"}, nil, map[string]string{"penalty_kind": "通报批评、责令关闭"}},
	} {
		problems := map[string]string{}
		out := map[string]string{}
		for k, v := range tc.fields {
			out[k] = v
		}
		checkSanction(out, problems)
		if len(tc.want) == 0 && len(problems) > 0 || len(tc.want) > 0 && !reflect.DeepEqual(problems, tc.want) {
			t.Errorf("%s: problems %v, want %v", tc.name, problems, tc.want)
		}
		if tc.out != nil && !reflect.DeepEqual(out, tc.out) {
			t.Errorf("%s: fields %v, want %v", tc.name, out, tc.out)
		}
	}
}

func sanction(f map[string]string) Sanction {
	s, _ := SanctionOf(f)
	return s
}

// TestHeavier: a decision heavier than the notice, kind by kind and amount
// by amount (处罚法 Arts 44, 45 ¶2).
func TestHeavier(t *testing.T) {
	fine := func(n string) map[string]string { return map[string]string{"penalty_kind": "罚款", "fine": n} }
	lic := func(kind, no string) map[string]string {
		return map[string]string{"penalty_kind": kind, "licence_name": "食品经营许可证", "licence_number": no}
	}
	for _, tc := range []struct {
		name             string
		decision, notice map[string]string
		want             []string
	}{
		{"same fine", fine("50000"), fine("50000"), nil},
		{"lower fine", fine("30000"), fine("50000"), nil},
		{"higher fine", fine("80000"), fine("50000"), []string{"罚款 80000 元高于告知的 50000 元"}},
		{"kind added", map[string]string{"penalty_kind": "警告、罚款", "fine": "5000"}, fine("5000"), []string{"增加了未告知的“警告”"}},
		{"kind dropped", map[string]string{"penalty_kind": "警告"}, map[string]string{"penalty_kind": "警告、罚款", "fine": "5000"}, nil},
		{"吊销 where 暂扣 was notified", lic("吊销许可证件", "JY1"), lic("暂扣许可证件", "JY1"), []string{"增加了未告知的“吊销许可证件”"}},
		{"another licence", lic("暂扣许可证件", "JY2"), lic("暂扣许可证件", "JY1"), []string{"“暂扣许可证件”的许可证件与告知的不同"}},
		{"longer suspension", map[string]string{"penalty_kind": "责令停产停业", "suspend_days": "30"}, map[string]string{"penalty_kind": "责令停产停业", "suspend_days": "15"},
			[]string{"责令停产停业 30 日高于告知的 15 日"}},
		{"more gains and a ban", map[string]string{"penalty_kind": "没收违法所得、限制从业", "gains": "900", "ban_days": "365"},
			map[string]string{"penalty_kind": "没收违法所得", "gains": "600"}, []string{"增加了未告知的“限制从业”", "没收违法所得 900 元高于告知的 600 元"}},
	} {
		if got := Heavier(sanction(tc.decision), sanction(tc.notice)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Heavier = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestDecisionNotHeavier: the decision's form gate refuses a penalty
// heavier than the last notice, naming Arts 44 and 45 ¶2, and accepts an
// equal or lighter one; a re-notice is offered after a review.
func TestDecisionNotHeavier(t *testing.T) {
	c := readyCase(Reviewed)
	n := sanction(map[string]string{"penalty_kind": "罚款", "fine": "50000"})
	c.Notified = &n
	r := validRequest(Decide)
	r.Fields["penalty_kind"], r.Fields["fine"] = "罚款", "80000"
	delete(r.Fields, "gains")
	_, err := Apply(c, r)
	if zhifa.ErrorCode(err) != zhifa.ERULE || !strings.Contains(err.Error(), "罚款 80000 元高于告知的 50000 元") ||
		!strings.Contains(err.Error(), "第四十四条、第四十五条第二款") {
		t.Errorf("heavier decision: %v", err)
	}
	r.Fields["fine"] = "50000"
	if _, err := Apply(c, r); err != nil {
		t.Errorf("decision as notified: %v", err)
	}
	for _, st := range []Stage{Notified, Returned, Reviewed} {
		c := readyCase(st)
		if !containsAction(Next(c, []zhifa.Role{zhifa.RoleOfficer}), Notify) {
			t.Errorf("no new 事先告知 offered in %s", st)
		}
	}
}
