package penalty

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
)

// Store is the storage of the penalty cases; package store implements it
// (store.PenaltyStore).
type Store interface {
	// FindCase returns case id or ENOTFOUND.
	FindCase(ctx context.Context, id int64) (*zhifa.Case, error)
	// FindCases returns the cases matching f, newest first.
	FindCases(ctx context.Context, f CaseListFilter) ([]*zhifa.Case, error)
	// FindSteps returns the steps of a case in order, with their files.
	FindSteps(ctx context.Context, caseID int64) ([]*zhifa.Step, error)
	// FindDeadlines returns the deadlines of object (e.g. "case/42").
	FindDeadlines(ctx context.Context, object string) ([]Deadline, error)
	// FindPublication returns the one publication matching f, or ENOTFOUND.
	FindPublication(ctx context.Context, f publicity.PublicationFilter) (*publicity.Publication, error)
	// CountReviews returns how many legal reviews the user has recorded.
	CountReviews(ctx context.Context, userID int64) (int, error)
	// FindEvidence returns the evidence of a case, or only evidence id
	// when id is not 0.
	FindEvidence(ctx context.Context, caseID, id int64) ([]*zhifa.Evidence, error)
	// EvidenceAgencies returns the agencies of the cases holding a file.
	EvidenceAgencies(ctx context.Context, digest string) ([]int64, error)
	// NumberFormats returns the agency's configured number formats by
	// document type code (DocTypes); types not configured are absent.
	NumberFormats(ctx context.Context, agencyID int64) (map[string]string, error)
	// Write runs fn in one transaction, which must record a ledger event.
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction of a case; *store.Tx implements it. It is a
// publicity.Tx too: the decision step makes the case's publication in its
// own transaction.
type Tx interface {
	publicity.Tx
	// NextCaseSerial returns the next serial number of the agency's cases
	// under prefix (the year's 案件编号).
	NextCaseSerial(agencyID int64, prefix string) (int, error)
	// CreateCase inserts c and sets its ID.
	CreateCase(c *zhifa.Case) error
	// AddStep inserts st and its files.
	AddStep(st *zhifa.Step) error
	// LockCaseRules reads case id and its stored rule state (History,
	// JSON), locking the row until the transaction ends.
	LockCaseRules(id int64) (*zhifa.Case, string, error)
	// SetCaseRules stores c's stage and dates and its rule state.
	SetCaseRules(c *zhifa.Case, rules string) error
	FindSteps(ctx context.Context, caseID int64) ([]*zhifa.Step, error)
	// CaseDeadlines returns the deadlines of object inside the transaction.
	CaseDeadlines(object string) ([]Deadline, error)
	// NextSerial returns the next number of the sequence (agency, prefix),
	// locked until the transaction ends.
	NextSerial(agencyID int64, prefix string) (int64, error)
	// AddDocumentNumber stores a number given to a document and sets its
	// ID; EINVALID (field "number") when the agency already gave it.
	AddDocumentNumber(d *DocumentNumber) error
	// NumberFormats is Store.NumberFormats inside the transaction.
	NumberFormats(agencyID int64) (map[string]string, error)
	// SetNumberFormat stores the agency's format of a document type.
	SetNumberFormat(agencyID int64, docType, format string, by int64) error
}

// Deadline is a stored time limit of a case as the rules and the case page
// read it. Dates are civil dates, YYYY-MM-DD.
type Deadline struct {
	RuleID string // package deadline's rule ID, e.g. "T3"
	Start  string
	Due    string
	MetAt  string // "" while open
}

// Registry is what the cases read of the registry: their agency, officers
// and matters. store.RegistryStore implements it.
type Registry interface {
	FindAgency(ctx context.Context, id int64) (*registry.Agency, error)
	FindOfficer(ctx context.Context, f registry.OfficerFilter) (*registry.Officer, error)
	FindMatter(ctx context.Context, id int64) (*registry.Matter, error)
}

// Publisher makes the publication of a decision inside the decision step's
// transaction; *publicity.Service implements it.
type Publisher interface {
	CreateFromDecision(tx publicity.Tx, a zhifa.Actor, c *zhifa.Case, st *zhifa.Step) (*publicity.Publication, error)
}

// Deadlines sets and meets the statutory time limits of a case inside a
// step's write, and names the rules on the case page. Package service
// implements it over its deadline rules (the same implementation as
// publicity.Deadlines).
type Deadlines interface {
	// Set computes the due date of rule ruleID started on start and stores
	// it as the deadline of object, returning the due date.
	Set(tx publicity.Tx, cal *calendar.Calendar, object string, agencyID int64, ruleID string, start calendar.Date, responsible int64) (calendar.Date, error)
	// Meet marks the open deadline of object under ruleID met on date;
	// ENOTFOUND when there is none.
	Meet(tx publicity.Tx, object, ruleID string, date calendar.Date) error
	// Rule returns rule ruleID as it applies to an agency whose legal
	// review takes reviewDays working days (0: the rule's own).
	Rule(ruleID string, reviewDays int) (deadline.Rule, error)
}

// Metrics counts what an operator watches of the cases: the evidence
// bytes stored by UploadFile.
type Metrics interface {
	Uploaded(size int64)
}

// Service is the penalty context's case service: it registers cases,
// records their steps through Apply, reads them, and keeps their evidence
// files. It holds no state of its own.
type Service struct {
	Store     Store
	Registry  Registry
	Publicity Publisher
	Deadlines Deadlines
	// Catalogs answers the scope of review at a decision (scope.go); nil:
	// the statutory floor alone.
	Catalogs Catalogs
	// Calendar returns the effective working-day calendar.
	Calendar func(ctx context.Context) (*calendar.Calendar, error)
	// Blobs returns the evidence file store, nil when none is configured.
	Blobs   func() *blob.Store
	Metrics Metrics // nil: nothing is counted
	Guard   access.Guard
	Now     func() time.Time
	Log     *slog.Logger
}

// date returns the civil date of s.Now in China.
func (s *Service) date() zhifa.Date { return zhifa.DateOf(s.Now()) }

// today is the service's current civil date in China, in both forms.
func (s *Service) today() (calendar.Date, string) {
	d := s.date()
	return d, d.String()
}

// blobs returns the evidence file store, or EINTERNAL when there is none.
func (s *Service) blobs() (*blob.Store, error) {
	var b *blob.Store
	if s.Blobs != nil {
		b = s.Blobs()
	}
	if b == nil {
		return nil, zhifa.Errorf(zhifa.EINTERNAL, "证据文件库未配置")
	}
	return b, nil
}

// itoa formats an id as the ledger's object and agency names are written:
// "" for 0.
func itoa(n int64) string {
	s := ""
	if n != 0 {
		s = strconv.FormatInt(n, 10)
	}
	return s
}
