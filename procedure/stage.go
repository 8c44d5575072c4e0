package procedure

// Stage is the stage of a penalty case. The values are stored codes; Name
// gives the Chinese.
type Stage string

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
	Withdrawn     Stage = "withdrawn"     // 已撤案
)

// Stages lists every stage of a registered case in display order.
var Stages = []Stage{Registered, Opened, Investigating, Investigated, Notified, InReview, Returned,
	Reviewed, Decided, Served, Executed, Closed, Archived, Rejected, Withdrawn}

var stageNames = map[Stage]string{
	Unregistered:  "尚未登记",
	Registered:    "案源登记",
	Opened:        "已立案",
	Investigating: "调查取证",
	Investigated:  "调查终结",
	Notified:      "已告知(陈述申辩期)",
	InReview:      "法制审核中",
	Returned:      "审核退回(存在问题,待补正)",
	Reviewed:      "审核通过,待负责人决定",
	Decided:       "已决定",
	Served:        "已送达",
	Executed:      "执行完毕",
	Closed:        "已结案",
	Archived:      "已归档",
	Rejected:      "不予立案",
	Withdrawn:     "已撤案",
}

// Name returns the Chinese name of the stage, or "" for an unknown stage.
func (s Stage) Name() string { return stageNames[s] }

// Valid reports whether s is a known stage (Unregistered included).
func (s Stage) Valid() bool { _, ok := stageNames[s]; return ok }

// Final reports whether no action is possible from s.
func (s Stage) Final() bool { return s == Archived || s == Rejected || s == Withdrawn }

// Action is the kind of a recorded step. The values are stored codes; Name
// gives the Chinese.
type Action string

// Actions (step kinds).
const (
	Register     Action = "register"      // 案源登记
	Open         Action = "open"          // 立案
	Reject       Action = "reject"        // 不予立案
	Inquiry      Action = "inquiry"       // 询问笔录
	Inspection   Action = "inspection"    // 现场检查笔录
	Evidence     Action = "evidence"      // 证据登记
	Conclude     Action = "conclude"      // 调查终结报告
	Notify       Action = "notify"        // 事先告知
	Statement    Action = "statement"     // 陈述申辩记录(含放弃)
	Hearing      Action = "hearing"       // 听证记录
	SubmitReview Action = "submit_review" // 提交法制审核
	Review       Action = "review"        // 法制审核
	Resubmit     Action = "resubmit"      // 补正后重新提交
	Decide       Action = "decide"        // 作出决定
	Serve        Action = "serve"         // 送达
	Execute      Action = "execute"       // 执行
	Close        Action = "close"         // 结案
	Archive      Action = "archive"       // 归档
	Withdraw     Action = "withdraw"      // 撤案
)

// Name returns the Chinese name of the action, or "" for an unknown action.
func (a Action) Name() string {
	if t, ok := lookup(a); ok {
		return t.Name
	}
	return ""
}

// Valid reports whether a is a known action.
func (a Action) Valid() bool { _, ok := lookup(a); return ok }
