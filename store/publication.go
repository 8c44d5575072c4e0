package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
)

const publicationColumns = `p.id, p.case_id, p.agency_id, COALESCE(a.name, ''), p.category, p.number, p.party_kind, p.party_name, p.party_id_no,
	p.legal_rep, p.party_phone, p.address, p.facts, p.basis, p.penalty_kind, p.penalty, p.fine, p.payment, p.remedy,
	p.decided_on, p.due_on, p.status, p.published_at, p.report, p.created, p.updated`

func scanPublication(s interface{ Scan(...any) error }) (*zhifa.Publication, error) {
	var p zhifa.Publication
	var decided, due, published, created, updated string
	if err := s.Scan(&p.ID, &p.CaseID, &p.AgencyID, &p.AgencyName, &p.Category, &p.Number, &p.PartyKind, &p.PartyName, &p.PartyIDNo,
		&p.LegalRep, &p.PartyPhone, &p.Address, &p.Facts, &p.Basis, &p.PenaltyKind, &p.Penalty, &p.Fine, &p.Payment, &p.Remedy,
		&decided, &due, &p.Status, &published, &p.Report, &created, &updated); err != nil {
		return nil, err
	}
	p.DecidedOn, _ = zhifa.ParseDate(decided)
	p.DueOn, _ = zhifa.ParseDate(due)
	p.PublishedAt = parseTime(published)
	p.Created, p.Updated = parseTime(created), parseTime(updated)
	return &p, nil
}

// PublicationFilter selects publications; zero fields do not filter.
// Keyword matches the 文号, the party's public name, the facts and the
// penalty. From and To are civil dates "YYYY-MM-DD" of the decision.
type PublicationFilter struct {
	ID       int64
	CaseID   int64
	AgencyID int64
	Status   string
	Category string
	From, To string
	Keyword  string
	Limit    int // 0: no limit
	Offset   int
}

func (f PublicationFilter) where() (string, []any) {
	q := ` FROM publications p LEFT JOIN agencies a ON a.id = p.agency_id WHERE 1=1`
	var args []any
	add := func(cond string, v any) { q += ` AND ` + cond; args = append(args, v) }
	if f.ID != 0 {
		add(`p.id = ?`, f.ID)
	}
	if f.CaseID != 0 {
		add(`p.case_id = ?`, f.CaseID)
	}
	if f.AgencyID != 0 {
		add(`p.agency_id = ?`, f.AgencyID)
	}
	if f.Status != "" {
		add(`p.status = ?`, f.Status)
	}
	if f.Category != "" {
		add(`p.category = ?`, f.Category)
	}
	if f.From != "" {
		add(`p.decided_on >= ?`, f.From)
	}
	if f.To != "" {
		add(`p.decided_on <= ?`, f.To)
	}
	if k := strings.TrimSpace(f.Keyword); k != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(k) + "%"
		q += ` AND (p.number LIKE ? ESCAPE '\' OR p.party_name LIKE ? ESCAPE '\' OR p.facts LIKE ? ESCAPE '\' OR p.penalty LIKE ? ESCAPE '\')`
		args = append(args, like, like, like, like)
	}
	return q, args
}

// FindPublications returns the publications matching f, latest decision
// first, and the number matching f without Limit and Offset.
func (c *conn) FindPublications(ctx context.Context, f PublicationFilter) ([]*zhifa.Publication, int, error) {
	where, args := f.where()
	var total int
	if err := c.queryRow(ctx, `SELECT COUNT(*)`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := `SELECT ` + publicationColumns + where + ` ORDER BY p.decided_on DESC, p.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit) + ` OFFSET ` + strconv.Itoa(max(f.Offset, 0))
	}
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*zhifa.Publication
	for rows.Next() {
		p, err := scanPublication(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// FindPublication returns the one publication matching f, or ENOTFOUND.
func (c *conn) FindPublication(ctx context.Context, f PublicationFilter) (*zhifa.Publication, error) {
	ps, _, err := c.FindPublications(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "公示信息不存在")
	}
	return ps[0], nil
}

// CreatePublication inserts p and sets its ID.
func (tx *Tx) CreatePublication(p *zhifa.Publication) error {
	id, err := tx.insert(tx.ctx, `INSERT INTO publications (case_id, agency_id, category, number, party_kind, party_name, party_id_no, legal_rep,
		party_phone, address, facts, basis, penalty_kind, penalty, fine, payment, remedy, decided_on, due_on, status, published_at, report, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.CaseID, p.AgencyID, p.Category, p.Number, p.PartyKind, p.PartyName, p.PartyIDNo, p.LegalRep, p.PartyPhone, p.Address,
		p.Facts, p.Basis, p.PenaltyKind, p.Penalty, p.Fine, p.Payment, p.Remedy, zhifa.FormatDate(p.DecidedOn), zhifa.FormatDate(p.DueOn),
		p.Status, fmtTime(p.PublishedAt), p.Report, fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			return zhifa.Errorf(zhifa.ECONFLICT, "该案件已有公示记录")
		}
		return err
	}
	p.ID, p.Created, p.Updated = id, tx.Now, tx.Now
	return nil
}

// SetPublicationStatus stores p's status and publication time.
func (tx *Tx) SetPublicationStatus(p *zhifa.Publication) error {
	_, err := tx.exec(tx.ctx, `UPDATE publications SET status = ?, published_at = ?, updated = ? WHERE id = ?`,
		p.Status, fmtTime(p.PublishedAt), fmtTime(tx.Now), p.ID)
	p.Updated = tx.Now
	return err
}
