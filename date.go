package zhifa

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Date is a civil date (a day in China's calendar: no time, no zone), e.g.
// Date{2025, time.September, 26}: the one representation of 日期 in zhifa —
// certificate validity, working days and deadlines (package calendar's Date
// is this type), the day a step happened. The zero Date means "not set" and
// is not Valid. Dates compare with == and Compare; they are stored and
// exchanged as "YYYY-MM-DD".
type Date struct {
	Y int
	M time.Month
	D int
}

// chinaTime is UTC+8, the zone of civil dates in China (no daylight saving).
var chinaTime = time.FixedZone("CST", 8*3600)

// DateOf returns the civil date of instant t in China; the zero time gives
// the zero Date.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return DateFromTime(t.In(chinaTime))
}

// DateFromTime returns the calendar day of t in t's own location (a civil
// date held as a time at UTC midnight gives that day). The zero time gives
// the zero Date.
func DateFromTime(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseCivilDate parses "YYYY-MM-DD" (surrounding space ignored); the second
// result is false for anything else, including "" and days that do not
// exist. Package calendar's ParseDate says what is wrong, in Chinese.
func ParseCivilDate(s string) (Date, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Date{}, false
	}
	return DateFromTime(t), true
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight at the start of d in loc; the zero Date gives the
// zero time.
func (d Date) Time(loc *time.Location) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, loc)
}

// String formats d as YYYY-MM-DD, "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Y < 0 || d.Y > 9999 || d.M < 0 || d.M > 99 || d.D < 0 || d.D > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Y, int(d.M), d.D)
	}
	b := [10]byte{
		byte('0' + d.Y/1000), byte('0' + d.Y/100%10), byte('0' + d.Y/10%10), byte('0' + d.Y%10), '-',
		byte('0' + int(d.M)/10), byte('0' + int(d.M)%10), '-',
		byte('0' + d.D/10), byte('0' + d.D%10),
	}
	return string(b[:])
}

// ErrInvalidDate is wrapped by every error about a date that does not exist
// (2025-02-30) or is out of the supported range (years 1..9999).
var ErrInvalidDate = errors.New("无效日期")

// MarshalText writes d as YYYY-MM-DD, so Date is a JSON string.
func (d Date) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, fmt.Errorf("%w：%s", ErrInvalidDate, d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := parseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// parseDate parses a date written YYYY-MM-DD, e.g. "2025-09-26"; the error
// says in Chinese what is wrong.
func parseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%w：%q 格式有误，应为 YYYY-MM-DD（如 2025-09-26）", ErrInvalidDate, s)
	}
	y, ok1 := atoi(s[0:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("%w：%q 格式有误，应为 YYYY-MM-DD（如 2025-09-26）", ErrInvalidDate, s)
	}
	date := Date{y, time.Month(m), d}
	if !date.Valid() {
		return Date{}, fmt.Errorf("%w：%s 不存在", ErrInvalidDate, s)
	}
	return date, nil
}

func atoi(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Valid reports whether d is an existing date in years 1..9999.
func (d Date) Valid() bool {
	return d.Y >= 1 && d.Y <= 9999 && d.M >= 1 && d.M <= 12 && d.D >= 1 && d.D <= DaysIn(d.Y, d.M)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// Day 0 (1970-01-01) was a Thursday.
	w := (d.Days() + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// IsWeekend reports whether d is a Saturday or Sunday.
func (d Date) IsWeekend() bool {
	w := d.Weekday()
	return w == time.Saturday || w == time.Sunday
}

// Add returns the date n days after d (before d if n < 0). It is plain date
// arithmetic; package calendar's Calendar.AddDays applies the schedule.
func (d Date) Add(n int) Date { return DateFromDays(d.Days() + n) }

// Sub returns the number of days from e to d (d − e).
func (d Date) Sub(e Date) int { return d.Days() - e.Days() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Y != e.Y:
		return cmp(d.Y, e.Y)
	case d.M != e.M:
		return cmp(int(d.M), int(e.M))
	default:
		return cmp(d.D, e.D)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func DaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Days returns the day number of d: days since 1970-01-01 (proleptic
// Gregorian; H. Hinnant's days_from_civil). d must be Valid.
func (d Date) Days() int {
	y := d.Y
	m := int(d.M)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.D - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// DateFromDays is the inverse of Days (civil_from_days).
func DateFromDays(z int) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), d}
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
