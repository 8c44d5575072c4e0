package web

import (
	"embed"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web/api"
	"github.com/zhifa/zhifa/web/portal"
	"github.com/zhifa/zhifa/web/ui"
	"github.com/zhifa/zhifa/web/workbench"
)

//go:embed static
var staticFS embed.FS

// Config is what the server needs.
type Config struct {
	Service *service.Service
	Log     *slog.Logger
	Signer  *ledger.Signer
	Origin  string // the ledger's origin line
	// SecureCookies marks cookies Secure and sends HSTS
	// (Strict-Transport-Security): set when clients reach the server over
	// HTTPS, directly or through a proxy.
	SecureCookies bool
	// Limits bound slow and greedy clients and guard the disk; see Limits.
	Limits Limits
	// TrustedProxies are the addresses of reverse proxies whose
	// X-Forwarded-For header names the client (for the login limits);
	// without them the header is ignored and the client is RemoteAddr.
	TrustedProxies []netip.Prefix
	// MetricsToken, if set, lets a client that sends it as
	// "Authorization: Bearer" read /metrics from anywhere; without it
	// /metrics answers only loopback (metrics.go).
	MetricsToken string
}

// Server serves the portal, the workbench, the API and the log.
type Server struct {
	svc     *service.Service
	log     *slog.Logger
	signer  *ledger.Signer
	origin  string
	secure  bool
	proxies []netip.Prefix
	ui      *ui.Responder
	mux     *http.ServeMux

	limits Limits    // limits.go
	edge   edgeState // uploads.go, ready.go

	metrics      *metrics // metrics.go
	metricsToken string

	v1 apiResources       // the JSON API's handlers (web/api)
	wb workbenchResources // the workbench's pages (web/workbench)
	pt portalResources    // the public portal's pages and API (web/portal)
}

// workbenchResources are the resources of the workbench (web/workbench),
// built by New.
type workbenchResources struct {
	home         *workbench.Home
	session      *workbench.Session
	cases        *workbench.Cases
	reviews      *workbench.Reviews
	publications *workbench.Publications
	calendar     *workbench.Calendar
	deadlines    *workbench.Deadlines
	redact       *workbench.Redact
	registry     *workbench.Registry
	inspections  *workbench.Inspections // 行政检查
}

// portalResources are the resources of the public portal (web/portal),
// built by New from the registry's and publicity's read methods only.
type portalResources struct {
	home         *portal.Home
	agencies     *portal.Agencies
	matters      *portal.Matters
	verify       *portal.Verify
	publications *portal.Publications
	record       *portal.Record
	inspections  *portal.Inspections // 行政检查
}

// The service methods each resource of the workbench and the API states it
// uses, checked against the service that New is given, so that a change of
// a method's signature fails here rather than at a handler.
var (
	_ workbench.SessionService      = (*service.Service)(nil)
	_ workbench.CasesService        = (*service.Service)(nil)
	_ workbench.ReviewsService      = (*service.Service)(nil)
	_ workbench.PublicationsService = (*service.Service)(nil)
	_ workbench.CalendarService     = (*service.Service)(nil)
	_ workbench.DeadlinesService    = (*service.Service)(nil)
	_ workbench.RedactService       = (*service.Service)(nil)
	_ workbench.RegistryService     = (*service.Service)(nil)

	_ api.SessionService      = (*service.Service)(nil)
	_ api.LedgerService       = (*service.Service)(nil)
	_ api.CasesService        = (*service.Service)(nil)
	_ api.ReviewsService      = (*service.Service)(nil)
	_ api.PublicationsService = (*service.Service)(nil)
	_ api.CalendarService     = (*service.Service)(nil)
	_ api.DeadlinesService    = (*service.Service)(nil)
	_ api.RedactService       = (*service.Service)(nil)
	_ api.RegistryService     = (*service.Service)(nil)
)

// apiResources are the resources of the JSON API (web/api), built by New.
type apiResources struct {
	session      *api.Session
	ledger       *api.Ledger
	cases        *api.Cases
	reviews      *api.Reviews
	publications *api.Publications
	calendar     *api.Calendar
	deadlines    *api.Deadlines
	redact       *api.Redact
	registry     *api.Registry
	inspections  *api.Inspections // 行政检查
}

// New parses every template and returns a server; a template error stops it.
// Unless the caller set its own, it makes the server's metrics the
// service's Metrics (failed logins, uploads, checkpoints).
func New(cfg Config) (*Server, error) {
	s := &Server{svc: cfg.Service, log: cfg.Log, signer: cfg.Signer, origin: cfg.Origin, secure: cfg.SecureCookies, proxies: cfg.TrustedProxies, mux: http.NewServeMux()}
	s.limits = cfg.Limits.withDefaults()
	s.metricsToken = cfg.MetricsToken
	s.metrics = newMetrics(s, cfg.Service)
	if _, ours := cfg.Service.Metrics.(*metrics); ours || cfg.Service.Metrics == nil {
		// The service counts failed logins, uploads and checkpoints for the
		// newest server over it (normally the only one); a Metrics set by
		// the caller is kept.
		cfg.Service.Metrics = s.metrics
	}
	var err error
	if s.ui, err = ui.New(cfg.Log, s.templateFuncs(), portal.Templates(), workbench.Templates()); err != nil {
		return nil, err
	}
	svc := cfg.Service
	// The clock and the longest session are read through svc at each use,
	// so that a caller setting svc.Now or svc.SessionMaxAge after New
	// reaches the handlers too.
	now := func() time.Time { return svc.Now() }
	sessionMax := func() time.Duration { return svc.SessionMaxAge }
	s.v1 = apiResources{
		session:      api.NewSession(svc, sessionMax, s.secure, s.clientAddress),
		ledger:       api.NewLedger(svc, s.signer, s.origin),
		cases:        api.NewCases(svc),
		reviews:      api.NewReviews(svc),
		publications: api.NewPublications(svc),
		calendar:     api.NewCalendar(svc),
		deadlines:    api.NewDeadlines(svc, now),
		redact:       api.NewRedact(svc),
		registry:     api.NewRegistry(svc),
		inspections:  api.NewInspections(svc.Inspections),
	}
	cal := workbench.NewCalendar(svc, now, s.ui, s.log)
	cases := workbench.NewCases(svc, s.ui, s.secure)
	s.wb = workbenchResources{
		home:         workbench.NewHome(s.ui, cal),
		session:      workbench.NewSession(svc, sessionMax, s.ui, s.secure, s.clientAddress),
		cases:        cases,
		reviews:      workbench.NewReviews(svc, s.ui),
		publications: workbench.NewPublications(svc, s.ui, s.secure, cases),
		calendar:     cal,
		deadlines:    workbench.NewDeadlines(svc, now, s.ui),
		redact:       workbench.NewRedact(svc, s.ui),
		registry:     workbench.NewRegistry(svc, s.ui),
		inspections:  workbench.NewInspections(svc.Inspections, svc.Registry, now, s.ui, s.secure),
	}
	s.pt = portalResources{
		home:         portal.NewHome(s.ui, svc.Registry, svc.Publicity, svc),
		agencies:     portal.NewAgencies(s.ui, svc.Registry),
		matters:      portal.NewMatters(s.ui, svc.Registry),
		verify:       portal.NewVerify(s.ui, svc.Registry),
		publications: portal.NewPublications(s.ui, svc.Registry, svc.Publicity, svc.Registry.Now, s.log),
		record:       portal.NewRecord(svc.Publicity, s.signer, s.origin),
		inspections:  portal.NewInspections(s.ui, portalInspections{svc.Inspections}, svc),
	}
	s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }
