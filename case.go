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

// Person reports whether the party is a natural person (自然人), whose ID
// number, phone and address are personal data.
func (p Party) Person() bool { return p.Kind == PartyPerson }

// Case is a 案件: one enforcement matter against one party in one agency,
// moved through the stages of package penalty by recorded steps.
//
// Case, Party, Step, Evidence, ReviewOpinion and ReviewFinding stay in the
// root package for now, though package penalty's Service registers and
// moves cases: they are the case file shared by every procedure and by
// publicity, which may not import penalty (penalty imports publicity).
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
