package review

import (
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
)

func passing() []Item {
	var items []Item
	for _, d := range Checklist() {
		items = append(items, Item{Code: d.Code, Passed: true})
	}
	return items
}

func TestApply(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Input)
		fields  map[string]string
		code    string
		msg     string
		passed  bool
		noticed string
	}{
		{name: "agree", passed: true},
		{name: "supply", edit: func(in *Input) {
			in.Checklist[2] = Item{Code: "facts", Remark: "缺笔录"}
			in.Outcome = OutcomeSupply
		},
			noticed: "审核意见为“补充”,案件退回承办机构补正后重新提交"},
		{name: "transfer", edit: func(in *Input) { in.Outcome = OutcomeTransfer }, noticed: "移送司法机关"},
		{name: "agree with a problem", edit: func(in *Input) { in.Checklist[4] = Item{Code: "procedure", Remark: "x"} },
			code: zhifa.ERULE, msg: "审核事项“程序是否合法”存在问题,审核结论不能为“同意”"},
		{name: "missing", edit: func(in *Input) { in.Checklist = in.Checklist[:8] }, code: zhifa.EINVALID, msg: "审核事项“其他”未填写"},
		{name: "fields", fields: map[string]string{"x": "y"}, code: zhifa.EINVALID, msg: "“法制审核”没有字段 x"},
		{name: "outcome", edit: func(in *Input) { in.Outcome = "通过" }, code: zhifa.EINVALID, msg: "审核结论须为同意、变更、纠正、补充、移送之一"},
	}
	for _, tt := range tests {
		in := Input{Checklist: passing(), Outcome: OutcomeAgree, Opinion: " 同意 "}
		if tt.edit != nil {
			tt.edit(&in)
		}
		res, err := Apply(in, "法制审核", tt.fields)
		if tt.code != "" {
			if zhifa.ErrorCode(err) != tt.code || !strings.Contains(zhifa.ErrorMessage(err), tt.msg) {
				t.Errorf("%s: %v, want %s %q", tt.name, err, tt.code, tt.msg)
			}
			continue
		}
		if err != nil || res.Passed != tt.passed || len(res.Checklist) != 9 || res.Opinion != "同意" || !strings.Contains(res.Notice, tt.noticed) {
			t.Errorf("%s: %+v, %v", tt.name, res, err)
		}
	}
	if ItemName("facts") != "事实是否清楚、证据是否确凿充分合法" || ItemName("x") != "" {
		t.Error("ItemName")
	}
}
