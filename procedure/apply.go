package procedure

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
)

// Officer is an officer's certificate (执法证) as the rules need it.
type Officer struct {
	ID     int64
	Name   string
	CertNo string
	Status string // "有效", "暂扣", "注销"
	// ValidFrom and ValidTo are civil dates; the certificate is valid on both.
	// A zero date means the validity was not registered, and the certificate
	// is not valid.
	ValidFrom, ValidTo time.Time
	LegalQualification bool // 法律职业资格
}

// Certificate statuses.
const (
	CertValid     = "有效"
	CertSuspended = "暂扣"
	CertRevoked   = "注销"
)

// Case is what the rules need to know of a penalty case. The service builds it
// from the stored case and its steps.
type Case struct {
	Stage    Stage
	AgencyID int64
	Simple   bool // 简易程序
	// ReviewRequired: the case is in the agency's review catalog. Every
	// general-procedure penalty is (DOMAIN §6); the service must set it.
	ReviewRequired bool
	// HandlerIDs are the officer ids of the assigned handlers (承办人) and of
	// every officer present at an investigation step: none may review the
	// case or preside over its hearing.
	HandlerIDs []int64
	// ParticipantIDs are the user ids of everyone who has recorded a step on
	// the case other than a review: a reviewer who returned the case must be
	// able to review the resubmission.
	ParticipantIDs []int64
	// StatementDue is the last day of the 陈述申辩 period (a civil date),
	// zero if the party has not been notified.
	StatementDue time.Time
	// HearingDue is the last day the party may request a hearing (5 working
	// days after the notice, 处罚法 Art 64(1)), zero if the notice did not
	// grant a hearing right or the party waived it in the record.
	HearingDue       time.Time
	StatementWaived  bool // the party explicitly waived 陈述申辩 in the record (Art 62)
	HearingRequested bool // the party requested a hearing (Art 63)
	HearingHeld      bool // a hearing record exists (held, or the party failed to attend: Art 64(6))
	// ReviewPassed: a review with a passing outcome exists since the last
	// submission or resubmission.
	ReviewPassed bool
}

// Request is a step someone asks to record.
type Request struct {
	Action       Action
	ActorRoles   []zhifa.Role
	ActorUserID  int64
	ActorOfficer *Officer // the acting user's officer record, nil if none
	// Officers are the officers taking part in the step; for on-site steps
	// both (or all) of them, the acting officer among them.
	Officers []Officer
	Today    time.Time // the date "now"
	Fields   map[string]string
	Review   *ReviewInput // for Action Review
}

// ReviewInput is the legal reviewer's record (法制审核意见).
type ReviewInput struct {
	ReviewerUserID    int64 // must be the acting user; 0 means the acting user
	ReviewerQualified bool  // holds 法律职业资格
	// FirstTimeReviewer: the reviewer is new to penalty-decision review (处罚法
	// Art 58 ¶2 applies to people first doing this work, not to a first
	// review of one case).
	FirstTimeReviewer bool
	Checklist         []ChecklistItem // one per item of Checklist()
	Outcome           string          // one of Outcomes
	Opinion           string          // written opinion (审核意见), required
}

// Review outcomes (DOMAIN §6). Only OutcomeAgree passes: the others send the
// case back to the handling unit (Returned), OutcomeTransfer with a notice
// that the case must be transferred rather than decided.
const (
	OutcomeAgree    = "同意"
	OutcomeChange   = "变更"
	OutcomeCorrect  = "纠正"
	OutcomeSupply   = "补充"
	OutcomeTransfer = "移送"
)

// Outcomes lists the review outcomes in display order.
var Outcomes = []string{OutcomeAgree, OutcomeChange, OutcomeCorrect, OutcomeSupply, OutcomeTransfer}

// Result is the step to record.
type Result struct {
	Next   Stage             // the case's stage after the step
	Fields map[string]string // the step's fields, trimmed and normalized, empty ones dropped
	// ReviewPassed is, for a review, whether the outcome passes (同意).
	ReviewPassed bool
	// Checklist is, for a review, the checklist in Checklist() order.
	Checklist []ChecklistItem
	// Notice is a message for the user about what must follow (e.g. the
	// transfer after a 移送 opinion); "" if none.
	Notice string
}

// Apply checks the request against the case and the rules and returns the
// step to record. The checks run in this order, and the first failure is
// returned: the stage (ECONFLICT), the actor's role (EFORBIDDEN), the rules of
// law that do not depend on the form (ERULE: certificates, two officers,
// separation of duties, review gate, 陈述申辩 and hearing), the form
// (EINVALID, Problems keyed by field code), then the rules that depend on the
// form (ERULE: review consistency, hearing host).
func Apply(c Case, r Request) (Result, error) {
	t, ok := lookup(r.Action)
	if !ok {
		return Result{}, zhifa.Invalid(map[string]string{"action": fmt.Sprintf("未知的办案环节 %q", r.Action)})
	}
	if !hasStage(t.From, c.Stage) {
		return Result{}, stageConflict(c.Stage, t)
	}
	if !hasRole(r.ActorRoles, t.Role) {
		return Result{}, zhifa.Errorf(zhifa.EFORBIDDEN, "“%s”须由%s进行,当前用户不具备该角色", t.Name, t.Role.Name())
	}
	if err := checkPeople(c, r, t); err != nil {
		return Result{}, err
	}
	if err := checkGates(c, r, t); err != nil {
		return Result{}, err
	}
	res := Result{Next: t.next(c.Stage)}
	if t.Action == Review {
		return applyReview(c, r, t, res)
	}
	fields, err := normalize(t, r.Fields)
	if err != nil {
		return Result{}, err
	}
	res.Fields = fields
	if t.Action == Hearing {
		if id, ok := fields["host_officer_id"]; ok {
			n, _ := strconv.ParseInt(id, 10, 64)
			if containsID(c.HandlerIDs, n) {
				return Result{}, zhifa.Errorf(zhifa.ERULE, "听证由行政机关指定的非本案调查人员主持(《行政处罚法》第六十四条第四项),主持人%s是本案承办人", fields["host"])
			}
		}
	}
	return res, nil
}

func stageConflict(s Stage, t Transition) error {
	if s == Unregistered {
		return zhifa.Errorf(zhifa.ECONFLICT, "案件尚未登记,不能进行“%s”", t.Name)
	}
	if !s.Valid() {
		return zhifa.Errorf(zhifa.ECONFLICT, "案件阶段“%s”无法识别,不能进行“%s”", string(s), t.Name)
	}
	return zhifa.Errorf(zhifa.ECONFLICT, "案件当前处于“%s”阶段,不能进行“%s”", s.Name(), t.Name)
}

// checkPeople applies the rules on who acts: certificates (Art 42), two
// officers on investigation and on-site steps (Arts 42, 55), and for a review
// the separation of duties and the reviewer's qualification (Art 58 ¶2).
func checkPeople(c Case, r Request, t Transition) error {
	if t.Role == zhifa.RoleOfficer && r.ActorOfficer == nil {
		return zhifa.Errorf(zhifa.ERULE, "当前用户无执法证,不得进行“%s”(《行政处罚法》第四十二条:行政处罚应当由具有行政执法资格的执法人员实施)", t.Name)
	}
	// Whoever holds a certificate acts under it, whatever the role: an
	// expired or suspended certificate blocks every enforcement action
	// (DOMAIN §2), a unit head's approval included.
	if r.ActorOfficer != nil {
		if err := checkCert(*r.ActorOfficer, r.Today); err != nil {
			return err
		}
	}
	for _, o := range r.Officers {
		if err := checkCert(o, r.Today); err != nil {
			return err
		}
	}
	if t.OnSite {
		seen := map[int64]bool{}
		for _, o := range r.Officers {
			seen[o.ID] = true
		}
		if len(seen) < 2 {
			return zhifa.Errorf(zhifa.ERULE, "调查取证须由两名以上持有效执法证的执法人员进行(《行政处罚法》第四十二条、第五十五条),本次仅有 %d 名", len(seen))
		}
		if !seen[r.ActorOfficer.ID] {
			return zhifa.Errorf(zhifa.ERULE, "记录“%s”的执法人员%s须为参与本次调查取证的执法人员之一", t.Name, r.ActorOfficer.Name)
		}
	}
	if t.Action == Review {
		in := r.Review
		if in == nil {
			return zhifa.Invalid(map[string]string{"review": "缺少法制审核意见"})
		}
		if in.ReviewerUserID != 0 && in.ReviewerUserID != r.ActorUserID {
			return zhifa.Invalid(map[string]string{"reviewer": "审核人须为当前登录用户本人"})
		}
		if containsID(c.ParticipantIDs, r.ActorUserID) || r.ActorOfficer != nil && containsID(c.HandlerIDs, r.ActorOfficer.ID) {
			return zhifa.Errorf(zhifa.ERULE, "审核人员不得审核本人承办或参与办理的案件")
		}
		qualified := in.ReviewerQualified || r.ActorOfficer != nil && r.ActorOfficer.LegalQualification
		if in.FirstTimeReviewer && !qualified {
			return zhifa.Errorf(zhifa.ERULE, "初次从事行政处罚决定法制审核的人员,应当通过国家统一法律职业资格考试取得法律职业资格(《行政处罚法》第五十八条第二款)")
		}
	}
	return nil
}

// checkCert refuses an officer whose certificate is not valid on today.
func checkCert(o Officer, today time.Time) error {
	var reason string
	switch {
	case o.Status == CertSuspended:
		reason = "已暂扣"
	case o.Status == CertRevoked:
		reason = "已注销"
	case o.Status != CertValid:
		reason = fmt.Sprintf("状态为“%s”", o.Status)
	case o.ValidFrom.IsZero() || o.ValidTo.IsZero():
		reason = "有效期未登记"
	case civil(today) < civil(o.ValidFrom):
		reason = "尚未生效(自 " + o.ValidFrom.Format(time.DateOnly) + " 起有效)"
	case civil(today) > civil(o.ValidTo):
		reason = "已过期(有效期至 " + o.ValidTo.Format(time.DateOnly) + ")"
	default:
		return nil
	}
	return zhifa.Errorf(zhifa.ERULE, "执法人员%s(执法证号 %s)的执法证%s,不得从事执法活动(《行政处罚法》第四十二条)", o.Name, o.CertNo, reason)
}

// civil returns t's calendar date, in t's own location, as a comparable number.
func civil(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// reviewGate refuses a decision on a case in the review catalog until a
// review passed (Art 58; seed 四).
func reviewGate(c Case) error {
	if c.ReviewRequired && !c.ReviewPassed || c.Stage == Reviewed && !c.ReviewPassed {
		return zhifa.Errorf(zhifa.ERULE, "未经法制审核或者审核未通过的,不得作出决定(《行政处罚法》第五十八条)")
	}
	return nil
}

// hearingGate refuses to go on while the party may still request a hearing,
// or requested one that has not been held (Arts 63–65).
func hearingGate(c Case, today time.Time, what string) error {
	if c.HearingRequested && !c.HearingHeld {
		return zhifa.Errorf(zhifa.ERULE, "当事人要求听证,听证尚未举行,不得%s(《行政处罚法》第六十三条至第六十五条)", what)
	}
	if !c.HearingRequested && !c.HearingDue.IsZero() && civil(today) <= civil(c.HearingDue) {
		return zhifa.Errorf(zhifa.ERULE, "当事人要求听证的期限至 %s 尚未届满,不得%s(《行政处罚法》第六十四条第一项)", c.HearingDue.Format(time.DateOnly), what)
	}
	return nil
}

// statementGate refuses to go on before the party was notified, or while the
// 陈述申辩 period runs, unless the party waived it (Arts 44, 45, 62).
func statementGate(c Case, today time.Time, what string) error {
	if c.StatementWaived {
		return nil
	}
	if c.StatementDue.IsZero() {
		return zhifa.Errorf(zhifa.ERULE, "未依法事先告知当事人拟作出的行政处罚内容及事实、理由、依据和陈述、申辩、要求听证等权利,不得%s(《行政处罚法》第四十四条、第六十二条)", what)
	}
	if civil(today) <= civil(c.StatementDue) {
		return zhifa.Errorf(zhifa.ERULE, "陈述申辩期限至 %s 尚未届满,不得%s(《行政处罚法》第四十五条、第六十二条);当事人在笔录中明确放弃陈述申辩的除外", c.StatementDue.Format(time.DateOnly), what)
	}
	return nil
}

// checkGates applies the rules of the procedure's gates.
func checkGates(c Case, r Request, t Transition) error {
	switch t.Action {
	case SubmitReview:
		// The review checks the procedure, 陈述申辩 and hearing included
		// (checklist 程序是否合法), and statements cannot be recorded once the
		// case is in review: the period and any hearing come first.
		if err := statementGate(c, r.Today, "提交法制审核"); err != nil {
			return err
		}
		return hearingGate(c, r.Today, "提交法制审核")
	case Decide:
		if err := reviewGate(c); err != nil {
			return err
		}
		if err := statementGate(c, r.Today, "作出行政处罚决定"); err != nil {
			return err
		}
		return hearingGate(c, r.Today, "作出行政处罚决定")
	case Hearing:
		if !c.HearingRequested {
			return zhifa.Errorf(zhifa.ECONFLICT, "当事人未要求听证,不能记录听证(《行政处罚法》第六十三条)")
		}
	}
	return nil
}

// PenaltyKinds are the kinds of administrative penalty (处罚法 Art 9); 其他
// stands for 法律、行政法规规定的其他行政处罚.
var PenaltyKinds = []string{"警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
	"吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他"}

// ServiceMethods are the ways of serving a decision (处罚法 Art 61, 民事诉讼法).
var ServiceMethods = []string{"直接送达", "留置送达", "邮寄送达", "电子送达", "公告送达"}

// normalize trims the fields, drops empty ones, refuses unknown ones and
// missing required ones, and checks and normalizes the typed ones.
func normalize(t Transition, in map[string]string) (map[string]string, error) {
	out := map[string]string{}
	problems := map[string]string{}
	for k, v := range in {
		v = strings.TrimSpace(v)
		if _, ok := t.field(k); !ok {
			problems[k] = fmt.Sprintf("“%s”没有字段 %s", t.Name, k)
			continue
		}
		if v != "" {
			out[k] = v
		}
	}
	for _, f := range t.Fields {
		if f.Required && out[f.Code] == "" {
			problems[f.Code] = f.Label + "不能为空"
		}
	}
	label := func(code string) string { f, _ := t.field(code); return f.Label }
	yesNo := func(code string, yes, no string) bool {
		v, ok := out[code]
		if !ok {
			return false
		}
		switch v {
		case "true", "yes", "是":
			out[code] = yes
		case "false", "no", "否":
			out[code] = no
		default:
			problems[code] = label(code) + "须为“是”或“否”"
		}
		return out[code] == yes
	}
	switch t.Action {
	case Notify:
		yesNo("hearing_right", "yes", "no")
	case Statement:
		waived := yesNo("waived", "true", "false")
		yesNo("hearing_requested", "true", "false")
		if !waived && out["content"] == "" {
			problems["content"] = "陈述申辩内容不能为空;当事人明确放弃陈述申辩的,请勾选“明确放弃陈述申辩”"
		}
	case Hearing:
		absent := yesNo("absent", "true", "false")
		if !absent && out["content"] == "" {
			problems["content"] = "听证笔录不能为空;当事人无正当理由拒不出席的,请勾选该项(视为放弃听证,《行政处罚法》第六十四条第六项)"
		}
		if v, ok := out["host_officer_id"]; ok {
			if n, err := strconv.ParseInt(v, 10, 64); err != nil || n <= 0 {
				problems["host_officer_id"] = "主持人执法人员编号须为正整数"
			}
		}
	case Decide:
		decideFields(out, problems)
	case Serve:
		switch m := out["method"]; {
		case m == "":
		case !contains(ServiceMethods, m):
			problems["method"] = "送达方式须为" + strings.Join(ServiceMethods, "、") + "之一"
		case m == "电子送达" && out["consent"] == "":
			problems["consent"] = "电子送达须当事人同意并签订确认书(《行政处罚法》第六十一条第二款)"
		case m != "公告送达" && out["recipient"] == "":
			problems["recipient"] = "签收人不能为空"
		}
	}
	if len(problems) > 0 {
		return nil, zhifa.Invalid(problems)
	}
	return out, nil
}

func decideFields(out, problems map[string]string) {
	var hasFine bool
	if v, ok := out["penalty_kind"]; ok {
		kinds, bad := parseKinds(v, PenaltyKinds)
		if bad != "" {
			problems["penalty_kind"] = fmt.Sprintf("处罚种类“%s”不是《行政处罚法》第九条规定的种类", bad)
		} else {
			out["penalty_kind"] = strings.Join(kinds, "、")
			hasFine = contains(kinds, "罚款")
		}
	}
	if v, ok := out["fine"]; ok {
		n, err := strconv.ParseInt(v, 10, 64)
		switch {
		case err != nil || n < 0:
			problems["fine"] = "罚款金额须为不小于 0 的整数(元)"
		case problems["penalty_kind"] != "":
		case hasFine && n == 0:
			problems["fine"] = "处罚种类含罚款的,罚款金额须大于 0"
		case !hasFine && n > 0:
			problems["fine"] = "处罚种类不含罚款的,罚款金额应为 0"
		default:
			out["fine"] = strconv.FormatInt(n, 10)
		}
	}
}

// parseKinds splits a list of penalty kinds ("罚款、没收违法所得"), checks each
// against allowed and returns them in allowed's order without duplicates, or
// the first one not allowed.
func parseKinds(s string, allowed []string) (kinds []string, bad string) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、,，;； ", r) })
	seen := map[string]bool{}
	for _, p := range parts {
		if !contains(allowed, p) {
			return nil, p
		}
		seen[p] = true
	}
	if len(seen) == 0 {
		return nil, "(空)"
	}
	for _, k := range allowed {
		if seen[k] {
			kinds = append(kinds, k)
		}
	}
	return kinds, ""
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
