package store_test

import (
	"context"
	"testing"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// BenchmarkLedgerAppendSQLite measures one ledger event per durable
// transaction (WAL, synchronous=FULL) on SQLite, the county deployment.
func BenchmarkLedgerAppendSQLite(b *testing.B) {
	db := storetest.MustOpenSQLite(b)
	benchAppend(b, db)
}

// BenchmarkLedgerAppendPostgres is the same on PostgreSQL when
// ZHIFA_TEST_POSTGRES is set.
func BenchmarkLedgerAppendPostgres(b *testing.B) {
	db := storetest.MustOpenPostgres(b)
	if db == nil {
		b.Skip("未设置 ZHIFA_TEST_POSTGRES")
	}
	benchAppend(b, db)
}

func benchAppend(b *testing.B, db *store.DB) {
	ctx := context.Background()
	// No Digest: the store computes it from the records an event writes,
	// and this event writes none; the benchmark measures the append alone.
	e := ledger.Event{Type: "case.step_recorded", Object: "case/1", Actor: "user/7", Agency: "2"}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		err := db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Record(e)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkLedgerAppendSQLiteConcurrent is the same with 16 concurrent
// writers (officers recording at once): writes are group-committed, each
// still one transaction with its own event, durable when Write returns.
func BenchmarkLedgerAppendSQLiteConcurrent(b *testing.B) {
	db := storetest.MustOpenSQLite(b)
	ctx := context.Background()
	// No Digest: the store computes it from the records an event writes,
	// and this event writes none; the benchmark measures the append alone.
	e := ledger.Event{Type: "case.step_recorded", Object: "case/1", Actor: "user/7", Agency: "2"}
	b.SetParallelism(8)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			err := db.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Record(e)
				return err
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
