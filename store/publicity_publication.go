package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/publicity"
)

const publicationColumns = `p.id, p.case_id, p.agency_id, COALESCE(a.name, ''), p.category, p.number, p.party_kind, p.party_name, p.party_id_no,
	p.legal_rep, p.party_phone, p.address, p.facts, p.basis, p.penalty_kind, p.penalty, p.fine, p.payment, p.remedy,
	p.decided_on, p.due_on, p.status, p.published_at, p.report, p.created, p.updated,
	p.withdrawn_at, p.withdraw_cause, p.withdraw_reason, p.changed_on, p.withdraw_due, p.withdraw_late_days`

func scanPublication(s interface{ Scan(...any) error }) (*publicity.Publication, error) {
	var p publicity.Publication
	var decided, due, published, created, updated, withdrawn, changed, withdrawDue string
	if err := s.Scan(&p.ID, &p.CaseID, &p.AgencyID, &p.AgencyName, &p.Category, &p.Number, &p.PartyKind, &p.PartyName, &p.PartyIDNo,
		&p.LegalRep, &p.PartyPhone, &p.Address, &p.Facts, &p.Basis, &p.PenaltyKind, &p.Penalty, &p.Fine, &p.Payment, &p.Remedy,
		&decided, &due, &p.Status, &published, &p.Report, &created, &updated,
		&withdrawn, &p.WithdrawCause, &p.WithdrawReason, &changed, &withdrawDue, &p.WithdrawLateDays); err != nil {
		return nil, err
	}
	p.DecidedOn, _ = zhifa.ParseDate(decided)
	p.DueOn, _ = zhifa.ParseDate(due)
	p.PublishedAt = parseTime(published)
	p.Created, p.Updated = parseTime(created), parseTime(updated)
	p.WithdrawnAt = parseTime(withdrawn)
	p.ChangedOn, _ = zhifa.ParseDate(changed)
	p.WithdrawDue, _ = zhifa.ParseDate(withdrawDue)
	return &p, nil
}

// likePattern is a LIKE pattern (with ESCAPE '\') matching s anywhere.
func likePattern(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}

const correctionColumns = `id, publication_id, field, old_value, new_value, reason, report, while_published, corrected_by, created`

func scanCorrection(s interface{ Scan(...any) error }) (publicity.Correction, error) {
	var c publicity.Correction
	var created string
	err := s.Scan(&c.ID, &c.PublicationID, &c.Field, &c.Old, &c.New, &c.Reason, &c.Report, &c.Public, &c.CorrectedBy, &created)
	c.FieldName, c.Created = publicity.CorrectableFieldName(c.Field), parseTime(created)
	return c, err
}

// correctionBatch bounds the ids of one query (well under the parameter
// limits of SQLite and PostgreSQL).
const correctionBatch = 500

// loadCorrections sets the corrections of ps, oldest first.
func (c *conn) loadCorrections(ctx context.Context, ps []*publicity.Publication) error {
	byID := make(map[int64]*publicity.Publication, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	for start := 0; start < len(ps); start += correctionBatch {
		batch := ps[start:min(start+correctionBatch, len(ps))]
		args := make([]any, len(batch))
		for i, p := range batch {
			args[i] = p.ID
		}
		rows, err := c.query(ctx, `SELECT `+correctionColumns+` FROM publication_corrections WHERE publication_id IN (?`+
			strings.Repeat(`, ?`, len(batch)-1)+`) ORDER BY id`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			corr, err := scanCorrection(rows)
			if err != nil {
				rows.Close()
				return err
			}
			if p := byID[corr.PublicationID]; p != nil {
				p.Corrections = append(p.Corrections, corr)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// FindPublication returns the one publication matching f, or ENOTFOUND.
func (c *conn) FindPublication(ctx context.Context, f publicity.PublicationFilter) (*publicity.Publication, error) {
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
func (tx *Tx) CreatePublication(p *publicity.Publication) error {
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
	tx.touch("publications", id)
	return nil
}

// SetPublicationStatus stores p's status and publication time.
func (tx *Tx) SetPublicationStatus(p *publicity.Publication) error {
	_, err := tx.exec(tx.ctx, `UPDATE publications SET status = ?, published_at = ?, updated = ? WHERE id = ?`,
		p.Status, fmtTime(p.PublishedAt), fmtTime(tx.Now), p.ID)
	p.Updated = tx.Now
	tx.touch("publications", p.ID)
	return err
}

// WithdrawPublication stores p's withdrawal: its status, the time and the
// withdrawal fields. Only a published publication is withdrawn: ECONFLICT
// when it no longer is (another withdrawal came first).
func (tx *Tx) WithdrawPublication(p *publicity.Publication) error {
	res, err := tx.exec(tx.ctx, `UPDATE publications SET status = ?, withdrawn_at = ?, withdraw_cause = ?, withdraw_reason = ?, changed_on = ?,
		withdraw_due = ?, withdraw_late_days = ?, updated = ? WHERE id = ? AND status = ?`,
		p.Status, fmtTime(p.WithdrawnAt), p.WithdrawCause, p.WithdrawReason, zhifa.FormatDate(p.ChangedOn), zhifa.FormatDate(p.WithdrawDue),
		p.WithdrawLateDays, fmtTime(tx.Now), p.ID, publicity.StatusPublished)
	if err := oneRow(res, err, "公示信息已不是“已公示”状态,不能撤回"); err != nil {
		return err
	}
	p.Updated = tx.Now
	tx.touch("publications", p.ID)
	return nil
}

// CorrectPublication stores the new value of field corr.Field of p (the
// value already set in p; corr.Old is the value it replaces) and adds corr
// to p's corrections, setting its ID. ECONFLICT when the publication was
// withdrawn or the field changed since corr.Old was read.
func (tx *Tx) CorrectPublication(p *publicity.Publication, corr *publicity.Correction) error {
	v := p.TextField(corr.Field)
	if v == nil { // the column name comes from this whitelist only
		return zhifa.Invalid(map[string]string{"field": "公示信息没有可更正的“" + corr.Field + "”项"})
	}
	res, err := tx.exec(tx.ctx, `UPDATE publications SET `+corr.Field+` = ?, updated = ? WHERE id = ? AND `+corr.Field+` = ? AND status <> ?`,
		*v, fmtTime(tx.Now), p.ID, corr.Old, publicity.StatusWithdrawn)
	if err := oneRow(res, err, "公示信息已被撤回或已被他人更正,请刷新后重试"); err != nil {
		return err
	}
	id, err := tx.insert(tx.ctx, `INSERT INTO publication_corrections (publication_id, field, old_value, new_value, reason, report, while_published,
		corrected_by, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, corr.Field, corr.Old, corr.New, corr.Reason, corr.Report, corr.Public, corr.CorrectedBy, fmtTime(tx.Now))
	if err != nil {
		return err
	}
	corr.ID, corr.PublicationID, corr.Created = id, p.ID, tx.Now
	tx.touch("publications", p.ID)
	tx.touch("publication_corrections", id)
	corr.FieldName = publicity.CorrectableFieldName(corr.Field)
	p.Corrections = append(p.Corrections, *corr)
	p.Updated = tx.Now
	return nil
}

// oneRow returns err, or ECONFLICT with msg when the statement changed no
// row.
func oneRow(res sql.Result, err error, msg string) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return zhifa.Errorf(zhifa.ECONFLICT, "%s", msg)
	}
	return nil
}
