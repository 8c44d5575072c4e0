package penalty_test

import (
	"context"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestDecisionRecordsScope: a decision in scope is refused before a passed
// review, naming the rule; the decision made after it records the rule in
// its step (and so in the case's ledger record), with a catalog and a floor
// published.
func TestDecisionRecordsScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newRuleWorld(t, db)
		today := zhifa.DateOf(w.now)
		cat := &registry.ReviewCatalog{AgencyID: w.agency.ID, EffectiveOn: today, Rules: []registry.CatalogRule{
			{Name: "吊销许可证件", PenaltyKinds: []string{"吊销许可证件"}}}}
		must(t, w.svc.Reviews.PublishCatalog(ctx, zhifa.Console, cat))
		c := w.caseAt(penalty.Notified)
		w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: waiverForm})
		_, err := w.svc.RecordStep(ctx, w.boss, c.ID, penalty.StepInput{Action: penalty.Decide, Fields: decision})
		if zhifa.ErrorCode(err) != zhifa.ERULE || !strings.Contains(zhifa.ErrorMessage(err), "本决定属于法制审核范围(法定:除简易程序外的所有行政处罚决定") {
			t.Fatalf("decision before review: %v", err)
		}
		w.mustStepIn(w.head, c, penalty.StepInput{Action: penalty.SubmitReview})
		w.review(w.reviewer, c, review.OutcomeAgree)
		r := w.mustStepIn(w.boss, c, penalty.StepInput{Action: penalty.Decide, Fields: decision})
		if got := r.Step.Fields[penalty.ScopeField]; got != review.StatuteRule.String() {
			t.Errorf("recorded rule %q", got)
		}
		steps, err := db.FindSteps(ctx, c.ID)
		must(t, err)
		if got := steps[len(steps)-1].Fields[penalty.ScopeField]; got != review.StatuteRule.String() {
			t.Errorf("stored rule %q", got)
		}
	})
}

// TestReviewExtension: the agency head extends a review round's limit once,
// with a reason, before it runs out; the due date moves and the record,
// the deadline and the ledger agree (verify finds nothing); a calendar
// recomputation keeps the extension.
func TestReviewExtension(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newRuleWorld(t, db)
		c := w.caseAt(penalty.InReview)
		due := w.due(c, "L5")
		ext := review.ExtendInput{Days: 3, Reason: "案情复杂,需补充调取银行流水"}
		for _, tt := range []struct {
			name string
			a    zhifa.Actor
			in   review.ExtendInput
			code string
			msg  string
		}{
			{"reviewer may not", w.reviewer, ext, zhifa.EFORBIDDEN, "批准延长法制审核期限"},
			{"no reason", w.boss, review.ExtendInput{Days: 3}, zhifa.EINVALID, ""},
			{"too long", w.boss, review.ExtendInput{Days: 11, Reason: "x"}, zhifa.EINVALID, ""},
		} {
			_, err := w.svc.Reviews.ExtendReview(ctx, tt.a, c.ID, tt.in)
			if zhifa.ErrorCode(err) != tt.code || !strings.Contains(zhifa.ErrorMessage(err), tt.msg) {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			}
		}
		e, err := w.svc.Reviews.ExtendReview(ctx, w.boss, c.ID, ext)
		must(t, err)
		if e.OldDue.String() != due || !e.NewDue.After(e.OldDue) || w.due(c, "L5") != e.NewDue.String() {
			t.Errorf("extension %+v; L5 was %s, is %s", e, due, w.due(c, "L5"))
		}
		if _, err := w.svc.Reviews.ExtendReview(ctx, w.boss, c.ID, ext); zhifa.ErrorCode(err) != zhifa.ERULE || !strings.Contains(zhifa.ErrorMessage(err), "每轮只能延长一次") {
			t.Errorf("second extension: %v", err)
		}
		ds, err := w.svc.Reviews.ReviewDeadlines(ctx, w.reviewer, true)
		must(t, err)
		if len(ds) != 1 || !ds[0].Extended() || ds[0].Due != e.NewDue || ds[0].Overdue(e.NewDue) || !ds[0].Overdue(e.NewDue.Add(1)) {
			t.Errorf("review deadlines %+v", ds)
		}
		if _, err := w.svc.RecomputeDeadlines(ctx, zhifa.Console); err != nil {
			t.Fatal(err)
		}
		if w.due(c, "L5") != e.NewDue.String() {
			t.Errorf("recomputed L5 %s, want %s", w.due(c, "L5"), e.NewDue)
		}
		rep, err := db.VerifyState(ctx)
		must(t, err)
		must(t, w.svc.VerifyDeadlines(ctx, rep))
		for _, f := range rep.Findings {
			t.Errorf("verify: %+v", f)
		}
		// After the review, the round is over: nothing to extend.
		w.review(w.reviewer, c, review.OutcomeAgree)
		if _, err := w.svc.Reviews.ExtendReview(ctx, w.boss, c.ID, ext); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Errorf("after the review: %v", err)
		}
		// A limit run out cannot be extended.
		c2 := w.caseAt(penalty.InReview)
		w.setDay(w.due(c2, "L5"), 1)
		if _, err := w.svc.Reviews.ExtendReview(ctx, w.boss, c2.ID, ext); zhifa.ErrorCode(err) != zhifa.ERULE || !strings.Contains(zhifa.ErrorMessage(err), "届满") {
			t.Errorf("overdue: %v", err)
		}
	})
}

// TestAdvisersAndStaffing: the reviewer assigns the agency's 公职律师 to a
// review and files the opinion once; counsel of another agency or out of
// post are refused; the 司法局 sees the staffing report.
func TestAdvisersAndStaffing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newRuleWorld(t, db)
		rv := w.svc.Reviews
		k := &registry.Counsel{AgencyID: w.agency.ID, Kind: registry.CounselLawyer, Name: "吴建平", LicenseNo: "g6109001", LegalQualification: true}
		must(t, rv.CreateCounsel(ctx, zhifa.Console, k))
		gone := &registry.Counsel{AgencyID: w.agency.ID, Kind: registry.CounselAdviser, Name: "陈律师", Organization: "陕西某律师事务所", Status: registry.CounselInactive}
		must(t, rv.CreateCounsel(ctx, zhifa.Console, gone))
		if err := rv.CreateCounsel(ctx, zhifa.Console, &registry.Counsel{AgencyID: w.agency.ID, Kind: registry.CounselLawyer, Name: "x"}); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Errorf("lawyer without a licence: %v", err)
		}
		if err := rv.CreateCounsel(ctx, w.reviewer, &registry.Counsel{AgencyID: w.agency.ID, Kind: registry.CounselAdviser, Name: "y"}); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Errorf("reviewer registering counsel: %v", err)
		}
		c := w.caseAt(penalty.Notified)
		if _, err := rv.AssignAdviser(ctx, w.reviewer, c.ID, k.ID); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Errorf("before review: %v", err)
		}
		w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: waiverForm})
		w.mustStepIn(w.head, c, penalty.StepInput{Action: penalty.SubmitReview})
		if _, err := rv.AssignAdviser(ctx, w.reviewer, c.ID, gone.ID); zhifa.ErrorCode(err) != zhifa.EINVALID || !strings.Contains(zhifa.ErrorMessage(err), "已离任") {
			t.Errorf("counsel out of post: %v", err)
		}
		if _, err := rv.AssignAdviser(ctx, w.o1, c.ID, k.ID); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Errorf("officer assigning: %v", err)
		}
		x, err := rv.AssignAdviser(ctx, w.reviewer, c.ID, k.ID)
		must(t, err)
		if _, err := rv.AssignAdviser(ctx, w.reviewer, c.ID, k.ID); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Errorf("assigned twice: %v", err)
		}
		if _, err := rv.RecordAdviserOpinion(ctx, w.reviewer, c.ID, x.ID, " "); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Errorf("empty opinion: %v", err)
		}
		_, err = rv.RecordAdviserOpinion(ctx, w.reviewer, c.ID, x.ID, "处罚适当,程序合法。")
		must(t, err)
		if _, err := rv.RecordAdviserOpinion(ctx, w.reviewer, c.ID, x.ID, "改"); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Errorf("opinion twice: %v", err)
		}
		xs, err := rv.Advisers(ctx, w.o1, c.ID)
		must(t, err)
		if len(xs) != 1 || xs[0].Name != "吴建平" || xs[0].Opinion != "处罚适当,程序合法。" || xs[0].OpinionAt.IsZero() || !xs[0].LegalQualification {
			t.Errorf("advisers %+v", xs)
		}
		if _, err := rv.Staffing(ctx, w.reviewer); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Errorf("staffing for a reviewer: %v", err)
		}
		sup := zhifa.Actor{UserID: 999, Roles: []zhifa.Role{zhifa.RoleSupervisor}}
		st, err := rv.Staffing(ctx, sup)
		must(t, err)
		// The world's agency: one reviewer (周敏, qualified); officers with a
		// certificate in force: 王志强, 李晓燕, 刘德华, 周敏 (赵立新's lapsed).
		if len(st) != 1 || st[0].Reviewers != 1 || st[0].Qualified != 1 || st[0].Officers != 4 || st[0].Lawyers != 1 || st[0].Advisers != 0 ||
			st[0].QualifiedShare() != 100 || st[0].PerHundredOfficers() != "25.0" {
			t.Errorf("staffing %+v", st)
		}
		rep, err := db.VerifyState(ctx)
		must(t, err)
		for _, f := range rep.Findings {
			t.Errorf("verify: %+v", f)
		}
	})
}
