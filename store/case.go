package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
)

// joinIDs and splitIDs store id lists as "3,5".
func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

func splitIDs(s string) []int64 {
	var out []int64
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}

const caseColumns = `c.id, c.agency_id, COALESCE(a.name, ''), c.number, c.matter_id, COALESCE(m.name, ''), c.stage, c.source, c.summary,
	c.party_kind, c.party_name, c.party_id_number, c.party_legal_rep, c.party_phone, c.party_address,
	c.handler_ids, c.registered_by, c.opened_on, c.decided_on, c.created, c.updated`

const caseFrom = ` FROM cases c LEFT JOIN agencies a ON a.id = c.agency_id LEFT JOIN matters m ON m.id = c.matter_id`

// scanCase reads a row of caseColumns; the party's ID number, phone and
// address are decrypted with c's keys (fieldcrypt.go).
func (c *conn) scanCase(s interface{ Scan(...any) error }) (*zhifa.Case, error) {
	cs, err := scanCaseRow(s)
	if err != nil {
		return nil, err
	}
	p := &cs.Party
	for _, f := range []struct {
		col string
		v   *string
	}{{"cases.party_id_number", &p.IDNumber}, {"cases.party_phone", &p.Phone}, {"cases.party_address", &p.Address}} {
		if *f.v, err = openField(c.fields, f.col, *f.v); err != nil {
			return nil, fmt.Errorf("案件 %d: %w", cs.ID, err)
		}
	}
	return cs, nil
}

func scanCaseRow(s interface{ Scan(...any) error }) (*zhifa.Case, error) {
	var c zhifa.Case
	var handlers, opened, decided, created, updated string
	p := &c.Party
	if err := s.Scan(&c.ID, &c.AgencyID, &c.AgencyName, &c.Number, &c.MatterID, &c.MatterName, &c.Stage, &c.Source, &c.Summary,
		&p.Kind, &p.Name, &p.IDNumber, &p.LegalRep, &p.Phone, &p.Address,
		&handlers, &c.RegisteredBy, &opened, &decided, &created, &updated); err != nil {
		return nil, err
	}
	c.HandlerIDs = splitIDs(handlers)
	c.OpenedOn, _ = zhifa.ParseDate(opened)
	c.DecidedOn, _ = zhifa.ParseDate(decided)
	c.Created, c.Updated = parseTime(created), parseTime(updated)
	return &c, nil
}

// CaseFilter selects cases; zero fields do not filter.
type CaseFilter struct {
	ID       int64
	AgencyID int64
	Stages   []string
	Limit    int // 0: no limit
}

// FindCases returns the cases matching f, newest first.
func (c *conn) FindCases(ctx context.Context, f CaseFilter) ([]*zhifa.Case, error) {
	q := `SELECT ` + caseColumns + caseFrom + ` WHERE 1=1`
	var args []any
	if f.ID != 0 {
		q += ` AND c.id = ?`
		args = append(args, f.ID)
	}
	if f.AgencyID != 0 {
		q += ` AND c.agency_id = ?`
		args = append(args, f.AgencyID)
	}
	if len(f.Stages) > 0 {
		q += ` AND c.stage IN (?` + strings.Repeat(`, ?`, len(f.Stages)-1) + `)`
		for _, s := range f.Stages {
			args = append(args, s)
		}
	}
	q += ` ORDER BY c.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhifa.Case
	for rows.Next() {
		cs, err := c.scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, cs)
	}
	return out, rows.Err()
}

// FindCase returns case id, or ENOTFOUND.
func (c *conn) FindCase(ctx context.Context, id int64) (*zhifa.Case, error) {
	cs, err := c.FindCases(ctx, CaseFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "案件 %d 不存在", id)
	}
	return cs[0], nil
}

// LockCase returns case id for a change, holding its row lock on
// PostgreSQL (SQLite has one writer), or ENOTFOUND.
func (tx *Tx) LockCase(id int64) (*zhifa.Case, error) {
	if tx.dialect == Postgres {
		if _, err := tx.exec(tx.ctx, `SELECT id FROM cases WHERE id = ? FOR UPDATE`, id); err != nil {
			return nil, err
		}
	}
	return tx.FindCase(tx.ctx, id)
}

// CreateCase inserts c and sets its ID.
func (tx *Tx) CreateCase(c *zhifa.Case) error {
	p := c.Party
	// Stored encrypted (fieldcrypt.go); c keeps the plaintext.
	var err error
	for _, f := range []struct {
		col string
		v   *string
	}{{"cases.party_id_number", &p.IDNumber}, {"cases.party_phone", &p.Phone}, {"cases.party_address", &p.Address}} {
		if *f.v, err = sealField(tx.fields, f.col, *f.v); err != nil {
			return err
		}
	}
	id, err := tx.insert(tx.ctx, `INSERT INTO cases (agency_id, number, matter_id, stage, source, summary, party_kind, party_name, party_id_number,
		party_legal_rep, party_phone, party_address, handler_ids, registered_by, opened_on, decided_on, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.AgencyID, c.Number, c.MatterID, c.Stage, c.Source, c.Summary, p.Kind, p.Name, p.IDNumber, p.LegalRep, p.Phone, p.Address,
		joinIDs(c.HandlerIDs), c.RegisteredBy, zhifa.FormatDate(c.OpenedOn), zhifa.FormatDate(c.DecidedOn), fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return zhifa.Errorf(zhifa.ECONFLICT, "案件编号“%s”已存在,请重试", c.Number)
		}
		return err
	}
	c.ID, c.Created, c.Updated = id, tx.Now, tx.Now
	tx.touch("cases", id)
	return nil
}

// SetCaseStage stores the case's stage and its 立案 and decision dates.
func (tx *Tx) SetCaseStage(c *zhifa.Case) error {
	_, err := tx.exec(tx.ctx, `UPDATE cases SET stage = ?, opened_on = ?, decided_on = ?, updated = ? WHERE id = ?`,
		c.Stage, zhifa.FormatDate(c.OpenedOn), zhifa.FormatDate(c.DecidedOn), fmtTime(tx.Now), c.ID)
	c.Updated = tx.Now
	tx.touch("cases", c.ID)
	return err
}

// SetCaseRules is SetCaseStage that also stores the case's rule state (see
// LockCaseRules) in the same statement: it is part of the case's record.
func (tx *Tx) SetCaseRules(c *zhifa.Case, rules string) error {
	_, err := tx.exec(tx.ctx, `UPDATE cases SET stage = ?, opened_on = ?, decided_on = ?, rule_state = ?, updated = ? WHERE id = ?`,
		c.Stage, zhifa.FormatDate(c.OpenedOn), zhifa.FormatDate(c.DecidedOn), rules, fmtTime(tx.Now), c.ID)
	c.Updated = tx.Now
	tx.touch("cases", c.ID)
	return err
}

// LockCaseRules is LockCase that also returns the case's stored rule state
// (what the procedure rules need of its history, kept by package service;
// "" when it was never computed), read in the same statement as the row
// and its lock.
func (tx *Tx) LockCaseRules(id int64) (*zhifa.Case, string, error) {
	q := `SELECT ` + caseColumns + `, c.rule_state` + caseFrom + ` WHERE c.id = ?`
	if tx.dialect == Postgres {
		q += ` FOR UPDATE OF c`
	}
	var rules string
	c, err := tx.scanCase(scanPlus{tx.queryRow(tx.ctx, q, id), &rules})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", zhifa.Errorf(zhifa.ENOTFOUND, "案件 %d 不存在", id)
	}
	if err != nil {
		return nil, "", err
	}
	return c, rules, nil
}

// scanPlus scans a row of caseColumns followed by extra columns.
type scanPlus struct {
	s     interface{ Scan(...any) error }
	extra any
}

func (p scanPlus) Scan(dest ...any) error { return p.s.Scan(append(dest, p.extra)...) }

// AddStep inserts st with the next sequence number of its case, and its
// files, and sets their IDs.
func (tx *Tx) AddStep(st *zhifa.Step) error {
	fields, err := json.Marshal(st.Fields)
	if err != nil {
		return err
	}
	var review []byte
	if st.Review != nil {
		if review, err = json.Marshal(st.Review); err != nil {
			return err
		}
	}
	// Stored encrypted (fieldcrypt.go): the documents restate the party.
	storedFields, err := sealField(tx.fields, "case_steps.fields", string(fields))
	if err != nil {
		return err
	}
	storedReview, err := sealField(tx.fields, "case_steps.review", string(review))
	if err != nil {
		return err
	}
	// The next sequence number in the same statement: one round trip less
	// in the writer, which the case's lock (or SQLite's single writer)
	// makes safe.
	var id int64
	var seq int
	err = tx.queryRow(tx.ctx, `INSERT INTO case_steps (case_id, seq, action, stage, actor_user_id, officer_ids, fields, review, ledger_index, created)
		SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM case_steps WHERE case_id = ?
		RETURNING id, seq`,
		st.CaseID, st.Action, st.Stage, st.ActorUserID, joinIDs(st.OfficerIDs), storedFields, storedReview, st.LedgerIndex, fmtTime(tx.Now),
		st.CaseID).Scan(&id, &seq)
	if err != nil {
		return err
	}
	st.ID, st.Seq, st.Created = id, seq, tx.Now
	tx.touch("case_steps", id)
	for i := range st.Files {
		e := &st.Files[i]
		e.CaseID, e.StepID, e.Created = st.CaseID, id, tx.Now
		if e.ID, err = tx.insert(tx.ctx, `INSERT INTO evidence (case_id, step_id, name, content_type, size, digest, uploaded_by, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.CaseID, e.StepID, e.Name, e.ContentType, e.Size, e.Digest, e.UploadedBy, fmtTime(tx.Now)); err != nil {
			return err
		}
		tx.touch("evidence", e.ID)
	}
	return nil
}

// FindSteps returns the steps of a case in order, with their files.
func (c *conn) FindSteps(ctx context.Context, caseID int64) ([]*zhifa.Step, error) {
	rows, err := c.query(ctx, `SELECT s.id, s.case_id, s.seq, s.action, s.stage, s.actor_user_id, COALESCE(u.name, ''), s.officer_ids, s.fields, s.review, s.ledger_index, s.created
		FROM case_steps s LEFT JOIN users u ON u.id = s.actor_user_id WHERE s.case_id = ? ORDER BY s.seq`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhifa.Step
	byID := map[int64]*zhifa.Step{}
	for rows.Next() {
		var st zhifa.Step
		var officers, fields, review, created string
		if err := rows.Scan(&st.ID, &st.CaseID, &st.Seq, &st.Action, &st.Stage, &st.ActorUserID, &st.ActorName, &officers, &fields, &review, &st.LedgerIndex, &created); err != nil {
			return nil, err
		}
		st.OfficerIDs = splitIDs(officers)
		if fields, err = openField(c.fields, "case_steps.fields", fields); err != nil {
			return nil, fmt.Errorf("step %d: %w", st.ID, err)
		}
		if review, err = openField(c.fields, "case_steps.review", review); err != nil {
			return nil, fmt.Errorf("step %d: %w", st.ID, err)
		}
		if err := json.Unmarshal([]byte(fields), &st.Fields); err != nil {
			return nil, fmt.Errorf("step %d fields: %w", st.ID, err)
		}
		if review != "" {
			st.Review = new(zhifa.ReviewOpinion)
			if err := json.Unmarshal([]byte(review), st.Review); err != nil {
				return nil, fmt.Errorf("step %d review: %w", st.ID, err)
			}
		}
		st.Created = parseTime(created)
		out = append(out, &st)
		byID[st.ID] = &st
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ev, err := c.FindEvidence(ctx, caseID, 0)
	if err != nil {
		return nil, err
	}
	for _, e := range ev {
		if st := byID[e.StepID]; st != nil {
			st.Files = append(st.Files, *e)
		}
	}
	return out, nil
}

// FindEvidence returns the files of a case, or only file id when id ≠ 0.
func (c *conn) FindEvidence(ctx context.Context, caseID, id int64) ([]*zhifa.Evidence, error) {
	q := `SELECT id, case_id, step_id, name, content_type, size, digest, uploaded_by, created FROM evidence WHERE case_id = ?`
	args := []any{caseID}
	if id != 0 {
		q += ` AND id = ?`
		args = append(args, id)
	}
	rows, err := c.query(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhifa.Evidence
	for rows.Next() {
		var e zhifa.Evidence
		var created string
		if err := rows.Scan(&e.ID, &e.CaseID, &e.StepID, &e.Name, &e.ContentType, &e.Size, &e.Digest, &e.UploadedBy, &created); err != nil {
			return nil, err
		}
		e.Created = parseTime(created)
		out = append(out, &e)
	}
	return out, rows.Err()
}

// EvidenceAgencies returns the agencies whose cases hold a file with digest
// as evidence, in id order.
func (c *conn) EvidenceAgencies(ctx context.Context, digest string) ([]int64, error) {
	return c.queryIDs(ctx, `SELECT DISTINCT c.agency_id FROM evidence e JOIN cases c ON c.id = e.case_id WHERE e.digest = ? ORDER BY c.agency_id`, digest)
}

// queryIDs runs a query of one integer column and returns its values.
func (c *conn) queryIDs(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// CountReviews returns how many review steps a user has recorded.
func (c *conn) CountReviews(ctx context.Context, userID int64) (int, error) {
	var n int
	err := c.queryRow(ctx, `SELECT COUNT(*) FROM case_steps WHERE action = 'review' AND actor_user_id = ?`, userID).Scan(&n)
	return n, err
}
