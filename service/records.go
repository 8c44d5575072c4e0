package service

import (
	"context"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/store"
)

// records is publicity.Records over the store's canonical records and the
// service's ledger proofs.
type records struct{ s *Service }

// CurrentRecord reads the record and the changes of its latest event from
// one snapshot, so that they agree.
func (r records) CurrentRecord(ctx context.Context, table string, key int64) (map[string]any, int, int64, []publicity.RecordChange, error) {
	snap, err := r.s.DB.ReadSnapshot(ctx)
	if err != nil {
		return nil, 0, 0, nil, err
	}
	defer snap.Close()
	row, version, idx, err := snap.CurrentRecord(ctx, table, key)
	if err != nil || idx < 0 {
		return row, version, idx, nil, err
	}
	entries, err := snap.EventChanges(ctx, idx)
	if err != nil {
		return nil, 0, 0, nil, err
	}
	changes := make([]publicity.RecordChange, len(entries))
	for i, e := range entries {
		changes[i] = publicity.RecordChange{Table: e.Table, Key: e.Key, Digest: e.Digest}
	}
	return row, version, idx, changes, nil
}

func (records) ColumnDigest(v any) (string, error) { return store.ColumnDigest(v) }

func (records) RecordDigest(table string, key int64, version int, shown map[string]any, withheld map[string]string) (string, error) {
	return store.RecordDigest(table, key, version, shown, withheld)
}

func (r records) Event(ctx context.Context, index int64) ([]byte, ledger.Event, error) {
	return r.s.Event(ctx, index)
}

func (r records) Proof(ctx context.Context, signer *ledger.Signer, origin string, index int64) ([]byte, error) {
	return r.s.Proof(ctx, signer, origin, index)
}
