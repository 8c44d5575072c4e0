package web_test

// Tests for what a newcomer tripped over (issue 16, item 10): each fails
// without its fix.

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestNewcomerMattersBadFilter(t *testing.T) {
	srv, svc := coreServer(t)
	ags, err := svc.Agencies(t.Context())
	if err != nil || len(ags) == 0 {
		t.Fatalf("agencies: %v", err)
	}
	for _, tt := range []struct {
		path   string
		status int
		want   string
	}{
		{"/matters?agency_id=abc", http.StatusBadRequest, "执法主体“abc”不存在"},
		{"/matters?agency_id=9999", http.StatusBadRequest, "执法主体“9999”不存在"},
		{"/matters?category=" + url.QueryEscape("随便"), http.StatusBadRequest, "事项类别“随便”不在可选范围内"},
		{fmt.Sprintf("/matters?agency_id=%d", ags[0].ID), http.StatusOK, "权责清单"},
	} {
		resp, body := send(t, srv.URL, "GET", tt.path, "", "", "")
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
			t.Errorf("GET %s = %d, want %d with %q", tt.path, resp.StatusCode, tt.status, tt.want)
		}
		if tt.status == http.StatusBadRequest && !strings.Contains(string(body), `aria-invalid="true"`) {
			t.Errorf("GET %s: the field is not marked invalid", tt.path)
		}
	}
}

// relativeLuminance is WCAG 2.2's relative luminance of a #rrggbb colour.
func relativeLuminance(t *testing.T, hex string) float64 {
	t.Helper()
	var r, g, b int
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b); err != nil {
		t.Fatalf("colour %q: %v", hex, err)
	}
	lin := func(c int) float64 {
		v := float64(c) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := relativeLuminance(t, a), relativeLuminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// The focus ring contrasts at least 3:1 (WCAG 2.2, 1.4.11 and 2.4.13) with
// each background it is drawn on: the white page, the workbench's and the
// portal's header.
func TestNewcomerFocusRingContrast(t *testing.T) {
	srv, _ := coreServer(t)
	_, css := send(t, srv.URL, "GET", "/static/zhifa.css", "", "", "")
	ring := regexp.MustCompile(`(?m)^([^{}\n]*):focus-visible \{[^}]*outline(?:-color)?:(?:3px solid )?(#[0-9a-fA-F]{6})`)
	rings := map[string]string{}
	for _, m := range ring.FindAllStringSubmatch(string(css), -1) {
		rings[strings.TrimSpace(m[1])] = m[2]
	}
	for _, tt := range []struct{ scope, background string }{
		{"", "#ffffff"},
		{"header.top", "#1f3a5f"}, // workbench header
		{"header.top", "#9b1c1c"}, // portal header
	} {
		c, ok := rings[tt.scope]
		if !ok {
			t.Errorf("no focus ring for %q in zhifa.css (found %v)", tt.scope, rings)
			continue
		}
		if r := contrast(t, c, tt.background); r < 3 {
			t.Errorf("focus ring %s on %s (%q): contrast %.2f:1, want ≥ 3:1", c, tt.background, tt.scope, r)
		}
	}
}

// No template carries an inline style: the product's CSP (style-src 'self')
// blocks it, as it blocked the redaction preview's wrapping. The style
// goes into zhifa.css.
func TestNewcomerNoInlineStyle(t *testing.T) {
	inline := regexp.MustCompile(`(?i)<[^>]+\sstyle\s*=|<style[\s>]`)
	for _, dir := range []string{"workbench/templates", "portal/templates", "ui/templates"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.html"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v (%d files)", dir, err, len(files))
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if m := inline.Find(b); m != nil {
				t.Errorf("%s: inline style %q is blocked by the CSP; use a class in static/zhifa.css", f, m)
			}
		}
	}
}

// A date that does not exist is reported as invalid, naming the field, not
// as missing (it was "请填写有效期起始日期").
func TestNewcomerInvalidDate(t *testing.T) {
	srv, agencyID, _, _ := registryServer(t)
	admin := coreLogin(t, srv.URL, "admin")
	ag := strconv.FormatInt(agencyID, 10)
	resp, body := send(t, srv.URL, "POST", "/workbench/registry/officers", admin, "application/x-www-form-urlencoded",
		form("agency_id", ag, "name", "周新", "gender", "男", "cert_no", "61092100099", "category", "市场监管",
			"valid_from", "2025-13-45", "valid_to", "2030-12-31", "status", "有效"))
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "有效期起始日期无效") || strings.Contains(string(body), "请填写有效期起始日期") {
		t.Errorf("form with 2025-13-45 = %d, want 400 naming 有效期起始日期无效\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(string(body), `value="2025-13-45"`) {
		t.Errorf("the form does not keep the date as typed")
	}
	resp, body = send(t, srv.URL, "POST", "/api/v1/officers", admin, "application/json",
		`{"agency_id":`+ag+`,"name":"钱多","gender":"男","cert_no":"61092100077","category":"市场监管","valid_from":"2025-13-45","valid_to":""}`)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"valid_from": "有效期起始日期无效`) || !strings.Contains(string(body), `"valid_to": "请填写有效期截止日期`) {
		t.Errorf("API with 2025-13-45 = %d, want 400 naming valid_from invalid and valid_to missing\n%s", resp.StatusCode, body)
	}
}

// Pages name time limits in Chinese, never by their internal rule code
// (T9, L5, G4).
func TestNewcomerNoRuleCodes(t *testing.T) {
	srv, _ := coreServer(t)
	officer := coreLogin(t, srv.URL, "officer")
	code := regexp.MustCompile(`[>(（,,\s](?:T\d+|L\d+|G\d+)b?[<)）,,\s]`)
	resp, body := send(t, srv.URL, "GET", "/workbench/deadlines", officer, "", "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "罚款缴纳期限") {
		t.Fatalf("GET /workbench/deadlines = %d, want 200 with the rules", resp.StatusCode)
	}
	if m := code.FindString(string(body)); m != "" {
		t.Errorf("/workbench/deadlines shows the rule code %q", m)
	}
}

// getAccept is GET path with an Accept header.
func getAccept(t *testing.T, base, path, accept string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// A person following the links to the log (a step's 台账事件 and 包含证明,
// the menu's 检查点) reads a page that explains them; machines get the raw
// forms at the same addresses, as before.
func TestNewcomerLogPagesForPeople(t *testing.T) {
	srv, _ := coreServer(t)
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	for _, tt := range []struct {
		path, accept string
		ctype        string
		want, absent []string
	}{
		// Event 1: the console created the officer's account.
		{"/api/v1/ledger/events/1", browser, "text/html", []string{"台账事件第 1 号", "创建用户账号", "服务器控制台操作员", "(北京时间)", "已核验:本事件包含在台账中", `href="/api/v1/ledger/events/1?raw"`}, []string{`"actor"`, "system/console"}},
		{"/api/v1/ledger/proof/1", browser, "text/html", []string{"台账事件第 1 号", "已核验", "检查点含 "}, nil},
		{"/log/checkpoint", browser, "text/html", []string{"执法台账检查点", "签名有效", "事件数"}, nil},
		{"/api/v1/ledger/events/1", "", "application/json", []string{`"Actor": "system/console"`, `"Type": "user.created"`}, []string{"<html"}},
		{"/api/v1/ledger/events/1?raw", browser, "application/json", []string{`"Actor": "system/console"`}, nil},
		{"/api/v1/ledger/proof/1", "", "text/plain", []string{"c2sp.org/tlog-proof@v1"}, []string{"<html"}},
		{"/api/v1/ledger/proof/1", "application/json", "text/plain", []string{"c2sp.org/tlog-proof@v1"}, nil},
		{"/log/checkpoint", "", "text/plain", []string{"\n3\n"}, []string{"<html"}},
		{"/log/checkpoint?raw", browser, "text/plain", []string{"\n3\n"}, nil},
	} {
		resp, body := getAccept(t, srv.URL, tt.path, tt.accept)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) {
			t.Errorf("GET %s (Accept %q) = %d %s, want 200 %s", tt.path, tt.accept, resp.StatusCode, resp.Header.Get("Content-Type"), tt.ctype)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s (Accept %q) lacks %q:\n%.2000s", tt.path, tt.accept, w, body)
			}
		}
		for _, a := range tt.absent {
			if strings.Contains(body, a) {
				t.Errorf("GET %s (Accept %q) shows %q", tt.path, tt.accept, a)
			}
		}
	}
}
