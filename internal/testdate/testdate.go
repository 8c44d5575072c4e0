// Package testdate gives zhifa's tests their "today", so that no test reads
// the wall clock and the whole suite can be run as of any date:
//
//	ZHIFA_TEST_TODAY=2027-02-04 go test ./...
//
// Without ZHIFA_TEST_TODAY the date is Default, so `go test ./...` gives the
// same result on every day. Tests about "today" (a demo story, a clock a
// service runs on, a certificate valid "now") take their date from here;
// tests of a given fact of the calendar (国庆 2025, 春节 2026) keep the dates
// the fact is about, with their own fixed clock.
//
// The package imports only the standard library, so that every package's
// tests may use it (the calendar's own included).
package testdate

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// Env is the environment variable holding the test date, YYYY-MM-DD.
const Env = "ZHIFA_TEST_TODAY"

// Default is the test date when Env is unset: a plain working day, away
// from any holiday block.
const Default = "2026-11-26"

// China is the zone of civil dates in China (UTC+8, no daylight saving).
var China = time.FixedZone("CST", 8*3600)

// Parse parses a test date written YYYY-MM-DD, as midnight in China.
func Parse(s string) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, s, China)
	if err != nil || d.Format(time.DateOnly) != s {
		return time.Time{}, fmt.Errorf("%s=%q: want a date written YYYY-MM-DD", Env, s)
	}
	return d, nil
}

// Today returns midnight, China time, of the test date: the value of Env, or
// Default. A malformed Env fails the test.
func Today(tb testing.TB) time.Time {
	tb.Helper()
	s := os.Getenv(Env)
	if s == "" {
		s = Default
	}
	d, err := Parse(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// String returns the test date written YYYY-MM-DD.
func String(tb testing.TB) string {
	tb.Helper()
	return Today(tb).Format(time.DateOnly)
}

// Now returns 10:00, China time, of the test date: office hours, so that a
// test's "now" is on the test date in every zone a test converts it to.
func Now(tb testing.TB) time.Time {
	tb.Helper()
	return Today(tb).Add(10 * time.Hour)
}

// Clock returns a clock that reads Now, for a service or a database under
// test. It does not move: a test that needs time to pass sets its own.
func Clock(tb testing.TB) func() time.Time {
	tb.Helper()
	now := Now(tb)
	return func() time.Time { return now }
}
