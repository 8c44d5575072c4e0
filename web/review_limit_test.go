package web_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestReviewLimitPages: the reviewer's queue shows the review deadline; the
// agency head extends it with a reason on /workbench/review-limits (a bad
// form is shown back, 400, nothing written); the queue then shows the
// extension; the reviewer may not extend; past the deadline the queue and
// the page say the review is overdue.
func TestReviewLimitPages(t *testing.T) {
	s := newCaseSite(t, storetest.MustOpenSQLite(t))
	ctx := context.Background()
	c := caseInReview(t, s)
	ds, err := s.svc.Reviews.ReviewDeadlines(ctx, s.actors["reviewer"], true)
	if err != nil || len(ds) != 1 {
		t.Fatalf("deadlines %v %v", ds, err)
	}
	due := ds[0].Due.String()
	reviewer, boss, supervisor := s.browser("reviewer"), s.browser("boss"), s.browser("supervisor")
	id := strconv.FormatInt(c.ID, 10)
	wantStatus(t, "queue shows the deadline", s.get(reviewer, "/workbench/reviews"), 200, c.Number, due)
	wantStatus(t, "head's page", s.get(boss, "/workbench/review-limits"), 200, c.Number, due, "批准延长", `name="reason"`)
	wantStatus(t, "supervisor sees it, without the form", s.get(supervisor, "/workbench/review-limits"), 200, c.Number)
	logSize, _ := s.svc.DB.LogSize()
	wantStatus(t, "no reason", s.postForm(boss, "/workbench/review-limits/"+id+"/extend", url.Values{"days": {"3"}}), 400, "请写明延长法制审核期限的理由", `value="3"`)
	wantStatus(t, "reviewer may not", s.postForm(reviewer, "/workbench/review-limits/"+id+"/extend", url.Values{"days": {"3"}, "reason": {"x"}}), 403, "批准延长法制审核期限")
	if n, _ := s.svc.DB.LogSize(); n != logSize+1 { // the denial
		t.Errorf("refusals wrote %d events, want the 1 denial", n-logSize)
	}
	r := s.postForm(boss, "/workbench/review-limits/"+id+"/extend", url.Values{"days": {"3"}, "reason": {"需调取银行流水"}})
	if r.status != 303 || r.header.Get("Location") != "/workbench/review-limits?extended=1" {
		t.Fatalf("extend: %d %s", r.status, pageError(r.body))
	}
	wantStatus(t, "after the extension", s.get(boss, r.header.Get("Location")), 200, "已批准延长法制审核期限", "需调取银行流水")
	if !s.ledgerHas("case.review_extended", "case/"+id) {
		t.Error("no case.review_extended event")
	}
	ds, _ = s.svc.Reviews.ReviewDeadlines(ctx, s.actors["reviewer"], true)
	newDue := ds[0].Due
	wantStatus(t, "queue shows the extension", s.get(reviewer, "/workbench/reviews"), 200, newDue.String(), "已批准延长 3 个工作日:需调取银行流水")
	s.clock.set(newDue.Add(2).Time(time.UTC).Add(2 * time.Hour)) // 10:00 in China
	reviewer, boss = s.browser("reviewer"), s.browser("boss")    // the sessions expired meanwhile
	wantStatus(t, "overdue in the queue", s.get(reviewer, "/workbench/reviews"), 200, "已逾期 2 天")
	wantStatus(t, "overdue on the page", s.get(boss, "/workbench/review-limits"), 200, "逾期未审核 1 件")
}

// caseInReview registers a case of the site's agency and takes it to review
// through the service.
func caseInReview(t *testing.T, s *caseSite) *zhifa.Case {
	t.Helper()
	ctx := context.Background()
	c, err := s.svc.RegisterCase(ctx, s.actors["o1"], penalty.CaseInput{MatterID: s.matter.ID, Source: "监督检查", Summary: "销售过期食品",
		Party: zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华"}, HandlerIDs: []int64{s.off1.ID, s.off2.ID}})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []struct {
		who string
		in  penalty.StepInput
	}{
		{"head", penalty.StepInput{Action: penalty.Open, Fields: map[string]string{"opinion": "同意立案"}}},
		{"o1", penalty.StepInput{Action: penalty.SiteRecord, Fields: map[string]string{"place": "城关镇", "content": "现场查见过期食品。"}, OfficerIDs: []int64{s.off1.ID, s.off2.ID}}},
		{"o1", penalty.StepInput{Action: penalty.Conclude, Fields: map[string]string{"facts": "销售过期食品", "proposal": "警告"}}},
		{"o1", penalty.StepInput{Action: penalty.Notify, Fields: map[string]string{"content": "拟处罚告知", "proposed_penalty": "警告", "penalty_kind": "警告", "hearing_right": "否"}}},
		{"o1", penalty.StepInput{Action: penalty.Statement, Fields: map[string]string{"waived": "是"}}},
		{"head", penalty.StepInput{Action: penalty.SubmitReview}},
	} {
		if _, err := s.svc.RecordStep(ctx, s.actors[st.who], c.ID, st.in); err != nil {
			t.Fatalf("%s: %v", st.in.Action, err)
		}
	}
	return c
}

// TestCounselPages: the administrator registers a 公职律师 (a bad form is
// shown back); the reviewer assigns him to a case in review and files his
// opinion; the 司法局 sees the staffing report, an officer may not.
func TestCounselPages(t *testing.T) {
	s := newCaseSite(t, storetest.MustOpenSQLite(t))
	if _, err := s.svc.CreateUser(context.Background(), zhifa.Console, identity.UserInput{Username: "admin", Name: "管理员",
		Roles: []zhifa.Role{zhifa.RoleSysAdmin}, Password: "Zhifa-Test-2026"}); err != nil {
		t.Fatal(err)
	}
	c := caseInReview(t, s)
	admin, reviewer, supervisor, o1 := s.browser("admin"), s.browser("reviewer"), s.browser("supervisor"), s.browser("o1")
	ag := strconv.FormatInt(s.agency.ID, 10)
	wantStatus(t, "lawyer without licence", s.postForm(admin, "/workbench/counsel", url.Values{"agency_id": {ag}, "kind": {"公职律师"}, "name": {"吴建平"}}),
		400, "公职律师须填写公职律师证号", `value="吴建平"`)
	r := s.postForm(admin, "/workbench/counsel", url.Values{"agency_id": {ag}, "kind": {"公职律师"}, "name": {"吴建平"}, "license_no": {"G6109001"},
		"legal_qualification": {"1"}})
	if r.status != 303 {
		t.Fatalf("counsel: %d %s", r.status, pageError(r.body))
	}
	wantStatus(t, "counsel list", s.get(admin, r.header.Get("Location")), 200, "已登记", "吴建平", "G6109001")
	ks, _ := s.svc.Reviews.Counsels(context.Background(), s.agency.ID)
	page := "/workbench/cases/" + strconv.FormatInt(c.ID, 10) + "/advisers"
	wantStatus(t, "advisers page", s.get(reviewer, page), 200, "尚未指派", "公职律师 吴建平(法律职业资格)")
	wantStatus(t, "officer may not assign", s.postForm(o1, page, url.Values{"counsel_id": {strconv.FormatInt(ks[0].ID, 10)}}), 403, "无权法制审核")
	r = s.postForm(reviewer, page, url.Values{"counsel_id": {strconv.FormatInt(ks[0].ID, 10)}})
	if r.status != 303 {
		t.Fatalf("assign: %d %s", r.status, pageError(r.body))
	}
	xs, _ := s.svc.Reviews.Advisers(context.Background(), s.actors["reviewer"], c.ID)
	wantStatus(t, "empty opinion", s.postForm(reviewer, page, url.Values{"adviser_id": {strconv.FormatInt(xs[0].ID, 10)}}), 400, "请填写法律顾问(公职律师)的书面意见")
	r = s.postForm(reviewer, page, url.Values{"adviser_id": {strconv.FormatInt(xs[0].ID, 10)}, "opinion": {"处罚适当,程序合法。"}})
	if r.status != 303 {
		t.Fatalf("opinion: %d %s", r.status, pageError(r.body))
	}
	wantStatus(t, "opinion shown", s.get(reviewer, page), 200, "处罚适当,程序合法。")
	if !s.ledgerHas("case.adviser_opinion", "case/"+strconv.FormatInt(c.ID, 10)) {
		t.Error("no case.adviser_opinion event")
	}
	wantStatus(t, "staffing", s.get(supervisor, "/workbench/review-staffing"), 200, "汉阴县市场监督管理局</td><td>2</td><td>1(50%)</td><td>4</td><td>50.0</td><td>0</td><td>1</td>")
	wantStatus(t, "staffing for an officer", s.get(o1, "/workbench/review-staffing"), 403, "执法监督")
}
