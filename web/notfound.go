package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/zhifa/zhifa"
)

// apiMethods are the methods the JSON API uses; a path that has a route
// for one of them but not for the request's gets 405.
var apiMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch}

// errorPages answers 404 and 405 in the site layout (in JSON under /api/)
// instead of ServeMux's plain text, with the Allow header ServeMux computes.
func (s *Server) errorPages(m *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := m.Handler(r)
		switch {
		case pattern == "":
			// ServeMux's own 404 or 405: learn which, and the Allow header.
			rec := &statusRecorder{header: http.Header{}}
			h.ServeHTTP(rec, r)
			if rec.status == http.StatusMethodNotAllowed {
				w.Header().Set("Allow", rec.header.Get("Allow"))
				s.pageFail(w, r, zhifa.Errorf(zhifa.EMETHOD, "此页面不支持 %s 请求", methodName(r.Method)))
				return
			}
			s.pageFail(w, r, zhifa.Errorf(zhifa.ENOTFOUND, "您要找的页面不存在,请检查地址"))
			return
		case pattern == "/api/":
			if allow := apiAllowed(m, r); len(allow) > 0 {
				w.Header().Set("Allow", strings.Join(allow, ", "))
				s.apiFail(w, r, zhifa.Errorf(zhifa.EMETHOD, "接口 %s 不支持 %s 请求,可用:%s", url.PathEscape(r.URL.Path), methodName(r.Method), strings.Join(allow, "、")))
				return
			}
		}
		m.ServeHTTP(w, r)
	})
}

// apiAllowed returns the methods with a route for r's path.
func apiAllowed(m *http.ServeMux, r *http.Request) []string {
	var allow []string
	for _, method := range apiMethods {
		r2 := r.Clone(r.Context())
		r2.Method = method
		if _, p := m.Handler(r2); p != "" && p != "/api/" {
			allow = append(allow, method)
		}
	}
	return allow
}

// methodName quotes a request method for a message; an odd one is not
// echoed.
func methodName(m string) string {
	if len(m) > 10 || strings.Trim(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return "此"
	}
	return m
}

// statusRecorder keeps the status and headers of a handler's answer and
// drops its body.
type statusRecorder struct {
	header http.Header
	status int
}

func (r *statusRecorder) Header() http.Header { return r.header }
func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *statusRecorder) Write(p []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return len(p), nil
}
