package store

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

const agencyColumns = `id, name, short_name, kind, credit_code, region, level, COALESCE(parent_id, 0), basis, supervisor, address, phone, review_days, created, updated`

func scanAgency(s interface{ Scan(...any) error }) (*registry.Agency, error) {
	var a registry.Agency
	var created, updated string
	if err := s.Scan(&a.ID, &a.Name, &a.ShortName, &a.Kind, &a.CreditCode, &a.Region, &a.Level, &a.ParentID, &a.Basis, &a.Supervisor, &a.Address, &a.Phone, &a.ReviewDays, &created, &updated); err != nil {
		return nil, err
	}
	a.Created, a.Updated = parseTime(created), parseTime(updated)
	return &a, nil
}

// FindAgencies returns the agencies matching f, ordered by id.
func (c *conn) FindAgencies(ctx context.Context, f registry.AgencyFilter) ([]*registry.Agency, error) {
	q := `SELECT ` + agencyColumns + ` FROM agencies WHERE 1=1`
	var args []any
	if f.ID != nil {
		q += ` AND id = ?`
		args = append(args, *f.ID)
	}
	if f.Supervisor != nil {
		q += ` AND supervisor = ?`
		args = append(args, *f.Supervisor)
	}
	rows, err := c.query(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*registry.Agency
	for rows.Next() {
		a, err := scanAgency(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FindAgency returns agency id or ENOTFOUND.
func (c *conn) FindAgency(ctx context.Context, id int64) (*registry.Agency, error) {
	as, err := c.FindAgencies(ctx, registry.AgencyFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "执法主体不存在")
	}
	return as[0], nil
}

// CreateAgency inserts a and sets its ID.
func (tx *Tx) CreateAgency(a *registry.Agency) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO agencies (name, short_name, kind, credit_code, region, level, parent_id, basis, supervisor, address, phone, review_days, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.Name, a.ShortName, a.Kind, a.CreditCode, a.Region, a.Level, nullID(a.ParentID), a.Basis, a.Supervisor, a.Address, a.Phone, a.ReviewDays, fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return zhifa.Invalid(map[string]string{"credit_code": "名称或统一社会信用代码已登记"})
		}
		return err
	}
	a.ID, a.Created, a.Updated = id, tx.Now, tx.Now
	tx.touch("agencies", id)
	return nil
}

// UpdateAgency stores a's fields.
func (tx *Tx) UpdateAgency(a *registry.Agency) error {
	_, err := tx.exec(tx.ctx, `UPDATE agencies SET name = ?, short_name = ?, kind = ?, credit_code = ?, region = ?, level = ?, parent_id = ?, basis = ?, address = ?, phone = ?, review_days = ?, updated = ? WHERE id = ?`,
		a.Name, a.ShortName, a.Kind, a.CreditCode, a.Region, a.Level, nullID(a.ParentID), a.Basis, a.Address, a.Phone, a.ReviewDays, fmtTime(tx.Now), a.ID)
	if isUniqueViolation(err) {
		return zhifa.Invalid(map[string]string{"credit_code": "名称或统一社会信用代码已登记"})
	}
	a.Updated = tx.Now
	tx.touch("agencies", a.ID)
	return err
}
