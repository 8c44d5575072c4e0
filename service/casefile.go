package service

import (
	"context"
	"io"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/document"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
)

// ExportCaseFile writes the offline-verifiable package of a case
// (document.WritePack) to w for someone allowed to read the case: its
// issued documents, its evidence files (only their digests when
// digestsOnly), every event of the case with its inclusion proof against
// the one checkpoint signed now, and the verifier key. The export is
// recorded ("casefile.exported"). Errors: ENOTFOUND, EUNAUTHORIZED,
// EFORBIDDEN, EINTERNAL (no file store).
func (s *Service) ExportCaseFile(ctx context.Context, a zhifa.Actor, signer *ledger.Signer, origin string, caseID int64, digestsOnly bool, w io.Writer) error {
	c, err := s.DB.FindCase(ctx, caseID)
	if err != nil {
		return err
	}
	// The console (zhifa casefile export) runs beside the database and its
	// keys, which no grant could keep from it; everyone else must be
	// allowed to read the case.
	if a.System == "" {
		if err := s.authorize(ctx, a, access.CaseRead, c.AgencyID, c.Object()); err != nil {
			return err
		}
	}
	if s.Blobs == nil {
		return zhifa.Errorf(zhifa.EINTERNAL, "证据文件库未配置")
	}
	// The export itself is recorded first, so that the package proves it.
	if err := s.DB.Write(ctx, func(tx *store.Tx) error {
		return recordRecord(tx, "casefile.exported", c.Object(), a, c.AgencyID, map[string]string{"evidence": strconv.FormatBool(!digestsOnly)})
	}); err != nil {
		return err
	}
	cp, size, err := s.Checkpoint(ctx, signer, origin)
	if err != nil {
		return err
	}
	in := document.PackInput{CaseID: c.ID, CaseNumber: c.Number, Origin: origin, VerifierKey: signer.VerifierKey(), Checkpoint: cp}
	idxs, err := s.DB.LeafIndexByObject(ctx, c.Object())
	if err != nil {
		return err
	}
	for _, idx := range idxs {
		if idx >= size {
			continue
		}
		leaves, err := s.DB.ReadLeaves(idx, idx+1)
		if err != nil {
			return err
		}
		p, err := ledger.InclusionProof(s.DB, idx, size)
		if err != nil {
			return err
		}
		in.Events = append(in.Events, document.PackEvent{Index: idx, Leaf: leaves[0], Proof: ledger.FormatProof(idx, p, cp)})
	}
	read := func(digest string) ([]byte, error) {
		f, err := s.Blobs.Open(digest)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return io.ReadAll(f)
	}
	docs, err := s.DB.FindDocuments(ctx, document.Filter{CaseID: c.ID})
	if err != nil {
		return err
	}
	for _, d := range docs {
		b, err := read(d.PDFDigest)
		if err != nil {
			return err
		}
		in.Documents = append(in.Documents, document.PackFile{Name: strconv.FormatInt(d.ID, 10) + "-" + d.KindName() + "-" + d.Status + ".pdf",
			Digest: d.PDFDigest, Data: b, Size: d.Size})
	}
	evs, err := s.DB.FindEvidence(ctx, c.ID, 0)
	if err != nil {
		return err
	}
	for _, e := range evs {
		f := document.PackFile{Name: strconv.FormatInt(e.ID, 10) + "-" + e.Name, Digest: e.Digest, Size: e.Size}
		if !digestsOnly {
			if f.Data, err = read(e.Digest); err != nil {
				return err
			}
		}
		in.Evidence = append(in.Evidence, f)
	}
	return document.WritePack(w, in, signer)
}
