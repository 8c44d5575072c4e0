package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store/storetest"
	"github.com/zhifa/zhifa/web"
)

// coreServer starts the real handler over a fresh SQLite database with one
// agency, an officer user and an administrator.
func coreServer(t *testing.T) (*httptest.Server, *service.Service) {
	t.Helper()
	return coreServerWith(t, nil)
}

// coreServerWith is coreServer with its web.Config changed by configure.
func coreServerWith(tb testing.TB, configure func(*web.Config)) (*httptest.Server, *service.Service) {
	t := tb
	t.Helper()
	db := storetest.MustOpenSQLite(t)
	svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), testdate.Clock(t))
	if err := svc.OpenBlobs(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, svc, serverOpts{Configure: configure})
	ctx := context.Background()
	ag := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
	if err := svc.CreateAgency(ctx, zhifa.Console, ag); err != nil {
		t.Fatal(err)
	}
	for _, u := range []identity.UserInput{
		{Username: "officer", Name: "王志强", AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: "Zhifa-Test-2026"},
		{Username: "admin", Name: "管理员", Roles: []zhifa.Role{zhifa.RoleSysAdmin}, Password: "Zhifa-Test-2026"},
	} {
		if _, err := svc.CreateUser(ctx, zhifa.Console, u); err != nil {
			t.Fatal(err)
		}
	}
	return srv, svc
}

func coreLogin(t *testing.T, base, username string) string {
	t.Helper()
	resp, err := http.Post(base+"/api/v1/session", "application/json", strings.NewReader(`{"username":"`+username+`","password":"Zhifa-Test-2026"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&s)
	if resp.StatusCode != 201 || s.Token == "" {
		t.Fatalf("login %s: %d", username, resp.StatusCode)
	}
	return s.Token
}

func TestCoreScenarios(t *testing.T) {
	srv, _ := coreServer(t)
	officer := coreLogin(t, srv.URL, "officer")
	tests := []struct {
		name, method, path, token, ctype, body string
		status                                 int
		contains                               string // for a redirect: its Location, exactly
	}{
		{"portal", "GET", "/", "", "", "", 200, "汉阴县市场监督管理局"},
		{"login page", "GET", "/login", "", "", "", 200, "工作台登录"},
		{"workbench redirects to login", "GET", "/workbench", "", "", "", 303, "/login?next=%2Fworkbench"},
		{"login keeps the whole query", "GET", "/workbench/deadlines?agency=2&x=1", "", "", "", 303, "/login?next=%2Fworkbench%2Fdeadlines%3Fagency%3D2%26x%3D1"},
		{"login form carries next", "GET", "/login?next=%2Fworkbench%2Fdeadlines%3Fagency%3D2%26x%3D1", "", "", "", 200, `value="/workbench/deadlines?agency=2&amp;x=1"`},
		{"login ignores a foreign next", "GET", "/login?next=https%3A%2F%2Fevil.example%2F", "", "", "", 200, `name="next" value="/workbench"`},
		{"workbench", "GET", "/workbench", officer, "", "", 200, "王志强"},
		{"health", "GET", "/healthz", "", "", "", 200, "ok"},
		{"openapi", "GET", "/api/v1/openapi.json", "", "", "", 200, "\"openapi\""},
		{"css is local", "GET", "/static/zhifa.css", "", "", "", 200, "font"},
		{"login empty fields", "POST", "/login", "", "application/x-www-form-urlencoded", "username=&password=", 400, "请填写用户名"},
		{"login wrong password", "POST", "/login", "", "application/x-www-form-urlencoded", "username=officer&password=nope", 401, "用户名或密码错误"},
		{"api login bad json", "POST", "/api/v1/session", "", "application/json", "{", 400, "请求体不是有效的 JSON"},
		{"api me needs login", "GET", "/api/v1/me", "", "", "", 401, "请先登录"},
		{"api me", "GET", "/api/v1/me", officer, "", "", 200, "officer"},
		{"unknown api", "GET", "/api/v1/nothing", "", "", "", 404, "没有这个接口"},
		{"proof bad index", "GET", "/api/v1/ledger/proof/abc", "", "", "", 400, "不是有效的编号"},
		{"proof missing index", "GET", "/api/v1/ledger/proof/99999", "", "", "", 404, "没有序号"},
		{"proof", "GET", "/api/v1/ledger/proof/0", "", "", "", 200, "c2sp.org/tlog-proof@v1"},
		{"event", "GET", "/api/v1/ledger/events/0", "", "", "", 200, "agency.created"},
		{"log checkpoint", "GET", "/log/checkpoint", "", "", "", 200, "test.example/zhifa"},
		{"redact needs login", "POST", "/api/v1/redact", "", "application/json", `{"text":"x"}`, 401, "请先登录"},
		{"redact empty text", "POST", "/api/v1/redact", officer, "application/json", `{"text":""}`, 400, `"text": "请填写要公示的文本"`},
		{"redact bad policy", "POST", "/api/v1/redact", officer, "application/json", `{"text":"abc","policy":"随便"}`, 400, "公示类型"},
		{"redact", "POST", "/api/v1/redact", officer, "application/json", `{"text":"当事人张三,身份证号610921199001011236,联系电话13912345678。"}`, 200, "139****5678"},
		{"redact page", "POST", "/workbench/redact", officer, "application/x-www-form-urlencoded", "action=preview&policy=处罚&text=" + url.QueryEscape("证人李四,电话13912345678"), 200, "<mark"},
		{"redact page empty", "POST", "/workbench/redact", officer, "application/x-www-form-urlencoded", "action=preview&text=", 400, "请填写要公示的文本"},
		{"redact confirm", "POST", "/api/v1/redact/confirm", officer, "application/json", `{"text":"电话13912345678","add":["电话"]}`, 201, "ledger_index"},
		{"admin cannot confirm publication", "POST", "/api/v1/redact/confirm", coreLogin(t, srv.URL, "admin"), "application/json", `{"text":"电话13912345678"}`, 403, "无权"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := send(t, srv.URL, tt.method, tt.path, tt.token, tt.ctype, tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			checkShown(t, tt.name, resp.StatusCode, resp.Header, string(body), len(tt.contains))
			if resp.StatusCode/100 == 3 {
				if got := resp.Header.Get("Location"); got != tt.contains {
					t.Fatalf("Location = %q, want %q", got, tt.contains)
				}
			} else if !strings.Contains(string(body), tt.contains) {
				t.Fatalf("body lacks %q:\n%.2000s", tt.contains, body)
			}
			if strings.Contains(string(body), "610921199001011236") {
				t.Fatalf("response leaks an ID number")
			}
		})
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	srv, _ := coreServer(t)
	req, _ := http.NewRequest("POST", srv.URL+"/login", strings.NewReader("username=officer&password=Zhifa-Test-2026"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "跨站请求被拒绝") {
		t.Fatalf("cross-site login POST = %d %q, want 403 跨站请求被拒绝", resp.StatusCode, body)
	}
	if c := resp.Header.Get("Set-Cookie"); c != "" {
		t.Errorf("cross-site login POST sets a cookie: %s", c)
	}
}

// apiLogin posts a JSON login as sent through a proxy for client xff ("" for
// none) and returns the answer.
func apiLogin(t *testing.T, base, xff, username, password string) (*http.Response, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	req, _ := http.NewRequest("POST", base+"/api/v1/session", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// TestSecureCookiesAndHSTS: the session cookie is Secure, and HSTS is sent,
// exactly when the server is configured for HTTPS; the cookie lives as long
// as the session may.
func TestSecureCookiesAndHSTS(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run(fmt.Sprint("secure=", secure), func(t *testing.T) {
			srv, svc := coreServerWith(t, func(c *web.Config) { c.SecureCookies = secure })
			resp, body := apiLogin(t, srv.URL, "", "officer", "Zhifa-Test-2026")
			if resp.StatusCode != 201 {
				t.Fatalf("login = %d %s", resp.StatusCode, body)
			}
			cookies := resp.Cookies()
			if len(cookies) != 1 {
				t.Fatalf("cookies = %v", cookies)
			}
			if c := cookies[0]; c.Secure != secure || !c.HttpOnly || c.MaxAge != int(svc.SessionMaxAge.Seconds()) {
				t.Errorf("cookie = %+v, want Secure=%v, HttpOnly, Max-Age %d", c, secure, int(svc.SessionMaxAge.Seconds()))
			}
			for _, path := range []string{"/", "/api/v1/session"} {
				r, err := http.Get(srv.URL + path)
				if err != nil {
					t.Fatal(err)
				}
				r.Body.Close()
				if got := r.Header.Get("Strict-Transport-Security") != ""; got != secure {
					t.Errorf("GET %s: HSTS = %q, want present=%v", path, r.Header.Get("Strict-Transport-Security"), secure)
				}
			}
			if got := resp.Header.Get("Strict-Transport-Security"); (got == "max-age=31536000") != secure {
				t.Errorf("login answer HSTS = %q", got)
			}
		})
	}
}

// TestNoStore: every answer to a logged-in request, and every workbench,
// login and API answer, says Cache-Control: no-store; the public portal
// and static files stay cacheable.
func TestNoStore(t *testing.T) {
	srv, _ := coreServer(t)
	officer := coreLogin(t, srv.URL, "officer")
	tests := []struct {
		path, token string
		noStore     bool
	}{
		{"/workbench", officer, true},
		{"/workbench/redact", officer, true},
		{"/api/v1/me", officer, true},
		{"/", officer, true},
		{"/agencies", officer, true},
		{"/login", "", true},
		{"/api/v1/me", "", true},
		{"/workbench", "", true},
		{"/", "", false},
		{"/agencies", "", false},
		{"/static/zhifa.css", "", false},
		{"/static/zhifa.css", officer, false},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Cache-Control") == "no-store"; got != tt.noStore {
			t.Errorf("GET %s (logged in %v): Cache-Control = %q, want no-store %v", tt.path, tt.token != "", resp.Header.Get("Cache-Control"), tt.noStore)
		}
	}
}

// TestLoginAddressAndProxies: without trusted proxies X-Forwarded-For is
// ignored (a client cannot escape its lock by inventing addresses); behind
// a trusted proxy the client named by the proxy is locked alone, and what
// the client itself put at the left of the header is not believed.
func TestLoginAddressAndProxies(t *testing.T) {
	lockOut := func(t *testing.T, base, xff string) {
		t.Helper()
		for i := range 5 {
			resp, body := apiLogin(t, base, xff, "admin", "wrong-password")
			want := 401
			if i == 4 {
				want = 423
			}
			if resp.StatusCode != want {
				t.Fatalf("wrong password %d from %q = %d %s, want %d", i+1, xff, resp.StatusCode, body, want)
			}
		}
	}
	t.Run("no trusted proxy", func(t *testing.T) {
		srv, _ := coreServerWith(t, nil)
		lockOut(t, srv.URL, "203.0.113.7")
		if resp, body := apiLogin(t, srv.URL, "198.51.100.1", "admin", "Zhifa-Test-2026"); resp.StatusCode != 423 {
			t.Fatalf("invented X-Forwarded-For = %d %s, want 423", resp.StatusCode, body)
		}
	})
	t.Run("trusted proxy", func(t *testing.T) {
		srv, _ := coreServerWith(t, func(c *web.Config) {
			c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
		})
		lockOut(t, srv.URL, "203.0.113.7")
		if resp, body := apiLogin(t, srv.URL, "198.51.100.1, 203.0.113.7", "admin", "Zhifa-Test-2026"); resp.StatusCode != 423 {
			t.Fatalf("locked client with an invented left hop = %d %s, want 423", resp.StatusCode, body)
		}
		if resp, body := apiLogin(t, srv.URL, "198.51.100.1", "admin", "Zhifa-Test-2026"); resp.StatusCode != 201 {
			t.Fatalf("another client through the proxy = %d %s, want 201", resp.StatusCode, body)
		}
	})
}

// TestUnknownNameSameAnswer compares the HTTP answers (status and body) for
// an existing and a missing user name, attempt by attempt.
func TestUnknownNameSameAnswer(t *testing.T) {
	srv, _ := coreServerWith(t, func(c *web.Config) { c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")} })
	for i := range 7 {
		k, kb := apiLogin(t, srv.URL, "192.0.2.1", "admin", "wrong-password")
		u, ub := apiLogin(t, srv.URL, "192.0.2.2", "nobody", "wrong-password")
		if k.StatusCode != u.StatusCode || kb != ub {
			t.Errorf("attempt %d: known %d %s, unknown %d %s", i+1, k.StatusCode, kb, u.StatusCode, ub)
		}
	}
}
