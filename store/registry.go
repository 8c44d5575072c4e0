package store

import (
	"context"

	"github.com/zhifa/zhifa/registry"
)

// RegistryStore returns db as the storage of the registry context.
func RegistryStore(db *DB) registry.Store { return registryStore{db} }

// registryStore adapts DB to registry.Store: its reads are DB's, and Write
// hands the registry the transaction as a registry.Tx.
type registryStore struct{ *DB }

func (s registryStore) Write(ctx context.Context, fn func(registry.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}
