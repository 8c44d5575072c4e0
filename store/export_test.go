package store

import "database/sql"

// RawForTest returns the writer connection pool, for tests that change the
// database behind the store's back (as an intruder would).
func (db *DB) RawForTest() (*sql.DB, error) { return db.w, nil }

// CanonicalRecordDigest is the fast record digest, for the test that holds
// it to ledger.ContentDigest.
var CanonicalRecordDigest = canonicalRecordDigest

// CanonicalRecordContent is the same record for ledger.ContentDigest.
func CanonicalRecordContent(table string, key int64, version int, row map[string]string, rows []map[string]string) any {
	return canonicalRecord{V: version, Table: table, Key: key, Row: row, Rows: rows}
}

// FileTextForTest is the key file text of k.
func (k *FieldKeys) FileTextForTest() string { return k.fileText() }
