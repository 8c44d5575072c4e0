package store

import (
	"context"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/supervision"
)

// ReportStore returns db as the storage of the annual reports.
func ReportStore(db *DB) supervision.ReportStore { return reportStore{db} }

type reportStore struct{ *DB }

func (s reportStore) WriteReports(ctx context.Context, fn func(supervision.ReportTx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

var _ supervision.ReportTx = (*Tx)(nil)

// FindReports returns the reports matching f, newest year first.
func (c *conn) FindReports(ctx context.Context, f supervision.ReportFilter) ([]*supervision.Report, error) {
	q := `SELECT r.id, r.supervisor_id, COALESCE(a.name, ''), COALESCE(a.region, ''), r.year, r.data, r.status, r.generated_on, r.published_on,
		r.published_by, r.created, r.updated FROM annual_reports r LEFT JOIN agencies a ON a.id = r.supervisor_id WHERE 1=1`
	var args []any
	if f.ID != nil {
		q += ` AND r.id = ?`
		args = append(args, *f.ID)
	}
	if f.SupervisorID != nil {
		q += ` AND r.supervisor_id = ?`
		args = append(args, *f.SupervisorID)
	}
	if f.Year != nil {
		q += ` AND r.year = ?`
		args = append(args, *f.Year)
	}
	if f.Published {
		q += ` AND r.status = 'published'`
	}
	rows, err := c.query(ctx, q+` ORDER BY r.year DESC, r.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*supervision.Report
	for rows.Next() {
		var r supervision.Report
		var data, status, generated, published, created, updated string
		if err := rows.Scan(&r.ID, &r.SupervisorID, &r.SupervisorName, &r.Region, &r.Year, &data, &status, &generated, &published,
			&r.PublishedBy, &created, &updated); err != nil {
			return nil, err
		}
		if err := r.UnmarshalFigures(data); err != nil {
			return nil, err
		}
		r.Status = supervision.ReportStatus(status)
		r.GeneratedOn, _ = zhifa.ParseCivilDate(generated)
		r.PublishedOn, _ = zhifa.ParseCivilDate(published)
		r.Created, r.Updated = parseTime(created), parseTime(updated)
		out = append(out, &r)
	}
	return out, rows.Err()
}

// SaveReport inserts r, or replaces the figures of draft r.
func (tx *Tx) SaveReport(r *supervision.Report) error {
	data, err := r.MarshalFigures()
	if err != nil {
		return err
	}
	if r.ID == 0 {
		id, err := tx.insert(tx.ctx, `INSERT INTO annual_reports (supervisor_id, year, data, status, generated_on, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			r.SupervisorID, r.Year, data, string(r.Status), r.GeneratedOn.String(), fmtTime(tx.Now), fmtTime(tx.Now))
		if err != nil {
			if isUniqueViolation(err) {
				return zhifa.Errorf(zhifa.ECONFLICT, "%d 年度报告已存在,请刷新后重试", r.Year)
			}
			return err
		}
		r.ID, r.Created = id, tx.Now
	} else {
		res, err := tx.exec(tx.ctx, `UPDATE annual_reports SET data = ?, generated_on = ?, updated = ? WHERE id = ? AND status = 'draft'`,
			data, r.GeneratedOn.String(), fmtTime(tx.Now), r.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return zhifa.Errorf(zhifa.ECONFLICT, "年度报告 %s 已公布,不能重新生成", strconv.FormatInt(r.ID, 10))
		}
	}
	r.Updated = tx.Now
	tx.touch("annual_reports", r.ID)
	return nil
}

// PublishReport marks draft r published.
func (tx *Tx) PublishReport(r *supervision.Report) error {
	res, err := tx.exec(tx.ctx, `UPDATE annual_reports SET status = 'published', published_on = ?, published_by = ?, updated = ? WHERE id = ? AND status = 'draft'`,
		r.PublishedOn.String(), r.PublishedBy, fmtTime(tx.Now), r.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return zhifa.Errorf(zhifa.ECONFLICT, "该年度报告已公布")
	}
	r.Updated = tx.Now
	tx.touch("annual_reports", r.ID)
	return nil
}
