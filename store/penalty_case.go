package store

import (
	"context"
	"database/sql"
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
