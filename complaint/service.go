package complaint

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/ledger"
)

// Filter selects complaints. Nil fields do not filter.
type Filter struct {
	ID       *int64
	AgencyID *int64
	Status   *Status
	// CodeDigest selects the complaint a query code opens.
	CodeDigest *string
	Limit      int
}

// Store is the storage the complaint context needs; package store
// implements it (store.ComplaintStore).
type Store interface {
	// FindComplaints returns the complaints matching f, newest first, with
	// their agency's name.
	FindComplaints(ctx context.Context, f Filter) ([]*Complaint, error)
	// AgencyName and PublicationExists check the references of a filing.
	AgencyName(ctx context.Context, id int64) (string, bool, error)
	PublicationExists(ctx context.Context, id, agencyID int64) (bool, error)
	// Write runs fn in one transaction, which must record a ledger event.
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction; *store.Tx implements it.
type Tx interface {
	Context() context.Context
	// FindComplaints reads inside the transaction.
	FindComplaints(ctx context.Context, f Filter) ([]*Complaint, error)
	// CreateComplaint inserts c and sets its ID; ECONFLICT when an
	// imported item's work-order number was imported before.
	CreateComplaint(c *Complaint) error
	// UpdateComplaint stores c's handling; ECONFLICT when the stored status
	// is no longer from.
	UpdateComplaint(c *Complaint, from Status) error
	Record(e ledger.Event) (int64, error)
}

// Service is the complaint context.
type Service struct {
	Store  Store
	Guard  access.Guard
	Limits Limits
	// Calendar returns the effective working-day calendar.
	Calendar func(ctx context.Context) (*calendar.Calendar, error)
	Now      func() time.Time
	Rand     io.Reader // query codes; crypto/rand when nil
	Log      *slog.Logger
	// Region returns the agencies a supervisor's 司法局 supervises; a
	// supervisor handles the complaints about those agencies only. Nil:
	// every agency (a deployment with one 司法局).
	Region func(ctx context.Context, a zhifa.Actor) ([]int64, error)
}

// supervises reports whether a, a supervisor, may handle complaints about
// agencyID, by its region.
func (s *Service) supervises(ctx context.Context, a zhifa.Actor, agencyID int64) (bool, error) {
	if s.Region == nil {
		return true, nil
	}
	ids, err := s.Region(ctx, a)
	if err != nil {
		return false, err
	}
	return slices.Contains(ids, agencyID), nil
}

func (s *Service) limits() Limits {
	l := s.Limits
	if l.AcceptWorkdays <= 0 {
		l.AcceptWorkdays = DefaultLimits.AcceptWorkdays
	}
	if l.ReplyDays <= 0 {
		l.ReplyDays = DefaultLimits.ReplyDays
	}
	return l
}

func (s *Service) today() zhifa.Date { return zhifa.DateOf(s.Now()) }

// File records a complaint filed by the public (a is the public actor) or
// imported from the 12345 hot line by a handler, and returns the query code,
// which is shown once and never stored. Errors: EINVALID naming the field.
func (s *Service) File(ctx context.Context, a zhifa.Actor, f Filing) (string, *Complaint, error) {
	c, code, err := s.prepare(ctx, a, f)
	if err != nil {
		return "", nil, err
	}
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreateComplaint(c); err != nil {
			return err
		}
		return record(tx, c, a, "complaint.received", map[string]string{"kind": string(c.Kind), "channel": c.Channel, "accept_due": c.AcceptDue.String()})
	})
	if err != nil {
		return "", nil, err
	}
	return code, c, nil
}

// prepare checks a filing and makes its complaint and query code, without
// storing anything.
func (s *Service) prepare(ctx context.Context, a zhifa.Actor, f Filing) (*Complaint, string, error) {
	if f.Channel == ChannelHotline {
		if err := s.Guard.Authorize(ctx, a, access.ComplaintHandle, f.AgencyID, "complaints"); err != nil {
			return nil, "", err
		}
	}
	if err := f.Validate(); err != nil {
		return nil, "", err
	}
	agencyName, ok, err := s.Store.AgencyName(ctx, f.AgencyID)
	if err != nil {
		return nil, "", err
	} else if !ok {
		return nil, "", zhifa.Invalid(map[string]string{"agency_id": "所选执法主体不存在"})
	}
	if f.PublicationID > 0 {
		if ok, err := s.Store.PublicationExists(ctx, f.PublicationID, f.AgencyID); err != nil {
			return nil, "", err
		} else if !ok {
			return nil, "", zhifa.Invalid(map[string]string{"publication_id": "所指公示信息不存在,或不属于所选执法主体"})
		}
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, "", err
	}
	today := s.today()
	due, err := dueOn(cal, s.limits().AcceptRule(), today)
	if err != nil {
		return nil, "", zhifa.Errorf(zhifa.ERULE, "无法计算受理期限:工作日历缺少所需年份,请联系系统管理员")
	}
	rnd := s.Rand
	if rnd == nil {
		rnd = rand.Reader
	}
	code, err := NewCode(rnd)
	if err != nil {
		return nil, "", err
	}
	norm, _ := NormalizeCode(code)
	return &Complaint{Kind: f.Kind, Channel: f.Channel, ExternalRef: f.ExternalRef, AgencyID: f.AgencyID, AgencyName: agencyName, PublicationID: f.PublicationID,
		Subject: f.Subject, Content: f.Content, ContactName: f.ContactName, ContactPhone: f.ContactPhone,
		CodeDigest: CodeDigest(norm), Status: Received, ReceivedOn: today, AcceptDue: due}, code, nil
}

// record appends the complaint's event: ids, kind, status and dates only.
func record(tx Tx, c *Complaint, a zhifa.Actor, typ string, attrs map[string]string) error {
	attrs["status"] = string(c.Status)
	if c.PublicationID > 0 {
		attrs["publication"] = strconv.FormatInt(c.PublicationID, 10)
	}
	_, err := tx.Record(ledger.Event{Type: typ, Object: c.Object(), Actor: a.Ref(), Agency: strconv.FormatInt(c.AgencyID, 10), Attrs: attrs})
	return err
}

// Track returns what a query code shows. A malformed code is EINVALID on
// field "code"; an unknown one ENOTFOUND, with the same message whatever
// the reason, so that a guess learns nothing.
func (s *Service) Track(ctx context.Context, code string) (*PublicView, error) {
	norm, ok := NormalizeCode(code)
	if !ok {
		return nil, zhifa.Invalid(map[string]string{"code": "查询码应为 16 位字母和数字(如 ABCD-EFGH-JKMN-PQRS)"})
	}
	d := CodeDigest(norm)
	cs, err := s.Store.FindComplaints(ctx, Filter{CodeDigest: &d, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "没有与该查询码对应的投诉举报,请核对后重试")
	}
	v := cs[0].Public()
	return &v, nil
}

// List returns the complaints a may handle: a supervisor's of every agency
// (or of f.AgencyID), a unit or agency head's of their own agency.
func (s *Service) List(ctx context.Context, a zhifa.Actor, f Filter) ([]*Complaint, error) {
	if !access.Allowed(a, access.ComplaintHandle, -1) { // not a supervisor: own agency only
		if err := s.Guard.Authorize(ctx, a, access.ComplaintHandle, a.AgencyID, "complaints"); err != nil {
			return nil, err
		}
		own := a.AgencyID
		f.AgencyID = &own
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 500
	}
	cs, err := s.Store.FindComplaints(ctx, f)
	if err != nil || f.AgencyID != nil && *f.AgencyID == a.AgencyID && !access.Allowed(a, access.ComplaintHandle, -1) {
		return cs, err
	}
	// A supervisor: its own 司法局 and the agencies of its region.
	if s.Region == nil {
		return cs, nil
	}
	ids, err := s.Region(ctx, a)
	if err != nil {
		return nil, err
	}
	out := cs[:0]
	for _, c := range cs {
		if c.AgencyID == a.AgencyID || slices.Contains(ids, c.AgencyID) {
			out = append(out, c)
		}
	}
	return out, nil
}

// Get returns complaint id for a handler.
func (s *Service) Get(ctx context.Context, a zhifa.Actor, id int64) (*Complaint, error) {
	cs, err := s.Store.FindComplaints(ctx, Filter{ID: &id, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		if err := s.Guard.Authorize(ctx, a, access.ComplaintHandle, a.AgencyID, "complaint/"+strconv.FormatInt(id, 10)); err != nil {
			return nil, err
		}
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "投诉举报不存在")
	}
	if err := s.Guard.Authorize(ctx, a, access.ComplaintHandle, cs[0].AgencyID, cs[0].Object()); err != nil {
		return nil, err
	}
	if cs[0].AgencyID != a.AgencyID {
		if ok, err := s.supervises(ctx, a, cs[0].AgencyID); err != nil {
			return nil, err
		} else if !ok {
			return nil, zhifa.Errorf(zhifa.EFORBIDDEN, "%s不在您所在执法监督机构的监督范围内", cs[0].AgencyName)
		}
	}
	return cs[0], nil
}

// Handle accepts, declines or answers complaint id as a.
func (s *Service) Handle(ctx context.Context, a zhifa.Actor, id int64, action Action, text string) (*Complaint, error) {
	c, err := s.Get(ctx, a, id)
	if err != nil {
		return nil, err
	}
	act := Act{Action: action, Text: text, Today: s.today(), UserID: a.UserID}
	if action == Accept {
		cal, err := s.Calendar(ctx)
		if err != nil {
			return nil, err
		}
		if act.ReplyDue, err = dueOn(cal, s.limits().ReplyRule(), act.Today); err != nil {
			return nil, zhifa.Errorf(zhifa.ERULE, "无法计算答复期限:工作日历缺少所需年份,请联系系统管理员")
		}
	}
	next, err := Apply(*c, act)
	if err != nil {
		return nil, err
	}
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.UpdateComplaint(&next, c.Status); err != nil {
			return err
		}
		attrs := map[string]string{"action": string(action)}
		if action == Accept {
			attrs["reply_due"] = next.ReplyDue.String()
		}
		return record(tx, &next, a, "complaint."+string(next.Status), attrs)
	})
	if err != nil {
		return nil, err
	}
	return &next, nil
}
