package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/complaint"
)

// ComplaintStore returns db as the storage of the complaint context.
func ComplaintStore(db *DB) complaint.Store { return complaintStore{db} }

type complaintStore struct{ *DB }

func (s complaintStore) Write(ctx context.Context, fn func(complaint.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

var _ complaint.Tx = (*Tx)(nil)

// complaintSealed returns the columns of complaints stored encrypted, with
// m's fields: what the complainant wrote and who they are, and the
// handlers' answers to them.
func complaintSealed(m *complaint.Complaint) []struct {
	col string
	v   *string
} {
	return []struct {
		col string
		v   *string
	}{{"subject", &m.Subject}, {"content", &m.Content}, {"contact_name", &m.ContactName}, {"contact_phone", &m.ContactPhone},
		{"decline_reason", &m.DeclineReason}, {"reply", &m.Reply}}
}

const complaintColumns = `c.id, c.kind, c.channel, c.external_ref, c.agency_id, COALESCE(a.name, ''), c.publication_id, c.subject, c.content,
	c.contact_name, c.contact_phone, c.code_digest, c.status, c.received_on, c.accept_due, c.accepted_on, c.reply_due, c.replied_on,
	c.decline_reason, c.reply, c.handler_id, c.created, c.updated`

// FindComplaints returns the complaints matching f, newest first.
func (c *conn) FindComplaints(ctx context.Context, f complaint.Filter) ([]*complaint.Complaint, error) {
	q := `SELECT ` + complaintColumns + ` FROM complaints c LEFT JOIN agencies a ON a.id = c.agency_id WHERE 1=1`
	var args []any
	if f.ID != nil {
		q += ` AND c.id = ?`
		args = append(args, *f.ID)
	}
	if f.AgencyID != nil {
		q += ` AND c.agency_id = ?`
		args = append(args, *f.AgencyID)
	}
	if f.Status != nil {
		q += ` AND c.status = ?`
		args = append(args, string(*f.Status))
	}
	if f.CodeDigest != nil {
		q += ` AND c.code_digest = ?`
		args = append(args, *f.CodeDigest)
	}
	q += ` ORDER BY c.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*complaint.Complaint
	for rows.Next() {
		var m complaint.Complaint
		var kind, status, received, acceptDue, accepted, replyDue, replied, created, updated string
		if err := rows.Scan(&m.ID, &kind, &m.Channel, &m.ExternalRef, &m.AgencyID, &m.AgencyName, &m.PublicationID, &m.Subject, &m.Content,
			&m.ContactName, &m.ContactPhone, &m.CodeDigest, &status, &received, &acceptDue, &accepted, &replyDue, &replied,
			&m.DeclineReason, &m.Reply, &m.HandlerID, &created, &updated); err != nil {
			return nil, err
		}
		m.Kind, m.Status = complaint.Kind(kind), complaint.Status(status)
		m.ReceivedOn, _ = zhifa.ParseCivilDate(received)
		m.AcceptDue, _ = zhifa.ParseCivilDate(acceptDue)
		m.AcceptedOn, _ = zhifa.ParseCivilDate(accepted)
		m.ReplyDue, _ = zhifa.ParseCivilDate(replyDue)
		m.RepliedOn, _ = zhifa.ParseCivilDate(replied)
		m.Created, m.Updated = parseTime(created), parseTime(updated)
		for _, f := range complaintSealed(&m) {
			if *f.v, err = openField(c.fields, "complaints."+f.col, *f.v); err != nil {
				return nil, err
			}
		}
		out = append(out, &m)
	}
	return out, rows.Err()
}

// AgencyName returns the name of agency id, and whether it is in the
// registry.
func (c *conn) AgencyName(ctx context.Context, id int64) (string, bool, error) {
	var name string
	err := c.queryRow(ctx, `SELECT name FROM agencies WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return name, err == nil, err
}

// PublicationExists reports whether publication id of agencyID exists.
func (c *conn) PublicationExists(ctx context.Context, id, agencyID int64) (bool, error) {
	var n int
	err := c.queryRow(ctx, `SELECT COUNT(*) FROM publications WHERE id = ? AND agency_id = ?`, id, agencyID).Scan(&n)
	return n > 0, err
}

// sealedComplaint returns m's encrypted columns, sealed; m keeps the
// plaintext.
func (tx *Tx) sealedComplaint(m *complaint.Complaint) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range complaintSealed(m) {
		v, err := sealField(tx.fields, "complaints."+f.col, *f.v)
		if err != nil {
			return nil, err
		}
		out[f.col] = v
	}
	return out, nil
}

// CreateComplaint inserts m and sets its ID.
func (tx *Tx) CreateComplaint(m *complaint.Complaint) error {
	s, err := tx.sealedComplaint(m)
	if err != nil {
		return err
	}
	id, err := tx.insert(tx.ctx, `INSERT INTO complaints (kind, channel, external_ref, agency_id, publication_id, subject, content,
		contact_name, contact_phone, code_digest, status, received_on, accept_due, accepted_on, reply_due, replied_on,
		decline_reason, reply, handler_id, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(m.Kind), m.Channel, m.ExternalRef, m.AgencyID, m.PublicationID, s["subject"], s["content"], s["contact_name"], s["contact_phone"],
		m.CodeDigest, string(m.Status), m.ReceivedOn.String(), m.AcceptDue.String(), m.AcceptedOn.String(), m.ReplyDue.String(), m.RepliedOn.String(),
		s["decline_reason"], s["reply"], m.HandlerID, fmtTime(tx.Now), fmtTime(tx.Now))
	if err != nil {
		if isUniqueViolation(err) {
			if m.ExternalRef != "" && strings.Contains(strings.ToLower(err.Error()), "external") {
				return zhifa.Invalid(map[string]string{"external_ref": "工单号“" + m.ExternalRef + "”已导入过"})
			}
			return zhifa.Errorf(zhifa.ECONFLICT, "登记投诉举报时发生冲突,请重试")
		}
		return err
	}
	m.ID, m.Created, m.Updated = id, tx.Now, tx.Now
	tx.touch("complaints", id)
	return nil
}

// UpdateComplaint stores m's handling, if the stored status is still from.
func (tx *Tx) UpdateComplaint(m *complaint.Complaint, from complaint.Status) error {
	s, err := tx.sealedComplaint(m)
	if err != nil {
		return err
	}
	res, err := tx.exec(tx.ctx, `UPDATE complaints SET status = ?, accepted_on = ?, reply_due = ?, replied_on = ?, decline_reason = ?, reply = ?,
		handler_id = ?, updated = ? WHERE id = ? AND status = ?`,
		string(m.Status), m.AcceptedOn.String(), m.ReplyDue.String(), m.RepliedOn.String(), s["decline_reason"], s["reply"],
		m.HandlerID, fmtTime(tx.Now), m.ID, string(from))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return zhifa.Errorf(zhifa.ECONFLICT, "该投诉举报已被他人办理,请刷新后查看")
	}
	m.Updated = tx.Now
	tx.touch("complaints", m.ID)
	return nil
}
