package penalty_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestDecisionAgreesWithNotice is the end-to-end case: a notice of
// 罚款 50,000 元, a review that agrees, then a decision of 80,000 元 is
// refused naming Arts 44 and 45 ¶2; a new notice of 80,000 元 (offered
// after the review), the party's rights afresh, a new review, and the
// decision of 80,000 元 is accepted.
func TestDecisionAgreesWithNotice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newCaseWorld(t, db)
		c := w.register()
		w.mustStep(w.head, c, penalty.Open, map[string]string{"opinion": "同意立案"})
		w.mustStep(w.o1, c, penalty.SiteRecord, map[string]string{"place": "城关镇新民街餐馆", "content": "现场查见超过保质期的食品 12 袋。"})
		w.mustStep(w.o1, c, penalty.Conclude, map[string]string{"facts": "销售超过保质期的食品", "proposal": "罚款 50000 元"})
		notice := func(fine string) {
			w.mustStep(w.o1, c, penalty.Notify, map[string]string{"content": "拟处罚告知", "proposed_penalty": "罚款 " + fine + " 元",
				"penalty_kind": "罚款", "fine": fine, "hearing_right": "是"})
			w.mustStep(w.o1, c, penalty.Statement, map[string]string{"waived": "是", "hearing_waived": "是"})
			w.mustStep(w.head, c, penalty.SubmitReview, nil)
			if _, err := w.svc.RecordStep(ctx, w.reviewer, c.ID, penalty.StepInput{Action: penalty.Review, Review: passAll(review.OutcomeAgree)}); err != nil {
				t.Fatal(err)
			}
		}
		notice("50000")
		d := maps.Clone(decision)
		d["penalty_kind"], d["fine"], d["penalty"] = "罚款", "80000", "罚款 80000 元"
		_, err := w.step(w.boss, c, penalty.Decide, d)
		if zhifa.ErrorCode(err) != zhifa.ERULE || !strings.Contains(err.Error(), "罚款 80000 元高于告知的 50000 元") ||
			!strings.Contains(err.Error(), "《行政处罚法》第四十四条、第四十五条第二款") {
			t.Fatalf("decision heavier than the notice: %v", err)
		}
		got, err := w.svc.Case(ctx, w.o1, c.ID)
		must(t, err)
		if got.Case.Stage != string(penalty.Reviewed) || got.Publication != nil {
			t.Fatalf("after the refusal: stage %s, publication %v", got.Case.Stage, got.Publication)
		}
		// The new notice restarts the rights: the decision waits for the
		// new review.
		w.mustStep(w.o1, c, penalty.Notify, map[string]string{"content": "重新告知", "proposed_penalty": "罚款 80000 元",
			"penalty_kind": "罚款", "fine": "80000", "hearing_right": "是"})
		if _, err := w.step(w.boss, c, penalty.Decide, d); zhifa.ErrorCode(err) == "" {
			t.Fatal("decided on the day of the new notice, before its review")
		}
		w.mustStep(w.o1, c, penalty.Statement, map[string]string{"waived": "是", "hearing_waived": "是"})
		w.mustStep(w.head, c, penalty.SubmitReview, nil)
		if _, err := w.svc.RecordStep(ctx, w.reviewer, c.ID, penalty.StepInput{Action: penalty.Review, Review: passAll(review.OutcomeAgree)}); err != nil {
			t.Fatal(err)
		}
		r := w.mustStep(w.boss, c, penalty.Decide, d)
		if r.Case.Stage != string(penalty.Decided) || r.Step.Fields["fine"] != "80000" {
			t.Fatalf("decision after the new notice: %s %v", r.Case.Stage, r.Step.Fields)
		}
	})
}
