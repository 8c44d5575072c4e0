package ledger

import (
	"context"
	"net/http/httptest"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

func BenchmarkAppend(b *testing.B) {
	m := newMemLog()
	e := testEvent(1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Append(m, e); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInclusionProof(b *testing.B) {
	const n = 100_000
	m := MustLog(b, n)
	b.ReportAllocs()
	i := int64(0)
	for b.Loop() {
		if _, err := InclusionProof(m, i%n, n); err != nil {
			b.Fatal(err)
		}
		i += 7919
	}
}

func BenchmarkVerifyCheckpoint(b *testing.B) {
	s := MustSigner(b)
	v := MustVerifier(b)
	msg, err := SignCheckpoint(s, testOrigin, 1_000_000, tlog.RecordHash([]byte("x")))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := OpenCheckpoint(msg, v, testOrigin); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify recomputes and checks a log of 100,000 events with three
// checkpoints, as `zhifa verify` does (the timing that used to be asserted
// in a test: a benchmark measures it without failing on a slow machine).
func BenchmarkVerify(b *testing.B) {
	const n = 100_000
	m := MustLog(b, n, 50_000, n)
	v := MustVerifier(b)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Verify(m, v, testOrigin)
		if err != nil {
			b.Fatal(err)
		}
		if !rep.OK() {
			b.Fatalf("problems: %+v", rep.Problems[:1])
		}
	}
	b.ReportMetric(float64(n), "events/op")
}

// BenchmarkVerifyRemoteSince verifies a served log of 100,000 events from
// its tiles and proves it consistent with a checkpoint saved at 60,000, as
// `zhifa verify --url --since` does.
func BenchmarkVerifyRemoteSince(b *testing.B) {
	const n = 100_000
	m := MustLog(b, n, 60_000, n)
	key := MustSigner(b).VerifierKey()
	srv := httptest.NewServer(Handler(m, m.latest, key))
	defer srv.Close()
	since := m.checkpoints[0].Note
	b.ReportAllocs()
	for b.Loop() {
		rep, err := VerifyRemoteSince(context.Background(), srv.Client(), srv.URL+"/log", key, "", since)
		if err != nil {
			b.Fatal(err)
		}
		if !rep.OK() {
			b.Fatalf("problems: %+v", rep.Problems[:1])
		}
	}
	b.ReportMetric(float64(n), "events/op")
}
