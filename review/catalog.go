package review

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
)

// Store is the storage of the review context's catalogs; package store
// implements it (store.ReviewStore).
type Store interface {
	// FindReviewCatalogs returns every version of the catalogs and floors
	// of the agencies (of all agencies when none is given), by agency,
	// floor and version.
	FindReviewCatalogs(ctx context.Context, agencyIDs ...int64) ([]registry.ReviewCatalog, error)
	// FindAgency returns agency id or ENOTFOUND.
	FindAgency(ctx context.Context, id int64) (*registry.Agency, error)
	ExtensionStore
	CounselStore
	// Write runs fn in one transaction, which must record an event.
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction of the review context.
type Tx interface {
	// CreateReviewCatalog inserts c as the next version of its agency's
	// catalog (or floor), setting ID, Version and Created.
	CreateReviewCatalog(c *registry.ReviewCatalog) error
	ExtensionTx
	CounselTx
	Record(ledger.Event) (int64, error)
}

// Service keeps the 法制审核目录清单: it publishes versions of an agency's
// catalog or floor (checked against its superiors' floors) and answers,
// for a decision, which catalogs apply and whether review is required.
type Service struct {
	Store Store
	// Calendar returns the effective working-day calendar, for extended
	// review limits.
	Calendar func(ctx context.Context) (*calendar.Calendar, error)
	Guard    access.Guard
	Now      func() time.Time
	Log      *slog.Logger
}

// maxLevels bounds the walk up the registry's parent_id chain.
const maxLevels = 8

// chain returns agency id and its superiors, nearest first.
func (s *Service) chain(ctx context.Context, id int64) ([]int64, map[int64]*registry.Agency, error) {
	var out []int64
	seen := map[int64]*registry.Agency{}
	for id != 0 && len(out) < maxLevels {
		if _, loop := seen[id]; loop {
			break
		}
		ag, err := s.Store.FindAgency(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		seen[id] = ag
		out = append(out, id)
		id = ag.ParentID
	}
	return out, seen, nil
}

// Applicable returns the catalogs in force on day for agency id: its own
// catalog and its superiors' floors (see the pure Applicable).
func (s *Service) Applicable(ctx context.Context, agencyID int64, day zhifa.Date) ([]registry.ReviewCatalog, error) {
	chain, _, err := s.chain(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	all, err := s.Store.FindReviewCatalogs(ctx, chain...)
	if err != nil {
		return nil, err
	}
	return Applicable(all, chain, day), nil
}

// Scope answers Scope for a decision of agency agencyID on day, with the
// catalogs in force then.
func (s *Service) Scope(ctx context.Context, agencyID int64, day zhifa.Date, f Facts) (bool, Rule, error) {
	cs, err := s.Applicable(ctx, agencyID, day)
	if err != nil {
		return false, Rule{}, err
	}
	req, r := Scope(cs, f)
	return req, r, nil
}

// Catalogs returns every published version of the catalogs and floors of
// agency id (0: of every agency), by agency, floor and version: the public
// record, history included.
func (s *Service) Catalogs(ctx context.Context, agencyID int64) ([]registry.ReviewCatalog, error) {
	if agencyID == 0 {
		return s.Store.FindReviewCatalogs(ctx)
	}
	return s.Store.FindReviewCatalogs(ctx, agencyID)
}

// Floors returns the floors in force on day that agency id's catalog must
// include: the latest floor of each of its superiors.
func (s *Service) Floors(ctx context.Context, agencyID int64, day zhifa.Date) ([]registry.ReviewCatalog, error) {
	cs, err := s.Applicable(ctx, agencyID, day)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(cs, func(c registry.ReviewCatalog) bool { return c.AgencyID == agencyID }), nil
}

// PublishCatalog publishes c as the next version of its agency's catalog
// (or, with c.Floor, of the floor it sets for its subordinates). It takes
// effect on c.EffectiveOn, which may not be before today: a decision is
// always judged by a catalog published before it. A catalog or floor
// weaker than a floor of the agency's superiors in force on that day is
// refused, naming the missing rule (CheckFloor). Errors: EUNAUTHORIZED,
// EFORBIDDEN, EINVALID (per-field problems), ERULE.
func (s *Service) PublishCatalog(ctx context.Context, a zhifa.Actor, c *registry.ReviewCatalog) error {
	if err := s.Guard.Authorize(ctx, a, access.CatalogManage, c.AgencyID, "catalog/new"); err != nil {
		return err
	}
	p := registry.ValidCatalog(c)
	today := zhifa.DateOf(s.Now())
	if !c.EffectiveOn.IsZero() && c.EffectiveOn.Before(today) {
		p["effective_on"] = "施行日期不得早于今天(" + today.String() + "):已作出的决定按当时施行的目录清单判断"
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	chain, agencies, err := s.chain(ctx, c.AgencyID)
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		return zhifa.Invalid(map[string]string{"agency_id": "所选执法主体不存在"})
	}
	if err != nil {
		return err
	}
	all, err := s.Store.FindReviewCatalogs(ctx, chain...)
	if err != nil {
		return err
	}
	floors := Applicable(all, chain, c.EffectiveOn)
	floors = slices.DeleteFunc(floors, func(x registry.ReviewCatalog) bool { return x.AgencyID == c.AgencyID })
	if err := CheckFloor(*c, floors); err != nil {
		return err
	}
	c.PublishedBy = a.UserID
	c.AgencyName = agencies[c.AgencyID].Name
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreateReviewCatalog(c); err != nil {
			return err
		}
		attrs := map[string]string{"version": strconv.Itoa(c.Version), "effective_on": c.EffectiveOn.String()}
		if c.Floor {
			attrs["floor"] = "true"
		}
		_, err := tx.Record(ledger.Event{Type: "catalog.published", Object: "catalog/" + strconv.FormatInt(c.ID, 10),
			Actor: a.Ref(), Agency: strconv.FormatInt(c.AgencyID, 10), Attrs: attrs})
		return err
	})
}
