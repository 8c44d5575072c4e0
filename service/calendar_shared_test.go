package service_test

import (
	"context"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestCalendarChangeSeenByOtherService: two services on one database stand
// for two serve processes, each with its own calendar cache. A correction
// imported through one is used by the other's next computation, and an
// import through the second builds on the first's.
func TestCalendarChangeSeenByOtherService(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s1, s2 := MustService(t, db), MustService(t, db)
		// s2 has built and cached its calendar before the change.
		if d, err := s2.Day(ctx, day("2025-10-09")); err != nil || d.Type != calendar.Workday {
			t.Fatalf("s2: 2025-10-09 before = %+v, %v; want 工作日", d, err)
		}
		due, err := s2.AddPeriod(ctx, day("2025-10-08"), 1, deadline.Workdays, false)
		if err != nil || due != day("2025-10-09") {
			t.Fatalf("s2: 1 working day after 2025-10-08 = %v, %v; want 2025-10-09", due, err)
		}

		if err := s1.ImportSchedule(ctx, zhifa.Console, schedule2025With(t, s1, "2025-10-09")); err != nil {
			t.Fatal(err)
		}
		if d, err := s2.Day(ctx, day("2025-10-09")); err != nil || d.Type != calendar.RestSwap {
			t.Errorf("s2: 2025-10-09 after s1's import = %+v, %v; want 调休休息", d, err)
		}
		due, err = s2.AddPeriod(ctx, day("2025-10-08"), 1, deadline.Workdays, false)
		if err != nil || due != day("2025-10-10") {
			t.Errorf("s2: 1 working day after 2025-10-08 = %v, %v; want 2025-10-10 (10-09 is now a rest day)", due, err)
		}

		// s1 caches the calendar with its change; s2 then corrects another
		// day. Both services see both changes.
		if _, err := s1.Day(ctx, day("2025-11-03")); err != nil {
			t.Fatal(err)
		}
		sc := schedule2025With(t, s2, "2025-11-03")
		if err := s2.ImportSchedule(ctx, zhifa.Console, sc); err != nil {
			t.Fatal(err)
		}
		for i, s := range []*service.Service{s1, s2} {
			for _, date := range []string{"2025-10-09", "2025-11-03"} {
				if d, err := s.Day(ctx, day(date)); err != nil || d.Type != calendar.RestSwap {
					t.Errorf("s%d: %s = %+v, %v; want 调休休息", i+1, date, d, err)
				}
			}
		}
	})
}
