package store

import (
	"context"
	"encoding/json"

	"github.com/zhifa/zhifa/inspection"
)

// Inspections (inspections) and their steps (inspection_steps).

const inspectionColumns = `n.id, n.agency_id, n.item_id, n.object_id, n.draw_id, n.joint, n.year, n.stage, n.officer_ids, n.opened_on, n.outcome,
	n.public_summary, n.result_on, n.publish_due, n.published_on, n.penalty_case_id, n.warning, n.created, n.updated,
	COALESCE(a.name, ''), COALESCE(i.name, ''), COALESCE(o.name, '')`

// FindInspections returns the inspections matching f, newest first.
func (s inspectionStore) FindInspections(ctx context.Context, f inspection.InspectionFilter) ([]*inspection.Inspection, error) {
	q := `SELECT ` + inspectionColumns + ` FROM inspections n LEFT JOIN agencies a ON a.id = n.agency_id
		LEFT JOIN inspection_items i ON i.id = n.item_id LEFT JOIN inspection_objects o ON o.id = n.object_id WHERE 1=1`
	var args []any
	add := func(cond string, v any) {
		q += ` AND ` + cond + ` = ?`
		args = append(args, v)
	}
	if f.ID != nil {
		add("n.id", *f.ID)
	}
	if f.AgencyID != nil {
		add("n.agency_id", *f.AgencyID)
	}
	if f.ObjectID != nil {
		add("n.object_id", *f.ObjectID)
	}
	if f.Year != nil {
		add("n.year", *f.Year)
	}
	if f.Stage != nil {
		add("n.stage", string(*f.Stage))
	}
	rows, err := s.query(ctx, q+` ORDER BY n.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*inspection.Inspection
	for rows.Next() {
		var n inspection.Inspection
		var stage, officers, opened, result, due, published, created, updated string
		if err := rows.Scan(&n.ID, &n.AgencyID, &n.ItemID, &n.ObjectID, &n.DrawID, &n.Joint, &n.Year, &stage, &officers, &opened, &n.Outcome,
			&n.PublicSummary, &result, &due, &published, &n.PenaltyCaseID, &n.Warning, &created, &updated, &n.AgencyName, &n.ItemName, &n.ObjectName); err != nil {
			return nil, err
		}
		n.Stage, n.OfficerIDs = inspection.Stage(stage), splitIDs(officers)
		n.OpenedOn, n.ResultOn, n.PublishDue, n.PublishedOn = parseCivil(opened), parseCivil(result), parseCivil(due), parseCivil(published)
		n.Created, n.Updated = parseTime(created), parseTime(updated)
		out = append(out, &n)
	}
	return out, rows.Err()
}

func (t inspectionTx) CreateInspection(n *inspection.Inspection) error {
	id, err := t.insert(t.ctx, `INSERT INTO inspections (agency_id, item_id, object_id, draw_id, joint, year, stage, officer_ids, opened_on, outcome,
		public_summary, result_on, publish_due, published_on, penalty_case_id, warning, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.AgencyID, n.ItemID, n.ObjectID, n.DrawID, n.Joint, n.Year, string(n.Stage), joinIDs(n.OfficerIDs), dateText(n.OpenedOn), n.Outcome,
		n.PublicSummary, dateText(n.ResultOn), dateText(n.PublishDue), dateText(n.PublishedOn), n.PenaltyCaseID, n.Warning, fmtTime(t.Now), fmtTime(t.Now))
	if err != nil {
		return err
	}
	n.ID, n.Created, n.Updated = id, t.Now, t.Now
	t.touch("inspections", id)
	return nil
}

func (t inspectionTx) UpdateInspection(n *inspection.Inspection) error {
	if _, err := t.exec(t.ctx, `UPDATE inspections SET stage = ?, officer_ids = ?, outcome = ?, public_summary = ?, result_on = ?, publish_due = ?,
		published_on = ?, penalty_case_id = ?, updated = ? WHERE id = ?`,
		string(n.Stage), joinIDs(n.OfficerIDs), n.Outcome, n.PublicSummary, dateText(n.ResultOn), dateText(n.PublishDue), dateText(n.PublishedOn),
		n.PenaltyCaseID, fmtTime(t.Now), n.ID); err != nil {
		return err
	}
	n.Updated = t.Now
	t.touch("inspections", n.ID)
	return nil
}

// PastInspections returns the inspections of object by agency in year.
func (t inspectionTx) PastInspections(agencyID, objectID int64, year int) ([]inspection.Past, error) {
	rows, err := t.query(t.ctx, `SELECT id, joint FROM inspections WHERE agency_id = ? AND object_id = ? AND year = ? ORDER BY id`, agencyID, objectID, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.Past
	for rows.Next() {
		p := inspection.Past{AgencyID: agencyID, ObjectID: objectID, Year: year}
		if err := rows.Scan(&p.ID, &p.Joint); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreateInspectionStep inserts st with the next sequence number of its
// inspection. The fields are stored encrypted (fieldcrypt.go): a 现场检查笔录
// may name people.
func (t inspectionTx) CreateInspectionStep(st *inspection.Step) error {
	fields, err := json.Marshal(st.Fields)
	if err != nil {
		return err
	}
	sealed, err := sealField(t.fields, "inspection_steps.fields", string(fields))
	if err != nil {
		return err
	}
	var id int64
	var seq int
	err = t.queryRow(t.ctx, `INSERT INTO inspection_steps (inspection_id, seq, action, stage, actor_user_id, officer_ids, fields, created)
		SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ? FROM inspection_steps WHERE inspection_id = ?
		RETURNING id, seq`,
		st.InspectionID, string(st.Action), string(st.Stage), st.ActorUserID, joinIDs(st.OfficerIDs), sealed, fmtTime(t.Now), st.InspectionID).Scan(&id, &seq)
	if err != nil {
		return err
	}
	st.ID, st.Seq, st.Created = id, seq, t.Now
	t.touch("inspection_steps", id)
	return nil
}

// FindInspectionSteps returns an inspection's steps in order.
func (s inspectionStore) FindInspectionSteps(ctx context.Context, inspectionID int64) ([]*inspection.Step, error) {
	rows, err := s.query(ctx, `SELECT id, inspection_id, seq, action, stage, actor_user_id, officer_ids, fields, created FROM inspection_steps
		WHERE inspection_id = ? ORDER BY seq`, inspectionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*inspection.Step
	for rows.Next() {
		var st inspection.Step
		var action, stage, officers, fields, created string
		if err := rows.Scan(&st.ID, &st.InspectionID, &st.Seq, &action, &stage, &st.ActorUserID, &officers, &fields, &created); err != nil {
			return nil, err
		}
		if fields, err = openField(s.fields, "inspection_steps.fields", fields); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(fields), &st.Fields); err != nil {
			return nil, err
		}
		st.Action, st.Stage, st.OfficerIDs, st.Created = inspection.Action(action), inspection.Stage(stage), splitIDs(officers), parseTime(created)
		out = append(out, &st)
	}
	return out, rows.Err()
}
