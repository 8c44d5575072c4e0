package supervision

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
)

// OpinionKind is the form a supervision opinion takes.
type OpinionKind string

// Kinds of supervision opinion.
const (
	KindOpinion OpinionKind = "opinion" // 行政执法监督意见书
	KindRectify OpinionKind = "rectify" // 责令改正通知书
	KindTalk    OpinionKind = "talk"    // 约谈
	KindNotice  OpinionKind = "notice"  // 通报
)

// OpinionKinds lists the kinds in display order.
var OpinionKinds = []OpinionKind{KindOpinion, KindRectify, KindTalk, KindNotice}

var opinionKindNames = map[OpinionKind]string{KindOpinion: "行政执法监督意见书", KindRectify: "责令改正通知书", KindTalk: "约谈", KindNotice: "通报"}

// Name is the Chinese name of k.
func (k OpinionKind) Name() string { return opinionKindNames[k] }

// OpinionStatus is where an opinion stands.
type OpinionStatus string

// Statuses of an opinion.
const (
	Issued  OpinionStatus = "issued"  // 待整改回复
	Replied OpinionStatus = "replied" // 待审核回复
	Closed  OpinionStatus = "closed"  // 已办结
)

// OpinionStatuses lists the statuses in order.
var OpinionStatuses = []OpinionStatus{Issued, Replied, Closed}

var opinionStatusNames = map[OpinionStatus]string{Issued: "待整改回复", Replied: "待审核回复", Closed: "已办结"}

// Name is the Chinese name of s.
func (s OpinionStatus) Name() string { return opinionStatusNames[s] }

// Basis is the legal basis of supervision opinions.
const Basis = "《行政处罚法》第七十五条第一款"

// Opinion is a supervision opinion of a 司法局 to an agency, with the
// agency's rectification reply.
type Opinion struct {
	ID           int64
	Kind         OpinionKind
	AgencyID     int64 // the agency supervised
	AgencyName   string
	SupervisorID int64 // the 司法局 (an agency of the registry)
	CaseID       int64 // the case it is about; 0 if none
	Subject      string
	Findings     string // 发现的问题
	Demands      string // 整改要求
	IssuedBy     int64  // user
	IssuedOn     zhifa.Date
	ReplyDue     zhifa.Date
	Reply        string
	RepliedOn    zhifa.Date
	RepliedBy    int64
	Assessment   string // the supervisor's conclusion on the reply
	ClosedOn     zhifa.Date
	Rounds       int // replies returned as not sufficient
	Status       OpinionStatus
	Created      time.Time
	Updated      time.Time
}

// Object is the opinion's ledger object, "opinion/ID".
func (o *Opinion) Object() string { return fmt.Sprintf("opinion/%d", o.ID) }

// Draft is what a supervisor writes to issue an opinion.
type Draft struct {
	Kind     OpinionKind
	AgencyID int64
	CaseID   int64
	Subject  string
	Findings string
	Demands  string
	ReplyDue zhifa.Date
}

// Field limits, in characters.
const (
	MaxSubject = 100
	MaxText    = 5000
)

// Validate checks d against today, the day of issue: every field named.
func (d *Draft) Validate(today zhifa.Date) error {
	d.Subject, d.Findings, d.Demands = strings.TrimSpace(d.Subject), strings.TrimSpace(d.Findings), strings.TrimSpace(d.Demands)
	p := map[string]string{}
	if opinionKindNames[d.Kind] == "" {
		p["kind"] = "请选择监督方式:监督意见书、责令改正通知书、约谈或通报"
	}
	if d.AgencyID <= 0 {
		p["agency_id"] = "请选择被监督的执法主体"
	}
	text(p, "subject", "事由", d.Subject, MaxSubject)
	text(p, "findings", "发现的问题", d.Findings, MaxText)
	text(p, "demands", "整改要求", d.Demands, MaxText)
	switch {
	case d.ReplyDue.IsZero():
		p["reply_due"] = "请填写整改回复期限"
	case !d.ReplyDue.After(today):
		p["reply_due"] = "整改回复期限须晚于今天(" + today.String() + ")"
	case d.ReplyDue.Sub(today) > 180:
		p["reply_due"] = "整改回复期限不宜超过六个月"
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	return nil
}

func text(p map[string]string, code, label, v string, max int) {
	switch n := utf8.RuneCountInString(v); {
	case n == 0:
		p[code] = "请填写" + label
	case n > max:
		p[code] = fmt.Sprintf("%s不能超过 %d 个字(现有 %d 个)", label, max, n)
	}
}

// OpinionAction is a step of an opinion after its issue.
type OpinionAction string

// Actions on an opinion.
const (
	ReplyOpinion  OpinionAction = "reply"  // the agency's rectification reply
	AcceptReply   OpinionAction = "accept" // the supervisor closes it
	ReturnOpinion OpinionAction = "return" // the supervisor returns the reply
)

var opinionActionNames = map[OpinionAction]string{ReplyOpinion: "提交整改回复", AcceptReply: "审核通过并办结", ReturnOpinion: "退回重新整改"}

// Name is the Chinese name of a.
func (a OpinionAction) Name() string { return opinionActionNames[a] }

// OpinionStep is one step on an opinion.
type OpinionStep struct {
	Action   OpinionAction
	Text     string     // the reply, the assessment, or the reason of return
	ReplyDue zhifa.Date // a return's new deadline
	Today    zhifa.Date
	UserID   int64
}

// opinionTable: from which status each action may be taken, by which side,
// and where it leads.
var opinionTable = []struct {
	Action OpinionAction
	From   OpinionStatus
	To     OpinionStatus
	Agency bool // taken by the supervised agency; otherwise by the 司法局
}{
	{ReplyOpinion, Issued, Replied, true},
	{AcceptReply, Replied, Closed, false},
	{ReturnOpinion, Replied, Issued, false},
}

// NextOpinion returns the actions on an opinion in s, for the agency's side
// or the 司法局's.
func NextOpinion(s OpinionStatus, agencySide bool) []OpinionAction {
	var out []OpinionAction
	for _, t := range opinionTable {
		if t.From == s && t.Agency == agencySide {
			out = append(out, t.Action)
		}
	}
	return out
}

// ByAgency reports whether the supervised agency takes action a.
func ByAgency(a OpinionAction) bool {
	for _, t := range opinionTable {
		if t.Action == a {
			return t.Agency
		}
	}
	return false
}

// ApplyOpinion returns the opinion after step, or the refusal; it changes
// nothing of o and reads no clock.
func ApplyOpinion(o Opinion, st OpinionStep) (Opinion, error) {
	var to OpinionStatus
	known := false
	for _, t := range opinionTable {
		if t.Action == st.Action {
			known = true
			if t.From == o.Status {
				to = t.To
			}
		}
	}
	if !known {
		return o, zhifa.Invalid(map[string]string{"action": "未知的操作"})
	}
	if to == "" {
		return o, zhifa.Errorf(zhifa.ECONFLICT, "该%s当前为“%s”,不能%s", o.Kind.Name(), o.Status.Name(), st.Action.Name())
	}
	txt := strings.TrimSpace(st.Text)
	p := map[string]string{}
	switch n := utf8.RuneCountInString(txt); {
	case st.Action == ReplyOpinion && n < 10:
		p["text"] = "整改回复须写明整改措施和结果(至少 10 个字)"
	case st.Action == ReturnOpinion && n < 5:
		p["text"] = "退回须写明回复不足之处(至少 5 个字)"
	case n > MaxText:
		p["text"] = fmt.Sprintf("内容不能超过 %d 个字", MaxText)
	}
	if st.Action == ReturnOpinion && !st.ReplyDue.After(st.Today) {
		p["reply_due"] = "退回重新整改须给出晚于今天的新回复期限"
	}
	if len(p) > 0 {
		return o, zhifa.Invalid(p)
	}
	o.Status = to
	switch st.Action {
	case ReplyOpinion:
		o.Reply, o.RepliedOn, o.RepliedBy = txt, st.Today, st.UserID
	case AcceptReply:
		o.Assessment, o.ClosedOn = txt, st.Today
	case ReturnOpinion:
		o.Assessment, o.ReplyDue, o.Rounds = txt, st.ReplyDue, o.Rounds+1
	}
	return o, nil
}

// Late reports whether the opinion's reply is overdue on today, or came
// after its deadline.
func (o *Opinion) Late(today zhifa.Date) bool {
	if o.Status == Issued {
		return today.After(o.ReplyDue)
	}
	return !o.RepliedOn.IsZero() && o.RepliedOn.After(o.ReplyDue)
}
