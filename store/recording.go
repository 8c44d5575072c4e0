package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/recording"
)

// RecordingStore returns db as the storage of the recording context.
func RecordingStore(db *DB) recording.Store { return recordingStore{db} }

type recordingStore struct{ *DB }

func (s recordingStore) Write(ctx context.Context, fn func(recording.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

// CaseAgency returns the agency of case caseID, checking that step stepID
// (when not 0) belongs to it.
func (c *conn) CaseAgency(ctx context.Context, caseID, stepID int64) (int64, error) {
	var ag int64
	var err error
	if stepID == 0 {
		err = c.queryRow(ctx, `SELECT agency_id FROM cases WHERE id = ?`, caseID).Scan(&ag)
	} else {
		err = c.queryRow(ctx, `SELECT c.agency_id FROM cases c JOIN case_steps s ON s.case_id = c.id WHERE c.id = ? AND s.id = ?`, caseID, stepID).Scan(&ag)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, zhifa.Errorf(zhifa.ENOTFOUND, "案件或环节不存在")
	}
	return ag, err
}

// storedInterruption is an interruption as stored in av_records.interruptions.
type storedInterruption struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Reason    string `json:"reason"`
	Technical bool   `json:"technical,omitempty"`
}

const recordColumns = `id, agency_id, kind, device_id, officer_ids, started, ended, place, gps, case_id, step_id, interruptions, mark,
	retain_until, name, content_type, size, digest, sha256, sm3, created_by, created`

// FindRecords returns the audio-video records matching f, newest first.
func (c *conn) FindRecords(ctx context.Context, f recording.Filter) ([]*recording.Record, error) {
	q := `SELECT ` + recordColumns + ` FROM av_records WHERE 1=1`
	var args []any
	if f.ID != nil {
		q += ` AND id = ?`
		args = append(args, *f.ID)
	}
	if f.AgencyID != nil {
		q += ` AND agency_id = ?`
		args = append(args, *f.AgencyID)
	}
	if f.CaseID != nil {
		q += ` AND case_id = ?`
		args = append(args, *f.CaseID)
	}
	rows, err := c.query(ctx, q+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*recording.Record
	for rows.Next() {
		var r recording.Record
		var device, caseID, stepID sql.NullInt64
		var officers, started, ended, inter, retain, created, kind, mark string
		if err := rows.Scan(&r.ID, &r.AgencyID, &kind, &device, &officers, &started, &ended, &r.Place, &r.GPS, &caseID, &stepID, &inter, &mark,
			&retain, &r.Name, &r.ContentType, &r.Size, &r.Digest, &r.SHA256, &r.SM3, &r.CreatedBy, &created); err != nil {
			return nil, err
		}
		r.Kind, r.Mark = recording.Kind(kind), recording.Mark(mark)
		r.DeviceID, r.CaseID, r.StepID = device.Int64, caseID.Int64, stepID.Int64
		r.OfficerIDs = splitIDs(officers)
		r.Start, r.End, r.Created = parseTime(started), parseTime(ended), parseTime(created)
		r.RetainUntil, _ = zhifa.ParseCivilDate(retain)
		var is []storedInterruption
		if err := json.Unmarshal([]byte(inter), &is); err != nil {
			return nil, err
		}
		for _, i := range is {
			r.Interruptions = append(r.Interruptions, recording.Interruption{From: parseTime(i.From), To: parseTime(i.To), Reason: i.Reason, Technical: i.Technical})
		}
		out = append(out, &r)
	}
	return out, rows.Err()
}

// CreateRecord inserts r and sets its ID and Created.
func (tx *Tx) CreateRecord(r *recording.Record) error {
	is := []storedInterruption{}
	for _, i := range r.Interruptions {
		is = append(is, storedInterruption{From: fmtTime(i.From), To: fmtTime(i.To), Reason: i.Reason, Technical: i.Technical})
	}
	inter, err := json.Marshal(is)
	if err != nil {
		return err
	}
	id, err := tx.insert(tx.ctx, `INSERT INTO av_records (agency_id, kind, device_id, officer_ids, started, ended, place, gps, case_id, step_id, interruptions, mark,
		retain_until, name, content_type, size, digest, sha256, sm3, created_by, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.AgencyID, string(r.Kind), nullID(r.DeviceID), joinIDs(r.OfficerIDs), fmtTime(r.Start), fmtTime(r.End), r.Place, r.GPS, nullID(r.CaseID), nullID(r.StepID),
		string(inter), string(r.Mark), r.RetainUntil.String(), r.Name, r.ContentType, r.Size, r.Digest, r.SHA256, r.SM3, r.CreatedBy, fmtTime(tx.Now))
	if err != nil {
		return err
	}
	r.ID, r.Created = id, tx.Now
	tx.touch("av_records", id)
	return nil
}
