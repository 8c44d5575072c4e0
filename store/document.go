package store

import (
	"context"
	"database/sql"

	"github.com/zhifa/zhifa/document"
)

// DocumentStore returns db as the storage of the document context.
func DocumentStore(db *DB) document.Store { return documentStore{db} }

// documentStore adapts Write to the document context's Tx; the reads are
// db's own.
type documentStore struct{ *DB }

// Write runs fn in one of db's write transactions.
func (s documentStore) Write(ctx context.Context, fn func(document.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

const documentColumns = `d.id, d.case_id, d.agency_id, COALESCE(a.name, ''), d.step_id, d.kind, d.number, d.content_digest, d.pdf_digest, d.pdf_sm3,
	d.size, d.signature, d.replaces, d.status, d.issued_by, d.created, d.updated`

func scanDocument(s interface{ Scan(...any) error }) (*document.Document, error) {
	var d document.Document
	var replaces sql.NullInt64
	var created, updated string
	if err := s.Scan(&d.ID, &d.CaseID, &d.AgencyID, &d.AgencyName, &d.StepID, &d.Kind, &d.Number, &d.ContentDigest, &d.PDFDigest, &d.PDFSM3,
		&d.Size, &d.Signature, &replaces, &d.Status, &d.IssuedBy, &created, &updated); err != nil {
		return nil, err
	}
	d.Replaces = replaces.Int64
	d.Created, d.Updated = parseTime(created), parseTime(updated)
	return &d, nil
}

// FindDocuments returns the issued documents matching f, oldest first.
func (c *conn) FindDocuments(ctx context.Context, f document.Filter) ([]*document.Document, error) {
	q := `SELECT ` + documentColumns + ` FROM documents d LEFT JOIN agencies a ON a.id = d.agency_id WHERE 1=1`
	var args []any
	if f.ID != 0 {
		q += ` AND d.id = ?`
		args = append(args, f.ID)
	}
	if f.CaseID != 0 {
		q += ` AND d.case_id = ?`
		args = append(args, f.CaseID)
	}
	if f.ContentDigest != "" {
		q += ` AND d.content_digest = ?`
		args = append(args, f.ContentDigest)
	}
	if f.PDFDigest != "" {
		q += ` AND d.pdf_digest = ?`
		args = append(args, f.PDFDigest)
	}
	rows, err := c.query(ctx, q+` ORDER BY d.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*document.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// CreateDocument inserts d and sets its ID and times.
func (tx *Tx) CreateDocument(d *document.Document) error {
	var replaces any
	if d.Replaces != 0 {
		replaces = d.Replaces
	}
	id, err := tx.insert(tx.ctx, `INSERT INTO documents (case_id, agency_id, step_id, kind, number, content_digest, pdf_digest, pdf_sm3, size, signature, replaces, status, issued_by, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.CaseID, d.AgencyID, d.StepID, d.Kind, d.Number, d.ContentDigest, d.PDFDigest, d.PDFSM3, d.Size, d.Signature, replaces, d.Status, d.IssuedBy,
		fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		return err
	}
	d.ID, d.Created, d.Updated = id, tx.Now, tx.Now
	tx.touch("documents", id)
	return nil
}

// SetDocumentStatus stores d's status.
func (tx *Tx) SetDocumentStatus(d *document.Document) error {
	if _, err := tx.exec(tx.ctx, `UPDATE documents SET status = ?, updated = ? WHERE id = ?`, d.Status, fmtTime(tx.Now), d.ID); err != nil {
		return err
	}
	d.Updated = tx.Now
	tx.touch("documents", d.ID)
	return nil
}

var _ document.Tx = (*Tx)(nil)
