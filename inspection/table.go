package inspection

import (
	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/procedure"
)

// Stage is the stage of an inspection; Table gives the Chinese.
type Stage = procedure.Stage

// Action is a step of an inspection.
type Action = procedure.Action

// Stages of an inspection. Unstarted is the zero Stage.
const (
	Unstarted Stage = ""
	Started   Stage = "started"   // 已启动
	Notified  Stage = "notified"  // 已通知
	Inspected Stage = "inspected" // 已现场检查
	Concluded Stage = "concluded" // 已出检查结果
	Referred  Stage = "referred"  // 已移送立案查处
	Published Stage = "published" // 结果已公示
)

// Actions of an inspection.
const (
	Start   Action = "start"   // 启动检查
	Notify  Action = "notify"  // 检查通知
	OnSite  Action = "on_site" // 现场检查笔录
	Result  Action = "result"  // 检查结果
	Refer   Action = "refer"   // 移送立案查处
	Publish Action = "publish" // 检查结果公示
)

// Outcomes of an inspection (the result step's "outcome").
const (
	OutcomeClean     = "未发现问题"
	OutcomeRectify   = "责令限期整改"
	OutcomeViolation = "发现违法行为,移送立案查处"
)

// Case is what the inspection procedure's gates know of an inspection.
type Case struct {
	procedure.State
	// ItemRefusal is the refusal of Startable for the inspection's item
	// on the day (nil: the item is published and in effect).
	ItemRefusal error
	// CapRefusal is the refusal of CheckCap (nil: within the yearly cap).
	CapRefusal error
	// Outcome is the result step's outcome, "" before it.
	Outcome string
}

// Transition is a row of the inspection table.
type Transition = procedure.Transition[Case]

type field = procedure.Field

func req(code, label string, k procedure.Kind) field {
	return field{Code: code, Label: label, Kind: k, Required: true}
}
func opt(code, label string, k procedure.Kind) field { return field{Code: code, Label: label, Kind: k} }

// Table is the inspection procedure (行政检查), on the procedure engine.
var Table = &procedure.Table[Case]{
	Name: "行政检查",
	Stages: []procedure.StageInfo{
		{Stage: Unstarted, Name: "尚未启动"},
		{Stage: Started, Name: "已启动"},
		{Stage: Notified, Name: "已通知"},
		{Stage: Inspected, Name: "已现场检查"},
		{Stage: Concluded, Name: "已出检查结果"},
		{Stage: Referred, Name: "已移送立案查处"},
		{Stage: Published, Name: "结果已公示", Final: true},
	},
	Normalize: normalize,
	Transitions: []Transition{
		{Action: Start, Name: "启动检查", From: []Stage{Unstarted}, To: Started, Role: zhifa.RoleOfficer,
			Fields: []field{req("reason", "检查事由", procedure.KindText), opt("joint", "综合查一次编号", procedure.KindText)},
			Gates:  []procedure.Gate[Case]{itemGate, capGate}},
		{Action: Notify, Name: "检查通知", From: []Stage{Started}, To: Notified, Role: zhifa.RoleOfficer,
			Fields: []field{
				{Code: "manner", Label: "通知方式", Kind: procedure.KindChoice, Required: true, Options: []string{"书面通知", "现场告知", "依法不予事先通知"}},
				opt("notice_no", "检查通知书文号", procedure.KindText),
				req("notified_on", "通知日期", procedure.KindDate)}},
		{Action: OnSite, Name: "现场检查笔录", From: []Stage{Notified}, To: Inspected, Role: zhifa.RoleOfficer, OnSite: true,
			Fields: []field{
				req("place", "检查地点", procedure.KindText),
				req("certs_shown", "已出示执法证件", procedure.KindYesNo),
				req("rights_told", "已告知检查事由、依据及陈述申辩、申请回避等权利", procedure.KindYesNo),
				req("content", "检查情况", procedure.KindLongText),
				req("party_signed", "当事人已签名确认笔录", procedure.KindYesNo),
				opt("refusal", "当事人拒绝签名的情况", procedure.KindLongText),
				opt("witness", "见证人", procedure.KindText)},
			FormGates: []procedure.Gate[Case]{certsShown, rightsTold}},
		{Action: Result, Name: "检查结果", From: []Stage{Inspected}, To: Concluded, Role: zhifa.RoleOfficer,
			Fields: []field{
				{Code: "outcome", Label: "检查结论", Kind: procedure.KindChoice, Required: true, Options: []string{OutcomeClean, OutcomeRectify, OutcomeViolation}},
				req("findings", "检查发现", procedure.KindLongText),
				req("public_summary", "公示的检查结果(不含个人信息)", procedure.KindLongText)}},
		{Action: Refer, Name: "移送立案查处", From: []Stage{Concluded}, To: Referred, Role: zhifa.RoleOfficer, Branch: true,
			Fields:  []field{req("summary", "案源简况", procedure.KindLongText), req("matter", "处罚执法事项", procedure.KindText)},
			Gates:   []procedure.Gate[Case]{violationGate},
			Offered: func(c Case) bool { return c.Outcome == OutcomeViolation }},
		{Action: Publish, Name: "检查结果公示", From: []Stage{Concluded, Referred}, To: Published, Role: zhifa.RoleUnitHead,
			Fields: []field{opt("note", "公示说明", procedure.KindText)}},
	},
}

func itemGate(c Case, _ procedure.Request) error { return c.ItemRefusal }
func capGate(c Case, _ procedure.Request) error  { return c.CapRefusal }

func violationGate(c Case, _ procedure.Request) error {
	if c.Outcome != OutcomeViolation {
		return zhifa.Errorf(zhifa.ERULE, "检查结论为“%s”,只有发现违法行为的检查才能移送立案查处(《行政处罚法》第五十四条)", c.Outcome)
	}
	return nil
}

func certsShown(_ Case, r procedure.Request) error {
	if !procedure.Yes(r.Fields["certs_shown"]) {
		return zhifa.Errorf(zhifa.ERULE, "执法人员进行检查时须主动向当事人出示执法证件(《行政处罚法》第五十五条第一款),未出示的不得检查")
	}
	return nil
}

func rightsTold(_ Case, r procedure.Request) error {
	if !procedure.Yes(r.Fields["rights_told"]) {
		return zhifa.Errorf(zhifa.ERULE, "须告知当事人执法事由、执法依据和陈述、申辩、申请回避等权利(《行政处罚法》第五十五条;三项制度 二(三))")
	}
	return nil
}

// normalize states the conditional fields: a party who did not sign has
// the refusal recorded (《行政强制法》第十八条第七项 by analogy; 现场笔录
// 当事人拒绝签名的,在笔录中予以注明).
func normalize(t *Transition, out, problems map[string]string) {
	if t.Action == OnSite && problems["party_signed"] == "" && !procedure.Yes(out["party_signed"]) && out["refusal"] == "" {
		problems["refusal"] = "当事人未签名的,须记录其拒绝签名的情况(当事人拒绝的,在笔录中予以注明)"
	}
}

// StageName returns the Chinese name of the stage.
func StageName(s Stage) string { return Table.StageName(s) }
