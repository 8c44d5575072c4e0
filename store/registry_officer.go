package store

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

const officerColumns = `o.id, o.agency_id, COALESCE(a.name, ''), o.name, o.gender, o.post, o.cert_no, o.category, o.valid_from, o.valid_to, o.status, o.legal_qualification, o.created, o.updated`

func scanOfficer(s interface{ Scan(...any) error }) (*registry.Officer, error) {
	var o registry.Officer
	var from, to, created, updated string
	if err := s.Scan(&o.ID, &o.AgencyID, &o.AgencyName, &o.Name, &o.Gender, &o.Post, &o.CertNo, &o.Category, &from, &to, &o.Status, &o.LegalQualification, &created, &updated); err != nil {
		return nil, err
	}
	o.ValidFrom, _ = zhifa.ParseCivilDate(from)
	o.ValidTo, _ = zhifa.ParseCivilDate(to)
	o.Created, o.Updated = parseTime(created), parseTime(updated)
	return &o, nil
}

// FindOfficers returns the officers matching f, ordered by agency and id.
func (c *conn) FindOfficers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error) {
	q := `SELECT ` + officerColumns + ` FROM officers o LEFT JOIN agencies a ON a.id = o.agency_id WHERE 1=1`
	var args []any
	if f.ID != nil {
		q += ` AND o.id = ?`
		args = append(args, *f.ID)
	}
	if f.AgencyID != nil {
		q += ` AND o.agency_id = ?`
		args = append(args, *f.AgencyID)
	}
	if f.CertNo != nil {
		q += ` AND o.cert_no = ?`
		args = append(args, *f.CertNo)
	}
	if f.Category != nil {
		q += ` AND o.category = ?`
		args = append(args, *f.Category)
	}
	if f.Status != nil {
		q += ` AND o.status = ?`
		args = append(args, *f.Status)
	}
	rows, err := c.query(ctx, q+` ORDER BY o.agency_id, o.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*registry.Officer
	for rows.Next() {
		o, err := scanOfficer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// FindOfficer returns the one officer matching f, or ENOTFOUND.
func (c *conn) FindOfficer(ctx context.Context, f registry.OfficerFilter) (*registry.Officer, error) {
	officers, err := c.FindOfficers(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(officers) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "执法人员不存在")
	}
	return officers[0], nil
}

func certTaken(o *registry.Officer) error {
	return zhifa.Invalid(map[string]string{"cert_no": "执法证号“" + o.CertNo + "”已登记"})
}

// CreateOfficer inserts o and sets its ID.
func (tx *Tx) CreateOfficer(o *registry.Officer) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO officers (agency_id, name, gender, post, cert_no, category, valid_from, valid_to, status, legal_qualification, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.AgencyID, o.Name, o.Gender, o.Post, o.CertNo, o.Category, o.ValidFrom.String(), o.ValidTo.String(), o.Status, o.LegalQualification, fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return certTaken(o)
		}
		return err
	}
	o.ID, o.Created, o.Updated = id, tx.Now, tx.Now
	tx.touch("officers", id)
	return nil
}

// UpdateOfficer stores o's fields, its status included.
func (tx *Tx) UpdateOfficer(o *registry.Officer) error {
	_, err := tx.exec(tx.ctx, `UPDATE officers SET agency_id = ?, name = ?, gender = ?, post = ?, cert_no = ?, category = ?, valid_from = ?, valid_to = ?, status = ?, legal_qualification = ?, updated = ? WHERE id = ?`,
		o.AgencyID, o.Name, o.Gender, o.Post, o.CertNo, o.Category, o.ValidFrom.String(), o.ValidTo.String(), o.Status, o.LegalQualification, fmtTime(tx.Now), o.ID)
	if err != nil {
		if isUniqueViolation(err) {
			return certTaken(o)
		}
		return err
	}
	o.Updated = tx.Now
	tx.touch("officers", o.ID)
	return nil
}
