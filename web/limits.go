package web

import (
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/web/ui"
)

// Limits bound what one client may hold or send. A zero field takes its
// default (DefaultLimits).
type Limits struct {
	// ReadTimeout bounds reading the body of an ordinary request, and
	// WriteTimeout writing its answer. Streaming uploads and downloads get
	// the minimum-rate rule instead.
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	// A streaming upload or download must move MinRate bytes per second,
	// measured over windows of RateWindow: a client that moves less than
	// MinRate·RateWindow bytes in a window is cut off.
	MinRate    int64
	RateWindow time.Duration
	// MaxBody bounds the body of an ordinary request, MaxUpload that of one
	// upload (a file, or a step form with its files).
	MaxBody   int64
	MaxUpload int64
	// UserDaily and AgencyDaily bound the bytes of evidence one user, and
	// the cases of one agency, take in a day (China Standard Time).
	UserDaily   int64
	AgencyDaily int64
	// MinFree is the space the data disk keeps free: an upload that would
	// go below it gets 507 and /readyz fails. Below WarnFree the log and the
	// administrator's workbench warn.
	MinFree  uint64
	WarnFree uint64
}

// DefaultLimits are the limits of a server not told otherwise.
var DefaultLimits = Limits{
	ReadTimeout:  20 * time.Second,
	WriteTimeout: 60 * time.Second,
	MinRate:      1 << 10,
	RateWindow:   30 * time.Second,
	MaxBody:      1 << 20,
	MaxUpload:    4 << 30,
	UserDaily:    20 << 30,
	AgencyDaily:  200 << 30,
	MinFree:      1 << 30,
	WarnFree:     5 << 30,
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	set := func(v *int64, def int64) {
		if *v == 0 {
			*v = def
		}
	}
	setD := func(v *time.Duration, def time.Duration) {
		if *v == 0 {
			*v = def
		}
	}
	setD(&l.ReadTimeout, d.ReadTimeout)
	setD(&l.WriteTimeout, d.WriteTimeout)
	setD(&l.RateWindow, d.RateWindow)
	set(&l.MinRate, d.MinRate)
	set(&l.MaxBody, d.MaxBody)
	set(&l.MaxUpload, d.MaxUpload)
	set(&l.UserDaily, d.UserDaily)
	set(&l.AgencyDaily, d.AgencyDaily)
	if l.MinFree == 0 {
		l.MinFree = d.MinFree
	}
	if l.WarnFree == 0 {
		l.WarnFree = max(d.WarnFree, l.MinFree)
	}
	return l
}

// Route kinds for limits.
const (
	routeOrdinary = iota
	routeUpload   // the body streams into the evidence store
	routeDownload // the answer streams a file or an export
)

// routeKinds names the streaming routes by their pattern in routes.go;
// every other route is ordinary.
var routeKinds = map[string]int{
	"POST /api/v1/cases/{id}/files":            routeUpload,
	"POST /workbench/cases/{id}/steps":         routeUpload,
	"GET /workbench/cases/{id}/evidence/{eid}": routeDownload,
	"GET /api/v1/cases/{id}/evidence/{eid}":    routeDownload,
	"GET /publications.csv":                    routeDownload,
	"GET /publications.atom":                   routeDownload,
	"GET /log/":                                routeDownload,
	// 执法文书 (web/workbench/documents.go, web/portal/document.go): the
	// public check reads a PDF of up to document.MaxCheckUpload.
	"POST /verify/document":                           routeUpload,
	"GET /workbench/cases/{id}/documents/files/{doc}": routeDownload,
	"GET /workbench/cases/{id}/casefile.zip":          routeDownload,
	"POST /api/v1/uploads/":                           routeUpload,
	"PATCH /api/v1/uploads/{id}":                      routeUpload,
	"POST /workbench/recordings":                      routeUpload,
	"GET /workbench/recordings/{id}/media":            routeDownload,
}

// limitRequests applies the limits of the route m would serve r with: the
// body size limit, read and write deadlines (or the minimum rate), and, on
// the JSON API, 415 to a body that is not application/json. It runs before
// anything reads the body.
func (s *Server) limitRequests(m *http.ServeMux, next http.Handler) http.Handler {
	l := s.limits
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := m.Handler(r)
		rc := http.NewResponseController(w)
		now := time.Now() // network deadlines are wall-clock by nature
		kind := routeKinds[pattern]
		limit := l.MaxBody
		if kind == routeUpload {
			limit = l.MaxUpload + l.MaxBody
		}
		if r.ContentLength > limit {
			// Refused before a byte is read, even by a handler that
			// ignores its form's parse error.
			fail := s.pageFail
			if strings.HasPrefix(r.URL.Path, "/api/") {
				fail = s.apiFail
			}
			msg := "请求体超过 " + ui.LimitText(limit) + " 上限"
			if kind == routeUpload {
				msg = "上传超过单次上限 " + ui.LimitText(l.MaxUpload)
			}
			rc.SetReadDeadline(now.Add(l.ReadTimeout))
			rc.SetWriteDeadline(now.Add(l.WriteTimeout))
			w.Header().Set("Connection", "close") // the body stays unread
			fail(w, r, &zhifa.Error{Code: zhifa.ETOOLARGE, Message: msg})
			return
		}
		switch kind {
		case routeUpload:
			r.Body = http.MaxBytesReader(w, r.Body, l.MaxUpload+l.MaxBody) // the form's text fields beside the files
			r.Body = &rateBody{ReadCloser: r.Body, rc: rc, min: l.MinRate * int64(l.RateWindow/time.Second), window: l.RateWindow, answer: l.WriteTimeout}
			rc.SetReadDeadline(now.Add(l.RateWindow))
			rc.SetWriteDeadline(now.Add(l.RateWindow + l.WriteTimeout))
		case routeDownload:
			if r.ContentLength == 0 {
				// Nothing to read; a read deadline would only cancel the
				// request's context in the middle of a long download.
				rc.SetReadDeadline(time.Time{})
			} else {
				rc.SetReadDeadline(now.Add(l.ReadTimeout))
			}
			rc.SetWriteDeadline(now.Add(l.RateWindow))
			w = &rateWriter{ResponseWriter: w, rc: rc, min: l.MinRate * int64(l.RateWindow/time.Second), window: l.RateWindow}
			r.Body = http.MaxBytesReader(w, r.Body, l.MaxBody)
		default:
			rc.SetReadDeadline(now.Add(l.ReadTimeout))
			rc.SetWriteDeadline(now.Add(l.ReadTimeout + l.WriteTimeout))
			r.Body = http.MaxBytesReader(w, r.Body, l.MaxBody)
			if strings.HasPrefix(r.URL.Path, "/api/") && hasBody(r) && !isJSON(r.Header.Get("Content-Type")) {
				s.apiFail(w, r, &zhifa.Error{Code: zhifa.EMEDIATYPE, Message: "接口只接受 JSON 请求体:请将 Content-Type 设为 application/json"})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// hasBody reports whether r carries a body.
func hasBody(r *http.Request) bool {
	return r.ContentLength > 0 || r.ContentLength < 0 && r.Body != nil && r.Body != http.NoBody
}

func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}

// rateBody enforces the minimum rate on a streaming upload: the read
// deadline moves one window ahead each time a window's worth has arrived,
// and the write deadline with it, leaving time to answer.
type rateBody struct {
	io.ReadCloser
	rc     *http.ResponseController
	min    int64
	window time.Duration
	answer time.Duration
	got    int64
}

func (b *rateBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.got += int64(n)
	if b.got >= b.min {
		b.got = 0
		now := time.Now()
		b.rc.SetReadDeadline(now.Add(b.window))
		b.rc.SetWriteDeadline(now.Add(b.window + b.answer))
	}
	return n, err
}

// rateWriter enforces the minimum rate on a streaming download, like
// rateBody on writes.
type rateWriter struct {
	http.ResponseWriter
	rc     *http.ResponseController
	min    int64
	window time.Duration
	sent   int64
}

func (w *rateWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.sent += int64(n)
	if w.sent >= w.min {
		w.sent = 0
		w.rc.SetWriteDeadline(time.Now().Add(w.window))
	}
	return n, err
}

func (w *rateWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
