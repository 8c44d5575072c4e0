package store_test

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// partyColumns reads the stored party columns of case id behind the
// store's back, as someone holding the database would.
func partyColumns(t *testing.T, db *store.DB, id int64) []string {
	t.Helper()
	var v [3]string
	q := `SELECT party_id_number, party_phone, party_address FROM cases WHERE id = ?`
	if db.Dialect() == store.Postgres {
		q = strings.ReplaceAll(q, "?", "$1")
	}
	if err := rawDB(t, db).QueryRow(q, id).Scan(&v[0], &v[1], &v[2]); err != nil {
		t.Fatal(err)
	}
	return v[:]
}

func mustFindCase(t *testing.T, db *store.DB, id int64) *zhifa.Case {
	t.Helper()
	c, err := db.FindCase(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustFieldKeyUse(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	use, err := db.FieldKeyUse(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return use
}

func checkVerifies(t *testing.T, db *store.DB) {
	t.Helper()
	for _, f := range mustVerifyState(t, db).Findings {
		t.Errorf("verify: %+v", f)
	}
}

// TestFieldEncryptionAtRest: a case and its step written with a data key
// are read back in plaintext, while their stored rows hold only ciphertext
// under that key, and verify passes on them.
func TestFieldEncryptionAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		keys, err := store.CreateFieldKeyFile(filepath.Join(t.TempDir(), "data.key"), store.FieldAES)
		if err != nil {
			t.Fatal(err)
		}
		db.SetFieldKeys(keys)
		c, st, _ := stateFixture(t, db)
		want := c.Party
		if got := mustFindCase(t, db, c.ID).Party; got != want {
			t.Errorf("read back %+v, want %+v", got, want)
		}
		steps, err := db.FindSteps(context.Background(), c.ID)
		if err != nil || len(steps) != 1 || !maps.Equal(steps[0].Fields, st.Fields) {
			t.Errorf("steps read back %+v, %v; want fields %v", steps, err, st.Fields)
		}
		var fields string
		if err := rawDB(t, db).QueryRow(`SELECT fields FROM case_steps`).Scan(&fields); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(fields, "enc1:"+keys.Current()+":") || strings.Contains(fields, st.Fields["summary"]) {
			t.Errorf("stored step fields %q, want ciphertext", fields)
		}
		stored := partyColumns(t, db, c.ID)
		for i, plain := range []string{want.IDNumber, want.Phone, want.Address} {
			if !strings.HasPrefix(stored[i], "enc1:"+keys.Current()+":") || strings.Contains(stored[i], plain) {
				t.Errorf("stored column %d = %q, want ciphertext under key %s without %q", i, stored[i], keys.Current(), plain)
			}
		}
		// Party ID number, phone, address, the step's fields, the
		// complaint's subject and content, and the inspection step's fields.
		if got, want := mustFieldKeyUse(t, db), map[string]int{keys.Current(): 7}; !maps.Equal(got, want) {
			t.Errorf("key use %v, want %v", got, want)
		}
		checkVerifies(t, db)

		// Without the key the value is refused, never shown as ciphertext.
		db.SetFieldKeys(nil)
		if _, err := db.FindCase(context.Background(), c.ID); err == nil || !strings.Contains(err.Error(), keys.Current()) {
			t.Errorf("read without the key: err %v, want one naming key %s", err, keys.Current())
		}
	})
}

// TestRotateFieldKeys: plaintext rows (a case and its step) of a database from before
// encryption are read as they are and encrypted by a rotation; a second
// rotation moves every value to the new key version, one event per batch,
// and verify passes after each.
func TestRotateFieldKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c, _, _ := stateFixture(t, db) // no keys: plaintext, as before encryption
		want := c.Party
		path := filepath.Join(t.TempDir(), "data.key")
		k1, err := store.CreateFieldKeyFile(path, store.FieldAES)
		if err != nil {
			t.Fatal(err)
		}
		db.SetFieldKeys(k1)
		if got := mustFindCase(t, db, c.ID).Party; got != want {
			t.Errorf("plaintext row read as %+v, want %+v", got, want)
		}
		if got := mustFieldKeyUse(t, db); !maps.Equal(got, map[string]int{"": 7}) {
			t.Errorf("key use before rotation %v, want 7 plaintext", got)
		}
		rotate := func(k *store.FieldKeys, wantRows int) {
			t.Helper()
			before, _ := db.LogSize()
			rewritten, err := db.RotateFieldKeys(ctx, k, "system/console", 1)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, rows := range rewritten {
				n += rows
			}
			after, _ := db.LogSize()
			if n != wantRows || after-before != int64(wantRows) {
				t.Errorf("rotation rewrote %d rows in %d events, want %d and %d", n, after-before, wantRows, wantRows)
			}
			if wantRows > 0 {
				leaves, err := db.ReadLeaves(after-1, after)
				if err != nil {
					t.Fatal(err)
				}
				e, err := ledger.DecodeEvent(leaves[0])
				if err != nil || e.Type != "data_key.rotated" || e.Attrs["key"] != k.Current() || e.Digest == "" {
					t.Errorf("rotation event %+v (%v), want data_key.rotated to %s digesting its rows", e, err, k.Current())
				}
			}
			if got := mustFieldKeyUse(t, db); !maps.Equal(got, map[string]int{k.Current(): 7}) {
				t.Errorf("key use after rotation to %s: %v", k.Current(), got)
			}
			if got := mustFindCase(t, db, c.ID).Party; got != want {
				t.Errorf("after rotation read %+v, want %+v", got, want)
			}
			checkVerifies(t, db)
		}
		rotate(k1, 4) // the case, its step, the complaint and the inspection step, one event each (batches of 1)
		rotate(k1, 0) // nothing left to rewrite: no event

		k2, err := store.AddFieldKey(path, store.FieldSM4)
		if err != nil {
			t.Fatal(err)
		}
		if ids := k2.IDs(); len(ids) != 2 || ids[0] != k1.Current() || k2.Current() == k1.Current() {
			t.Fatalf("key ring after adding a key: %v (current %s)", ids, k2.Current())
		}
		db.SetFieldKeys(k2)
		if got := mustFindCase(t, db, c.ID).Party; got != want { // old version still read
			t.Errorf("before the second rotation read %+v, want %+v", got, want)
		}
		rotate(k2, 4)
		for _, v := range partyColumns(t, db, c.ID) {
			if strings.Contains(v, k1.Current()) {
				t.Errorf("stored %q still names the old key %s", v, k1.Current())
			}
		}
		// The new version alone now reads every row.
		reloaded, err := store.LoadFieldKeyFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(reloaded.FileTextForTest()), "\n")
		only2, err := store.ParseFieldKeys(lines[len(lines)-1])
		if err != nil {
			t.Fatal(err)
		}
		db.SetFieldKeys(only2)
		if got := mustFindCase(t, db, c.ID).Party; got != want {
			t.Errorf("with the new key alone read %+v, want %+v", got, want)
		}
	})
}
