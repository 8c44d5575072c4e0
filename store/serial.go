package store

import (
	"context"
	"database/sql"
	"errors"
)

// PlatformWide is the agency id of sequences that belong to no agency
// (for example the calendar's revision counter).
const PlatformWide int64 = 0

// NextSerial returns the next number of the sequence (agencyID, prefix),
// starting at 1, and keeps it for this transaction: the upsert locks the
// sequence's row until the transaction ends (PostgreSQL; SQLite has one
// writer), so concurrent writers — in one process or several — wait for
// each other instead of taking the same number, and a write that rolls
// back gives its number back.
func (tx *Tx) NextSerial(agencyID int64, prefix string) (int64, error) {
	var n int64
	err := tx.queryRow(tx.ctx, `INSERT INTO serials (agency_id, prefix, last) VALUES (?, ?, 1)
		ON CONFLICT (agency_id, prefix) DO UPDATE SET last = serials.last + 1 RETURNING last`, agencyID, prefix).Scan(&n)
	return n, err
}

// NextCaseSerial returns the next serial of the agency's case numbers that
// start with prefix (e.g. "汉阴市监案〔2026〕"); see NextSerial. Numbers
// given before the sequence existed are counted by migration 0009.
func (tx *Tx) NextCaseSerial(agencyID int64, prefix string) (int, error) {
	n, err := tx.NextSerial(agencyID, prefix)
	return int(n), err
}

// Serial returns the last number given in the sequence (agencyID, prefix),
// 0 if none was. It is one primary-key read, cheap enough to poll: a
// counter bumped by every change of some state tells another process
// whether its cached copy is stale.
func (c *conn) Serial(ctx context.Context, agencyID int64, prefix string) (int64, error) {
	var n int64
	err := c.queryRow(ctx, `SELECT last FROM serials WHERE agency_id = ? AND prefix = ?`, agencyID, prefix).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}
