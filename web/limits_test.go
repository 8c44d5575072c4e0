package web_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/store/storetest"
	"github.com/zhifa/zhifa/web"
)

// limitSite is the case site served with the given limits, an officer's
// token and a registered case to upload to.
func limitSite(t *testing.T, l web.Limits) (s *caseSite, token string, caseID int64) {
	t.Helper()
	s = newCaseSite(t, storetest.MustOpenSQLite(t))
	s.srv.Close()
	s.srv = newTestServer(t, s.svc, serverOpts{Limits: l})
	token = coreLogin(t, s.srv.URL, "o1")
	credit := "91610921MA6YX0012"
	credit += string(idcode.CreditCheckChar(credit))
	r := s.api(token, "POST", "/api/v1/cases", map[string]any{"matter_id": s.matter.ID, "source": "投诉举报", "summary": "群众投诉餐饮店销售过期食品",
		"party": map[string]any{"kind": "法人或其他组织", "name": "汉阴县好味道餐饮店", "id_number": credit, "legal_rep": "张建华", "phone": "0915-5212345",
			"address": "汉阴县城关镇新民街 8 号"}, "handler_ids": []int64{s.off1.ID, s.off2.ID}})
	wantStatus(t, "registration", r, 201, `"stage": "registered"`, "汉阴县好味道餐饮店")
	c := decode[struct {
		ID int64 `json:"id"`
	}](t, r)
	return s, token, c.ID
}

func (s *caseSite) upload(token string, caseID int64, body io.Reader) reply {
	s.t.Helper()
	req, _ := http.NewRequest("POST", s.srv.URL+"/api/v1/cases/"+strconv.FormatInt(caseID, 10)+"/files?name=photo.jpg", body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "image/jpeg")
	return s.do(http.DefaultClient, req)
}

// TestSlowBodiesAreCut opens 300 connections that trickle a login body a
// byte a second, with the default limits: the server must have closed every
// one within 30 s, and answer other clients meanwhile.
func TestSlowBodiesAreCut(t *testing.T) {
	if testing.Short() {
		t.Skip("takes the default read timeout (20 s)")
	}
	srv, _ := coreServer(t)
	addr := strings.TrimPrefix(srv.URL, "http://")
	const n = 300
	var (
		closed   atomic.Int32 // connections the server ended
		timedOut atomic.Bool  // the 30 s watchdog fired
		mu       sync.Mutex
		conns    []net.Conn
		statuses = map[string]int{}
		wg       sync.WaitGroup
	)
	for i := range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("dial %d: %v", i, err)
		}
		mu.Lock()
		conns = append(conns, c)
		mu.Unlock()
		fmt.Fprintf(c, "POST /api/v1/session HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", addr)
		stop := make(chan struct{})
		wg.Add(2)
		go func() { // trickle: a byte a second, at most 60, until the server hangs up
			defer wg.Done()
			for range 60 {
				select {
				case <-stop:
					return
				case <-time.After(time.Second):
				}
				if _, err := c.Write([]byte(" ")); err != nil {
					return
				}
			}
		}()
		go func() { // read until the server closes
			defer wg.Done()
			defer close(stop)
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			status := "no answer"
			if err == nil {
				status = resp.Status
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				io.Copy(io.Discard, c) // then the connection ends
			}
			if !timedOut.Load() {
				closed.Add(1)
			}
			mu.Lock()
			statuses[status]++
			mu.Unlock()
		}()
	}
	watchdog := time.AfterFunc(30*time.Second, func() {
		timedOut.Store(true)
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	defer watchdog.Stop()

	// Others are answered while the 300 hang on.
	for i := range 10 {
		resp, err := http.Get(srv.URL + "/healthz")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("health %d during the trickle: %v %v", i, resp, err)
		}
		resp.Body.Close()
		if tok := coreLogin(t, srv.URL, "officer"); tok == "" {
			t.Fatal("no login during the trickle")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if got := closed.Load(); got > n/2 {
		t.Fatalf("%d of %d slow connections were already closed after 2 s: the limit is too tight", got, n)
	}
	wg.Wait()
	if got := closed.Load(); got != n || timedOut.Load() {
		t.Fatalf("server closed %d of %d slow connections within 30 s (answers %v)", got, n, statuses)
	}
	if statuses["408 Request Timeout"] != n {
		t.Errorf("answers to the slow connections: %v, want all 408", statuses)
	}
}

// TestUploadMinimumRate: an upload slower than the minimum rate is cut, one
// that keeps the rate runs past the ordinary read timeout.
func TestUploadMinimumRate(t *testing.T) {
	s, token, caseID := limitSite(t, web.Limits{ReadTimeout: 500 * time.Millisecond, RateWindow: time.Second, MinRate: 2000})
	// 2000 bytes every 250 ms for 2 s: 8000 B/s, four times the minimum, and
	// four times longer than the read timeout of ordinary requests.
	pr, pw := io.Pipe()
	go func() {
		for range 8 {
			time.Sleep(250 * time.Millisecond)
			if _, err := pw.Write(bytes.Repeat([]byte("a"), 2000)); err != nil {
				return
			}
		}
		pw.Close()
	}()
	wantStatus(t, "steady upload", s.upload(token, caseID, pr), 201, "sha256:")

	// 100 bytes every 250 ms: 400 B/s, under the minimum; cut after a window.
	pr, pw = io.Pipe()
	var sent atomic.Int32
	go func() {
		for range 40 {
			time.Sleep(250 * time.Millisecond)
			if _, err := pw.Write(bytes.Repeat([]byte("b"), 100)); err != nil {
				return
			}
			sent.Add(1)
		}
		pw.Close()
	}()
	r := s.upload(token, caseID, pr)
	pw.CloseWithError(io.ErrClosedPipe)
	if r.status == 201 || sent.Load() >= 40 {
		t.Fatalf("a 400 B/s upload ran to its end: %d %s", r.status, r.body)
	}
	if r.status != 0 {
		wantStatus(t, "slow upload", r, 408, "过慢")
	}
}

// TestRequestLimits: statuses and Chinese messages for bodies over their
// limit, bodies of the wrong type, unknown routes and methods, quotas and
// a full disk.
func TestRequestLimits(t *testing.T) {
	s, token, caseID := limitSite(t, web.Limits{MaxBody: 4 << 10, MaxUpload: 10 << 10, UserDaily: 24 << 10, MinFree: 1 << 20, WarnFree: 2 << 20})
	raw := func(method, path, ctype, body string) reply {
		t.Helper()
		req, _ := http.NewRequest(method, s.srv.URL+path, strings.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		return s.do(http.DefaultClient, req)
	}
	big := `{"username":"` + strings.Repeat("x", 8<<10) + `"}`
	for _, tt := range []struct {
		name                 string
		method, path, ctype  string
		body                 string
		status               int
		contains, notContain []string
	}{
		{"json as text/plain", "POST", "/api/v1/session", "text/plain", `{"username":"a","password":"b"}`, 415, []string{"application/json"}, nil},
		{"json without type", "POST", "/api/v1/session", "", `{"username":"a"}`, 415, []string{"application/json"}, nil},
		{"json with charset", "POST", "/api/v1/session", "application/json; charset=utf-8", `{"username":"a","password":"b"}`, 401, []string{`"code": "unauthorized"`}, nil},
		{"json over limit", "POST", "/api/v1/session", "application/json", big, 413, []string{"4 KiB"}, []string{"http:"}},
		{"form over limit", "POST", "/login", "application/x-www-form-urlencoded", "username=" + strings.Repeat("x", 8<<10), 413, []string{"<html", "KiB"}, nil},
		{"unknown page", "GET", "/no/such/page", "", "", 404, []string{"<html", "页面不存在", "返回首页"}, []string{"404 page not found"}},
		{"wrong method page", "DELETE", "/publications", "", "", 405, []string{"<html", "不支持 DELETE"}, []string{"Method Not Allowed"}},
		{"unknown api", "GET", "/api/v1/nothing", "", "", 404, []string{`"code": "not_found"`}, nil},
		{"wrong method api", "GET", "/api/v1/session", "", "", 405, []string{`"code": "method"`, "POST", "DELETE"}, nil},
		{"empty publish needs no type", "POST", "/api/v1/publications/999999/publish", "", "", 404, []string{`"code": "not_found"`}, []string{"application/json"}},
	} {
		r := raw(tt.method, tt.path, tt.ctype, tt.body)
		wantStatus(t, tt.name, r, tt.status, tt.contains...)
		for _, bad := range tt.notContain {
			if strings.Contains(r.body, bad) {
				t.Errorf("%s: answer holds %q:\n%s", tt.name, bad, r.body)
			}
		}
	}
	if r := raw("DELETE", "/publications", "", ""); r.header.Get("Allow") == "" {
		t.Error("405 page without Allow header")
	}

	// Uploads: one over the per-upload limit is 413; the daily quota 507.
	wantStatus(t, "upload over limit", s.upload(token, caseID, bytes.NewReader(make([]byte, 20<<10))), 413, "单次上限 10 KiB")
	wantStatus(t, "chunked upload over limit", s.upload(token, caseID, io.MultiReader(bytes.NewReader(make([]byte, 20<<10)))), 413, "单次上限 10 KiB")
	wantStatus(t, "first upload", s.upload(token, caseID, bytes.NewReader(bytes.Repeat([]byte("1"), 8<<10))), 201, "sha256:")
	wantStatus(t, "second upload", s.upload(token, caseID, bytes.NewReader(bytes.Repeat([]byte("2"), 8<<10))), 201, "sha256:")
	wantStatus(t, "over the daily quota", s.upload(token, caseID, bytes.NewReader(bytes.Repeat([]byte("3"), 9<<10))), 507, "个人限额 24 KiB")

	// A disk below its reserve: 507 for uploads, /readyz fails, reads go on,
	// the administrator's workbench warns.
	ready := func() reply { return s.get(http.DefaultClient, "/readyz") }
	wantStatus(t, "ready", ready(), 200, `"status": "ok"`)
	free := uint64(100 << 20)
	s.svc.Blobs.Statfs = func(string) (uint64, error) { return free, nil }
	admin := s.browser("boss")
	if strings.Contains(s.get(admin, "/workbench").body, "存储预警") {
		t.Error("a disk with room shows a warning")
	}
	free = 512 << 10
	tok2 := coreLogin(t, s.srv.URL, "o2")
	wantStatus(t, "upload, disk full", s.upload(tok2, caseID, strings.NewReader("现场照片")), 507, "存储空间不足", "须保留 1 MiB")
	wantStatus(t, "readyz, disk full", ready(), 503, "低于须保留的 1 MiB")
	wantStatus(t, "healthz, disk full", s.get(http.DefaultClient, "/healthz"), 200, "ok")
	wantStatus(t, "read, disk full", s.api(tok2, "GET", "/api/v1/cases/"+strconv.FormatInt(caseID, 10), nil), 200, `"stage"`)
	free = 100 << 20
	wantStatus(t, "upload, room again", s.upload(tok2, caseID, strings.NewReader("现场照片")), 201, "sha256:")
	wantStatus(t, "ready again", ready(), 200, `"status": "ok"`)
}

// TestDiskWarningOnAdminWorkbench: the system administrator's workbench
// warns below the warning line; an officer's does not.
func TestDiskWarningOnAdminWorkbench(t *testing.T) {
	srv, svc := coreServer(t)
	page := func(user string) string {
		req, _ := http.NewRequest("GET", srv.URL+"/workbench", nil)
		req.Header.Set("Authorization", "Bearer "+coreLogin(t, srv.URL, user))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if strings.Contains(page("admin"), "存储预警") {
		t.Fatal("warning with a roomy disk")
	}
	svc.Blobs.Statfs = func(string) (uint64, error) { return 2 << 30, nil } // below the default 5 GiB line
	if got := page("admin"); !strings.Contains(got, "存储预警") || !strings.Contains(got, "预警线 5 GiB") {
		t.Fatalf("admin workbench lacks the disk warning:\n%s", got)
	}
	if strings.Contains(page("officer"), "存储预警") {
		t.Fatal("an officer sees the disk warning")
	}
	_ = zhifa.RoleSysAdmin
}
