// Package stopwatch measures how long something took, for benchmarks.
//
// Tests never read the wall clock (internal/testdate gives them their date,
// and TestNoWallClockInTests in the root package enforces it by scanning
// every _test.go file for time.Now, time.Since and time.Until). A benchmark
// still needs a latency: a Watch gives a monotonic duration and never a time
// of day, so no result can depend on the date a benchmark runs.
package stopwatch

import "time"

// Watch is a started stopwatch.
type Watch struct{ start time.Time }

// Start starts a stopwatch.
func Start() Watch { return Watch{start: time.Now()} }

// Elapsed is the monotonic time since Start.
func (w Watch) Elapsed() time.Duration { return time.Since(w.start) }
