package zhifa

import (
	"strings"
	"time"
)

// Date is a civil date (a day in China's calendar, no time and no zone): the
// one representation of 日期 in zhifa — certificate validity, deadlines'
// due days, the day a step happened. The zero Date means "not set".
// Stored and exchanged as "YYYY-MM-DD".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// chinaTime is UTC+8, the zone of civil dates in China (no daylight saving).
var chinaTime = time.FixedZone("CST", 8*3600)

// DateOf returns the civil date of instant t in China; the zero time gives
// the zero Date.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	y, m, d := t.In(chinaTime).Date()
	return Date{y, m, d}
}

// DateFromTime returns the date a time value holds as a civil date: the
// calendar day in t's own location (the form in which calendar and deadline
// hold days, UTC midnight). The zero time gives the zero Date.
func DateFromTime(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseCivilDate parses "YYYY-MM-DD" (surrounding space ignored); the second
// result is false for anything else, including "".
func ParseCivilDate(s string) (Date, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Date{}, false
	}
	return DateFromTime(t), true
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as "YYYY-MM-DD", "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Time returns d at UTC midnight, the form the calendar package works in;
// the zero Date gives the zero time.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp(int(d.Month), int(e.Month))
	default:
		return cmp(d.Day, e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// AddDays returns the date n calendar days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return DateFromTime(d.Time().AddDate(0, 0, n)) }

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// CivilDate, ParseDate and FormatDate are the older time.Time form of a
// civil date (UTC midnight), kept while callers move to Date.

// CivilDate returns the calendar day of t in China as a time at UTC
// midnight, the form in which registry dates are held.
func CivilDate(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	if t.Location() != time.UTC || t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		t = t.In(chinaTime)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// ParseDate parses a civil date "YYYY-MM-DD" into UTC midnight; the second
// result is false for anything else (including "").
func ParseDate(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	return t, err == nil
}

// FormatDate formats a civil date as "YYYY-MM-DD", "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}
