package stopwatch_test

import (
	"testing"

	"github.com/zhifa/zhifa/internal/stopwatch"
)

func TestElapsedGrows(t *testing.T) {
	w := stopwatch.Start()
	a := w.Elapsed()
	sum := 0
	for i := range 1_000_000 {
		sum += i
	}
	b := w.Elapsed()
	if a < 0 || b < a {
		t.Fatalf("elapsed went backwards: %v then %v (sum %d)", a, b, sum)
	}
}
