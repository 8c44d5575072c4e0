package store

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
)

// The penalty procedure's document numbers (document_numbers) and each
// agency's number formats (document_number_formats); migration 0017.

// AddDocumentNumber stores a number given to a document and sets its ID.
// The unique (agency_id, number) index refuses a number the agency already
// gave, on both engines.
func (tx *Tx) AddDocumentNumber(d *penalty.DocumentNumber) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO document_numbers (agency_id, doc_type, year, serial, number, case_id, created) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		d.AgencyID, d.DocType, d.Year, d.Serial, d.Number, d.CaseID, fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return zhifa.Invalid(map[string]string{"number": "文号“" + d.Number + "”已被本机关使用,文号不得重复;请检查文号格式"})
		}
		return err
	}
	d.ID = id
	tx.touch("document_numbers", id)
	return nil
}

// NumberFormats returns the agency's configured number formats by document
// type.
func (c *conn) NumberFormats(ctx context.Context, agencyID int64) (map[string]string, error) {
	rows, err := c.query(ctx, `SELECT doc_type, format FROM document_number_formats WHERE agency_id = ?`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var t, f string
		if err := rows.Scan(&t, &f); err != nil {
			return nil, err
		}
		out[t] = f
	}
	return out, rows.Err()
}

// NumberFormats is conn.NumberFormats inside the transaction (penalty.Tx).
func (tx *Tx) NumberFormats(agencyID int64) (map[string]string, error) {
	return tx.conn.NumberFormats(tx.ctx, agencyID)
}

// SetNumberFormat stores the agency's format of a document type.
func (tx *Tx) SetNumberFormat(agencyID int64, docType, format string, by int64) error {
	var id int64
	err := tx.queryRow(tx.ctx, `INSERT INTO document_number_formats (agency_id, doc_type, format, updated, updated_by) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (agency_id, doc_type) DO UPDATE SET format = excluded.format, updated = excluded.updated, updated_by = excluded.updated_by
		RETURNING id`, agencyID, docType, format, fmtTime(tx.Now), by).Scan(&id)
	if err != nil {
		return err
	}
	tx.touch("document_number_formats", id)
	return nil
}
