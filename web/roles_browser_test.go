package web_test

// Browser tests of issue 16 on the demo's data: the workbench at phone
// width and every role's to-do list.

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/zhifa/zhifa/demo"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store/storetest"
)

// demoServer serves the demo's data (demo.Load) on the test's date.
func demoServer(t *testing.T) (*httptest.Server, *service.Service) {
	t.Helper()
	db := storetest.MustOpenSQLite(t)
	svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), testdate.Clock(t))
	if err := svc.OpenBlobs(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(context.Background(), svc); err != nil {
		t.Fatal(err)
	}
	return newTestServer(t, svc, serverOpts{}), svc
}

// loginDemo signs a demo account in through the /login form.
func (b *browser) loginDemo(username string) {
	b.t.Helper()
	if got := b.open("/login"); got != 200 {
		b.t.Fatalf("GET /login = %d", got)
	}
	b.fill("用户名", username)
	b.fill("密码", demo.Password)
	if got := b.click(`main form button[type=submit]`); got != 200 {
		b.t.Fatalf("login %s: status %d (%s)", username, got, b.text(".error"))
	}
	if got := b.path(); got != "/workbench" {
		b.t.Fatalf("login %s: landed on %s, want /workbench", username, got)
	}
}

// shot saves a screenshot of the whole page under ZHIFA_SHOTS (a folder),
// when it is set, for a person to look at.
func (b *browser) shot(name string) {
	dir := os.Getenv("ZHIFA_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// At 390 px (a phone), the workbench's tables fit the screen: the page
// does not scroll sideways and the 公示 button is on screen.
func TestBrowserPhoneWidth(t *testing.T) {
	srv, _ := demoServer(t)
	b := newBrowser(t, srv.URL)
	b.do(chromedp.EmulateViewport(390, 844))
	b.loginDemo("scj-zhifa1")
	for _, p := range []string{"/workbench/deadlines", "/workbench/publications", "/workbench"} {
		if got := b.open(p); got != 200 {
			t.Fatalf("GET %s = %d", p, got)
		}
		b.shot("390" + filepath.Base(p))
		if w := browserEval[int](b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s is %d px wide at 390 px; want no sideways scrolling", p, w)
		}
	}
	b.open("/workbench/publications")
	n := browserEval[int](b, `document.querySelectorAll("main form[action$='/publish'] button").length`)
	if n == 0 {
		t.Fatal("the demo's officer has no publication to publish; the test needs one")
	}
	off := browserEval[[]string](b, `[...document.querySelectorAll("main form[action$='/publish'] button")].filter(e => { const r = e.getBoundingClientRect(); return r.right > 390 || r.left < 0 || r.width === 0; }).map(e => e.textContent.trim())`)
	if len(off) > 0 {
		t.Errorf("公示 buttons off-screen at 390 px: %q", off)
	}
}

// Each demo role logs in, finds at least one item on its to-do list and
// follows it to the form (or page) that does it.
func TestBrowserTodoEveryRole(t *testing.T) {
	srv, _ := demoServer(t)
	b := newBrowser(t, srv.URL)
	for _, tt := range []struct{ user, target string }{
		{"scj-zhifa1", "main"},
		{"scj-kezhang", "main"},
		{"scj-fazhi", "#form-review form"},
		{"scj-juzhang", "#form-decide form"},
		{"jiandu", "main"},
		{"admin", "#new-h"},
		{"secadmin", "form[action$='/roles']"},
		{"auditor", "table.stack tbody tr td a[href^='/api/v1/ledger/events/']"},
	} {
		b.loginDemo(tt.user)
		n := browserEval[int](b, `document.querySelectorAll("ul.todo-list li a").length`)
		if n == 0 {
			t.Errorf("%s: no to-do item on the home page", tt.user)
		} else {
			// The role's own kind of item first, else the first item.
			sel := "ul.todo-list li a"
			if tt.target != "main" {
				for _, k := range []string{"法制审核", "作出决定", "账号", "角色", "审计"} {
					if browserEval[bool](b, `[...document.querySelectorAll("ul.todo-list li")].some(li => li.querySelector(".badge")?.textContent === "`+k+`")`) {
						browserEval[bool](b, `(() => { const li = [...document.querySelectorAll("ul.todo-list li")].find(li => li.querySelector(".badge")?.textContent === "`+k+`"); li.querySelector("a").id = "todo-pick"; return true; })()`)
						sel = "#todo-pick"
						break
					}
				}
			}
			if got := b.click(sel); got != 200 {
				t.Errorf("%s: the to-do item leads to a page with status %d", tt.user, got)
			} else if !browserEval[bool](b, `!!document.querySelector(`+strconv.Quote(tt.target)+`)`) {
				t.Errorf("%s: the to-do item leads to %s without %s", tt.user, b.path(), tt.target)
			}
		}
		b.open("/workbench")
		b.click("form.who button[type=submit]")
	}
}
