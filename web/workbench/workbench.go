package workbench

import (
	"context"
	"embed"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

//go:embed templates
var templateFS embed.FS

// Templates are the workbench's pages, for ui.New.
func Templates() fs.FS {
	t, _ := fs.Sub(templateFS, "templates")
	return t
}

// The resources of the workbench. Each is built by its New function from
// exactly what its handlers use: the service methods it calls, stated by a
// small interface declared below (satisfied by *service.Service, whose
// embedded context services answer most of them; web/server.go checks it)
// and the responder, and for some the clock, the cookies' Secure flag, the
// client's address, the log or another resource's page.

// base is what every resource has: the responder.
type base struct {
	ui *ui.Responder
}

func (s *base) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	s.ui.Render(w, r, status, page, data)
}

// Home serves the workbench's front page (home.go).
type Home struct {
	base
	calendarNeeds func(ctx context.Context, a zhifa.Actor) []calendar.YearNeed
	todos         *Todos // the user's to-do list (todo.go); nil: none
}

// NewHome returns the home page; cal gives its missing-year warning.
func NewHome(u *ui.Responder, cal *Calendar) *Home {
	return &Home{base: base{u}, calendarNeeds: cal.calendarNeeds}
}

// SessionService logs in and out (*identity.Service).
type SessionService interface {
	LoginFrom(ctx context.Context, address string, username string, password string) (*identity.Session, error)
	Logout(ctx context.Context, token string) error
}

// Session serves the login page, the login and the logout (session.go).
type Session struct {
	base
	svc           SessionService
	sessionMax    func() time.Duration         // the identity service's SessionMaxAge, read at each login
	secure        bool                         // Secure cookies
	clientAddress func(r *http.Request) string // the client, for the login limits
}

// NewSession returns the session resource; sessionMax gives the session's
// longest life, for the cookie.
func NewSession(svc SessionService, sessionMax func() time.Duration, u *ui.Responder, secure bool, clientAddress func(r *http.Request) string) *Session {
	return &Session{base: base{u}, svc: svc, sessionMax: sessionMax, secure: secure, clientAddress: clientAddress}
}

func (s *Session) setSessionCookie(w http.ResponseWriter, token string, maxAge int) {
	ui.SetSessionCookie(w, token, maxAge, s.secure)
}

func (s *Session) sessionMaxAge() int { return ui.SessionMaxAge(s.sessionMax()) }

// CasesService lists, registers and shows cases, records their steps and
// uploads and serves their files (*penalty.Service, the registry's
// *registry.Service for the forms' choices, service.Service for Authorize).
type CasesService interface {
	Authorize(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error
	Case(ctx context.Context, a zhifa.Actor, id int64) (*penalty.CaseDetail, error)
	Cases(ctx context.Context, a zhifa.Actor, f penalty.CaseListFilter) ([]*zhifa.Case, error)
	RegisterCase(ctx context.Context, a zhifa.Actor, in penalty.CaseInput) (*zhifa.Case, error)
	RecordStep(ctx context.Context, a zhifa.Actor, caseID int64, in penalty.StepInput) (*penalty.StepResult, error)
	UploadFile(ctx context.Context, a zhifa.Actor, caseID int64, name string, contentType string, r io.Reader) (penalty.FileInput, error)
	Matter(ctx context.Context, id int64) (*registry.Matter, error)
	Matters(ctx context.Context, f registry.MatterFilter) ([]*registry.Matter, error)
	Officers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error)
	Today() zhifa.Date
	staff.EvidenceOpener
}

// Cases serves the case pages: list, registration, the case with its step
// forms, evidence (cases.go, case_page.go).
type Cases struct {
	base
	flash
	svc CasesService
}

// NewCases returns the case pages; secure marks the flash cookie Secure.
func NewCases(svc CasesService, u *ui.Responder, secure bool) *Cases {
	return &Cases{base: base{u}, flash: flash{secure}, svc: svc}
}

func (s *Cases) serveEvidence(w http.ResponseWriter, r *http.Request) error {
	return staff.ServeEvidence(s.svc, w, r)
}

// ReviewsService lists the review queue (*penalty.Service).
type ReviewsService interface {
	ReviewQueue(ctx context.Context, a zhifa.Actor) ([]*zhifa.Case, error)
}

// Reviews serves the review queue (reviews.go).
type Reviews struct {
	base
	svc    ReviewsService
	limits ReviewLimitsService // the review time limits (reviews.go)
}

// NewReviews returns the review queue.
func NewReviews(svc ReviewsService, limits ReviewLimitsService, u *ui.Responder) *Reviews {
	return &Reviews{base{u}, svc, limits}
}

// PublicationsService reads, publishes, corrects and withdraws an agency's
// publications (*publicity.Service; Today from *registry.Service).
type PublicationsService interface {
	AgencyPublication(ctx context.Context, a zhifa.Actor, id int64) (*publicity.Publication, error)
	AgencyPublications(ctx context.Context, a zhifa.Actor, status string) ([]*publicity.Publication, error)
	Publish(ctx context.Context, a zhifa.Actor, id int64) (*publicity.Publication, error)
	CorrectPublication(ctx context.Context, a zhifa.Actor, id int64, in publicity.CorrectInput) (*publicity.Publication, error)
	staff.Withdrawer
	Today() zhifa.Date
}

// Publications serves an agency's publications, their publishing,
// correction and withdrawal (publications.go). A failed form on the case
// page is shown again on the case page (renderCase, from Cases).
type Publications struct {
	base
	flash
	svc        PublicationsService
	renderCase func(w http.ResponseWriter, r *http.Request, status int, p ui.Page, id int64, failed *stepForm, pubFailed *pubFailure) error
}

// NewPublications returns the publication pages.
func NewPublications(svc PublicationsService, u *ui.Responder, secure bool, cases *Cases) *Publications {
	return &Publications{base: base{u}, flash: flash{secure}, svc: svc, renderCase: cases.renderCase}
}

func (s *Publications) withdraw(r *http.Request, a zhifa.Actor, id int64, in publicity.WithdrawInput, badDate string) (*publicity.Publication, error) {
	return staff.Withdraw(s.svc, r, a, id, in, badDate)
}

// CalendarService reads and imports the working-day calendar
// (service.Service).
type CalendarService interface {
	Authorize(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error
	Calendar(ctx context.Context) (*calendar.Calendar, error)
	ImportSchedule(ctx context.Context, a zhifa.Actor, sc calendar.Schedule) error
}

// Calendar serves the working-day calendar and its import (calendar.go).
type Calendar struct {
	base
	svc CalendarService
	now func() time.Time // the service's clock, for today
	log *slog.Logger
}

// NewCalendar returns the calendar pages.
func NewCalendar(svc CalendarService, now func() time.Time, u *ui.Responder, log *slog.Logger) *Calendar {
	return &Calendar{base: base{u}, svc: svc, now: now, log: log}
}

func (s *Calendar) today() calendar.Date { return staff.Today(s.now) }

// DeadlinesService lists the deadlines an actor watches (service.Service).
type DeadlinesService interface {
	DeadlineItems(ctx context.Context, a zhifa.Actor, today calendar.Date) ([]service.DeadlineItem, error)
}

// Deadlines serves the deadline monitoring (deadlines.go).
type Deadlines struct {
	base
	svc DeadlinesService
	now func() time.Time // the service's clock, for today
}

// NewDeadlines returns the deadlines page.
func NewDeadlines(svc DeadlinesService, now func() time.Time, u *ui.Responder) *Deadlines {
	return &Deadlines{base{u}, svc, now}
}

func (s *Deadlines) today() calendar.Date { return staff.Today(s.now) }

// RedactService checks and confirms a redaction (*publicity.Service).
type RedactService interface {
	Redact(ctx context.Context, a zhifa.Actor, in publicity.RedactInput) (*publicity.RedactResult, error)
	ConfirmRedaction(ctx context.Context, a zhifa.Actor, in publicity.RedactInput) (*publicity.RedactResult, error)
}

// Redact serves the redaction check (redact.go).
type Redact struct {
	base
	svc RedactService
}

// NewRedact returns the redaction page.
func NewRedact(svc RedactService, u *ui.Responder) *Redact { return &Redact{base{u}, svc} }

// RegistryService reads and writes agencies, officers and matters
// (*registry.Service; Authorize from service.Service).
type RegistryService interface {
	Authorize(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error
	staff.RegistryEditor
}

// Registry serves the registry pages: agencies, officers, matters
// (registry.go), through one form flow per kind: AgencyForm, OfficerForm,
// MatterForm.
type Registry struct {
	base
	svc RegistryService
}

// NewRegistry returns the registry pages.
func NewRegistry(svc RegistryService, u *ui.Responder) *Registry { return &Registry{base{u}, svc} }
