package store

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/supervision"
)

// SupervisionStore returns db as the storage of the supervision context.
func SupervisionStore(db *DB) supervision.Store { return supervisionStore{db} }

type supervisionStore struct{ *DB }

func (s supervisionStore) Write(ctx context.Context, fn func(supervision.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

var _ supervision.Tx = (*Tx)(nil)

const opinionColumns = `o.id, o.kind, o.agency_id, COALESCE(a.name, ''), o.supervisor_id, o.case_id, o.subject, o.findings, o.demands,
	o.issued_by, o.issued_on, o.reply_due, o.reply, o.replied_on, o.replied_by, o.assessment, o.closed_on, o.rounds, o.status, o.created, o.updated`

// FindOpinions returns the opinions matching f, open ones first, then
// newest first.
func (c *conn) FindOpinions(ctx context.Context, f supervision.OpinionFilter) ([]*supervision.Opinion, error) {
	q := `SELECT ` + opinionColumns + ` FROM supervision_opinions o LEFT JOIN agencies a ON a.id = o.agency_id WHERE 1=1`
	var args []any
	for _, w := range []struct {
		col string
		v   *int64
	}{{"o.id", f.ID}, {"o.agency_id", f.AgencyID}, {"o.supervisor_id", f.SupervisorID}} {
		if w.v != nil {
			q += ` AND ` + w.col + ` = ?`
			args = append(args, *w.v)
		}
	}
	if f.Status != nil {
		q += ` AND o.status = ?`
		args = append(args, string(*f.Status))
	}
	rows, err := c.query(ctx, q+` ORDER BY CASE WHEN o.status = 'closed' THEN 1 ELSE 0 END, o.reply_due, o.id DESC LIMIT 1000`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*supervision.Opinion
	for rows.Next() {
		var o supervision.Opinion
		var kind, status, issued, due, replied, closed, created, updated string
		if err := rows.Scan(&o.ID, &kind, &o.AgencyID, &o.AgencyName, &o.SupervisorID, &o.CaseID, &o.Subject, &o.Findings, &o.Demands,
			&o.IssuedBy, &issued, &due, &o.Reply, &replied, &o.RepliedBy, &o.Assessment, &closed, &o.Rounds, &status, &created, &updated); err != nil {
			return nil, err
		}
		o.Kind, o.Status = supervision.OpinionKind(kind), supervision.OpinionStatus(status)
		o.IssuedOn, _ = zhifa.ParseCivilDate(issued)
		o.ReplyDue, _ = zhifa.ParseCivilDate(due)
		o.RepliedOn, _ = zhifa.ParseCivilDate(replied)
		o.ClosedOn, _ = zhifa.ParseCivilDate(closed)
		o.Created, o.Updated = parseTime(created), parseTime(updated)
		out = append(out, &o)
	}
	return out, rows.Err()
}

// CreateOpinion inserts o and sets its ID.
func (tx *Tx) CreateOpinion(o *supervision.Opinion) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO supervision_opinions (kind, agency_id, supervisor_id, case_id, subject, findings, demands,
		issued_by, issued_on, reply_due, status, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(o.Kind), o.AgencyID, o.SupervisorID, o.CaseID, o.Subject, o.Findings, o.Demands, o.IssuedBy, o.IssuedOn.String(), o.ReplyDue.String(),
		string(o.Status), fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		return err
	}
	o.ID, o.Created, o.Updated = id, tx.Now, tx.Now
	tx.touch("supervision_opinions", id)
	return nil
}

// UpdateOpinion stores o's reply, assessment and status if the stored
// status is still from.
func (tx *Tx) UpdateOpinion(o *supervision.Opinion, from supervision.OpinionStatus) error {
	res, err := tx.exec(tx.ctx, `UPDATE supervision_opinions SET reply_due = ?, reply = ?, replied_on = ?, replied_by = ?, assessment = ?,
		closed_on = ?, rounds = ?, status = ?, updated = ? WHERE id = ? AND status = ?`,
		o.ReplyDue.String(), o.Reply, o.RepliedOn.String(), o.RepliedBy, o.Assessment, o.ClosedOn.String(), o.Rounds, string(o.Status),
		fmtTime(tx.Now), o.ID, string(from))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return zhifa.Errorf(zhifa.ECONFLICT, "该执法监督意见已被他人办理,请刷新后查看")
	}
	o.Updated = tx.Now
	tx.touch("supervision_opinions", o.ID)
	return nil
}
