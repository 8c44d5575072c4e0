package penalty_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// reviewed takes a fresh case to 审核通过 (statement waived).
func (w *caseWorld) reviewed() *zhifa.Case {
	w.t.Helper()
	c := w.register()
	w.throughNotice(c)
	w.mustStep(w.o1, c, penalty.Statement, map[string]string{"waived": "是", "hearing_waived": "是"})
	w.mustStep(w.head, c, penalty.SubmitReview, nil)
	if _, err := w.svc.RecordStep(context.Background(), w.reviewer, c.ID, penalty.StepInput{Action: penalty.Review, Review: passAll(review.OutcomeAgree)}); err != nil {
		w.t.Fatal(err)
	}
	return c
}

// TestDocumentNumbers: 立案审批表, 告知书 and 决定书 get the system's numbers
// per agency, type and year (DOMAIN §10); a typed number is refused; the
// administrator's format applies to the next number; concurrent decisions
// never share a number (both engines).
func TestDocumentNumbers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newCaseWorld(t, db)
		y := w.now.Year()
		c := w.register()
		r := w.mustStep(w.head, c, penalty.Open, map[string]string{"opinion": "同意立案"})
		if got, want := r.Step.Fields["number"], fmt.Sprintf("汉阴市监立〔%d〕1号", y); got != want {
			t.Errorf("立案 number %q, want %q", got, want)
		}
		// A typed number is refused, naming the field.
		_, err := w.step(w.boss, w.reviewed(), penalty.Decide, withNumber(decision, "汉阴市监罚〔2026〕39号"))
		if p := problems(err); zhifa.ErrorCode(err) != zhifa.EINVALID || p["number"] == "" {
			t.Fatalf("typed number: %v", err)
		}
		// Two decisions at the same moment: distinct numbers 1 and 2.
		a, b := w.reviewed(), w.reviewed()
		var wg sync.WaitGroup
		got := make([]string, 2)
		errs := make([]error, 2)
		for i, cc := range []*zhifa.Case{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := w.step(w.boss, cc, penalty.Decide, decision)
				if errs[i] = err; err == nil {
					got[i] = r.Step.Fields["number"]
				}
			}()
		}
		wg.Wait()
		must(t, errs[0])
		must(t, errs[1])
		want := map[string]bool{fmt.Sprintf("汉阴市监罚〔%d〕1号", y): true, fmt.Sprintf("汉阴市监罚〔%d〕2号", y): true}
		if got[0] == got[1] || !want[got[0]] || !want[got[1]] {
			t.Fatalf("concurrent decision numbers %q", got)
		}
		d, err := w.svc.Case(ctx, w.o1, a.ID)
		must(t, err)
		if d.Publication == nil || d.Publication.Number != got[0] {
			t.Errorf("publication number %+v, want %q", d.Publication, got[0])
		}
		// The administrator's format: forbidden to an officer, checked,
		// distinct from the other types', then used.
		if err := w.svc.SetNumberFormat(ctx, w.o1, w.agency.ID, "decision", "{简称}处罚〔{年}〕{序号}号"); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Errorf("officer sets format: %v", err)
		}
		for _, tc := range []struct{ code, format, field string }{
			{"decision", "{简称}罚告〔{年}〕{序号}号", "format"},
			{"decision", "{简称}罚〔{年}〕号", "format"},
			{"permit", "{简称}许〔{年}〕{序号}号", "doc_type"},
		} {
			err := w.svc.SetNumberFormat(ctx, zhifa.Console, w.agency.ID, tc.code, tc.format)
			if zhifa.ErrorCode(err) != zhifa.EINVALID || problems(err)[tc.field] == "" {
				t.Errorf("SetNumberFormat(%s, %s) = %v, want a problem on %s", tc.code, tc.format, err, tc.field)
			}
		}
		must(t, w.svc.SetNumberFormat(ctx, zhifa.Console, w.agency.ID, "decision", "陕{简称}罚字〔{年}〕第{序号}号"))
		fs, err := w.svc.NumberFormats(ctx, w.o1, w.agency.ID)
		must(t, err)
		if len(fs) != len(penalty.DocTypes) || fs[2].Format != "陕{简称}罚字〔{年}〕第{序号}号" || fs[2].Default || !fs[0].Default {
			t.Errorf("formats %+v", fs)
		}
		r = w.mustStep(w.boss, w.reviewed(), penalty.Decide, decision)
		if got, want := r.Step.Fields["number"], fmt.Sprintf("陕汉阴市监罚字〔%d〕第1号", y); got != want {
			t.Errorf("number in the new format %q, want %q", got, want)
		}
		// The numbers are records: verify recomputes them.
		rep, err := db.VerifyState(ctx)
		must(t, err)
		if len(rep.Findings) > 0 || rep.Records["document_numbers"] != 12 || rep.Records["document_number_formats"] != 1 {
			t.Errorf("verify: %+v", rep)
		}
	})
}

func withNumber(f map[string]string, n string) map[string]string {
	out := map[string]string{"number": n}
	for k, v := range f {
		out[k] = v
	}
	return out
}

func problems(err error) map[string]string {
	var e *zhifa.Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}
