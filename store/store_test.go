package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
	"golang.org/x/mod/sumdb/tlog"
)

func TestMigrateIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		n, err := db.Migrate(ctx)
		if err != nil || n != 0 {
			t.Fatalf("second Migrate = %d, %v; want 0, nil", n, err)
		}
		if err := db.CheckSchema(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func TestOutdatedSchemaRefused(t *testing.T) {
	db, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CheckSchema(context.Background()); !errors.Is(err, store.ErrOutdated) {
		t.Fatalf("CheckSchema on empty db = %v, want ErrOutdated", err)
	}
}

func TestWriteWithoutEventRollsBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.Write(ctx, func(tx *store.Tx) error {
			return tx.CreateAgency(&registry.Agency{Name: "县测试局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB0000000X", Region: "610921"})
		})
		if !errors.Is(err, store.ErrNoEvent) {
			t.Fatalf("Write without event = %v, want ErrNoEvent", err)
		}
		as, _ := db.FindAgencies(ctx, registry.AgencyFilter{})
		if len(as) != 0 {
			t.Fatalf("agency written without its event: %d rows", len(as))
		}
	})
}

func TestFailedWriteLeavesNoEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.Write(ctx, func(tx *store.Tx) error {
			if _, err := tx.Record(ledger.Event{Type: "test", Object: "x/1", Actor: "system/test"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if n, _ := db.LogSize(); n != 0 {
			t.Fatalf("log size after rollback = %d, want 0", n)
		}
	})
}

func TestLedgerAppendMatchesTreeHash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var leaves [][]byte
		for i := 0; i < 300; i++ {
			err := db.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Record(ledger.Event{Type: "test.step", Object: "case/" + string(rune('a'+i%3)), Actor: "user/1"})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		n, _ := db.LogSize()
		if n != 300 {
			t.Fatalf("size = %d", n)
		}
		leaves, err := db.ReadLeaves(0, n)
		if err != nil {
			t.Fatal(err)
		}
		// Recompute the tree from the leaves alone.
		var hashes []tlog.Hash
		for i, l := range leaves {
			hs, err := tlog.StoredHashes(int64(i), l, tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
				out := make([]tlog.Hash, len(idx))
				for j, x := range idx {
					out[j] = hashes[x]
				}
				return out, nil
			}))
			if err != nil {
				t.Fatal(err)
			}
			hashes = append(hashes, hs...)
		}
		want, _ := tlog.TreeHash(n, tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
			out := make([]tlog.Hash, len(idx))
			for j, x := range idx {
				out[j] = hashes[x]
			}
			return out, nil
		}))
		got, err := tlog.TreeHash(n, db)
		if err != nil || got != want {
			t.Fatalf("TreeHash = %v, %v; want %v", got, err, want)
		}
		// Prev links the events of one object.
		e, _ := ledger.DecodeEvent(leaves[3])
		if e.Prev != 0 {
			t.Errorf("event 3 Prev = %d, want 0", e.Prev)
		}
		e, _ = ledger.DecodeEvent(leaves[0])
		if e.Prev != -1 {
			t.Errorf("event 0 Prev = %d, want -1", e.Prev)
		}
	})
}

func TestConcurrentWritesSequence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					errs <- db.Write(ctx, func(tx *store.Tx) error {
						_, err := tx.Record(ledger.Event{Type: "test", Object: "x/1", Actor: "system/test"})
						return err
					})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		n, _ := db.LogSize()
		if _, err := tlog.TreeHash(n, db); err != nil || n != 40 {
			t.Fatalf("size %d, TreeHash err %v", n, err)
		}
	})
}
