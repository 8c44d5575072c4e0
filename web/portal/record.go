package portal

import (
	"net/http"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/web/ui"
)

// publicationRecord is the public proof of a published decision (GET
// /publications/{id}/record): its canonical record exactly as `zhifa
// verify` digests it, the event that recorded it with the records that
// event wrote, and the event's inclusion proof (C2SP tlog-proof) against a
// signed checkpoint. `zhifa verify --publication URL` checks it with the
// log's key, and that the portal's JSON shows the same text.
type publicationRecord struct {
	Publication  int64           `json:"publication"`
	Record       canonicalRecord `json:"record"`
	RecordDigest string          `json:"record_digest"`
	EventIndex   int64           `json:"event_index"`
	Event        string          `json:"event"`
	Changes      []recordChange  `json:"changes"`
	Proof        string          `json:"proof"`
	Check        string          `json:"check"`
}

// recordChange is one record an event wrote: table, key and the digest of
// its canonical record ("" when the event removed it).
type recordChange struct {
	Table  string `json:"table"`
	Key    int64  `json:"key"`
	Digest string `json:"digest"`
}

// canonicalRecord is the publication's record: the values of the columns
// the portal shows and the digests of those it does not. Its digest
// (record_digest) is the SHA-256 of the canonical JSON (keys sorted, no
// whitespace) of {"key","row","table","v"} where row maps every column to
// "sha256:" and the SHA-256 of its value's canonical JSON.
type canonicalRecord struct {
	V        int               `json:"v"`
	Table    string            `json:"table"`
	Key      int64             `json:"key"`
	Row      map[string]any    `json:"row"`
	Withheld map[string]string `json:"withheld"`
}

// HandlePublicationRecord serves GET /publications/{id}/record.
func (s *Record) HandlePublicationRecord(w http.ResponseWriter, r *http.Request) error {
	id, err := publicationID(r)
	if err != nil {
		return err
	}
	p, err := s.proof.PublicationProof(r.Context(), s.signer, s.origin, id)
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		err = errPublicationNotFound
	}
	if err != nil {
		return err
	}
	changes := make([]recordChange, 0, len(p.Changes))
	for _, c := range p.Changes {
		changes = append(changes, recordChange{Table: c.Table, Key: c.Key, Digest: c.Digest})
	}
	ui.WriteJSON(w, http.StatusOK, publicationRecord{Publication: id,
		Record:       canonicalRecord{V: p.Version, Table: p.Table, Key: p.Key, Row: p.Row, Withheld: p.Withheld},
		RecordDigest: p.RecordDigest, EventIndex: p.Index, Event: string(p.Leaf), Changes: changes, Proof: string(p.Proof),
		Check: "zhifa verify --publication " + baseURL(r) + "/publications/" + strconv.FormatInt(id, 10)})
	return nil
}
