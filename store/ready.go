package store

import (
	"context"
	"fmt"
	"os"
)

// Ready reports whether the database takes writes now, without writing: it
// opens a write transaction, touches the ledger head (which takes the write
// lock on SQLite and the row lock on PostgreSQL) and rolls back, so a
// readiness probe never grows the log (invariant 1 forbids a write without
// its event, and a probe is no event). On SQLite it also opens the database
// file for writing, which fails on a read-only file or mount.
func (db *DB) Ready(ctx context.Context) error {
	if db.Path != "" {
		f, err := os.OpenFile(db.Path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("ready: open database file for writing: %w", err)
		}
		f.Close()
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("ready: begin: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE ledger_head SET size = size WHERE id = 1`)
	if err != nil {
		return fmt.Errorf("ready: write lock: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("ready: ledger head missing (%d rows, %v)", n, err)
	}
	return tx.Rollback()
}
