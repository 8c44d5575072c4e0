package store

import (
	"context"

	"github.com/zhifa/zhifa/identity"
)

// IdentityStore returns db as the storage of the identity context (users,
// roles, sessions and login counters: user.go). Not to be confused with
// the ledger's signing identity (identity.go).
func IdentityStore(db *DB) identity.Store { return identityStore{db} }

// identityStore adapts DB to identity.Store: its Write hands the
// transaction on as an identity.Tx.
type identityStore struct{ *DB }

func (s identityStore) Write(ctx context.Context, fn func(identity.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

// AgencyIsSupervisor reports whether agency id is the supervising 司法局.
func (s identityStore) AgencyIsSupervisor(ctx context.Context, id int64) (bool, error) {
	ag, err := s.FindAgency(ctx, id)
	if err != nil {
		return false, err
	}
	return ag.Supervisor, nil
}
