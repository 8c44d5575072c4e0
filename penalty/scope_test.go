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
