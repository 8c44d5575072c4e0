package store

import (
	"context"
	"encoding/json"

	"github.com/zhifa/zhifa/inspection"
)

// Inspection plans (inspection_plans) and 双随机 draws (inspection_draws).

// FindPlans returns the plans of an agency (or plan id), by id.
func (s inspectionStore) FindPlans(ctx context.Context, agencyID *int64, id *int64) ([]*inspection.Plan, error) {
	q := `SELECT p.id, p.agency_id, p.item_id, COALESCE(i.name, ''), p.title, p.year, p.status, p.approved_by, p.approved_on, p.created, p.updated
		FROM inspection_plans p LEFT JOIN inspection_items i ON i.id = p.item_id WHERE 1=1`
	var args []any
	if agencyID != nil {
		q += ` AND p.agency_id = ?`
		args = append(args, *agencyID)
	}
	if id != nil {
		q += ` AND p.id = ?`
		args = append(args, *id)
	}
	rows, err := s.query(ctx, q+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*inspection.Plan
	for rows.Next() {
		var p inspection.Plan
		var on, created, updated string
		if err := rows.Scan(&p.ID, &p.AgencyID, &p.ItemID, &p.ItemName, &p.Title, &p.Year, &p.Status, &p.ApprovedBy, &on, &created, &updated); err != nil {
			return nil, err
		}
		p.ApprovedOn, p.Created, p.Updated = parseCivil(on), parseTime(created), parseTime(updated)
		out = append(out, &p)
	}
	return out, rows.Err()
}

func (t inspectionTx) CreatePlan(p *inspection.Plan) error {
	id, err := t.insert(t.ctx, `INSERT INTO inspection_plans (agency_id, item_id, title, year, status, approved_by, approved_on, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.AgencyID, p.ItemID, p.Title, p.Year, p.Status, p.ApprovedBy, dateText(p.ApprovedOn), fmtTime(t.Now), fmtTime(t.Now))
	if err != nil {
		return err
	}
	p.ID, p.Created, p.Updated = id, t.Now, t.Now
	t.touch("inspection_plans", id)
	return nil
}

func (t inspectionTx) UpdatePlan(p *inspection.Plan) error {
	if _, err := t.exec(t.ctx, `UPDATE inspection_plans SET status = ?, approved_by = ?, approved_on = ?, updated = ? WHERE id = ?`,
		p.Status, p.ApprovedBy, dateText(p.ApprovedOn), fmtTime(t.Now), p.ID); err != nil {
		return err
	}
	p.Updated = t.Now
	t.touch("inspection_plans", p.ID)
	return nil
}

const drawColumns = `d.id, d.plan_id, d.agency_id, d.algorithm, d.rule_objects, d.rule_officers, d.objects, d.objects_digest, d.officers,
	d.officers_digest, d.seed_size, d.announce_index, d.seed, d.result, d.status, d.created, d.updated, COALESCE(p.title, '')`

// FindDraws returns the draws of an agency (or draw id), newest first.
func (s inspectionStore) FindDraws(ctx context.Context, agencyID *int64, id *int64) ([]*inspection.RandomDraw, error) {
	q := `SELECT ` + drawColumns + ` FROM inspection_draws d LEFT JOIN inspection_plans p ON p.id = d.plan_id WHERE 1=1`
	var args []any
	if agencyID != nil {
		q += ` AND d.agency_id = ?`
		args = append(args, *agencyID)
	}
	if id != nil {
		q += ` AND d.id = ?`
		args = append(args, *id)
	}
	rows, err := s.query(ctx, q+` ORDER BY d.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*inspection.RandomDraw
	for rows.Next() {
		var d inspection.RandomDraw
		var objs, offs, result, created, updated string
		if err := rows.Scan(&d.ID, &d.PlanID, &d.AgencyID, &d.Algorithm, &d.Rule.Objects, &d.Rule.OfficersPerObject, &objs, &d.ObjectsDigest,
			&offs, &d.OfficersDigest, &d.SeedSize, &d.AnnounceIndex, &d.Seed, &result, &d.Status, &created, &updated, &d.PlanTitle); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(objs), &d.Objects); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(offs), &d.Officers); err != nil {
			return nil, err
		}
		if result != "" {
			if err := json.Unmarshal([]byte(result), &d.Result); err != nil {
				return nil, err
			}
		}
		d.Created, d.Updated = parseTime(created), parseTime(updated)
		out = append(out, &d)
	}
	return out, rows.Err()
}

func (t inspectionTx) CreateDraw(d *inspection.RandomDraw) error {
	objs, err := jsonText(d.Objects)
	if err != nil {
		return err
	}
	offs, err := jsonText(d.Officers)
	if err != nil {
		return err
	}
	id, err := t.insert(t.ctx, `INSERT INTO inspection_draws (plan_id, agency_id, algorithm, rule_objects, rule_officers, objects, objects_digest, officers,
		officers_digest, seed_size, announce_index, seed, result, status, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.PlanID, d.AgencyID, d.Algorithm, d.Rule.Objects, d.Rule.OfficersPerObject, objs, d.ObjectsDigest, offs, d.OfficersDigest, d.SeedSize,
		d.AnnounceIndex, d.Seed, "", d.Status, fmtTime(t.Now), fmtTime(t.Now))
	if err != nil {
		return err
	}
	d.ID, d.Created, d.Updated = id, t.Now, t.Now
	t.touch("inspection_draws", id)
	return nil
}

// UpdateDraw stores the announcement's index and the draw's seed, result
// and state; the lists, rule and seed size never change.
func (t inspectionTx) UpdateDraw(d *inspection.RandomDraw) error {
	result := ""
	if d.Result != nil {
		var err error
		if result, err = jsonText(d.Result); err != nil {
			return err
		}
	}
	if _, err := t.exec(t.ctx, `UPDATE inspection_draws SET announce_index = ?, seed = ?, result = ?, status = ?, updated = ? WHERE id = ?`,
		d.AnnounceIndex, d.Seed, result, d.Status, fmtTime(t.Now), d.ID); err != nil {
		return err
	}
	d.Updated = t.Now
	t.touch("inspection_draws", d.ID)
	return nil
}
