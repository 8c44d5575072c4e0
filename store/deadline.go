package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/zhifa/zhifa"
)

// Deadline is a statutory time limit of an object (e.g. "case/42"), stored
// with the rule and start date that made it so that it can be recomputed
// when the calendar changes. Dates are civil dates, YYYY-MM-DD.
type Deadline struct {
	ID          int64
	Object      string
	AgencyID    int64
	RuleID      string // package deadline's rule ID, e.g. "T8"
	Start       string
	Due         string
	MetAt       string // "" while the step is open
	Responsible int64  // user responsible, 0 if none
	Created     time.Time
	Updated     time.Time
}

const deadlineColumns = `id, object, agency_id, rule_id, start_date, due_date, met_at, COALESCE(responsible_user_id, 0), created, updated`

func scanDeadline(s interface{ Scan(...any) error }) (*Deadline, error) {
	var d Deadline
	var created, updated string
	if err := s.Scan(&d.ID, &d.Object, &d.AgencyID, &d.RuleID, &d.Start, &d.Due, &d.MetAt, &d.Responsible, &created, &updated); err != nil {
		return nil, err
	}
	d.Created, d.Updated = parseTime(created), parseTime(updated)
	return &d, nil
}

// DeadlineFilter selects deadlines; nil fields do not filter.
type DeadlineFilter struct {
	Object   *string
	AgencyID *int64
	RuleID   *string
	Open     *bool // true: met_at = ''; false: met
}

// FindDeadlines returns the deadlines matching f, by due date then id.
func (c *conn) FindDeadlines(ctx context.Context, f DeadlineFilter) ([]*Deadline, error) {
	q := `SELECT ` + deadlineColumns + ` FROM deadlines WHERE 1=1`
	var args []any
	if f.Object != nil {
		q += ` AND object = ?`
		args = append(args, *f.Object)
	}
	if f.AgencyID != nil {
		q += ` AND agency_id = ?`
		args = append(args, *f.AgencyID)
	}
	if f.RuleID != nil {
		q += ` AND rule_id = ?`
		args = append(args, *f.RuleID)
	}
	if f.Open != nil {
		if *f.Open {
			q += ` AND met_at = ''`
		} else {
			q += ` AND met_at <> ''`
		}
	}
	rows, err := c.query(ctx, q+` ORDER BY due_date, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Deadline
	for rows.Next() {
		d, err := scanDeadline(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// FindDeadline returns the deadline of object under rule, or ENOTFOUND.
func (c *conn) FindDeadline(ctx context.Context, object, ruleID string) (*Deadline, error) {
	d, err := scanDeadline(c.queryRow(ctx, `SELECT `+deadlineColumns+` FROM deadlines WHERE object = ? AND rule_id = ?`, object, ruleID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "%s 没有期限 %s", object, ruleID)
	}
	return d, err
}

// PutDeadline stores the deadline of d.Object under d.RuleID, replacing
// one set before (its met date is cleared: the step is open again), and
// sets d.ID.
func (tx *Tx) PutDeadline(d *Deadline) error {
	now := fmtTime(tx.Now)
	err := tx.queryRow(tx.ctx, `INSERT INTO deadlines (object, agency_id, rule_id, start_date, due_date, met_at, responsible_user_id, created, updated)
		VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)
		ON CONFLICT (object, rule_id) DO UPDATE SET agency_id = excluded.agency_id, start_date = excluded.start_date, due_date = excluded.due_date,
			met_at = '', responsible_user_id = excluded.responsible_user_id, updated = excluded.updated
		RETURNING id`,
		d.Object, d.AgencyID, d.RuleID, d.Start, d.Due, nullID(d.Responsible), now, now).Scan(&d.ID)
	if err != nil {
		return err
	}
	d.MetAt, d.Updated = "", tx.Now
	return nil
}

// MeetDeadline marks the open deadline of object under rule as met on date,
// or returns ENOTFOUND when there is no such open deadline.
func (tx *Tx) MeetDeadline(object, ruleID, date string) error {
	res, err := tx.exec(tx.ctx, `UPDATE deadlines SET met_at = ?, updated = ? WHERE object = ? AND rule_id = ? AND met_at = ''`,
		date, fmtTime(tx.Now), object, ruleID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return zhifa.Errorf(zhifa.ENOTFOUND, "%s 没有未完成的期限 %s", object, ruleID)
	}
	return nil
}

// SetDeadlineDue changes the due date of deadline id (a recomputation).
func (tx *Tx) SetDeadlineDue(id int64, due string) error {
	_, err := tx.exec(tx.ctx, `UPDATE deadlines SET due_date = ?, updated = ? WHERE id = ?`, due, fmtTime(tx.Now), id)
	return err
}

// AgencyReviewDays returns the 法制审核 time limit of agency id in working
// days (rule L5 is configured per agency), read inside the transaction.
func (tx *Tx) AgencyReviewDays(id int64) (int, error) {
	var n int
	err := tx.queryRow(tx.ctx, `SELECT review_days FROM agencies WHERE id = ?`, id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, zhifa.Invalid(map[string]string{"agency_id": "执法主体不存在"})
	}
	return n, err
}

// OpenDeadlines returns every open deadline, read inside the transaction.
func (tx *Tx) OpenDeadlines() ([]*Deadline, error) {
	open := true
	return tx.FindDeadlines(tx.ctx, DeadlineFilter{Open: &open})
}
