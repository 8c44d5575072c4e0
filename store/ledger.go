package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/zhifa/zhifa/ledger"
	"golang.org/x/mod/sumdb/tlog"
)

// LogSize returns the number of events in the ledger.
func (db *DB) LogSize() (int64, error) {
	var n int64
	err := db.queryRow(context.Background(), `SELECT size FROM ledger_head WHERE id = 1`).Scan(&n)
	return n, err
}

// ReadHashes implements tlog.HashReader over the read pool.
func (db *DB) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	return readHashes(context.Background(), &db.conn, indexes)
}

// ReadLeaves returns the stored leaves [start, end).
func (db *DB) ReadLeaves(start, end int64) ([][]byte, error) {
	rows, err := db.query(context.Background(), `SELECT idx, data FROM ledger_leaves WHERE idx >= ? AND idx < ? ORDER BY idx`, start, end)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([][]byte, 0, end-start)
	for rows.Next() {
		var idx int64
		var data []byte
		if err := rows.Scan(&idx, &data); err != nil {
			return nil, err
		}
		if idx != start+int64(len(out)) {
			return nil, fmt.Errorf("ledger: leaf %d missing", start+int64(len(out)))
		}
		out = append(out, data)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if int64(len(out)) != end-start {
		return nil, fmt.Errorf("ledger: leaf %d missing", start+int64(len(out)))
	}
	return out, nil
}

// Checkpoints returns every stored signed checkpoint, ascending by size.
func (db *DB) Checkpoints() ([]ledger.StoredCheckpoint, error) {
	rows, err := db.query(context.Background(), `SELECT size, note FROM ledger_checkpoints ORDER BY size`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.StoredCheckpoint
	for rows.Next() {
		var c ledger.StoredCheckpoint
		if err := rows.Scan(&c.Size, &c.Note); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LatestCheckpoint returns the newest signed checkpoint and its size; nil
// and 0 if none was signed yet.
func (db *DB) LatestCheckpoint(ctx context.Context) ([]byte, int64, error) {
	var note []byte
	var size int64
	err := db.queryRow(ctx, `SELECT note, size FROM ledger_checkpoints ORDER BY size DESC LIMIT 1`).Scan(&note, &size)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	return note, size, err
}

// SaveCheckpoint stores a signed checkpoint for size. A checkpoint is not a
// state change of the domain, so it has no ledger event of its own; it is
// idempotent per size.
func (db *DB) SaveCheckpoint(ctx context.Context, size int64, note []byte) error {
	q := `INSERT INTO ledger_checkpoints (size, note, created) VALUES (?, ?, ?) ON CONFLICT (size) DO NOTHING`
	_, err := db.w.ExecContext(ctx, db.rebind(q), size, note, fmtTime(db.Now()))
	return err
}

// LeafIndexByObject returns the ledger indexes of the events of one object,
// ascending.
func (db *DB) LeafIndexByObject(ctx context.Context, object string) ([]int64, error) {
	return db.queryIDs(ctx, `SELECT idx FROM ledger_leaves WHERE object = ? ORDER BY idx`, object)
}
