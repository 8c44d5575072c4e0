package procedure

import "github.com/zhifa/zhifa"

// Transition is one row of the procedure: an action, the stages it may be
// taken from, the stage it leads to, who performs it and the form it records.
type Transition struct {
	Action Action
	Name   string     // Chinese name of the step
	From   []Stage    // stages the action may be taken from
	To     Stage      // stage after the action (for Review: when the outcome passes)
	Keep   []Stage    // from these stages the case stays where it is (补充调查 while Returned)
	Else   Stage      // Review only: stage when the outcome does not pass
	Role   zhifa.Role // the role that performs it
	// OnSite marks investigation and on-site steps, which need two or more
	// distinct officers with valid certificates (处罚法 Arts 42, 55).
	OnSite bool
	// Branch marks actions that leave the main line (不予立案, 撤案).
	Branch bool
	Fields []Field // the step's form fields, in display order
}

// Field is a form field of a step.
type Field struct {
	Code     string
	Label    string // Chinese
	Required bool   // required on its own; Apply states the conditional ones
}

// next returns the stage the case is in after the action is taken from s.
func (t Transition) next(s Stage) Stage {
	if hasStage(t.Keep, s) {
		return s
	}
	return t.To
}

func (t Transition) field(code string) (Field, bool) {
	for _, f := range t.Fields {
		if f.Code == code {
			return f, true
		}
	}
	return Field{}, false
}

func req(code, label string) Field { return Field{code, label, true} }
func opt(code, label string) Field { return Field{code, label, false} }

// investigation is where investigation steps may be recorded: after 立案,
// and again after a review return (补充调查), which keeps the case Returned.
var investigation = []Stage{Opened, Investigating, Returned}

// table is the penalty general procedure. Conditional fields (statement
// content or waiver, hearing content or absence, recipient, e-service consent)
// are marked optional here and checked in Apply.
var table = []Transition{
	{Action: Register, Name: "案源登记", From: []Stage{Unregistered}, To: Registered, Role: zhifa.RoleOfficer,
		Fields: []Field{req("matter", "执法事项"), req("source", "案件来源"), req("summary", "案源简况"), opt("party", "当事人")}},
	{Action: Open, Name: "立案", From: []Stage{Registered}, To: Opened, Role: zhifa.RoleUnitHead,
		Fields: []Field{opt("opinion", "立案意见")}},
	{Action: Reject, Name: "不予立案", From: []Stage{Registered}, To: Rejected, Role: zhifa.RoleUnitHead, Branch: true,
		Fields: []Field{req("reason", "不予立案理由")}},
	{Action: Inquiry, Name: "询问笔录", From: investigation, To: Investigating, Keep: []Stage{Returned}, Role: zhifa.RoleOfficer, OnSite: true,
		Fields: []Field{req("subject", "被询问人"), req("place", "地点"), req("content", "笔录内容")}},
	{Action: Inspection, Name: "现场检查笔录", From: investigation, To: Investigating, Keep: []Stage{Returned}, Role: zhifa.RoleOfficer, OnSite: true,
		Fields: []Field{req("place", "地点"), req("content", "笔录内容")}},
	{Action: Evidence, Name: "证据登记", From: investigation, To: Investigating, Keep: []Stage{Returned}, Role: zhifa.RoleOfficer, OnSite: true,
		Fields: []Field{req("title", "证据名称"), req("description", "证据说明"), opt("kind", "证据种类")}},
	{Action: Conclude, Name: "调查终结报告", From: []Stage{Investigating}, To: Investigated, Role: zhifa.RoleOfficer,
		Fields: []Field{req("facts", "违法事实"), req("proposal", "处理意见")}},
	{Action: Notify, Name: "事先告知", From: []Stage{Investigated}, To: Notified, Role: zhifa.RoleOfficer,
		Fields: []Field{req("content", "告知内容"), req("proposed_penalty", "拟处罚内容"), req("hearing_right", "是否告知听证权利")}},
	{Action: Statement, Name: "陈述申辩记录", From: []Stage{Notified}, To: Notified, Role: zhifa.RoleOfficer,
		Fields: []Field{opt("content", "陈述申辩内容"), opt("waived", "明确放弃陈述申辩"), opt("hearing_requested", "要求听证")}},
	{Action: Hearing, Name: "听证记录", From: []Stage{Notified}, To: Notified, Role: zhifa.RoleOfficer,
		Fields: []Field{req("host", "听证主持人"), opt("host_officer_id", "主持人执法人员编号"), opt("place", "地点"),
			opt("content", "听证笔录"), opt("absent", "当事人无正当理由拒不出席")}},
	{Action: SubmitReview, Name: "提交法制审核", From: []Stage{Notified}, To: InReview, Role: zhifa.RoleUnitHead,
		Fields: []Field{opt("materials", "送审材料")}},
	{Action: Review, Name: "法制审核", From: []Stage{InReview}, To: Reviewed, Else: Returned, Role: zhifa.RoleReviewer},
	{Action: Resubmit, Name: "补正后重新提交", From: []Stage{Returned}, To: InReview, Role: zhifa.RoleUnitHead,
		Fields: []Field{req("corrections", "补正说明")}},
	{Action: Decide, Name: "作出决定", From: []Stage{Reviewed, Notified}, To: Decided, Role: zhifa.RoleAgencyHead,
		Fields: []Field{req("number", "决定书文号"), req("facts", "违法事实"), req("basis", "处罚依据"),
			req("penalty_kind", "处罚种类"), req("penalty", "处罚内容"), req("fine", "罚款金额(元)"),
			req("payment", "履行方式和期限"), req("remedy", "救济途径"), opt("discussion", "集体讨论记录")}},
	{Action: Serve, Name: "送达", From: []Stage{Decided}, To: Served, Role: zhifa.RoleOfficer,
		Fields: []Field{req("method", "送达方式"), opt("recipient", "签收人"), opt("consent", "电子送达确认书")}},
	{Action: Execute, Name: "执行", From: []Stage{Served}, To: Executed, Role: zhifa.RoleOfficer,
		Fields: []Field{req("result", "执行情况"), opt("method", "执行方式")}},
	{Action: Close, Name: "结案", From: []Stage{Executed}, To: Closed, Role: zhifa.RoleUnitHead,
		Fields: []Field{req("summary", "结案报告")}},
	{Action: Archive, Name: "归档", From: []Stage{Closed}, To: Archived, Role: zhifa.RoleOfficer,
		Fields: []Field{req("archive_number", "卷宗号")}},
	{Action: Withdraw, Name: "撤案", From: []Stage{Opened, Investigating, Investigated, Notified, Returned}, To: Withdrawn,
		Role: zhifa.RoleAgencyHead, Branch: true,
		Fields: []Field{req("reason", "撤案理由")}},
}

// Actions returns the transition table, one row per action, in procedure
// order. The result is a copy; changing it changes nothing.
func Actions() []Transition {
	out := make([]Transition, len(table))
	for i, t := range table {
		t.From = append([]Stage(nil), t.From...)
		t.Keep = append([]Stage(nil), t.Keep...)
		t.Fields = append([]Field(nil), t.Fields...)
		out[i] = t
	}
	return out
}

func lookup(a Action) (Transition, bool) {
	for _, t := range table {
		if t.Action == a {
			return t, true
		}
	}
	return Transition{}, false
}

func hasStage(ss []Stage, s Stage) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func hasRole(rs []zhifa.Role, r zhifa.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// Next returns the actions the holder of roles may take on c now, in table
// order, for showing buttons. It applies the stage, the role, the review
// gate and whether a hearing was requested; rules that depend on the date, the people or the form (陈述申辩
// period, certificates, fields) are left to Apply.
func Next(c Case, roles []zhifa.Role) []Action {
	var out []Action
	for _, t := range table {
		if !hasStage(t.From, c.Stage) || !hasRole(roles, t.Role) {
			continue
		}
		if t.Action == Decide && reviewGate(c) != nil {
			continue
		}
		if t.Action == Hearing && !c.HearingRequested {
			continue
		}
		out = append(out, t.Action)
	}
	return out
}
