package penalty_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestRightsKeptApart is the end-to-end case: the statement is
// waived on the day of the notice, which leaves the hearing-request period
// open; the party requests a hearing within it; nothing goes to review or
// decision before the hearing; a hearing notice less than 7 days ahead is
// refused, one 7 days ahead accepted; the hearing is not held before its
// day, and after it the case goes on.
func TestRightsKeptApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newCaseWorld(t, db)
		c := w.register()
		w.throughNotice(c) // hearing right told
		w.mustStep(w.o1, c, penalty.Statement, map[string]string{"waived": "是"})
		refused := func(act penalty.Action, f map[string]string, code, want string) {
			t.Helper()
			actor := w.o1
			if act == penalty.SubmitReview {
				actor = w.head
			}
			_, err := w.step(actor, c, act, f)
			if zhifa.ErrorCode(err) != code || !strings.Contains(err.Error(), want) {
				t.Fatalf("%s: %v, want %s containing %q", act, err, code, want)
			}
		}
		refused(penalty.SubmitReview, nil, zhifa.ERULE, "当事人要求听证的期限至")
		w.now = w.now.AddDate(0, 0, 2) // within 5 working days
		w.mustStep(w.o1, c, penalty.Statement, map[string]string{"hearing_requested": "是"})
		refused(penalty.SubmitReview, nil, zhifa.ERULE, "听证尚未举行")
		notice := func(days int) map[string]string {
			return map[string]string{"hearing_date": zhifa.DateOf(w.now).Add(days).String(), "place": "听证室",
				"host_officer_id": fmt.Sprint(w.offReviewer.ID), "clerk_officer_id": fmt.Sprint(w.offHead.ID)}
		}
		refused(penalty.HearingNotice, notice(6), zhifa.ERULE, "《行政处罚法》第六十四条第二项")
		investigator := notice(7)
		investigator["clerk_officer_id"] = fmt.Sprint(w.off2.ID)
		refused(penalty.HearingNotice, investigator, zhifa.ERULE, "听证记录员不得由本案调查人员担任")
		w.mustStep(w.o1, c, penalty.HearingNotice, notice(7))
		hearing := map[string]string{"host": w.offReviewer.Name, "host_officer_id": fmt.Sprint(w.offReviewer.ID),
			"clerk_officer_id": fmt.Sprint(w.offHead.ID), "content": "当事人陈述申辩意见"}
		refused(penalty.Hearing, hearing, zhifa.ERULE, "不得提前举行听证")
		w.now = w.now.AddDate(0, 0, 7)
		w.mustStep(w.o1, c, penalty.Hearing, hearing)
		if r := w.mustStep(w.head, c, penalty.SubmitReview, nil); r.Case.Stage != string(penalty.InReview) {
			t.Fatalf("after the hearing: %s", r.Case.Stage)
		}
	})
}
