package penalty

import (
	"slices"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/procedure"
)

// Transition is a row of the penalty procedure's table.
type Transition = procedure.Transition[Case]

// Field is a form field of a step.
type Field = procedure.Field

func req(code, label string, k procedure.Kind) Field {
	return Field{Code: code, Label: label, Kind: k, Required: true}
}
func opt(code, label string, k procedure.Kind) Field { return Field{Code: code, Label: label, Kind: k} }

const (
	text = procedure.KindText
	long = procedure.KindLongText
	yes  = procedure.KindYesNo
)

// investigation is where investigation steps may be recorded: after 立案,
// and again after a review return (补充调查), which keeps the case Returned.
var investigation = []Stage{Opened, Investigating, Returned}

// Time limits (deadline rules, package deadline) the procedure starts and
// meets: T3 陈述申辩, T4 hearing request, T6 the 90-day decision limit, L5
// the review, T8 service, G4 publication, T9 payment.
func meets(rules ...string) []procedure.Meet {
	out := make([]procedure.Meet, len(rules))
	for i, r := range rules {
		out[i] = procedure.Meet{Rule: r}
	}
	return out
}

// investigationLimits are every limit of the investigation, met by the
// decision and by leaving the main line.
var investigationLimits = meets("T3", "T4", "T6", "L5")

// Fined is the flag Effects takes when a decision of the case imposed a fine.
const Fined = "fined"

// Table is the penalty general procedure (一般程序行政处罚). Conditional
// fields (statement content or waiver, hearing content or absence,
// recipient, e-service consent, fine against kinds) are marked optional
// here and checked by normalize.
var Table = &procedure.Table[Case]{
	Name:      "行政处罚一般程序",
	Stages:    stages,
	Normalize: normalize,
	Transitions: []Transition{
		{Action: Register, Name: "案源登记", From: []Stage{Unregistered}, To: Registered, Role: zhifa.RoleOfficer,
			Fields: []Field{req("matter", "执法事项", text), req("source", "案件来源", text), req("summary", "案源简况", long), opt("party", "当事人", text)}},
		{Action: Open, Name: "立案", From: []Stage{Registered}, To: Opened, Role: zhifa.RoleUnitHead,
			Fields: []Field{req("opinion", "立案意见", long)},
			Starts: []procedure.Start{{Rule: "T6", Registrant: true}}},
		{Action: Reject, Name: "不予立案", From: []Stage{Registered}, To: Rejected, Role: zhifa.RoleUnitHead, Branch: true,
			Fields: []Field{req("reason", "不予立案理由", long)},
			Meets:  investigationLimits},
		{Action: Inquiry, Name: "询问笔录", From: investigation, To: Investigating, Keep: []Stage{Returned}, Role: zhifa.RoleOfficer, OnSite: true,
			Fields: []Field{req("subject", "被询问人", text), req("place", "地点", text), req("content", "笔录内容", long)}},
		{Action: SiteRecord, Name: "现场检查笔录", From: investigation, To: Investigating, Keep: []Stage{Returned}, Role: zhifa.RoleOfficer, OnSite: true,
			Fields: []Field{req("place", "地点", text), req("content", "笔录内容", long)}},
		{Action: EvidenceEntry, Name: "证据登记", From: investigation, To: Investigating, Keep: []Stage{Returned}, Role: zhifa.RoleOfficer, OnSite: true,
			Fields: []Field{req("title", "证据名称", text), req("description", "证据说明", long), opt("kind", "证据种类", text)}},
		{Action: Conclude, Name: "调查终结报告", From: []Stage{Investigating}, To: Investigated, Role: zhifa.RoleOfficer,
			Fields: []Field{req("facts", "违法事实", long), req("proposal", "处理意见", long)}},
		// A new 事先告知 may follow a review (its outcome may call for one:
		// 纠正 … 重新履行告知程序) or an earlier notice (the unit calls for
		// one): a decision heavier than the last notice needs it (Arts 44,
		// 45 ¶2). It gives the party its rights afresh (History.add).
		{Action: Notify, Name: "事先告知", From: []Stage{Investigated, Notified, Returned, Reviewed}, To: Notified, Role: zhifa.RoleOfficer,
			Fields: slices.Concat([]Field{req("content", "告知内容", long), req("proposed_penalty", "拟处罚内容", long)}, sanctionFields(),
				[]Field{req("hearing_right", "是否告知听证权利", yes)}),
			Starts: []procedure.Start{{Rule: "T3"}, {Rule: "T4", When: procedure.Condition{Yes: []string{"hearing_right"}}}}},
		{Action: Statement, Name: "陈述申辩记录", From: []Stage{Notified}, To: Notified, Role: zhifa.RoleOfficer,
			// Two rights, recorded apart (Arts 45, 63, 64(1)): 陈述申辩 or its
			// waiver, and 要求听证 or 放弃听证. Waiving the statement meets its
			// period only; the hearing-request period (T4) is met only by a
			// request or an explicit waiver of the hearing.
			Fields: []Field{opt("content", "陈述申辩内容", long), opt("waived", "明确放弃陈述申辩", yes),
				opt("hearing_requested", "要求听证", yes), opt("hearing_waived", "明确放弃听证", yes)},
			Meets: []procedure.Meet{
				{Rule: "T3", When: procedure.Condition{Yes: []string{"waived"}, No: []string{"hearing_requested"}}},
				{Rule: "T4", When: procedure.Condition{Yes: []string{"hearing_requested"}}},
				{Rule: "T4", When: procedure.Condition{Yes: []string{"hearing_waived"}}},
			},
			FormGates: []procedure.Gate[Case]{hearingChoice}},
		// The hearing is noticed at least 7 days ahead, with its host and
		// 记录员 chosen from the agency's officers, neither an investigator
		// of the case (Art 64(2), (4)); then held and recorded.
		{Action: HearingNotice, Name: "听证通知", From: []Stage{Notified}, To: Notified, Role: zhifa.RoleOfficer,
			Fields: []Field{req("hearing_date", "听证日期", procedure.KindDate), req("place", "听证地点", text),
				req("host_officer_id", "听证主持人", procedure.KindOfficer), req("clerk_officer_id", "听证记录员", procedure.KindOfficer)},
			Offered:   func(c Case) bool { return c.HearingRequested && !c.HearingHeld },
			Gates:     []procedure.Gate[Case]{hearingRequested},
			FormGates: []procedure.Gate[Case]{hearingNoticeDate, hearingHost}},
		{Action: Hearing, Name: "听证记录", From: []Stage{Notified}, To: Notified, Role: zhifa.RoleOfficer,
			Fields: []Field{req("host", "听证主持人姓名", text), req("host_officer_id", "听证主持人", procedure.KindOfficer),
				req("clerk_officer_id", "听证记录员", procedure.KindOfficer), opt("place", "地点", text),
				opt("content", "听证笔录", long), opt("absent", "当事人无正当理由拒不出席", yes)},
			Offered:   func(c Case) bool { return c.HearingRequested && !c.HearingDate.IsZero() },
			Gates:     []procedure.Gate[Case]{hearingRequested, hearingNoticed},
			FormGates: []procedure.Gate[Case]{hearingHost}},
		{Action: SubmitReview, Name: "提交法制审核", From: []Stage{Notified}, To: InReview, Role: zhifa.RoleUnitHead,
			Fields: []Field{opt("materials", "送审材料", long)},
			Meets:  meets("T3", "T4"), Starts: []procedure.Start{{Rule: "L5"}},
			// The review checks the procedure, 陈述申辩 and hearing included
			// (checklist 程序是否合法), and statements cannot be recorded
			// once the case is in review: the period and any hearing come first.
			Gates: []procedure.Gate[Case]{statementGate("提交法制审核"), hearingGate("提交法制审核")}},
		{Action: Review, Name: "法制审核", From: []Stage{InReview}, To: Reviewed, Else: Returned, Role: zhifa.RoleReviewer,
			Meets: meets("L5"),
			Gates: []procedure.Gate[Case]{reviewerGate},
			Form:  reviewForm},
		{Action: Resubmit, Name: "补正后重新提交", From: []Stage{Returned}, To: InReview, Role: zhifa.RoleUnitHead,
			Fields: []Field{req("corrections", "补正说明", long)},
			Meets:  meets("T3", "T4"), Starts: []procedure.Start{{Rule: "L5"}}},
		{Action: Decide, Name: "作出决定", From: []Stage{Reviewed, Notified}, To: Decided, Role: zhifa.RoleAgencyHead,
			Fields: slices.Concat([]Field{req("facts", "违法事实", long), req("basis", "处罚依据", long)}, sanctionFields(),
				[]Field{req("penalty", "处罚内容", long), req("payment", "履行方式和期限", long), req("remedy", "救济途径", long), opt("discussion", "集体讨论记录", long)}),
			Meets:     investigationLimits,
			Starts:    []procedure.Start{{Rule: "T8", Registrant: true}, {Rule: "G4", Registrant: true}},
			Offered:   func(c Case) bool { return reviewGate(c, procedure.Request{}) == nil },
			Gates:     []procedure.Gate[Case]{reviewGate, statementGate("作出行政处罚决定"), hearingGate("作出行政处罚决定")},
			FormGates: []procedure.Gate[Case]{notHeavier}},
		{Action: Serve, Name: "送达", From: []Stage{Decided}, To: Served, Role: zhifa.RoleOfficer,
			Fields: []Field{{Code: "method", Label: "送达方式", Kind: procedure.KindChoice, Required: true, Options: ServiceMethods},
				opt("recipient", "签收人", text), opt("consent", "电子送达确认书", text)},
			Meets:  meets("T8"),
			Starts: []procedure.Start{{Rule: "T9", Registrant: true, When: procedure.Condition{Flags: []string{Fined}}}}},
		{Action: Execute, Name: "执行", From: []Stage{Served}, To: Executed, Role: zhifa.RoleOfficer,
			Fields: []Field{req("result", "执行情况", long), opt("method", "执行方式", text)},
			Meets:  meets("T9")},
		{Action: Close, Name: "结案", From: []Stage{Executed}, To: Closed, Role: zhifa.RoleUnitHead,
			Fields: []Field{req("summary", "结案报告", long)}},
		{Action: Archive, Name: "归档", From: []Stage{Closed}, To: Archived, Role: zhifa.RoleOfficer,
			Fields: []Field{{Code: "archive_number", Label: "卷宗号", Kind: text, Required: true, MaxLen: 50}}},
		{Action: Dismiss, Name: "撤案", From: []Stage{Opened, Investigating, Investigated, Notified, Returned}, To: Dismissed,
			Role: zhifa.RoleAgencyHead, Branch: true,
			Fields: []Field{req("reason", "撤案理由", long)},
			Meets:  investigationLimits},
	},
}

// Actions returns the transition table, one row per action, in procedure
// order. The result is a copy; changing it changes nothing.
func Actions() []Transition { return Table.Copy() }

// Lookup returns the row of action a.
func Lookup(a Action) (Transition, bool) {
	t, ok := Table.Lookup(a)
	if !ok {
		return Transition{}, false
	}
	return *t, true
}
