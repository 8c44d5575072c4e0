package penalty

import (
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/review"
)

func TestRules(t *testing.T) {
	ptr := func(o Officer) *Officer { return &o }
	tests := []struct {
		name   string
		stage  Stage
		action Action
		cas    func(*Case)
		req    func(*Request)
		code   string
		msg    string
	}{
		// 1. Certificates (Art 42).
		{"no certificate", Notified, Statement, nil, func(r *Request) { r.ActorOfficer = nil }, zhifa.ERULE, "当前用户无执法证,不得进行“陈述申辩记录”"},
		{"actor expired", Decided, Serve, nil, func(r *Request) { r.ActorOfficer = ptr(expired) }, zhifa.ERULE, "赵六(执法证号 61092100004)的执法证已过期(有效期至 2025-03-19)"},
		{"actor suspended", Investigated, Notify, nil, func(r *Request) { r.ActorOfficer = ptr(suspend) }, zhifa.ERULE, "钱七(执法证号 61092100005)的执法证已暂扣"},
		{"actor revoked", Investigating, Conclude, nil, func(r *Request) { r.ActorOfficer = ptr(revoked) }, zhifa.ERULE, "孙八(执法证号 61092100006)的执法证已注销"},
		{"actor not yet valid", Served, Execute, nil, func(r *Request) { r.ActorOfficer = ptr(future) }, zhifa.ERULE, "周九(执法证号 61092100007)的执法证尚未生效(自 2025-03-21 起有效)"},
		{"actor no validity", Closed, Archive, nil, func(r *Request) { r.ActorOfficer = ptr(noDates) }, zhifa.ERULE, "有效期未登记"},
		{"actor unknown status", Unregistered, Register, nil, func(r *Request) { o := offA; o.Cert.Status = "待审"; r.ActorOfficer = &o }, zhifa.ERULE, "状态为“待审”"},
		{"valid on its last day", Investigating, Conclude, nil, func(r *Request) { r.ActorOfficer = ptr(offC) }, "", ""},
		{"expired the day after", Investigating, Conclude, nil, func(r *Request) { r.ActorOfficer = ptr(offC); r.Today = today.AddDate(0, 0, 1) }, zhifa.ERULE, "王五(执法证号 61092100003)的执法证已过期"},
		{"partner expired", Opened, Inquiry, nil, func(r *Request) { r.Officers = []Officer{offA, expired} }, zhifa.ERULE, "赵六(执法证号 61092100004)的执法证已过期"},
		{"unit head with a suspended certificate", Registered, Open, nil, func(r *Request) { r.ActorOfficer = ptr(suspend) }, zhifa.ERULE, "钱七(执法证号 61092100005)的执法证已暂扣"},
		{"unit head without a certificate", Registered, Open, nil, func(r *Request) { r.ActorOfficer = nil }, "", ""},
		{"listed officer on a head's step", Registered, Open, nil, func(r *Request) { r.Officers = []Officer{suspend} }, zhifa.ERULE, "钱七(执法证号 61092100005)的执法证已暂扣"},

		// 2. Two officers (Arts 42, 55).
		{"inquiry alone", Opened, Inquiry, nil, func(r *Request) { r.Officers = []Officer{offA} }, zhifa.ERULE, "调查取证须由两名以上持有效执法证的执法人员进行(《行政处罚法》第四十二条、第五十五条),本次仅有 1 名"},
		{"inspection same officer twice", Investigating, SiteRecord, nil, func(r *Request) { r.Officers = []Officer{offA, offA} }, zhifa.ERULE, "本次仅有 1 名"},
		{"evidence nobody", Returned, EvidenceEntry, nil, func(r *Request) { r.Officers = nil }, zhifa.ERULE, "本次仅有 0 名"},
		{"actor not among them", Opened, Inquiry, nil, func(r *Request) { r.Officers = []Officer{offB, offC} }, zhifa.ERULE, "记录“询问笔录”的执法人员张三须为参与本次调查取证的执法人员之一"},
		{"three officers", Opened, Inquiry, nil, func(r *Request) { r.Officers = []Officer{offA, offB, offC} }, "", ""},
		{"serve by one", Decided, Serve, nil, func(r *Request) { r.Officers = []Officer{offA} }, "", ""},

		// 3. Separation of duties and the reviewer's qualification (Art 58 ¶2).
		{"reviewer handled the case", InReview, Review, nil, func(r *Request) { r.ActorOfficer = ptr(offB) }, zhifa.ERULE, "审核人员不得审核本人承办或参与办理的案件"},
		{"reviewer recorded a step", InReview, Review, func(c *Case) { c.ParticipantIDs = append(c.ParticipantIDs, userReviewer) }, nil, zhifa.ERULE, "审核人员不得审核本人承办或参与办理的案件"},
		{"first-time reviewer unqualified", InReview, Review, nil, func(r *Request) {
			r.ActorOfficer = nil
			rv(r).ReviewerQualified, rv(r).FirstTimeReviewer = false, true
		}, zhifa.ERULE, "初次从事行政处罚决定法制审核的人员,应当通过国家统一法律职业资格考试取得法律职业资格(《行政处罚法》第五十八条第二款)"},
		{"first-time reviewer qualified by officer record", InReview, Review, nil, func(r *Request) {
			rv(r).ReviewerQualified, rv(r).FirstTimeReviewer = false, true
		}, "", ""},
		{"experienced reviewer unqualified", InReview, Review, nil, func(r *Request) { r.ActorOfficer = nil; rv(r).ReviewerQualified = false }, "", ""},
		{"reviewer is someone else", InReview, Review, nil, func(r *Request) { rv(r).ReviewerUserID = 999 }, zhifa.EINVALID, "审核人须为当前登录用户本人"},
		{"review without form", InReview, Review, nil, func(r *Request) { r.Form = nil }, zhifa.EINVALID, "缺少法制审核意见"},
		{"review by an officer", InReview, Review, nil, func(r *Request) { r.ActorRoles = []zhifa.Role{zhifa.RoleOfficer} }, zhifa.EFORBIDDEN, "“法制审核”须由法制审核人员进行"},

		// 4. Review gate (Art 58).
		{"decide unreviewed", Notified, Decide, nil, nil, zhifa.ERULE, "未经法制审核或者审核未通过的,不得作出决定(《行政处罚法》第五十八条)"},
		{"decide review not passed", Reviewed, Decide, func(c *Case) { c.ReviewPassed = false }, nil, zhifa.ERULE, "未经法制审核或者审核未通过的"},

		// 5. 陈述申辩 and hearing (Arts 44, 45, 62–65).
		{"decide on the last day", Reviewed, Decide, func(c *Case) { c.StatementDue = today }, nil, zhifa.ERULE, "陈述申辩期限至 2025-03-20 尚未届满,不得作出行政处罚决定"},
		{"decide the day after", Reviewed, Decide, func(c *Case) { c.StatementDue = today.AddDate(0, 0, -1) }, nil, "", ""},
		{"decide during period, waived", Reviewed, Decide, func(c *Case) { c.StatementDue = today.AddDate(0, 0, 3); c.StatementWaived = true }, nil, "", ""},
		{"decide without notice", Notified, Decide, func(c *Case) { c.ReviewRequired = false; c.StatementDue = zeroTime }, nil, zhifa.ERULE, "未依法事先告知当事人"},
		{"decide before hearing", Reviewed, Decide, func(c *Case) { c.HearingHeld = false }, nil, zhifa.ERULE, "当事人要求听证,听证尚未举行,不得作出行政处罚决定"},
		{"decide while hearing may be requested", Reviewed, Decide, func(c *Case) {
			c.HearingRequested, c.HearingHeld, c.StatementWaived = false, false, true
			c.HearingDue = today
		}, nil, zhifa.ERULE, "当事人要求听证的期限至 2025-03-20 尚未届满"},
		{"submit during period", Notified, SubmitReview, func(c *Case) { c.StatementDue = today.AddDate(0, 0, 2) }, nil, zhifa.ERULE, "陈述申辩期限至 2025-03-22 尚未届满,不得提交法制审核"},
		{"submit before hearing", Notified, SubmitReview, func(c *Case) { c.HearingHeld = false }, nil, zhifa.ERULE, "听证尚未举行,不得提交法制审核"},
		{"hearing not requested", Notified, Hearing, func(c *Case) { c.HearingRequested = false }, nil, zhifa.ECONFLICT, "当事人未要求听证"},
		{"hearing hosted by investigator", Notified, Hearing, nil, func(r *Request) { r.Fields["host"] = "李四"; r.Fields["host_officer_id"] = "2" }, zhifa.ERULE, "非本案调查人员主持(《行政处罚法》第六十四条第四项):所选主持人是本案调查人员"},
		{"hearing clerk an investigator", Notified, Hearing, nil, func(r *Request) { r.Fields["clerk_officer_id"] = "1" }, zhifa.ERULE, "听证记录员不得由本案调查人员担任"},
		{"hearing host and clerk one officer", Notified, Hearing, nil, func(r *Request) { r.Fields["clerk_officer_id"] = "9" }, zhifa.ERULE, "听证主持人和记录员须为不同的执法人员"},
		{"hearing without host id", Notified, Hearing, nil, func(r *Request) { delete(r.Fields, "host_officer_id") }, zhifa.EINVALID, "听证主持人不能为空"},
		{"hearing before its notice", Notified, Hearing, func(c *Case) { c.HearingDate = time.Time{} }, nil, zhifa.ERULE, "听证前须记录听证通知"},
		{"hearing before the noticed day", Notified, Hearing, func(c *Case) { c.HearingDate = today.AddDate(0, 0, 1) }, nil, zhifa.ERULE, "不得提前举行听证"},
		{"hearing notice 6 days ahead", Notified, HearingNotice, nil, func(r *Request) { r.Fields["hearing_date"] = today.AddDate(0, 0, 6).Format(time.DateOnly) }, zhifa.ERULE, "举行听证的七日前"},
		{"hearing notice 7 days ahead", Notified, HearingNotice, nil, nil, "", ""},
		{"hearing notice with an investigator as 记录员", Notified, HearingNotice, nil, func(r *Request) { r.Fields["clerk_officer_id"] = "2" }, zhifa.ERULE, "听证记录员不得由本案调查人员担任"},
		{"hearing notice without a request", Notified, HearingNotice, func(c *Case) { c.HearingRequested = false }, nil, zhifa.ECONFLICT, "当事人未要求听证"},
		{"statement waived, hearing requested", Notified, Statement, nil, func(r *Request) { r.Fields = map[string]string{"waived": "是", "hearing_requested": "是"} }, "", ""},
		{"hearing requested late", Notified, Statement, func(c *Case) { c.HearingDue = today.AddDate(0, 0, -1) }, nil, zhifa.ERULE, "应当在行政机关告知后五日内提出(《行政处罚法》第六十四条第一项)"},
		{"hearing requested without the right", Notified, Statement, func(c *Case) { c.HearingRight = false }, nil, zhifa.ECONFLICT, "事先告知未告知听证权利"},
		{"hearing both requested and waived", Notified, Statement, nil, func(r *Request) { r.Fields["hearing_waived"] = "是" }, zhifa.EINVALID, "只能选择其一"},

		// 6. Review outcomes and checklist.
		{"agree with a problem", InReview, Review, nil, func(r *Request) {
			rv(r).Checklist[4] = review.Item{Code: "procedure", Remark: "未告知听证权利"}
		}, zhifa.ERULE, "审核事项“程序是否合法”存在问题,审核结论不能为“同意”"},
		{"missing item", InReview, Review, nil, func(r *Request) { rv(r).Checklist = rv(r).Checklist[:8] }, zhifa.EINVALID, "审核事项“其他”未填写"},
		{"duplicate item", InReview, Review, nil, func(r *Request) {
			rv(r).Checklist = append(rv(r).Checklist, review.Item{Code: "other", Passed: true})
		}, zhifa.EINVALID, "重复填写"},
		{"unknown item", InReview, Review, nil, func(r *Request) { rv(r).Checklist[8].Code = "misc" }, zhifa.EINVALID, "无法识别"},
		{"failed item without remark", InReview, Review, nil, func(r *Request) {
			rv(r).Checklist[2] = review.Item{Code: "facts"}
			rv(r).Outcome = review.OutcomeSupply
		}, zhifa.EINVALID, "审核事项“事实是否清楚、证据是否确凿充分合法”存在问题的,须写明问题"},
		{"no opinion", InReview, Review, nil, func(r *Request) { rv(r).Opinion = "  " }, zhifa.EINVALID, "书面审核意见不能为空"},
		{"bad outcome", InReview, Review, nil, func(r *Request) { rv(r).Outcome = "通过" }, zhifa.EINVALID, "审核结论须为同意、变更、纠正、补充、移送之一"},
		{"review with form fields", InReview, Review, nil, func(r *Request) { r.Fields = map[string]string{"opinion": "x"} }, zhifa.EINVALID, "没有字段 opinion"},

		// 7. Role.
		{"officer opens", Registered, Open, nil, func(r *Request) { r.ActorRoles = []zhifa.Role{zhifa.RoleOfficer} }, zhifa.EFORBIDDEN, "“立案”须由承办机构负责人进行,当前用户不具备该角色"},
		{"unit head decides", Reviewed, Decide, nil, func(r *Request) { r.ActorRoles = []zhifa.Role{zhifa.RoleUnitHead} }, zhifa.EFORBIDDEN, "“作出决定”须由机关负责人进行"},

		// 8. Stage.
		{"decide while investigating", Investigating, Decide, nil, nil, zhifa.ECONFLICT, "案件当前处于“调查取证”阶段,不能进行“作出决定”"},
		{"statement after review", InReview, Statement, nil, nil, zhifa.ECONFLICT, "案件当前处于“法制审核中”阶段,不能进行“陈述申辩记录”"},
		{"register twice", Registered, Register, nil, nil, zhifa.ECONFLICT, "案件当前处于“案源登记”阶段,不能进行“案源登记”"},
		{"inquiry before registration", Unregistered, Inquiry, nil, nil, zhifa.ECONFLICT, "案件尚未登记,不能进行“询问笔录”"},
		{"unknown stage", "paused", Close, nil, nil, zhifa.ECONFLICT, "案件阶段“paused”无法识别"},
		{"unknown action", Opened, "fly", nil, nil, zhifa.EINVALID, "未知的办案环节"},

		// 9. Fields.
		{"inquiry missing", Opened, Inquiry, nil, func(r *Request) { delete(r.Fields, "subject"); r.Fields["content"] = " " }, zhifa.EINVALID, "笔录内容不能为空;被询问人不能为空"},
		{"unknown field", Opened, Inquiry, nil, func(r *Request) { r.Fields["colour"] = "red" }, zhifa.EINVALID, "“询问笔录”没有字段 colour"},
		{"statement empty", Notified, Statement, nil, func(r *Request) { r.Fields = map[string]string{} }, zhifa.EINVALID, "陈述申辩内容不能为空"},
		{"statement waived bad", Notified, Statement, nil, func(r *Request) { r.Fields = map[string]string{"waived": "maybe"} }, zhifa.EINVALID, "明确放弃陈述申辩须为“是”或“否”"},
		{"hearing empty", Notified, Hearing, nil, func(r *Request) { delete(r.Fields, "content") }, zhifa.EINVALID, "听证笔录不能为空"},
		{"hearing host id", Notified, Hearing, nil, func(r *Request) { r.Fields["host_officer_id"] = "x" }, zhifa.EINVALID, "听证主持人须为正整数"},
		{"notify hearing right", Investigated, Notify, nil, func(r *Request) { r.Fields["hearing_right"] = "也许" }, zhifa.EINVALID, "是否告知听证权利须为“是”或“否”"},
		{"fine decimal", Reviewed, Decide, nil, func(r *Request) { r.Fields["fine"] = "5000.5" }, zhifa.EINVALID, "罚款金额须为不小于 0 的整数(元)"},
		{"fine negative", Reviewed, Decide, nil, func(r *Request) { r.Fields["fine"] = "-1" }, zhifa.EINVALID, "罚款金额须为不小于 0 的整数(元)"},
		{"fine missing", Reviewed, Decide, nil, func(r *Request) { delete(r.Fields, "fine") }, zhifa.EINVALID, "处罚种类含罚款的,请填写罚款金额"},
		{"fine zero for 罚款", Reviewed, Decide, nil, func(r *Request) { r.Fields["fine"] = "0" }, zhifa.EINVALID, "处罚种类含罚款的,罚款金额须大于 0"},
		{"fine without 罚款", Reviewed, Decide, nil, func(r *Request) { r.Fields["penalty_kind"] = "警告" }, zhifa.EINVALID, "处罚种类不含罚款的,罚款金额应为 0"},
		{"warning, fine 0", Reviewed, Decide, nil, func(r *Request) {
			r.Fields["penalty_kind"] = "警告"
			r.Fields["fine"] = "0"
			delete(r.Fields, "gains")
		}, "", ""},
		{"kind not in Art 9", Reviewed, Decide, nil, func(r *Request) { r.Fields["penalty_kind"] = "罚款、赔礼道歉" }, zhifa.EINVALID, "处罚种类“赔礼道歉”不是《行政处罚法》第九条规定的种类"},
		{"decision missing remedy", Reviewed, Decide, nil, func(r *Request) { delete(r.Fields, "remedy") }, zhifa.EINVALID, "救济途径不能为空"},
		{"serve bad method", Decided, Serve, nil, func(r *Request) { r.Fields["method"] = "微信" }, zhifa.EINVALID, "送达方式须为直接送达、留置送达、邮寄送达、电子送达、公告送达之一"},
		{"serve e-service without consent", Decided, Serve, nil, func(r *Request) { r.Fields["method"] = "电子送达" }, zhifa.EINVALID, "电子送达须当事人同意并签订确认书(《行政处罚法》第六十一条第二款)"},
		{"serve without recipient", Decided, Serve, nil, func(r *Request) { delete(r.Fields, "recipient") }, zhifa.EINVALID, "签收人不能为空"},
		{"reject no reason", Registered, Reject, nil, func(r *Request) { r.Fields = nil }, zhifa.EINVALID, "不予立案理由不能为空"},
		{"withdraw no reason", Notified, Dismiss, nil, func(r *Request) { r.Fields = nil }, zhifa.EINVALID, "撤案理由不能为空"},
		{"archive no number", Closed, Archive, nil, func(r *Request) { r.Fields = nil }, zhifa.EINVALID, "卷宗号不能为空"},
		{"resubmit no corrections", Returned, Resubmit, nil, func(r *Request) { r.Fields = nil }, zhifa.EINVALID, "补正说明不能为空"},
	}
	for _, tt := range tests {
		c := readyCase(tt.stage)
		if tt.cas != nil {
			tt.cas(&c)
		}
		var r Request
		if ValidAction(tt.action) {
			r = validRequest(tt.action)
		} else {
			r = Request{Action: tt.action, Today: today}
		}
		if tt.req != nil {
			tt.req(&r)
		}
		_, err := Apply(c, r)
		if tt.code == "" {
			if err != nil {
				t.Errorf("%s: %v, want success", tt.name, err)
			}
			continue
		}
		check(t, tt.name, err, tt.code, tt.msg)
	}
}

var zeroTime = Case{}.StatementDue

func TestInvalidProblems(t *testing.T) {
	r := validRequest(Decide)
	delete(r.Fields, "basis")
	r.Fields["fine"] = "abc"
	_, err := Apply(readyCase(Reviewed), r)
	e, ok := err.(*zhifa.Error)
	if !ok || e.Code != zhifa.EINVALID {
		t.Fatalf("err = %v", err)
	}
	if e.Problems["basis"] != "处罚依据不能为空" || e.Problems["fine"] == "" || len(e.Problems) != 2 {
		t.Errorf("problems = %v", e.Problems)
	}
}

func TestSimpleAllowed(t *testing.T) {
	tests := []struct {
		who  string
		fine int64
		kind string
		code string
		msg  string
	}{
		{"person", 200, "罚款", "", ""},
		{zhifa.PartyPerson, 200, "罚款", "", ""}, // the party kinds as stored
		{zhifa.PartyPerson, 201, "罚款", zhifa.ERULE, "对公民处以200元以下罚款方可适用简易程序"},
		{zhifa.PartyOrganization, 3000, "警告、罚款", "", ""},
		{zhifa.PartyOrganization, 3001, "罚款", zhifa.ERULE, "对法人或者其他组织处以3000元以下罚款方可适用简易程序"},
		{"person", 0, "其他", zhifa.ERULE, "“法律、行政法规规定的其他行政处罚”须适用普通程序"},
		{"公民", 201, "罚款", zhifa.ERULE, "对公民处以200元以下罚款方可适用简易程序(《行政处罚法》第五十一条),本案罚款 201 元"},
		{"organisation", 3000, "罚款", "", ""},
		{"法人", 3001, "罚款", zhifa.ERULE, "对法人或者其他组织处以3000元以下罚款方可适用简易程序"},
		{"其他组织", 0, "警告", "", ""},
		{"person", 100, "警告、罚款", "", ""},
		{"person", 0, "通报批评", zhifa.ERULE, "“通报批评”须适用普通程序"},
		{"organisation", 500, "罚款、没收违法所得", zhifa.ERULE, "“没收违法所得”须适用普通程序"},
		{"person", 0, "罚款", zhifa.EINVALID, "处罚种类含罚款的,罚款金额须大于 0"},
		{"person", 50, "警告", zhifa.EINVALID, "处罚种类不含罚款的,罚款金额应为 0"},
		{"person", -1, "罚款", zhifa.EINVALID, "罚款金额须为不小于 0 的整数(元)"},
		{"robot", 10, "罚款", zhifa.EINVALID, "当事人类型须为公民或者法人、其他组织"},
		{"person", 10, "罚金", zhifa.EINVALID, "处罚种类“罚金”不是《行政处罚法》第九条规定的种类"},
		{"person", 0, "", zhifa.EINVALID, "不是《行政处罚法》第九条规定的种类"},
	}
	for _, tt := range tests {
		err := SimpleAllowed(tt.who, tt.fine, tt.kind)
		name := tt.who + "/" + tt.kind
		if tt.code == "" {
			if err != nil {
				t.Errorf("%s %d: %v, want nil", name, tt.fine, err)
			}
			continue
		}
		check(t, name, err, tt.code, tt.msg)
	}
}
