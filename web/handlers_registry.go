package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/registry"
)

// Registry (基础库) pages of the workbench and the registry's JSON API:
// agencies, officers and matters. Handlers decode, call one service method
// and render; validation is the service's. The three kinds of row share one
// form flow (registryForm) and one API flow (registryAPI), each configured
// per kind below: what differs is how a row is read from a form or JSON and
// which page or answer shows it.

// RegistryPage lists the registry.
type RegistryPage struct {
	Page
	Agencies []*registry.Agency
	Officers []*registry.Officer
	Matters  []*registry.Matter
	Today    zhifa.Date
}

// RegistryAgencyForm is the form to create or edit an agency.
type RegistryAgencyForm struct {
	Page
	Action   string
	Agency   *registry.Agency
	Kinds    []string
	Agencies []*registry.Agency // candidates for the parent
}

// RegistryOfficerForm is the form to create or edit an officer. The dates are
// kept as entered, so that a bad date is shown back as typed.
type RegistryOfficerForm struct {
	Page
	Action    string
	Officer   *registry.Officer
	ValidFrom string
	ValidTo   string
	Agencies  []*registry.Agency
	Statuses  []string
}

// RegistryMatterForm is the form to create or edit a matter.
type RegistryMatterForm struct {
	Page
	Action       string
	Matter       *registry.Matter
	Agencies     []*registry.Agency
	Categories   []string
	PenaltyKinds []string
}

// HasKind reports whether the matter has penalty kind k, for the checkboxes.
func (f RegistryMatterForm) HasKind(k string) bool { return slices.Contains(f.Matter.PenaltyKinds, k) }

// certClass is the style of a certificate state: valid, not yet valid, or
// barring enforcement.
func certClass(st registry.CertState) string {
	switch st {
	case registry.CertValid:
		return "status-ok"
	case registry.CertNotYetValid:
		return "status-warn"
	}
	return "status-bad"
}

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

func (s *Server) handleRegistry(w http.ResponseWriter, r *http.Request) error {
	a, err := s.registryActor(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	ags, err := s.svc.Agencies(ctx)
	if err != nil {
		return err
	}
	ofs, err := s.svc.Officers(ctx, registry.OfficerFilter{})
	if err != nil {
		return err
	}
	ms, err := s.svc.Matters(ctx, registry.MatterFilter{})
	if err != nil {
		return err
	}
	p := workbenchPage(a, "基础库管理")
	if r.URL.Query().Get("saved") != "" {
		p.Flash = "已保存,并记入执法台账。"
	}
	s.render(w, r, http.StatusOK, "registry_index", RegistryPage{Page: p, Agencies: ags, Officers: ofs, Matters: ms, Today: s.svc.Today()})
	return nil
}

// registryForm is the one form flow of the workbench for a kind of registry
// row R: the empty form, the edit form, and the posted form that creates or
// updates the row and, refused for bad input, is shown again with the
// problems.
type registryForm[R any] struct {
	s              *Server
	path           string // the list of rows, where a new row is posted; path/{id} updates
	saved          string // the kind, as in /workbench/registry?saved=
	newTitle       string
	editTitle      string
	blank          func(r *http.Request) R                        // the row of an empty form
	parse          func(r *http.Request, id int64) R              // the posted row (id 0 for a new one)
	find           func(ctx context.Context, id int64) (R, error) // the stored row to edit
	create, update func(ctx context.Context, a zhifa.Actor, row R) error
	// show renders the form: p (title, problems), action (where it posts),
	// row, and the agencies every form offers.
	show func(w http.ResponseWriter, r *http.Request, status int, p Page, action string, row R, agencies []*registry.Agency)
}

func (f registryForm[R]) render(w http.ResponseWriter, r *http.Request, status int, p Page, action string, row R) error {
	ags, err := f.s.svc.Agencies(r.Context())
	if err != nil {
		return err
	}
	f.show(w, r, status, p, action, row, ags)
	return nil
}

func (f registryForm[R]) handleNew(w http.ResponseWriter, r *http.Request) error {
	a, err := f.s.registryActor(r)
	if err != nil {
		return err
	}
	return f.render(w, r, http.StatusOK, workbenchPage(a, f.newTitle), f.path, f.blank(r))
}

func (f registryForm[R]) handleEdit(w http.ResponseWriter, r *http.Request) error {
	a, err := f.s.registryActor(r)
	if err != nil {
		return err
	}
	id, err := pathIndex(r, "id")
	if err != nil {
		return err
	}
	row, err := f.find(r.Context(), id)
	if err != nil {
		return err
	}
	return f.render(w, r, http.StatusOK, workbenchPage(a, f.editTitle), f.path+"/"+strconv.FormatInt(id, 10), row)
}

func (f registryForm[R]) handleCreate(w http.ResponseWriter, r *http.Request) error {
	return f.save(w, r, 0, f.newTitle, f.path, f.create)
}

func (f registryForm[R]) handleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathIndex(r, "id")
	if err != nil {
		return err
	}
	return f.save(w, r, id, f.editTitle, f.path+"/"+strconv.FormatInt(id, 10), f.update)
}

// save writes the posted row with write; the service authorizes.
func (f registryForm[R]) save(w http.ResponseWriter, r *http.Request, id int64, title, action string, write func(context.Context, zhifa.Actor, R) error) error {
	a := actorFrom(r.Context())
	row := f.parse(r, id)
	if err := write(r.Context(), a, row); err != nil {
		if p, ok := failedForm(workbenchPage(a, title), err); ok {
			return f.render(w, r, http.StatusBadRequest, p, action, row)
		}
		return err
	}
	http.Redirect(w, r, "/workbench/registry?saved="+f.saved, http.StatusSeeOther)
	return nil
}

func (s *Server) agencyForm() registryForm[*registry.Agency] {
	return registryForm[*registry.Agency]{s: s, path: "/workbench/registry/agencies", saved: "agency", newTitle: "登记执法主体", editTitle: "修改执法主体",
		blank: func(*http.Request) *registry.Agency {
			return &registry.Agency{Kind: registry.AgencyAdministrative, Level: "县级", ReviewDays: 5}
		},
		parse: func(r *http.Request, id int64) *registry.Agency {
			rd := strings.TrimSpace(r.PostFormValue("review_days"))
			days, err := strconv.Atoi(rd)
			if rd != "" && err != nil {
				days = -1
			}
			return &registry.Agency{ID: id, Name: r.PostFormValue("name"), ShortName: r.PostFormValue("short_name"), Kind: r.PostFormValue("kind"),
				CreditCode: r.PostFormValue("credit_code"), Region: r.PostFormValue("region"), Level: strings.TrimSpace(r.PostFormValue("level")),
				ParentID: formID(r.PostFormValue("parent_id")), Basis: strings.TrimSpace(r.PostFormValue("basis")),
				Address: strings.TrimSpace(r.PostFormValue("address")), Phone: strings.TrimSpace(r.PostFormValue("phone")), ReviewDays: days}
		},
		find: s.svc.Agency, create: s.svc.CreateAgency, update: s.svc.UpdateAgency,
		show: func(w http.ResponseWriter, r *http.Request, status int, p Page, action string, ag *registry.Agency, ags []*registry.Agency) {
			s.render(w, r, status, "registry_agency", RegistryAgencyForm{Page: p, Action: action, Agency: ag, Kinds: registry.AgencyKinds, Agencies: ags})
		}}
}

func (s *Server) officerForm() registryForm[*registry.Officer] {
	return registryForm[*registry.Officer]{s: s, path: "/workbench/registry/officers", saved: "officer", newTitle: "登记执法人员", editTitle: "修改执法人员",
		blank: func(r *http.Request) *registry.Officer {
			return &registry.Officer{AgencyID: formID(r.URL.Query().Get("agency_id")), Gender: registry.GenderMale, Status: registry.OfficerValid}
		},
		parse: func(r *http.Request, id int64) *registry.Officer {
			o := &registry.Officer{ID: id, AgencyID: formID(r.PostFormValue("agency_id")), Name: r.PostFormValue("name"), Gender: r.PostFormValue("gender"),
				Post: r.PostFormValue("post"), CertNo: r.PostFormValue("cert_no"), Category: r.PostFormValue("category"),
				Status: r.PostFormValue("status"), LegalQualification: r.PostFormValue("legal_qualification") != ""}
			o.ValidFrom, _ = zhifa.ParseCivilDate(r.PostFormValue("valid_from"))
			o.ValidTo, _ = zhifa.ParseCivilDate(r.PostFormValue("valid_to"))
			return o
		},
		find: s.svc.Officer, create: s.svc.CreateOfficer, update: s.svc.UpdateOfficer,
		show: func(w http.ResponseWriter, r *http.Request, status int, p Page, action string, o *registry.Officer, ags []*registry.Agency) {
			// A posted form shows its dates as typed; a bad one is the zero
			// date in o.
			from, to := o.ValidFrom.String(), o.ValidTo.String()
			if r.Method == http.MethodPost {
				from, to = strings.TrimSpace(r.PostFormValue("valid_from")), strings.TrimSpace(r.PostFormValue("valid_to"))
			}
			s.render(w, r, status, "registry_officer", RegistryOfficerForm{Page: p, Action: action, Officer: o, ValidFrom: from, ValidTo: to, Agencies: ags, Statuses: registry.OfficerStatuses})
		}}
}

func (s *Server) matterForm() registryForm[*registry.Matter] {
	return registryForm[*registry.Matter]{s: s, path: "/workbench/registry/matters", saved: "matter", newTitle: "登记执法事项", editTitle: "修改执法事项",
		blank: func(r *http.Request) *registry.Matter {
			return &registry.Matter{AgencyID: formID(r.URL.Query().Get("agency_id")), Category: registry.MatterPenalty}
		},
		parse: func(r *http.Request, id int64) *registry.Matter {
			r.ParseForm()
			return &registry.Matter{ID: id, AgencyID: formID(r.PostFormValue("agency_id")), Code: r.PostFormValue("code"), Name: r.PostFormValue("name"),
				Category: r.PostFormValue("category"), Basis: r.PostFormValue("basis"), PenaltyKinds: r.PostForm["penalty_kinds"],
				Procedure: r.PostFormValue("procedure"), TimeLimit: r.PostFormValue("time_limit"), Unit: r.PostFormValue("unit")}
		},
		find: s.svc.Matter, create: s.svc.CreateMatter, update: s.svc.UpdateMatter,
		show: func(w http.ResponseWriter, r *http.Request, status int, p Page, action string, m *registry.Matter, ags []*registry.Agency) {
			s.render(w, r, status, "registry_matter", RegistryMatterForm{Page: p, Action: action, Matter: m, Agencies: ags, Categories: registry.MatterCategories, PenaltyKinds: registry.PenaltyKinds})
		}}
}

// JSON API. Read-only fields (id, agency_name, state, created, updated) are
// ignored on input; PUT replaces every other field.

// registryAPI is the one JSON flow for a kind of registry row R, exchanged
// as J: list, create, get and update.
type registryAPI[R, J any] struct {
	list           func(r *http.Request) ([]R, error) // the rows the query selects
	find           func(ctx context.Context, id int64) (R, error)
	create, update func(ctx context.Context, a zhifa.Actor, row R) error
	row            func(in J, id int64) R // the row of the input (id 0 for a new one)
	// answer returns the JSON of a row just written (the stored row, for
	// kinds whose answer shows what the store adds) and of a row read.
	answer func(ctx context.Context, row R) (J, error)
	json   func(row R) J
}

func (api registryAPI[R, J]) handleList(w http.ResponseWriter, r *http.Request) error {
	rows, err := api.list(r)
	if err != nil {
		return err
	}
	out := apiList[J]{Items: []J{}}
	for _, row := range rows {
		out.Items = append(out.Items, api.json(row))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (api registryAPI[R, J]) handleGet(w http.ResponseWriter, r *http.Request) error {
	id, err := pathIndex(r, "id")
	if err != nil {
		return err
	}
	row, err := api.find(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.json(row))
	return nil
}

func (api registryAPI[R, J]) handleCreate(w http.ResponseWriter, r *http.Request) error {
	return api.save(w, r, 0, http.StatusCreated, api.create)
}

func (api registryAPI[R, J]) handleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathIndex(r, "id")
	if err != nil {
		return err
	}
	return api.save(w, r, id, http.StatusOK, api.update)
}

func (api registryAPI[R, J]) save(w http.ResponseWriter, r *http.Request, id int64, status int, write func(context.Context, zhifa.Actor, R) error) error {
	var in J
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	row := api.row(in, id)
	if err := write(r.Context(), actorFrom(r.Context()), row); err != nil {
		return err
	}
	out, err := api.answer(r.Context(), row)
	if err != nil {
		return err
	}
	writeJSON(w, status, out)
	return nil
}

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

func toAPIAgency(a *registry.Agency) apiAgency {
	return apiAgency{ID: a.ID, Name: a.Name, ShortName: a.ShortName, Kind: a.Kind, CreditCode: a.CreditCode, Region: a.Region, Level: a.Level,
		ParentID: a.ParentID, Basis: a.Basis, Supervisor: a.Supervisor, Address: a.Address, Phone: a.Phone, ReviewDays: a.ReviewDays, Created: a.Created, Updated: a.Updated}
}

// agencyAPI answers a write with the agency as written.
func (s *Server) agencyAPI() registryAPI[*registry.Agency, apiAgency] {
	return registryAPI[*registry.Agency, apiAgency]{
		list: func(r *http.Request) ([]*registry.Agency, error) { return s.svc.Agencies(r.Context()) },
		find: s.svc.Agency, create: s.svc.CreateAgency, update: s.svc.UpdateAgency,
		row: func(in apiAgency, id int64) *registry.Agency {
			return &registry.Agency{ID: id, Name: in.Name, ShortName: in.ShortName, Kind: in.Kind, CreditCode: in.CreditCode, Region: in.Region, Level: in.Level,
				ParentID: in.ParentID, Basis: in.Basis, Supervisor: in.Supervisor, Address: in.Address, Phone: in.Phone, ReviewDays: in.ReviewDays}
		},
		answer: func(_ context.Context, ag *registry.Agency) (apiAgency, error) { return toAPIAgency(ag), nil },
		json:   toAPIAgency,
	}
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

func toAPIOfficer(o *registry.Officer, today zhifa.Date) apiOfficer {
	return apiOfficer{ID: o.ID, AgencyID: o.AgencyID, AgencyName: o.AgencyName, Name: o.Name, Gender: o.Gender, Post: o.Post, CertNo: o.CertNo,
		Category: o.Category, ValidFrom: o.ValidFrom.String(), ValidTo: o.ValidTo.String(), Status: o.Status,
		State: string(o.Certificate().State(today)), LegalQualification: o.LegalQualification, Created: o.Created, Updated: o.Updated}
}

// officerAPI answers a write with the officer as stored (with its agency's
// name). A malformed date in the input becomes the zero date, which the
// service reports with the expected format.
func (s *Server) officerAPI() registryAPI[*registry.Officer, apiOfficer] {
	json := func(o *registry.Officer) apiOfficer { return toAPIOfficer(o, s.svc.Today()) }
	return registryAPI[*registry.Officer, apiOfficer]{
		list: func(r *http.Request) ([]*registry.Officer, error) {
			agencyID, err := queryID(r, "agency_id")
			if err != nil {
				return nil, err
			}
			return s.svc.Officers(r.Context(), registry.OfficerFilter{AgencyID: agencyID, Category: queryString(r, "category"), CertNo: queryString(r, "cert_no"), Status: queryString(r, "status")})
		},
		find: s.svc.Officer, create: s.svc.CreateOfficer, update: s.svc.UpdateOfficer,
		row: func(in apiOfficer, id int64) *registry.Officer {
			o := &registry.Officer{ID: id, AgencyID: in.AgencyID, Name: in.Name, Gender: in.Gender, Post: in.Post, CertNo: in.CertNo, Category: in.Category,
				Status: in.Status, LegalQualification: in.LegalQualification}
			o.ValidFrom, _ = zhifa.ParseCivilDate(in.ValidFrom)
			o.ValidTo, _ = zhifa.ParseCivilDate(in.ValidTo)
			return o
		},
		answer: func(ctx context.Context, o *registry.Officer) (apiOfficer, error) {
			return stored(ctx, s.svc.Officer, o.ID, json)
		},
		json: json,
	}
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

func toAPIMatter(m *registry.Matter) apiMatter {
	kinds := m.PenaltyKinds
	if kinds == nil {
		kinds = []string{}
	}
	return apiMatter{ID: m.ID, AgencyID: m.AgencyID, AgencyName: m.AgencyName, Code: m.Code, Name: m.Name, Category: m.Category, Basis: m.Basis,
		PenaltyKinds: kinds, Procedure: m.Procedure, TimeLimit: m.TimeLimit, Unit: m.Unit, Created: m.Created, Updated: m.Updated}
}

// matterAPI answers a write with the matter as stored (with its agency's
// name).
func (s *Server) matterAPI() registryAPI[*registry.Matter, apiMatter] {
	return registryAPI[*registry.Matter, apiMatter]{
		list: func(r *http.Request) ([]*registry.Matter, error) {
			agencyID, err := queryID(r, "agency_id")
			if err != nil {
				return nil, err
			}
			return s.svc.Matters(r.Context(), registry.MatterFilter{AgencyID: agencyID, Category: queryString(r, "category")})
		},
		find: s.svc.Matter, create: s.svc.CreateMatter, update: s.svc.UpdateMatter,
		row: func(in apiMatter, id int64) *registry.Matter {
			return &registry.Matter{ID: id, AgencyID: in.AgencyID, Code: in.Code, Name: in.Name, Category: in.Category, Basis: in.Basis, PenaltyKinds: in.PenaltyKinds,
				Procedure: in.Procedure, TimeLimit: in.TimeLimit, Unit: in.Unit}
		},
		answer: func(ctx context.Context, m *registry.Matter) (apiMatter, error) {
			return stored(ctx, s.svc.Matter, m.ID, toAPIMatter)
		},
		json: toAPIMatter,
	}
}

// stored returns the JSON of row id as the store holds it.
func stored[R, J any](ctx context.Context, find func(context.Context, int64) (R, error), id int64, json func(R) J) (J, error) {
	row, err := find(ctx, id)
	if err != nil {
		var zero J
		return zero, err
	}
	return json(row), nil
}

// apiList is the JSON body of a list.
type apiList[T any] struct {
	Items []T `json:"items"`
}

// queryID parses an optional numeric query parameter.
func queryID(r *http.Request, name string) (*int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return nil, zhifa.Invalid(map[string]string{name: "“" + v + "”不是有效的编号"})
	}
	return &n, nil
}

func queryString(r *http.Request, name string) *string {
	if v := strings.TrimSpace(r.URL.Query().Get(name)); v != "" {
		return &v
	}
	return nil
}
