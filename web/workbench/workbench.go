package workbench

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/publicity"
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
// exactly what its handlers use: the service (*service.Service for now,
// until the contexts give their own services) and the responder, and for
// some the cookies' Secure flag, the client's address, the log or another
// resource's page.

// base is what every resource has: the service and the responder.
type base struct {
	svc *service.Service
	ui  *ui.Responder
}

func (s *base) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	s.ui.Render(w, r, status, page, data)
}

func (s *base) today() calendar.Date { return staff.Today(s.svc) }

// Home serves the workbench's front page (home.go).
type Home struct {
	base
	calendarNeeds func(ctx context.Context, a zhifa.Actor) []calendar.YearNeed
}

// NewHome returns the home page; cal gives its missing-year warning.
func NewHome(svc *service.Service, u *ui.Responder, cal *Calendar) *Home {
	return &Home{base: base{svc, u}, calendarNeeds: cal.calendarNeeds}
}

// Session serves the login page, the login and the logout (session.go).
type Session struct {
	base
	secure        bool                         // Secure cookies
	clientAddress func(r *http.Request) string // the client, for the login limits
}

// NewSession returns the session resource.
func NewSession(svc *service.Service, u *ui.Responder, secure bool, clientAddress func(r *http.Request) string) *Session {
	return &Session{base: base{svc, u}, secure: secure, clientAddress: clientAddress}
}

func (s *Session) setSessionCookie(w http.ResponseWriter, token string, maxAge int) {
	ui.SetSessionCookie(w, token, maxAge, s.secure)
}

func (s *Session) sessionMaxAge() int { return ui.SessionMaxAge(s.svc.SessionMaxAge) }

// Cases serves the case pages: list, registration, the case with its step
// forms, evidence (cases.go, case_page.go).
type Cases struct {
	base
	flash
}

// NewCases returns the case pages; secure marks the flash cookie Secure.
func NewCases(svc *service.Service, u *ui.Responder, secure bool) *Cases {
	return &Cases{base: base{svc, u}, flash: flash{secure}}
}

func (s *Cases) serveEvidence(w http.ResponseWriter, r *http.Request) error {
	return staff.ServeEvidence(s.svc, w, r)
}

// Reviews serves the review queue (reviews.go).
type Reviews struct{ base }

// NewReviews returns the review queue.
func NewReviews(svc *service.Service, u *ui.Responder) *Reviews {
	return &Reviews{base{svc, u}}
}

// Publications serves an agency's publications, their publishing,
// correction and withdrawal (publications.go). A failed form on the case
// page is shown again on the case page (renderCase, from Cases).
type Publications struct {
	base
	flash
	renderCase func(w http.ResponseWriter, r *http.Request, status int, p ui.Page, id int64, failed *stepForm, pubFailed *pubFailure) error
}

// NewPublications returns the publication pages.
func NewPublications(svc *service.Service, u *ui.Responder, secure bool, cases *Cases) *Publications {
	return &Publications{base: base{svc, u}, flash: flash{secure}, renderCase: cases.renderCase}
}

func (s *Publications) withdraw(r *http.Request, a zhifa.Actor, id int64, in publicity.WithdrawInput, badDate string) (*publicity.Publication, error) {
	return staff.Withdraw(s.svc, r, a, id, in, badDate)
}

// Calendar serves the working-day calendar and its import (calendar.go).
type Calendar struct {
	base
	log *slog.Logger
}

// NewCalendar returns the calendar pages.
func NewCalendar(svc *service.Service, u *ui.Responder, log *slog.Logger) *Calendar {
	return &Calendar{base: base{svc, u}, log: log}
}

// Deadlines serves the deadline monitoring (deadlines.go).
type Deadlines struct{ base }

// NewDeadlines returns the deadlines page.
func NewDeadlines(svc *service.Service, u *ui.Responder) *Deadlines {
	return &Deadlines{base{svc, u}}
}

// Redact serves the redaction check (redact.go).
type Redact struct{ base }

// NewRedact returns the redaction page.
func NewRedact(svc *service.Service, u *ui.Responder) *Redact {
	return &Redact{base{svc, u}}
}

// Registry serves the registry pages: agencies, officers, matters
// (registry.go), through one form flow per kind: AgencyForm, OfficerForm,
// MatterForm.
type Registry struct{ base }

// NewRegistry returns the registry pages.
func NewRegistry(svc *service.Service, u *ui.Responder) *Registry {
	return &Registry{base{svc, u}}
}
