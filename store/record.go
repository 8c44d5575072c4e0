package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zhifa/zhifa/ledger"
)

// A recorded table holds records: every row of it is written by a ledger
// event, and the event digests the row's canonical record. The canonical
// record is built from the stored row only (never from a Go struct), from a
// fixed, versioned list of columns, so that `zhifa verify` can rebuild it
// from the database at any time and compare it with the latest event about
// the row.
//
// A table added later is either listed here or in unrecordedTables with the
// reason; TestEveryTableIsAccountedFor fails otherwise.
type recordedTable struct {
	Name string
	// Owner is the prefix of the ledger objects whose events write the
	// table's records ("case/" for steps): a transaction that records
	// events of several objects gives each record to its owner's event.
	Owner string
	// Key is the integer column that names the record. For a grouped table
	// (Group), several rows share a key and form one record together.
	Key   string
	Group bool
	// Cols lists the canonical columns of each record version: Cols[0] is
	// version 1. A migration that adds a column to a recorded table appends
	// a new version; rows last recorded under an older one verify under it.
	Cols [][]string
}

var recordedTables = []recordedTable{
	{Name: "agencies", Owner: "agency/", Key: "id", Cols: [][]string{{"name", "short_name", "kind", "credit_code", "region", "level", "parent_id", "basis",
		"supervisor", "address", "phone", "review_days", "created", "updated"}}},
	{Name: "users", Owner: "user/", Key: "id", Cols: [][]string{{"username", "name", "agency_id", "officer_id", "password_hash", "disabled", "created"}}},
	{Name: "user_roles", Owner: "user/", Key: "user_id", Group: true, Cols: [][]string{{"role"}}},
	{Name: "officers", Owner: "officer/", Key: "id", Cols: [][]string{{"agency_id", "name", "gender", "post", "cert_no", "category", "valid_from", "valid_to",
		"status", "legal_qualification", "created", "updated"}}},
	{Name: "matters", Owner: "matter/", Key: "id", Cols: [][]string{{"agency_id", "code", "name", "category", "basis", "penalty_kinds", "procedure",
		"time_limit", "unit", "created", "updated"}}},
	{Name: "calendar_schedules", Owner: "calendar/", Key: "year", Cols: [][]string{{"data", "source", "updated", "updated_by"}}},
	{Name: "cases", Owner: "case/", Key: "id", Cols: [][]string{{"agency_id", "number", "matter_id", "stage", "source", "summary", "party_kind",
		"party_name", "party_id_number", "party_legal_rep", "party_phone", "party_address", "handler_ids", "registered_by",
		"opened_on", "decided_on", "created", "updated"}, {"agency_id", "number", "matter_id", "stage", "source", "summary", "party_kind",
		"party_name", "party_id_number", "party_legal_rep", "party_phone", "party_address", "handler_ids", "registered_by",
		"opened_on", "decided_on", "created", "updated", "rule_state"}}},
	{Name: "case_steps", Owner: "case/", Key: "id", Cols: [][]string{{"case_id", "seq", "action", "stage", "actor_user_id", "officer_ids", "fields",
		"review", "ledger_index", "created"}}},
	{Name: "evidence", Owner: "case/", Key: "id", Cols: [][]string{{"case_id", "step_id", "name", "content_type", "size", "digest", "uploaded_by", "created"}}},
	{Name: "publications", Owner: "publication/", Key: "id", Cols: [][]string{{"case_id", "agency_id", "category", "number", "party_kind", "party_name",
		"party_id_no", "legal_rep", "party_phone", "address", "facts", "basis", "penalty_kind", "penalty", "fine", "payment", "remedy",
		"decided_on", "due_on", "status", "published_at", "report", "withdrawn_at", "withdraw_cause", "withdraw_reason", "changed_on",
		"withdraw_due", "withdraw_late_days", "created", "updated"}}},
	{Name: "publication_corrections", Owner: "publication/", Key: "id", Cols: [][]string{{"publication_id", "field", "old_value", "new_value", "reason",
		"report", "while_published", "corrected_by", "created"}}},
	{Name: "complaints", Owner: "complaint/", Key: "id", Cols: [][]string{{"kind", "channel", "external_ref", "agency_id", "publication_id", "subject",
		"content", "contact_name", "contact_phone", "code_digest", "status", "received_on", "accept_due", "accepted_on", "reply_due", "replied_on",
		"decline_reason", "reply", "handler_id", "created", "updated"}}},
	{Name: "supervision_opinions", Owner: "opinion/", Key: "id", Cols: [][]string{{"kind", "agency_id", "supervisor_id", "case_id", "subject", "findings",
		"demands", "issued_by", "issued_on", "reply_due", "reply", "replied_on", "replied_by", "assessment", "closed_on", "rounds", "status", "created", "updated"}}},
	{Name: "annual_reports", Owner: "report/", Key: "id", Cols: [][]string{{"supervisor_id", "year", "data", "status", "generated_on", "published_on",
		"published_by", "created", "updated"}}},
	{Name: "review_catalogs", Owner: "catalog/", Key: "id", Cols: [][]string{{"agency_id", "floor", "version", "effective_on", "all_decisions", "rules",
		"note", "published_by", "created"}}},
	{Name: "review_extensions", Owner: "case/", Key: "id", Cols: [][]string{{"case_id", "round_start", "days", "old_due", "new_due", "reason",
		"approved_by", "created"}}},
	{Name: "counsels", Owner: "counsel/", Key: "id", Cols: [][]string{{"agency_id", "kind", "name", "organization", "license_no",
		"legal_qualification", "status", "created", "updated"}}},
	{Name: "review_advisers", Owner: "case/", Key: "id", Cols: [][]string{{"case_id", "counsel_id", "assigned_by", "opinion", "opinion_by",
		"opinion_at", "created"}}},
	{Name: "document_numbers", Owner: "case/", Key: "id", Cols: [][]string{{"agency_id", "doc_type", "year", "serial", "number", "case_id", "created"}}},
	{Name: "document_number_formats", Owner: "agency/", Key: "id", Cols: [][]string{{"agency_id", "doc_type", "format", "updated", "updated_by"}}},
	{Name: "documents", Owner: "case/", Key: "id", Cols: [][]string{{"case_id", "agency_id", "step_id", "kind", "number", "content_digest", "pdf_digest",
		"pdf_sm3", "size", "signature", "replaces", "status", "issued_by", "created", "updated"}}},
	// Audio-video records and their devices (issue 13).
	{Name: "devices", Owner: "device/", Key: "id", Cols: [][]string{{"agency_id", "number", "kind", "model", "custodian_id", "status", "created", "updated"}}},
	{Name: "av_records", Owner: "recording/", Key: "id", Cols: [][]string{{"agency_id", "kind", "device_id", "officer_ids", "started", "ended", "place", "gps",
		"case_id", "step_id", "interruptions", "mark", "retain_until", "name", "content_type", "size", "digest", "sha256", "sm3", "created_by", "created"}}},
	// 行政检查 (package inspection).
	{Name: "inspection_items", Owner: "inspection_item/", Key: "id", Cols: [][]string{{"agency_id", "code", "version", "name", "basis", "subject", "object",
		"method", "frequency", "ratio", "standard", "effective_on", "status", "published_at", "created", "updated"}}},
	{Name: "inspection_objects", Owner: "inspection_object", Key: "id", Cols: [][]string{{"agency_id", "kind", "name", "credit_code", "address", "industry",
		"created", "updated"}}},
	{Name: "inspection_plans", Owner: "inspection_plan/", Key: "id", Cols: [][]string{{"agency_id", "item_id", "title", "year", "status", "approved_by",
		"approved_on", "created", "updated"}}},
	{Name: "inspection_draws", Owner: "inspection_draw/", Key: "id", Cols: [][]string{{"plan_id", "agency_id", "algorithm", "rule_objects", "rule_officers",
		"objects", "objects_digest", "officers", "officers_digest", "seed_size", "announce_index", "seed", "result", "status", "created", "updated"}}},
	{Name: "inspections", Owner: "inspection/", Key: "id", Cols: [][]string{{"agency_id", "item_id", "object_id", "draw_id", "joint", "year", "stage",
		"officer_ids", "opened_on", "outcome", "public_summary", "result_on", "publish_due", "published_on", "penalty_case_id", "warning", "created", "updated"}}},
	{Name: "inspection_steps", Owner: "inspection/", Key: "id", Cols: [][]string{{"inspection_id", "seq", "action", "stage", "actor_user_id", "officer_ids",
		"fields", "created"}}},
}

// unrecordedTables are the tables that hold no records, with the reason.
// users.failed_logins and users.locked_until are likewise left out of the
// users record: they are a security counter, not a record.
var unrecordedTables = map[string]string{
	"schema_migrations":  "迁移版本,非业务记录",
	"ledger_head":        "台账本身,由 Merkle 树校验",
	"ledger_leaves":      "台账本身,由 Merkle 树校验",
	"ledger_hashes":      "台账本身,由 Merkle 树校验",
	"ledger_checkpoints": "台账本身,由签名与一致性证明校验",
	"ledger_records":     "事件所摘要的记录,由事件摘要校验",
	"ledger_identity":    "台账的公钥与来源标识,校验时比对",
	"sessions":           "登录会话(令牌散列),运行数据",
	"login_attempts":     "登录失败计数(地址与用户名散列),安全计数器",
	"login_windows":      "登录失败的时段计数,汇总后记入台账事件",
	"deadlines":          "派生数据:由环节与日历重新计算后比对",
	"serials":            "派生数据:编号序列,与已登记编号比对",
	// The full-text index of the published decisions (SQLite FTS5, migration 0015).
	"publications_fts":         "派生数据:公示全文索引,可由 publications 重建",
	"publications_fts_data":    "派生数据:公示全文索引,可由 publications 重建",
	"publications_fts_idx":     "派生数据:公示全文索引,可由 publications 重建",
	"publications_fts_docsize": "派生数据:公示全文索引,可由 publications 重建",
	"publications_fts_config":  "派生数据:公示全文索引,可由 publications 重建",
}

// RecordVersion is the version of the canonical records written now.
func (t *recordedTable) version() int { return len(t.Cols) }

func tableSpec(name string) *recordedTable {
	for i := range recordedTables {
		if recordedTables[i].Name == name {
			return &recordedTables[i]
		}
	}
	panic("store: " + name + " is not a recorded table")
}

// RecordedTables returns the names of the recorded tables, in verification
// order.
func RecordedTables() []string {
	var out []string
	for _, t := range recordedTables {
		out = append(out, t.Name)
	}
	return out
}

// canonicalValue normalises a scanned column value so that SQLite and
// PostgreSQL give the same record: integers and booleans (0/1) as int64,
// text as string, NULL as nil.
func canonicalValue(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case int64:
		return x, nil
	case int32:
		return int64(x), nil
	case int:
		return int64(x), nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	}
	return nil, fmt.Errorf("store: canonical record: unsupported column type %T", v)
}

// rowRecord is a record as read: the values of one row (or of one key's
// rows in a grouped table) under version V's columns.
type rowRecord struct {
	V     int
	Table string
	Key   int64
	Row   map[string]any   // a single row
	Rows  []map[string]any // a grouped table's rows
	order []string         // the version's columns
}

// canonicalRecord is what a record digest covers: each column by the
// digest of its value (ColumnDigest), so that a public copy of a record
// can show the values it may show and only the digest of the others, and
// still be checked against the log (a publication's withheld fields).
type canonicalRecord struct {
	V     int                 `json:"v"`
	Table string              `json:"table"`
	Key   int64               `json:"key"`
	Row   map[string]string   `json:"row,omitempty"`
	Rows  []map[string]string `json:"rows,omitempty"`
}

// ColumnDigest is the digest of one column's value: SHA-256 of its
// canonical JSON (a string, an integer, or null), as ledger.ContentDigest
// computes it; the common types are encoded directly, for speed.
func ColumnDigest(v any) (string, error) {
	var b []byte
	switch x := v.(type) {
	case nil:
		b = []byte("null")
	case int64:
		b = strconv.AppendInt(nil, x, 10)
	case json.Number:
		b = []byte(x.String())
	case string:
		if !utf8.ValidString(x) {
			return ledger.ContentDigest(v) // replaced runes: the slow path's form
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(x); err != nil {
			return "", err
		}
		b = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	default:
		return ledger.ContentDigest(v)
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

func columnDigests(row map[string]any) (map[string]string, error) {
	out := make(map[string]string, len(row))
	for c, v := range row {
		d, err := ColumnDigest(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c, err)
		}
		out[c] = d
	}
	return out, nil
}

// digest returns the record's digest and its per-column fingerprint.
func (r *rowRecord) digest() (string, string, error) {
	cr := canonicalRecord{V: r.V, Table: r.Table, Key: r.Key}
	var err error
	if r.Row != nil {
		if cr.Row, err = columnDigests(r.Row); err != nil {
			return "", "", err
		}
	}
	for _, row := range r.Rows {
		cd, err := columnDigests(row)
		if err != nil {
			return "", "", err
		}
		cr.Rows = append(cr.Rows, cd)
	}
	return cr.digest(), fingerprint(r.order, cr), nil
}

// digest is ledger.ContentDigest(cr), written out: the keys of a canonical
// record and of its rows are known to be plain ASCII names and its values
// "sha256:<hex>", so the canonical JSON is built directly (it is the hot
// path of verify). TestCanonicalRecordDigest holds it to ContentDigest.
func (cr canonicalRecord) digest() string {
	var b []byte
	b = append(b, `{"key":`...)
	b = strconv.AppendInt(b, cr.Key, 10)
	if len(cr.Row) > 0 { // omitempty, as encoding/json writes it
		b = append(b, `,"row":`...)
		b = appendDigestMap(b, cr.Row)
	}
	if len(cr.Rows) > 0 {
		b = append(b, `,"rows":[`...)
		for i, row := range cr.Rows {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendDigestMap(b, row)
		}
		b = append(b, ']')
	}
	b = append(b, `,"table":"`...)
	b = append(b, cr.Table...)
	b = append(b, `","v":`...)
	b = strconv.AppendInt(b, int64(cr.V), 10)
	b = append(b, '}')
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func appendDigestMap(b []byte, m map[string]string) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, `":"`...)
		b = append(b, m[k]...)
		b = append(b, '"')
	}
	return append(b, '}')
}

// fingerprint is two bytes of each column's digest (of all the rows of a
// grouped record), in column order: enough to name the columns that
// changed, too little to reveal a value.
func fingerprint(cols []string, cr canonicalRecord) string {
	var b strings.Builder
	for _, c := range cols {
		if cr.Row != nil {
			b.WriteString(cr.Row[c][len("sha256:") : len("sha256:")+4])
			continue
		}
		h := sha256.New()
		for _, row := range cr.Rows {
			h.Write([]byte(row[c]))
		}
		b.WriteString(hex.EncodeToString(h.Sum(nil)[:2]))
	}
	return b.String()
}

// diffColumns names the columns whose fingerprints differ.
func diffColumns(cols []string, recorded, current string) []string {
	var out []string
	for i, c := range cols {
		a, b := i*4, i*4+4
		if b > len(recorded) || b > len(current) || recorded[a:b] != current[a:b] {
			out = append(out, c)
		}
	}
	return out
}

// selectRecord is the query for the record of one key.
func (t *recordedTable) selectRecord(version int) string {
	cols := t.Cols[version-1]
	q := `SELECT ` + t.Key + `, ` + strings.Join(cols, ", ") + ` FROM ` + t.Name + ` WHERE ` + t.Key + ` = ?`
	if t.Group {
		q += ` ORDER BY ` + strings.Join(cols, ", ")
	}
	return q
}

// selectAll is the query for every record, ordered by key.
func (t *recordedTable) selectAll(version int) string {
	cols := t.Cols[version-1]
	order := t.Key
	if t.Group {
		order += ", " + strings.Join(cols, ", ")
	}
	return `SELECT ` + t.Key + `, ` + strings.Join(cols, ", ") + ` FROM ` + t.Name + ` ORDER BY ` + order
}

// scanRecordRow scans one row of selectRecord/selectAll into its key and
// column map.
func scanRecordRow(s interface{ Scan(...any) error }, cols []string) (int64, map[string]any, error) {
	vals := make([]any, len(cols)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := s.Scan(ptrs...); err != nil {
		return 0, nil, err
	}
	k, err := canonicalValue(vals[0])
	if err != nil {
		return 0, nil, err
	}
	key, ok := k.(int64)
	if !ok {
		return 0, nil, fmt.Errorf("store: canonical record: key is %T", vals[0])
	}
	row := make(map[string]any, len(cols))
	for i, c := range cols {
		v, err := canonicalValue(vals[i+1])
		if err != nil {
			return 0, nil, fmt.Errorf("%s: %w", c, err)
		}
		row[c] = v
	}
	return key, row, nil
}

// rowRef names a record touched by a transaction.
type rowRef struct {
	table string
	key   int64
}

// touchedRef is a record touched after the first `after` events of the
// transaction were recorded.
type touchedRef struct {
	rowRef
	after int
}

// touch notes that the transaction wrote (or deleted) the record of table
// and key. When the transaction's function returns, one of its events
// digests it (see owners).
func (tx *Tx) touch(table string, key int64) {
	tableSpec(table) // fail loudly on a typo
	tx.touched = append(tx.touched, touchedRef{rowRef{table, key}, len(tx.pending)})
}

// owners gives each touched record to one pending event: among the events
// of objects that own the table (Owner prefix), the last one recorded
// before the write, else the first one after it; when no event owns it,
// the last event recorded before the write (the first if none was).
func (tx *Tx) owners() [][]rowRef {
	out := make([][]rowRef, len(tx.pending))
	for _, t := range tx.touched {
		owner := tableSpec(t.table).Owner
		j := -1
		for i, p := range tx.pending {
			if owner == "" || !strings.HasPrefix(p.e.Object, owner) {
				continue
			}
			if i < t.after {
				j = i
			} else if j < 0 {
				j = i
				break
			} else {
				break
			}
		}
		if j < 0 {
			j = max(t.after-1, 0)
		}
		out[j] = append(out[j], t.rowRef)
	}
	return out
}

// readRecord builds the current canonical record of ref inside the
// transaction; ok is false when the record no longer exists.
func (tx *Tx) readRecord(ref rowRef) (rec *rowRecord, ok bool, err error) {
	t := tableSpec(ref.table)
	v := t.version()
	cols := t.Cols[v-1]
	rec = &rowRecord{V: v, Table: t.Name, Key: ref.key, order: cols}
	rows, err := tx.query(tx.ctx, t.selectRecord(v), ref.key)
	if err != nil {
		return nil, false, fmt.Errorf("record %s/%d: %w", t.Name, ref.key, err)
	}
	defer rows.Close()
	for rows.Next() {
		_, row, err := scanRecordRow(rows, cols)
		if err != nil {
			return nil, false, fmt.Errorf("record %s/%d: %w", t.Name, ref.key, err)
		}
		if t.Group {
			rec.Rows = append(rec.Rows, row)
		} else {
			rec.Row = row
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	return rec, rec.Row != nil || len(rec.Rows) > 0, nil
}

// ChangeEntry is one record an event digests: the table, the key, and the
// digest of the record's canonical content after the event ("" when the
// event removed it).
type ChangeEntry struct {
	Table  string `json:"table"`
	Key    int64  `json:"key"`
	Digest string `json:"digest"`
}

// changeSet is the canonical content of an event's Digest: the records the
// event wrote, sorted by table and key.
type changeSet struct {
	V       int           `json:"v"`
	Records []ChangeEntry `json:"records"`
}

// ChangeSetVersion is the version of the change set an event digests.
const ChangeSetVersion = 1

// ChangeSetDigest returns the digest an event carries for entries: the
// canonical JSON {"records":[{"digest","key","table"}…],"v":1} with the
// entries sorted by table and key.
func ChangeSetDigest(entries []ChangeEntry) (string, error) {
	e := slices.Clone(entries)
	slices.SortFunc(e, func(a, b ChangeEntry) int {
		if c := strings.Compare(a.Table, b.Table); c != 0 {
			return c
		}
		return int(a.Key - b.Key)
	})
	return ledger.ContentDigest(changeSet{V: ChangeSetVersion, Records: e})
}

// RecordDigest returns the digest of a single-row record given by the
// values of the columns shown and the column digests of those withheld:
// for third parties who check a public record (a publication) against the
// log. It is the digest `zhifa verify` computes from the full row.
func RecordDigest(table string, key int64, version int, shown map[string]any, withheld map[string]string) (string, error) {
	cols, err := columnDigests(shown)
	if err != nil {
		return "", err
	}
	for c, d := range withheld {
		if _, dup := cols[c]; dup {
			return "", fmt.Errorf("store: column %s both shown and withheld", c)
		}
		cols[c] = d
	}
	return ledger.ContentDigest(canonicalRecord{V: version, Table: table, Key: key, Row: cols})
}

// canonicalRecordDigest is canonicalRecord.digest, for tests.
func canonicalRecordDigest(table string, key int64, version int, row map[string]string, rows []map[string]string) string {
	return canonicalRecord{V: version, Table: table, Key: key, Row: row, Rows: rows}.digest()
}

// externalDigests are the event types whose Digest covers content kept
// outside the database (a redaction report the reviewer confirmed), not a
// change set; verify does not expect records for them.
var externalDigests = map[string]bool{"redaction.confirmed": true}

// flush appends the transaction's pending events in order, each with the
// digest of the records it wrote.
func (tx *Tx) flush() error {
	owned := tx.owners()
	for i := range tx.pending {
		p := &tx.pending[i]
		refs := owned[i]
		slices.SortFunc(refs, func(a, b rowRef) int {
			if c := strings.Compare(a.table, b.table); c != 0 {
				return c
			}
			return int(a.key - b.key)
		})
		refs = slices.Compact(refs)
		if len(refs) > 0 && p.e.Digest != "" {
			return fmt.Errorf("store: event %s carries its own digest and writes records", p.e.Type)
		}
		var entries []ChangeEntry
		for _, ref := range refs {
			rec, ok, err := tx.readRecord(ref)
			if err != nil {
				return err
			}
			d, fp := "", ""
			if ok {
				if d, fp, err = rec.digest(); err != nil {
					return err
				}
			}
			if _, err := tx.exec(tx.ctx, `INSERT INTO ledger_records (idx, tbl, row_key, version, digest, fingerprint) VALUES (?, ?, ?, ?, ?, ?)`,
				p.index, ref.table, ref.key, rec.V, d, fp); err != nil {
				return fmt.Errorf("ledger records: %w", err)
			}
			entries = append(entries, ChangeEntry{Table: ref.table, Key: ref.key, Digest: d})
		}
		if len(entries) > 0 {
			d, err := ChangeSetDigest(entries)
			if err != nil {
				return err
			}
			p.e.Digest = d
		}
		tx.leaf = p.e
		idx, err := ledger.Append(tx, p.e)
		if err != nil {
			return fmt.Errorf("ledger append: %w", err)
		}
		if idx != p.index {
			return fmt.Errorf("store: event appended at %d, expected %d", idx, p.index)
		}
	}
	return nil
}

// UnrecordedReason returns why table holds no records, "" if it is not
// listed as unrecorded.
func UnrecordedReason(table string) string { return unrecordedTables[table] }
