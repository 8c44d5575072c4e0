package store

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
)

// ExecForTest runs statements on the writer outside any ledger
// transaction, for tests that must build a state the API cannot (a
// database as it was before a migration).
func (db *DB) ExecForTest(ctx context.Context, query string) error {
	_, err := db.w.ExecContext(ctx, query)
	return err
}

// MigrationForTest returns the SQL of db's dialect's migration whose file
// name starts with prefix (e.g. "0009_").
func (db *DB) MigrationForTest(prefix string) (string, error) {
	dir := "migrations/" + db.dialect
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			b, err := fs.ReadFile(migrationFS, dir+"/"+e.Name())
			return string(b), err
		}
	}
	return "", fmt.Errorf("no migration %s* in %s", prefix, dir)
}
