package publicity

import (
	"context"
	"log/slog"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/ledger"
)

// Store is the storage publicity needs; package store implements it
// (store.PublicityStore).
type Store interface {
	// FindPublications returns the publications matching f, latest
	// decision first, each with its corrections, and the number matching f
	// without Limit, Offset and After: with f.CountCap set, at most
	// f.CountCap+1, or -1 when it cannot be counted without testing every
	// row (a keyword too short for the full-text index).
	FindPublications(ctx context.Context, f PublicationFilter) ([]*Publication, int, error)
	// FindPublication returns the one publication matching f, or ENOTFOUND.
	FindPublication(ctx context.Context, f PublicationFilter) (*Publication, error)
	// PublicationsVersion names the state of what the portal shows: the
	// size of the ledger (every change of a publication records an event)
	// and the time of its latest event; for caching headers.
	PublicationsVersion(ctx context.Context) (Version, error)
	// FindCase returns a case, whose party a typed text is masked against.
	FindCase(ctx context.Context, id int64) (*zhifa.Case, error)
	// Write runs fn in one transaction, which must record a ledger event.
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction; *store.Tx implements it.
type Tx interface {
	Context() context.Context
	// Time is the transaction's time, fixed when it began.
	Time() time.Time
	FindPublication(ctx context.Context, f PublicationFilter) (*Publication, error)
	// CreatePublication inserts p and sets its ID; ECONFLICT when the case
	// has a publication already.
	CreatePublication(p *Publication) error
	// SetPublicationStatus stores p's status and publication time.
	SetPublicationStatus(p *Publication) error
	// WithdrawPublication stores p's withdrawal; ECONFLICT when the stored
	// publication is no longer published.
	WithdrawPublication(p *Publication) error
	// CorrectPublication stores the new value of corr.Field (already set in
	// p) and adds corr to p's corrections; ECONFLICT when the publication
	// was withdrawn or the field changed since corr.Old was read.
	CorrectPublication(p *Publication, corr *Correction) error
	// Record appends e to the ledger inside the transaction; the store
	// sets its digest from the records the transaction wrote.
	Record(e ledger.Event) (int64, error)
}

// Deadlines sets and meets the statutory time limits of a case inside a
// publicity write: G4 (publication within 7 working days of the decision)
// and G7 (withdrawal within 3 working days of the change). Package service
// implements it over its deadline rules.
type Deadlines interface {
	// Set computes the due date of rule ruleID started on start and stores
	// it as the deadline of object, returning the due date.
	Set(tx Tx, cal *calendar.Calendar, object string, agencyID int64, ruleID string, start calendar.Date, responsible int64) (calendar.Date, error)
	// Meet marks the open deadline of object under ruleID met on date;
	// ENOTFOUND when there is none.
	Meet(tx Tx, object, ruleID string, date calendar.Date) error
	// Due returns the due date of object's deadline under ruleID, or
	// ENOTFOUND.
	Due(tx Tx, object, ruleID string) (calendar.Date, error)
	// CalendarError turns an error of package calendar into a user-facing
	// one: ERULE for a year with no schedule, EINVALID under field.
	CalendarError(err error, field string) error
}

// Service is the publicity context: it makes, publishes, corrects and
// withdraws the publications of decisions, answers the portal's reads,
// and checks redactions. It holds no state of its own.
type Service struct {
	Store     Store
	Guard     access.Guard
	Deadlines Deadlines
	Records   Records // the log, for proofs
	// Calendar returns the effective working-day calendar.
	Calendar func(ctx context.Context) (*calendar.Calendar, error)
	Now      func() time.Time
	Log      *slog.Logger
}

// today returns the civil date of s.Now in China.
func (s *Service) today() calendar.Date { return calendar.DateOf(zhifa.CivilDate(s.Now())) }

// find returns publication id and its ledger object name once the actor
// may do op on its agency. Errors: ENOTFOUND, then EUNAUTHORIZED,
// EFORBIDDEN (recorded).
func (s *Service) find(ctx context.Context, a zhifa.Actor, op access.Op, id int64) (*Publication, string, error) {
	object := "publication/" + itoa(id)
	p, err := s.Store.FindPublication(ctx, PublicationFilter{ID: id})
	if err != nil {
		return nil, "", err
	}
	if err := s.Guard.Authorize(ctx, a, op, p.AgencyID, object); err != nil {
		return nil, "", err
	}
	return p, object, nil
}

// meet meets the deadline of object under rule; none open is no error (a
// case decided before the rule existed).
func (s *Service) meet(tx Tx, object, rule string, today calendar.Date) error {
	err := s.Deadlines.Meet(tx, object, rule, today)
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		return nil
	}
	return err
}

// record appends the event of a publicity change; the store gives it the
// digest of the rows the transaction wrote.
func record(tx Tx, typ, object string, a zhifa.Actor, agencyID int64, attrs map[string]string) error {
	_, err := tx.Record(ledger.Event{Type: typ, Object: object, Actor: a.Ref(), Agency: itoa(agencyID), Attrs: attrs})
	return err
}

// itoa formats an id, "" for 0 (as the ledger's object and agency names
// are written).
func itoa(n int64) string {
	if n == 0 {
		return ""
	}
	return zhifa.Actor{UserID: n}.Ref()[len("user/"):]
}
