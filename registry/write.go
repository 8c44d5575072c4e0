package registry

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

// Every registry change has one shape — authorize, validate, write the row
// and record its event in one transaction — written once here (create and
// update) for the three kinds of row. What differs between agencies,
// officers and matters is what a row says of itself (the row interface).

// row is a registry row as create and update see it: *Agency, *Officer or
// *Matter.
type row[R any] interface {
	// ref returns the row's kind ("agency"), which names its object and
	// events, and its id.
	ref() (kind string, id int64)
	// owner is the agency whose right governs the row and which its event
	// names; lookupOwner is the one known from the id alone, before the row
	// is looked up (an agency owns itself; an officer or matter is known
	// only once found, 0).
	owner() int64
	lookupOwner() int64
	// check trims the row and returns its per-field problems, including
	// those found in the store (a missing agency).
	check(ctx context.Context, st Store) (map[string]string, error)
	// change returns the event verb and attributes of writing the row over
	// old (nil on create), and takes from old what an update keeps.
	change(old R) (verb string, attrs map[string]string)
	insert(Tx) error
	update(Tx) error
}

// create authorizes, validates and inserts r with its "<kind>.created" event.
func create[R row[R]](ctx context.Context, s *Service, a zhifa.Actor, r R) error {
	kind, _ := r.ref()
	if err := s.Guard.Authorize(ctx, a, access.RegistryManage, r.owner(), kind+"/new"); err != nil {
		return err
	}
	return write(ctx, s, a, r, *new(R), R.insert)
}

// update authorizes against the stored row (and the new owner, if it moves),
// validates and stores r with its event. A missing row is only reported to
// an actor who may manage the registry: the public is not told which ids
// exist.
func update[R row[R]](ctx context.Context, s *Service, a zhifa.Actor, r R, find func(context.Context, int64) (R, error)) error {
	kind, id := r.ref()
	object := kind + "/" + itoa(id)
	old, err := find(ctx, id)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
			if aerr := s.Guard.Authorize(ctx, a, access.RegistryManage, r.lookupOwner(), object); aerr != nil {
				return aerr
			}
		}
		return err
	}
	if err := s.Guard.Authorize(ctx, a, access.RegistryManage, old.owner(), object); err != nil {
		return err
	}
	if r.owner() != old.owner() && r.owner() != 0 {
		if err := s.Guard.Authorize(ctx, a, access.RegistryManage, r.owner(), object); err != nil {
			return err
		}
	}
	return write(ctx, s, a, r, old, R.update)
}

// write validates r and, if valid, stores it with put and records the event
// of the change from old in the same transaction. The leaf carries the
// digest of the stored rows and the event's attributes, never a name or a
// certificate number.
func write[R row[R]](ctx context.Context, s *Service, a zhifa.Actor, r, old R, put func(R, Tx) error) error {
	p, err := r.check(ctx, s.Store)
	if err != nil {
		return err
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	verb, attrs := r.change(old)
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := put(r, tx); err != nil {
			return err
		}
		kind, id := r.ref()
		_, err := tx.Record(ledger.Event{Type: kind + "." + verb, Object: kind + "/" + itoa(id), Actor: a.Ref(), Agency: itoa(r.owner()), Attrs: attrs})
		return err
	})
}

func (ag *Agency) ref() (string, int64) { return "agency", ag.ID }
func (ag *Agency) owner() int64         { return ag.ID }
func (ag *Agency) lookupOwner() int64   { return ag.ID }
func (ag *Agency) insert(tx Tx) error   { return tx.CreateAgency(ag) }
func (ag *Agency) update(tx Tx) error   { return tx.UpdateAgency(ag) }

// check reports a missing parent only once the rest is valid.
func (ag *Agency) check(ctx context.Context, st Store) (map[string]string, error) {
	p := validAgency(ag)
	if len(p) == 0 && ag.ParentID != 0 {
		if _, err := st.FindAgency(ctx, ag.ParentID); err != nil {
			p["parent_id"] = "上级机关不存在"
		}
	}
	return p, nil
}

func (ag *Agency) change(old *Agency) (string, map[string]string) {
	if old == nil {
		return "created", nil
	}
	return "updated", nil
}

func (o *Officer) ref() (string, int64) { return "officer", o.ID }
func (o *Officer) owner() int64         { return o.AgencyID }
func (o *Officer) lookupOwner() int64   { return 0 }
func (o *Officer) insert(tx Tx) error   { return tx.CreateOfficer(o) }
func (o *Officer) update(tx Tx) error   { return tx.UpdateOfficer(o) }

func (o *Officer) check(ctx context.Context, st Store) (map[string]string, error) {
	p := validOfficer(o)
	return p, agencyProblem(ctx, st, o.AgencyID, p)
}

// change names a change of the certificate's status (暂扣, 注销 or back to
// 有效) as such, with the status it had.
func (o *Officer) change(old *Officer) (string, map[string]string) {
	attrs := map[string]string{"status": o.Status}
	if old == nil {
		return "created", attrs
	}
	o.Created = old.Created
	if o.Status != old.Status {
		attrs["from"] = old.Status
		return "status_changed", attrs
	}
	return "updated", attrs
}

func (m *Matter) ref() (string, int64) { return "matter", m.ID }
func (m *Matter) owner() int64         { return m.AgencyID }
func (m *Matter) lookupOwner() int64   { return 0 }
func (m *Matter) insert(tx Tx) error   { return tx.CreateMatter(m) }
func (m *Matter) update(tx Tx) error   { return tx.UpdateMatter(m) }

func (m *Matter) check(ctx context.Context, st Store) (map[string]string, error) {
	p := validMatter(m)
	return p, agencyProblem(ctx, st, m.AgencyID, p)
}

func (m *Matter) change(old *Matter) (string, map[string]string) {
	if old == nil {
		return "created", nil
	}
	m.Created = old.Created
	return "updated", nil
}
