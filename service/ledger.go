package service

import (
	"context"
	"fmt"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
	"golang.org/x/mod/sumdb/tlog"
)

// Checkpoint signs a checkpoint of the current log if the log has grown
// since the latest one, and returns the latest signed checkpoint and its
// size.
func (s *Service) Checkpoint(ctx context.Context, signer *ledger.Signer, origin string) ([]byte, int64, error) {
	note, size, err := s.DB.LatestCheckpoint(ctx)
	if err != nil {
		return nil, 0, err
	}
	n, err := s.DB.LogSize()
	if err != nil {
		return nil, 0, err
	}
	if n == 0 || n == size {
		return note, size, nil
	}
	root, err := tlog.TreeHash(n, s.DB)
	if err != nil {
		return nil, 0, fmt.Errorf("tree hash: %w", err)
	}
	note, err = ledger.SignCheckpoint(signer, origin, n, root)
	if err != nil {
		return nil, 0, err
	}
	if err := s.DB.SaveCheckpoint(ctx, n, note); err != nil {
		return nil, 0, err
	}
	s.metrics().CheckpointSigned(n, s.Now())
	return note, n, nil
}

// Proof returns the inclusion proof of event index in the C2SP tlog-proof
// text format, against a signed checkpoint that covers it (signing a new
// one if needed). Proofs are public: leaves carry no personal data.
func (s *Service) Proof(ctx context.Context, signer *ledger.Signer, origin string, index int64) ([]byte, error) {
	note, size, err := s.DB.LatestCheckpoint(ctx)
	if err != nil {
		return nil, err
	}
	if index < 0 {
		return nil, zhifa.Invalid(map[string]string{"index": "事件序号不能为负数"})
	}
	if index >= size {
		if note, size, err = s.Checkpoint(ctx, signer, origin); err != nil {
			return nil, err
		}
	}
	if index >= size {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "台账中没有序号为 %d 的事件", index)
	}
	p, err := ledger.InclusionProof(s.DB, index, size)
	if err != nil {
		return nil, err
	}
	return ledger.FormatProof(index, p, note), nil
}

// Event returns the stored leaf of event index and its decoding.
func (s *Service) Event(ctx context.Context, index int64) ([]byte, ledger.Event, error) {
	n, err := s.DB.LogSize()
	if err != nil {
		return nil, ledger.Event{}, err
	}
	if index < 0 || index >= n {
		return nil, ledger.Event{}, zhifa.Errorf(zhifa.ENOTFOUND, "台账中没有序号为 %d 的事件", index)
	}
	leaves, err := s.DB.ReadLeaves(index, index+1)
	if err != nil {
		return nil, ledger.Event{}, err
	}
	e, err := ledger.DecodeEvent(leaves[0])
	return leaves[0], e, err
}

// recordRecord appends the event of a change. The store gives it the digest
// of the rows the transaction wrote, built from the stored rows: the leaf
// carries no plaintext, and the record can be checked against it at any
// time.
func recordRecord(tx *store.Tx, typ, object string, a zhifa.Actor, agencyID int64, attrs map[string]string) error {
	_, err := tx.Record(ledger.Event{Type: typ, Object: object, Actor: a.Ref(), Agency: itoa(agencyID), Attrs: attrs})
	return err
}
