package penalty

import "github.com/zhifa/zhifa/procedure"

// Stage is the stage of a penalty case. The values are stored codes;
// StageName gives the Chinese.
type Stage = procedure.Stage

// Stages of the penalty general procedure. Unregistered is the zero Stage: a
// case that does not exist yet (the only action from it is Register).
const (
	Unregistered  Stage = ""              // 尚未登记
	Registered    Stage = "registered"    // 案源登记
	Opened        Stage = "opened"        // 已立案
	Investigating Stage = "investigating" // 调查取证
	Investigated  Stage = "investigated"  // 调查终结
	Notified      Stage = "notified"      // 已告知(陈述申辩期)
	InReview      Stage = "in_review"     // 法制审核中
	Returned      Stage = "returned"      // 审核退回(存在问题,待补正)
	Reviewed      Stage = "reviewed"      // 审核通过,待负责人决定
	Decided       Stage = "decided"       // 已决定
	Served        Stage = "served"        // 已送达
	Executed      Stage = "executed"      // 执行完毕
	Closed        Stage = "closed"        // 已结案
	Archived      Stage = "archived"      // 已归档
	Rejected      Stage = "rejected"      // 不予立案
	Dismissed     Stage = "withdrawn"     // 已撤案 (the stored code predates the name)
)

// Stages lists every stage of a registered case in display order.
var Stages = []Stage{Registered, Opened, Investigating, Investigated, Notified, InReview, Returned,
	Reviewed, Decided, Served, Executed, Closed, Archived, Rejected, Dismissed}

var stages = []procedure.StageInfo{
	{Stage: Unregistered, Name: "尚未登记"},
	{Stage: Registered, Name: "案源登记"},
	{Stage: Opened, Name: "已立案"},
	{Stage: Investigating, Name: "调查取证"},
	{Stage: Investigated, Name: "调查终结"},
	{Stage: Notified, Name: "已告知(陈述申辩期)"},
	{Stage: InReview, Name: "法制审核中"},
	{Stage: Returned, Name: "审核退回(存在问题,待补正)"},
	{Stage: Reviewed, Name: "审核通过,待负责人决定"},
	{Stage: Decided, Name: "已决定"},
	{Stage: Served, Name: "已送达"},
	{Stage: Executed, Name: "执行完毕"},
	{Stage: Closed, Name: "已结案"},
	{Stage: Archived, Name: "已归档", Final: true},
	{Stage: Rejected, Name: "不予立案", Final: true},
	{Stage: Dismissed, Name: "已撤案", Final: true},
}

// StageName returns the Chinese name of the stage, or "" for an unknown stage.
func StageName(s Stage) string { return Table.StageName(s) }

// ValidStage reports whether s is a known stage (Unregistered included).
func ValidStage(s Stage) bool { _, ok := Table.Stage(s); return ok }

// Final reports whether no action is possible from s.
func Final(s Stage) bool { si, _ := Table.Stage(s); return si.Final }

// Action is the kind of a recorded step. The values are stored codes;
// ActionName gives the Chinese.
type Action = procedure.Action

// Actions (step kinds). Some Go names differ from their stored codes, which
// predate the glossary (DOMAIN §11) and stay as they are in databases and
// ledger records.
const (
	Register      Action = "register"       // 案源登记
	Open          Action = "open"           // 立案
	Reject        Action = "reject"         // 不予立案
	Inquiry       Action = "inquiry"        // 询问笔录
	SiteRecord    Action = "inspection"     // 现场检查笔录 (Inspection is 行政检查)
	EvidenceEntry Action = "evidence"       // 证据登记 (Evidence is the evidence file)
	Conclude      Action = "conclude"       // 调查终结报告
	Notify        Action = "notify"         // 事先告知
	Statement     Action = "statement"      // 陈述申辩记录(含放弃)
	HearingNotice Action = "hearing_notice" // 听证通知
	Hearing       Action = "hearing"        // 听证记录
	SubmitReview  Action = "submit_review"  // 提交法制审核
	Review        Action = "review"         // 法制审核
	Resubmit      Action = "resubmit"       // 补正后重新提交
	Decide        Action = "decide"         // 作出决定
	Serve         Action = "serve"          // 送达
	Execute       Action = "execute"        // 执行
	Close         Action = "close"          // 结案
	Archive       Action = "archive"        // 归档
	Dismiss       Action = "withdraw"       // 撤案 (Withdrawal is a publication's 撤回)
)

// ActionName returns the Chinese name of the action, or "" for an unknown action.
func ActionName(a Action) string {
	if n := Table.ActionName(a); n != "" {
		return n
	}
	return SimpleTable.ActionName(a)
}

// ValidAction reports whether a is a known action.
func ValidAction(a Action) bool { _, ok := Table.Lookup(a); return ok }
