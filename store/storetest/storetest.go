// Package storetest opens fresh zhifa databases for tests: SQLite always,
// PostgreSQL too when ZHIFA_TEST_POSTGRES holds a connection URL. Each run
// on PostgreSQL gets its own schema, dropped at the end, so tests never see
// each other's rows.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/zhifa/zhifa/store"
)

// Each runs fn as a subtest on every available engine with a migrated,
// empty database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, MustOpenSQLite(t)) })
	t.Run("postgres", func(t *testing.T) {
		db := MustOpenPostgres(t)
		if db == nil {
			t.Skip("未设置 ZHIFA_TEST_POSTGRES,跳过 PostgreSQL 测试(例:ZHIFA_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
		}
		fn(t, db)
	})
}

// MustOpenSQLite returns a migrated SQLite database in a temporary directory.
func MustOpenSQLite(tb testing.TB) *store.DB {
	tb.Helper()
	dir := tb.TempDir()
	db, err := store.Open(context.Background(), "", filepath.Join(dir, "data"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return db
}

// MustOpenPostgres returns a migrated PostgreSQL database in a fresh schema,
// or nil if ZHIFA_TEST_POSTGRES is not set. A set but unreachable server
// fails the test: CI must not pass by skipping.
func MustOpenPostgres(tb testing.TB) *store.DB {
	tb.Helper()
	dsn := os.Getenv("ZHIFA_TEST_POSTGRES")
	if dsn == "" {
		return nil
	}
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "zhifa_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		tb.Fatalf("ZHIFA_TEST_POSTGRES=%s: %v", dsn, err)
	}
	tb.Cleanup(func() {
		a, err := sql.Open("pgx", dsn)
		if err == nil {
			a.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
			a.Close()
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := store.Open(ctx, u.String(), "")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	return db
}
