package penalty

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
)

// Officer is an officer's certificate (执法证) as the rules need it.
type Officer = procedure.Officer

// Request is a step someone asks to record; for a review, Form is the
// reviewer's *ReviewInput.
type Request = procedure.Request

// ReviewInput is the legal reviewer's record (法制审核意见).
type ReviewInput = review.Input

// Case is what the rules need to know of a penalty case: the engine reads
// its Stage, the penalty gates the rest. The service builds it from the
// stored case and its steps.
type Case struct {
	// State is the stage, the agency, and the people: HandlerIDs are the
	// officer ids of the assigned handlers (承办人) and of every officer
	// present at an investigation step, none of whom may review the case
	// or preside over its hearing; ParticipantIDs the user ids of everyone
	// who has recorded a step on the case other than a review, so that a
	// reviewer who returned the case can review the resubmission.
	procedure.State
	Simple    bool   // 简易程序 (SimpleTable)
	PartyKind string // the party's kind as stored (zhifa.PartyPerson, PartyOrganization): Art 51's limits
	// ReviewRequired: the case is in the agency's review catalog. Every
	// general-procedure penalty is (DOMAIN §6); the service must set it,
	// and at a decision sets it from the catalog (scope.go), with
	// ReviewRule the rule that decided.
	ReviewRequired bool
	ReviewRule     string
	// StatementDue is the last day of the 陈述申辩 period (a civil date),
	// zero if the party has not been notified.
	StatementDue time.Time
	// HearingDue is the last day the party may request a hearing (5 working
	// days after the notice, 处罚法 Art 64(1)), zero if the notice did not
	// grant a hearing right or the party waived it in the record.
	HearingDue       time.Time
	StatementWaived  bool // the party explicitly waived 陈述申辩 in the record (Art 62)
	HearingRight     bool // the last notice told the party of the right to a hearing (Art 63)
	HearingWaived    bool // the party explicitly waived the hearing in the record
	HearingRequested bool // the party requested a hearing (Art 63)
	HearingHeld      bool // a hearing record exists (held, or the party failed to attend: Art 64(6))
	// HearingDate is the day of the noticed hearing (a civil date), zero
	// if no hearing notice was recorded since the last 事先告知.
	HearingDate time.Time
	// ReviewPassed: a review with a passing outcome exists since the last
	// submission or resubmission.
	ReviewPassed bool
	// Notified is the penalty of the last 事先告知, nil if none was
	// structured; a decision may not be heavier (Arts 44, 45 ¶2).
	Notified *Sanction
}

// Result is the step to record.
type Result struct {
	Next   Stage             // the case's stage after the step
	Fields map[string]string // the step's fields, trimmed and normalized, empty ones dropped
	// ReviewPassed is, for a review, whether the outcome passes (同意).
	ReviewPassed bool
	// Checklist is, for a review, the checklist in review.Checklist() order.
	Checklist []review.Item
	// Notice is a message for the user about what must follow (e.g. the
	// transfer after a 移送 opinion); "" if none.
	Notice string
}

// Apply checks the request against the case and the rules and returns the
// step to record: procedure.Apply on Table. The checks run in this order,
// and the first failure is returned: the stage (ECONFLICT), the actor's
// role (EFORBIDDEN), the rules of law that do not depend on the form
// (ERULE: certificates, two officers, separation of duties, review gate,
// 陈述申辩 and hearing), the form (EINVALID, Problems keyed by field code),
// then the rules that depend on the form (ERULE: review consistency,
// hearing host).
func Apply(c Case, r Request) (Result, error) {
	res, err := procedure.Apply(tableOf(c), c, r)
	if err != nil {
		return Result{}, err
	}
	out := Result{Next: res.Next, Fields: res.Fields, Notice: res.Notice}
	if rv, ok := res.Detail.(*review.Result); ok {
		out.ReviewPassed, out.Checklist = rv.Passed, rv.Checklist
	}
	return out, nil
}

// Next returns the actions the holder of roles may take on c now, in table
// order, for showing buttons. It applies the stage, the role, the review
// gate and whether a hearing was requested; rules that depend on the date,
// the people or the form (陈述申辩 period, certificates, fields) are left to
// Apply.
func Next(c Case, roles []zhifa.Role) []Action { return procedure.Next(tableOf(c), c, roles) }

// DeadlineEffects returns the effect on the time limits of a step of action
// act with the form fields, fined being whether a decision of the case
// imposed a fine: Table's Meets and Starts (procedure.Table.Effects). 立案
// starts the 90-day decision limit (T6); the notice the 陈述申辩 (T3) and,
// with a hearing right, the hearing-request period (T4); a waived statement
// meets both, a requested hearing meets T4; a submission the review limit
// (L5), met by the review; the decision meets T3, T4, T6 and L5 and starts
// service (T8) and publication (G4); service meets T8 and, when fined,
// starts the payment period (T9), met by execution; 不予立案 and 撤案 meet
// every limit of the investigation.
func DeadlineEffects(act Action, fields map[string]string, fined bool) procedure.DeadlineEffect {
	var flags []string
	if fined {
		flags = append(flags, Fined)
	}
	if act == SimpleDecide {
		return SimpleTable.Effects(act, fields, flags...)
	}
	return Table.Effects(act, fields, flags...)
}

// DeadlineStart and DeadlineEffect are the engine's.
type (
	DeadlineStart  = procedure.DeadlineStart
	DeadlineEffect = procedure.DeadlineEffect
)

// reviewerGate applies, for a review, the separation of duties and the
// reviewer's qualification (Art 58 ¶2).
func reviewerGate(c Case, r Request) error {
	in, _ := r.Form.(*ReviewInput)
	if in == nil {
		return zhifa.Invalid(map[string]string{"review": "缺少法制审核意见"})
	}
	if in.ReviewerUserID != 0 && in.ReviewerUserID != r.ActorUserID {
		return zhifa.Invalid(map[string]string{"reviewer": "审核人须为当前登录用户本人"})
	}
	if slices.Contains(c.ParticipantIDs, r.ActorUserID) || r.ActorOfficer != nil && slices.Contains(c.HandlerIDs, r.ActorOfficer.ID) {
		return zhifa.Errorf(zhifa.ERULE, "审核人员不得审核本人承办或参与办理的案件")
	}
	qualified := in.ReviewerQualified || r.ActorOfficer != nil && r.ActorOfficer.LegalQualification
	if in.FirstTimeReviewer && !qualified {
		return zhifa.Errorf(zhifa.ERULE, "初次从事行政处罚决定法制审核的人员,应当通过国家统一法律职业资格考试取得法律职业资格(《行政处罚法》第五十八条第二款)")
	}
	return nil
}

// reviewForm checks the reviewer's form (package review): Reviewed when
// the outcome is 同意, Returned otherwise.
func reviewForm(_ Case, r Request, t *Transition) (procedure.Result, error) {
	rv, err := review.Apply(*r.Form.(*ReviewInput), t.Name, r.Fields)
	if err != nil {
		return procedure.Result{}, err
	}
	return procedure.Result{Fields: map[string]string{"outcome": rv.Outcome, "opinion": rv.Opinion}, Else: !rv.Passed,
		Notice: rv.Notice, Detail: &rv}, nil
}

// reviewGate refuses a decision on a case in the review catalog until a
// review passed (Art 58; seed 四).
func reviewGate(c Case, _ Request) error {
	if c.ReviewRequired && !c.ReviewPassed || c.Stage == Reviewed && !c.ReviewPassed {
		if c.ReviewRequired && c.ReviewRule != "" {
			return zhifa.Errorf(zhifa.ERULE, "本决定属于法制审核范围(%s),未经法制审核或者审核未通过的,不得作出决定(《行政处罚法》第五十八条)", c.ReviewRule)
		}
		return zhifa.Errorf(zhifa.ERULE, "未经法制审核或者审核未通过的,不得作出决定(《行政处罚法》第五十八条)")
	}
	return nil
}

// hearingGate refuses to go on while the party may still request a hearing,
// or requested one that has not been held (Arts 63–65); what names the step.
func hearingGate(what string) procedure.Gate[Case] {
	return func(c Case, r Request) error {
		if c.HearingRequested && !c.HearingHeld {
			return zhifa.Errorf(zhifa.ERULE, "当事人要求听证,听证尚未举行,不得%s(《行政处罚法》第六十三条至第六十五条)", what)
		}
		if !c.HearingRequested && !c.HearingDue.IsZero() && !civilAfter(r.Today, c.HearingDue) {
			return zhifa.Errorf(zhifa.ERULE, "当事人要求听证的期限至 %s 尚未届满,不得%s(《行政处罚法》第六十四条第一项)", c.HearingDue.Format(time.DateOnly), what)
		}
		return nil
	}
}

// statementGate refuses to go on before the party was notified, or while the
// 陈述申辩 period runs, unless the party waived it (Arts 44, 45, 62).
func statementGate(what string) procedure.Gate[Case] {
	return func(c Case, r Request) error {
		if c.StatementWaived {
			return nil
		}
		if c.StatementDue.IsZero() {
			return zhifa.Errorf(zhifa.ERULE, "未依法事先告知当事人拟作出的行政处罚内容及事实、理由、依据和陈述、申辩、要求听证等权利,不得%s(《行政处罚法》第四十四条、第六十二条)", what)
		}
		if !civilAfter(r.Today, c.StatementDue) {
			return zhifa.Errorf(zhifa.ERULE, "陈述申辩期限至 %s 尚未届满,不得%s(《行政处罚法》第四十五条、第六十二条);当事人在笔录中明确放弃陈述申辩的除外", c.StatementDue.Format(time.DateOnly), what)
		}
		return nil
	}
}

// civilAfter reports whether the calendar day of a is after that of b, each
// in its own location.
func civilAfter(a, b time.Time) bool { return zhifa.DateFromTime(a).After(zhifa.DateFromTime(b)) }

// hearingChoice refuses a hearing request when the last notice gave no
// hearing right, and one made after the period (Art 64(1)). A waiver
// where there was no right changes nothing.
func hearingChoice(c Case, r Request) error {
	requested := procedure.Yes(r.Fields["hearing_requested"])
	if !requested {
		return nil
	}
	if !c.HearingRight {
		return zhifa.Errorf(zhifa.ECONFLICT, "事先告知未告知听证权利,不能记录听证要求;拟作出的处罚属于《行政处罚法》第六十三条规定情形的,应当重新事先告知并告知听证权利")
	}
	if requested && !c.HearingDue.IsZero() && civilAfter(r.Today, c.HearingDue) {
		return zhifa.Errorf(zhifa.ERULE, "当事人要求听证的,应当在行政机关告知后五日内提出(《行政处罚法》第六十四条第一项);期限已于 %s 届满", c.HearingDue.Format(time.DateOnly))
	}
	return nil
}

// hearingRequested refuses a hearing record when the party requested none.
func hearingRequested(c Case, _ Request) error {
	if !c.HearingRequested {
		return zhifa.Errorf(zhifa.ECONFLICT, "当事人未要求听证,不能记录听证(《行政处罚法》第六十三条)")
	}
	return nil
}

// HearingNoticeDays is how many days ahead the party is notified of the
// hearing's time and place (处罚法 Art 64(2): 七日前).
const HearingNoticeDays = 7

// hearingNoticeDate refuses a hearing notice less than 7 days ahead.
func hearingNoticeDate(c Case, r Request) error {
	d, ok := zhifa.ParseCivilDate(r.Fields["hearing_date"])
	if !ok {
		return nil // the field's own check reports it
	}
	if earliest := zhifa.DateFromTime(r.Today).Add(HearingNoticeDays); d.Before(earliest) {
		return zhifa.Errorf(zhifa.ERULE, "行政机关应当在举行听证的七日前,通知当事人及有关人员听证的时间、地点(《行政处罚法》第六十四条第二项):听证日期最早为 %s", earliest)
	}
	return nil
}

// hearingNoticed refuses a hearing record before its notice, or before the
// noticed day.
func hearingNoticed(c Case, r Request) error {
	if c.HearingDate.IsZero() {
		return zhifa.Errorf(zhifa.ERULE, "听证前须记录听证通知,于举行听证的七日前通知当事人听证的时间、地点(《行政处罚法》第六十四条第二项)")
	}
	if zhifa.DateFromTime(r.Today).Before(zhifa.DateFromTime(c.HearingDate)) {
		return zhifa.Errorf(zhifa.ERULE, "听证通知的听证日期为 %s,不得提前举行听证(《行政处罚法》第六十四条第二项)", c.HearingDate.Format(time.DateOnly))
	}
	return nil
}

// hearingHost refuses a hearing whose host or 记录员 is one of the case's
// investigators, or one officer in both roles (Art 64(4)). Both are
// required fields: the check always runs.
func hearingHost(c Case, r Request) error {
	host, _ := strconv.ParseInt(r.Fields["host_officer_id"], 10, 64)
	clerk, _ := strconv.ParseInt(r.Fields["clerk_officer_id"], 10, 64)
	if slices.Contains(c.HandlerIDs, host) {
		return zhifa.Errorf(zhifa.ERULE, "听证由行政机关指定的非本案调查人员主持(《行政处罚法》第六十四条第四项):所选主持人是本案调查人员")
	}
	if slices.Contains(c.HandlerIDs, clerk) {
		return zhifa.Errorf(zhifa.ERULE, "听证记录员不得由本案调查人员担任(《行政处罚法》第六十四条第四项、第七项)")
	}
	if host != 0 && host == clerk {
		return zhifa.Errorf(zhifa.ERULE, "听证主持人和记录员须为不同的执法人员(《行政处罚法》第六十四条)")
	}
	return nil
}

// PenaltyKinds are the kinds of administrative penalty (处罚法 Art 9), the
// root package's one list.
var PenaltyKinds = registry.PenaltyKinds

// otherKind is Art 9's last kind; decisions recorded before the one list
// may store it as 其他, which the decision form still accepts.
const otherKind = "法律、行政法规规定的其他行政处罚"

// ServiceMethods are the ways of serving a decision (处罚法 Art 61, 民事诉讼法).
var ServiceMethods = []string{"直接送达", "留置送达", "邮寄送达", "电子送达", "公告送达"}

// normalize applies the procedure's conditional field rules, after the
// engine checked each field by its Kind.
func normalize(t *Transition, out, problems map[string]string) {
	switch t.Action {
	case Statement:
		hearing := procedure.Yes(out["hearing_requested"]) || procedure.Yes(out["hearing_waived"])
		if !procedure.Yes(out["waived"]) && out["content"] == "" && !hearing {
			problems["content"] = "陈述申辩内容不能为空;当事人明确放弃陈述申辩的,请勾选“明确放弃陈述申辩”;只记录听证要求或放弃听证的,请勾选相应项"
		}
		if procedure.Yes(out["hearing_requested"]) && procedure.Yes(out["hearing_waived"]) {
			problems["hearing_waived"] = "“要求听证”和“明确放弃听证”只能选择其一"
		}
	case Hearing:
		if !procedure.Yes(out["absent"]) && out["content"] == "" {
			problems["content"] = "听证笔录不能为空;当事人无正当理由拒不出席的,请勾选该项(视为放弃听证,《行政处罚法》第六十四条第六项)"
		}
	case Notify, Decide:
		checkSanction(out, problems)
	case SimpleDecide:
		_, badKind := problems["penalty_kind"]
		v, hasFine := out["fine"]
		switch fine := strings.Contains(out["penalty_kind"], "罚款"); {
		case badKind || problems["fine"] != "":
		case fine && (!hasFine || v == "0"):
			problems["fine"] = "处罚种类含罚款的,罚款金额须大于 0"
		case !fine && hasFine && v != "0":
			problems["fine"] = "处罚种类不含罚款的,罚款金额应为 0"
		case !fine:
			delete(out, "fine")
		}
	case Serve:
		switch m := out["method"]; {
		case m == "", problems["method"] != "":
		case m == "电子送达" && out["consent"] == "":
			problems["consent"] = "电子送达须当事人同意并签订确认书(《行政处罚法》第六十一条第二款)"
		case m != "公告送达" && out["recipient"] == "":
			problems["recipient"] = "签收人不能为空"
		}
	}
}
