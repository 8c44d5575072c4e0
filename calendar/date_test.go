package calendar_test

import (
	"errors"
	"testing"
	"time"

	"github.com/zhifa/zhifa/calendar"
)

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want calendar.Date
		ok   bool
	}{
		{"2025-09-26", calendar.Date{Y: 2025, M: time.September, D: 26}, true},
		{"2024-02-29", calendar.Date{Y: 2024, M: time.February, D: 29}, true},
		{"2025-02-29", calendar.Date{}, false},
		{"2025-9-26", calendar.Date{}, false},
		{"2025/09/26", calendar.Date{}, false},
		{"0000-01-01", calendar.Date{}, false},
		{"2025-13-01", calendar.Date{}, false},
		{"+025-01-01", calendar.Date{}, false},
		{"", calendar.Date{}, false},
	} {
		got, err := calendar.ParseDate(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, calendar.ErrInvalidDate) {
			t.Errorf("ParseDate(%q): error %v does not wrap ErrInvalidDate", tt.in, err)
		}
		if err == nil && got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
	}
}

// TestDateArithmetic checks day numbers, weekdays and conversions against
// package time over four centuries.
func TestDateArithmetic(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	base := calendar.Date{Y: 1900, M: time.January, D: 1}
	bt := base.Time(time.UTC)
	for i := 0; i < 146097*2; i += 7 {
		want := bt.AddDate(0, 0, i)
		got := base.Add(i)
		if got != calendar.DateOf(want) || got.Weekday() != want.Weekday() || got.Sub(base) != i {
			t.Fatalf("base+%d = %s (%s), want %s (%s)", i, got, got.Weekday(), want.Format(time.DateOnly), want.Weekday())
		}
		if !got.Time(loc).Equal(time.Date(got.Y, got.M, got.D, 0, 0, 0, 0, loc)) {
			t.Fatalf("Time(%s)", got)
		}
	}
	a, b := calendar.MustParseDate("2025-01-31"), calendar.MustParseDate("2025-02-01")
	if !a.Before(b) || !b.After(a) || a.Compare(b) != -1 || a.Compare(a) != 0 {
		t.Error("Compare")
	}
	// DateOf takes the date in t's own zone.
	inst := time.Date(2025, 9, 30, 17, 0, 0, 0, time.UTC) // 2025-10-01 01:00 in Beijing
	if got := calendar.DateOf(inst.In(loc)); got != calendar.MustParseDate("2025-10-01") {
		t.Errorf("DateOf = %s", got)
	}
}

func TestDateText(t *testing.T) {
	d := calendar.MustParseDate("2026-01-04")
	b, err := d.MarshalText()
	if err != nil || string(b) != "2026-01-04" {
		t.Fatalf("MarshalText = %q, %v", b, err)
	}
	var e calendar.Date
	if err := e.UnmarshalText(b); err != nil || e != d {
		t.Fatalf("UnmarshalText = %s, %v", e, err)
	}
	if _, err := (calendar.Date{Y: 2025, M: 2, D: 30}).MarshalText(); err == nil {
		t.Error("MarshalText of an invalid date succeeded")
	}
}
