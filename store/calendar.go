package store

import (
	"context"
	"time"
)

// StoredSchedule is a year's holiday schedule as stored: its canonical JSON.
type StoredSchedule struct {
	Year      int
	JSON      []byte
	Source    string // the notice it comes from, for lists
	Updated   time.Time
	UpdatedBy string // the actor's ledger reference
}

// Schedules returns the stored schedules, by year.
func (c *conn) Schedules(ctx context.Context) ([]StoredSchedule, error) {
	rows, err := c.query(ctx, `SELECT year, data, source, updated, updated_by FROM calendar_schedules ORDER BY year`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredSchedule
	for rows.Next() {
		var s StoredSchedule
		var data, updated string
		if err := rows.Scan(&s.Year, &data, &s.Source, &updated, &s.UpdatedBy); err != nil {
			return nil, err
		}
		s.JSON, s.Updated = []byte(data), parseTime(updated)
		out = append(out, s)
	}
	return out, rows.Err()
}

// PutSchedule stores (or replaces) the schedule of a year.
func (tx *Tx) PutSchedule(year int, data []byte, source, by string) error {
	_, err := tx.exec(tx.ctx, `INSERT INTO calendar_schedules (year, data, source, updated, updated_by) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (year) DO UPDATE SET data = excluded.data, source = excluded.source, updated = excluded.updated, updated_by = excluded.updated_by`,
		year, string(data), source, fmtTime(tx.Now), by)
	tx.touch("calendar_schedules", int64(year))
	return err
}
