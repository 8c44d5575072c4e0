package web_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/publicity"

	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// Correction (更正) and withdrawal (撤回) of publications from the workbench
// and the JSON API, on the pubSite fixture (today 2026-12-10): the person's
// decision is published and corrected, the organisation's published
// (decided today), the third person's withdrawn.

// login returns a cookie-holding client of username that does not follow
// redirects.
func (s *pubSite) login(username string) *http.Client {
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

func (s *pubSite) send(c *http.Client, req *http.Request) reply {
	s.t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, string(b)}
}

func (s *pubSite) page(c *http.Client, path string) reply {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	return s.send(c, req)
}

func (s *pubSite) post(c *http.Client, path string, v url.Values) reply {
	s.t.Helper()
	req, _ := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.send(c, req)
}

func (s *pubSite) apiPost(token, path string, body any) reply {
	s.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", s.srv.URL+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return s.send(http.DefaultClient, req)
}

func TestPublicationChangeWorkbench(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newPubSite(t, db)
		o1, boss, reviewer := s.login("o1"), s.login("boss"), s.login("reviewer")
		pid, oid := strconv.FormatInt(s.person.ID, 10), strconv.FormatInt(s.org.ID, 10)
		casePage := "/workbench/cases/" + strconv.FormatInt(s.person.CaseID, 10)
		orgCase := "/workbench/cases/" + strconv.FormatInt(s.org.CaseID, 10)
		correct, withdraw := "/workbench/publications/"+pid+"/correct", "/workbench/publications/"+oid+"/withdraw"

		// Who sees which form.
		wantStatus(t, "officer's list", s.page(o1, "/workbench/publications"), 200, `action="/workbench/publications/`+pid+`/correct"`, "更正公示信息",
			"已撤回(2026-12-10 10:00,", "逾期 4 个工作日", "已更正 1 次")
		if r := s.page(o1, "/workbench/publications"); strings.Contains(r.body, "/withdraw") {
			t.Errorf("an officer is offered the withdrawal form")
		}
		wantStatus(t, "head's list", s.page(boss, "/workbench/publications"), 200, `action="/workbench/publications/`+oid+`/withdraw"`, "撤回公示信息")
		if r := s.page(boss, "/workbench/publications"); strings.Contains(r.body, `action="/workbench/publications/`+strconv.FormatInt(s.withdrawn.ID, 10)+`/correct"`) {
			t.Errorf("a withdrawn publication is offered the correction form")
		}
		if r := s.page(reviewer, casePage); r.status != 200 || strings.Contains(r.body, "/correct") || strings.Contains(r.body, "/withdraw") {
			t.Errorf("a reviewer is offered a form (%d)", r.status)
		}
		wantStatus(t, "case page corrections", s.page(o1, casePage), 200, "更正记录", pubCorrectReason, "食品 12 袋")
		wantStatus(t, "corrected before publication, in the workbench", s.page(o1, orgCase), 200, "更正记录", "缴款银行写错", "公示前,门户不列出")

		// A rejected correction comes back with what was typed and the
		// problems next to the fields; nothing is written.
		logSize, _ := s.svc.DB.LogSize()
		r := s.post(o1, correct, url.Values{"next": {"case"}, "field": {"penalty"}, "value": {"警告,并处罚款 6000 元"}, "reason": {""}})
		wantStatus(t, "correction without reason", r, 400, "“更正”未完成", "请填写更正理由", `id="c-`+pid+`-reason" name="reason" required aria-invalid="true"`,
			">警告,并处罚款 6000 元</textarea>", `<option value="penalty" selected>`, `id="correct-`+pid+`" open`, "案件 ")
		wantStatus(t, "unknown field, from the list", s.post(o1, correct, url.Values{"field": {"party_id_no"}, "value": {"x"}, "reason": {"y"}}), 400,
			"“party_id_no”不可更正", "本机关的公示信息")
		wantStatus(t, "unchanged", s.post(o1, correct, url.Values{"next": {"case"}, "field": {"basis"}, "value": {"《中华人民共和国食品安全法》第一百二十四条第一款"},
			"reason": {"核对"}}), 400, "与现在公示的处罚依据相同")
		if n, _ := s.svc.DB.LogSize(); n != logSize {
			t.Fatalf("rejected corrections wrote %d ledger events", n-logSize)
		}
		wantStatus(t, "reviewer may not correct", s.post(reviewer, correct, url.Values{"field": {"penalty"}, "value": {"x"}, "reason": {"y"}}), 403, "无权编辑公示")

		// A correction: 303 to the case page, the notice shown once, the
		// portal lists it, masked.
		r = s.post(o1, correct, url.Values{"next": {"case"}, "field": {"remedy"}, "reason": {"救济期限表述不完整(咨询电话 13891534567)"},
			"value": {"如不服本决定,可以在收到本决定书之日起六十日内申请行政复议,或者在六个月内依法提起行政诉讼。"}})
		wantRedirect(t, "correct", r, casePage+"#publication")
		wantStatus(t, "after correcting", s.page(o1, casePage), 200, "已更正:救济途径和期限已按更正后的内容", "救济期限表述不完整")
		if r := s.page(o1, casePage); strings.Contains(r.body, "已更正:") {
			t.Errorf("the notice shows twice")
		}
		portal := s.get("/publications/" + pid)
		wantStatus(t, "portal", reply{portal.status, portal.header, portal.body}, 200, "救济途径和期限", "收到本决定书之日起六十日内申请行政复议", "138****4567")
		checkNoSecrets(t, "portal after correction", portal.body)

		// Withdrawal: the agency head only; bad input comes back.
		wantStatus(t, "officer may not withdraw", s.post(o1, withdraw, url.Values{"cause": {publicity.WithdrawRevoked}, "changed_on": {"2026-12-10"}, "reason": {"撤销"}}), 403, "无权撤回公示")
		r = s.post(boss, withdraw, url.Values{"next": {"case"}, "cause": {publicity.WithdrawRevoked}, "changed_on": {"2026-12-11"}, "reason": {"经复议被撤销"}})
		wantStatus(t, "future date", r, 400, "不能晚于今天", `value="2026-12-11"`, ">经复议被撤销</textarea>", `<option value="决定被撤销" selected>`,
			`id="withdraw-`+oid+`" open`)
		wantStatus(t, "bad date, no reason", s.post(boss, withdraw, url.Values{"cause": {publicity.WithdrawRevoked}, "changed_on": {"2026-13-01"}}), 400,
			"“2026-13-01”不是有效的日期", "请填写撤回理由")
		wantStatus(t, "before the decision", s.post(boss, withdraw, url.Values{"cause": {publicity.WithdrawIllegal}, "changed_on": {"2026-12-09"}, "reason": {"x"}}), 400,
			"不能早于决定日期 2026-12-10")
		r = s.post(boss, withdraw, url.Values{"cause": {publicity.WithdrawIllegal}, "changed_on": {"2026-12-10"}, "reason": {"经汉阴县人民法院判决,本决定被确认违法。"}})
		wantRedirect(t, "withdraw", r, "/workbench/publications#publication-"+oid)
		wantStatus(t, "after withdrawing", s.page(boss, "/workbench/publications"), 200, "已撤回:公示门户已撤下决定书汉阴市监罚〔2026〕3号", "在法定期限内撤回(期限至 2026-12-15)")
		wantStatus(t, "case page after withdrawing", s.page(boss, orgCase), 200, "撤回已公示处罚决定期限", "已完成(2026-12-10)", "按期撤回", "决定被确认违法")
		wantStatus(t, "withdraw twice", s.post(boss, withdraw, url.Values{"next": {"case"}, "cause": {publicity.WithdrawIllegal}, "changed_on": {"2026-12-10"}, "reason": {"x"}}),
			409, "只有已公示的决定信息才能撤回")
		wantStatus(t, "correct withdrawn", s.post(o1, "/workbench/publications/"+oid+"/correct", url.Values{"field": {"penalty"}, "value": {"x"}, "reason": {"y"}}),
			409, "已撤回,不能再更正")
		portal = s.get("/publications/" + oid)
		if portal.status != 200 || !strings.Contains(portal.body, "本公示信息已撤回") || strings.Contains(portal.body, "52,000") ||
			strings.Contains(portal.body, "食用油") || strings.Contains(portal.body, pubOrg.Name) {
			t.Errorf("portal after withdrawal: %d\n%.2000s", portal.status, portal.body)
		}
		if r := s.get("/publications"); strings.Contains(r.body, "汉阴市监罚〔2026〕3号") {
			t.Errorf("withdrawn decision still listed")
		}
		wantStatus(t, "bad id", s.post(boss, "/workbench/publications/x/withdraw", nil), 400, "“x”不是有效的编号")
		wantStatus(t, "missing", s.post(boss, "/workbench/publications/99999/withdraw", url.Values{"cause": {publicity.WithdrawIllegal}}), 404, "公示信息不存在")
	})
}

func TestPublicationChangeAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newPubSite(t, db)
		tok := map[string]string{}
		for _, u := range []string{"o1", "boss", "reviewer"} {
			tok[u] = coreLogin(t, s.srv.URL, u)
		}
		oid := strconv.FormatInt(s.org.ID, 10)
		corrections, withdraw := "/api/v1/publications/"+oid+"/corrections", "/api/v1/publications/"+oid+"/withdraw"

		wantStatus(t, "anonymous", s.apiPost("", corrections, map[string]string{"field": "facts", "value": "x", "reason": "y"}), 401, "请先登录")
		wantStatus(t, "reviewer", s.apiPost(tok["reviewer"], corrections, map[string]string{"field": "facts", "value": "x", "reason": "y"}), 403, "无权编辑公示")
		wantStatus(t, "unknown JSON field", s.apiPost(tok["o1"], corrections, map[string]string{"column": "facts"}), 400, "请求体不是有效的 JSON")
		r := s.apiPost(tok["o1"], corrections, map[string]string{"field": "phone", "value": "", "reason": ""})
		wantStatus(t, "problems", r, 400, `"code": "invalid"`)
		if e := decode[apiErrorBody](t, r); e.Problems["field"] == "" || e.Problems["value"] == "" || e.Problems["reason"] == "" {
			t.Errorf("problems %v", e.Problems)
		}
		r = s.apiPost(tok["o1"], corrections, map[string]string{"field": "facts",
			"value":  "当事人汉阴县好再来餐饮有限公司(统一社会信用代码 " + pubOrg.IDNumber + ")使用未经检验的食用油加工食品,涉及食用油 30 升。",
			"reason": "补记涉案数量"})
		wantStatus(t, "correct", r, 201, `"field_name": "违法事实"`, `"while_published": true`, pubOrg.IDNumber, "30 升")
		got := decode[struct {
			Corrections []map[string]any `json:"corrections"`
		}](t, r)
		if len(got.Corrections) != 2 || got.Corrections[0]["while_published"] != false {
			t.Errorf("corrections %v", got.Corrections)
		}

		wantStatus(t, "officer may not withdraw", s.apiPost(tok["o1"], withdraw, map[string]string{"cause": publicity.WithdrawRevoked, "changed_on": "2026-12-10", "reason": "x"}), 403, "无权撤回公示")
		r = s.apiPost(tok["boss"], withdraw, map[string]string{"cause": "撤销", "changed_on": "12/10/2026", "reason": ""})
		wantStatus(t, "withdraw problems", r, 400, `"code": "invalid"`)
		if e := decode[apiErrorBody](t, r); !strings.Contains(e.Problems["changed_on"], "不是有效的日期") || e.Problems["cause"] == "" || e.Problems["reason"] == "" {
			t.Errorf("problems %v", e.Problems)
		}
		wantStatus(t, "withdraw", s.apiPost(tok["boss"], withdraw, map[string]string{"cause": publicity.WithdrawChanged, "changed_on": "2026-12-10",
			"reason": "经行政复议,罚款变更为 30000 元。"}), 200, `"status": "已撤回"`, `"withdrawal": {`, `"due_on": "2026-12-15"`, `"late_workdays": 0`)
		wantStatus(t, "withdraw twice", s.apiPost(tok["boss"], withdraw, map[string]string{"cause": publicity.WithdrawChanged, "changed_on": "2026-12-10", "reason": "x"}), 409, "只有已公示的决定信息才能撤回")
		wantStatus(t, "pending", s.apiPost(tok["boss"], "/api/v1/publications/"+strconv.FormatInt(s.pending.ID, 10)+"/withdraw",
			map[string]string{"cause": publicity.WithdrawChanged, "changed_on": "2026-12-10", "reason": "x"}), 409, "公示信息当前为“待公示”,只有已公示的决定信息才能撤回")

		r2 := s.get("/api/v1/publications/" + oid)
		pub := reply{r2.status, r2.header, r2.body}
		wantStatus(t, "public JSON", pub, 200, `"status": "已撤回"`, `"cause": "决定被变更"`, "罚款变更为 30000 元")
		for _, gone := range []string{`"facts"`, `"party_name"`, pubOrg.Name, "食用油"} {
			if strings.Contains(pub.body, gone) {
				t.Errorf("public JSON of a withdrawn decision has %s", gone)
			}
		}
		wantStatus(t, "agency JSON keeps the record", s.apiGet(tok["boss"], "/api/v1/agency/publications?status="+url.QueryEscape("已撤回")), 200,
			pubOrg.Name, "食用油", `"withdrawal"`)
	})
}

func (s *pubSite) apiGet(token, path string) reply {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return s.send(http.DefaultClient, req)
}

// TestBrowserPublicationChangeAccessibility checks the pages with the new
// forms and notices in a real browser: every control labelled, one h1.
func TestBrowserPublicationChangeAccessibility(t *testing.T) {
	s := newPubSite(t, storetest.MustOpenSQLite(t))
	withdrawn, person := strconv.FormatInt(s.withdrawn.ID, 10), strconv.FormatInt(s.person.ID, 10)
	for _, tt := range []struct {
		user  string
		paths []string
	}{
		{"", []string{"/publications/" + withdrawn, "/publications/" + person, "/publications?status=withdrawn"}},
		{"boss", []string{"/workbench/publications", "/workbench/cases/" + strconv.FormatInt(s.person.CaseID, 10),
			"/workbench/cases/" + strconv.FormatInt(s.withdrawn.CaseID, 10)}},
	} {
		t.Run(cmp.Or(tt.user, "public"), func(t *testing.T) {
			b := newBrowser(t, s.srv.URL)
			if tt.user != "" {
				b.login(tt.user)
			}
			for _, p := range tt.paths {
				if got := b.open(p); got != 200 {
					t.Errorf("%s: status %d", p, got)
				}
				if ps := accessibilityProblems(b); len(ps) > 0 {
					t.Errorf("%s:\n  %s", p, strings.Join(ps, "\n  "))
				}
			}
		})
	}
}
