package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/zhifa/zhifa/web/ui"
)

// securityHeaders sets the headers every response carries. The CSP allows
// only this origin: every asset is served locally.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into a logged 500.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.panicked(w, r, v)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// logRequests logs each request once.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		next.ServeHTTP(sw, r)
		s.log.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start).Round(time.Microsecond))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int)        { w.status = code; w.ResponseWriter.WriteHeader(code) }
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// identify puts the request's actor (public if none) into the context and
// sets sessionHeaders. An expired or unknown session is treated as public;
// pages that need a login then redirect to it.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		loggedIn := false
		if tok := ui.SessionToken(r); tok != "" {
			if a, err := s.svc.Authenticate(r.Context(), tok); err == nil {
				r = r.WithContext(ui.WithActor(r.Context(), a))
				loggedIn = true
			}
		}
		s.sessionHeaders(w, r, loggedIn)
		next.ServeHTTP(w, r)
	})
}

// sessionHeaders sets the headers that protect sessions: HSTS when the
// server is configured for HTTPS (so the Secure cookie is never offered
// over plain HTTP), and Cache-Control: no-store on every answer to a
// logged-in request and on every workbench, login and API answer, which may
// carry ID numbers, phones or a session token that no browser or proxy
// cache may keep. Handlers that set their own Cache-Control (static files)
// override it.
func (s *Server) sessionHeaders(w http.ResponseWriter, r *http.Request, loggedIn bool) {
	h := w.Header()
	if s.secure {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	p := r.URL.Path
	if loggedIn || p == "/login" || p == "/logout" || p == "/workbench" || strings.HasPrefix(p, "/workbench/") || strings.HasPrefix(p, "/api/") {
		h.Set("Cache-Control", "no-store")
	}
}

// clientAddress returns the client's address for the login limits: the
// host of RemoteAddr; when that is a trusted proxy, the right-most address
// of X-Forwarded-For that is not itself a trusted proxy (the left part of
// the header is whatever the client sent, so it is never believed).
func (s *Server) clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !s.trustedProxy(ip) {
		return host
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a malformed hop: the last proxy is all we know
		}
		ip = a.Unmap()
		if !s.trustedProxy(ip) {
			break
		}
	}
	return ip.String()
}

func (s *Server) trustedProxy(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, p := range s.proxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// panicked answers a request whose handler panicked: logged once with the
// request id, answered like any internal error (JSON under /api/, the error
// page elsewhere). If the answer had begun, the rest of it is lost.
func (s *Server) panicked(w http.ResponseWriter, r *http.Request, v any) {
	err := fmt.Errorf("panic: %v", v)
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.ui.APIFail(w, r, err)
		return
	}
	s.ui.PageFail(w, r, err)
}
