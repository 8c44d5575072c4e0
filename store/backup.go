package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// BackupState is what a backup records of the database as of its snapshot:
// everything is read in the snapshot the dump is made of, so the evidence
// files listed are exactly those the dumped rows reference and the
// checkpoint is the newest one the dump holds.
type BackupState struct {
	SchemaVersion  int
	LogSize        int64
	Checkpoint     []byte // newest signed checkpoint note; nil if none was signed yet
	CheckpointSize int64
	Identity       *LedgerIdentity // nil if no server recorded one yet
	Evidence       []EvidenceFile  // every distinct file the evidence table references, by digest
}

// EvidenceFile is one evidence file a database references.
type EvidenceFile struct {
	Digest string // "sha256:<hex>"
	Size   int64  // as recorded
}

// TableDump is one table of a PostgreSQL dump: a file in COPY text format.
type TableDump struct {
	Table  string
	Path   string
	Rows   int64
	SHA256 string // hex digest of the file
	Size   int64
}

// SequenceValue is the value of one sequence at the snapshot.
type SequenceValue struct {
	Name  string
	Value int64
}

// SQLitePath returns the file of the SQLite database that Open would use
// for dsn and dataDir, and false if dsn names PostgreSQL.
func SQLitePath(dsn, dataDir string) (string, bool) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return "", false
	}
	if p := strings.TrimPrefix(dsn, "sqlite:"); p != "" {
		return p, true
	}
	if dataDir == "" {
		dataDir = "zhifa-data"
	}
	return filepath.Join(dataDir, "zhifa.db"), true
}

// LatestSchemaVersion returns the newest schema version this binary knows
// for dialect (SQLite or Postgres).
func LatestSchemaVersion(dialect string) (int, error) {
	ms, err := (&DB{conn: conn{dialect: dialect}}).migrations()
	return len(ms), err
}

// BackupSQLite writes a consistent copy of the SQLite database to path with
// VACUUM INTO and returns the state read from that copy. VACUUM INTO reads
// one snapshot of the database, WAL contents included, while the writer
// goes on committing; it needs a connection of its own because the read
// pool is query_only, which refuses VACUUM even INTO another file. path
// must not exist.
func (db *DB) BackupSQLite(ctx context.Context, path string) (*BackupState, error) {
	if db.dialect != SQLite {
		return nil, errors.New("store: BackupSQLite on " + db.dialect)
	}
	src, err := sql.Open("sqlite", "file:"+db.Path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return nil, fmt.Errorf("VACUUM INTO %s: %w", path, err)
	}
	cp, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	defer cp.Close()
	c := &conn{q: cp, dialect: SQLite}
	return c.backupState(ctx)
}

// backupState reads the state a backup records, through c (a snapshot or a
// copy).
func (c *conn) backupState(ctx context.Context) (*BackupState, error) {
	var st BackupState
	if err := c.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&st.SchemaVersion); err != nil {
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	if err := c.queryRow(ctx, `SELECT size FROM ledger_head WHERE id = 1`).Scan(&st.LogSize); err != nil {
		return nil, fmt.Errorf("read log size: %w", err)
	}
	err := c.queryRow(ctx, `SELECT note, size FROM ledger_checkpoints ORDER BY size DESC LIMIT 1`).Scan(&st.Checkpoint, &st.CheckpointSize)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read latest checkpoint: %w", err)
	}
	if st.Identity, err = c.LedgerIdentity(ctx); err != nil {
		return nil, fmt.Errorf("read ledger identity: %w", err)
	}
	after := ""
	for {
		ds, sizes, err := c.EvidenceDigestsAfter(ctx, after, 1000)
		if err != nil {
			return nil, fmt.Errorf("read evidence digests: %w", err)
		}
		for i, d := range ds {
			st.Evidence = append(st.Evidence, EvidenceFile{Digest: d, Size: sizes[i]})
		}
		if len(ds) < 1000 {
			return &st, nil
		}
		after = ds[len(ds)-1]
	}
}

// DumpPostgres dumps every table of the current schema into dir, one file
// per table in COPY text format (exact for every column type), with the
// values of the schema's sequences and the backup state, all in one
// REPEATABLE READ READ ONLY transaction: one snapshot, taken while writers
// go on. dir must exist.
func (db *DB) DumpPostgres(ctx context.Context, dir string) (*BackupState, []TableDump, []SequenceValue, error) {
	if db.dialect != Postgres {
		return nil, nil, nil, errors.New("store: DumpPostgres on " + db.dialect)
	}
	sc, err := db.w.Conn(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	defer sc.Close()
	var st *BackupState
	var dumps []TableDump
	var seqs []SequenceValue
	err = sc.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		defer tx.Rollback(context.Background())
		tables, err := pgTables(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range tables {
			d, err := dumpTable(ctx, tx, t, filepath.Join(dir, t+".copy"))
			if err != nil {
				return err
			}
			dumps = append(dumps, d)
		}
		if seqs, err = pgSequences(ctx, tx); err != nil {
			return err
		}
		st, err = pgBackupState(ctx, tx)
		return err
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("dump PostgreSQL: %w", err)
	}
	return st, dumps, seqs, nil
}

// pgTables lists the base tables of the current schema, by name.
func pgTables(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

func dumpTable(ctx context.Context, tx pgx.Tx, table, path string) (TableDump, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return TableDump{}, err
	}
	defer f.Close()
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(f, h)}
	tag, err := tx.Conn().PgConn().CopyTo(ctx, cw, `COPY `+pgx.Identifier{table}.Sanitize()+` TO STDOUT`)
	if err != nil {
		return TableDump{}, fmt.Errorf("COPY %s: %w", table, err)
	}
	if err := f.Close(); err != nil {
		return TableDump{}, err
	}
	return TableDump{Table: table, Path: path, Rows: tag.RowsAffected(), SHA256: hex.EncodeToString(h.Sum(nil)), Size: cw.n}, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// pgSequences returns the sequences of the current schema that were used.
// A sequence is not transactional, so its value may be ahead of the
// snapshot's rows; a restore sets it to that value, which only skips
// numbers, never repeats one.
func pgSequences(ctx context.Context, tx pgx.Tx) ([]SequenceValue, error) {
	rows, err := tx.Query(ctx, `SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL ORDER BY sequencename`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (SequenceValue, error) {
		var s SequenceValue
		err := r.Scan(&s.Name, &s.Value)
		return s, err
	})
}

// pgBackupState reads the backup state in tx's snapshot. It is backupState
// for a pgx transaction, which database/sql cannot share with COPY.
func pgBackupState(ctx context.Context, tx pgx.Tx) (*BackupState, error) {
	var st BackupState
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&st.SchemaVersion); err != nil {
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	if err := tx.QueryRow(ctx, `SELECT size FROM ledger_head WHERE id = 1`).Scan(&st.LogSize); err != nil {
		return nil, fmt.Errorf("read log size: %w", err)
	}
	err := tx.QueryRow(ctx, `SELECT note, size FROM ledger_checkpoints ORDER BY size DESC LIMIT 1`).Scan(&st.Checkpoint, &st.CheckpointSize)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("read latest checkpoint: %w", err)
	}
	var id LedgerIdentity
	var created string
	err = tx.QueryRow(ctx, `SELECT origin, verifier_key, created FROM ledger_identity WHERE id = 1`).Scan(&id.Origin, &id.VerifierKey, &created)
	switch {
	case err == nil:
		id.Created = parseTime(created)
		st.Identity = &id
	case !errors.Is(err, pgx.ErrNoRows):
		return nil, fmt.Errorf("read ledger identity: %w", err)
	}
	rows, err := tx.Query(ctx, `SELECT digest, MAX(size) FROM evidence GROUP BY digest ORDER BY digest`)
	if err != nil {
		return nil, fmt.Errorf("read evidence digests: %w", err)
	}
	st.Evidence, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (EvidenceFile, error) {
		var f EvidenceFile
		err := r.Scan(&f.Digest, &f.Size)
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("read evidence digests: %w", err)
	}
	return &st, nil
}

// ErrNotEmpty is returned when a restore's target database already holds
// tables.
var ErrNotEmpty = errors.New("目标数据库不是空的")

// PostgresEmpty reports whether the current schema holds no table.
func (db *DB) PostgresEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.w.QueryRowContext(ctx, `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&n)
	return n == 0, err
}

// RestorePostgres loads a dump made by DumpPostgres into the current
// schema, which must hold no table: it applies this binary's migrations up
// to version (the dump's schema version), then, in one transaction, empties
// the tables those migrations seeded, loads every table's file with COPY,
// sets the sequences and checks every foreign key. The foreign keys are
// dropped during the load and added back before the commit, so the rows
// may come in any order (a parent agency after its child) without
// needing a superuser to disable triggers; adding them back validates every
// row. The set of tables must be exactly the schema's at version.
// Migrations newer than version are left to Migrate.
func (db *DB) RestorePostgres(ctx context.Context, version int, tables map[string]string, seqs []SequenceValue) error {
	if db.dialect != Postgres {
		return errors.New("store: RestorePostgres on " + db.dialect)
	}
	empty, err := db.PostgresEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return ErrNotEmpty
	}
	if err := db.migrateTo(ctx, version); err != nil {
		return err
	}
	sc, err := db.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer sc.Close()
	err = sc.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.Background())
		have, err := pgTables(ctx, tx)
		if err != nil {
			return err
		}
		if err := sameTables(have, tables); err != nil {
			return err
		}
		type fk struct{ table, name, def string }
		rows, err := tx.Query(ctx, `SELECT cl.relname, c.conname, pg_get_constraintdef(c.oid)
			FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
			WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY cl.relname, c.conname`)
		if err != nil {
			return err
		}
		fks, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (fk, error) {
			var k fk
			err := r.Scan(&k.table, &k.name, &k.def)
			return k, err
		})
		if err != nil {
			return fmt.Errorf("read foreign keys: %w", err)
		}
		for _, k := range fks {
			if _, err := tx.Exec(ctx, `ALTER TABLE `+pgx.Identifier{k.table}.Sanitize()+` DROP CONSTRAINT `+pgx.Identifier{k.name}.Sanitize()); err != nil {
				return fmt.Errorf("drop foreign key %s: %w", k.name, err)
			}
		}
		quoted := make([]string, len(have))
		for i, t := range have {
			quoted[i] = pgx.Identifier{t}.Sanitize()
		}
		if _, err := tx.Exec(ctx, `TRUNCATE `+strings.Join(quoted, ", ")); err != nil {
			return fmt.Errorf("truncate: %w", err)
		}
		for _, t := range have {
			if err := loadTable(ctx, tx, t, tables[t]); err != nil {
				return err
			}
		}
		for _, s := range seqs {
			if _, err := tx.Exec(ctx, `SELECT setval($1::regclass, $2, true)`, pgx.Identifier{s.Name}.Sanitize(), s.Value); err != nil {
				return fmt.Errorf("set sequence %s: %w", s.Name, err)
			}
		}
		for _, k := range fks {
			if _, err := tx.Exec(ctx, `ALTER TABLE `+pgx.Identifier{k.table}.Sanitize()+` ADD CONSTRAINT `+pgx.Identifier{k.name}.Sanitize()+` `+k.def); err != nil {
				return fmt.Errorf("restore foreign key %s on %s: %w", k.name, k.table, err)
			}
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return fmt.Errorf("restore PostgreSQL: %w", err)
	}
	return nil
}

// sameTables checks that a dump has exactly the tables of the schema.
func sameTables(have []string, dump map[string]string) error {
	var missing, extra []string
	in := map[string]bool{}
	for _, t := range have {
		in[t] = true
		if _, ok := dump[t]; !ok {
			missing = append(missing, t)
		}
	}
	for t := range dump {
		if !in[t] {
			extra = append(extra, t)
		}
	}
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		return fmt.Errorf("备份中的表与数据库结构不符:缺少 %v,多出 %v", missing, extra)
	}
	return nil
}

func loadTable(ctx context.Context, tx pgx.Tx, table, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := tx.Conn().PgConn().CopyFrom(ctx, f, `COPY `+pgx.Identifier{table}.Sanitize()+` FROM STDIN`); err != nil {
		return fmt.Errorf("COPY %s: %w", table, err)
	}
	return nil
}

// migrateTo applies the pending migrations up to version and no further,
// so that a dump made at version loads into the schema it was made from.
func (db *DB) migrateTo(ctx context.Context, version int) error {
	ms, err := db.migrations()
	if err != nil {
		return err
	}
	if version < 1 || version > len(ms) {
		return fmt.Errorf("备份的数据库结构版本 %d 不在本程序支持的 1..%d 之内", version, len(ms))
	}
	for _, m := range ms[:version] {
		if err := db.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}
