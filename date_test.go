package zhifa

import (
	"testing"
	"time"
)

func TestDate(t *testing.T) {
	// 2026-11-30 17:00 UTC is 2026-12-01 01:00 in China.
	if got, want := DateOf(time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)).String(), "2026-12-01"; got != want {
		t.Errorf("DateOf = %s, want %s", got, want)
	}
	if got, want := DateFromTime(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)).String(), "2026-11-30"; got != want {
		t.Errorf("DateFromTime = %s, want %s", got, want)
	}
	for _, tc := range []struct {
		in   string
		ok   bool
		want string
	}{
		{"2026-02-28", true, "2026-02-28"},
		{" 2024-02-29 ", true, "2024-02-29"},
		{"2026-02-29", false, ""},
		{"2026/02/01", false, ""},
		{"", false, ""},
	} {
		d, ok := ParseCivilDate(tc.in)
		if ok != tc.ok || d.String() != tc.want {
			t.Errorf("ParseCivilDate(%q) = %s, %v; want %s, %v", tc.in, d, ok, tc.want, tc.ok)
		}
	}
	a, _ := ParseCivilDate("2026-12-31")
	b := a.Add(1)
	if b.String() != "2027-01-01" || !a.Before(b) || !b.After(a) || a.Compare(a) != 0 {
		t.Errorf("AddDays/Compare: %s %s", a, b)
	}
	if !(Date{}).IsZero() || (Date{}).String() != "" || !(Date{}).Time(time.UTC).IsZero() || !DateOf(time.Time{}).IsZero() {
		t.Error("zero Date")
	}
}
