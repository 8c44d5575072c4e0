package web_test

// Browser tests: Debian's chromium, driven by chromedp, against the real
// server over TCP (coreServer). They are skipped when chromium is missing,
// unless ZHIFA_REQUIRE_BROWSER=1 (set by .ci/run), which makes that a failure.
//
// A test drives one tab through the helpers below:
//
//	srv, _ := coreServer(t)
//	b := newBrowser(t, srv.URL)
//	b.login("officer")                     // through the /login form
//	status := b.open("/workbench/redact")  // HTTP status of the page
//	b.fill("待公示文本", "…")              // the control labelled so
//	status = b.click("main form button[type=submit]")
//
// Every helper fails the test at once on a browser error. Console errors,
// uncaught exceptions, CSP violations and failed loads of sub-resources fail
// the test when it ends.

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserTimeout bounds each browser test, from the start of chromium to its
// end; a page that never loads fails the test instead of hanging it.
const browserTimeout = 60 * time.Second

// browser is one headless chromium tab that belongs to one test.
type browser struct {
	t    *testing.T
	ctx  context.Context // chromedp context of the tab, for chromedp.Run and chromedp.Do
	base string          // the server's URL, such as http://127.0.0.1:41234

	mu      sync.Mutex
	console []chromedp.ConsoleMessage // console errors, exceptions, CSP reports
	docs    map[string]bool           // URLs of documents the test opened (their status is the test's business)
}

// chromiumPath returns Debian's chromium, or "" when it is not installed.
func chromiumPath() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// newBrowser starts headless chromium for the test, with a tab that talks to
// the server at base (an httptest.Server's URL). It skips the test when
// chromium is missing, unless ZHIFA_REQUIRE_BROWSER=1. The browser stops when
// the test ends, or after browserTimeout.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		const msg = "browser test needs Debian's chromium at /usr/bin/chromium or on PATH (apt-get install chromium fonts-noto-cjk)"
		if os.Getenv("ZHIFA_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg + "; ZHIFA_REQUIRE_BROWSER=1 forbids skipping")
		}
		t.Skip(msg)
	}

	// The options are built here, not from chromedp.DefaultExecAllocatorOptions,
	// so that the command line is exactly this list.
	out := &lockedBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.CombinedOutput(out),
	}
	t.Cleanup(func() {
		if t.Failed() {
			// Without a session bus, chromium complains about D-Bus at
			// length; that is noise here.
			var keep []string
			for _, l := range strings.Split(out.String(), "\n") {
				if l != "" && !strings.Contains(l, "dbus") {
					keep = append(keep, l)
				}
			}
			if len(keep) > 0 {
				t.Logf("chromium output:\n%s", strings.Join(keep, "\n"))
			}
		}
	})
	deadline, cancelDeadline := context.WithTimeout(context.Background(), browserTimeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(deadline, opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))

	b := &browser{t: t, ctx: ctx, base: strings.TrimSuffix(base, "/"), docs: map[string]bool{}}
	// The first Do starts the browser; Console then subscribes before any page.
	if err := chromedp.Do(ctx); err != nil {
		cancelTab()
		cancelAlloc()
		cancelDeadline()
		t.Fatalf("start chromium %s: %v\n%s", path, err, out)
	}
	msgs := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				b.mu.Lock()
				b.console = append(b.console, m)
				b.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		// Read the problems before the tab closes, then stop chromium and
		// wait for it (cancelAlloc waits), so no process outlives the test.
		problems := b.consoleProblems()
		cancelTab()
		cancelAlloc()
		cancelDeadline()
		<-done
		for _, p := range problems {
			t.Errorf("browser console: %s", p)
		}
	})
	return b
}

// consoleProblems returns the console errors, uncaught exceptions and CSP
// violations seen so far. A failed load of a document the test opened itself
// (a 400 form page, say) is not a problem: the test checks that status.
func (b *browser) consoleProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var ps []string
	for _, m := range b.console {
		// chromium asks for /favicon.ico by itself; the pages link none.
		if m.Source == "network" && (b.docs[m.URL] || strings.HasSuffix(m.URL, "/favicon.ico")) {
			continue
		}
		p := m.String()
		if m.URL != "" {
			p += " (" + m.URL + ")"
		}
		ps = append(ps, p)
	}
	return ps
}

// do runs the actions in the tab and fails the test on an error.
func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// open loads the page at path (relative to the server) and returns the HTTP
// status of its document, after redirects.
func (b *browser) open(path string) int {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	return b.document(resp.URL, resp.Status)
}

// click clicks the element that the CSS selector finds, which must start a
// navigation (a link or a submit button); it waits for the new page and
// returns the HTTP status of its document, after redirects. Browser-side
// form validation (required, type=date) runs as for a user: a form it
// blocks never navigates, and click then fails the test at browserTimeout.
func (b *browser) click(sel string) int {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("click %s: %v", sel, err)
	}
	return b.document(resp.URL, resp.Status)
}

func (b *browser) document(u string, status int64) int {
	b.mu.Lock()
	b.docs[u] = true
	b.mu.Unlock()
	return int(status)
}

// byLabel is the selector of the form control whose <label> reads text
// (surrounding space ignored).
func byLabel(text string) chromedp.JSPath {
	q, _ := json.Marshal(text)
	return chromedp.JSPath(`[...document.querySelectorAll("label")].find(l => l.textContent.trim() === ` + string(q) + `)?.control`)
}

// fill clears the control labelled label and types value into it, as a
// user would.
func (b *browser) fill(label, value string) {
	b.t.Helper()
	sel := byLabel(label)
	// A query waits for its element; check first, to fail at once. (Clear
	// here too: chromedp.SetValue cannot set "".)
	if !browserEval[bool](b, `(c => c ? (c.value = "", true) : false)(`+string(sel)+`)`) {
		b.t.Fatalf("%s: no form control labelled %q", b.path(), label)
	}
	b.do(chromedp.SendKeys(sel, value))
}

// path returns the path and query of the tab's current page.
func (b *browser) path() string {
	return browserEval[string](b, `location.pathname + location.search`)
}

// text returns the trimmed text of the first element that the CSS selector
// finds, or "" if there is none.
func (b *browser) text(sel string) string {
	b.t.Helper()
	q, _ := json.Marshal(sel)
	return browserEval[string](b, `(document.querySelector(`+string(q)+`)?.textContent ?? "").trim()`)
}

// login signs username in through the /login form, with the password that
// coreServer gives every user, and checks that it lands on /workbench.
func (b *browser) login(username string) {
	b.t.Helper()
	if got := b.open("/login"); got != 200 {
		b.t.Fatalf("GET /login = %d, want 200", got)
	}
	b.fill("用户名", username)
	b.fill("密码", "Zhifa-Test-2026")
	if got := b.click(`main form button[type=submit]`); got != 200 {
		b.t.Fatalf("login %s: status %d, want 200 (%s)", username, got, b.text(".error"))
	}
	if got := b.path(); got != "/workbench" {
		b.t.Fatalf("login %s: landed on %s, want /workbench", username, got)
	}
}

// fetched is the outcome of a request made from the page.
type fetched struct {
	Status     int    // of the last response, after redirects
	URL        string // of the last response
	Redirected bool
}

// fetch requests href from the page with the page's cookies, following
// redirects, as a click on a link would.
func (b *browser) fetch(href string) fetched {
	b.t.Helper()
	q, _ := json.Marshal(href)
	return browserEval[fetched](b, `fetch(`+string(q)+`, {credentials: "same-origin"}).then(r => ({status: r.status, url: r.url, redirected: r.redirected}))`)
}

// browserEval evaluates the JavaScript expression in the page (awaiting a
// promise) and decodes its JSON value into T; an error fails the test.
func browserEval[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluate %.200s: %v", js, err)
	}
	return v
}

// lockedBuffer collects chromium's output, which it writes from another
// goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *lockedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *lockedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// navLink is a link of a page's navigation.
type navLink struct {
	Href, Text string
}

func TestBrowserLoginAndNav(t *testing.T) {
	srv, _ := coreServer(t)
	tests := []struct {
		username, name string
		want           []string // labels the navigation must offer
	}{
		{"officer", "王志强", []string{"首页", "期限监控", "公示脱敏确认", "公示门户"}},
		{"admin", "管理员", []string{"首页", "主体人员事项", "工作日历", "公示门户"}},
	}
	for _, tt := range tests {
		t.Run(tt.username, func(t *testing.T) {
			b := newBrowser(t, srv.URL)
			b.login(tt.username)
			if got, want := browserEval[string](b, `document.title`), "工作台 · 汉阴县行政执法工作台"; got != want {
				t.Errorf("title = %q, want %q", got, want)
			}
			if got, want := b.text("h1"), "您好,"+tt.name; got != want {
				t.Errorf("h1 = %q, want %q", got, want)
			}
			links := browserEval[[]navLink](b, `[...document.querySelectorAll("header nav a[href], main .tiles a[href]")].map(a => ({href: a.getAttribute("href"), text: a.textContent.trim()}))`)
			var texts []string
			for _, l := range links {
				texts = append(texts, l.Text)
			}
			for _, w := range tt.want {
				if !slices.Contains(texts, w) {
					t.Errorf("navigation lacks %q: %q", w, texts)
				}
			}
			checkLinks(t, b, links)
		})
	}
	t.Run("portal", func(t *testing.T) {
		b := newBrowser(t, srv.URL)
		if got := b.open("/"); got != 200 {
			t.Fatalf("GET / = %d, want 200", got)
		}
		links := browserEval[[]navLink](b, `[...document.querySelectorAll("header nav a[href]")].map(a => ({href: a.getAttribute("href"), text: a.textContent.trim()}))`)
		if len(links) == 0 {
			t.Fatal("portal has no navigation")
		}
		checkLinks(t, b, links)
	})
}

// checkLinks fails unless every link is a local path that answers 200 to
// the page's session without a redirect; only the public's link into the
// workbench may redirect, to the login page.
func checkLinks(t *testing.T, b *browser, links []navLink) {
	t.Helper()
	for _, l := range links {
		if u, err := url.Parse(l.Href); err != nil || u.IsAbs() || !strings.HasPrefix(l.Href, "/") || strings.HasPrefix(l.Href, "//") {
			t.Errorf("navigation link %q (%s) is not a local path", l.Text, l.Href)
			continue
		}
		r := b.fetch(l.Href)
		if r.Status != 200 {
			t.Errorf("navigation link %q (%s) answers %d, want 200", l.Text, l.Href, r.Status)
		}
		if r.Redirected && !(l.Href == "/workbench" && strings.HasPrefix(r.URL, b.base+"/login?")) {
			t.Errorf("navigation link %q (%s) redirects to %s", l.Text, l.Href, r.URL)
		}
	}
}

func TestBrowserFormErrors(t *testing.T) {
	srv, _ := coreServer(t)
	b := newBrowser(t, srv.URL)
	b.login("admin")
	if got := b.open("/workbench/registry/officers/new"); got != 200 {
		t.Fatalf("GET officer form = %d, want 200", got)
	}
	// The form's required fields would stop the browser from sending it
	// empty; turn that off, as for a browser without validation, to see
	// the server's answer.
	if browserEval[bool](b, `document.querySelector("main form").checkValidity()`) {
		t.Error("empty officer form passes the browser's validation; want required fields")
	}
	browserEval[bool](b, `document.querySelector("main form").noValidate = true`)
	if got := b.click("main form button[type=submit]"); got != 400 {
		t.Fatalf("POST empty officer form = %d, want 400", got)
	}
	if got := b.path(); got != "/workbench/registry/officers" {
		t.Errorf("after submit at %s, want /workbench/registry/officers", got)
	}
	if got := b.text(`[role=alert]`); !strings.Contains(got, "操作未完成") || !strings.Contains(got, "请填写姓名") {
		t.Errorf("alert = %q, want the summary of problems", got)
	}
	for _, tt := range []struct{ label, msg string }{
		{"所属执法主体", "请选择所属执法主体"},
		{"姓名", "请填写姓名"},
		{"执法证号", "请填写执法证号"},
		{"执法类别(领域)", "请填写执法类别(领域)"},
		{"有效期自(YYYY-MM-DD)", "请填写有效期起始日期"},
		{"有效期至(YYYY-MM-DD)", "请填写有效期截止日期"},
	} {
		// The message is the one the control's aria-describedby names, so a
		// screen reader reads it with the field.
		sel := string(byLabel(tt.label))
		got := browserEval[map[string]string](b, `(() => {
			const c = `+sel+`;
			if (!c) return {missing: "1"};
			const d = document.getElementById(c.getAttribute("aria-describedby") || "");
			return {invalid: c.getAttribute("aria-invalid") || "", message: d ? d.textContent.trim() : ""};
		})()`)
		if got["missing"] != "" {
			t.Errorf("%s: no control with that label", tt.label)
			continue
		}
		if got["invalid"] != "true" {
			t.Errorf("%s: aria-invalid = %q, want true", tt.label, got["invalid"])
		}
		if !strings.HasPrefix(got["message"], tt.msg) {
			t.Errorf("%s: message = %q, want %q", tt.label, got["message"], tt.msg)
		}
	}
	// Fields without problems are not marked.
	for _, label := range []string{"职务", "证件状态"} {
		if got := browserEval[string](b, ``+string(byLabel(label))+`.getAttribute("aria-invalid") ?? ""`); got != "" {
			t.Errorf("%s: aria-invalid = %q, want none", label, got)
		}
	}
	// The page with errors keeps its accessibility.
	if ps := accessibilityProblems(b); len(ps) > 0 {
		t.Errorf("officer form with errors:\n  %s", strings.Join(ps, "\n  "))
	}
}

// a11yJS returns the page's accessibility problems, one string each: form
// controls without a label, a count of h1 other than 1, a language other
// than zh-CN, and anything loaded from another origin (no CDN: intranets
// are often offline).
const a11yJS = `(() => {
	const bad = [];
	const show = el => el.outerHTML.replace(/\s+/g, " ").slice(0, 200);
	for (const el of document.querySelectorAll("input, select, textarea")) {
		const type = (el.getAttribute("type") || "").toLowerCase();
		if (el.tagName === "INPUT" && ["hidden", "submit", "button", "reset", "image"].includes(type)) continue;
		const byLabel = [...(el.labels || [])].some(l => l.textContent.trim() !== "");
		const byAria = (el.getAttribute("aria-label") || "").trim() !== "";
		const byRef = (el.getAttribute("aria-labelledby") || "").split(/\s+/).some(id => id && (document.getElementById(id)?.textContent || "").trim() !== "");
		if (!byLabel && !byAria && !byRef) bad.push("control without a label: " + show(el));
	}
	const h1 = document.querySelectorAll("h1");
	if (h1.length !== 1) bad.push(h1.length + " h1 elements, want 1: " + [...h1].map(show).join(" | "));
	if (document.documentElement.getAttribute("lang") !== "zh-CN") bad.push("html lang = " + JSON.stringify(document.documentElement.getAttribute("lang")) + ", want zh-CN");
	const local = u => {
		try {
			const x = new URL(u, location.href);
			return x.protocol === "data:" || x.origin === location.origin;
		} catch (e) { return false; }
	};
	for (const el of document.querySelectorAll("[src], link[href], object[data], video[poster], [srcset]")) {
		const urls = [el.getAttribute("src"), el.tagName === "LINK" ? el.getAttribute("href") : null, el.getAttribute("data"), el.getAttribute("poster"),
			...(el.getAttribute("srcset") || "").split(",").map(s => s.trim().split(/\s+/)[0])];
		for (const u of urls) if (u && !local(u)) bad.push("loads from another origin: " + show(el));
	}
	for (const r of performance.getEntriesByType("resource")) if (!local(r.name)) bad.push("loaded from another origin: " + r.name);
	return [...new Set(bad)];
})()`

// accessibilityProblems runs a11yJS in the tab's current page.
func accessibilityProblems(b *browser) []string {
	b.t.Helper()
	return browserEval[[]string](b, a11yJS)
}

func TestBrowserAccessibility(t *testing.T) {
	srv, svc := coreServer(t)
	ags, err := svc.Agencies(context.Background())
	if err != nil || len(ags) == 0 {
		t.Fatalf("agencies: %v %d", err, len(ags))
	}
	tests := []struct {
		user  string // "" for the public
		paths []string
	}{
		{"", []string{"/", "/login", "/agencies", fmt.Sprintf("/agencies/%d", ags[0].ID), "/matters", "/verify/officer", "/verify/officer/NOSUCH01"}},
		{"admin", []string{"/workbench", "/workbench/calendar", "/workbench/registry",
			"/workbench/registry/agencies/new", "/workbench/registry/officers/new", "/workbench/registry/matters/new"}},
		{"officer", []string{"/workbench", "/workbench/deadlines", "/workbench/redact"}},
	}
	for _, tt := range tests {
		name := cmp.Or(tt.user, "public")
		t.Run(name, func(t *testing.T) {
			b := newBrowser(t, srv.URL)
			if tt.user != "" {
				b.login(tt.user)
			}
			for _, p := range tt.paths {
				want := 200
				if p == "/verify/officer/NOSUCH01" {
					want = 404 // the page that says so
				}
				if got := b.open(p); got != want {
					t.Errorf("%s: status %d, want %d", p, got, want)
				}
				if ps := accessibilityProblems(b); len(ps) > 0 {
					t.Errorf("%s:\n  %s", p, strings.Join(ps, "\n  "))
				}
			}
		})
	}
}
