package web

import (
	"context"
	"embed"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/document"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
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

	tusd *tusUploads // resumable uploads (tus.go); nil without a file store
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
	complaints   *workbench.Complaints
	opinions     *workbench.Opinions
	dashboard    *workbench.Dashboard
	reports      *workbench.Reports
	catalog      *workbench.Catalog       // 法制审核目录清单 (issue 11)
	counsel      *workbench.Counsel       // 法律顾问、公职律师, staffing (issue 11)
	admin        *workbench.Admin         // 三员分立: accounts and roles (issue 16)
	audit        *workbench.Audit         // the audit trail (issue 16)
	numbers      *workbench.NumberFormats // 文号格式 (issue 10)
	documents    *workbench.Documents
	recordings   *workbench.Recordings  // issue 13
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
	complaints   *portal.Complaints
	reports      *portal.Reports
	catalogs     *portal.Catalogs // 法制审核目录清单 (issue 11)
	ledger       *portal.Ledger   // the log's pages for people (issue 16)
	documents    *portal.DocumentVerify
	inspections  *portal.Inspections // 行政检查
}

// The service methods each resource of the workbench and the API states it
// uses, checked against the service that New is given, so that a change of
// a method's signature fails here rather than at a handler.
var (
	_ workbench.SessionService       = (*service.Service)(nil)
	_ workbench.CasesService         = (*service.Service)(nil)
	_ workbench.ReviewsService       = (*service.Service)(nil)
	_ workbench.PublicationsService  = (*service.Service)(nil)
	_ workbench.CalendarService      = (*service.Service)(nil)
	_ workbench.DeadlinesService     = (*service.Service)(nil)
	_ workbench.RedactService        = (*service.Service)(nil)
	_ workbench.RegistryService      = (*service.Service)(nil)
	_ workbench.NumberFormatsService = (*service.Service)(nil)
	_ workbench.TodoService          = (*service.Service)(nil)
	_ workbench.AdminService         = (*service.Service)(nil)
	_ workbench.AuditService         = (*service.Service)(nil)

	_ api.SessionService      = (*service.Service)(nil)
	_ api.LedgerService       = (*service.Service)(nil)
	_ api.CasesService        = (*service.Service)(nil)
	_ api.ReviewsService      = (*service.Service)(nil)
	_ api.PublicationsService = (*service.Service)(nil)
	_ api.CalendarService     = (*service.Service)(nil)
	_ api.DeadlinesService    = (*service.Service)(nil)
	_ api.RedactService       = (*service.Service)(nil)
	_ api.RegistryService     = (*service.Service)(nil)
	_ api.AdminService        = (*service.Service)(nil)
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
	admin        *api.Admin       // 三员分立 and the audit trail (issue 16)
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
		admin:        api.NewAdmin(svc),
		inspections:  api.NewInspections(svc.Inspections),
	}
	cal := workbench.NewCalendar(svc, now, s.ui, s.log)
	exportCaseFile := func(ctx context.Context, a zhifa.Actor, caseID int64, digestsOnly bool, w io.Writer) error {
		return svc.ExportCaseFile(ctx, a, s.signer, s.origin, caseID, digestsOnly, w)
	}
	cases := workbench.NewCases(svc, s.ui, s.secure)
	s.wb = workbenchResources{
		home:         workbench.NewHome(s.ui, cal).WithTodos(workbench.NewTodos(svc).WithDesks(svc.Complaints, svc.Supervision)),
		session:      workbench.NewSession(svc, sessionMax, s.ui, s.secure, s.clientAddress),
		cases:        cases,
		reviews:      workbench.NewReviews(svc, svc.Reviews, s.ui),
		publications: workbench.NewPublications(svc, s.ui, s.secure, cases),
		calendar:     cal,
		deadlines:    workbench.NewDeadlines(svc, now, s.ui),
		redact:       workbench.NewRedact(svc, s.ui),
		registry:     workbench.NewRegistry(svc, s.ui),
		complaints:   workbench.NewComplaints(s.ui, svc.Complaints, svc.Registry.Agencies, s.today, s.secure),
		opinions:     workbench.NewOpinions(s.ui, svc.Supervision, svc.Registry.Agencies, s.today, s.secure),
		dashboard:    workbench.NewDashboard(s.ui, svc.Supervision, s.today),
		reports:      workbench.NewReports(s.ui, svc.Supervision, s.today, s.secure),
		catalog:      workbench.NewCatalog(svc.Reviews, svc.Registry, svc.Authorize, s.ui, s.secure),
		counsel:      workbench.NewCounsel(svc.Reviews, svc.Registry, s.ui),
		admin:        workbench.NewAdmin(svc, s.ui, s.secure),
		audit:        workbench.NewAudit(svc, s.ui),
		numbers:      workbench.NewNumberFormats(svc, s.ui, s.secure),
		documents:    workbench.NewDocuments(svc.Documents, exportCaseFile, s.ui, s.secure),
		recordings:   workbench.NewRecordings(svc.Recordings, recordingsRegistry{svc}, func() *blob.Store { return svc.Blobs }, s.limits.MaxUpload, s.ui),
		inspections:  workbench.NewInspections(svc.Inspections, svc.Registry, now, s.ui, s.secure),
	}
	s.pt = portalResources{
		home:         portal.NewHome(s.ui, svc.Registry, svc.Publicity, svc),
		agencies:     portal.NewAgencies(s.ui, svc.Registry),
		matters:      portal.NewMatters(s.ui, svc.Registry),
		verify:       portal.NewVerify(s.ui, svc.Registry),
		publications: portal.NewPublications(s.ui, svc.Registry, svc.Publicity, svc.Registry.Now, s.log),
		record:       portal.NewRecord(svc.Publicity, s.signer, s.origin),
		complaints:   portal.NewComplaints(s.ui, svc.Registry, svc.Complaints, s.clientAddress, now),
		reports:      portal.NewReports(s.ui, portalReports{svc.Supervision}),
		catalogs:     portal.NewCatalogs(s.ui, svc.Reviews, svc.Registry),
		ledger:       portal.NewLedger(s.ui, svc, svc.Identity, svc.Registry, s.signer, s.origin),
		documents: portal.NewDocumentVerify(s.ui, &document.Checker{Store: svc.Documents.Store, VerifierKey: func() string {
			if s.signer == nil {
				return ""
			}
			return s.signer.VerifierKey()
		}}),
		inspections: portal.NewInspections(s.ui, portalInspections{svc.Inspections}, svc),
	}
	if s.signer != nil && svc.Documents.Signer == nil {
		// Issued documents are signed with the log's key, whose verifier
		// key the public check and /log/key show.
		svc.Documents.Signer = s.signer
	}
	if s.tusd, err = s.newTus(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// recordingsRegistry gives the recordings pages the agency's devices and
// officers.
type recordingsRegistry struct{ svc *service.Service }

func (r recordingsRegistry) AgencyDevices(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*registry.Device, error) {
	return r.svc.Devices.AgencyDevices(ctx, a, agencyID)
}

func (r recordingsRegistry) Officers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error) {
	return r.svc.Officers(ctx, f)
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }
