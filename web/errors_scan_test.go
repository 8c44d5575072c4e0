package web_test

import (
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa/web"
)

// leaks are signs of Go-English or internal detail in an answer: Go's
// decoder, parser and driver messages, file paths, stack traces.
var leaks = regexp.MustCompile(`(?i)json: |cannot unmarshal|invalid character|go struct|go value|strconv\.|parsing "|invalid syntax|out of range|value out of|sql: |sqlite|sqlstate|pq: |multipart: |mime: |http: |unexpected eof|\bEOF\b|no such file|permission denied|/tmp/|/work/|/home/|\.go:\d|goroutine|panic|runtime error|nil pointer|page not found|method not allowed|request body too large|context canceled|deadline exceeded|i/o timeout|illegal base64|unexpected end|invalid URL escape|bad Request|Internal Server Error`)

// routePatterns are the patterns of routes.go, read from its source so
// that a new route is scanned without touching this test.
func routePatterns(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`m\.Handle(?:Func)?\("([^"]+)"`).FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1])
	}
	if len(out) < 50 {
		t.Fatalf("found only %d routes in routes.go", len(out))
	}
	return out
}

// TestScanMalformedInput sends malformed input to every route, anonymous
// and logged in, and reads every answer: no 5xx, no Go-English, no
// internal detail.
func TestScanMalformedInput(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of requests")
	}
	s, officer, _ := limitSite(t, web.Limits{})
	tokens := map[string]string{"anonymous": "", "officer": officer, "head": coreLogin(t, s.srv.URL, "head"), "supervisor": coreLogin(t, s.srv.URL, "supervisor")}
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	wild := regexp.MustCompile(`\{[^}]+\}`)
	segments := []string{"1", "abc", "-1", "99999999999999999999999", "0x10", "%E4%B8%AD", "2026-13-45", "..%2F..%2Fetc", "%00"}
	queries := []string{"", "?limit=abc&offset=-5&page=x&status=%E4%B8%8D&date=2026-02-30&from=x&to=y&days=1e9&year=-1&n=abc&q=%27%20OR%201%3D1&name=%00",
		"?limit=99999999999999999999&start=9999-99-99&kind=x&cursor=%zz", "?%zz=%zz"}
	type body struct{ ctype, text string }
	bodies := []body{
		{"application/json", `{"name":`},
		{"application/json", `{"name": 1, "id": "x", "matter_id": "一", "party": [], "handler_ids": {"a":1}, "fields": 3, "files": "x", "days": 1e999}`},
		{"application/json", `[1,2,3]`},
		{"application/json", `nul`},
		{"application/json", `{"unknown_field": true}`},
		{"application/json", "\xff\xfe{\"a\":1}"},
		{"application/json", ""},
		{"text/plain", `{"username":"a"}`},
		{"application/x-www-form-urlencoded", "name=%zz&action=%&f.x=\xff"},
		{"application/x-www-form-urlencoded", "action=nonsense&matter_id=abc&handler_ids=x&date=2026-02-30"},
		{"multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nregister"},
		{"multipart/form-data", "no boundary"},
		{"image/jpeg", "\x00\x01\x02"},
	}
	n := 0
	check := func(who, method, url string, b body, resp *http.Response, err error) {
		t.Helper()
		n++
		if err != nil {
			t.Errorf("%s %s %s (%s): %v", who, method, url, b.ctype, err)
			return
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		text := string(data)
		if resp.StatusCode >= 500 {
			t.Errorf("%s %s %s (%s %.30q): %d\n%.400s", who, method, url, b.ctype, b.text, resp.StatusCode, text)
		}
		if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "text/") {
			if m := leaks.FindString(text); m != "" {
				t.Errorf("%s %s %s (%s %.30q): %d answer holds %q:\n%.600s", who, method, url, b.ctype, b.text, resp.StatusCode, m, text)
			}
		}
	}
	for _, pattern := range routePatterns(t) {
		method, path, ok := strings.Cut(pattern, " ")
		if !ok {
			method, path = "GET", pattern
		}
		if strings.HasSuffix(path, "/") {
			path += "x/y"
		}
		path = strings.TrimSuffix(path, "{$}")
		for _, seg := range segments {
			p := wild.ReplaceAllString(path, seg)
			for who, tok := range tokens {
				if tok != "" && (pattern == "DELETE /api/v1/session" || pattern == "POST /logout") {
					continue // would end the session the rest of the scan uses
				}
				if method == "GET" || method == "DELETE" {
					for _, q := range queries {
						req, _ := http.NewRequest(method, s.srv.URL+p+q, nil)
						if tok != "" {
							req.Header.Set("Authorization", "Bearer "+tok)
						}
						resp, err := client.Do(req)
						check(who, method, p+q, body{}, resp, err)
					}
					continue
				}
				for _, b := range bodies {
					req, _ := http.NewRequest(method, s.srv.URL+p+queries[1], strings.NewReader(b.text))
					req.Header.Set("Content-Type", b.ctype)
					if tok != "" {
						req.Header.Set("Authorization", "Bearer "+tok)
					}
					resp, err := client.Do(req)
					check(who, method, p, b, resp, err)
				}
			}
		}
	}
	t.Logf("%d malformed requests scanned", n)
}

// TestInternalErrorShowsRequestID: an internal error shows the generic
// message with the request id, never its own text, and is logged once
// with that id.
func TestInternalErrorShowsRequestID(t *testing.T) {
	s, token, caseID := limitSite(t, web.Limits{})
	var logBuf lockedBuffer
	s.srv = newTestServer(t, s.svc, serverOpts{Log: &logBuf})
	s.svc.Blobs = nil // the service answers EINTERNAL "证据文件库未配置"
	r := s.upload(token, caseID, strings.NewReader("现场照片"))
	wantStatus(t, "internal error", r, 500, "系统内部错误", "请求编号")
	e := decode[struct {
		Message   string `json:"message"`
		RequestID string `json:"request_id"`
	}](t, r)
	if strings.Contains(r.body, "证据文件库未配置") || e.RequestID == "" || !strings.Contains(e.Message, e.RequestID) || r.header.Get("X-Request-Id") != e.RequestID {
		t.Fatalf("internal answer %q (header id %q)", r.body, r.header.Get("X-Request-Id"))
	}
	if got := strings.Count(logBuf.String(), "request="+e.RequestID); got != 1 || !strings.Contains(logBuf.String(), "证据文件库未配置") {
		t.Fatalf("log holds the request %d times, want once with the details:\n%s", got, logBuf.String())
	}
}
