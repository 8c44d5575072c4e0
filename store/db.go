package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

//go:embed migrations
var migrationFS embed.FS

// DB is an open zhifa database.
type DB struct {
	conn               // reads go to the read pool
	w       *sql.DB    // the single writer (SQLite) or the pool (PostgreSQL)
	wstmts  *stmtCache // the writer's prepared statements (SQLite)
	r       *sql.DB    // the read pool
	Now     func() time.Time
	Path    string // SQLite file, "" for PostgreSQL
	Display string // the database for operators' messages (no password)

	// SQLite group commit; see Write.
	writes  chan *writeReq
	closed  chan struct{}
	stopped chan struct{}
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn carries the query functions shared by DB (reads) and Tx (reads and
// writes inside the transaction).
type conn struct {
	q       querier
	dialect string
	// stmts, on SQLite, holds prepared statements of the database (nil on
	// PostgreSQL, whose driver caches them itself); tx is the transaction
	// q is, if it is one, in which a cached statement runs.
	stmts *stmtCache
	tx    *sql.Tx
	// fields encrypts the parties' personal data (fieldcrypt.go); nil:
	// written as plaintext.
	fields *FieldKeys
}

// stmtCache holds prepared statements by query text. SQLite compiles every
// statement it is given; without the cache each call parses and plans its
// SQL again, which was about a third of the CPU of a recorded step.
// database/sql prepares a cached statement once on each connection it runs
// on, and a transaction reuses the one of its connection.
type stmtCache struct {
	db   *sql.DB
	mu   sync.Mutex
	m    map[string]*sql.Stmt
	want map[string]bool // met inside a transaction, to prepare when the writer is free
}

// maxStmts bounds the cache: queries built with a variable number of
// placeholders (IN lists) beyond it run unprepared.
const maxStmts = 512

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}, want: map[string]bool{}}
}

// stmt returns the cached statement of query in c's transaction or
// database; nil when there is none yet or it cannot be cached, and the
// caller runs the query unprepared (which reports any error). Outside a
// transaction a statement is prepared on first use. Inside one it is only
// noted: the writer's one connection is the transaction's, so it is
// prepared by prepareWanted once the transaction is over.
func (c *conn) stmt(ctx context.Context, query string) *sql.Stmt {
	sc := c.stmts
	if sc == nil {
		return nil
	}
	sc.mu.Lock()
	st, ok := sc.m[query]
	if !ok && len(sc.m)+len(sc.want) < maxStmts {
		if c.tx != nil {
			sc.want[query] = true
		} else if p, err := sc.db.PrepareContext(ctx, query); err == nil {
			st = p
			sc.m[query] = st
		}
	}
	sc.mu.Unlock()
	if st == nil || c.tx == nil {
		return st
	}
	return c.tx.StmtContext(ctx, st)
}

// prepareWanted prepares the statements noted inside transactions; the
// caller holds no transaction of sc's database.
func (sc *stmtCache) prepareWanted(ctx context.Context) {
	if sc == nil {
		return
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for q := range sc.want {
		if st, err := sc.db.PrepareContext(ctx, q); err == nil {
			sc.m[q] = st
		}
		delete(sc.want, q)
	}
}

func (sc *stmtCache) close() {
	if sc == nil {
		return
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for _, st := range sc.m {
		st.Close()
	}
	sc.m = map[string]*sql.Stmt{}
}

// Dialect returns SQLite or Postgres.
func (c *conn) Dialect() string { return c.dialect }

func (c *conn) rebind(query string) string {
	if c.dialect != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

func (c *conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.q.ExecContext(ctx, c.rebind(query), args...)
}

func (c *conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return c.q.QueryContext(ctx, c.rebind(query), args...)
}

func (c *conn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.q.QueryRowContext(ctx, c.rebind(query), args...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (c *conn) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := c.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// Open opens the database named by dsn: "" or a path means SQLite in dataDir
// (or at the path), "postgres://…" or "postgresql://…" means PostgreSQL.
// Open does not migrate; see Migrate and CheckSchema.
func Open(ctx context.Context, dsn, dataDir string) (*DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	path := strings.TrimPrefix(dsn, "sqlite:")
	if path == "" {
		if dataDir == "" {
			dataDir = "zhifa-data"
		}
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, fmt.Errorf("创建数据目录 %s: %w", dataDir, err)
		}
		path = filepath.Join(dataDir, "zhifa.db")
	}
	return openSQLite(ctx, path)
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	// synchronous(FULL): a committed event survives power loss (WAL fsync on
	// every commit). _txlock=immediate: a write transaction takes the write
	// lock at BEGIN, so two writers never deadlock on upgrade.
	pragmas := "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)"
	w, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("打开 SQLite 数据库 %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8) // kept open: each new connection reads the schema and prepares its statements again
	db := &DB{conn: conn{q: r, dialect: SQLite, stmts: newStmtCache(r)}, w: w, r: r, wstmts: newStmtCache(w), Now: time.Now, Path: path, Display: "SQLite " + path,
		writes: make(chan *writeReq), closed: make(chan struct{}), stopped: make(chan struct{})}
	go db.committer()
	return db, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	p.SetMaxOpenConns(16)
	if err := p.PingContext(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("连接 PostgreSQL %s: %w", redactDSN(dsn), err)
	}
	return &DB{conn: conn{q: p, dialect: Postgres}, w: p, r: p, Now: time.Now, Display: "PostgreSQL " + redactDSN(dsn)}, nil
}

func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(无法解析的连接串)"
	}
	return u.Redacted()
}

// Close closes the database.
func (db *DB) Close() error {
	if db.closed != nil {
		close(db.closed)
		<-db.stopped
	}
	db.stmts.close()
	db.wstmts.close()
	err := db.w.Close()
	if db.r != db.w {
		if err2 := db.r.Close(); err == nil {
			err = err2
		}
	}
	return err
}

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

func (db *DB) migrations() ([]migration, error) {
	dir := "migrations/" + db.dialect
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration file %s: want NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrationFS, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations of %s are not numbered 1..n: %s", db.dialect, m.name)
		}
	}
	return ms, nil
}

// SchemaVersion returns the applied schema version and the latest one this
// binary knows.
func (db *DB) SchemaVersion(ctx context.Context) (current, latest int, err error) {
	ms, err := db.migrations()
	if err != nil {
		return 0, 0, err
	}
	latest = len(ms)
	var exists bool
	if db.dialect == Postgres {
		err = db.w.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists)
	} else {
		var n int
		err = db.w.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'`).Scan(&n)
		exists = n > 0
	}
	if err != nil || !exists {
		return 0, latest, err
	}
	err = db.w.QueryRowContext(ctx, `SELECT COALESCE(MAX(version),0) FROM schema_migrations`).Scan(&current)
	return current, latest, err
}

// ErrOutdated is returned by CheckSchema when migrations are pending.
var ErrOutdated = errors.New("数据库结构版本过旧")

// CheckSchema returns an error wrapping ErrOutdated unless the schema is at
// the latest version, and refuses a schema newer than this binary.
func (db *DB) CheckSchema(ctx context.Context) error {
	cur, latest, err := db.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("读取数据库结构版本: %w", err)
	}
	switch {
	case cur < latest:
		return fmt.Errorf("%w:当前 %d,需要 %d。请先执行 zhifa migrate,或以 --migrate 启动", ErrOutdated, cur, latest)
	case cur > latest:
		return fmt.Errorf("数据库结构版本 %d 比本程序支持的 %d 新,请升级程序", cur, latest)
	}
	return nil
}

// Migrate applies every pending migration, each in its own transaction, and
// returns how many were applied.
func (db *DB) Migrate(ctx context.Context) (int, error) {
	ms, err := db.migrations()
	if err != nil {
		return 0, err
	}
	cur, _, err := db.SchemaVersion(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range ms {
		if m.version <= cur {
			continue
		}
		if err := db.applyMigration(ctx, m); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// applyMigration runs one migration and records it, in one transaction.
func (db *DB) applyMigration(ctx context.Context, m migration) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		tx.Rollback()
		return fmt.Errorf("迁移 %s: %w", m.name, err)
	}
	c := conn{q: tx, dialect: db.dialect}
	if _, err := c.exec(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`, m.version, m.name, fmtTime(db.Now())); err != nil {
		tx.Rollback()
		return fmt.Errorf("迁移 %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("迁移 %s: %w", m.name, err)
	}
	return nil
}

const timeLayout = "2006-01-02T15:04:05.000000Z"

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
