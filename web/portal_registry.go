package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

// Public portal pages of 事前公开 and 事中公示 (DOMAIN §4): agencies, their
// officers and matters, and the verification of a 执法证号.

// PortalAgencies lists the enforcement agencies.
type PortalAgencies struct {
	Page
	Agencies []*registry.Agency
}

// PortalAgency shows one agency with its officers and matters.
type PortalAgency struct {
	Page
	Agency   *registry.Agency
	Officers []*registry.Officer
	Matters  []*registry.Matter
	Today    zhifa.Date
}

// PortalMatters lists matters (权责清单), filtered by agency and category.
type PortalMatters struct {
	Page
	Matters    []*registry.Matter
	Agencies   []*registry.Agency
	Categories []string
	AgencyID   int64
	Category   string
}

// PortalVerify is the officer verification form and its answer.
type PortalVerify struct {
	Page
	CertNo   string
	Officer  *registry.Officer // nil before a query or when not found
	State    registry.CertState
	NotFound bool
}

func portalPage(r *http.Request, title string) Page {
	return Page{Title: title, Section: "portal", Actor: actorFrom(r.Context())}
}

func (s *Server) handlePortalAgencies(w http.ResponseWriter, r *http.Request) error {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		return err
	}
	var out []*registry.Agency
	for _, a := range ags {
		if !a.Supervisor {
			out = append(out, a)
		}
	}
	s.render(w, r, http.StatusOK, "portal_agencies", PortalAgencies{Page: portalPage(r, "执法主体"), Agencies: out})
	return nil
}

func (s *Server) handlePortalAgency(w http.ResponseWriter, r *http.Request) error {
	id, err := pathIndex(r, "id")
	if err != nil {
		return zhifa.Errorf(zhifa.ENOTFOUND, "执法主体不存在")
	}
	ctx := r.Context()
	ag, err := s.svc.Agency(ctx, id)
	if err != nil {
		return err
	}
	ofs, err := s.svc.Officers(ctx, registry.OfficerFilter{AgencyID: &id})
	if err != nil {
		return err
	}
	ms, err := s.svc.Matters(ctx, registry.MatterFilter{AgencyID: &id})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "portal_agency", PortalAgency{Page: portalPage(r, ag.Name), Agency: ag, Officers: ofs, Matters: ms, Today: s.svc.Today()})
	return nil
}

func (s *Server) handlePortalMatters(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := PortalMatters{Page: portalPage(r, "执法事项"), Categories: registry.MatterCategories}
	var f registry.MatterFilter
	// An unusable filter value filters nothing rather than failing the page.
	if id := formID(r.URL.Query().Get("agency_id")); id > 0 {
		p.AgencyID, f.AgencyID = id, &id
	}
	if c := queryString(r, "category"); c != nil {
		p.Category, f.Category = *c, c
	}
	var err error
	if p.Matters, err = s.svc.Matters(ctx, f); err != nil {
		return err
	}
	if p.Agencies, err = s.svc.Agencies(ctx); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "portal_matters", p)
	return nil
}

// handlePortalVerifyForm shows the form; submitted, it goes to the answer's
// own address, which is also what the QR code on a certificate encodes.
func (s *Server) handlePortalVerifyForm(w http.ResponseWriter, r *http.Request) error {
	if c := strings.TrimSpace(r.URL.Query().Get("cert")); c != "" {
		http.Redirect(w, r, "/verify/officer/"+url.PathEscape(c), http.StatusSeeOther)
		return nil
	}
	s.render(w, r, http.StatusOK, "portal_verify", PortalVerify{Page: portalPage(r, "执法证查询")})
	return nil
}

func (s *Server) handlePortalVerify(w http.ResponseWriter, r *http.Request) error {
	cert := r.PathValue("cert")
	p := PortalVerify{Page: portalPage(r, "执法证查询"), CertNo: cert}
	o, err := s.svc.OfficerByCert(r.Context(), cert)
	switch {
	case zhifa.ErrorCode(err) == zhifa.ENOTFOUND:
		p.NotFound = true
		s.render(w, r, http.StatusNotFound, "portal_verify", p)
		return nil
	case err != nil:
		return err
	}
	p.Officer, p.State, p.CertNo = o, o.Certificate().State(s.svc.Today()), o.CertNo
	s.render(w, r, http.StatusOK, "portal_verify", p)
	return nil
}

// apiVerifiedOfficer is the public answer about a certificate: only what is
// published by law.
type apiVerifiedOfficer struct {
	CertNo     string `json:"cert_no"`
	State      string `json:"state"`
	Valid      bool   `json:"valid"`
	Name       string `json:"name"`
	Post       string `json:"post"`
	Category   string `json:"category"`
	AgencyID   int64  `json:"agency_id"`
	AgencyName string `json:"agency_name"`
	ValidFrom  string `json:"valid_from"`
	ValidTo    string `json:"valid_to"`
}

func (s *Server) handleAPIVerifyOfficer(w http.ResponseWriter, r *http.Request) error {
	o, err := s.svc.OfficerByCert(r.Context(), r.PathValue("cert"))
	if err != nil {
		return err
	}
	st := o.Certificate().State(s.svc.Today())
	writeJSON(w, http.StatusOK, apiVerifiedOfficer{CertNo: o.CertNo, State: string(st), Valid: st.Valid(), Name: o.Name, Post: o.Post, Category: o.Category,
		AgencyID: o.AgencyID, AgencyName: o.AgencyName, ValidFrom: o.ValidFrom.String(), ValidTo: o.ValidTo.String()})
	return nil
}

// certClass is the style of a certificate state: valid, not yet valid, or
// barring enforcement. The portal's and the workbench's registry pages use
// it (a template function of every page).
func certClass(st registry.CertState) string {
	switch st {
	case registry.CertValid:
		return "status-ok"
	case registry.CertNotYetValid:
		return "status-warn"
	}
	return "status-bad"
}
