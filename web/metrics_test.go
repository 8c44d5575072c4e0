package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
	"github.com/zhifa/zhifa/web"
)

const testMetricsToken = "metrics-token-0123456789abcdef"

// scrape reads base/metrics over the loopback test server and parses it.
func scrape(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("scrape: %d %s", resp.StatusCode, b)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("scrape does not parse: %v", err)
	}
	return fams
}

// sample returns the value of the sample of family name whose labels
// include want (a counter's, gauge's or histogram's count), and whether
// there is one.
func sample(fams map[string]*dto.MetricFamily, name string, want map[string]string) (float64, bool) {
	f := fams[name]
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.Metric {
		have := map[string]string{}
		for _, l := range m.Label {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if have[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

// TestMetricsAccess: /metrics answers loopback and the configured token;
// any other client, and a request forwarded from outside (by the
// trusted-proxy rule), gets 403 with a Chinese JSON error. Requests are
// served by the handler itself, with the RemoteAddr each row gives.
func TestMetricsAccess(t *testing.T) {
	withToken, _ := coreServerWith(t, func(c *web.Config) {
		c.MetricsToken = testMetricsToken
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	})
	noToken, _ := coreServerWith(t, nil)
	const scraped = "# TYPE zhifa_ledger_events gauge"
	rows := []struct {
		name    string
		srv     *httptest.Server
		remote  string
		headers map[string]string
		status  int
		want    []string
	}{
		{"loopback v4", withToken, "127.0.0.1:5000", nil, 200, []string{scraped, "zhifa_checkpoint_size"}},
		{"loopback v6", noToken, "[::1]:5000", nil, 200, []string{scraped}},
		{"outside, no token", withToken, "203.0.113.5:1234", nil, 403, []string{`"code": "forbidden"`, "正确的访问令牌"}},
		{"outside, wrong token", withToken, "203.0.113.5:1234", map[string]string{"Authorization": "Bearer " + testMetricsToken + "x"}, 403, []string{"正确的访问令牌"}},
		{"outside, token", withToken, "203.0.113.5:1234", map[string]string{"Authorization": "Bearer " + testMetricsToken}, 200, []string{scraped}},
		{"outside, session-like bearer, none configured", noToken, "203.0.113.5:1234", map[string]string{"Authorization": "Bearer " + testMetricsToken}, 403, []string{"仅允许从本机访问", "--metrics-token"}},
		{"forwarded from outside by a trusted proxy", withToken, "127.0.0.1:5000", map[string]string{"X-Forwarded-For": "203.0.113.5"}, 403, []string{"正确的访问令牌"}},
		{"forwarded, invented loopback left hop", withToken, "127.0.0.1:5000", map[string]string{"X-Forwarded-For": "127.0.0.1, 203.0.113.5"}, 403, []string{"正确的访问令牌"}},
		{"forwarded from outside, token", withToken, "127.0.0.1:5000", map[string]string{"X-Forwarded-For": "203.0.113.5", "Authorization": "Bearer " + testMetricsToken}, 200, []string{scraped}},
		{"forwarded from loopback by a trusted proxy", withToken, "127.0.0.1:5000", map[string]string{"X-Forwarded-For": "127.0.0.1"}, 200, []string{scraped}},
		{"forwarded by an untrusted loopback proxy", noToken, "127.0.0.1:5000", map[string]string{"X-Forwarded-For": "127.0.0.1"}, 403, []string{"仅允许从本机访问"}},
		{"Forwarded header without X-Forwarded-For", withToken, "127.0.0.1:5000", map[string]string{"Forwarded": "for=203.0.113.5"}, 403, []string{"正确的访问令牌"}},
		{"outside proxy naming loopback", withToken, "203.0.113.9:1234", map[string]string{"X-Forwarded-For": "127.0.0.1"}, 403, []string{"正确的访问令牌"}},
	}
	for _, row := range rows {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = row.remote
		for k, v := range row.headers {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		row.srv.Config.Handler.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != row.status {
			t.Errorf("%s: %d, want %d\n%.500s", row.name, rec.Code, row.status, body)
			continue
		}
		checkShown(t, row.name, rec.Code, rec.Header(), body, len(row.want))
		for _, w := range row.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q\n%.500s", row.name, w, body)
			}
		}
		if rec.Code == 403 && strings.Contains(body, "zhifa_") {
			t.Errorf("%s: a refused answer shows metrics:\n%.500s", row.name, body)
		}
	}
}

// TestMetricsCount: a loopback scrape has every family; request counts move
// by route pattern (never a raw path), failed logins, the ledger's size and
// the signed checkpoint show.
func TestMetricsCount(t *testing.T) {
	srv, svc := coreServerWith(t, nil)
	before := scrape(t, srv.URL) // before any request has ended: no request series yet
	health := map[string]string{"route": "GET /healthz", "method": "GET", "code": "200"}
	h0, _ := sample(before, "zhifa_http_requests_total", health)
	for range 3 {
		resp, err := http.Get(srv.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	for _, p := range []string{"/no/such/page-1", "/no/such/page-2", "/api/v1/no-such-thing", "/agencies/12345"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if resp, body := apiLogin(t, srv.URL, "", "admin", "wrong-password"); resp.StatusCode != 401 {
		t.Fatalf("wrong password: %d %s", resp.StatusCode, body)
	}
	if resp, body := apiLogin(t, srv.URL, "", "nobody", "wrong-password"); resp.StatusCode != 401 {
		t.Fatalf("unknown user: %d %s", resp.StatusCode, body)
	}
	resp, err := http.Get(srv.URL + "/log/checkpoint") // signs a checkpoint of the log so far
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	size, err := svc.DB.LogSize()
	if err != nil {
		t.Fatal(err)
	}

	after := scrape(t, srv.URL)
	for _, name := range []string{"zhifa_http_requests_total", "zhifa_http_request_duration_seconds", "zhifa_ledger_events",
		"zhifa_login_failures_total", "zhifa_login_refused_total", "zhifa_upload_bytes_total", "zhifa_uploads_total",
		"zhifa_checkpoint_size", "zhifa_checkpoint_timestamp_seconds", "process_open_fds"} {
		if after[name] == nil {
			t.Errorf("scrape lacks %s", name)
		}
	}
	if h, _ := sample(after, "zhifa_http_requests_total", health); h != h0+3 {
		t.Errorf("GET /healthz count %v → %v, want +3", h0, h)
	}
	if n, _ := sample(after, "zhifa_http_request_duration_seconds", map[string]string{"route": "GET /healthz", "method": "GET"}); n < 3 {
		t.Errorf("GET /healthz latency samples = %v, want ≥ 3", n)
	}
	if n, _ := sample(after, "zhifa_http_requests_total", map[string]string{"route": "unmatched", "code": "404"}); n != 2 {
		t.Errorf("unmatched 404s = %v, want 2", n)
	}
	if n, _ := sample(after, "zhifa_http_requests_total", map[string]string{"route": "/api/", "code": "404"}); n != 1 {
		t.Errorf("unknown API path 404s = %v, want 1", n)
	}
	if n, _ := sample(after, "zhifa_http_requests_total", map[string]string{"route": "GET /agencies/{id}"}); n != 1 {
		t.Errorf("GET /agencies/{id} = %v, want 1 (by pattern)", n)
	}
	if n, _ := sample(after, "zhifa_http_requests_total", map[string]string{"route": "GET /metrics", "code": "200"}); n != 1 {
		t.Errorf("the first scrape counted %v times, want 1", n)
	}
	for _, m := range after["zhifa_http_requests_total"].Metric {
		for _, l := range m.Label {
			if strings.Contains(l.GetValue(), "no/such") || strings.Contains(l.GetValue(), "12345") {
				t.Errorf("a raw path became a label: %s=%q", l.GetName(), l.GetValue())
			}
		}
	}
	for reason, want := range map[string]float64{"bad_password": 1, "unknown_user": 1, "disabled": 0} {
		if n, ok := sample(after, "zhifa_login_failures_total", map[string]string{"reason": reason}); !ok || n != want {
			t.Errorf("login failures %s = %v (%v), want %v", reason, n, ok, want)
		}
	}
	if n, _ := sample(after, "zhifa_ledger_events", nil); n != float64(size) || size == 0 {
		t.Errorf("zhifa_ledger_events = %v, log size %d", n, size)
	}
	if n, _ := sample(after, "zhifa_checkpoint_size", nil); n != float64(size) {
		t.Errorf("zhifa_checkpoint_size = %v, want %d", n, size)
	}
	if n, _ := sample(after, "zhifa_checkpoint_timestamp_seconds", nil); n != float64(svc.Now().Unix()) {
		t.Errorf("zhifa_checkpoint_timestamp_seconds = %v, want %d (the service clock)", n, svc.Now().Unix())
	}
	if n, ok := sample(after, "zhifa_metrics_store_errors", nil); !ok || n != 0 {
		t.Errorf("zhifa_metrics_store_errors = %v (%v), want 0", n, ok)
	}
	// The ledger grows: the gauge follows the store at the next scrape.
	if resp, body := apiLogin(t, srv.URL, "", "officer", "Zhifa-Test-2026"); resp.StatusCode != 201 {
		t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	grown, err := svc.DB.LogSize()
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := sample(scrape(t, srv.URL), "zhifa_ledger_events", nil); grown <= size || n != float64(grown) {
		t.Errorf("after a login zhifa_ledger_events = %v, log size %d (was %d)", n, grown, size)
	}
}

// TestMetricsUploadBytes: a stored upload adds its size to the byte
// counter.
func TestMetricsUploadBytes(t *testing.T) {
	s, token, caseID := limitSite(t, web.Limits{})
	data := bytes.Repeat([]byte("证据"), 1000)
	wantStatus(t, "upload", s.upload(token, caseID, bytes.NewReader(data)), 201, "sha256:")
	fams := scrape(t, s.srv.URL)
	if n, _ := sample(fams, "zhifa_upload_bytes_total", nil); n != float64(len(data)) {
		t.Errorf("zhifa_upload_bytes_total = %v, want %d", n, len(data))
	}
	if n, _ := sample(fams, "zhifa_uploads_total", nil); n != 1 {
		t.Errorf("zhifa_uploads_total = %v, want 1", n)
	}
	if n, _ := sample(fams, "zhifa_http_requests_total", map[string]string{"route": "POST /api/v1/cases/{id}/files", "code": "201"}); n != 1 {
		t.Errorf("upload route count = %v, want 1", n)
	}
}

// TestMetricsLedgerBothEngines: the ledger and checkpoint gauges read the
// store at scrape time on SQLite and PostgreSQL, including events written
// outside any request.
func TestMetricsLedgerBothEngines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), testdate.Clock(t))
		srv := newTestServer(t, svc, serverOpts{})
		if n, _ := sample(scrape(t, srv.URL), "zhifa_ledger_events", nil); n != 0 {
			t.Errorf("empty ledger: zhifa_ledger_events = %v", n)
		}
		ctx := context.Background()
		ag := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
		if err := svc.CreateAgency(ctx, zhifa.Console, ag); err != nil {
			t.Fatal(err)
		}
		u := identity.UserInput{Username: "officer", Name: "王志强", AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: "Zhifa-Test-2026"}
		if _, err := svc.CreateUser(ctx, zhifa.Console, u); err != nil {
			t.Fatal(err)
		}
		size, err := db.LogSize()
		if err != nil {
			t.Fatal(err)
		}
		fams := scrape(t, srv.URL)
		if n, _ := sample(fams, "zhifa_ledger_events", nil); n != float64(size) || size < 2 {
			t.Errorf("zhifa_ledger_events = %v, log size %d", n, size)
		}
		if n, _ := sample(fams, "zhifa_checkpoint_size", nil); n != 0 {
			t.Errorf("before any checkpoint: zhifa_checkpoint_size = %v", n)
		}
		if _, ok := sample(fams, "zhifa_checkpoint_timestamp_seconds", nil); ok {
			t.Error("zhifa_checkpoint_timestamp_seconds shown before this process signed one")
		}
		resp, err := http.Get(srv.URL + "/log/checkpoint")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if n, _ := sample(scrape(t, srv.URL), "zhifa_checkpoint_size", nil); n != float64(size) {
			t.Errorf("after signing: zhifa_checkpoint_size = %v, want %d", n, size)
		}
	})
}
