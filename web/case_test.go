package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// caseSite is the real server over one database with a 市场监管 agency and
// its people — two officers (o1, o2; o2 is also a legal reviewer, to test
// the separation of duties), a unit head, a qualified legal reviewer and an
// agency head — a penalty matter, an officer of another agency and a
// supervisor of the 司法局. The clock starts at 10:00 in China on the test
// date (testdate; every certificate is valid on it) and moves only by
// clock.set; newCaseSiteAt starts it elsewhere.
type caseSite struct {
	t      *testing.T
	srv    *httptest.Server
	svc    *service.Service
	clock  *testClock
	agency *registry.Agency
	matter *registry.Matter
	// officers
	off1, off2, offHead, offReviewer, offOther, offOther2 *registry.Officer
	otherMatter                                           *registry.Matter // of the other agency
	// actors, by username
	actors map[string]zhifa.Actor
}

// testClock is the injected clock of a test server: the test moves it
// between requests while the server's goroutines read it.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// caseNo is the number of the agency's first case of the test date's year.
// decisionNo is the first 决定书文号 of the test year: the system numbers
// decisions by the year they are made.
func decisionNo(tb testing.TB) string {
	return fmt.Sprintf("汉阴市监罚〔%d〕1号", testdate.Today(tb).Year())
}

func caseNo(tb testing.TB) string {
	return fmt.Sprintf("汉阴市监案〔%d〕1号", testdate.Today(tb).Year())
}

func newCaseSite(t *testing.T, db *store.DB) *caseSite {
	return newCaseSiteAt(t, db, testdate.Now(t))
}

// newCaseSiteAt is newCaseSite with the clock starting at start, for tests
// whose expectations are particular dates of the calendar.
func newCaseSiteAt(t *testing.T, db *store.DB, start time.Time) *caseSite {
	t.Helper()
	clock := &testClock{now: start}
	svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), clock.Now)
	if err := svc.OpenBlobs(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, svc, serverOpts{})
	ctx := context.Background()
	s := &caseSite{t: t, svc: svc, clock: clock, actors: map[string]zhifa.Actor{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s.agency = &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", ReviewDays: 5}
	must(svc.CreateAgency(ctx, zhifa.Console, s.agency))
	other := &registry.Agency{Name: "汉阴县城市管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00033M", Region: "610921"}
	must(svc.CreateAgency(ctx, zhifa.Console, other))
	sfj := &registry.Agency{Name: "汉阴县司法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A000170", Region: "610921", Supervisor: true}
	must(svc.CreateAgency(ctx, zhifa.Console, sfj))
	s.matter = &registry.Matter{AgencyID: s.agency.ID, Name: "生产经营不符合食品安全标准的食品", Category: registry.MatterPenalty,
		Basis: "《中华人民共和国食品安全法》第一百二十四条", PenaltyKinds: []string{"警告", "罚款", "没收违法所得"}}
	must(svc.CreateMatter(ctx, zhifa.Console, s.matter))
	// Certificates valid from two years before the test date to three after.
	d := func(years int) zhifa.Date { return zhifa.DateFromTime(testdate.Today(t).AddDate(years, 0, 0)) }
	officer := func(ag *registry.Agency, name, cert string, legal bool) *registry.Officer {
		o := &registry.Officer{AgencyID: ag.ID, Name: name, Gender: "男", Post: "科员", CertNo: cert, Category: "市场监管",
			ValidFrom: d(-2), ValidTo: d(3), LegalQualification: legal}
		must(svc.CreateOfficer(ctx, zhifa.Console, o))
		return o
	}
	s.off1 = officer(s.agency, "王志强", "61092100101", false)
	s.off2 = officer(s.agency, "李晓燕", "61092100102", false)
	s.offHead = officer(s.agency, "刘德华", "61092100104", false)
	s.offReviewer = officer(s.agency, "周敏", "61092100105", true)
	s.offOther = officer(other, "陈建军", "61092100201", false)
	s.offOther2 = officer(other, "林小红", "61092100202", false)
	s.otherMatter = &registry.Matter{AgencyID: other.ID, Name: "擅自占用城市道路", Category: registry.MatterPenalty,
		Basis: "《城市道路管理条例》第四十二条", PenaltyKinds: []string{"罚款"}}
	must(svc.CreateMatter(ctx, zhifa.Console, s.otherMatter))
	user := func(username string, ag *registry.Agency, o *registry.Officer, roles ...zhifa.Role) {
		in := identity.UserInput{Username: username, Name: username, AgencyID: ag.ID, Roles: roles, Password: "Zhifa-Test-2026"}
		if o != nil {
			in.OfficerID = o.ID
		}
		u, err := svc.CreateUser(ctx, zhifa.Console, in)
		must(err)
		s.actors[username] = zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
	}
	user("o1", s.agency, s.off1, zhifa.RoleOfficer)
	user("o2", s.agency, s.off2, zhifa.RoleOfficer, zhifa.RoleReviewer)
	user("head", s.agency, s.offHead, zhifa.RoleUnitHead, zhifa.RoleOfficer)
	user("reviewer", s.agency, s.offReviewer, zhifa.RoleReviewer)
	user("boss", s.agency, nil, zhifa.RoleAgencyHead)
	user("other", other, s.offOther, zhifa.RoleOfficer)
	user("otherhead", other, nil, zhifa.RoleUnitHead)
	user("supervisor", sfj, nil, zhifa.RoleSupervisor)
	s.srv = srv
	return s
}

// browser is a logged-in user's cookie-holding client that does not
// follow redirects, so that each 303 can be checked.
func (s *caseSite) browser(username string) *http.Client {
	s.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(s.srv.URL+"/login", url.Values{"username": {username}, "password": {"Zhifa-Test-2026"}, "next": {"/workbench"}})
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		s.t.Fatalf("login %s: %d", username, resp.StatusCode)
	}
	return c
}

// reply is a response read whole.
type reply struct {
	status int
	header http.Header
	body   string
}

func (s *caseSite) do(c *http.Client, req *http.Request) reply {
	s.t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return reply{resp.StatusCode, resp.Header, string(b)}
}

func (s *caseSite) get(c *http.Client, path string) reply {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	return s.do(c, req)
}

func (s *caseSite) postForm(c *http.Client, path string, v url.Values) reply {
	s.t.Helper()
	req, _ := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.do(c, req)
}

// upload is a file of a multipart form.
type upload struct {
	name, ctype string
	data        []byte
}

// postStep posts a step form as the browser does: multipart, fields in
// order, then the files.
func (s *caseSite) postStep(c *http.Client, caseID int64, fields [][2]string, files ...upload) reply {
	s.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	if len(files) == 0 { // an empty file input, as browsers send it
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="files"; filename=""`)
		h.Set("Content-Type", "application/octet-stream")
		mw.CreatePart(h)
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="files"; filename="%s"`, f.name))
		h.Set("Content-Type", f.ctype)
		w, _ := mw.CreatePart(h)
		w.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", s.srv.URL+"/workbench/cases/"+strconv.FormatInt(caseID, 10)+"/steps", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return s.do(c, req)
}

// step posts a step form that must be recorded.
func (s *caseSite) step(c *http.Client, caseID int64, fields [][2]string, files ...upload) {
	s.t.Helper()
	r := s.postStep(c, caseID, fields, files...)
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/workbench/cases/"+strconv.FormatInt(caseID, 10)+"?done=") {
		s.t.Fatalf("step %v: %d %s\n%.3000s", fields[0], r.status, r.header.Get("Location"), pageError(r.body))
	}
}

// pageError is the error messages of a page, for failure reports.
func pageError(body string) string {
	var out []string
	for _, m := range alertTextRe.FindAllStringSubmatch(body, -1) {
		out = append(out, strings.TrimSpace(tagRe.ReplaceAllString(m[1], "")))
	}
	if len(out) == 0 {
		return body
	}
	return strings.Join(out, " | ")
}

// wantStatus fails unless r has status and its body holds each of
// contains (at least one: what the user sees) and shows what the status
// promises (checkShown). Redirects are checked with wantRedirect.
func wantStatus(t *testing.T, what string, r reply, status int, contains ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d\n%.3000s", what, r.status, status, pageError(r.body))
	}
	checkShown(t, what, r.status, r.header, r.body, len(contains))
	for _, c := range contains {
		if !strings.Contains(r.body, c) {
			t.Fatalf("%s: body lacks %q (alerts: %.500s)\n%.4000s", what, c, pageError(r.body), r.body)
		}
	}
}

// ledgerHas reports whether the ledger holds an event of type typ for object.
func (s *caseSite) ledgerHas(typ, object string) bool {
	s.t.Helper()
	n, err := s.svc.DB.LogSize()
	if err != nil {
		s.t.Fatal(err)
	}
	for i := int64(0); i < n; i++ {
		_, e, err := s.svc.Event(context.Background(), i)
		if err != nil {
			s.t.Fatal(err)
		}
		if e.Type == typ && e.Object == object {
			return true
		}
	}
	return false
}

func (s *caseSite) caseCount(username string) int {
	s.t.Helper()
	cs, err := s.svc.Cases(context.Background(), s.actors[username], penalty.CaseListFilter{})
	if err != nil {
		s.t.Fatal(err)
	}
	return len(cs)
}

var decisionFields = [][2]string{{"action", "decide"},
	{"f.facts", "当事人张建华(身份证号 610921198503124517,电话 13891534567)于2026年11月在其经营的餐馆销售超过保质期的食品。"},
	{"f.basis", "《中华人民共和国食品安全法》第一百二十四条第一款"}, {"f.penalty_kind", "警告"}, {"f.penalty_kind", "罚款"},
	{"f.penalty", "警告,并处罚款 5000 元"}, {"f.fine", "5000"}, {"f.payment", "自收到本决定书之日起十五日内缴至指定银行"},
	{"f.remedy", "可在六十日内申请行政复议,或者在六个月内提起行政诉讼"}}

// TestCaseWorkbenchFlow drives a case from registration to publication
// through the workbench's plain HTML forms, as each role, with an evidence
// file uploaded, downloaded and its download recorded.
func TestCaseWorkbenchFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		o1, o2, head, reviewer, boss := s.browser("o1"), s.browser("o2"), s.browser("head"), s.browser("reviewer"), s.browser("boss")
		other, supervisor := s.browser("other"), s.browser("supervisor")

		wantStatus(t, "list", s.get(o1, "/workbench/cases"), 200, "登记案源", "没有符合条件的案件")
		wantStatus(t, "nav", s.get(o1, "/workbench"), 200, `href="/workbench/cases"`, `href="/workbench/publications"`)
		wantStatus(t, "new", s.get(o1, "/workbench/cases/new"), 200, s.matter.Name, "61092100102", "监督检查")
		wantStatus(t, "reviewer cannot register", s.get(reviewer, "/workbench/cases/new"), 403, "无权登记案件")

		// Bad input: the form comes back with each field's problem, what was
		// typed kept, and nothing is written.
		logSize, _ := s.svc.DB.LogSize()
		bad := url.Values{"matter_id": {strconv.FormatInt(s.matter.ID, 10)}, "source": {"监督检查"}, "summary": {""},
			"party_kind": {zhifa.PartyOrganization}, "party_name": {"汉阴县好味道餐饮店"}, "party_id_number": {"91610921MA6YX00120"},
			"handler_ids": {strconv.FormatInt(s.off1.ID, 10)}}
		r := s.postForm(o1, "/workbench/cases", bad)
		wantStatus(t, "bad registration", r, 400, "请填写案源简况", "统一社会信用代码“91610921MA6YX00120”无效", "两名以上承办人",
			`aria-invalid="true"`, `value="汉阴县好味道餐饮店"`)
		if n := s.caseCount("o1"); n != 0 {
			t.Fatalf("bad registration stored %d cases", n)
		}
		if n, _ := s.svc.DB.LogSize(); n != logSize {
			t.Fatalf("bad registration wrote %d ledger events", n-logSize)
		}

		good := url.Values{"matter_id": {strconv.FormatInt(s.matter.ID, 10)}, "source": {"监督检查"}, "summary": {"城关镇一家小餐馆销售超过保质期的食品"},
			"party_kind": {zhifa.PartyPerson}, "party_name": {"张建华"}, "party_id_number": {"610921198503124517"}, "party_phone": {"13891534567"},
			"party_address": {"陕西省安康市汉阴县城关镇三元村四组 12 号"}, "handler_ids": {strconv.FormatInt(s.off1.ID, 10), strconv.FormatInt(s.off2.ID, 10)}}
		r = s.postForm(o1, "/workbench/cases", good)
		if r.status != http.StatusSeeOther {
			t.Fatalf("registration: %d %s", r.status, pageError(r.body))
		}
		loc := r.header.Get("Location")
		id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(loc, "/workbench/cases/"), "?done=register"), 10, 64)
		if err != nil {
			t.Fatalf("registration redirects to %q", loc)
		}
		casePage := "/workbench/cases/" + strconv.FormatInt(id, 10)
		wantStatus(t, "case page", s.get(o1, loc), 200, "已记录:案源登记", caseNo(t), "610921198503124517",
			s.matter.Basis, "61092100101", "包含证明", "/api/v1/ledger/proof/")
		wantStatus(t, "list has the case", s.get(o1, "/workbench/cases?stage=registered"), 200, caseNo(t), "张建华")

		// 立案 by the unit head; a second 立案 conflicts with the stage.
		wantStatus(t, "head sees 立案", s.get(head, casePage), 200, `id="form-open"`)
		s.step(head, id, [][2]string{{"action", "open"}, {"f.opinion", "同意立案"}})
		wantStatus(t, "second 立案", s.postStep(head, id, [][2]string{{"action", "open"}, {"f.opinion", "再次立案"}}), 409, "不能进行“立案”")

		// Investigation with a file, then a record missing its content.
		photo := make([]byte, 300<<10)
		rand.Read(photo)
		s.step(o1, id, [][2]string{{"action", "inspection"}, {"officer_ids", strconv.FormatInt(s.off1.ID, 10)}, {"officer_ids", strconv.FormatInt(s.off2.ID, 10)},
			{"f.place", "城关镇新民街餐馆"}, {"f.content", "现场查见超过保质期的食品 12 袋。"}}, upload{"现场照片 1.jpg", "image/jpeg", photo})
		r = s.postStep(o2, id, [][2]string{{"action", "inquiry"}, {"f.subject", "张建华"}, {"f.place", "询问室"}, {"f.content", ""}})
		wantStatus(t, "inquiry without content", r, 400, "笔录内容不能为空", `value="张建华"`, `id="form-inquiry" open`)
		wantStatus(t, "one officer only", s.postStep(o2, id, [][2]string{{"action", "inquiry"}, {"officer_ids", strconv.FormatInt(s.off2.ID, 10)},
			{"f.subject", "张建华"}, {"f.place", "询问室"}, {"f.content", "当事人承认销售过期食品。"}}), 422, "两名以上")
		s.step(o2, id, [][2]string{{"action", "inquiry"}, {"f.subject", "张建华"}, {"f.place", "县市场监督管理局询问室"}, {"f.content", "当事人承认销售过期食品。"}})
		s.step(o1, id, [][2]string{{"action", "conclude"}, {"f.facts", "销售超过保质期的食品"}, {"f.proposal", "警告,并处罚款 5000 元"}})
		s.step(o1, id, [][2]string{{"action", "notify"}, {"f.content", "拟处罚告知"}, {"f.proposed_penalty", "警告,并处罚款 5000 元"}, {"f.penalty_kind", "警告"}, {"f.penalty_kind", "罚款"}, {"f.fine", "5000"}, {"f.hearing_right", "是"}})
		s.step(o1, id, [][2]string{{"action", "statement"}, {"f.waived", "是"}, {"f.hearing_waived", "是"}})
		s.step(head, id, [][2]string{{"action", "submit_review"}, {"f.materials", "调查终结报告、询问笔录、现场检查笔录"}})

		// Legal review: a handler may not review, whatever his roles; the
		// reviewer's queue holds the case.
		checklist := review.Checklist()
		review := [][2]string{{"action", "review"}, {"outcome", "同意"}, {"opinion", "事实清楚,证据确凿,程序合法,同意拟处罚意见。"}}
		for _, d := range checklist {
			review = append(review, [2]string{"check." + d.Code, "pass"})
		}
		wantStatus(t, "review by a handler", s.postStep(o2, id, review), 422, "审核人员不得审核本人承办或参与办理的案件")
		wantStatus(t, "review by an officer", s.postStep(o1, id, review), 403, "无权法制审核")
		wantStatus(t, "o2's queue", s.get(o2, "/workbench/reviews"), 200, "目前没有等待您审核的案件")
		wantStatus(t, "queue", s.get(reviewer, "/workbench/reviews"), 200, caseNo(t))
		wantStatus(t, "review form", s.get(reviewer, casePage), 200, "主体是否合法", `name="check.subject"`, `name="outcome"`)
		wantStatus(t, "review missing an item", s.postStep(reviewer, id, review[:len(review)-1]), 400, "审核事项“其他”未填写", `value="pass" checked`)
		// A review with a problem returns the case; the notice follows the
		// redirect; the unit corrects and resubmits.
		ret := [][2]string{{"action", "review"}, {"outcome", "补充"}, {"opinion", "缺少送达回证,请补充。"}}
		for _, d := range checklist {
			if d.Code == "documents" {
				ret = append(ret, [2]string{"check." + d.Code, "fail"}, [2]string{"remark." + d.Code, "缺少送达回证"})
			} else {
				ret = append(ret, [2]string{"check." + d.Code, "pass"})
			}
		}
		r = s.postStep(reviewer, id, ret)
		if r.status != http.StatusSeeOther {
			t.Fatalf("returning review: %d %s", r.status, pageError(r.body))
		}
		wantStatus(t, "notice after return", s.get(reviewer, r.header.Get("Location")), 200, "已记录:法制审核。审核意见为“补充”", "存在问题", "缺少送达回证")
		wantStatus(t, "notice shown once", s.get(reviewer, casePage), 200, "案件 "+caseNo(t), "缺少送达回证")
		if strings.Contains(s.get(reviewer, casePage).body, "审核意见为“补充”,案件退回") {
			t.Error("the notice is shown again")
		}
		s.step(head, id, [][2]string{{"action", "resubmit"}, {"f.corrections", "已补充送达回证"}})
		s.step(reviewer, id, review)

		s.step(boss, id, decisionFields)
		s.step(o1, id, [][2]string{{"action", "serve"}, {"f.method", "直接送达"}, {"f.recipient", "张建华"}})
		s.step(o2, id, [][2]string{{"action", "execute"}, {"f.result", "当事人已缴纳罚款 5000 元"}})
		s.step(head, id, [][2]string{{"action", "close"}, {"f.summary", "案件办结"}})
		s.step(o1, id, [][2]string{{"action", "archive"}, {"f.archive_number", "汉阴市监档〔2026〕15号"}})

		r = s.get(o1, casePage)
		wantStatus(t, "archived case", r, 200, "已归档", "警告、罚款", "公示", "610921************", "138****4567", "案件已终结")
		d, err := s.svc.Case(context.Background(), s.actors["o1"], id)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Steps) != 16 || d.Publication == nil {
			t.Fatalf("%d steps, publication %v", len(d.Steps), d.Publication)
		}
		var ev zhifa.Evidence
		for _, st := range d.Steps {
			if st.Action == "inspection" && len(st.Files) == 1 {
				ev = st.Files[0]
			}
		}
		sum := sha256.Sum256(photo)
		if ev.Digest != "sha256:"+hex.EncodeToString(sum[:]) || ev.Size != int64(len(photo)) || ev.ContentType != "image/jpeg" {
			t.Fatalf("evidence %+v", ev)
		}
		if !strings.Contains(r.body, ev.Digest) {
			t.Fatalf("case page does not show the file's digest")
		}

		// The download is the file, named, and recorded in the ledger.
		evPath := casePage + "/evidence/" + strconv.FormatInt(ev.ID, 10)
		if s.ledgerHas("evidence.downloaded", "case/"+strconv.FormatInt(id, 10)) {
			t.Fatal("download recorded before any download")
		}
		r = s.get(o1, evPath)
		if r.status != 200 || r.body != string(photo) {
			t.Fatalf("download: %d, %d bytes", r.status, len(r.body))
		}
		for h, want := range map[string]string{"Content-Type": "image/jpeg", "X-Content-Type-Options": "nosniff",
			"Content-Length": strconv.Itoa(len(photo)), "Content-Disposition": `filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%201.jpg`} {
			if got := r.header.Get(h); !strings.Contains(got, want) {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		if !s.ledgerHas("evidence.downloaded", "case/"+strconv.FormatInt(id, 10)) {
			t.Fatal("download not recorded in the ledger")
		}

		// Another agency's officer sees neither the case nor its files.
		wantStatus(t, "other agency case page", s.get(other, casePage), 403, "无权查阅案件")
		wantStatus(t, "other agency download", s.get(other, evPath), 403, "无权查阅案件")
		wantStatus(t, "other agency step", s.postStep(other, id, [][2]string{{"action", "archive"}, {"f.archive_number", "x"}}), 403, "无权记录执法环节")
		wantStatus(t, "other agency list", s.get(other, "/workbench/cases"), 200, "没有符合条件的案件")
		wantStatus(t, "missing case", s.get(o1, "/workbench/cases/999999"), 404, "案件 999999 不存在")
		wantStatus(t, "public is sent to log in", s.get(http.DefaultClient, casePage), 200, "工作台登录")

		// Publication: the officer publishes from the case page.
		r = s.postForm(o1, "/workbench/publications/"+strconv.FormatInt(d.Publication.ID, 10)+"/publish", url.Values{"next": {"case"}})
		if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), casePage+"?published=") {
			t.Fatalf("publish: %d %s %s", r.status, r.header.Get("Location"), pageError(r.body))
		}
		wantStatus(t, "publish twice", s.postForm(o1, "/workbench/publications/"+strconv.FormatInt(d.Publication.ID, 10)+"/publish", nil), 409, "不能再次公示")
		wantStatus(t, "publications", s.get(boss, "/workbench/publications"), 200, decisionNo(t), "已公示")

		// Every role's pages render.
		for _, tt := range []struct {
			who  string
			c    *http.Client
			path string
			want []string
		}{
			{"o1", o1, "/workbench/cases", []string{"<h1>案件办理</h1>", caseNo(t)}},
			{"o2", o2, casePage, []string{"<h1>案件 " + caseNo(t), "法制审核事项"}},
			{"head", head, casePage, []string{"<h1>案件 " + caseNo(t), "承办人", "王志强"}},
			{"reviewer", reviewer, "/workbench/reviews", []string{"<h1>法制审核</h1>"}},
			{"reviewer", reviewer, casePage, []string{"<h1>案件 " + caseNo(t), "审核结论"}},
			{"boss", boss, casePage, []string{"<h1>案件 " + caseNo(t), "作出决定", decisionNo(t)}},
			{"boss", boss, "/workbench/cases?stage=archived", []string{caseNo(t)}},
			{"supervisor", supervisor, "/workbench/cases", []string{"汉阴县市场监督管理局", caseNo(t)}},
			{"supervisor", supervisor, casePage, []string{"<h1>案件 " + caseNo(t), "办案记录"}},
			{"head", head, "/workbench/publications?status=已公示", []string{decisionNo(t)}},
		} {
			wantStatus(t, tt.who+" "+tt.path, s.get(tt.c, tt.path), 200, tt.want...)
		}
		wantStatus(t, "bad stage filter", s.get(o1, "/workbench/cases?stage=nonsense"), 400, "无法识别")
	})
}

// api calls the JSON API with a bearer token.
func (s *caseSite) api(token, method, path string, body any) reply {
	s.t.Helper()
	var rd io.Reader
	if b, ok := body.([]byte); ok {
		rd = bytes.NewReader(b)
	} else if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.srv.URL+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return s.do(http.DefaultClient, req)
}

func decode[T any](t *testing.T, r reply) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, r.body)
	}
	return v
}

type apiErrorBody struct {
	Code     string            `json:"code"`
	Message  string            `json:"message"`
	Problems map[string]string `json:"problems"`
}

// TestCaseAPIFlow runs the same procedure through the JSON API, with an
// organisation as the party and a file uploaded as a raw body.
func TestCaseAPIFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		tok := map[string]string{}
		for u := range s.actors {
			tok[u] = coreLogin(t, s.srv.URL, u)
		}
		ids := func(os ...*registry.Officer) []int64 {
			var out []int64
			for _, o := range os {
				out = append(out, o.ID)
			}
			return out
		}

		// Bad input: 400, a Chinese message per field, nothing written.
		logSize, _ := s.svc.DB.LogSize()
		r := s.api(tok["o1"], "POST", "/api/v1/cases", map[string]any{"matter_id": s.matter.ID, "source": "路过", "summary": " ",
			"party": map[string]any{"kind": "法人或其他组织", "name": "汉阴县好味道餐饮店", "id_number": "123"}, "handler_ids": ids(s.off2)})
		if r.status != 400 {
			t.Fatalf("bad registration: %d %s", r.status, r.body)
		}
		e := decode[apiErrorBody](t, r)
		for field, want := range map[string]string{"source": "案件来源须为", "summary": "请填写案源简况", "party_id_number": "统一社会信用代码“123”无效",
			"handler_ids": "两名以上承办人"} {
			if !strings.Contains(e.Problems[field], want) {
				t.Errorf("problem %s = %q, want %q", field, e.Problems[field], want)
			}
		}
		if e.Code != zhifa.EINVALID || !strings.Contains(e.Message, "输入有误") {
			t.Errorf("error %+v", e)
		}
		if n, _ := s.svc.DB.LogSize(); n != logSize || s.caseCount("o1") != 0 {
			t.Fatalf("bad registration wrote something")
		}
		wantStatus(t, "unknown field", s.api(tok["o1"], "POST", "/api/v1/cases", map[string]any{"matter": 1}), 400, "JSON")
		wantStatus(t, "needs login", s.api("", "GET", "/api/v1/cases", nil), 401, "请先登录")

		credit := "91610921MA6YX0012"
		credit += string(idcode.CreditCheckChar(credit))
		r = s.api(tok["o1"], "POST", "/api/v1/cases", map[string]any{"matter_id": s.matter.ID, "source": "投诉举报", "summary": "群众投诉餐饮店销售过期食品",
			"party": map[string]any{"kind": "法人或其他组织", "name": "汉阴县好味道餐饮店", "id_number": credit, "legal_rep": "张建华", "phone": "0915-5212345",
				"address": "汉阴县城关镇新民街 8 号"}, "handler_ids": ids(s.off1, s.off2)})
		wantStatus(t, "registration", r, 201, `"stage": "registered"`, `"stage_name": "案源登记"`)
		c := decode[struct {
			ID     int64  `json:"id"`
			Number string `json:"number"`
		}](t, r)
		base := "/api/v1/cases/" + strconv.FormatInt(c.ID, 10)

		step := func(who string, body map[string]any, status int, contains ...string) reply {
			t.Helper()
			r := s.api(tok[who], "POST", base+"/steps", body)
			wantStatus(t, fmt.Sprintf("%s %v", who, body["action"]), r, status, contains...)
			if status == http.StatusCreated { // the step recorded is this one, and left the case where it says
				res := decode[struct {
					Step struct{ Action, Stage string }
					Case struct{ Stage string }
				}](t, r)
				if res.Step.Action != body["action"] || res.Step.Stage == "" || res.Step.Stage != res.Case.Stage {
					t.Errorf("%s %v: step %+v, case stage %q", who, body["action"], res.Step, res.Case.Stage)
				}
			}
			return r
		}
		step("head", map[string]any{"action": "open", "fields": map[string]string{"opinion": "同意立案"}}, 201, `"stage": "opened"`)

		// A file: uploaded raw, attached by digest, downloaded back.
		record := []byte("%PDF-1.4 询问笔录扫描件 " + strings.Repeat("x", 5000))
		r = s.api(tok["o1"], "POST", base+"/files?name="+url.QueryEscape("询问笔录.pdf"), nil)
		wantStatus(t, "upload without a body", r, 201, // an empty file is a file
			`"digest": "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"`)
		req, _ := http.NewRequest("POST", s.srv.URL+base+"/files?name="+url.QueryEscape("询问笔录.pdf"), bytes.NewReader(record))
		req.Header.Set("Authorization", "Bearer "+tok["o1"])
		req.Header.Set("Content-Type", "application/pdf")
		r = s.do(http.DefaultClient, req)
		wantStatus(t, "upload", r, 201, "sha256:")
		file := decode[map[string]string](t, r)
		sum := sha256.Sum256(record)
		if file["digest"] != "sha256:"+hex.EncodeToString(sum[:]) || file["name"] != "询问笔录.pdf" || file["content_type"] != "application/pdf" {
			t.Fatalf("upload = %v", file)
		}
		wantStatus(t, "upload without a name", s.api(tok["o1"], "POST", base+"/files", []byte("x")), 400, "文件名")
		wantStatus(t, "other agency upload", s.api(tok["other"], "POST", base+"/files?name=a.txt", []byte("x")), 403, "无权查阅案件")
		step("o2", map[string]any{"action": "inquiry", "officer_ids": ids(s.off1, s.off2), "files": []map[string]string{file},
			"fields": map[string]string{"subject": "张建华", "place": "询问室", "content": "当事人承认销售过期食品。"}}, 201, file["digest"])
		step("o1", map[string]any{"action": "evidence", "files": []map[string]string{{"name": "伪造.pdf", "digest": "sha256:" + strings.Repeat("0", 64)}},
			"fields": map[string]string{"title": "进货单", "description": "进货单据"}}, 400, "尚未上传或摘要有误")
		step("o1", map[string]any{"action": "conclude", "fields": map[string]string{"facts": "销售超过保质期的食品", "proposal": "警告,并处罚款 5000 元"}}, 201, `"stage": "investigated"`)
		step("o1", map[string]any{"action": "notify", "fields": map[string]string{"content": "拟处罚告知", "proposed_penalty": "警告,并处罚款 5000 元", "penalty_kind": "警告、罚款", "fine": "5000", "hearing_right": "否"}}, 201, `"stage": "notified"`)
		step("head", map[string]any{"action": "submit_review"}, 422, "陈述申辩期限至")
		step("o1", map[string]any{"action": "statement", "fields": map[string]string{"waived": "true", "hearing_waived": "true"}}, 201, `"stage": "notified"`, `"action": "statement"`)
		step("head", map[string]any{"action": "submit_review"}, 201, `"stage": "in_review"`)

		q := decode[struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}](t, s.api(tok["reviewer"], "GET", "/api/v1/reviews", nil))
		if len(q.Items) != 1 || q.Items[0].ID != c.ID {
			t.Fatalf("review queue %+v", q)
		}
		var checklist []map[string]any
		for _, d := range review.Checklist() {
			checklist = append(checklist, map[string]any{"code": d.Code, "passed": d.Code != "documents", "remark": map[bool]string{true: "", false: "缺少送达回证"}[d.Code != "documents"]})
		}
		review := map[string]any{"action": "review", "review": map[string]any{"checklist": checklist, "outcome": "同意", "opinion": "同意"}}
		step("o2", review, 422, "审核人员不得审核本人承办或参与办理的案件")
		step("o1", review, 403, "无权法制审核")
		step("reviewer", review, 422, "不能为“同意”")
		review["review"].(map[string]any)["outcome"] = "补充"
		r = step("reviewer", review, 201, `"stage": "returned"`, "补正后重新提交")
		step("boss", map[string]any{"action": "decide", "fields": map[string]string{}}, 409, "不能进行“作出决定”")
		step("head", map[string]any{"action": "resubmit", "fields": map[string]string{"corrections": "补充送达回证"}}, 201, `"stage": "in_review"`)
		for _, it := range checklist {
			it["passed"], it["remark"] = true, ""
		}
		review["review"].(map[string]any)["outcome"] = "同意"
		step("reviewer", review, 201, `"stage": "reviewed"`, `"passed": true`)
		fields := map[string]string{}
		for _, f := range decisionFields[1:] {
			if f[0] == "f.penalty_kind" && fields["penalty_kind"] != "" {
				fields["penalty_kind"] += "、" + f[1]
				continue
			}
			fields[strings.TrimPrefix(f[0], "f.")] = f[1]
		}
		step("boss", map[string]any{"action": "decide", "fields": fields}, 201, `"stage": "decided"`)
		step("o1", map[string]any{"action": "serve", "fields": map[string]string{"method": "直接送达", "recipient": "张建华"}}, 201, `"stage": "served"`)
		step("o2", map[string]any{"action": "execute", "fields": map[string]string{"result": "已缴纳罚款"}}, 201, `"stage": "executed"`)
		step("head", map[string]any{"action": "close", "fields": map[string]string{"summary": "办结"}}, 201, `"stage": "closed"`)
		step("o1", map[string]any{"action": "archive", "fields": map[string]string{"archive_number": "汉阴市监档〔2026〕16号"}}, 201, `"stage": "archived"`)

		r = s.api(tok["o1"], "GET", base, nil)
		wantStatus(t, "detail", r, 200, `"stage": "archived"`, c.Number)
		detail := decode[struct {
			Case  struct{ Stage string } `json:"case"`
			Steps []struct {
				Action      string `json:"action"`
				LedgerIndex int64  `json:"ledger_index"`
				Files       []struct {
					ID     int64  `json:"id"`
					Digest string `json:"digest"`
					URL    string `json:"download_url"`
				} `json:"files"`
			} `json:"steps"`
			Deadlines []struct {
				RuleID string `json:"rule_id"`
				Status string `json:"status"`
			} `json:"deadlines"`
			Next        []any `json:"next"`
			Publication *struct {
				ID        int64  `json:"id"`
				Status    string `json:"status"`
				PartyName string `json:"party_name"`
				PartyIDNo string `json:"party_id_no"`
			} `json:"publication"`
		}](t, r)
		if detail.Case.Stage != "archived" || len(detail.Steps) != 15 || len(detail.Next) != 0 || detail.Publication == nil ||
			detail.Publication.Status != publicity.StatusPending || detail.Publication.PartyIDNo != credit {
			t.Fatalf("detail %+v", detail)
		}
		var fileURL string
		for _, st := range detail.Steps {
			if st.Action == "inquiry" && len(st.Files) == 1 {
				fileURL = st.Files[0].URL
			}
		}
		r = s.api(tok["head"], "GET", fileURL, nil)
		if r.status != 200 || r.body != string(record) || !strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download %s: %d %q", fileURL, r.status, r.header.Get("Content-Disposition"))
		}
		wantStatus(t, "other agency detail", s.api(tok["other"], "GET", base, nil), 403, "无权")

		// The file's digest is public in the ledger; it must not let another
		// agency attach the file to its own case and download it from there.
		r = s.api(tok["other"], "POST", "/api/v1/cases", map[string]any{"matter_id": s.otherMatter.ID, "source": "监督检查", "summary": "占道经营",
			"party": map[string]any{"kind": "自然人", "name": "李四"}, "handler_ids": ids(s.offOther, s.offOther2)})
		wantStatus(t, "other agency registration", r, 201, `"stage_name": "案源登记"`, "占道经营", "汉阴县城市管理局")
		theirs := "/api/v1/cases/" + strconv.FormatInt(decode[struct {
			ID int64 `json:"id"`
		}](t, r).ID, 10)
		wantStatus(t, "other agency open", s.api(tok["otherhead"], "POST", theirs+"/steps", map[string]any{"action": "open", "fields": map[string]string{"opinion": "同意立案"}}), 201, `"stage": "opened"`)
		wantStatus(t, "attach another agency's file", s.api(tok["other"], "POST", theirs+"/steps", map[string]any{"action": "evidence",
			"files":  []map[string]string{file},
			"fields": map[string]string{"title": "照片", "description": "照片"}}), 400, "是其他执法主体案件的证据")
		wantStatus(t, "other agency download", s.api(tok["other"], "GET", fileURL, nil), 403, "无权查阅案件")
		if r := s.api(tok["other"], "GET", "/api/v1/cases", nil); r.status != 200 || strings.Contains(r.body, c.Number) {
			t.Fatalf("other agency list: %d, lists %s", r.status, c.Number)
		}
		wantStatus(t, "list", s.api(tok["o1"], "GET", "/api/v1/cases?stage=archived", nil), 200, c.Number)
		wantStatus(t, "supervisor list", s.api(tok["supervisor"], "GET", "/api/v1/cases", nil), 200, c.Number)
		wantStatus(t, "missing", s.api(tok["o1"], "GET", "/api/v1/cases/999999", nil), 404, "案件 999999 不存在")

		pubs := "/api/v1/agency/publications"
		wantStatus(t, "pending publications", s.api(tok["boss"], "GET", pubs+"?status="+url.QueryEscape("待公示"), nil), 200, "汉阴县好味道餐饮店")
		pub := "/api/v1/publications/" + strconv.FormatInt(detail.Publication.ID, 10) + "/publish"
		wantStatus(t, "reviewer cannot publish", s.api(tok["reviewer"], "POST", pub, nil), 403, "无权编辑公示")
		wantStatus(t, "publish", s.api(tok["boss"], "POST", pub, nil), 200, `"status": "已公示"`)
		wantStatus(t, "publish twice", s.api(tok["boss"], "POST", pub, nil), 409, "不能再次公示")
	})
}
