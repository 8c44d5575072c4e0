package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestReadyWritesNothing: the readiness probe succeeds on a working
// database, adds nothing to the log however often it runs, and fails once
// it cannot run.
func TestReadyWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		before, err := db.LogSize()
		if err != nil {
			t.Fatal(err)
		}
		for range 50 {
			if err := db.Ready(ctx); err != nil {
				t.Fatalf("Ready: %v", err)
			}
		}
		if after, _ := db.LogSize(); after != before {
			t.Fatalf("50 probes grew the log from %d to %d", before, after)
		}
		since := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if n, err := db.UploadedBytes(ctx, 1, 1, since); err != nil || n != 0 {
			t.Fatalf("UploadedBytes on an empty database = %d, %v", n, err)
		}
		if ok, err := db.DigestAttached(ctx, "sha256:"+strings.Repeat("ab", 32)); err != nil || ok {
			t.Fatalf("DigestAttached on an empty database = %v, %v", ok, err)
		}
		canceled, cancel := context.WithCancel(ctx)
		cancel()
		if err := db.Ready(canceled); err == nil {
			t.Fatal("Ready with a canceled context succeeded")
		}
	})
}
