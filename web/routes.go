package web

import (
	"io/fs"
	"net/http"

	"github.com/zhifa/zhifa/ledger"
)

// routes lists every route of the server.
func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")

	// Operations.
	m.HandleFunc("GET /healthz", s.handleHealth)
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))

	// Public portal (公示门户).
	m.HandleFunc("GET /{$}", s.handlePortalHome)

	// Workbench (工作台) and login.
	m.HandleFunc("GET /login", s.handleLoginForm)
	m.HandleFunc("POST /login", s.handleLogin)
	m.HandleFunc("POST /logout", s.handleLogout)
	m.HandleFunc("GET /workbench", s.handleWorkbench)
	m.HandleFunc("GET /workbench/redact", s.handleRedactForm)
	m.HandleFunc("POST /workbench/redact", s.handleRedact)

	// JSON API.
	m.HandleFunc("GET /api/v1/openapi.json", s.handleAPIOpenAPI)
	m.HandleFunc("POST /api/v1/session", s.handleAPILogin)
	m.HandleFunc("DELETE /api/v1/session", s.handleAPILogout)
	m.HandleFunc("GET /api/v1/me", s.handleAPIMe)
	m.HandleFunc("GET /api/v1/ledger/proof/{index}", s.handleAPIProof)
	m.HandleFunc("GET /api/v1/ledger/events/{index}", s.handleAPIEvent)
	m.HandleFunc("POST /api/v1/redact", s.handleAPIRedact)
	m.HandleFunc("POST /api/v1/redact/confirm", s.handleAPIRedactConfirm)
	m.HandleFunc("/api/", s.handleAPINotFound)

	// Tamper-evident log (C2SP tlog-tiles), read-only and public.
	m.Handle("GET /log/", ledger.Handler(s.svc.DB, s.latestCheckpoint, s.signer.VerifierKey()))

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "跨站请求被拒绝(CSRF 防护)", http.StatusForbidden)
	}))
	var h http.Handler = m
	h = s.identify(h)
	h = cop.Handler(h)
	h = securityHeaders(h)
	h = s.logRequests(h)
	h = s.recoverer(h)
	s.mux.Handle("/", h)
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
