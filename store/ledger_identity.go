package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// LedgerIdentity is the signing identity of the log: the origin line of its
// checkpoints and the note verifier key that signs them. A database holds
// one log, so it holds one identity, recorded by the first serve process.
type LedgerIdentity struct {
	Origin      string
	VerifierKey string // "<name>+<hash>+<base64>", golang.org/x/mod/sumdb/note
	Created     time.Time
}

// LedgerIdentity returns the recorded identity of the log, or nil (and no
// error) if no server has recorded one yet. zhifa verify uses it for the
// origin (and key) to expect when none is given.
func (c *conn) LedgerIdentity(ctx context.Context) (*LedgerIdentity, error) {
	var id LedgerIdentity
	var created string
	err := c.queryRow(ctx, `SELECT origin, verifier_key, created FROM ledger_identity WHERE id = 1`).Scan(&id.Origin, &id.VerifierKey, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	id.Created = parseTime(created)
	return &id, nil
}

// ClaimLedgerIdentity records origin and verifierKey as the log's identity
// unless one is recorded already, and returns the recorded identity: the
// one given if this call recorded it, another one if a process got there
// first (two processes starting at once agree on the winner). The caller
// compares and refuses to sign with a different identity.
//
// Like a checkpoint, the identity is not a state change of the domain and
// has no ledger event: it says which key signs the log's checkpoints.
func (db *DB) ClaimLedgerIdentity(ctx context.Context, origin, verifierKey string) (*LedgerIdentity, error) {
	q := `INSERT INTO ledger_identity (id, origin, verifier_key, created) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING`
	if _, err := db.w.ExecContext(ctx, db.rebind(q), origin, verifierKey, fmtTime(db.Now())); err != nil {
		return nil, err
	}
	id, err := db.LedgerIdentity(ctx)
	if err == nil && id == nil {
		err = errors.New("store: ledger identity missing after insert")
	}
	return id, err
}
