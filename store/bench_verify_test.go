package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// benchEvents is the size of the log BenchmarkVerify1M verifies:
// ZHIFA_BENCH_EVENTS or 1,000,000.
func benchEvents(b *testing.B) int {
	if s := os.Getenv("ZHIFA_BENCH_EVENTS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1000 {
			b.Fatalf("ZHIFA_BENCH_EVENTS=%q: want an integer ≥ 1000", s)
		}
		return n
	}
	return 1_000_000
}

// benchLog returns a SQLite database holding n events and their records —
// cases of 100 steps each, every step with its event, as the services
// write them — building it once under the user's cache directory (it takes
// about a minute for a million events) and reusing it after.
func benchLog(b *testing.B, n int) (*store.DB, *ledger.Signer) {
	b.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "zhifa-bench", fmt.Sprintf("verify-%d-v2", n))
	ctx := context.Background()
	_, statErr := os.Stat(filepath.Join(dir, "complete"))
	db, err := store.Open(ctx, "", dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	signer, err := ledger.LoadOrCreateKey(filepath.Join(dir, "key"), "bench.example/zhifa")
	if err != nil {
		b.Fatal(err)
	}
	if statErr == nil {
		return db, signer
	}
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	clock := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { clock = clock.Add(time.Millisecond); return clock }
	ag := &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", ReviewDays: 5}
	m := &registry.Matter{Name: "销售过期食品", Category: registry.MatterPenalty, Basis: "《中华人民共和国食品安全法》第一百二十四条"}
	u := &identity.User{Username: "o1", Name: "王志强"}
	if err := db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAgency(ag); err != nil {
			return err
		}
		m.AgencyID, u.AgencyID = ag.ID, ag.ID
		if err := tx.CreateMatter(m); err != nil {
			return err
		}
		if err := tx.CreateUser(u, "x"); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "bench.setup", Object: "bench/0", Actor: "system/bench"})
		return err
	}); err != nil {
		b.Fatal(err)
	}
	b.Logf("building a log of %d events in %s", n, dir)
	var c *zhifa.Case
	for made := 1; made < n; {
		err := db.Write(ctx, func(tx *store.Tx) error {
			for i := 0; i < 1000 && made < n; i++ {
				if made%100 == 1 || c == nil {
					serial, err := tx.NextCaseSerial(ag.ID, "汉阴市监案〔2026〕")
					if err != nil {
						return err
					}
					c = &zhifa.Case{AgencyID: ag.ID, MatterID: m.ID, RegisteredBy: u.ID, Number: fmt.Sprintf("汉阴市监案〔2026〕%d号", serial), Stage: "registered",
						Source: "监督检查", Summary: "销售过期食品", Party: zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华", IDNumber: "610921198503124517"}, HandlerIDs: []int64{1, 2}}
					if err := tx.CreateCase(c); err != nil {
						return err
					}
				}
				idx, err := tx.Record(ledger.Event{Type: "case.inquiry", Object: c.Object(), Actor: "user/1", Agency: "1"})
				if err != nil {
					return err
				}
				st := &zhifa.Step{CaseID: c.ID, Action: "inquiry", Stage: "investigating", ActorUserID: u.ID, OfficerIDs: []int64{1, 2},
					Fields: map[string]string{"record": "问:你是否知道货架上的食品已过保质期?答:不知道。第 " + strconv.Itoa(made) + " 次询问。"}, LedgerIndex: idx}
				if err := tx.AddStep(st); err != nil {
					return err
				}
				made++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	size, _ := db.LogSize()
	root, err := tlog.TreeHash(size, db)
	if err != nil {
		b.Fatal(err)
	}
	cp, err := ledger.SignCheckpoint(signer, "bench.example/zhifa", size, root)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.SaveCheckpoint(ctx, size, cp); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o600); err != nil {
		b.Fatal(err)
	}
	return db, signer
}

// peakHeap samples the heap in use until stop is called and returns the
// largest value seen, in bytes.
func peakHeap() (stop func() uint64) {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// BenchmarkVerify1M measures what `zhifa verify` does on a log of a
// million events and their records (ZHIFA_BENCH_EVENTS to change the
// size): the Merkle log (ledger.Verify) and the state (store.VerifyState:
// every event's records and chain, every current row). The reference,
// measured in the same run, is one sequential read of every leaf.
// Metrics: events/s and the peak heap in use during the verification.
func BenchmarkVerify1M(b *testing.B) {
	n := benchEvents(b)
	db, signer := benchLog(b, n)
	ctx := context.Background()
	v, err := note.NewVerifier(signer.VerifierKey())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("reference-read-leaves", func(b *testing.B) {
		for b.Loop() {
			size, _ := db.LogSize()
			for lo := int64(0); lo < size; lo += 2000 {
				if _, err := db.ReadLeaves(lo, min(lo+2000, size)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("ledger", func(b *testing.B) {
		runtime.GC()
		stop := peakHeap()
		for b.Loop() {
			rep, err := ledger.Verify(db, v, "bench.example/zhifa")
			if err != nil || !rep.OK() {
				b.Fatalf("verify: %v %+v", err, rep)
			}
		}
		b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("state", func(b *testing.B) {
		runtime.GC()
		stop := peakHeap()
		for b.Loop() {
			rep, err := db.VerifyState(ctx)
			if err != nil || len(rep.Findings) > 0 {
				b.Fatalf("verify state: %v %+v", err, rep.Findings)
			}
		}
		b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}
