package complaint

import (
	"strings"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
)

// Action is what the agency or the 司法局 does with a complaint.
type Action string

// Actions.
const (
	Accept  Action = "accept"  // 受理
	Decline Action = "decline" // 不予受理
	Reply   Action = "reply"   // 答复
)

var actionNames = map[Action]string{Accept: "受理", Decline: "不予受理", Reply: "答复"}

// Name is the Chinese name of a.
func (a Action) Name() string { return actionNames[a] }

// transitions is the table of a complaint's life: from which status each
// action may be taken and where it leads.
var transitions = []struct {
	Action Action
	From   Status
	To     Status
}{
	{Accept, Received, Accepted},
	{Decline, Received, Declined},
	{Reply, Accepted, Replied},
}

// Next returns the actions that may be taken on a complaint in s.
func Next(s Status) []Action {
	var out []Action
	for _, t := range transitions {
		if t.From == s {
			out = append(out, t.Action)
		}
	}
	return out
}

// Basis is the legal basis every refusal about complaints names.
const Basis = "《行政处罚法》第七十五条第二款"

// Act is one act on a complaint.
type Act struct {
	Action Action
	Text   string     // the reason of 不予受理, or the reply
	Today  zhifa.Date // the day of the act
	// ReplyDue is the reply limit, computed by the caller from Limits when
	// the complaint is accepted.
	ReplyDue zhifa.Date
	UserID   int64
}

// Apply returns the complaint after act, or the refusal: ECONFLICT when
// the complaint's status does not allow the action, EINVALID naming the
// field when the reason or the reply is missing or too long. It reads no
// clock and changes nothing of c.
func Apply(c Complaint, act Act) (Complaint, error) {
	var to Status
	known := false
	for _, t := range transitions {
		if t.Action != act.Action {
			continue
		}
		known = true
		if t.From == c.Status {
			to = t.To
		}
	}
	if !known {
		return c, zhifa.Invalid(map[string]string{"action": "未知的办理操作"})
	}
	if to == "" {
		return c, zhifa.Errorf(zhifa.ECONFLICT, "该%s当前为“%s”,不能%s", c.Kind.Name(), c.Status.Name(), act.Action.Name())
	}
	text := strings.TrimSpace(act.Text)
	n := utf8.RuneCountInString(text)
	switch act.Action {
	case Decline:
		if n < 5 {
			return c, zhifa.Invalid(map[string]string{"text": "不予受理须写明理由(至少 5 个字),并告知投诉举报人(" + Basis + ")"})
		}
	case Reply:
		if n < 5 {
			return c, zhifa.Invalid(map[string]string{"text": "请填写答复内容(至少 5 个字):审查结论,发现错误的,写明如何改正(" + Basis + ")"})
		}
	case Accept:
		if act.ReplyDue.IsZero() {
			return c, zhifa.Invalid(map[string]string{"reply_due": "缺少答复期限"})
		}
	}
	if n > MaxReply {
		return c, zhifa.Invalid(map[string]string{"text": "内容不能超过 5000 个字"})
	}
	if !act.Today.Valid() {
		return c, zhifa.Invalid(map[string]string{"today": "办理日期无效"})
	}
	c.Status, c.HandlerID = to, act.UserID
	switch act.Action {
	case Accept:
		c.AcceptedOn, c.ReplyDue = act.Today, act.ReplyDue
	case Decline:
		c.AcceptedOn, c.DeclineReason = act.Today, text
	case Reply:
		c.RepliedOn, c.Reply = act.Today, text
	}
	return c, nil
}

// Limits are the time limits of complaint handling. No statute fixes them
// for complaints about enforcement; the defaults follow the practice the
// rules' Source names, and a deployment may set its own.
type Limits struct {
	AcceptWorkdays int // 受理期限, working days from receipt
	ReplyDays      int // 答复期限, natural days from acceptance
}

// DefaultLimits are 7 working days to accept and 60 days to reply.
var DefaultLimits = Limits{AcceptWorkdays: 7, ReplyDays: 60}

// AcceptRule is the acceptance limit as a deadline rule.
func (l Limits) AcceptRule() deadline.Rule {
	return deadline.Rule{ID: "C1", Name: "投诉举报受理期限", N: l.AcceptWorkdays, Unit: deadline.Workdays, Start: "complaint.received",
		Source: Basis + "(法律未规定期限);默认自收到之日起七个工作日内决定是否受理,参照市场监管部门投诉举报处理的做法,可由部署单位调整"}
}

// ReplyRule is the reply limit as a deadline rule.
func (l Limits) ReplyRule() deadline.Rule {
	return deadline.Rule{ID: "C2", Name: "投诉举报答复期限", N: l.ReplyDays, Unit: deadline.Days, Start: "complaint.accepted", Roll: true,
		Source: Basis + "(法律未规定期限);默认自受理之日起六十日内答复,参照信访事项办理期限,可由部署单位调整"}
}

// Standing is where the complaint's current limit stands on today.
func (c *Complaint) Standing(today zhifa.Date) deadline.Standing {
	switch c.Status {
	case Received:
		return deadline.StandingOf(c.AcceptDue, zhifa.Date{}, today)
	case Accepted:
		return deadline.StandingOf(c.ReplyDue, zhifa.Date{}, today)
	case Declined:
		return deadline.StandingOf(c.AcceptDue, c.AcceptedOn, today)
	case Replied:
		return deadline.StandingOf(c.ReplyDue, c.RepliedOn, today)
	}
	return 0
}

// dueOn computes a rule's due date on the official calendar.
func dueOn(cal *calendar.Calendar, r deadline.Rule, start zhifa.Date) (zhifa.Date, error) {
	return deadline.Due(cal, r, start, nil)
}
