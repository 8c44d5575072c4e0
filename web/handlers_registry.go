package web

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
func (s *Server) registryActor(r *http.Request) (zhifa.Actor, error) {
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

// formID parses an optional numeric form field; a bad number gives -1 so the
// service reports the field.
func formID(s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

func (s *Server) handleRegistry(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) renderAgencyForm(w http.ResponseWriter, r *http.Request, status int, p Page, action string, ag *zhifa.Agency) {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, status, "registry_agency", RegistryAgencyForm{Page: p, Action: action, Agency: ag, Kinds: zhifa.AgencyKinds, Agencies: ags})
}

func (s *Server) handleRegistryAgencyNew(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.renderAgencyForm(w, r, http.StatusOK, workbenchPage(a, "登记执法主体"), "/workbench/registry/agencies", &zhifa.Agency{Kind: zhifa.AgencyAdministrative, Level: "县级", ReviewDays: 5})
}

func (s *Server) handleRegistryAgencyCreate(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) handleRegistryAgencyEdit(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) handleRegistryAgencyUpdate(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) renderOfficerForm(w http.ResponseWriter, r *http.Request, status int, p Page, action string, o *zhifa.Officer, from, to string) {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, status, "registry_officer", RegistryOfficerForm{Page: p, Action: action, Officer: o, ValidFrom: from, ValidTo: to, Agencies: ags, Statuses: zhifa.OfficerStatuses})
}

func (s *Server) handleRegistryOfficerNew(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	o := &zhifa.Officer{AgencyID: formID(r.URL.Query().Get("agency_id")), Gender: zhifa.GenderMale, Status: zhifa.OfficerValid}
	s.renderOfficerForm(w, r, http.StatusOK, workbenchPage(a, "登记执法人员"), "/workbench/registry/officers", o, "", "")
}

func (s *Server) handleRegistryOfficerCreate(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) handleRegistryOfficerEdit(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) handleRegistryOfficerUpdate(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) renderMatterForm(w http.ResponseWriter, r *http.Request, status int, p Page, action string, m *zhifa.Matter) {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, status, "registry_matter", RegistryMatterForm{Page: p, Action: action, Matter: m, Agencies: ags, Categories: zhifa.MatterCategories, PenaltyKinds: zhifa.PenaltyKinds})
}

func (s *Server) handleRegistryMatterNew(w http.ResponseWriter, r *http.Request) {
	a, err := s.registryActor(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	m := &zhifa.Matter{AgencyID: formID(r.URL.Query().Get("agency_id")), Category: zhifa.MatterPenalty}
	s.renderMatterForm(w, r, http.StatusOK, workbenchPage(a, "登记执法事项"), "/workbench/registry/matters", m)
}

func (s *Server) handleRegistryMatterCreate(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) handleRegistryMatterEdit(w http.ResponseWriter, r *http.Request) {
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

func (s *Server) handleRegistryMatterUpdate(w http.ResponseWriter, r *http.Request) {
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

type apiAgency struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	ShortName  string    `json:"short_name"`
	Kind       string    `json:"kind"`
	CreditCode string    `json:"credit_code"`
	Region     string    `json:"region"`
	Level      string    `json:"level"`
	ParentID   int64     `json:"parent_id,omitempty"`
	Basis      string    `json:"basis"`
	Supervisor bool      `json:"supervisor"`
	Address    string    `json:"address"`
	Phone      string    `json:"phone"`
	ReviewDays int       `json:"review_days"`
	Created    time.Time `json:"created,omitzero"`
	Updated    time.Time `json:"updated,omitzero"`
}

func toAPIAgency(a *zhifa.Agency) apiAgency {
	return apiAgency{ID: a.ID, Name: a.Name, ShortName: a.ShortName, Kind: a.Kind, CreditCode: a.CreditCode, Region: a.Region, Level: a.Level,
		ParentID: a.ParentID, Basis: a.Basis, Supervisor: a.Supervisor, Address: a.Address, Phone: a.Phone, ReviewDays: a.ReviewDays, Created: a.Created, Updated: a.Updated}
}

func (in apiAgency) agency() *zhifa.Agency {
	return &zhifa.Agency{Name: in.Name, ShortName: in.ShortName, Kind: in.Kind, CreditCode: in.CreditCode, Region: in.Region, Level: in.Level,
		ParentID: in.ParentID, Basis: in.Basis, Supervisor: in.Supervisor, Address: in.Address, Phone: in.Phone, ReviewDays: in.ReviewDays}
}

type apiOfficer struct {
	ID                 int64     `json:"id"`
	AgencyID           int64     `json:"agency_id"`
	AgencyName         string    `json:"agency_name,omitempty"`
	Name               string    `json:"name"`
	Gender             string    `json:"gender"`
	Post               string    `json:"post"`
	CertNo             string    `json:"cert_no"`
	Category           string    `json:"category"`
	ValidFrom          string    `json:"valid_from"`
	ValidTo            string    `json:"valid_to"`
	Status             string    `json:"status"`
	State              string    `json:"state,omitempty"`
	LegalQualification bool      `json:"legal_qualification"`
	Created            time.Time `json:"created,omitzero"`
	Updated            time.Time `json:"updated,omitzero"`
}

func toAPIOfficer(o *zhifa.Officer, today time.Time) apiOfficer {
	return apiOfficer{ID: o.ID, AgencyID: o.AgencyID, AgencyName: o.AgencyName, Name: o.Name, Gender: o.Gender, Post: o.Post, CertNo: o.CertNo,
		Category: o.Category, ValidFrom: zhifa.FormatDate(o.ValidFrom), ValidTo: zhifa.FormatDate(o.ValidTo), Status: o.Status,
		State: o.CertState(today), LegalQualification: o.LegalQualification, Created: o.Created, Updated: o.Updated}
}

// officer converts the input; a malformed date becomes the zero date, which
// the service reports with the expected format.
func (in apiOfficer) officer() *zhifa.Officer {
	o := &zhifa.Officer{AgencyID: in.AgencyID, Name: in.Name, Gender: in.Gender, Post: in.Post, CertNo: in.CertNo, Category: in.Category,
		Status: in.Status, LegalQualification: in.LegalQualification}
	o.ValidFrom, _ = zhifa.ParseDate(in.ValidFrom)
	o.ValidTo, _ = zhifa.ParseDate(in.ValidTo)
	return o
}

type apiMatter struct {
	ID           int64     `json:"id"`
	AgencyID     int64     `json:"agency_id"`
	AgencyName   string    `json:"agency_name,omitempty"`
	Code         string    `json:"code"`
	Name         string    `json:"name"`
	Category     string    `json:"category"`
	Basis        string    `json:"basis"`
	PenaltyKinds []string  `json:"penalty_kinds"`
	Procedure    string    `json:"procedure"`
	TimeLimit    string    `json:"time_limit"`
	Unit         string    `json:"unit"`
	Created      time.Time `json:"created,omitzero"`
	Updated      time.Time `json:"updated,omitzero"`
}

func toAPIMatter(m *zhifa.Matter) apiMatter {
	kinds := m.PenaltyKinds
	if kinds == nil {
		kinds = []string{}
	}
	return apiMatter{ID: m.ID, AgencyID: m.AgencyID, AgencyName: m.AgencyName, Code: m.Code, Name: m.Name, Category: m.Category, Basis: m.Basis,
		PenaltyKinds: kinds, Procedure: m.Procedure, TimeLimit: m.TimeLimit, Unit: m.Unit, Created: m.Created, Updated: m.Updated}
}

func (in apiMatter) matter() *zhifa.Matter {
	return &zhifa.Matter{AgencyID: in.AgencyID, Code: in.Code, Name: in.Name, Category: in.Category, Basis: in.Basis, PenaltyKinds: in.PenaltyKinds,
		Procedure: in.Procedure, TimeLimit: in.TimeLimit, Unit: in.Unit}
}

// apiList is the JSON body of a list.
type apiList[T any] struct {
	Items []T `json:"items"`
}

func queryString(r *http.Request, name string) *string {
	if v := strings.TrimSpace(r.URL.Query().Get(name)); v != "" {
		return &v
	}
	return nil
}

func (s *Server) handleAPIAgencies(w http.ResponseWriter, r *http.Request) {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiList[apiAgency]{Items: []apiAgency{}}
	for _, a := range ags {
		out.Items = append(out.Items, toAPIAgency(a))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAPIAgencyCreate(w http.ResponseWriter, r *http.Request) {
	var in apiAgency
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	ag := in.agency()
	if err := s.svc.CreateAgency(r.Context(), actorFrom(r.Context()), ag); err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toAPIAgency(ag))
}

func (s *Server) handleAPIAgencyGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	ag, err := s.svc.Agency(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIAgency(ag))
}

func (s *Server) handleAPIAgencyUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiAgency
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	ag := in.agency()
	ag.ID = id
	if err := s.svc.UpdateAgency(r.Context(), actorFrom(r.Context()), ag); err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIAgency(ag))
}

func (s *Server) handleAPIOfficers(w http.ResponseWriter, r *http.Request) {
	agencyID, err := queryID(r, "agency_id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	f := service.OfficerFilter{AgencyID: agencyID, Category: queryString(r, "category"), CertNo: queryString(r, "cert_no"), Status: queryString(r, "status")}
	ofs, err := s.svc.Officers(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	today := s.svc.Today()
	out := apiList[apiOfficer]{Items: []apiOfficer{}}
	for _, o := range ofs {
		out.Items = append(out.Items, toAPIOfficer(o, today))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAPIOfficerCreate(w http.ResponseWriter, r *http.Request) {
	var in apiOfficer
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	o := in.officer()
	if err := s.svc.CreateOfficer(r.Context(), actorFrom(r.Context()), o); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIOfficer(w, r, http.StatusCreated, o.ID)
}

// writeAPIOfficer writes the officer as stored (with its agency's name).
func (s *Server) writeAPIOfficer(w http.ResponseWriter, r *http.Request, status int, id int64) {
	o, err := s.svc.Officer(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, status, toAPIOfficer(o, s.svc.Today()))
}

func (s *Server) handleAPIOfficerGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIOfficer(w, r, http.StatusOK, id)
}

func (s *Server) handleAPIOfficerUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiOfficer
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	o := in.officer()
	o.ID = id
	if err := s.svc.UpdateOfficer(r.Context(), actorFrom(r.Context()), o); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIOfficer(w, r, http.StatusOK, id)
}

func (s *Server) handleAPIMatters(w http.ResponseWriter, r *http.Request) {
	agencyID, err := queryID(r, "agency_id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	ms, err := s.svc.Matters(r.Context(), service.MatterFilter{AgencyID: agencyID, Category: queryString(r, "category")})
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiList[apiMatter]{Items: []apiMatter{}}
	for _, m := range ms {
		out.Items = append(out.Items, toAPIMatter(m))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAPIMatterCreate(w http.ResponseWriter, r *http.Request) {
	var in apiMatter
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	m := in.matter()
	if err := s.svc.CreateMatter(r.Context(), actorFrom(r.Context()), m); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIMatter(w, r, http.StatusCreated, m.ID)
}

// writeAPIMatter writes the matter as stored (with its agency's name).
func (s *Server) writeAPIMatter(w http.ResponseWriter, r *http.Request, status int, id int64) {
	m, err := s.svc.Matter(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, status, toAPIMatter(m))
}

func (s *Server) handleAPIMatterGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIMatter(w, r, http.StatusOK, id)
}

func (s *Server) handleAPIMatterUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiMatter
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	m := in.matter()
	m.ID = id
	if err := s.svc.UpdateMatter(r.Context(), actorFrom(r.Context()), m); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIMatter(w, r, http.StatusOK, id)
}
