package web

import (
	"io/fs"
	"net/http"
	"net/url"
	"path"
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

// staticFiles serves fsys, answering a missing file or a directory with the
// site's 404 page rather than FileServer's plain text or a listing.
func (s *Server) staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if st, err := fs.Stat(fsys, name); err != nil || st.IsDir() {
			s.pageFail(w, r, zhifa.Errorf(zhifa.ENOTFOUND, "您要找的文件不存在"))
			return
		}
		files.ServeHTTP(w, r)
	})
}

// ownErrors replaces the plain-text error answers of a handler from another
// package (the log's tile server) with the site's error page.
func (s *Server) ownErrors(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&errorIntercept{ResponseWriter: w, s: s, r: r}, r)
	})
}

type errorIntercept struct {
	http.ResponseWriter
	s        *Server
	r        *http.Request
	replaced bool
}

// statusErrors are the errors shown for a status answered in plain text.
var statusErrors = map[int]*zhifa.Error{
	http.StatusNotFound:         {Code: zhifa.ENOTFOUND, Message: "您要找的内容不存在"},
	http.StatusMethodNotAllowed: {Code: zhifa.EMETHOD, Message: "不支持此请求方式"},
}

func (w *errorIntercept) WriteHeader(code int) {
	if code >= 400 && !w.replaced && strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		w.replaced = true
		e, ok := statusErrors[code]
		if !ok {
			e = &zhifa.Error{Code: zhifa.EINVALID, Message: "请求无效"}
			if code >= 500 {
				e = &zhifa.Error{Code: zhifa.EINTERNAL, Message: http.StatusText(code)}
			}
		}
		w.Header().Del("Content-Type")
		w.Header().Del("Content-Length")
		w.s.pageFail(w.ResponseWriter, w.r, e)
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *errorIntercept) Write(p []byte) (int, error) {
	if w.replaced {
		return len(p), nil
	}
	return w.ResponseWriter.Write(p)
}

func (w *errorIntercept) Unwrap() http.ResponseWriter { return w.ResponseWriter }
