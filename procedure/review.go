package procedure

import (
	"fmt"
	"strings"

	"github.com/zhifa/zhifa"
)

// ChecklistItemDef is an item of the legal-review checklist (seed 四(二)2).
type ChecklistItemDef struct {
	Code string // stable, stored
	Name string // Chinese
}

// ChecklistItem is the reviewer's finding on one checklist item.
type ChecklistItem struct {
	Code   string
	Passed bool   // false: 存在问题
	Remark string // required when not passed
}

var checklist = []ChecklistItemDef{
	{"subject", "主体是否合法"},
	{"qualification", "执法人员是否具备执法资格"},
	{"facts", "事实是否清楚、证据是否确凿充分合法"},
	{"law", "适用法律是否准确、裁量基准运用是否适当"},
	{"procedure", "程序是否合法"},
	{"authority", "是否超越职权或滥用职权"},
	{"documents", "文书是否规范齐备"},
	{"transfer", "是否涉嫌犯罪需要移送"},
	{"other", "其他"},
}

// Checklist returns the nine items of the legal-review checklist, in order.
// A review must answer every one.
func Checklist() []ChecklistItemDef { return append([]ChecklistItemDef(nil), checklist...) }

// applyReview checks the review form and returns the review step: Reviewed
// when the outcome is 同意, Returned otherwise. 变更, 纠正 and 补充 all mean
// the proposed decision may not be made as submitted, so the handling unit
// corrects and resubmits (DOMAIN §6); 移送 likewise returns the case, with a
// notice that it must be transferred, not decided.
func applyReview(c Case, r Request, t Transition, res Result) (Result, error) {
	in := r.Review
	problems := map[string]string{}
	for k := range r.Fields {
		problems[k] = fmt.Sprintf("“%s”没有字段 %s,审核意见请填在审核表中", t.Name, k)
	}
	given := map[string]ChecklistItem{}
	for _, it := range in.Checklist {
		code := strings.TrimSpace(it.Code)
		if !knownItem(code) {
			problems["checklist"] = fmt.Sprintf("审核事项 %q 无法识别", it.Code)
			continue
		}
		if _, dup := given[code]; dup {
			problems["checklist."+code] = "审核事项“" + itemName(code) + "”重复填写"
			continue
		}
		it.Code, it.Remark = code, strings.TrimSpace(it.Remark)
		given[code] = it
	}
	var items []ChecklistItem
	failed := []string{}
	for _, d := range checklist {
		it, ok := given[d.Code]
		switch {
		case !ok:
			problems["checklist."+d.Code] = "审核事项“" + d.Name + "”未填写"
		case !it.Passed && it.Remark == "":
			problems["checklist."+d.Code] = "审核事项“" + d.Name + "”存在问题的,须写明问题"
		}
		if !it.Passed {
			failed = append(failed, d.Name)
		}
		items = append(items, it)
	}
	outcome, opinion := strings.TrimSpace(in.Outcome), strings.TrimSpace(in.Opinion)
	if !contains(Outcomes, outcome) {
		problems["outcome"] = "审核结论须为" + strings.Join(Outcomes, "、") + "之一"
	}
	if opinion == "" {
		problems["opinion"] = "书面审核意见不能为空"
	}
	if len(problems) > 0 {
		return Result{}, zhifa.Invalid(problems)
	}
	if outcome == OutcomeAgree && len(failed) > 0 {
		return Result{}, zhifa.Errorf(zhifa.ERULE, "审核事项“%s”存在问题,审核结论不能为“同意”;请选择变更、纠正、补充或移送,由承办机构补正后重新提交", strings.Join(failed, "”“"))
	}
	res.Fields = map[string]string{"outcome": outcome, "opinion": opinion}
	res.Checklist = items
	res.ReviewPassed = outcome == OutcomeAgree
	if !res.ReviewPassed {
		res.Next = t.Else
		res.Notice = "审核意见为“" + outcome + "”,案件退回承办机构补正后重新提交"
		if outcome == OutcomeTransfer {
			res.Notice = "审核意见为“移送”:违法行为涉嫌犯罪的,应当及时将案件移送司法机关(《行政处罚法》第二十七条、第五十七条第一款第四项),不属本机关管辖的移送有管辖权的机关;案件退回承办机构办理移送,不得作出处罚决定"
		}
	}
	return res, nil
}

func knownItem(code string) bool { return itemName(code) != "" }

func itemName(code string) string {
	for _, d := range checklist {
		if d.Code == code {
			return d.Name
		}
	}
	return ""
}
