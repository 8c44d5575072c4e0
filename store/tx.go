package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/zhifa/zhifa/ledger"
	"golang.org/x/mod/sumdb/tlog"
)

// Tx is one write transaction. Now is fixed when the transaction begins.
type Tx struct {
	conn
	ctx    context.Context
	tx     *sql.Tx
	Now    time.Time
	events []int64 // ledger indexes appended by this transaction
	size   int64   // log size, read under the lock on first use
	sized  bool
	leaf   ledger.Event // the event being appended, for PutLeaf's index columns

	pending []pendingEvent // events recorded, appended when fn returns
	touched []touchedRef   // records written, digested by the events
}

// pendingEvent is an event recorded by the transaction, with its index and
// the records it digests.
type pendingEvent struct {
	e     ledger.Event
	index int64
}

// ErrNoEvent is returned by Write when a transaction changed state without
// recording its ledger event (invariant 1).
var ErrNoEvent = errors.New("store: write transaction recorded no ledger event")

// Write runs fn in one transaction and commits it if fn returns nil and
// recorded at least one ledger event; otherwise nothing fn did remains.
//
// On SQLite, concurrent writes are group-committed: one goroutine owns the
// writer connection and runs the writes waiting in line as savepoints of
// one transaction, then commits them with one fsync. Each write still
// succeeds or fails alone, and Write returns only after its commit is
// durable.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	if db.dialect != SQLite {
		return db.writeDirect(ctx, fn)
	}
	req := &writeReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case db.writes <- req:
	case <-ctx.Done():
		return ctx.Err()
	case <-db.closed:
		return errors.New("store: database closed")
	}
	return <-req.done
}

func (db *DB) writeDirect(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{conn: conn{q: sqlTx, dialect: db.dialect, fields: db.fields}, ctx: ctx, tx: sqlTx, Now: db.Now().UTC()}
	if err := runFn(tx, fn); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// runFn runs fn and enforces invariant 1: a write records its event.
func runFn(tx *Tx, fn func(tx *Tx) error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("store: write panicked: %v", v)
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if len(tx.pending) == 0 {
		return ErrNoEvent
	}
	return tx.flush()
}

type writeReq struct {
	ctx  context.Context
	fn   func(tx *Tx) error
	done chan error
	err  error
}

// maxBatch bounds how many writes share one commit.
const maxBatch = 128

// committer owns the SQLite writer connection; see Write.
func (db *DB) committer() {
	defer close(db.stopped)
	for {
		var first *writeReq
		select {
		case first = <-db.writes:
		case <-db.closed:
			return
		}
		batch := []*writeReq{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-db.writes:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		db.commitBatch(batch)
		db.wstmts.prepareWanted(context.Background())
	}
}

func (db *DB) commitBatch(batch []*writeReq) {
	ctx := context.Background()
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		for _, r := range batch {
			r.done <- fmt.Errorf("begin: %w", err)
		}
		return
	}
	c := conn{q: sqlTx, dialect: db.dialect, stmts: db.wstmts, tx: sqlTx, fields: db.fields}
	ok := 0
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.err = err
			continue
		}
		if _, err := c.exec(ctx, `SAVEPOINT w`); err != nil {
			r.err = err
			continue
		}
		tx := &Tx{conn: c, ctx: r.ctx, tx: sqlTx, Now: db.Now().UTC()}
		r.err = runFn(tx, r.fn)
		if r.err != nil {
			if _, err := c.exec(ctx, `ROLLBACK TO w`); err != nil {
				// The transaction is unusable: fail the whole batch.
				sqlTx.Rollback()
				for _, r := range batch {
					if r.err == nil {
						r.err = fmt.Errorf("rollback: %w", err)
					}
					r.done <- r.err
				}
				return
			}
		} else {
			ok++
		}
		if _, err := c.exec(ctx, `RELEASE w`); err != nil && r.err == nil {
			r.err = err
		}
	}
	if ok == 0 {
		sqlTx.Rollback()
	} else if err := sqlTx.Commit(); err != nil {
		for _, r := range batch {
			if r.err == nil {
				r.err = fmt.Errorf("commit: %w", err)
			}
		}
	}
	for _, r := range batch {
		r.done <- r.err
	}
}

// Context returns the transaction's context.
func (tx *Tx) Context() context.Context { return tx.ctx }

// Events returns the ledger indexes this transaction has appended.
func (tx *Tx) Events() []int64 { return tx.events }

// Record appends e to the ledger inside the transaction and returns its
// index. Time defaults to the transaction's time; Prev is set to the latest
// event of the same object, read under the log lock; Digest is set to the
// digest of the records the event wrote (see touch), unless the event is of
// a type whose digest covers outside content. The event is appended when the
// transaction's function returns, so that it digests the records as the
// transaction leaves them.
func (tx *Tx) Record(e ledger.Event) (int64, error) {
	if e.Time.IsZero() {
		e.Time = tx.Now
	}
	if e.Digest != "" && !externalDigests[e.Type] {
		return 0, fmt.Errorf("store: event %s: the store computes the digest of its records", e.Type)
	}
	// The lock first: the previous event of the object must be read by the
	// writer that holds the log, or two writers fork the object's chain.
	size, err := tx.LogSize()
	if err != nil {
		return 0, err
	}
	e.Prev = -1
	for i := len(tx.pending) - 1; i >= 0; i-- {
		if tx.pending[i].e.Object == e.Object {
			e.Prev = tx.pending[i].index
			break
		}
	}
	if e.Prev < 0 {
		var p sql.NullInt64
		if err := tx.queryRow(tx.ctx, `SELECT MAX(idx) FROM ledger_leaves WHERE object = ?`, e.Object).Scan(&p); err != nil {
			return 0, fmt.Errorf("ledger prev: %w", err)
		}
		if p.Valid {
			e.Prev = p.Int64
		}
	}
	idx := size + int64(len(tx.pending))
	tx.pending = append(tx.pending, pendingEvent{e: e, index: idx})
	tx.events = append(tx.events, idx)
	return idx, nil
}

// LogSize implements ledger.Tx. On PostgreSQL it takes the row lock on the
// log head, which sequences concurrent writers.
func (tx *Tx) LogSize() (int64, error) {
	if tx.sized {
		return tx.size, nil
	}
	q := `SELECT size FROM ledger_head WHERE id = 1`
	if tx.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	if err := tx.queryRow(tx.ctx, q).Scan(&tx.size); err != nil {
		return 0, fmt.Errorf("ledger head: %w", err)
	}
	tx.sized = true
	return tx.size, nil
}

// ReadHashes implements tlog.HashReader inside the transaction.
func (tx *Tx) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	return readHashes(tx.ctx, &tx.conn, indexes)
}

// PutLeaf implements ledger.Tx.
func (tx *Tx) PutLeaf(index int64, data []byte, hashes []ledger.StoredHash) error {
	if _, err := tx.exec(tx.ctx, `INSERT INTO ledger_leaves (idx, object, type, created, data) VALUES (?, ?, ?, ?, ?)`, index, tx.leaf.Object, tx.leaf.Type, fmtTime(tx.Now), data); err != nil {
		return err
	}
	for _, h := range hashes {
		if _, err := tx.exec(tx.ctx, `INSERT INTO ledger_hashes (idx, hash) VALUES (?, ?)`, h.Index, h.Hash[:]); err != nil {
			return err
		}
	}
	if _, err := tx.exec(tx.ctx, `UPDATE ledger_head SET size = ? WHERE id = 1`, index+1); err != nil {
		return err
	}
	tx.size = index + 1
	tx.sized = true
	return nil
}

func readHashes(ctx context.Context, c *conn, indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	if len(indexes) == 0 {
		return out, nil
	}
	pos := make(map[int64][]int, len(indexes))
	args := make([]any, 0, len(indexes))
	for i, x := range indexes {
		if _, ok := pos[x]; !ok {
			args = append(args, x)
		}
		pos[x] = append(pos[x], i)
	}
	found := 0
	for start := 0; start < len(args); start += 500 {
		chunk := args[start:min(start+500, len(args))]
		q := `SELECT idx, hash FROM ledger_hashes WHERE idx IN (?` + strings.Repeat(",?", len(chunk)-1) + `)`
		rows, err := c.query(ctx, q, chunk...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var idx int64
			var h []byte
			if err := rows.Scan(&idx, &h); err != nil {
				rows.Close()
				return nil, err
			}
			for _, i := range pos[idx] {
				copy(out[i][:], h)
			}
			found++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if found != len(args) {
		return nil, fmt.Errorf("ledger: %d of %d stored hashes missing", len(args)-found, len(args))
	}
	return out, nil
}
