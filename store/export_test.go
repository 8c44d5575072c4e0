package store

import "database/sql"

// RawForTest returns the writer connection pool, for tests that change the
// database behind the store's back (as an intruder would).
func (db *DB) RawForTest() (*sql.DB, error) { return db.w, nil }
