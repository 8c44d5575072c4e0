package store_test

import (
	"context"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// calWrite runs fn in a write that records a test event.
func calWrite(t *testing.T, db *store.DB, fn func(tx *store.Tx) error) error {
	t.Helper()
	return db.Write(context.Background(), func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "test", Object: "test/calendar", Actor: "system/test"})
		return err
	})
}

func TestSchedules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, v := range []string{`{"year":2028}`, `{"year":2028,"v":2}`} {
			if err := calWrite(t, db, func(tx *store.Tx) error { return tx.PutSchedule(2028, []byte(v), "通知", "system/console") }); err != nil {
				t.Fatal(err)
			}
		}
		if err := calWrite(t, db, func(tx *store.Tx) error { return tx.PutSchedule(2027, []byte(`{}`), "", "user/1") }); err != nil {
			t.Fatal(err)
		}
		got, err := db.Schedules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Year != 2027 || got[1].Year != 2028 {
			t.Fatalf("Schedules = %+v; want 2027, 2028", got)
		}
		if s := got[1]; string(s.JSON) != `{"year":2028,"v":2}` || s.Source != "通知" || s.UpdatedBy != "system/console" || s.Updated.IsZero() {
			t.Errorf("2028 = %+v; want the replacement", s)
		}
	})
}

func TestDeadlines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", Level: "县级", ReviewDays: 7}
		if err := calWrite(t, db, func(tx *store.Tx) error { return tx.CreateAgency(ag) }); err != nil {
			t.Fatal(err)
		}
		d := &store.Deadline{Object: "case/1", AgencyID: ag.ID, RuleID: "T8", Start: "2025-09-26", Due: "2025-10-13"}
		if err := calWrite(t, db, func(tx *store.Tx) error { return tx.PutDeadline(d) }); err != nil {
			t.Fatal(err)
		}
		if d.ID == 0 {
			t.Fatal("PutDeadline set no ID")
		}
		if err := calWrite(t, db, func(tx *store.Tx) error {
			return tx.PutDeadline(&store.Deadline{Object: "case/2", AgencyID: ag.ID, RuleID: "T6", Start: "2025-09-01", Due: "2025-11-30"})
		}); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindDeadline(ctx, "case/1", "T8")
		if err != nil || got.ID != d.ID || got.Due != "2025-10-13" || got.MetAt != "" || got.Responsible != 0 {
			t.Fatalf("FindDeadline = %+v, %v", got, err)
		}
		if _, err := db.FindDeadline(ctx, "case/1", "T6"); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			t.Errorf("missing deadline: %v; want not_found", err)
		}
		// Met, then met again: the second finds no open deadline.
		if err := calWrite(t, db, func(tx *store.Tx) error { return tx.MeetDeadline("case/1", "T8", "2025-10-10") }); err != nil {
			t.Fatal(err)
		}
		if err := calWrite(t, db, func(tx *store.Tx) error { return tx.MeetDeadline("case/1", "T8", "2025-10-11") }); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			t.Errorf("meeting a met deadline: %v; want not_found", err)
		}
		open := true
		ds, err := db.FindDeadlines(ctx, store.DeadlineFilter{Open: &open})
		if err != nil || len(ds) != 1 || ds[0].Object != "case/2" {
			t.Fatalf("open deadlines = %+v, %v; want case/2", ds, err)
		}
		// Setting it again reopens it with the new dates, same row.
		d2 := &store.Deadline{Object: "case/1", AgencyID: ag.ID, RuleID: "T8", Start: "2025-10-09", Due: "2025-10-20"}
		if err := calWrite(t, db, func(tx *store.Tx) error {
			if err := tx.PutDeadline(d2); err != nil {
				return err
			}
			return tx.SetDeadlineDue(d2.ID, "2025-10-21")
		}); err != nil {
			t.Fatal(err)
		}
		got, err = db.FindDeadline(ctx, "case/1", "T8")
		if err != nil || got.ID != d.ID || got.Start != "2025-10-09" || got.Due != "2025-10-21" || got.MetAt != "" {
			t.Fatalf("after reset = %+v, %v", got, err)
		}
		var n int
		if err := calWrite(t, db, func(tx *store.Tx) error {
			var err error
			n, err = tx.AgencyReviewDays(ag.ID)
			return err
		}); err != nil || n != 7 {
			t.Errorf("AgencyReviewDays = %d, %v; want 7", n, err)
		}
		id := ag.ID
		ds, err = db.FindDeadlines(ctx, store.DeadlineFilter{AgencyID: &id})
		if err != nil || len(ds) != 2 || ds[0].Due > ds[1].Due {
			t.Errorf("agency deadlines = %+v, %v; want 2 by due date", ds, err)
		}
	})
}
