package service_test

import (
	"context"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

var day = calendar.MustParseDate

// calEvents returns the ledger's events in order.
func calEvents(t *testing.T, s *service.Service) []ledger.Event {
	t.Helper()
	n, err := s.DB.LogSize()
	if err != nil {
		t.Fatal(err)
	}
	var out []ledger.Event
	for i := int64(0); i < n; i++ {
		_, e, err := s.Event(context.Background(), i)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func countEvents(es []ledger.Event, typ string) int {
	n := 0
	for _, e := range es {
		if e.Type == typ {
			n++
		}
	}
	return n
}

// schedule2025With returns the effective 2025 schedule with an extra
// 调休休息 day: a correction.
func schedule2025With(t *testing.T, s *service.Service, rest string) calendar.Schedule {
	t.Helper()
	cal, err := s.Calendar(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sc, ok := cal.Schedule(2025)
	if !ok {
		t.Fatal("no 2025 schedule")
	}
	sc.RestSwaps = append(sc.RestSwaps, day(rest))
	sc.Source = "测试更正"
	return sc
}

// setDeadline stores a deadline in a write of its own, as a case step would.
func setDeadline(t *testing.T, s *service.Service, object string, agencyID int64, rule, start string, responsible int64) calendar.Date {
	t.Helper()
	ctx := context.Background()
	cal, err := s.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var due calendar.Date
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		var err error
		if due, err = s.SetDeadline(tx, cal, object, agencyID, rule, day(start), responsible); err != nil {
			return err
		}
		_, err = tx.Record(ledger.Event{Type: "test.step", Object: object, Actor: "system/test"})
		return err
	})
	if err != nil {
		t.Fatalf("SetDeadline %s %s: %v", object, rule, err)
	}
	return due
}

func TestImportScheduleTakesEffectAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := MustService(t, db)
		before, err := s.Day(ctx, day("2025-10-09"))
		if err != nil || before.Type != calendar.Workday {
			t.Fatalf("2025-10-09 before = %+v, %v; want 工作日", before, err)
		}
		// A year not known yet is refused with the year named.
		if _, err := s.Day(ctx, day("2031-05-01")); zhifa.ErrorCode(err) != zhifa.ERULE {
			t.Errorf("2031: %v; want rule error", err)
		}
		sc := schedule2025With(t, s, "2025-10-09")
		// Refused for a non-administrator: nothing is written.
		officer := zhifa.Actor{UserID: 7, AgencyID: 1, Roles: []zhifa.Role{zhifa.RoleOfficer}}
		n0, _ := db.LogSize()
		if err := s.ImportSchedule(ctx, officer, sc); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("officer import: %v; want forbidden", err)
		}
		if st, _ := db.Schedules(ctx); len(st) != 0 {
			t.Errorf("officer import stored %d schedules", len(st))
		}
		es := calEvents(t, s)
		if countEvents(es, "calendar.schedule_set") != 0 || countEvents(es[n0:], "access.denied") != 1 {
			t.Errorf("officer import events: %+v; want one denial only", es[n0:])
		}
		if err := s.ImportSchedule(ctx, zhifa.Actor{}, sc); zhifa.ErrorCode(err) != zhifa.EUNAUTHORIZED {
			t.Errorf("public import: %v; want unauthorized", err)
		}
		// An invalid schedule is refused with the validator's message.
		bad := sc
		bad.WorkSwaps = append(append([]calendar.Date{}, sc.WorkSwaps...), day("2025-10-09"))
		if err := s.ImportSchedule(ctx, zhifa.Console, bad); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Errorf("invalid import: %v; want invalid", err)
		}
		if err := s.ImportSchedule(ctx, zhifa.Console, sc); err != nil {
			t.Fatal(err)
		}
		after, err := s.Day(ctx, day("2025-10-09"))
		if err != nil || after.Type != calendar.RestSwap {
			t.Errorf("2025-10-09 after = %+v, %v; want 调休休息", after, err)
		}
		es = calEvents(t, s)
		last := es[len(es)-1]
		if last.Type != "calendar.schedule_set" || last.Object != "calendar/2025" || last.Actor != "system/console" || last.Digest == "" || last.Attrs["year"] != "2025" || last.Attrs["rest_days"] == "" {
			t.Errorf("import event = %+v", last)
		}
		// A fresh service over the same database sees the stored schedule.
		t2, err := MustService(t, db).Day(ctx, day("2025-10-09"))
		if err != nil || t2.Type != calendar.RestSwap {
			t.Errorf("fresh service: 2025-10-09 = %+v, %v", t2, err)
		}
	})
}

func TestDeadlineMovesWithCorrection(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, ag := registryFixture(t, db)
		// DOMAIN §8: 2025-09-26 + 7 working days = 2025-10-13.
		if due := setDeadline(t, s, "case/1", ag.ID, "T8", "2025-09-26", 0); due != day("2025-10-13") {
			t.Fatalf("T8 due = %v; want 2025-10-13", due)
		}
		// One already met does not move; one far outside the window neither.
		setDeadline(t, s, "case/2", ag.ID, "T8", "2025-09-26", 0)
		if err := s.DB.Write(ctx, func(tx *store.Tx) error {
			if err := s.MeetDeadline(tx, "case/2", "T8", day("2025-10-10")); err != nil {
				return err
			}
			_, err := tx.Record(ledger.Event{Type: "test.step", Object: "case/2", Actor: "system/test"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		setDeadline(t, s, "case/3", ag.ID, "T8", "2025-03-03", 0)
		// L5 follows the agency's configured review days (default 5).
		if due := setDeadline(t, s, "case/4", ag.ID, "L5", "2025-09-26", 0); due != day("2025-10-10") {
			t.Errorf("L5 due = %v; want 2025-10-10 (5 working days)", due)
		}
		if err := s.ImportSchedule(ctx, zhifa.Console, schedule2025With(t, s, "2025-10-09")); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct{ object, rule, due string }{
			{"case/1", "T8", "2025-10-14"},
			{"case/2", "T8", "2025-10-13"},
			{"case/3", "T8", "2025-03-12"},
			{"case/4", "L5", "2025-10-11"},
		} {
			got, err := db.FindDeadline(ctx, tt.object, tt.rule)
			if err != nil || got.Due != tt.due {
				t.Errorf("%s %s due = %+v, %v; want %s", tt.object, tt.rule, got, err, tt.due)
			}
		}
		es := calEvents(t, s)
		last := es[len(es)-1]
		if last.Type != "deadline.recomputed" || last.Attrs["changed"] != "2" || last.Attrs["cause"] != "calendar/2025" {
			t.Errorf("last event = %+v; want deadline.recomputed with 2 changed", last)
		}
		// Nothing left to move: recomputing records nothing.
		n0, _ := db.LogSize()
		if n, err := s.RecomputeDeadlines(ctx, zhifa.Console); err != nil || n != 0 {
			t.Errorf("RecomputeDeadlines = %d, %v; want 0", n, err)
		}
		if n1, _ := db.LogSize(); n1 != n0 {
			t.Errorf("a recomputation that moved nothing recorded %d events", n1-n0)
		}
		// Errors name the field or the year.
		cal, _ := s.Calendar(ctx)
		err := s.DB.Write(ctx, func(tx *store.Tx) error {
			_, err := s.SetDeadline(tx, cal, "case/9", ag.ID, "T99", day("2025-01-01"), 0)
			return err
		})
		if e, ok := err.(*zhifa.Error); !ok || e.Problems["rule_id"] == "" {
			t.Errorf("unknown rule: %v; want a rule_id problem", err)
		}
		err = s.DB.Write(ctx, func(tx *store.Tx) error {
			_, err := s.SetDeadline(tx, cal, "case/9", ag.ID, "T8", day("2031-05-06"), 0)
			return err
		})
		if zhifa.ErrorCode(err) != zhifa.ERULE {
			t.Errorf("missing year: %v; want rule error", err)
		}
	})
}

func TestDeadlineMonitoring(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, ag := registryFixture(t, db)
		other := &registry.Agency{Name: "汉阴县城市管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00033M", Region: "610921"}
		if err := s.CreateAgency(ctx, zhifa.Console, other); err != nil {
			t.Fatal(err)
		}
		sfj := &registry.Agency{Name: "汉阴县司法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A000170", Region: "610921", Supervisor: true}
		if err := s.CreateAgency(ctx, zhifa.Console, sfj); err != nil {
			t.Fatal(err)
		}
		users := map[string]*identity.User{}
		for _, in := range []identity.UserInput{
			{Username: "officer", Name: "王志强", AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: testPassword},
			{Username: "officer2", Name: "李明", AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}, Password: testPassword},
			{Username: "head", Name: "张局长", AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleAgencyHead}, Password: testPassword},
			{Username: "super", Name: "陈监督", AgencyID: sfj.ID, Roles: []zhifa.Role{zhifa.RoleSupervisor}, Password: testPassword},
			{Username: "admin", Name: "管理员", Roles: []zhifa.Role{zhifa.RoleSysAdmin}, Password: testPassword},
		} {
			u, err := s.CreateUser(ctx, zhifa.Console, in)
			if err != nil {
				t.Fatal(err)
			}
			users[in.Username] = u
		}
		actor := func(name string) zhifa.Actor {
			u := users[name]
			return zhifa.Actor{UserID: u.ID, Username: u.Username, AgencyID: u.AgencyID, Roles: u.Roles}
		}
		// Today is Friday 2025-10-10; Saturday 10-11 is 调休上班.
		today := day("2025-10-10")
		setDeadline(t, s, "case/1", ag.ID, "T8", "2025-09-26", users["officer2"].ID) // due 10-13: due soon (2 working days)
		setDeadline(t, s, "case/2", ag.ID, "T5", "2025-09-01", 0)                    // due 09-10: overdue
		setDeadline(t, s, "case/3", ag.ID, "T6", "2025-10-01", 0)                    // due in December: pending
		setDeadline(t, s, "case/4", ag.ID, "T8", "2025-09-29", users["officer"].ID)  // due 10-15: pending
		setDeadline(t, s, "case/5", ag.ID, "T8", "2025-09-24", users["officer"].ID)  // due 10-10: due today
		setDeadline(t, s, "case/6", other.ID, "T5", "2025-09-01", 0)                 // other agency, overdue

		type row struct{ object, status string }
		list := func(name string) []row {
			t.Helper()
			items, err := s.DeadlineItems(ctx, actor(name), today)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var out []row
			for _, it := range items {
				out = append(out, row{it.Object, it.StatusName()})
			}
			return out
		}
		tests := []struct {
			user string
			want []row
		}{
			{"officer", []row{{"case/5", "即将到期"}, {"case/2", "已逾期"}, {"case/1", "即将到期"}}},
			{"head", []row{{"case/2", "已逾期"}, {"case/5", "即将到期"}, {"case/1", "即将到期"}}},
			{"super", []row{{"case/2", "已逾期"}, {"case/6", "已逾期"}, {"case/5", "即将到期"}, {"case/1", "即将到期"}}},
		}
		for _, tt := range tests {
			got := list(tt.user)
			if len(got) != len(tt.want) {
				t.Errorf("%s sees %v; want %v", tt.user, got, tt.want)
				continue
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("%s sees %v; want %v", tt.user, got, tt.want)
					break
				}
			}
		}
		items, _ := s.DeadlineItems(ctx, actor("head"), today)
		for _, it := range items {
			switch it.Object {
			case "case/2":
				// Due 09-10; working days after it up to 10-10: 09-11..09-30 (14, with 09-28 调休上班) + 10-09, 10-10.
				if it.Due != day("2025-09-10") || it.WorkdaysOverdue != 17 || it.Rule.Source == "" || it.AgencyName != ag.Name {
					t.Errorf("case/2 = %+v", it)
				}
			case "case/1":
				if it.WorkdaysLeft != 2 || it.Rule.ID != "T8" || it.Status != deadline.DueSoon {
					t.Errorf("case/1 = %+v", it)
				}
			case "case/5":
				if it.WorkdaysLeft != 0 {
					t.Errorf("case/5 = %+v; want due today", it)
				}
			}
		}
		for _, tt := range []struct {
			a    zhifa.Actor
			code string
		}{
			{zhifa.Actor{}, zhifa.EUNAUTHORIZED},
			{actor("admin"), zhifa.EFORBIDDEN},
			{zhifa.Console, zhifa.EFORBIDDEN},
		} {
			if _, err := s.DeadlineItems(ctx, tt.a, today); zhifa.ErrorCode(err) != tt.code {
				t.Errorf("DeadlineItems(%s) = %v; want %s", tt.a.Ref(), err, tt.code)
			}
		}
	})
}
