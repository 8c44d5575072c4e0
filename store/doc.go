// Package store is the only code in zhifa that speaks SQL. It runs on
// embedded SQLite (modernc.org/sqlite: WAL, one writer connection and a read
// pool, pragmas in the DSN) and on PostgreSQL (pgx through database/sql).
//
// SQL is written once, with ? placeholders, and rebound to $n for
// PostgreSQL; the two dialects differ only in their migrations
// (migrations/sqlite, migrations/postgres: embedded, numbered, forward-only).
//
// Every write is one transaction opened by DB.Write. The transaction appends
// its ledger events (Tx.Record) itself, so state and log cannot diverge, and
// Write refuses to commit a transaction that recorded no event.
//
// Records (record.go): every row of a recorded table is written by an
// event that digests it. A write method calls tx.touch(table, id) for each
// record it writes; when the transaction's function returns, the store
// reads those rows back, stores each row's digest in ledger_records and
// gives the event the digest of that change set, then appends the event
// (with the previous event of its object read under the log lock).
// VerifyState (verify.go) recomputes all of it from the stored rows, in one
// read snapshot and in batches: `zhifa verify`.
//
// Times are stored as fixed-width UTC text (sortable, identical on both
// engines); civil dates as YYYY-MM-DD text.
//
// Files are named by the context whose tables they hold, one file per
// table or per group of tables written together: registry_agency.go,
// registry_officer.go, registry_matter.go; identity_user.go (users,
// sessions, login counters); publicity_publication.go (publications and
// their corrections); penalty_case.go (cases), penalty_step.go (steps,
// their files, reviews); and the shared ones: deadline.go, calendar.go,
// serial.go (number sequences), quota.go, ledger.go, ledger_identity.go
// (the log's signing identity), record.go, verify.go, backup.go.
//
// Contexts: a context package declares the storage it needs and store
// implements it, with an adapter named after the context whose Write hands
// *Tx on as the context's Tx: RegistryStore (registry.go), IdentityStore
// (identity.go), PublicityStore (publicity.go), PenaltyStore (penalty.go).
//
// Imports: the root package zhifa, access, ledger, the context packages
// whose types it stores (registry, identity, publicity, penalty), and
// database drivers.
package store
