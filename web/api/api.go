package api

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// The resources of the API. Each is built by its New function from exactly
// what its handlers use: the service methods it calls, stated by a small
// interface declared below (satisfied by *service.Service, whose embedded
// context services answer most of them; web/server.go checks it), and for
// some the clock, the cookie setting, the client's address or the
// checkpoint signer.

// SessionService logs in and out (*identity.Service).
type SessionService interface {
	LoginFrom(ctx context.Context, address string, username string, password string) (*identity.Session, error)
	Logout(ctx context.Context, token string) error
}

// Session serves /api/v1/session and /api/v1/me (session.go).
type Session struct {
	svc           SessionService
	sessionMax    func() time.Duration         // the identity service's SessionMaxAge, read at each login
	secure        bool                         // Secure cookies
	clientAddress func(r *http.Request) string // the client, for the login limits
}

// NewSession returns the session resource; sessionMax gives the session's
// longest life, for the cookie.
func NewSession(svc SessionService, sessionMax func() time.Duration, secure bool, clientAddress func(r *http.Request) string) *Session {
	return &Session{svc: svc, sessionMax: sessionMax, secure: secure, clientAddress: clientAddress}
}

func (s *Session) setSessionCookie(w http.ResponseWriter, token string, maxAge int) {
	ui.SetSessionCookie(w, token, maxAge, s.secure)
}

func (s *Session) sessionMaxAge() int { return ui.SessionMaxAge(s.sessionMax()) }

// LedgerService reads the log's events and proofs (service.Service).
type LedgerService interface {
	Event(ctx context.Context, index int64) ([]byte, ledger.Event, error)
	Proof(ctx context.Context, signer *ledger.Signer, origin string, index int64) ([]byte, error)
}

// Ledger serves the proofs and events of the log (ledger.go).
type Ledger struct {
	svc    LedgerService
	signer *ledger.Signer
	origin string
}

// NewLedger returns the ledger resource.
func NewLedger(svc LedgerService, signer *ledger.Signer, origin string) *Ledger {
	return &Ledger{svc: svc, signer: signer, origin: origin}
}

// CasesService lists, registers and shows cases, records their steps and
// uploads and serves their files (*penalty.Service; Today from
// *registry.Service).
type CasesService interface {
	Case(ctx context.Context, a zhifa.Actor, id int64) (*penalty.CaseDetail, error)
	Cases(ctx context.Context, a zhifa.Actor, f penalty.CaseListFilter) ([]*zhifa.Case, error)
	RegisterCase(ctx context.Context, a zhifa.Actor, in penalty.CaseInput) (*zhifa.Case, error)
	DecideOnTheSpot(ctx context.Context, a zhifa.Actor, in penalty.SimpleCaseInput) (*penalty.StepResult, error)
	RecordStep(ctx context.Context, a zhifa.Actor, caseID int64, in penalty.StepInput) (*penalty.StepResult, error)
	UploadFile(ctx context.Context, a zhifa.Actor, caseID int64, name string, contentType string, r io.Reader) (penalty.FileInput, error)
	Today() zhifa.Date
	staff.EvidenceOpener
}

// Cases serves /api/v1/cases (cases.go).
type Cases struct{ svc CasesService }

// NewCases returns the cases resource.
func NewCases(svc CasesService) *Cases { return &Cases{svc: svc} }

func (s *Cases) serveEvidence(w http.ResponseWriter, r *http.Request) error {
	return staff.ServeEvidence(s.svc, w, r)
}

// ReviewsService lists the review queue (*penalty.Service).
type ReviewsService interface {
	ReviewQueue(ctx context.Context, a zhifa.Actor) ([]*zhifa.Case, error)
}

// Reviews serves the review queue (reviews.go).
type Reviews struct{ svc ReviewsService }

// NewReviews returns the review queue resource.
func NewReviews(svc ReviewsService) *Reviews { return &Reviews{svc: svc} }

// PublicationsService lists, publishes, corrects and withdraws an agency's
// publications (*publicity.Service).
type PublicationsService interface {
	AgencyPublications(ctx context.Context, a zhifa.Actor, status string) ([]*publicity.Publication, error)
	Publish(ctx context.Context, a zhifa.Actor, id int64) (*publicity.Publication, error)
	CorrectPublication(ctx context.Context, a zhifa.Actor, id int64, in publicity.CorrectInput) (*publicity.Publication, error)
	staff.Withdrawer
}

// Publications serves an agency's publications (publications.go).
type Publications struct{ svc PublicationsService }

// NewPublications returns the agency publications resource.
func NewPublications(svc PublicationsService) *Publications { return &Publications{svc: svc} }

func (s *Publications) withdraw(r *http.Request, a zhifa.Actor, id int64, in publicity.WithdrawInput, badDate string) (*publicity.Publication, error) {
	return staff.Withdraw(s.svc, r, a, id, in, badDate)
}

// CalendarService reads the working-day calendar, counts on it and
// imports a year's schedule (service.Service).
type CalendarService interface {
	Authorize(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error
	Calendar(ctx context.Context) (*calendar.Calendar, error)
	Day(ctx context.Context, d calendar.Date) (service.DayInfo, error)
	AddPeriod(ctx context.Context, from calendar.Date, n int, unit deadline.Unit, roll bool) (calendar.Date, error)
	WorkdaysBetween(ctx context.Context, a calendar.Date, b calendar.Date) (int, error)
	ImportSchedule(ctx context.Context, a zhifa.Actor, sc calendar.Schedule) error
}

// Calendar serves the working-day calendar (calendar.go).
type Calendar struct{ svc CalendarService }

// NewCalendar returns the calendar resource.
func NewCalendar(svc CalendarService) *Calendar { return &Calendar{svc: svc} }

// DeadlinesService lists the deadlines an actor watches (service.Service).
type DeadlinesService interface {
	DeadlineItems(ctx context.Context, a zhifa.Actor, today calendar.Date) ([]service.DeadlineItem, error)
}

// Deadlines serves the deadline monitoring and rules (deadlines.go).
type Deadlines struct {
	svc DeadlinesService
	now func() time.Time // the service's clock, for today
}

// NewDeadlines returns the deadlines resource.
func NewDeadlines(svc DeadlinesService, now func() time.Time) *Deadlines {
	return &Deadlines{svc: svc, now: now}
}

func (s *Deadlines) today() calendar.Date { return staff.Today(s.now) }

// RedactService checks and confirms a redaction (*publicity.Service).
type RedactService interface {
	Redact(ctx context.Context, a zhifa.Actor, in publicity.RedactInput) (*publicity.RedactResult, error)
	ConfirmRedaction(ctx context.Context, a zhifa.Actor, in publicity.RedactInput) (*publicity.RedactResult, error)
}

// Redact serves the redaction check (redact.go).
type Redact struct{ svc RedactService }

// NewRedact returns the redaction resource.
func NewRedact(svc RedactService) *Redact { return &Redact{svc: svc} }

// RegistryService reads and writes agencies, officers and matters
// (*registry.Service).
type RegistryService interface {
	staff.RegistryEditor
}

// Registry serves agencies, officers and matters (registry.go) through
// one JSON flow per kind: AgencyAPI, OfficerAPI, MatterAPI.
type Registry struct{ svc RegistryService }

// NewRegistry returns the registry resource.
func NewRegistry(svc RegistryService) *Registry { return &Registry{svc: svc} }

// HandleAPINotFound answers every /api/ address that no route serves.
func HandleAPINotFound(w http.ResponseWriter, r *http.Request) error {
	return zhifa.Errorf(zhifa.ENOTFOUND, "没有这个接口:%s %s", r.Method, url.PathEscape(r.URL.Path))
}
