package deadline

import (
	"testing"

	"github.com/zhifa/zhifa/calendar"
)

func TestStandingOf(t *testing.T) {
	d := calendar.MustParseDate
	for _, tc := range []struct {
		due, met, today string
		want            Standing
		code, name      string
	}{
		{"2026-12-07", "", "2026-12-04", Open, "open", "未完成"},
		{"2026-12-07", "", "2026-12-07", DueToday, "today", "未完成,今日到期"},
		{"2026-12-07", "", "2026-12-08", Late, "overdue", "未完成,已逾期"},
		{"2026-12-07", "2026-12-07", "2026-12-20", Done, "met", "已完成"},
		{"2026-12-07", "2026-12-01", "2026-12-20", Done, "met", "已完成"},
		{"2026-12-07", "2026-12-08", "2026-12-08", DoneLate, "late", "逾期完成"},
	} {
		var met calendar.Date
		if tc.met != "" {
			met = d(tc.met)
		}
		got := StandingOf(d(tc.due), met, d(tc.today))
		if got != tc.want || got.Code() != tc.code || got.Name() != tc.name || got.Met() != (tc.met != "") {
			t.Errorf("StandingOf(due %s, met %q, today %s) = %v %q %q; want %v %q %q", tc.due, tc.met, tc.today, got, got.Code(), got.Name(), tc.want, tc.code, tc.name)
		}
	}
	if Standing(0).Code() != "" || Standing(0).Name() != "未知" {
		t.Error("the zero Standing has a code or a name")
	}
}
