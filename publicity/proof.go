package publicity

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
)

// Records is the log's side of a publication's proof; package service
// implements it over the store's canonical records and the ledger.
type Records interface {
	// CurrentRecord returns, from one consistent read, the canonical record
	// of table's row key as `zhifa verify` digests it (its column values and
	// version), the index of the latest event that wrote it (-1: none), and
	// the records that event wrote.
	CurrentRecord(ctx context.Context, table string, key int64) (row map[string]any, version int, index int64, changes []RecordChange, err error)
	// ColumnDigest is the digest of one column's value in a record.
	ColumnDigest(v any) (string, error)
	// RecordDigest is the digest of a record given by the values of the
	// columns shown and the column digests of those withheld.
	RecordDigest(table string, key int64, version int, shown map[string]any, withheld map[string]string) (string, error)
	// Event returns the stored leaf of event index.
	Event(ctx context.Context, index int64) ([]byte, ledger.Event, error)
	// Proof returns the inclusion proof of event index against a signed
	// checkpoint that covers it.
	Proof(ctx context.Context, signer *ledger.Signer, origin string, index int64) ([]byte, error)
}

// RecordChange is one record an event digests: the table, the key and the
// digest of the record's canonical content after the event ("" when the
// event removed it).
type RecordChange struct {
	Table  string
	Key    int64
	Digest string
}

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
	Changes      []RecordChange
	Proof        []byte
}

// PublicationProof returns the proof of a published decision. A withdrawn
// decision's content was taken down, so it has none: ENOTFOUND, as for a
// publication that is not public.
func (s *Service) PublicationProof(ctx context.Context, signer *ledger.Signer, origin string, id int64) (*PublicationProof, error) {
	p, err := s.Store.FindPublication(ctx, PublicationFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if !p.Published() {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "只有公示中的决定提供存证核验;已撤回的决定内容已撤下")
	}
	row, version, idx, changes, err := s.Records.CurrentRecord(ctx, "publications", id)
	if err != nil {
		return nil, err
	}
	if idx < 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "该公示没有台账事件")
	}
	withheld := map[string]string{}
	if row["party_kind"] == zhifa.PartyOrganization {
		for _, c := range []string{"address", "party_phone"} {
			d, err := s.Records.ColumnDigest(row[c])
			if err != nil {
				return nil, err
			}
			withheld[c] = d
			delete(row, c)
		}
	}
	d, err := s.Records.RecordDigest("publications", id, version, row, withheld)
	if err != nil {
		return nil, err
	}
	leaf, _, err := s.Records.Event(ctx, idx)
	if err != nil {
		return nil, err
	}
	proof, err := s.Records.Proof(ctx, signer, origin, idx)
	if err != nil {
		return nil, err
	}
	return &PublicationProof{Table: "publications", Key: id, Version: version, Row: row, Withheld: withheld, RecordDigest: d, Index: idx, Leaf: leaf, Changes: changes, Proof: proof}, nil
}
