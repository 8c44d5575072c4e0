package portal

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// The verification of a 执法证号 (事中公示, DOMAIN §4): a page, the address a
// certificate's QR code encodes, and its public API.

// VerifyPage is the officer verification form and its answer.
type VerifyPage struct {
	ui.Page
	CertNo   string
	Officer  *registry.Officer // nil before a query or when not found
	State    registry.CertState
	NotFound bool
}

// HandleVerifyForm serves GET /verify/officer: the form; submitted, it goes
// to the answer's own address, which is also what the QR code on a
// certificate encodes.
func (s *Verify) HandleVerifyForm(w http.ResponseWriter, r *http.Request) error {
	if c := strings.TrimSpace(r.URL.Query().Get("cert")); c != "" {
		http.Redirect(w, r, "/verify/officer/"+url.PathEscape(c), http.StatusSeeOther)
		return nil
	}
	s.ui.Render(w, r, http.StatusOK, "portal_verify", VerifyPage{Page: portalPage(r, "执法证查询")})
	return nil
}

// HandleVerify serves GET /verify/officer/{cert}.
func (s *Verify) HandleVerify(w http.ResponseWriter, r *http.Request) error {
	cert := r.PathValue("cert")
	p := VerifyPage{Page: portalPage(r, "执法证查询"), CertNo: cert}
	o, err := s.officers.OfficerByCert(r.Context(), cert)
	switch {
	case zhifa.ErrorCode(err) == zhifa.ENOTFOUND:
		p.NotFound = true
		s.ui.Render(w, r, http.StatusNotFound, "portal_verify", p)
		return nil
	case err != nil:
		return err
	}
	p.Officer, p.State, p.CertNo = o, o.Certificate().State(s.officers.Today()), o.CertNo
	s.ui.Render(w, r, http.StatusOK, "portal_verify", p)
	return nil
}

// VerifiedOfficer is the public answer about a certificate: only what is
// published by law.
type VerifiedOfficer struct {
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

// HandleAPIVerifyOfficer serves GET /api/v1/public/verify/officer/{cert}.
func (s *Verify) HandleAPIVerifyOfficer(w http.ResponseWriter, r *http.Request) error {
	o, err := s.officers.OfficerByCert(r.Context(), r.PathValue("cert"))
	if err != nil {
		return err
	}
	st := o.Certificate().State(s.officers.Today())
	ui.WriteJSON(w, http.StatusOK, VerifiedOfficer{CertNo: o.CertNo, State: string(st), Valid: st.Valid(), Name: o.Name, Post: o.Post, Category: o.Category,
		AgencyID: o.AgencyID, AgencyName: o.AgencyName, ValidFrom: o.ValidFrom.String(), ValidTo: o.ValidTo.String()})
	return nil
}

// CertClass is the style of a certificate state: valid, not yet valid, or
// barring enforcement. The portal's and the workbench's registry pages use
// it (a template function of every page, given by web).
func CertClass(st registry.CertState) string {
	switch st {
	case registry.CertValid:
		return "status-ok"
	case registry.CertNotYetValid:
		return "status-warn"
	}
	return "status-bad"
}
