package store

import (
	"context"
	"time"

	"github.com/zhifa/zhifa/publicity"
)

// PublicityStore returns db as the storage of the publicity context.
func PublicityStore(db *DB) publicity.Store { return publicityStore{db} }

// publicityStore adapts Write to the publicity context's Tx; the reads are
// db's own.
type publicityStore struct{ *DB }

// Write runs fn in one of db's write transactions.
func (s publicityStore) Write(ctx context.Context, fn func(publicity.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

// Time returns the transaction's time (Now), for the contexts' Tx
// interfaces, which cannot name a field.
func (tx *Tx) Time() time.Time { return tx.Now }

var _ publicity.Tx = (*Tx)(nil)
