package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/zhifa/zhifa"
)

// The steps of a case (case_steps), their files (evidence) and the
// reviews among them.

// AddStep inserts st with the next sequence number of its case, and its
// files, and sets their IDs.
func (tx *Tx) AddStep(st *zhifa.Step) error {
	fields, err := json.Marshal(st.Fields)
	if err != nil {
		return err
	}
	var review []byte
	if st.Review != nil {
		if review, err = json.Marshal(st.Review); err != nil {
			return err
		}
	}
	// Stored encrypted (fieldcrypt.go): the documents restate the party.
	storedFields, err := sealField(tx.fields, "case_steps.fields", string(fields))
	if err != nil {
		return err
	}
	storedReview, err := sealField(tx.fields, "case_steps.review", string(review))
	if err != nil {
		return err
	}
	// The next sequence number in the same statement: one round trip less
	// in the writer, which the case's lock (or SQLite's single writer)
	// makes safe.
	var id int64
	var seq int
	err = tx.queryRow(tx.ctx, `INSERT INTO case_steps (case_id, seq, action, stage, actor_user_id, officer_ids, fields, review, ledger_index, created)
		SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM case_steps WHERE case_id = ?
		RETURNING id, seq`,
		st.CaseID, st.Action, st.Stage, st.ActorUserID, joinIDs(st.OfficerIDs), storedFields, storedReview, st.LedgerIndex, fmtTime(tx.Now),
		st.CaseID).Scan(&id, &seq)
	if err != nil {
		return err
	}
	st.ID, st.Seq, st.Created = id, seq, tx.Now
	tx.touch("case_steps", id)
	for i := range st.Files {
		e := &st.Files[i]
		e.CaseID, e.StepID, e.Created = st.CaseID, id, tx.Now
		if e.ID, err = tx.insert(tx.ctx, `INSERT INTO evidence (case_id, step_id, name, content_type, size, digest, uploaded_by, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.CaseID, e.StepID, e.Name, e.ContentType, e.Size, e.Digest, e.UploadedBy, fmtTime(tx.Now)); err != nil {
			return err
		}
		tx.touch("evidence", e.ID)
	}
	return nil
}

// FindSteps returns the steps of a case in order, with their files.
func (c *conn) FindSteps(ctx context.Context, caseID int64) ([]*zhifa.Step, error) {
	rows, err := c.query(ctx, `SELECT s.id, s.case_id, s.seq, s.action, s.stage, s.actor_user_id, COALESCE(u.name, ''), s.officer_ids, s.fields, s.review, s.ledger_index, s.created
		FROM case_steps s LEFT JOIN users u ON u.id = s.actor_user_id WHERE s.case_id = ? ORDER BY s.seq`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhifa.Step
	byID := map[int64]*zhifa.Step{}
	for rows.Next() {
		var st zhifa.Step
		var officers, fields, review, created string
		if err := rows.Scan(&st.ID, &st.CaseID, &st.Seq, &st.Action, &st.Stage, &st.ActorUserID, &st.ActorName, &officers, &fields, &review, &st.LedgerIndex, &created); err != nil {
			return nil, err
		}
		st.OfficerIDs = splitIDs(officers)
		if fields, err = openField(c.fields, "case_steps.fields", fields); err != nil {
			return nil, fmt.Errorf("step %d: %w", st.ID, err)
		}
		if review, err = openField(c.fields, "case_steps.review", review); err != nil {
			return nil, fmt.Errorf("step %d: %w", st.ID, err)
		}
		if err := json.Unmarshal([]byte(fields), &st.Fields); err != nil {
			return nil, fmt.Errorf("step %d fields: %w", st.ID, err)
		}
		if review != "" {
			st.Review = new(zhifa.ReviewOpinion)
			if err := json.Unmarshal([]byte(review), st.Review); err != nil {
				return nil, fmt.Errorf("step %d review: %w", st.ID, err)
			}
		}
		st.Created = parseTime(created)
		out = append(out, &st)
		byID[st.ID] = &st
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ev, err := c.FindEvidence(ctx, caseID, 0)
	if err != nil {
		return nil, err
	}
	for _, e := range ev {
		if st := byID[e.StepID]; st != nil {
			st.Files = append(st.Files, *e)
		}
	}
	return out, nil
}

// FindEvidence returns the files of a case, or only file id when id ≠ 0.
func (c *conn) FindEvidence(ctx context.Context, caseID, id int64) ([]*zhifa.Evidence, error) {
	q := `SELECT id, case_id, step_id, name, content_type, size, digest, uploaded_by, created FROM evidence WHERE case_id = ?`
	args := []any{caseID}
	if id != 0 {
		q += ` AND id = ?`
		args = append(args, id)
	}
	rows, err := c.query(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhifa.Evidence
	for rows.Next() {
		var e zhifa.Evidence
		var created string
		if err := rows.Scan(&e.ID, &e.CaseID, &e.StepID, &e.Name, &e.ContentType, &e.Size, &e.Digest, &e.UploadedBy, &created); err != nil {
			return nil, err
		}
		e.Created = parseTime(created)
		out = append(out, &e)
	}
	return out, rows.Err()
}

// EvidenceAgencies returns the agencies whose cases hold a file with digest
// as evidence, in id order.
func (c *conn) EvidenceAgencies(ctx context.Context, digest string) ([]int64, error) {
	return c.queryIDs(ctx, `SELECT DISTINCT c.agency_id FROM evidence e JOIN cases c ON c.id = e.case_id WHERE e.digest = ? ORDER BY c.agency_id`, digest)
}

// queryIDs runs a query of one integer column and returns its values.
func (c *conn) queryIDs(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// CountReviews returns how many review steps a user has recorded.
func (c *conn) CountReviews(ctx context.Context, userID int64) (int, error) {
	var n int
	err := c.queryRow(ctx, `SELECT COUNT(*) FROM case_steps WHERE action = 'review' AND actor_user_id = ?`, userID).Scan(&n)
	return n, err
}
