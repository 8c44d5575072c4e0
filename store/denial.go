package store

import (
	"context"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

// RecordDenial appends an access.denied event: a logged-in actor asked for
// op on object (of agencyID, 0 for none) and was refused. It implements
// access.DenialRecorder.
func (db *DB) RecordDenial(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error {
	attrs := map[string]string{"op": string(op)}
	if agencyID != 0 {
		attrs["agency"] = strconv.FormatInt(agencyID, 10)
	}
	agency := ""
	if a.AgencyID != 0 {
		agency = strconv.FormatInt(a.AgencyID, 10)
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.Record(ledger.Event{Type: "access.denied", Object: object, Actor: a.Ref(), Agency: agency, Attrs: attrs})
		return err
	})
}
