package zhifa

import "time"

// Party kinds (当事人类别).
const (
	PartyPerson       = "自然人"
	PartyOrganization = "法人或其他组织"
)

// Party is the party of a case (当事人). For a natural person every field
// but the name is personal data: it is kept in the case and never published
// unmasked (DOMAIN §9); for an organisation the name, the 统一社会信用代码 and
// the 法定代表人 are public.
type Party struct {
	Kind     string // PartyPerson or PartyOrganization
	Name     string
	IDNumber string // 公民身份号码 of a person, 统一社会信用代码 of an organisation
	LegalRep string // 法定代表人 (organisation only)
	Phone    string
	Address  string // 住址 of a person, 住所 of an organisation
}

// Case is a 案件: one enforcement matter against one party in one agency,
// moved through the stages of package penalty by recorded steps.
type Case struct {
	ID           int64
	AgencyID     int64
	AgencyName   string // read-only, filled by the store
	Number       string // 案件编号, e.g. 汉阴市监案〔2026〕3号
	MatterID     int64
	MatterName   string // read-only
	Stage        string // a penalty.Stage
	Source       string // 案件来源
	Summary      string // 案源简况
	Party        Party
	HandlerIDs   []int64 // officer ids of the 承办人, two or more
	RegisteredBy int64   // user id
	OpenedOn     time.Time
	DecidedOn    time.Time
	Created      time.Time
	Updated      time.Time
}

// Object is the case's ledger object name, "case/<id>".
func (c *Case) Object() string { return "case/" + Actor{UserID: c.ID}.Ref()[len("user/"):] }

// Step is one recorded step of a case (环节 / 笔录): who, when, which action,
// the form's fields, the officers present, attached files, and the index of
// its ledger event (whose digest covers all of it).
type Step struct {
	ID          int64
	CaseID      int64
	Seq         int    // 1 for the registration
	Action      string // a penalty.Action
	Stage       string // the case's stage after the step
	ActorUserID int64
	ActorName   string // read-only
	OfficerIDs  []int64
	Fields      map[string]string
	Review      *ReviewOpinion // for a review step
	Files       []Evidence
	LedgerIndex int64
	Created     time.Time
}

// ReviewOpinion is a legal reviewer's recorded opinion (审核意见).
type ReviewOpinion struct {
	Outcome   string          `json:"outcome"` // 同意, 变更, 纠正, 补充, 移送
	Opinion   string          `json:"opinion"`
	Passed    bool            `json:"passed"`
	Checklist []ReviewFinding `json:"checklist"`
}

// ReviewFinding is the reviewer's answer to one checklist item.
type ReviewFinding struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Passed bool   `json:"passed"` // false: 存在问题
	Remark string `json:"remark,omitempty"`
}

// Evidence is a file attached to a step (证据, 笔录扫描件…), held in the
// content-addressed file store under its digest.
type Evidence struct {
	ID          int64
	CaseID      int64
	StepID      int64
	Name        string // the uploaded file name
	ContentType string
	Size        int64
	Digest      string // "sha256:<hex>"
	UploadedBy  int64
	Created     time.Time
}

// Publication statuses (公示状态).
const (
	PublicationPending   = "待公示"
	PublicationPublished = "已公示"
	PublicationWithdrawn = "已撤回"
)

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
	Status      string
	PublishedAt time.Time
	Report      string // digest of the redaction report
	Created     time.Time
	Updated     time.Time

	// Withdrawal (撤回, 处罚法 Art 48 ¶2), set once the status is
	// PublicationWithdrawn: when, why (one of WithdrawCauses and the public,
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
	Corrections []PublicationCorrection
}

// Withdrawn reports whether the publication has been withdrawn.
func (p *Publication) Withdrawn() bool { return p.Status == PublicationWithdrawn }

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

// PublicationCorrection is one correction of a publication's public field
// (更正): Old and New are the public, already-masked values; Reason is
// masked too. Public is false for a correction made before the publication
// was published: the public never saw the old value, and the portal lists
// only the others.
type PublicationCorrection struct {
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
