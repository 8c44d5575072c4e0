package store_test

import (
	"context"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestDocumentNumberUnique: an agency never gives one document number
// twice, whatever the type or year (unique index, both engines); another
// agency may use the same text.
func TestDocumentNumberUnique(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c, _, _ := stateFixture(t, db)
		add := func(agencyID int64, typ string, serial int64, number string) error {
			return db.Write(context.Background(), func(tx *store.Tx) error {
				if err := tx.AddDocumentNumber(&penalty.DocumentNumber{AgencyID: agencyID, DocType: typ, Year: 2026, Serial: serial, Number: number, CaseID: c.ID}); err != nil {
					return err
				}
				_, err := tx.Record(ledger.Event{Type: "case.decide", Object: "case/1", Actor: "system/test"})
				return err
			})
		}
		// The fixture gave 汉阴市监罚〔2026〕2号.
		err := add(c.AgencyID, "notice", 2, "汉阴市监罚〔2026〕2号")
		if zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Fatalf("duplicate number: %v", err)
		}
		if err := add(c.AgencyID, "decision", 3, "汉阴市监罚〔2026〕3号"); err != nil {
			t.Fatal(err)
		}
		n, err := db.Serial(context.Background(), c.AgencyID, "汉阴市监罚〔2026〕")
		if err != nil || n != 0 {
			t.Errorf("AddDocumentNumber touched the sequence: %d %v", n, err)
		}
	})
}
