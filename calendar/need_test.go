package calendar_test

import (
	"reflect"
	"testing"

	"github.com/zhifa/zhifa/calendar"
)

func TestMissingSoon(t *testing.T) {
	builtin := []int{2024, 2025, 2026, 2027}
	for _, tt := range []struct {
		name   string
		loaded []int
		today  string
		within int
		want   []calendar.YearNeed
	}{
		{"mid-year, next year far", builtin, "2027-06-30", calendar.WarnDays, nil},
		{"61 days before the new year", builtin, "2027-10-31", calendar.WarnDays, nil},
		{"60 days before the new year", builtin, "2027-11-02", calendar.WarnDays,
			[]calendar.YearNeed{{Year: 2028, From: d("2028-01-01"), In: 60}}},
		{"December", builtin, "2027-12-20", calendar.WarnDays,
			[]calendar.YearNeed{{Year: 2028, From: d("2028-01-01"), In: 12}}},
		{"31 December", builtin, "2027-12-31", calendar.WarnDays,
			[]calendar.YearNeed{{Year: 2028, From: d("2028-01-01"), In: 1}}},
		{"in a year not loaded", builtin, "2028-01-02", calendar.WarnDays,
			[]calendar.YearNeed{{Year: 2028, From: d("2028-01-02"), In: 0}}},
		{"next year loaded", append(builtin, 2028), "2027-12-20", calendar.WarnDays, nil},
		{"a gap: this year missing, next loaded", []int{2026, 2028}, "2027-12-20", calendar.WarnDays,
			[]calendar.YearNeed{{Year: 2027, From: d("2027-12-20"), In: 0}}},
		{"window across two missing years", []int{2026}, "2026-12-15", 400,
			[]calendar.YearNeed{{Year: 2027, From: d("2027-01-01"), In: 17}, {Year: 2028, From: d("2028-01-01"), In: 382}}},
		{"nothing loaded", nil, "2026-12-01", 0, []calendar.YearNeed{{Year: 2026, From: d("2026-12-01"), In: 0}}},
		{"past years missing do not matter", []int{2027}, "2027-03-01", calendar.WarnDays, nil},
	} {
		got := calendar.MissingSoon(tt.loaded, d(tt.today), tt.within)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: MissingSoon(%v, %s, %d) = %+v, want %+v", tt.name, tt.loaded, tt.today, tt.within, got, tt.want)
		}
		for _, n := range got {
			if n.Now() != (n.In == 0) {
				t.Errorf("%s: %+v.Now() = %v", tt.name, n, n.Now())
			}
		}
	}
}

// TestMissingSoonBuiltin ties the rule to the calendar: when MissingSoon
// names no year, a working-day limit and a rolled limit counted from today
// compute; on the days it names a year, they fail with the missing-year
// error once they reach it.
func TestMissingSoonBuiltin(t *testing.T) {
	c := MustBuiltin(t)
	last := calendar.Date{Y: calendar.BuiltinLastYear, M: 12, D: 31}
	for today := last.Add(-90); !today.After(last); today = today.Add(1) {
		needs := calendar.MissingSoon(c.Years(), today, calendar.WarnDays)
		_, errW := c.AddWorkdays(today, 7)
		_, errD := c.AddDays(today, 15, true)
		if len(needs) == 0 && (errW != nil || errD != nil) {
			t.Errorf("%s: no year missing, yet 7 working days: %v; 15 days rolled: %v", today, errW, errD)
		}
		if (errW != nil || errD != nil) && (len(needs) == 0 || needs[0].In > 30) {
			t.Errorf("%s: limits fail (%v, %v) with the warning %+v: too late", today, errW, errD, needs)
		}
	}
}
