package registry

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

// Store is the storage the registry needs; package store implements it
// (store.RegistryStore).
type Store interface {
	FindAgencies(ctx context.Context, f AgencyFilter) ([]*Agency, error)
	// FindAgency returns agency id or ENOTFOUND.
	FindAgency(ctx context.Context, id int64) (*Agency, error)
	FindOfficers(ctx context.Context, f OfficerFilter) ([]*Officer, error)
	// FindOfficer returns the one officer matching f or ENOTFOUND.
	FindOfficer(ctx context.Context, f OfficerFilter) (*Officer, error)
	FindMatters(ctx context.Context, f MatterFilter) ([]*Matter, error)
	// FindMatter returns matter id or ENOTFOUND.
	FindMatter(ctx context.Context, id int64) (*Matter, error)
	// Write runs fn in one transaction, which must record an event.
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction of the registry. The Create methods set the
// row's ID, Created and Updated; the Update methods its Updated. A taken
// unique key is EINVALID with the field's problem.
type Tx interface {
	CreateAgency(*Agency) error
	UpdateAgency(*Agency) error
	CreateOfficer(*Officer) error
	UpdateOfficer(*Officer) error
	CreateMatter(*Matter) error
	UpdateMatter(*Matter) error
	// Record appends the event; the store gives it the digest of the rows
	// the transaction wrote.
	Record(ledger.Event) (int64, error)
}

// Service keeps the registry: agencies, officers and matters. Every change
// is authorized (access.RegistryManage), validated and written with its
// ledger event in one transaction; reads are public, as the registry is.
type Service struct {
	Store Store
	Guard access.Guard
	Now   func() time.Time
	Log   *slog.Logger
}

// Today returns the current civil date in China, the day on which
// Certificate.State is asked.
func (s *Service) Today() zhifa.Date { return zhifa.DateOf(s.Now()) }

// CreateAgency registers an agency (执法主体) or the supervising 司法局.
// Errors: EUNAUTHORIZED, EFORBIDDEN, EINVALID (with per-field problems).
func (s *Service) CreateAgency(ctx context.Context, a zhifa.Actor, ag *Agency) error {
	return create(ctx, s, a, ag)
}

// UpdateAgency changes an agency's registry data. Errors: EUNAUTHORIZED,
// EFORBIDDEN, ENOTFOUND, EINVALID.
func (s *Service) UpdateAgency(ctx context.Context, a zhifa.Actor, ag *Agency) error {
	return update(ctx, s, a, ag, s.Store.FindAgency)
}

// Agencies lists every agency; the registry is public.
func (s *Service) Agencies(ctx context.Context) ([]*Agency, error) {
	return s.Store.FindAgencies(ctx, AgencyFilter{})
}

// Agency returns one agency, or ENOTFOUND; the registry is public.
func (s *Service) Agency(ctx context.Context, id int64) (*Agency, error) {
	return s.Store.FindAgency(ctx, id)
}

// CreateOfficer registers an officer and his or her certificate. Errors:
// EUNAUTHORIZED, EFORBIDDEN, EINVALID (with per-field problems).
func (s *Service) CreateOfficer(ctx context.Context, a zhifa.Actor, o *Officer) error {
	return create(ctx, s, a, o)
}

// UpdateOfficer changes an officer's registry data, including the status of
// the certificate (暂扣 suspends it, 注销 revokes it). Errors: EUNAUTHORIZED,
// EFORBIDDEN, ENOTFOUND, EINVALID.
func (s *Service) UpdateOfficer(ctx context.Context, a zhifa.Actor, o *Officer) error {
	return update(ctx, s, a, o, s.Officer)
}

// Officers returns the officers matching f. The registry of officers is
// published by law (姓名、性别、职务、执法证号及有效期); it holds nothing more.
func (s *Service) Officers(ctx context.Context, f OfficerFilter) ([]*Officer, error) {
	return s.Store.FindOfficers(ctx, f)
}

// Officer returns one officer, or ENOTFOUND.
func (s *Service) Officer(ctx context.Context, id int64) (*Officer, error) {
	return s.Store.FindOfficer(ctx, OfficerFilter{ID: &id})
}

// OfficerByCert returns the officer holding certificate certNo, for the
// public verification of a 执法证 (DOMAIN §4 事中公示), or ENOTFOUND.
func (s *Service) OfficerByCert(ctx context.Context, certNo string) (*Officer, error) {
	certNo = strings.ToUpper(strings.TrimSpace(certNo))
	if !certNoRe.MatchString(certNo) {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "未查到该执法证号")
	}
	o, err := s.Store.FindOfficer(ctx, OfficerFilter{CertNo: &certNo})
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "未查到该执法证号“%s”", certNo)
	}
	return o, err
}

// CreateMatter adds a matter to an agency's 权责清单. Errors: EUNAUTHORIZED,
// EFORBIDDEN, EINVALID.
func (s *Service) CreateMatter(ctx context.Context, a zhifa.Actor, m *Matter) error {
	return create(ctx, s, a, m)
}

// UpdateMatter changes a matter. Errors: EUNAUTHORIZED, EFORBIDDEN,
// ENOTFOUND, EINVALID.
func (s *Service) UpdateMatter(ctx context.Context, a zhifa.Actor, m *Matter) error {
	return update(ctx, s, a, m, s.Store.FindMatter)
}

// Matters returns the matters matching f; the 权责清单 is public.
func (s *Service) Matters(ctx context.Context, f MatterFilter) ([]*Matter, error) {
	return s.Store.FindMatters(ctx, f)
}

// Matter returns one matter, or ENOTFOUND.
func (s *Service) Matter(ctx context.Context, id int64) (*Matter, error) {
	return s.Store.FindMatter(ctx, id)
}

// agencyProblem adds a problem to p if agency id does not exist.
func agencyProblem(ctx context.Context, st Store, id int64, p map[string]string) error {
	if id == 0 || p["agency_id"] != "" {
		return nil
	}
	_, err := st.FindAgency(ctx, id)
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		p["agency_id"] = "所选执法主体不存在"
		return nil
	}
	return err
}

func itoa(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
