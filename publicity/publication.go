package publicity

import (
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
)

// Publication statuses (公示状态): the words stored and shown.
const (
	StatusPending   = "待公示"
	StatusPublished = "已公示"
	StatusWithdrawn = "已撤回"
)

// Statuses lists the publication statuses in the order of their life.
var Statuses = []string{StatusPending, StatusPublished, StatusWithdrawn}

// Publication is the public, already-masked record of a decision (事后公开,
// DOMAIN §4): what the portal reads, and nothing else. It is made when the
// decision is made and becomes visible when published.
type Publication struct {
	ID          int64
	CaseID      int64
	AgencyID    int64
	AgencyName  string // read-only
	Category    string // 执法类别, e.g. 行政处罚
	Number      string // 决定书文号
	PartyKind   string
	PartyName   string // 姓+某 for a person
	PartyIDNo   string // masked for a person; the 统一社会信用代码 of an organisation
	LegalRep    string // organisation only
	PartyPhone  string // masked; "" for an organisation
	Address     string // masked below the county for a person
	Facts       string // 违法事实, redacted
	Basis       string // 处罚依据
	PenaltyKind string // 处罚种类
	Penalty     string // 处罚内容, redacted
	Fine        int64  // 罚款金额, 元
	Payment     string // 履行方式和期限, redacted
	Remedy      string // 救济途径
	DecidedOn   time.Time
	DueOn       time.Time // publication due (7 working days)
	Status      string    // one of Statuses
	PublishedAt time.Time
	Report      string // digest of the redaction report
	Created     time.Time
	Updated     time.Time

	// Withdrawal (撤回, 处罚法 Art 48 ¶2), set once the status is
	// StatusWithdrawn: when, why (one of WithdrawCauses and the public,
	// masked reason), the civil date the decision was changed, revoked or
	// confirmed illegal or void, the G7 due date counted from it, and how
	// many working days after that date the withdrawal came (0: in time).
	WithdrawnAt      time.Time
	WithdrawCause    string
	WithdrawReason   string
	ChangedOn        time.Time
	WithdrawDue      time.Time
	WithdrawLateDays int

	// Corrections are the corrections made to the public fields, oldest
	// first (更正, seed 二(一) 纠错机制).
	Corrections []Correction
}

// Pending reports whether the publication is made but not yet public.
func (p *Publication) Pending() bool { return p.Status == StatusPending }

// Published reports whether the publication is public on the portal.
func (p *Publication) Published() bool { return p.Status == StatusPublished }

// Withdrawn reports whether the publication has been withdrawn.
func (p *Publication) Withdrawn() bool { return p.Status == StatusWithdrawn }

// StatusName is the status as shown: 待公示, 已公示 or 已撤回.
func (p *Publication) StatusName() string { return p.Status }

// Overdue reports whether a pending publication is past its due date
// (G4) on the civil day today "YYYY-MM-DD".
func (p *Publication) Overdue(today string) bool {
	return p.Pending() && !p.DueOn.IsZero() && zhifa.FormatDate(p.DueOn) < today
}

// Withdrawal causes (撤回事由): what happened to the decision (处罚法 Art 48
// ¶2; 《市场监督管理行政处罚信息公示规定》第十一条).
const (
	WithdrawChanged = "决定被变更"
	WithdrawRevoked = "决定被撤销"
	WithdrawIllegal = "决定被确认违法"
	WithdrawVoid    = "决定被确认无效"
)

// WithdrawCauses lists the withdrawal causes in display order.
var WithdrawCauses = []string{WithdrawChanged, WithdrawRevoked, WithdrawIllegal, WithdrawVoid}

// Correction is one correction of a publication's public field (更正): Old
// and New are the public, already-masked values; Reason is masked too.
// Public is false for a correction made before the publication was
// published: the public never saw the old value, and the portal lists only
// the others.
type Correction struct {
	ID            int64
	PublicationID int64
	Field         string // a code of CorrectableFields
	FieldName     string // its Chinese name
	Old, New      string
	Reason        string
	Report        string // digest of the new value's redaction report
	Public        bool
	CorrectedBy   int64 // user id
	Created       time.Time
}

// CorrectableField is a public text field of a publication that a
// correction may change.
type CorrectableField struct{ Code, Name string }

// CorrectableFields are the fields a correction may change, in display
// order. The party's particulars are not among them: they are masked from
// the case's structured fields, which a correction of the publication does
// not change.
var CorrectableFields = []CorrectableField{
	{"number", "决定书文号"}, {"facts", "违法事实"}, {"basis", "处罚依据"}, {"penalty", "处罚内容"},
	{"payment", "履行方式和期限"}, {"remedy", "救济途径和期限"},
}

// CorrectableFieldName returns the Chinese name of a correctable field, ""
// for any other code.
func CorrectableFieldName(code string) string {
	for _, f := range CorrectableFields {
		if f.Code == code {
			return f.Name
		}
	}
	return ""
}

// TextField returns the address of p's correctable field code, nil for a
// code not in CorrectableFields.
func (p *Publication) TextField(code string) *string {
	switch code {
	case "number":
		return &p.Number
	case "facts":
		return &p.Facts
	case "basis":
		return &p.Basis
	case "penalty":
		return &p.Penalty
	case "payment":
		return &p.Payment
	case "remedy":
		return &p.Remedy
	}
	return nil
}

// PublicationFilter selects publications; zero fields do not filter.
// Keyword matches the 文号, the party's public name, the facts and the
// penalty; Number matches the 文号 only. From and To are civil dates
// "YYYY-MM-DD" of the decision.
//
// The list is in the order latest decision first (decided_on, then id,
// both descending). After, when set, starts the list just after that
// position (keyset pagination: a deep page costs what the first does);
// Offset is then counted from there. CountCap, when positive, bounds the
// count: the store stops counting at CountCap+1, so a total above
// CountCap means "more than CountCap" (a count that does not scan a
// province's table).
type PublicationFilter struct {
	ID       int64
	CaseID   int64
	AgencyID int64
	Status   string
	Category string
	From, To string
	Keyword  string
	Number   string
	Limit    int // 0: no limit
	Offset   int
	After    *Cursor
	CountCap int // 0: exact count
}

// Cursor is a position in the list of publications (latest decision
// first): the decision date "YYYY-MM-DD" and the id of the last row seen.
type Cursor struct {
	DecidedOn string
	ID        int64
}

// CursorOf is the position of p in the list.
func CursorOf(p *Publication) Cursor {
	return Cursor{DecidedOn: zhifa.FormatDate(p.DecidedOn), ID: p.ID}
}

// String encodes c for an address: "YYYY-MM-DD.id".
func (c Cursor) String() string { return c.DecidedOn + "." + strconv.FormatInt(c.ID, 10) }

// ParseCursor decodes a Cursor's String; ok is false for anything else.
func ParseCursor(s string) (Cursor, bool) {
	d, id, ok := strings.Cut(s, ".")
	if !ok {
		return Cursor{}, false
	}
	t, okd := zhifa.ParseDate(d)
	n, err := strconv.ParseInt(id, 10, 64)
	if !okd || err != nil || n <= 0 {
		return Cursor{}, false
	}
	return Cursor{DecidedOn: zhifa.FormatDate(t), ID: n}, true
}
