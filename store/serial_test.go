package store_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// serialFixture creates an agency, a matter and a user to register cases
// with.
func serialFixture(t *testing.T, db *store.DB) (ag *registry.Agency, matterID, userID int64) {
	t.Helper()
	ag = &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
	m := &registry.Matter{Name: "销售过期食品", Category: registry.MatterPenalty, Basis: "《中华人民共和国食品安全法》第一百二十四条"}
	u := &identity.User{Username: "o1", Name: "王志强"}
	if err := regWrite(t, db, func(tx *store.Tx) error {
		if err := tx.CreateAgency(ag); err != nil {
			return err
		}
		m.AgencyID, u.AgencyID = ag.ID, ag.ID
		if err := tx.CreateMatter(m); err != nil {
			return err
		}
		return tx.CreateUser(u, "x")
	}); err != nil {
		t.Fatal(err)
	}
	return ag, m.ID, u.ID
}

// registerCase is what the case service does: take the next serial and
// insert the case under that number, in one write with its event.
func registerCase(ctx context.Context, db *store.DB, agencyID, matterID, userID int64, prefix string) (string, error) {
	var number string
	err := db.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.NextCaseSerial(agencyID, prefix)
		if err != nil {
			return err
		}
		c := &zhifa.Case{AgencyID: agencyID, Number: fmt.Sprintf("%s%d号", prefix, n), MatterID: matterID, Stage: "registered",
			Source: "监督检查", Summary: "销售过期食品", Party: zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华"}, HandlerIDs: []int64{1, 2}, RegisteredBy: userID}
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		number = c.Number
		_, err = tx.Record(ledger.Event{Type: "case.registered", Object: fmt.Sprintf("case/%d", c.ID), Actor: "system/test"})
		return err
	})
	return number, err
}

// TestCaseSerialsConcurrent registers 20 cases of one agency at once, on
// both engines: every registration succeeds (no retry, no conflict) and
// the numbers are 1…20, each once. COUNT(*)+1 without a lock failed about
// half of them on PostgreSQL.
func TestCaseSerialsConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag, matterID, userID := serialFixture(t, db)
		const prefix = "汉阴市监案〔2026〕"
		const n = 20
		numbers := make([]string, n)
		errs := make([]error, n)
		var start, wg sync.WaitGroup
		start.Add(1)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				start.Wait()
				numbers[i], errs[i] = registerCase(ctx, db, ag.ID, matterID, userID, prefix)
			}()
		}
		start.Done()
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("concurrent registrations failed: %v", err)
		}
		var want []string
		for i := 1; i <= n; i++ {
			want = append(want, fmt.Sprintf("%s%d号", prefix, i))
		}
		sort.Slice(numbers, func(i, j int) bool {
			return len(numbers[i]) < len(numbers[j]) || len(numbers[i]) == len(numbers[j]) && numbers[i] < numbers[j]
		})
		if fmt.Sprint(numbers) != fmt.Sprint(want) {
			t.Errorf("numbers =\n%v\nwant\n%v", numbers, want)
		}
		cs, err := db.FindCases(ctx, store.CaseFilter{AgencyID: ag.ID})
		if err != nil || len(cs) != n {
			t.Errorf("FindCases = %d cases, %v; want %d", len(cs), err, n)
		}
		// Another prefix (the next year) is its own sequence.
		if got, err := registerCase(ctx, db, ag.ID, matterID, userID, "汉阴市监案〔2027〕"); err != nil || got != "汉阴市监案〔2027〕1号" {
			t.Errorf("first case of 2027 = %q, %v; want 汉阴市监案〔2027〕1号", got, err)
		}
	})
}

// TestSerialRollbackGivesBack: a write that fails after taking a number
// leaves the sequence as it was, so numbers have no gaps.
func TestSerialRollbackGivesBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		fail := errors.New("fail")
		err := db.Write(ctx, func(tx *store.Tx) error {
			if n, err := tx.NextSerial(7, "文书"); err != nil || n != 1 {
				t.Errorf("NextSerial = %d, %v; want 1", n, err)
			}
			return fail
		})
		if !errors.Is(err, fail) {
			t.Fatalf("Write = %v, want %v", err, fail)
		}
		if got, err := db.Serial(ctx, 7, "文书"); err != nil || got != 0 {
			t.Errorf("Serial after rollback = %d, %v; want 0", got, err)
		}
		if err := regWrite(t, db, func(tx *store.Tx) error {
			for want := int64(1); want <= 2; want++ {
				if n, err := tx.NextSerial(7, "文书"); err != nil || n != want {
					t.Errorf("NextSerial = %d, %v; want %d", n, err, want)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Serial(ctx, 7, "文书"); err != nil || got != 2 {
			t.Errorf("Serial = %d, %v; want 2", got, err)
		}
	})
}

// TestSerialsMigrationKeepsNumbering runs migration 0009 over cases
// numbered by the old allocation: each (agency, prefix) continues after its
// highest serial, never below its count, and an unparsable number does not
// break the migration.
func TestSerialsMigrationKeepsNumbering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag, matterID, userID := serialFixture(t, db)
		for _, number := range []string{"汉阴市监案〔2026〕1号", "汉阴市监案〔2026〕7号", "汉阴市监案〔2026〕3号",
			"汉阴市监案〔2025〕12号", "汉阴市监案〔2024〕特1号", "汉阴市监案〔2024〕x号", "无括号编号1号"} {
			if err := regWrite(t, db, func(tx *store.Tx) error {
				return tx.CreateCase(&zhifa.Case{AgencyID: ag.ID, Number: number, MatterID: matterID, Stage: "registered", Source: "监督检查",
					Summary: "销售过期食品", Party: zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华"}, HandlerIDs: []int64{1}, RegisteredBy: userID})
			}); err != nil {
				t.Fatal(err)
			}
		}
		// The database as it was before 0009, with these cases: migrate it.
		m, err := db.MigrationForTest("0009_")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, `DROP TABLE serials; DROP TABLE ledger_identity`); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, m); err != nil {
			t.Fatalf("migration 0009 over existing cases: %v", err)
		}
		for _, c := range []struct {
			prefix string
			want   string
		}{
			{"汉阴市监案〔2026〕", "汉阴市监案〔2026〕8号"},  // after the highest, 7
			{"汉阴市监案〔2025〕", "汉阴市监案〔2025〕13号"}, // after 12
			{"汉阴市监案〔2024〕", "汉阴市监案〔2024〕3号"},  // no serial parsed; after the count, 2
			{"汉阴市监案〔2023〕", "汉阴市监案〔2023〕1号"},  // a new sequence
		} {
			got, err := registerCase(ctx, db, ag.ID, matterID, userID, c.prefix)
			if err != nil || got != c.want {
				t.Errorf("next case of %s = %q, %v; want %s", c.prefix, got, err, c.want)
			}
		}
	})
}

// TestLedgerIdentity: the first claim records the identity, a later one
// gets the recorded identity back and changes nothing.
func TestLedgerIdentity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if id, err := db.LedgerIdentity(ctx); err != nil || id != nil {
			t.Fatalf("LedgerIdentity of a new database = %+v, %v; want nil", id, err)
		}
		first, err := db.ClaimLedgerIdentity(ctx, "a.example/zhifa", "a.example/zhifa+12345678+AAAA")
		if err != nil || first.Origin != "a.example/zhifa" || first.VerifierKey != "a.example/zhifa+12345678+AAAA" || first.Created.IsZero() {
			t.Fatalf("first claim = %+v, %v", first, err)
		}
		second, err := db.ClaimLedgerIdentity(ctx, "b.example/zhifa", "b.example/zhifa+87654321+BBBB")
		if err != nil || *second != *first {
			t.Fatalf("second claim = %+v, %v; want the first %+v", second, err, first)
		}
		got, err := db.LedgerIdentity(ctx)
		if err != nil || *got != *first {
			t.Fatalf("LedgerIdentity = %+v, %v; want %+v", got, err, first)
		}
	})
}
