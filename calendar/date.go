package calendar

import (
	"time"

	"github.com/zhifa/zhifa"
)

// Date is a civil date (no time, no zone), e.g. Date{Y: 2025, M:
// time.September, D: 26}: zhifa's one Date type. The zero Date is invalid.
// Dates compare with == and Compare.
type Date = zhifa.Date

// ErrInvalidDate is wrapped by every error about a date that does not exist
// (2025-02-30) or is out of the supported range (years 1..9999).
var ErrInvalidDate = zhifa.ErrInvalidDate

// ParseDate parses a date written YYYY-MM-DD, e.g. "2025-09-26"; the error
// says in Chinese what is wrong.
func ParseDate(s string) (Date, error) {
	var d Date
	err := d.UnmarshalText([]byte(s))
	return d, err
}

// MustParseDate is ParseDate for constants and tests; it panics on error.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the civil date of t in t's location. Pass times in the
// agency's zone (Asia/Shanghai): the date of an instant depends on it.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Y: y, M: m, D: d}
}
