package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/demo"
)

// demoLogin returns a session token for a demo account.
func demoLogin(t *testing.T, base, username string) string {
	t.Helper()
	resp, body := send(t, base, "POST", "/api/v1/session", "", "application/json", `{"username":"`+username+`","password":"`+demo.Password+`"}`)
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		t.Fatalf("login %s: %d %s", username, resp.StatusCode, body)
	}
	m := regexp.MustCompile(`"token":\s*"([^"]+)"`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("login %s: no token in %s", username, body)
	}
	return string(m[1])
}

// Every role of the demo finds on its workbench home at least
// one item to do now, and the item's link leads to the form that does it.
func TestTodoEveryDemoRole(t *testing.T) {
	srv, _ := demoServer(t)
	item := regexp.MustCompile(`<li class="todo[^"]*"><span class="badge">([^<]+)</span> <a href="([^"]+)">([^<]+)</a>`)
	for _, tt := range []struct {
		user, kind string // the kind of item the role must find
		form       string // what the target page must hold for the link's fragment
	}{
		{"scj-zhifa1", "", ""},
		{"scj-kezhang", "", ""},
		{"scj-fazhi", "法制审核", `id="form-review"`},
		{"scj-juzhang", "作出决定", `id="form-decide"`},
		{"jiandu", "期限", ""},
		{"admin", "账号", `id="new-h"`},
		{"secadmin", "角色", `action="/workbench/admin/users/`},
		{"auditor", "审计", "拒绝越权操作"},
	} {
		t.Run(tt.user, func(t *testing.T) {
			tok := demoLogin(t, srv.URL, tt.user)
			resp, body := send(t, srv.URL, "GET", "/workbench", tok, "", "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET /workbench = %d", resp.StatusCode)
			}
			ms := item.FindAllStringSubmatch(string(body), -1)
			if len(ms) == 0 {
				t.Fatalf("%s has nothing to do now:\n%s", tt.user, body)
			}
			var m []string
			for _, x := range ms {
				if tt.kind == "" || x[1] == tt.kind {
					m = x
					break
				}
			}
			if m == nil {
				t.Fatalf("%s has no %s item: %q", tt.user, tt.kind, ms)
			}
			href := strings.ReplaceAll(m[2], "&amp;", "&")
			path, frag, _ := strings.Cut(href, "#")
			resp, page := send(t, srv.URL, "GET", path, tok, "", "")
			if resp.StatusCode != 200 {
				t.Fatalf("%s: item %q → %s = %d", tt.user, m[3], path, resp.StatusCode)
			}
			if frag != "" && !strings.Contains(string(page), `id="`+frag+`"`) {
				t.Errorf("%s: item %q → %s has no element #%s", tt.user, m[3], path, frag)
			}
			if tt.form != "" && !strings.Contains(string(page), tt.form) {
				t.Errorf("%s: item %q → %s lacks %s", tt.user, m[3], path, tt.form)
			}
			if strings.HasPrefix(frag, "form-") && !strings.Contains(string(page), `action="/workbench/cases/`) {
				t.Errorf("%s: item %q → %s has no step form", tt.user, m[3], path)
			}
			t.Logf("%s: %d items; first %s %q → %s", tt.user, len(ms), m[1], m[3], href)
		})
	}
}

// A case page names who acts next and why the user cannot: the officer on
// a case in 法制审核 is told that a 法制审核人员 records it.
func TestCasePageNamesNextActor(t *testing.T) {
	srv, _ := demoServer(t)
	fazhi := demoLogin(t, srv.URL, "scj-fazhi")
	_, body := send(t, srv.URL, "GET", "/workbench", fazhi, "", "")
	m := regexp.MustCompile(`href="(/workbench/cases/\d+)#form-review"`).FindSubmatch(body)
	if m == nil {
		t.Fatal("the reviewer has no review to do")
	}
	officer := demoLogin(t, srv.URL, "scj-zhifa1")
	resp, page := send(t, srv.URL, "GET", string(m[1]), officer, "", "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", m[1], resp.StatusCode)
	}
	for _, want := range []string{"接下来由谁办理", "法制审核 — 法制审核人员", "您的角色是执法人员,这一环节须由法制审核人员办理"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("case page for the officer lacks %q", want)
		}
	}
	_, page = send(t, srv.URL, "GET", string(m[1]), fazhi, "", "")
	if strings.Contains(string(page), "您的角色是") || !strings.Contains(string(page), `id="form-review"`) {
		t.Errorf("case page for the reviewer should offer the form without a refusal")
	}
}
