package store

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/inspection"
)

// The 检查事项清单 (inspection_items) and the 检查对象名录
// (inspection_objects).

const itemColumns = `i.id, i.agency_id, COALESCE(a.name, ''), i.code, i.version, i.name, i.basis, i.subject, i.object, i.method, i.frequency, i.ratio,
	i.standard, i.effective_on, i.status, i.published_at, i.created, i.updated`

// FindItems returns the items matching f, by agency, code and version.
func (s inspectionStore) FindItems(ctx context.Context, f inspection.ItemFilter) ([]*inspection.Item, error) {
	q := `SELECT ` + itemColumns + ` FROM inspection_items i LEFT JOIN agencies a ON a.id = i.agency_id WHERE 1=1`
	var args []any
	if f.ID != nil {
		q += ` AND i.id = ?`
		args = append(args, *f.ID)
	}
	if f.AgencyID != nil {
		q += ` AND i.agency_id = ?`
		args = append(args, *f.AgencyID)
	}
	if f.Status != nil {
		q += ` AND i.status = ?`
		args = append(args, string(*f.Status))
	}
	if f.Code != nil {
		q += ` AND i.code = ?`
		args = append(args, *f.Code)
	}
	rows, err := s.query(ctx, q+` ORDER BY i.agency_id, i.code, i.version`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*inspection.Item
	for rows.Next() {
		var it inspection.Item
		var eff, pub, created, updated, status string
		if err := rows.Scan(&it.ID, &it.AgencyID, &it.AgencyName, &it.Code, &it.Version, &it.Name, &it.Basis, &it.Subject, &it.Object, &it.Method,
			&it.Frequency, &it.Ratio, &it.Standard, &eff, &status, &pub, &created, &updated); err != nil {
			return nil, err
		}
		it.Status = inspection.ItemStatus(status)
		it.EffectiveOn, it.PublishedAt, it.Created, it.Updated = parseCivil(eff), parseTime(pub), parseTime(created), parseTime(updated)
		out = append(out, &it)
	}
	return out, rows.Err()
}

func (t inspectionTx) CreateItem(it *inspection.Item) error {
	id, err := t.insert(t.ctx, `INSERT INTO inspection_items (agency_id, code, version, name, basis, subject, object, method, frequency, ratio, standard,
		effective_on, status, published_at, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		it.AgencyID, it.Code, it.Version, it.Name, it.Basis, it.Subject, it.Object, it.Method, it.Frequency, it.Ratio, it.Standard,
		dateText(it.EffectiveOn), string(it.Status), fmtTime(it.PublishedAt), fmtTime(t.Now), fmtTime(t.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return zhifa.Invalid(map[string]string{"code": "事项编码“" + it.Code + "”的该版本已存在"})
		}
		return err
	}
	it.ID, it.Created, it.Updated = id, t.Now, t.Now
	t.touch("inspection_items", id)
	return nil
}

// UpdateItem stores an item's state: its publication (the content of a
// version does not change once created).
func (t inspectionTx) UpdateItem(it *inspection.Item) error {
	if _, err := t.exec(t.ctx, `UPDATE inspection_items SET status = ?, effective_on = ?, published_at = ?, updated = ? WHERE id = ?`,
		string(it.Status), dateText(it.EffectiveOn), fmtTime(it.PublishedAt), fmtTime(t.Now), it.ID); err != nil {
		return err
	}
	it.Updated = t.Now
	t.touch("inspection_items", it.ID)
	return nil
}

// FindObjects returns an agency's objects (those of ids, when given), by id.
func (s inspectionStore) FindObjects(ctx context.Context, agencyID int64, ids []int64) ([]*inspection.Object, error) {
	q := `SELECT id, agency_id, kind, name, credit_code, address, industry, created, updated FROM inspection_objects WHERE agency_id = ?`
	in, args := inClause("id", ids)
	rows, err := s.query(ctx, q+in+` ORDER BY id`, append([]any{agencyID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*inspection.Object
	for rows.Next() {
		var o inspection.Object
		var created, updated string
		if err := rows.Scan(&o.ID, &o.AgencyID, &o.Kind, &o.Name, &o.CreditCode, &o.Address, &o.Industry, &created, &updated); err != nil {
			return nil, err
		}
		o.Created, o.Updated = parseTime(created), parseTime(updated)
		out = append(out, &o)
	}
	return out, rows.Err()
}

func (t inspectionTx) CreateObject(o *inspection.Object) error {
	id, err := t.insert(t.ctx, `INSERT INTO inspection_objects (agency_id, kind, name, credit_code, address, industry, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		o.AgencyID, o.Kind, o.Name, o.CreditCode, o.Address, o.Industry, fmtTime(t.Now), fmtTime(t.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return zhifa.Invalid(map[string]string{"credit_code": "统一社会信用代码 " + o.CreditCode + " 已在检查对象名录中"})
		}
		return err
	}
	o.ID, o.Created, o.Updated = id, t.Now, t.Now
	t.touch("inspection_objects", id)
	return nil
}
