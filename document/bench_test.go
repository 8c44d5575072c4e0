//go:build unix

package document

import (
	"syscall"
	"testing"
	"time"
)

func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkDecisionPDF renders 决定书 of the fixture case from the record
// to PDF bytes (template, layout, font subset, QR code), as issuing does.
// docs/benchmarks.md records the rate for 1,000 (go test -bench
// DecisionPDF -benchtime 1000x -cpu 1): docs/s by the wall clock, and
// docs/cpu-s by the process's CPU time, which a shared machine does not
// distort.
func BenchmarkDecisionPDF(b *testing.B) {
	var tp Templates
	src := fixture()
	k, _ := KindOf("decision")
	st := stepOf(src, k)
	if _, err := fontContainer(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu0 := cpuTime(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		blocks, err := tp.Render(k, src, st)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := PDF(blocks, Page{QR: "https://zhifa.example/verify/document/sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(b.N)/(cpuTime(b)-cpu0).Seconds(), "docs/cpu-s")
}

// BenchmarkReferenceSHA256 hashes 1 MiB: a reference measured in the same
// run, which says how fast (or how busy) the machine was.
func BenchmarkReferenceSHA256(b *testing.B) {
	buf := make([]byte, 1<<20)
	b.SetBytes(int64(len(buf)))
	for i := 0; i < b.N; i++ {
		Digests(buf[:len(buf)/2])
	}
}
