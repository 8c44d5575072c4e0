package web_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
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
		{"o1", penalty.StepInput{Action: penalty.Notify, Fields: map[string]string{"content": "拟处罚告知", "proposed_penalty": "警告", "hearing_right": "否"}}},
		{"o1", penalty.StepInput{Action: penalty.Statement, Fields: map[string]string{"waived": "是"}}},
		{"head", penalty.StepInput{Action: penalty.SubmitReview}},
	} {
		if _, err := s.svc.RecordStep(ctx, s.actors[st.who], c.ID, st.in); err != nil {
			t.Fatalf("%s: %v", st.in.Action, err)
		}
	}
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
