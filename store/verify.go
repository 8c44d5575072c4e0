package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa/ledger"
)

// Finding kinds of VerifyState.
const (
	FindingIntegrity = "integrity" // the database's own integrity check failed
	FindingEvent     = "event"     // an event's records do not match its digest, or are missing
	FindingChain     = "chain"     // an event does not name the previous event of its object
	FindingRow       = "row"       // a current row does not match the latest event about it
	FindingDerived   = "derived"   // a derived row differs from its recomputation
	FindingFile      = "file"      // an evidence file is missing or differs from its digest
)

// Finding is one problem found by a state verification. Table and Key name
// the row (Key 0 and Table "" when none), Index the ledger event (-1 when
// none); Msg says in Chinese what differs.
type Finding struct {
	Kind  string
	Table string
	Key   int64
	Index int64
	Msg   string
}

// StateReport is the result of VerifyState.
type StateReport struct {
	Events    int64          // events whose records were checked
	Records   map[string]int // current records checked, per table
	Findings  []Finding
	Truncated bool // more than maxFindings; the rest were not listed
	Notes     []string
}

const maxFindings = 1000

// Add appends a finding, up to a bound.
func (r *StateReport) Add(f Finding) {
	if len(r.Findings) >= maxFindings {
		r.Truncated = true
		return
	}
	r.Findings = append(r.Findings, f)
}

func (r *StateReport) addf(kind, table string, key, index int64, format string, args ...any) {
	r.Add(Finding{Kind: kind, Table: table, Key: key, Index: index, Msg: fmt.Sprintf(format, args...)})
}

// verifyBatch is how many leaves or rows VerifyState reads at a time: it
// streams, so its memory does not grow with the log.
const verifyBatch = 2000

// VerifyState checks the database against its own log, in one read
// snapshot: the database's integrity check; for every event, that the
// records it wrote (ledger_records) digest to the event's Digest, that its
// object column is the event's object, and that it names the previous
// event of the same object; and for every recorded table, that each current
// row's canonical record equals the one the latest event about it digested,
// that no row lacks an event, and that no recorded row is missing. It
// returns an error only when the database cannot be read.
//
// The Merkle tree itself (leaf and tree hashes, checkpoints) is checked by
// ledger.Verify; derived tables and files by the callers that know them.
func (db *DB) VerifyState(ctx context.Context) (*StateReport, error) {
	rep := &StateReport{Records: map[string]int{}}
	if err := db.integrityCheck(ctx, rep); err != nil {
		return nil, err
	}
	snap, err := db.ReadSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	c := &snap.conn
	var size int64
	if err := c.queryRow(ctx, `SELECT size FROM ledger_head WHERE id = 1`).Scan(&size); err != nil {
		return nil, fmt.Errorf("verify: log size: %w", err)
	}
	if err := verifyEvents(ctx, c, size, rep); err != nil {
		return nil, err
	}
	for i := range recordedTables {
		if err := verifyTable(ctx, c, &recordedTables[i], size, rep); err != nil {
			return nil, err
		}
	}
	if err := verifySerials(ctx, c, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// verifySerials checks the derived number sequences against the numbers
// given: each sequence's last number is at least the highest case number
// of its prefix, or the next case would be given a number already used.
func verifySerials(ctx context.Context, c *conn, rep *StateReport) error {
	type seq struct {
		agency int64
		prefix string
	}
	used := map[seq]int64{}
	rows, err := c.query(ctx, `SELECT agency_id, number FROM cases`)
	if err != nil {
		return fmt.Errorf("verify: read case numbers: %w", err)
	}
	for rows.Next() {
		var agency int64
		var number string
		if err := rows.Scan(&agency, &number); err != nil {
			rows.Close()
			return err
		}
		i := strings.Index(number, "〕")
		if i < 0 {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(number[i+len("〕"):], "号"), 10, 64)
		if err != nil {
			continue
		}
		k := seq{agency, number[:i+len("〕")]}
		used[k] = max(used[k], n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for k, n := range used {
		var last sql.NullInt64
		if err := c.queryRow(ctx, `SELECT MAX(last) FROM serials WHERE agency_id = ? AND prefix = ?`, k.agency, k.prefix).Scan(&last); err != nil {
			return fmt.Errorf("verify: read serials: %w", err)
		}
		if !last.Valid || last.Int64 < n {
			rep.addf(FindingDerived, "serials", k.agency, -1, "编号序列“%s”(执法主体 %d)记到 %d 号,而已登记的案件编号已用到 %d 号:下一案件会重号", k.prefix, k.agency, last.Int64, n)
		}
	}
	return nil
}

func (db *DB) integrityCheck(ctx context.Context, rep *StateReport) error {
	if db.dialect != SQLite {
		var on string
		if err := db.queryRow(ctx, `SHOW data_checksums`).Scan(&on); err != nil {
			return fmt.Errorf("verify: data_checksums: %w", err)
		}
		if on == "on" {
			rep.Notes = append(rep.Notes, "PostgreSQL 已启用数据页校验和(data_checksums),损坏的数据页在读取时报错。")
		} else {
			rep.Notes = append(rep.Notes, "PostgreSQL 未启用数据页校验和(data_checksums);数据页损坏只能由记录比对发现。")
		}
		return nil
	}
	rows, err := db.query(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("verify: integrity_check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			rep.addf(FindingIntegrity, "", 0, -1, "SQLite 完整性检查:%s", line)
		}
	}
	return rows.Err()
}

// eventRecord is one row of ledger_records.
type eventRecord struct {
	idx, key    int64
	table       string
	version     int
	digest, fpr string
}

func verifyEvents(ctx context.Context, c *conn, size int64, rep *StateReport) error {
	for lo := int64(0); lo < size; lo += verifyBatch {
		hi := min(lo+verifyBatch, size)
		recs, err := readEventRecords(ctx, c, `WHERE idx >= ? AND idx < ? ORDER BY idx, tbl, row_key`, lo, hi)
		if err != nil {
			return err
		}
		byIdx := map[int64][]ChangeEntry{}
		for _, r := range recs {
			byIdx[r.idx] = append(byIdx[r.idx], ChangeEntry{Table: r.table, Key: r.key, Digest: r.digest})
		}
		rows, err := c.query(ctx, `SELECT l.idx, l.object, l.data,
			(SELECT MAX(p.idx) FROM ledger_leaves p WHERE p.object = l.object AND p.idx < l.idx)
			FROM ledger_leaves l WHERE l.idx >= ? AND l.idx < ? ORDER BY l.idx`, lo, hi)
		if err != nil {
			return fmt.Errorf("verify: read leaves: %w", err)
		}
		for rows.Next() {
			var idx int64
			var object string
			var data []byte
			var prev sql.NullInt64
			if err := rows.Scan(&idx, &object, &data, &prev); err != nil {
				rows.Close()
				return err
			}
			rep.Events++
			checkEvent(rep, idx, object, data, prev, byIdx[idx])
			delete(byIdx, idx)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for idx, es := range byIdx {
			rep.addf(FindingEvent, es[0].Table, es[0].Key, idx, "事件 %d 不存在(台账中缺失),但有 %d 条记录登记为由它写入", idx, len(es))
		}
	}
	// Records of events beyond the log's end: the log was cut back.
	late, err := readEventRecords(ctx, c, `WHERE idx >= ? ORDER BY idx, tbl, row_key`, size)
	if err != nil {
		return err
	}
	for i, r := range late {
		if i == 0 || late[i-1].idx != r.idx {
			rep.addf(FindingEvent, r.table, r.key, r.idx, "事件 %d 超出台账长度 %d:台账可能被回滚或截断,该事件写入的记录仍在库中", r.idx, size)
		}
	}
	return nil
}

func checkEvent(rep *StateReport, idx int64, object string, data []byte, prev sql.NullInt64, entries []ChangeEntry) {
	e, err := ledger.DecodeEvent(data)
	if err != nil {
		rep.addf(FindingEvent, "", 0, idx, "事件 %d 无法解码:%v", idx, err)
		return
	}
	if e.Object != object {
		rep.addf(FindingEvent, "", 0, idx, "事件 %d 的对象是“%s”,索引列却为“%s”", idx, e.Object, object)
	}
	want := int64(-1)
	if prev.Valid {
		want = prev.Int64
	}
	if e.Prev != want {
		rep.addf(FindingChain, "", 0, idx, "事件 %d(%s,%s)指向前一事件 %d,而该对象的前一事件是 %d:事件链分叉或缺失", idx, e.Type, e.Object, e.Prev, want)
	}
	switch {
	case len(entries) > 0:
		d, err := ChangeSetDigest(entries)
		if err != nil {
			rep.addf(FindingEvent, "", 0, idx, "事件 %d 的记录无法摘要:%v", idx, err)
		} else if d != e.Digest {
			rep.addf(FindingEvent, entries[0].Table, entries[0].Key, idx, "事件 %d(%s,%s)所写记录的摘要与事件不符:记录登记(ledger_records)被改动", idx, e.Type, e.Object)
		}
	case e.Digest != "" && !externalDigests[e.Type]:
		rep.addf(FindingEvent, "", 0, idx, "事件 %d(%s,%s)带有记录摘要,但它写入的记录登记已不存在", idx, e.Type, e.Object)
	}
}

func readEventRecords(ctx context.Context, c *conn, where string, args ...any) ([]eventRecord, error) {
	rows, err := c.query(ctx, `SELECT idx, tbl, row_key, version, digest, fingerprint FROM ledger_records `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("verify: read ledger_records: %w", err)
	}
	defer rows.Close()
	var out []eventRecord
	for rows.Next() {
		var r eventRecord
		if err := rows.Scan(&r.idx, &r.table, &r.key, &r.version, &r.digest, &r.fpr); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// verifyTable merges the table's current records, by key, with the latest
// event record of each key.
func verifyTable(ctx context.Context, c *conn, t *recordedTable, size int64, rep *StateReport) error {
	v := t.version()
	cols := t.Cols[v-1]
	after := int64(-1 << 31) // below every key; fits PostgreSQL INTEGER keys
	for {
		// A batch of current records with keys > after.
		q := `SELECT ` + t.Key + `, ` + strings.Join(cols, ", ") + ` FROM ` + t.Name + ` WHERE ` + t.Key + ` > ? ORDER BY ` + t.Key
		if t.Group {
			q += ", " + strings.Join(cols, ", ")
		} else {
			q += fmt.Sprintf(" LIMIT %d", verifyBatch)
		}
		rows, err := c.query(ctx, q, after)
		if err != nil {
			return fmt.Errorf("verify: read %s: %w", t.Name, err)
		}
		var recs []*rowRecord
		for rows.Next() {
			key, row, err := scanRecordRow(rows, cols)
			if err != nil {
				rows.Close()
				return fmt.Errorf("verify: %s: %w", t.Name, err)
			}
			if t.Group {
				if len(recs) == 0 || recs[len(recs)-1].Key != key {
					recs = append(recs, &rowRecord{V: v, Table: t.Name, Key: key, order: cols})
				}
				recs[len(recs)-1].Rows = append(recs[len(recs)-1].Rows, row)
			} else {
				recs = append(recs, &rowRecord{V: v, Table: t.Name, Key: key, Row: row, order: cols})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		full := !t.Group && len(recs) == verifyBatch
		// The event records of the same key range.
		where := `WHERE tbl = ? AND row_key > ?`
		args := []any{t.Name, after}
		if full {
			where += ` AND row_key <= ?`
			args = append(args, recs[len(recs)-1].Key)
		}
		ers, err := readEventRecords(ctx, c, where+` ORDER BY row_key, idx`, args...)
		if err != nil {
			return err
		}
		latest := map[int64]eventRecord{}
		var order []int64
		for _, r := range ers {
			if _, ok := latest[r.key]; !ok {
				order = append(order, r.key)
			}
			latest[r.key] = r
		}
		for _, rec := range recs {
			rep.Records[t.Name]++
			er, ok := latest[rec.Key]
			delete(latest, rec.Key)
			if !ok {
				rep.addf(FindingRow, t.Name, rec.Key, -1, "%s 第 %d 行没有任何台账事件:该行未经系统写入", t.Name, rec.Key)
				continue
			}
			if er.digest == "" {
				rep.addf(FindingRow, t.Name, rec.Key, er.idx, "%s 第 %d 行仍在,但最近的事件 %d 已将其删除", t.Name, rec.Key, er.idx)
				continue
			}
			if er.idx >= size {
				continue // reported with the events
			}
			cur := rec
			if er.version != v {
				old, ok, err := readOldRecord(ctx, c, t, rec.Key, er.version)
				if err != nil {
					return err
				}
				if ok {
					cur = old
				}
			}
			d, fp, err := cur.digest()
			if err != nil {
				return err
			}
			if d != er.digest {
				changed := diffColumns(cur.order, er.fpr, fp)
				what := "某列"
				if len(changed) > 0 {
					what = strings.Join(changed, "、")
				}
				rep.addf(FindingRow, t.Name, rec.Key, er.idx, "%s 第 %d 行与最近的事件 %d 所记录的内容不符(不同之处:%s)", t.Name, rec.Key, er.idx, what)
			}
		}
		for _, k := range order {
			er, ok := latest[k]
			if !ok || er.digest == "" {
				continue
			}
			rep.addf(FindingRow, t.Name, k, er.idx, "%s 第 %d 行已不存在,但事件 %d 记录了它", t.Name, k, er.idx)
		}
		if !full {
			return nil
		}
		after = recs[len(recs)-1].Key
	}
}

func readOldRecord(ctx context.Context, c *conn, t *recordedTable, key int64, version int) (*rowRecord, bool, error) {
	if version < 1 || version > len(t.Cols) {
		return nil, false, fmt.Errorf("verify: %s/%d: unknown record version %d", t.Name, key, version)
	}
	cols := t.Cols[version-1]
	rec := &rowRecord{V: version, Table: t.Name, Key: key, order: cols}
	rows, err := c.query(ctx, t.selectRecord(version), key)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		_, row, err := scanRecordRow(rows, cols)
		if err != nil {
			return nil, false, err
		}
		if t.Group {
			rec.Rows = append(rec.Rows, row)
		} else {
			rec.Row = row
		}
	}
	return rec, rec.Row != nil || len(rec.Rows) > 0, rows.Err()
}

// EventChanges returns the records event idx wrote, as its digest covers
// them; none for an event that wrote no record.
func (c *conn) EventChanges(ctx context.Context, idx int64) ([]ChangeEntry, error) {
	recs, err := readEventRecords(ctx, c, `WHERE idx = ? ORDER BY tbl, row_key`, idx)
	if err != nil {
		return nil, err
	}
	out := make([]ChangeEntry, 0, len(recs))
	for _, r := range recs {
		out = append(out, ChangeEntry{Table: r.table, Key: r.key, Digest: r.digest})
	}
	return out, nil
}

// CurrentRecord returns the canonical record of table's row key as verify
// builds it (its JSON fields), and the index of the latest event that
// recorded it (-1 if none).
func (c *conn) CurrentRecord(ctx context.Context, table string, key int64) (map[string]any, int, int64, error) {
	t := tableSpec(table)
	v := t.version()
	rows, err := c.query(ctx, t.selectRecord(v), key)
	if err != nil {
		return nil, 0, 0, err
	}
	var row map[string]any
	for rows.Next() {
		if _, row, err = scanRecordRow(rows, t.Cols[v-1]); err != nil {
			rows.Close()
			return nil, 0, 0, err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, 0, err
	}
	var idx sql.NullInt64
	if err := c.queryRow(ctx, `SELECT MAX(idx) FROM ledger_records WHERE tbl = ? AND row_key = ?`, table, key).Scan(&idx); err != nil {
		return nil, 0, 0, err
	}
	if !idx.Valid {
		return row, v, -1, nil
	}
	return row, v, idx.Int64, nil
}

// Snapshot reads the database as it was when the snapshot began, whatever
// is written meanwhile: the reads of a verification agree with each other
// on a live database.
type Snapshot struct {
	conn
	tx *sql.Tx
}

// ReadSnapshot begins a read-only snapshot; Close ends it.
func (db *DB) ReadSnapshot(ctx context.Context) (*Snapshot, error) {
	var opts *sql.TxOptions
	if db.dialect == Postgres {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := db.r.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	return &Snapshot{conn: conn{q: tx, dialect: db.dialect, fields: db.fields}, tx: tx}, nil
}

// Close ends the snapshot.
func (s *Snapshot) Close() error { return s.tx.Rollback() }

// CaseIDsAfter returns up to limit case ids greater than after, ascending:
// for walking every case in batches.
func (c *conn) CaseIDsAfter(ctx context.Context, after int64, limit int) ([]int64, error) {
	return c.queryIDs(ctx, `SELECT id FROM cases WHERE id > ? ORDER BY id LIMIT `+strconv.Itoa(limit), after)
}

// EvidenceDigestsAfter returns up to limit distinct evidence file digests
// greater than after, ascending, with the stored size: for re-hashing every
// file in batches.
func (c *conn) EvidenceDigestsAfter(ctx context.Context, after string, limit int) ([]string, []int64, error) {
	rows, err := c.query(ctx, `SELECT digest, MAX(size) FROM evidence WHERE digest > ? GROUP BY digest ORDER BY digest LIMIT `+strconv.Itoa(limit), after)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ds []string
	var sizes []int64
	for rows.Next() {
		var d string
		var n int64
		if err := rows.Scan(&d, &n); err != nil {
			return nil, nil, err
		}
		ds, sizes = append(ds, d), append(sizes, n)
	}
	return ds, sizes, rows.Err()
}

// CaseRuleState returns the rule state stored on case id ("" when it was
// never computed), for verification against the case's steps.
func (c *conn) CaseRuleState(ctx context.Context, id int64) (string, error) {
	var s string
	err := c.queryRow(ctx, `SELECT rule_state FROM cases WHERE id = ?`, id).Scan(&s)
	return s, err
}
