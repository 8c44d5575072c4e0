package document

// Kind is a kind of 执法文书: its stored code, its name, the action code of
// the step it is produced from, and whether its 文号 is the decision's own.
type Kind struct {
	Code   string
	Name   string
	Action string // the stored action code of the step (penalty.Action)
}

// Kinds lists the documents the penalty general procedure issues, in the
// order of the procedure (SAMR 2021 文书格式范本). Each has a template
// templates/<Code>.tmpl.
var Kinds = []Kind{
	{Code: "filing", Name: "立案审批表", Action: "open"},
	{Code: "inquiry", Name: "询问笔录", Action: "inquiry"},
	{Code: "site_record", Name: "现场检查笔录", Action: "inspection"},
	{Code: "evidence_list", Name: "证据清单", Action: "conclude"},
	{Code: "notice", Name: "行政处罚事先告知书", Action: "notify"},
	{Code: "hearing", Name: "听证笔录", Action: "hearing"},
	{Code: "review", Name: "法制审核意见书", Action: "review"},
	{Code: "decision", Name: "行政处罚决定书", Action: "decide"},
	{Code: "service", Name: "送达回证", Action: "serve"},
	{Code: "closing", Name: "结案审批表", Action: "close"},
	{Code: "archive", Name: "案卷封面、卷内目录和备考表", Action: "archive"},
}

// KindOf returns the kind with code, or false.
func KindOf(code string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Code == code {
			return k, true
		}
	}
	return Kind{}, false
}
