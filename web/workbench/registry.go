package workbench

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/service"
)

// Registry (基础库) pages of the workbench and the registry's JSON API:
// agencies, officers and matters. Handlers decode, call one service method
// and render; validation is the service's.
// RegistryPage lists the registry.
type RegistryPage struct {
	Page
	Agencies []*zhifa.Agency
	Officers []*zhifa.Officer
	Matters  []*zhifa.Matter
	Today    time.Time
}

// RegistryAgencyForm is the form to create or edit an agency.
type RegistryAgencyForm struct {
	Page
	Action   string
	Agency   *zhifa.Agency
	Kinds    []string
	Agencies []*zhifa.Agency // candidates for the parent
}

// RegistryOfficerForm is the form to create or edit an officer. The dates are
// kept as entered, so that a bad date is shown back as typed.
type RegistryOfficerForm struct {
	Page
	Action    string
	Officer   *zhifa.Officer
	ValidFrom string
	ValidTo   string
	Agencies  []*zhifa.Agency
	Statuses  []string
}

// RegistryMatterForm is the form to create or edit a matter.
type RegistryMatterForm struct {
	Page
	Action       string
	Matter       *zhifa.Matter
	Agencies     []*zhifa.Agency
	Categories   []string
	PenaltyKinds []string
}

// HasKind reports whether the matter has penalty kind k, for the checkboxes.
func (f RegistryMatterForm) HasKind(k string) bool { return slices.Contains(f.Matter.PenaltyKinds, k) }

// registryActor returns the actor if it may manage the registry.
func (s *Registry) registryActor(r *http.Request) (zhifa.Actor, error) {
	a := actorFrom(r.Context())
	return a, s.svc.Authorize(r.Context(), a, access.RegistryManage, 0, "registry")
}

func workbenchPage(a zhifa.Actor, title string) Page {
	return Page{Title: title, Section: "workbench", Actor: a}
}

// failedForm returns the page with the error's message and problems if err
// is bad input, to re-render the form with status 400.
func failedForm(p Page, err error) (Page, bool) {
	e, ok := err.(*zhifa.Error)
	if !ok || e.Code != zhifa.EINVALID {
		return p, false
	}
	p.Error, p.Problems = e.Message, e.Problems
	return p, true
}

// HandleRegistry serves GET /workbench/registry.
func (s *Registry) HandleRegistry(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	ctx := r.Context()
	ags, err := s.svc.Agencies(ctx)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	ofs, err := s.svc.Officers(ctx, service.OfficerFilter{})
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	ms, err := s.svc.Matters(ctx, service.MatterFilter{})
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	p := workbenchPage(a, "基础库管理")
	if r.URL.Query().Get("saved") != "" {
		p.Flash = "已保存,并记入执法台账。"
	}
	s.render(w, r, http.StatusOK, "registry_index", RegistryPage{Page: p, Agencies: ags, Officers: ofs, Matters: ms, Today: s.svc.Today()})
}

// Agencies.

func agencyFromForm(r *http.Request) *zhifa.Agency {
	rd := strings.TrimSpace(r.PostFormValue("review_days"))
	days, err := strconv.Atoi(rd)
	if rd != "" && err != nil {
		days = -1
	}
	return &zhifa.Agency{Name: r.PostFormValue("name"), ShortName: r.PostFormValue("short_name"), Kind: r.PostFormValue("kind"),
		CreditCode: r.PostFormValue("credit_code"), Region: r.PostFormValue("region"), Level: strings.TrimSpace(r.PostFormValue("level")),
		ParentID: formID(r.PostFormValue("parent_id")), Basis: strings.TrimSpace(r.PostFormValue("basis")),
		Address: strings.TrimSpace(r.PostFormValue("address")), Phone: strings.TrimSpace(r.PostFormValue("phone")), ReviewDays: days}
}

func (s *Registry) renderAgencyForm(w http.ResponseWriter, r *http.Request, status int, p Page, action string, ag *zhifa.Agency) {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, status, "registry_agency", RegistryAgencyForm{Page: p, Action: action, Agency: ag, Kinds: zhifa.AgencyKinds, Agencies: ags})
}

// HandleRegistryAgencyNew serves GET /workbench/registry/agencies/new.
func (s *Registry) HandleRegistryAgencyNew(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.renderAgencyForm(w, r, http.StatusOK, workbenchPage(a, "登记执法主体"), "/workbench/registry/agencies", &zhifa.Agency{Kind: zhifa.AgencyAdministrative, Level: "县级", ReviewDays: 5})
}

// HandleRegistryAgencyCreate serves POST /workbench/registry/agencies.
func (s *Registry) HandleRegistryAgencyCreate(w http.ResponseWriter, r *http.Request) {
	a := actorFrom(r.Context())
	ag := agencyFromForm(r)
	if err := s.svc.CreateAgency(r.Context(), a, ag); err != nil {
		if p, ok := failedForm(workbenchPage(a, "登记执法主体"), err); ok {
			s.renderAgencyForm(w, r, http.StatusBadRequest, p, "/workbench/registry/agencies", ag)
			return
		}
		s.pageFail(w, r, err)
		return
	}
	http.Redirect(w, r, "/workbench/registry?saved=agency", http.StatusSeeOther)
}

// HandleRegistryAgencyEdit serves GET /workbench/registry/agencies/{id}/edit.
func (s *Registry) HandleRegistryAgencyEdit(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	id, err := pathIndex(r, "id")
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	ag, err := s.svc.Agency(r.Context(), id)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.renderAgencyForm(w, r, http.StatusOK, workbenchPage(a, "修改执法主体"), "/workbench/registry/agencies/"+strconv.FormatInt(id, 10), ag)
}

// HandleRegistryAgencyUpdate serves POST /workbench/registry/agencies/{id}.
func (s *Registry) HandleRegistryAgencyUpdate(w http.ResponseWriter, r *http.Request) {
	a := actorFrom(r.Context())
	id, err := pathIndex(r, "id")
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	ag := agencyFromForm(r)
	ag.ID = id
	if err := s.svc.UpdateAgency(r.Context(), a, ag); err != nil {
		if p, ok := failedForm(workbenchPage(a, "修改执法主体"), err); ok {
			s.renderAgencyForm(w, r, http.StatusBadRequest, p, "/workbench/registry/agencies/"+strconv.FormatInt(id, 10), ag)
			return
		}
		s.pageFail(w, r, err)
		return
	}
	http.Redirect(w, r, "/workbench/registry?saved=agency", http.StatusSeeOther)
}

// Officers.

func officerFromForm(r *http.Request) (o *zhifa.Officer, from, to string) {
	from, to = strings.TrimSpace(r.PostFormValue("valid_from")), strings.TrimSpace(r.PostFormValue("valid_to"))
	o = &zhifa.Officer{AgencyID: formID(r.PostFormValue("agency_id")), Name: r.PostFormValue("name"), Gender: r.PostFormValue("gender"),
		Post: r.PostFormValue("post"), CertNo: r.PostFormValue("cert_no"), Category: r.PostFormValue("category"),
		Status: r.PostFormValue("status"), LegalQualification: r.PostFormValue("legal_qualification") != ""}
	o.ValidFrom, _ = zhifa.ParseDate(from)
	o.ValidTo, _ = zhifa.ParseDate(to)
	return o, from, to
}

func (s *Registry) renderOfficerForm(w http.ResponseWriter, r *http.Request, status int, p Page, action string, o *zhifa.Officer, from, to string) {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, status, "registry_officer", RegistryOfficerForm{Page: p, Action: action, Officer: o, ValidFrom: from, ValidTo: to, Agencies: ags, Statuses: zhifa.OfficerStatuses})
}

// HandleRegistryOfficerNew serves GET /workbench/registry/officers/new.
func (s *Registry) HandleRegistryOfficerNew(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	o := &zhifa.Officer{AgencyID: formID(r.URL.Query().Get("agency_id")), Gender: zhifa.GenderMale, Status: zhifa.OfficerValid}
	s.renderOfficerForm(w, r, http.StatusOK, workbenchPage(a, "登记执法人员"), "/workbench/registry/officers", o, "", "")
}

// HandleRegistryOfficerCreate serves POST /workbench/registry/officers.
func (s *Registry) HandleRegistryOfficerCreate(w http.ResponseWriter, r *http.Request) {
	a := actorFrom(r.Context())
	o, from, to := officerFromForm(r)
	if err := s.svc.CreateOfficer(r.Context(), a, o); err != nil {
		if p, ok := failedForm(workbenchPage(a, "登记执法人员"), err); ok {
			s.renderOfficerForm(w, r, http.StatusBadRequest, p, "/workbench/registry/officers", o, from, to)
			return
		}
		s.pageFail(w, r, err)
		return
	}
	http.Redirect(w, r, "/workbench/registry?saved=officer", http.StatusSeeOther)
}

// HandleRegistryOfficerEdit serves GET /workbench/registry/officers/{id}/edit.
func (s *Registry) HandleRegistryOfficerEdit(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	id, err := pathIndex(r, "id")
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	o, err := s.svc.Officer(r.Context(), id)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.renderOfficerForm(w, r, http.StatusOK, workbenchPage(a, "修改执法人员"), "/workbench/registry/officers/"+strconv.FormatInt(id, 10), o, zhifa.FormatDate(o.ValidFrom), zhifa.FormatDate(o.ValidTo))
}

// HandleRegistryOfficerUpdate serves POST /workbench/registry/officers/{id}.
func (s *Registry) HandleRegistryOfficerUpdate(w http.ResponseWriter, r *http.Request) {
	a := actorFrom(r.Context())
	id, err := pathIndex(r, "id")
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	o, from, to := officerFromForm(r)
	o.ID = id
	if err := s.svc.UpdateOfficer(r.Context(), a, o); err != nil {
		if p, ok := failedForm(workbenchPage(a, "修改执法人员"), err); ok {
			s.renderOfficerForm(w, r, http.StatusBadRequest, p, "/workbench/registry/officers/"+strconv.FormatInt(id, 10), o, from, to)
			return
		}
		s.pageFail(w, r, err)
		return
	}
	http.Redirect(w, r, "/workbench/registry?saved=officer", http.StatusSeeOther)
}

// Matters.

func matterFromForm(r *http.Request) *zhifa.Matter {
	r.ParseForm()
	return &zhifa.Matter{AgencyID: formID(r.PostFormValue("agency_id")), Code: r.PostFormValue("code"), Name: r.PostFormValue("name"),
		Category: r.PostFormValue("category"), Basis: r.PostFormValue("basis"), PenaltyKinds: r.PostForm["penalty_kinds"],
		Procedure: r.PostFormValue("procedure"), TimeLimit: r.PostFormValue("time_limit"), Unit: r.PostFormValue("unit")}
}

func (s *Registry) renderMatterForm(w http.ResponseWriter, r *http.Request, status int, p Page, action string, m *zhifa.Matter) {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, status, "registry_matter", RegistryMatterForm{Page: p, Action: action, Matter: m, Agencies: ags, Categories: zhifa.MatterCategories, PenaltyKinds: zhifa.PenaltyKinds})
}

// HandleRegistryMatterNew serves GET /workbench/registry/matters/new.
func (s *Registry) HandleRegistryMatterNew(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	m := &zhifa.Matter{AgencyID: formID(r.URL.Query().Get("agency_id")), Category: zhifa.MatterPenalty}
	s.renderMatterForm(w, r, http.StatusOK, workbenchPage(a, "登记执法事项"), "/workbench/registry/matters", m)
}

// HandleRegistryMatterCreate serves POST /workbench/registry/matters.
func (s *Registry) HandleRegistryMatterCreate(w http.ResponseWriter, r *http.Request) {
	a := actorFrom(r.Context())
	m := matterFromForm(r)
	if err := s.svc.CreateMatter(r.Context(), a, m); err != nil {
		if p, ok := failedForm(workbenchPage(a, "登记执法事项"), err); ok {
			s.renderMatterForm(w, r, http.StatusBadRequest, p, "/workbench/registry/matters", m)
			return
		}
		s.pageFail(w, r, err)
		return
	}
	http.Redirect(w, r, "/workbench/registry?saved=matter", http.StatusSeeOther)
}

// HandleRegistryMatterEdit serves GET /workbench/registry/matters/{id}/edit.
func (s *Registry) HandleRegistryMatterEdit(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	id, err := pathIndex(r, "id")
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	m, err := s.svc.Matter(r.Context(), id)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.renderMatterForm(w, r, http.StatusOK, workbenchPage(a, "修改执法事项"), "/workbench/registry/matters/"+strconv.FormatInt(id, 10), m)
}

// HandleRegistryMatterUpdate serves POST /workbench/registry/matters/{id}.
func (s *Registry) HandleRegistryMatterUpdate(w http.ResponseWriter, r *http.Request) {
	a := actorFrom(r.Context())
	id, err := pathIndex(r, "id")
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	m := matterFromForm(r)
	m.ID = id
	if err := s.svc.UpdateMatter(r.Context(), a, m); err != nil {
		if p, ok := failedForm(workbenchPage(a, "修改执法事项"), err); ok {
			s.renderMatterForm(w, r, http.StatusBadRequest, p, "/workbench/registry/matters/"+strconv.FormatInt(id, 10), m)
			return
		}
		s.pageFail(w, r, err)
		return
	}
	http.Redirect(w, r, "/workbench/registry?saved=matter", http.StatusSeeOther)
}

// JSON API. Read-only fields (id, agency_name, state, created, updated) are
// ignored on input; PUT replaces every other field.
