package ledger

import (
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
