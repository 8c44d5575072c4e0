package service

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
)

// PublicationProof is what anyone needs to check a published decision
// against the log without trusting the portal: the publication's canonical
// record (its public, already-redacted row, as `zhifa verify` digests it),
// the latest event that recorded it, the records that event wrote (table,
// key and digest only), and the event's inclusion proof against a signed
// checkpoint. The columns the portal does not show (an organisation's
// address and phone) are given by their digests only.
type PublicationProof struct {
	Table        string
	Key          int64
	Version      int
	Row          map[string]any    // the columns the portal may show
	Withheld     map[string]string // the others, by column digest
	RecordDigest string
	Index        int64
	Leaf         []byte
	Changes      []store.ChangeEntry
	Proof        []byte
}

// PublicationProof returns the proof of a published decision. A withdrawn
// decision's content was taken down, so it has none: ENOTFOUND, as for a
// publication that is not public.
func (s *Service) PublicationProof(ctx context.Context, signer *ledger.Signer, origin string, id int64) (*PublicationProof, error) {
	p, err := s.DB.FindPublication(ctx, store.PublicationFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if p.Status != zhifa.PublicationPublished {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "只有公示中的决定提供存证核验;已撤回的决定内容已撤下")
	}
	snap, err := s.DB.ReadSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	row, version, idx, err := snap.CurrentRecord(ctx, "publications", id)
	if err == nil && idx >= 0 {
		var changes []store.ChangeEntry
		if changes, err = snap.EventChanges(ctx, idx); err == nil {
			snap.Close()
			return s.publicationProof(ctx, signer, origin, id, row, version, idx, changes)
		}
	}
	snap.Close()
	if err != nil {
		return nil, err
	}
	return nil, zhifa.Errorf(zhifa.ENOTFOUND, "该公示没有台账事件")
}

func (s *Service) publicationProof(ctx context.Context, signer *ledger.Signer, origin string, id int64, row map[string]any, version int, idx int64, changes []store.ChangeEntry) (*PublicationProof, error) {
	withheld := map[string]string{}
	if row["party_kind"] == zhifa.PartyOrganization {
		for _, c := range []string{"address", "party_phone"} {
			d, err := store.ColumnDigest(row[c])
			if err != nil {
				return nil, err
			}
			withheld[c] = d
			delete(row, c)
		}
	}
	d, err := store.RecordDigest("publications", id, version, row, withheld)
	if err != nil {
		return nil, err
	}
	leaf, _, err := s.Event(ctx, idx)
	if err != nil {
		return nil, err
	}
	proof, err := s.Proof(ctx, signer, origin, idx)
	if err != nil {
		return nil, err
	}
	return &PublicationProof{Table: "publications", Key: id, Version: version, Row: row, Withheld: withheld, RecordDigest: d, Index: idx, Leaf: leaf, Changes: changes, Proof: proof}, nil
}
