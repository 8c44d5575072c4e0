package api

import (
	"net/http"
	"net/url"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// The resources of the API. Each is built by its New function from exactly
// what its handlers use: the service (*service.Service for now, until the
// contexts give their own services), and for some the error writer, the
// cookie setting, the client's address or the checkpoint signer.

// Session serves /api/v1/session and /api/v1/me (session.go).
type Session struct {
	svc           *service.Service
	secure        bool                         // Secure cookies
	clientAddress func(r *http.Request) string // the client, for the login limits
}

// NewSession returns the session resource.
func NewSession(svc *service.Service, secure bool, clientAddress func(r *http.Request) string) *Session {
	return &Session{svc: svc, secure: secure, clientAddress: clientAddress}
}

func (s *Session) setSessionCookie(w http.ResponseWriter, token string, maxAge int) {
	ui.SetSessionCookie(w, token, maxAge, s.secure)
}

func (s *Session) sessionMaxAge() int { return ui.SessionMaxAge(s.svc.SessionMaxAge) }

// Ledger serves the proofs and events of the log (ledger.go).
type Ledger struct {
	svc    *service.Service
	signer *ledger.Signer
	origin string
}

// NewLedger returns the ledger resource.
func NewLedger(svc *service.Service, signer *ledger.Signer, origin string) *Ledger {
	return &Ledger{svc: svc, signer: signer, origin: origin}
}

// Cases serves /api/v1/cases (cases.go).
type Cases struct{ svc *service.Service }

// NewCases returns the cases resource.
func NewCases(svc *service.Service) *Cases { return &Cases{svc: svc} }

func (s *Cases) serveEvidence(w http.ResponseWriter, r *http.Request) error {
	return staff.ServeEvidence(s.svc, w, r)
}

// Reviews serves the review queue (reviews.go).
type Reviews struct{ svc *service.Service }

// NewReviews returns the review queue resource.
func NewReviews(svc *service.Service) *Reviews { return &Reviews{svc: svc} }

// Publications serves an agency's publications (publications.go).
type Publications struct{ svc *service.Service }

// NewPublications returns the agency publications resource.
func NewPublications(svc *service.Service) *Publications { return &Publications{svc: svc} }

func (s *Publications) withdraw(r *http.Request, a zhifa.Actor, id int64, in publicity.WithdrawInput, badDate string) (*publicity.Publication, error) {
	return staff.Withdraw(s.svc, r, a, id, in, badDate)
}

// Calendar serves the working-day calendar (calendar.go).
type Calendar struct{ svc *service.Service }

// NewCalendar returns the calendar resource.
func NewCalendar(svc *service.Service) *Calendar { return &Calendar{svc: svc} }

// Deadlines serves the deadline monitoring and rules (deadlines.go).
type Deadlines struct{ svc *service.Service }

// NewDeadlines returns the deadlines resource.
func NewDeadlines(svc *service.Service) *Deadlines { return &Deadlines{svc: svc} }

func (s *Deadlines) today() calendar.Date { return staff.Today(s.svc) }

// Redact serves the redaction check (redact.go).
type Redact struct{ svc *service.Service }

// NewRedact returns the redaction resource.
func NewRedact(svc *service.Service) *Redact { return &Redact{svc: svc} }

// Registry serves agencies, officers and matters (registry.go) through
// one JSON flow per kind: AgencyAPI, OfficerAPI, MatterAPI.
type Registry struct{ svc *service.Service }

// NewRegistry returns the registry resource.
func NewRegistry(svc *service.Service) *Registry { return &Registry{svc: svc} }

// HandleAPINotFound answers every /api/ address that no route serves.
func HandleAPINotFound(w http.ResponseWriter, r *http.Request) error {
	return zhifa.Errorf(zhifa.ENOTFOUND, "没有这个接口:%s %s", r.Method, url.PathEscape(r.URL.Path))
}
