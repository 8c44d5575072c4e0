package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zhifa/zhifa/publicity"
)

// The reads of the portal at a province's scale (issue 17): every list is
// in the order of the index publications_list (status, decided_on, id),
// walked backwards; a keyword goes through the index made for it; a count
// may be capped; a deep page is found in the index before a row is read.
//
//   - Keyword of three characters or more. SQLite: the FTS5 trigram index
//     publications_fts (migration 0015). The index is first asked how many
//     rows match, stopping at ftsDriveMax: a rare word drives the query
//     from the index (CROSS JOIN, its matches sorted by date); a common one
//     walks the list in date order and tests each row with LIKE, which
//     finds a page after a few rows. PostgreSQL: ILIKE over the
//     expression of the pg_trgm GIN index publications_text_trgm; the
//     planner chooses between the bitmap of the index and the ordered walk.
//   - Keyword of one or two characters (common Chinese words: 罚款, 食品):
//     no trigram index can serve them; the list is walked in date order
//     with LIKE. Fast for common words, a scan of the table for rare ones.
//     With a CountCap such a keyword is not counted (total -1): even a
//     capped count would test a thousand rows with LIKE.
//   - Counts: COUNT(*) over the same FROM and WHERE without the agencies
//     join, stopped at CountCap+1 when the filter sets a cap; for a common
//     word of three characters or more, through the trigram index.
//   - Pages: the ids of the page are chosen in the index (After, the
//     keyset cursor, or Offset), then only those rows are read.

// ftsDriveMax is the number of matches up to which the trigram index
// drives a keyword query (and the matches are sorted by date); above it
// the word is common and the list is walked in date order instead.
var ftsDriveMax = 1000

// searchText is the text a keyword matches on PostgreSQL: the expression
// of the index publications_text_trgm, written exactly as the index is.
const searchText = `(p.number || ' ' || p.party_name || ' ' || p.facts || ' ' || p.penalty)`

// publicationQuery is the FROM and WHERE of a filter, and its arguments.
type publicationQuery struct {
	from  string
	where string
	args  []any
	// count, when set, is the FROM and WHERE to count with instead (a
	// common word: the page walks the list, the count asks the index).
	count *publicationQuery
	// more: the count is known to exceed the cap.
	more bool
	// uncounted: a capped count would still test every row with LIKE (a
	// keyword of one or two characters): not counted.
	uncounted bool
}

func (q *publicationQuery) add(cond string, args ...any) {
	q.where += ` AND ` + cond
	q.args = append(q.args, args...)
}

// ftsPhrase quotes s as an FTS5 phrase.
func ftsPhrase(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// publicationWhere is the FROM and WHERE clauses selecting f without its
// position (After), and their arguments. The FROM names publications p and, on SQLite for a keyword the
// trigram index drives, publications_fts f first.
func (c *conn) publicationWhere(ctx context.Context, f publicity.PublicationFilter) (publicationQuery, error) {
	q := publicationQuery{from: ` FROM publications p`, where: ` WHERE 1=1`}
	if f.ID != 0 {
		q.add(`p.id = ?`, f.ID)
	}
	if f.CaseID != 0 {
		q.add(`p.case_id = ?`, f.CaseID)
	}
	if f.AgencyID != 0 {
		q.add(`p.agency_id = ?`, f.AgencyID)
	}
	if f.Status != "" {
		q.add(`p.status = ?`, f.Status)
	}
	if f.Category != "" {
		q.add(`p.category = ?`, f.Category)
	}
	if f.From != "" {
		q.add(`p.decided_on >= ?`, f.From)
	}
	if f.To != "" {
		q.add(`p.decided_on <= ?`, f.To)
	}
	if n := strings.TrimSpace(f.Number); n != "" {
		q.add(`p.number LIKE ? ESCAPE '\'`, likePattern(n))
	}
	if k := strings.TrimSpace(f.Keyword); k != "" {
		like := likePattern(k)
		switch {
		case c.dialect == Postgres:
			q.add(searchText+` ILIKE ? ESCAPE '\'`, like)
			q.uncounted = f.CountCap > 0 && utf8.RuneCountInString(k) < 3
		case utf8.RuneCountInString(k) >= 3:
			byIndex := q
			byIndex.args = slices.Clone(q.args)
			byIndex.from = ` FROM publications_fts f CROSS JOIN publications p`
			byIndex.add(`f.rowid = p.id AND publications_fts MATCH ?`, ftsPhrase(k))
			// Only the status and the keyword filter: the index's matches
			// less the rows in another status bound the count from below.
			other := -1
			if f == (publicity.PublicationFilter{Status: f.Status, Keyword: f.Keyword, Limit: f.Limit, Offset: f.Offset, After: f.After, CountCap: f.CountCap}) &&
				f.Status != "" && f.CountCap > 0 {
				other = c.otherStatuses(ctx, f.Status)
			}
			m := c.ftsMatches(ctx, k, max(ftsDriveMax, f.CountCap+max(other, 0))+1)
			if m <= ftsDriveMax {
				q = byIndex
				break
			}
			q.add(`(p.number LIKE ? ESCAPE '\' OR p.party_name LIKE ? ESCAPE '\' OR p.facts LIKE ? ESCAPE '\' OR p.penalty LIKE ? ESCAPE '\')`,
				like, like, like, like)
			q.count = &byIndex
			if other >= 0 && m-other > f.CountCap {
				q.more = true
			}
		default:
			q.add(`(p.number LIKE ? ESCAPE '\' OR p.party_name LIKE ? ESCAPE '\' OR p.penalty LIKE ? ESCAPE '\' OR p.facts LIKE ? ESCAPE '\')`,
				like, like, like, like)
			q.uncounted = f.CountCap > 0
		}
	}
	return q, nil
}

// ftsMatches returns the number of rows of the trigram index matching
// word, counted up to limit (SQLite); limit on an error, so that the walk
// in date order, always correct, is taken.
func (c *conn) ftsMatches(ctx context.Context, word string, limit int) int {
	var n int
	if err := c.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT rowid FROM publications_fts WHERE publications_fts MATCH ? LIMIT `+
		strconv.Itoa(limit)+`)`, ftsPhrase(word)).Scan(&n); err != nil {
		return limit
	}
	return n
}

// otherStatuses returns the number of publications in another status than
// status (a few: pending and withdrawn ones), -1 on an error.
func (c *conn) otherStatuses(ctx context.Context, status string) int {
	var others []any
	for _, s := range publicity.Statuses {
		if s != status {
			others = append(others, s)
		}
	}
	var n int
	if err := c.queryRow(ctx, `SELECT COUNT(*) FROM publications WHERE status IN (?`+strings.Repeat(`, ?`, len(others)-1)+`)`, others...).Scan(&n); err != nil {
		return -1
	}
	return n
}

// FindPublications returns the publications matching f, latest decision
// first, each with its corrections, and the number matching f without
// Limit, Offset and After — at most f.CountCap+1 when f.CountCap is set,
// and -1 (not counted) for a keyword of one or two characters then.
// A filter by ID is not counted (the count is the number returned).
func (c *conn) FindPublications(ctx context.Context, f publicity.PublicationFilter) ([]*publicity.Publication, int, error) {
	q, err := c.publicationWhere(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	total := 0
	if f.ID == 0 {
		if total, err = c.countPublications(ctx, f, q); err != nil {
			return nil, 0, err
		}
	}
	if f.After != nil {
		q.add(`(p.decided_on, p.id) < (?, ?)`, f.After.DecidedOn, f.After.ID)
	}
	const order = ` ORDER BY p.decided_on DESC, p.id DESC`
	var rowsQ string
	if f.Limit > 0 {
		// The page's ids from the index, then their rows.
		rowsQ = `SELECT ` + publicationColumns + ` FROM publications p LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id IN (SELECT p.id` +
			q.from + q.where + order + ` LIMIT ` + strconv.Itoa(f.Limit) + ` OFFSET ` + strconv.Itoa(max(f.Offset, 0)) + `)` + order
	} else {
		rowsQ = `SELECT ` + publicationColumns + q.from + ` LEFT JOIN agencies a ON a.id = p.agency_id` + q.where + order
	}
	args := q.args
	rows, err := c.query(ctx, rowsQ, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*publicity.Publication
	for rows.Next() {
		p, err := scanPublication(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	if err := c.loadCorrections(ctx, out); err != nil {
		return nil, 0, err
	}
	if f.ID != 0 {
		total = len(out)
	}
	return out, total, nil
}

// countPublications counts the rows of q, stopping at f.CountCap+1 when
// set.
func (c *conn) countPublications(ctx context.Context, f publicity.PublicationFilter, q publicationQuery) (int, error) {
	if q.uncounted {
		return -1, nil
	}
	if q.more {
		return f.CountCap + 1, nil
	}
	if q.count != nil {
		q = *q.count
	}
	cq := `SELECT COUNT(*)` + q.from + q.where
	if f.CountCap > 0 {
		cq = `SELECT COUNT(*) FROM (SELECT 1` + q.from + q.where + ` LIMIT ` + strconv.Itoa(f.CountCap+1) + `) capped`
	}
	var n int
	err := c.queryRow(ctx, cq, q.args...).Scan(&n)
	return n, err
}

// PublicationsVersion returns the ledger's size and the time of its latest
// event: every change of a publication records an event, so the pair
// changes whenever anything the portal shows does.
func (c *conn) PublicationsVersion(ctx context.Context) (publicity.Version, error) {
	var v publicity.Version
	if err := c.queryRow(ctx, `SELECT size FROM ledger_head WHERE id = 1`).Scan(&v.Seq); err != nil || v.Seq == 0 {
		return v, err
	}
	var created string
	if err := c.queryRow(ctx, `SELECT created FROM ledger_leaves WHERE idx = ?`, v.Seq-1).Scan(&created); err != nil {
		return v, err
	}
	v.At = parseTime(created)
	return v, nil
}

// AnalyzeAfterBulk refreshes the planner's statistics after a bulk load
// (zhifa bench-data): ANALYZE on SQLite; VACUUM ANALYZE on PostgreSQL, whose
// visibility map lets the counts and pages read the indexes alone.
func (db *DB) AnalyzeAfterBulk(ctx context.Context) error {
	q := `ANALYZE`
	if db.dialect == Postgres {
		q = `VACUUM ANALYZE`
	}
	_, err := db.w.ExecContext(ctx, q)
	return err
}
