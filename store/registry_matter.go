package store

import (
	"context"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

const matterColumns = `m.id, m.agency_id, COALESCE(a.name, ''), m.code, m.name, m.category, m.basis, m.penalty_kinds, m.procedure, m.time_limit, m.unit, m.created, m.updated`

func scanMatter(s interface{ Scan(...any) error }) (*registry.Matter, error) {
	var m registry.Matter
	var kinds, created, updated string
	if err := s.Scan(&m.ID, &m.AgencyID, &m.AgencyName, &m.Code, &m.Name, &m.Category, &m.Basis, &kinds, &m.Procedure, &m.TimeLimit, &m.Unit, &created, &updated); err != nil {
		return nil, err
	}
	if kinds != "" {
		m.PenaltyKinds = strings.Split(kinds, ",")
	}
	m.Created, m.Updated = parseTime(created), parseTime(updated)
	return &m, nil
}

// FindMatters returns the matters matching f, ordered by agency, category
// and id.
func (c *conn) FindMatters(ctx context.Context, f registry.MatterFilter) ([]*registry.Matter, error) {
	q := `SELECT ` + matterColumns + ` FROM matters m LEFT JOIN agencies a ON a.id = m.agency_id WHERE 1=1`
	var args []any
	if f.ID != nil {
		q += ` AND m.id = ?`
		args = append(args, *f.ID)
	}
	if f.AgencyID != nil {
		q += ` AND m.agency_id = ?`
		args = append(args, *f.AgencyID)
	}
	if f.Category != nil {
		q += ` AND m.category = ?`
		args = append(args, *f.Category)
	}
	rows, err := c.query(ctx, q+` ORDER BY m.agency_id, m.category, m.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*registry.Matter
	for rows.Next() {
		m, err := scanMatter(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// FindMatter returns matter id or ENOTFOUND.
func (c *conn) FindMatter(ctx context.Context, id int64) (*registry.Matter, error) {
	ms, err := c.FindMatters(ctx, registry.MatterFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "执法事项不存在")
	}
	return ms[0], nil
}

func matterCodeTaken(m *registry.Matter) error {
	return zhifa.Invalid(map[string]string{"code": "本主体已有事项编码“" + m.Code + "”"})
}

// CreateMatter inserts m and sets its ID. PenaltyKinds are stored
// comma-joined; no kind of 处罚法 Art 9 contains a comma.
func (tx *Tx) CreateMatter(m *registry.Matter) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO matters (agency_id, code, name, category, basis, penalty_kinds, procedure, time_limit, unit, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.AgencyID, m.Code, m.Name, m.Category, m.Basis, strings.Join(m.PenaltyKinds, ","), m.Procedure, m.TimeLimit, m.Unit, fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return matterCodeTaken(m)
		}
		return err
	}
	m.ID, m.Created, m.Updated = id, tx.Now, tx.Now
	tx.touch("matters", id)
	return nil
}

// UpdateMatter stores m's fields.
func (tx *Tx) UpdateMatter(m *registry.Matter) error {
	_, err := tx.exec(tx.ctx, `UPDATE matters SET agency_id = ?, code = ?, name = ?, category = ?, basis = ?, penalty_kinds = ?, procedure = ?, time_limit = ?, unit = ?, updated = ? WHERE id = ?`,
		m.AgencyID, m.Code, m.Name, m.Category, m.Basis, strings.Join(m.PenaltyKinds, ","), m.Procedure, m.TimeLimit, m.Unit, fmtTime(tx.Now), m.ID)
	if err != nil {
		if isUniqueViolation(err) {
			return matterCodeTaken(m)
		}
		return err
	}
	m.Updated = tx.Now
	tx.touch("matters", m.ID)
	return nil
}
