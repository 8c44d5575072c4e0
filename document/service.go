package document

import (
	"bytes"
	"context"
	"errors"
	"image"
	_ "image/png" // agency seals are PNG files
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
)

// Store is the storage of documents; package store implements it
// (store.DocumentStore).
type Store interface {
	// FindCase returns case id or ENOTFOUND.
	FindCase(ctx context.Context, id int64) (*zhifa.Case, error)
	// FindSteps returns the steps of a case in order.
	FindSteps(ctx context.Context, caseID int64) ([]*zhifa.Step, error)
	FindAgency(ctx context.Context, id int64) (*registry.Agency, error)
	FindOfficers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error)
	// FindDocuments returns the documents matching f, oldest first.
	FindDocuments(ctx context.Context, f Filter) ([]*Document, error)
	// Write runs fn in one transaction, which must record a ledger event.
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction of documents; *store.Tx implements it.
type Tx interface {
	FindDocuments(ctx context.Context, f Filter) ([]*Document, error)
	// CreateDocument inserts d and sets its ID and times.
	CreateDocument(d *Document) error
	// SetDocumentStatus stores d's status.
	SetDocumentStatus(d *Document) error
	// Record appends e to the ledger inside the transaction; the store
	// sets its digest from the records the transaction wrote.
	Record(e ledger.Event) (int64, error)
}

// Service issues, lists, serves and checks documents. It holds no state
// of its own but the parsed templates.
type Service struct {
	Store     Store
	Templates *Templates
	// Blobs returns the evidence file store, nil when none is configured.
	Blobs  func() *blob.Store
	Signer Signer // nil: documents cannot be issued
	// PublicURL is the portal's address the QR code leads to, e.g.
	// "https://zhifa.example.gov.cn"; "" writes the path only.
	PublicURL string
	Guard     access.Guard
	Now       func() time.Time
	Log       *slog.Logger
}

// Item is a document a case can issue or has issued: its kind and step,
// and the issued documents (the standing one last).
type Item struct {
	Kind   Kind
	Step   *zhifa.Step
	Issued []*Document
}

// Standing returns the issued document that still stands, or nil.
func (it Item) Standing() *Document {
	for _, d := range it.Issued {
		if d.Status == StatusIssued {
			return d
		}
	}
	return nil
}

// Rendered is a document rendered from the record.
type Rendered struct {
	Kind          Kind
	Step          *zhifa.Step
	Blocks        []Block
	ContentDigest string
}

func (s *Service) templates() *Templates {
	if s.Templates == nil {
		s.Templates = &Templates{}
	}
	return s.Templates
}

// source reads what a case's documents are made from, once the actor may
// read the case.
func (s *Service) source(ctx context.Context, a zhifa.Actor, caseID int64) (Source, error) {
	c, err := s.Store.FindCase(ctx, caseID)
	if err != nil {
		return Source{}, err
	}
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, c.AgencyID, c.Object()); err != nil {
		return Source{}, err
	}
	steps, err := s.Store.FindSteps(ctx, caseID)
	if err != nil {
		return Source{}, err
	}
	ag, err := s.Store.FindAgency(ctx, c.AgencyID)
	if err != nil {
		return Source{}, err
	}
	offs, err := s.Store.FindOfficers(ctx, registry.OfficerFilter{AgencyID: &c.AgencyID})
	if err != nil {
		return Source{}, err
	}
	issued, err := s.Store.FindDocuments(ctx, Filter{CaseID: caseID})
	if err != nil {
		return Source{}, err
	}
	src := Source{Case: c, Steps: steps, Issued: issued, Agency: ag, Officers: map[int64]*registry.Officer{}}
	for _, o := range offs {
		src.Officers[o.ID] = o
	}
	return src, nil
}

// Items lists the documents of a case: one item per step that produces a
// document, with the documents issued for it. Errors: ENOTFOUND,
// EUNAUTHORIZED, EFORBIDDEN.
func (s *Service) Items(ctx context.Context, a zhifa.Actor, caseID int64) ([]Item, error) {
	src, err := s.source(ctx, a, caseID)
	if err != nil {
		return nil, err
	}
	docs, err := s.Store.FindDocuments(ctx, Filter{CaseID: caseID})
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, k := range Kinds {
		for _, st := range src.Steps {
			if st.Action != k.Action {
				continue
			}
			it := Item{Kind: k, Step: st}
			for _, d := range docs {
				if d.Kind == k.Code && d.StepID == st.ID {
					it.Issued = append(it.Issued, d)
				}
			}
			out = append(out, it)
		}
	}
	return out, nil
}

func stepByID(steps []*zhifa.Step, id int64) *zhifa.Step {
	for _, st := range steps {
		if st.ID == id {
			return st
		}
	}
	return nil
}

func (s *Service) render(src Source, kind string, stepID int64) (*Rendered, error) {
	k, ok := KindOf(kind)
	if !ok {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "没有文书种类“%s”", kind)
	}
	st := stepByID(src.Steps, stepID)
	if st == nil || st.Action != k.Action {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "本案没有可制作%s的环节记录", k.Name)
	}
	blocks, err := s.templates().Render(k, src, st)
	if err != nil {
		return nil, err
	}
	return &Rendered{Kind: k, Step: st, Blocks: blocks, ContentDigest: contentDigest(k, src.Case.ID, st.ID, Text(blocks))}, nil
}

// Preview renders a document of a case from the record as it stands, for
// the browser preview. Errors: ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (s *Service) Preview(ctx context.Context, a zhifa.Actor, caseID int64, kind string, stepID int64) (*Rendered, error) {
	src, err := s.source(ctx, a, caseID)
	if err != nil {
		return nil, err
	}
	return s.render(src, kind, stepID)
}

// QRText is what a document's QR code says: the address of its public
// check.
func (s *Service) QRText(contentDigest string) string {
	return s.PublicURL + "/verify/document/" + contentDigest
}

// seal returns the agency's seal image, a PNG file seal-<agency id>.png in
// the template directory, or nil.
func (s *Service) seal(agencyID int64) (image.Image, error) {
	dir := s.templates().Dir
	if dir == "" {
		return nil, nil
	}
	f, err := os.Open(filepath.Join(dir, "seal-"+strconv.FormatInt(agencyID, 10)+".png"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	return img, err
}

// Issue issues a document of a case for one of its steps: it renders it
// from the record, stores the PDF in the evidence file store, signs its
// digests with the agency's key and records "document.issued" with them
// in one transaction. The document is then frozen. A document of the same
// step that still stands must be named in replaces (a correction), which
// then stands corrected; a correction must change the content. Errors:
// ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN, ECONFLICT, EINTERNAL (no file store
// or key).
func (s *Service) Issue(ctx context.Context, a zhifa.Actor, caseID int64, kind string, stepID, replaces int64) (*Document, error) {
	src, err := s.source(ctx, a, caseID)
	if err != nil {
		return nil, err
	}
	c := src.Case
	if !access.Allowed(a, access.CaseStep, c.AgencyID) && !access.Allowed(a, access.CaseApprove, c.AgencyID) &&
		!access.Allowed(a, access.CaseDecide, c.AgencyID) {
		return nil, s.Guard.Authorize(ctx, a, access.CaseStep, c.AgencyID, c.Object())
	}
	r, err := s.render(src, kind, stepID)
	if err != nil {
		return nil, err
	}
	if s.Signer == nil {
		return nil, zhifa.Errorf(zhifa.EINTERNAL, "文书签名密钥未配置")
	}
	var blobs *blob.Store
	if s.Blobs != nil {
		blobs = s.Blobs()
	}
	if blobs == nil {
		return nil, zhifa.Errorf(zhifa.EINTERNAL, "证据文件库未配置")
	}
	seal, err := s.seal(c.AgencyID)
	if err != nil {
		return nil, err
	}
	pdf, err := PDF(r.Blocks, Page{QR: s.QRText(r.ContentDigest), Seal: seal})
	if err != nil {
		return nil, err
	}
	info, err := blobs.Put(bytes.NewReader(pdf), int64(len(pdf))+1)
	if err != nil {
		return nil, err
	}
	d := &Document{CaseID: c.ID, AgencyID: c.AgencyID, AgencyName: c.AgencyName, StepID: r.Step.ID, Kind: r.Kind.Code,
		Number: build(r.Kind, src, r.Step).Number, ContentDigest: r.ContentDigest, Size: int64(len(pdf)),
		Replaces: replaces, Status: StatusIssued, IssuedBy: a.UserID}
	d.PDFDigest, d.PDFSM3 = Digests(pdf)
	if info.Digest != d.PDFDigest {
		return nil, errors.New("document: the file store's digest differs from the PDF's")
	}
	sig, err := s.Signer.SignNote(signedText(d))
	if err != nil {
		return nil, err
	}
	d.Signature = string(sig)
	err = s.Store.Write(ctx, func(tx Tx) error {
		prior, err := tx.FindDocuments(ctx, Filter{CaseID: c.ID})
		if err != nil {
			return err
		}
		var old *Document
		for _, p := range prior {
			if p.ContentDigest == d.ContentDigest {
				return zhifa.Errorf(zhifa.ECONFLICT, "%s内容与已出具的文书(%s)相同,无需重新出具", r.Kind.Name, p.Created.Format("2006-01-02"))
			}
			if p.Kind == d.Kind && p.StepID == d.StepID && p.Status == StatusIssued {
				old = p
			}
		}
		switch {
		case old != nil && replaces != old.ID:
			return zhifa.Errorf(zhifa.ECONFLICT, "本环节的%s已出具且有效:更正须出具新文书并注明所更正的文书(replaces)", r.Kind.Name)
		case old == nil && replaces != 0:
			return zhifa.Invalid(map[string]string{"replaces": "所更正的文书不是本环节有效的" + r.Kind.Name})
		}
		if old != nil {
			old.Status = StatusCorrected
			if err := tx.SetDocumentStatus(old); err != nil {
				return err
			}
		}
		if err := tx.CreateDocument(d); err != nil {
			return err
		}
		attrs := map[string]string{"document": strconv.FormatInt(d.ID, 10), "kind": d.Kind, "step": strconv.FormatInt(d.StepID, 10),
			"content": d.ContentDigest, "sm3": d.PDFSM3}
		if old != nil {
			attrs["replaces"] = strconv.FormatInt(old.ID, 10)
		}
		_, err = tx.Record(ledger.Event{Type: "document.issued", Object: c.Object(), Actor: a.Ref(),
			Agency: strconv.FormatInt(c.AgencyID, 10), Files: []string{d.PDFDigest}, Attrs: attrs})
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// Open opens an issued document's PDF, its stored bytes (never a new
// rendering), for someone allowed to read its case. The caller closes it.
// Errors: ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (s *Service) Open(ctx context.Context, a zhifa.Actor, caseID, id int64) (*Document, io.ReadCloser, error) {
	c, err := s.Store.FindCase(ctx, caseID)
	if err != nil {
		return nil, nil, err
	}
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, c.AgencyID, c.Object()); err != nil {
		return nil, nil, err
	}
	ds, err := s.Store.FindDocuments(ctx, Filter{ID: id, CaseID: caseID})
	if err != nil {
		return nil, nil, err
	}
	if len(ds) == 0 {
		return nil, nil, zhifa.Errorf(zhifa.ENOTFOUND, "文书不存在")
	}
	var blobs *blob.Store
	if s.Blobs != nil {
		blobs = s.Blobs()
	}
	if blobs == nil {
		return nil, nil, zhifa.Errorf(zhifa.EINTERNAL, "证据文件库未配置")
	}
	f, err := blobs.Open(ds[0].PDFDigest)
	if err != nil {
		return nil, nil, err
	}
	return ds[0], f, nil
}
