package portal

import (
	"net/http"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// Public portal pages of 事前公开 (DOMAIN §4): the enforcement agencies and
// an agency with its officers and matters.

// AgenciesPage lists the enforcement agencies.
type AgenciesPage struct {
	ui.Page
	Agencies []*registry.Agency
}

// AgencyPage shows one agency with its officers and matters.
type AgencyPage struct {
	ui.Page
	Agency   *registry.Agency
	Officers []*registry.Officer
	Matters  []*registry.Matter
	Today    zhifa.Date
}

// HandleAgencies serves GET /agencies: the agencies but the supervisor.
func (s *Agencies) HandleAgencies(w http.ResponseWriter, r *http.Request) error {
	ags, err := s.registry.Agencies(r.Context())
	if err != nil {
		return err
	}
	var out []*registry.Agency
	for _, a := range ags {
		if !a.Supervisor {
			out = append(out, a)
		}
	}
	s.ui.Render(w, r, http.StatusOK, "portal_agencies", AgenciesPage{Page: portalPage(r, "执法主体"), Agencies: out})
	return nil
}

// HandleAgency serves GET /agencies/{id}.
func (s *Agencies) HandleAgency(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return zhifa.Errorf(zhifa.ENOTFOUND, "执法主体不存在")
	}
	ctx := r.Context()
	ag, err := s.registry.Agency(ctx, id)
	if err != nil {
		return err
	}
	ofs, err := s.registry.Officers(ctx, registry.OfficerFilter{AgencyID: &id})
	if err != nil {
		return err
	}
	ms, err := s.registry.Matters(ctx, registry.MatterFilter{AgencyID: &id})
	if err != nil {
		return err
	}
	s.ui.Render(w, r, http.StatusOK, "portal_agency", AgencyPage{Page: portalPage(r, ag.Name), Agency: ag, Officers: ofs, Matters: ms, Today: s.registry.Today()})
	return nil
}
