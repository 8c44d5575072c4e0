package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/review"
)

const extensionColumns = `id, case_id, round_start, days, old_due, new_due, reason, approved_by, created`

func scanExtension(s interface{ Scan(...any) error }) (*review.Extension, error) {
	var e review.Extension
	var start, oldDue, newDue, created string
	if err := s.Scan(&e.ID, &e.CaseID, &start, &e.Days, &oldDue, &newDue, &e.Reason, &e.ApprovedBy, &created); err != nil {
		return nil, err
	}
	e.RoundStart, _ = zhifa.ParseCivilDate(start)
	e.OldDue, _ = zhifa.ParseCivilDate(oldDue)
	e.NewDue, _ = zhifa.ParseCivilDate(newDue)
	e.Created = parseTime(created)
	return &e, nil
}

// FindReviewExtensions returns the extensions of the review limits of case
// caseID, oldest first.
func (c *conn) FindReviewExtensions(ctx context.Context, caseID int64) ([]review.Extension, error) {
	rows, err := c.query(ctx, `SELECT `+extensionColumns+` FROM review_extensions WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []review.Extension
	for rows.Next() {
		e, err := scanExtension(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

// ReviewExtensionDays returns the working days by which the review limit
// (L5) of object's review round started on start (YYYY-MM-DD) was extended;
// 0 for any other object. Recomputation and verify add them to the
// agency's review days.
func (c *conn) ReviewExtensionDays(ctx context.Context, object, start string) (int, error) {
	id, ok := caseObjectID(object)
	if !ok {
		return 0, nil
	}
	var n int
	err := c.queryRow(ctx, `SELECT COALESCE(SUM(days), 0) FROM review_extensions WHERE case_id = ? AND round_start = ?`, id, start).Scan(&n)
	return n, err
}

// caseObjectID returns the id of a "case/<id>" object.
func caseObjectID(object string) (int64, bool) {
	rest, ok := strings.CutPrefix(object, "case/")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0
}

// ReviewDeadlines returns the review limits (L5) of the cases of agency
// agencyID (0: every agency), or of case caseID when it is not 0, open ones
// only when open, each with its round's extensions, by due date.
func (c *conn) ReviewDeadlines(ctx context.Context, agencyID, caseID int64, open bool) ([]review.Deadline, error) {
	rule := "L5"
	f := DeadlineFilter{RuleID: &rule}
	if agencyID != 0 {
		f.AgencyID = &agencyID
	}
	if caseID != 0 {
		object := "case/" + strconv.FormatInt(caseID, 10)
		f.Object = &object
	}
	if open {
		f.Open = &open
	}
	ds, err := c.FindDeadlines(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []review.Deadline
	exts := map[int64][]review.Extension{}
	for _, d := range ds {
		id, ok := caseObjectID(d.Object)
		if !ok {
			continue
		}
		rd := review.Deadline{CaseID: id, AgencyID: d.AgencyID}
		rd.Start, _ = zhifa.ParseCivilDate(d.Start)
		rd.Due, _ = zhifa.ParseCivilDate(d.Due)
		rd.MetAt, _ = zhifa.ParseCivilDate(d.MetAt)
		if err := c.queryRow(ctx, `SELECT number FROM cases WHERE id = ?`, id).Scan(&rd.CaseNumber); err != nil {
			return nil, err
		}
		if _, seen := exts[id]; !seen {
			if exts[id], err = c.FindReviewExtensions(ctx, id); err != nil {
				return nil, err
			}
		}
		for _, e := range exts[id] {
			if e.RoundStart == rd.Start {
				rd.Extensions = append(rd.Extensions, e)
			}
		}
		out = append(out, rd)
	}
	return out, nil
}

// CreateReviewExtension inserts e and sets its ID and Created.
func (tx *Tx) CreateReviewExtension(e *review.Extension) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO review_extensions (case_id, round_start, days, old_due, new_due, reason, approved_by, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.CaseID, e.RoundStart.String(), e.Days, e.OldDue.String(), e.NewDue.String(), e.Reason, e.ApprovedBy, fmtTime(tx.Now))
	if err != nil {
		return err
	}
	e.ID, e.Created = id, tx.Now
	tx.touch("review_extensions", id)
	return nil
}

// SetReviewDue moves the due date of the open review limit (L5) of case
// caseID; ENOTFOUND when it has none.
func (tx *Tx) SetReviewDue(caseID int64, due zhifa.Date) error {
	res, err := tx.exec(tx.ctx, `UPDATE deadlines SET due_date = ?, updated = ? WHERE object = ? AND rule_id = 'L5' AND met_at = ''`,
		due.String(), fmtTime(tx.Now), "case/"+strconv.FormatInt(caseID, 10))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return zhifa.Errorf(zhifa.ENOTFOUND, "案件没有进行中的法制审核期限")
	}
	return nil
}

// ReviewExtended is ReviewExtensionDays inside the transaction.
func (tx *Tx) ReviewExtended(object, start string) (int, error) {
	return tx.ReviewExtensionDays(tx.ctx, object, start)
}
