package store

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
)

const counselColumns = `c.id, c.agency_id, COALESCE(a.name, ''), c.kind, c.name, c.organization, c.license_no, c.legal_qualification, c.status, c.created, c.updated`

// FindCounsels returns the counsel of agency agencyID (0: of every agency),
// or only counsel id when id is not 0, by agency and id.
func (c *conn) FindCounsels(ctx context.Context, agencyID, id int64) ([]*registry.Counsel, error) {
	q := `SELECT ` + counselColumns + ` FROM counsels c LEFT JOIN agencies a ON a.id = c.agency_id WHERE 1=1`
	var args []any
	if agencyID != 0 {
		q += ` AND c.agency_id = ?`
		args = append(args, agencyID)
	}
	if id != 0 {
		q += ` AND c.id = ?`
		args = append(args, id)
	}
	rows, err := c.query(ctx, q+` ORDER BY c.agency_id, c.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*registry.Counsel
	for rows.Next() {
		var x registry.Counsel
		var created, updated string
		if err := rows.Scan(&x.ID, &x.AgencyID, &x.AgencyName, &x.Kind, &x.Name, &x.Organization, &x.LicenseNo, &x.LegalQualification, &x.Status, &created, &updated); err != nil {
			return nil, err
		}
		x.Created, x.Updated = parseTime(created), parseTime(updated)
		out = append(out, &x)
	}
	return out, rows.Err()
}

// CreateCounsel inserts x and sets its ID, Created and Updated.
func (tx *Tx) CreateCounsel(x *registry.Counsel) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO counsels (agency_id, kind, name, organization, license_no, legal_qualification, status, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		x.AgencyID, x.Kind, x.Name, x.Organization, x.LicenseNo, x.LegalQualification, x.Status, fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		return err
	}
	x.ID, x.Created, x.Updated = id, tx.Now, tx.Now
	tx.touch("counsels", id)
	return nil
}

// FindAdvisers returns the advisers of case caseID's reviews, in order.
func (c *conn) FindAdvisers(ctx context.Context, caseID int64) ([]review.Adviser, error) {
	rows, err := c.query(ctx, `SELECT r.id, r.case_id, r.counsel_id, COALESCE(k.name, ''), COALESCE(k.kind, ''), COALESCE(k.legal_qualification, `+c.falseLit()+`),
		r.assigned_by, r.opinion, r.opinion_by, r.opinion_at, r.created
		FROM review_advisers r LEFT JOIN counsels k ON k.id = r.counsel_id WHERE r.case_id = ? ORDER BY r.id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []review.Adviser
	for rows.Next() {
		var x review.Adviser
		var at, created string
		if err := rows.Scan(&x.ID, &x.CaseID, &x.CounselID, &x.Name, &x.Kind, &x.LegalQualification, &x.AssignedBy, &x.Opinion, &x.OpinionBy, &at, &created); err != nil {
			return nil, err
		}
		if at != "" {
			x.OpinionAt = parseTime(at)
		}
		x.Created = parseTime(created)
		out = append(out, x)
	}
	return out, rows.Err()
}

// falseLit is the dialect's false literal.
func (c *conn) falseLit() string {
	if c.dialect == Postgres {
		return "FALSE"
	}
	return "0"
}

// CreateAdviser inserts x; a counsel already assigned to the case is
// EINVALID.
func (tx *Tx) CreateAdviser(x *review.Adviser) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO review_advisers (case_id, counsel_id, assigned_by, created) VALUES (?, ?, ?, ?)`,
		x.CaseID, x.CounselID, x.AssignedBy, fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return zhifa.Invalid(map[string]string{"counsel_id": "该法律顾问(公职律师)已被指派参与本案审核"})
		}
		return err
	}
	x.ID, x.Created = id, tx.Now
	tx.touch("review_advisers", id)
	return nil
}

// SetAdviserOpinion records the opinion of adviser x.
func (tx *Tx) SetAdviserOpinion(x *review.Adviser) error {
	if _, err := tx.exec(tx.ctx, `UPDATE review_advisers SET opinion = ?, opinion_by = ?, opinion_at = ? WHERE id = ?`,
		x.Opinion, x.OpinionBy, fmtTime(tx.Now), x.ID); err != nil {
		return err
	}
	x.OpinionAt = tx.Now
	tx.touch("review_advisers", x.ID)
	return nil
}

// ReviewStaffing counts, per agency that is not the supervisor, its
// reviewers (enabled users with the reviewer role), those whose officer
// record holds 法律职业资格, its officers with a certificate in force on
// today, and its counsel in post by kind.
func (c *conn) ReviewStaffing(ctx context.Context, today zhifa.Date) ([]review.Staffing, error) {
	t := c.trueLit()
	rows, err := c.query(ctx, `SELECT a.id, a.name,
		(SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'reviewer' WHERE u.agency_id = a.id AND u.disabled = `+c.falseLit()+`),
		(SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'reviewer' JOIN officers o ON o.id = u.officer_id
			WHERE u.agency_id = a.id AND u.disabled = `+c.falseLit()+` AND o.legal_qualification = `+t+`),
		(SELECT COUNT(*) FROM officers o WHERE o.agency_id = a.id AND o.status = '有效' AND o.valid_from <= ? AND o.valid_to >= ?),
		(SELECT COUNT(*) FROM counsels k WHERE k.agency_id = a.id AND k.status = '在岗' AND k.kind = '法律顾问'),
		(SELECT COUNT(*) FROM counsels k WHERE k.agency_id = a.id AND k.status = '在岗' AND k.kind = '公职律师')
		FROM agencies a WHERE a.supervisor = `+c.falseLit()+` ORDER BY a.id`, today.String(), today.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []review.Staffing
	for rows.Next() {
		var s review.Staffing
		if err := rows.Scan(&s.AgencyID, &s.AgencyName, &s.Reviewers, &s.Qualified, &s.Officers, &s.Advisers, &s.Lawyers); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (c *conn) trueLit() string {
	if c.dialect == Postgres {
		return "TRUE"
	}
	return "1"
}
