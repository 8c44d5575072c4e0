package store

import "context"

// StoredSchedule is a year's holiday schedule as stored: its canonical JSON.
type StoredSchedule struct {
	Year int
	JSON []byte
}

// Schedules returns the stored schedules, by year.
func (c *conn) Schedules(ctx context.Context) ([]StoredSchedule, error) {
	rows, err := c.query(ctx, `SELECT year, data FROM calendar_schedules ORDER BY year`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredSchedule
	for rows.Next() {
		var s StoredSchedule
		var data string
		if err := rows.Scan(&s.Year, &data); err != nil {
			return nil, err
		}
		s.JSON = []byte(data)
		out = append(out, s)
	}
	return out, rows.Err()
}

// PutSchedule stores (or replaces) the schedule of a year.
func (tx *Tx) PutSchedule(year int, data []byte, by string) error {
	_, err := tx.exec(tx.ctx, `INSERT INTO calendar_schedules (year, data, updated, updated_by) VALUES (?, ?, ?, ?)
		ON CONFLICT (year) DO UPDATE SET data = excluded.data, updated = excluded.updated, updated_by = excluded.updated_by`,
		year, string(data), fmtTime(tx.Now), by)
	return err
}
