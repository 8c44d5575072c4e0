package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/service"
)

//go:embed templates
var templateFS embed.FS

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
	pages   map[string]*template.Template
	mux     *http.ServeMux

	limits Limits    // limits.go
	edge   edgeState // uploads.go, ready.go

	metrics      *metrics // metrics.go
	metricsToken string
}

// New parses every template and returns a server; a template error stops it.
// Unless the caller set its own, it makes the server's metrics the
// service's Metrics (failed logins, uploads, checkpoints).
func New(cfg Config) (*Server, error) {
	s := &Server{svc: cfg.Service, log: cfg.Log, signer: cfg.Signer, origin: cfg.Origin, secure: cfg.SecureCookies, proxies: cfg.TrustedProxies, mux: http.NewServeMux()}
	s.limits = cfg.Limits.withDefaults()
	s.metricsToken = cfg.MetricsToken
	s.metrics = newMetrics(s, cfg.Service.DB)
	if _, ours := cfg.Service.Metrics.(*metrics); ours || cfg.Service.Metrics == nil {
		// The service counts failed logins, uploads and checkpoints for the
		// newest server over it (normally the only one); a Metrics set by
		// the caller is kept.
		cfg.Service.Metrics = s.metrics
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(cst).Format("2006-01-02")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(cst).Format("2006-01-02 15:04")
	},
	"roleName":     func(r zhifa.Role) string { return r.Name() },
	"certClass":    certClass,
	"workbenchNav": workbenchLinks,
	"join":         strings.Join,
	"yuan": func(n int64) string {
		return fmt.Sprintf("%d", n)
	},
}

var cst = time.FixedZone("CST", 8*3600)

func (s *Server) parseTemplates() error {
	s.pages = map[string]*template.Template{}
	// Files named partial_*.html hold templates shared by several pages.
	layout, err := template.New("layout.html").Funcs(funcs).Funcs(s.templateFuncs()).ParseFS(templateFS, "templates/layout.html", "templates/partial_*.html")
	if err != nil {
		return fmt.Errorf("parse layout: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "partial_") {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, f)
		if err != nil {
			return fmt.Errorf("parse %s: %w", f, err)
		}
		s.pages[name] = t
	}
	return nil
}

// Page is the data every page has.
type Page struct {
	Title   string
	Section string // "portal" or "workbench"
	Actor   zhifa.Actor
	Flash   string
	Error   string
	// Problems are per-field messages of a rejected form.
	Problems map[string]string
}

// Nav is one workbench menu entry.
type Nav struct{ Href, Label string }

// render executes page into a buffer, then writes it; a template error is a
// clean 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	t, ok := s.pages[page]
	if !ok {
		s.log.Error("no such page", "page", page)
		http.Error(w, "页面不存在", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		s.log.Error("render", "page", page, "err", err)
		http.Error(w, "页面渲染失败", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// writeJSON writes v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

type actorKey struct{}

func actorFrom(ctx context.Context) zhifa.Actor {
	a, _ := ctx.Value(actorKey{}).(zhifa.Actor)
	return a
}
