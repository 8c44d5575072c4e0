package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zhifa/zhifa"
)

// ItemDef is an item of the legal-review checklist (seed 四(二)2).
type ItemDef struct {
	Code string // stable, stored
	Name string // Chinese
}

// Item is the reviewer's finding on one checklist item.
type Item struct {
	Code   string
	Passed bool   // false: 存在问题
	Remark string // required when not passed
}

var checklist = []ItemDef{
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
func Checklist() []ItemDef { return slices.Clone(checklist) }

// Review outcomes (DOMAIN §6). Only OutcomeAgree passes: the others send the
// case back to the handling unit, OutcomeTransfer with a notice that the
// case must be transferred rather than decided.
const (
	OutcomeAgree    = "同意"
	OutcomeChange   = "变更"
	OutcomeCorrect  = "纠正"
	OutcomeSupply   = "补充"
	OutcomeTransfer = "移送"
)

// Outcomes lists the review outcomes in display order.
var Outcomes = []string{OutcomeAgree, OutcomeChange, OutcomeCorrect, OutcomeSupply, OutcomeTransfer}

// Passes reports whether outcome lets the proposed decision be made.
func Passes(outcome string) bool { return outcome == OutcomeAgree }

// Input is the legal reviewer's record (法制审核意见).
type Input struct {
	ReviewerUserID    int64 // must be the acting user; 0 means the acting user
	ReviewerQualified bool  // holds 法律职业资格
	// FirstTimeReviewer: the reviewer is new to this review work (处罚法
	// Art 58 ¶2 applies to people first doing it, not to a first review of
	// one case).
	FirstTimeReviewer bool
	Checklist         []Item // one per item of Checklist()
	Outcome           string // one of Outcomes
	Opinion           string // written opinion (审核意见), required
}

// Result is a checked review.
type Result struct {
	Outcome, Opinion string
	Passed           bool   // the outcome passes (同意)
	Checklist        []Item // in Checklist() order
	// Notice is what must follow a review that does not pass.
	Notice string
}

// Apply checks a review form and returns the review: passed when the
// outcome is 同意, which it may be only when every item passed. 变更, 纠正
// and 补充 all mean the proposed decision may not be made as submitted, so
// the handling unit corrects and resubmits (DOMAIN §6); 移送 likewise, with
// a notice that the case must be transferred, not decided. step is the
// Chinese name of the review step and fields any plain fields sent with
// it, which a review does not have. Errors: EINVALID (Problems keyed
// checklist.<code>, outcome, opinion), ERULE (同意 despite a problem).
func Apply(in Input, step string, fields map[string]string) (Result, error) {
	problems := map[string]string{}
	for k := range fields {
		problems[k] = fmt.Sprintf("“%s”没有字段 %s,审核意见请填在审核表中", step, k)
	}
	given := map[string]Item{}
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
	var items []Item
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
	if !slices.Contains(Outcomes, outcome) {
		problems["outcome"] = "审核结论须为" + strings.Join(Outcomes, "、") + "之一"
	}
	if opinion == "" {
		problems["opinion"] = "书面审核意见不能为空"
	}
	if len(problems) > 0 {
		return Result{}, zhifa.Invalid(problems)
	}
	if Passes(outcome) && len(failed) > 0 {
		return Result{}, zhifa.Errorf(zhifa.ERULE, "审核事项“%s”存在问题,审核结论不能为“同意”;请选择变更、纠正、补充或移送,由承办机构补正后重新提交", strings.Join(failed, "”“"))
	}
	res := Result{Outcome: outcome, Opinion: opinion, Passed: Passes(outcome), Checklist: items}
	if !res.Passed {
		res.Notice = "审核意见为“" + outcome + "”,案件退回承办机构补正后重新提交"
		if outcome == OutcomeTransfer {
			res.Notice = "审核意见为“移送”:违法行为涉嫌犯罪的,应当及时将案件移送司法机关(《行政处罚法》第二十七条、第五十七条第一款第四项),不属本机关管辖的移送有管辖权的机关;案件退回承办机构办理移送,不得作出处罚决定"
		}
	}
	return res, nil
}

func knownItem(code string) bool { return itemName(code) != "" }

// ItemName returns the Chinese name of checklist item code, "" if unknown.
func ItemName(code string) string { return itemName(code) }

func itemName(code string) string {
	for _, d := range checklist {
		if d.Code == code {
			return d.Name
		}
	}
	return ""
}
