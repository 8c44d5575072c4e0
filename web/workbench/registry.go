package workbench

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// Registry (基础库) pages of the workbench: agencies, officers and matters.
// Handlers decode, call one service method and render; validation is the
// service's. The three kinds of row share one form flow (RegistryForm),
// configured per kind below: what differs is how a row is read from a form
// and which page shows it. The registry's JSON API is web/api's
// registry.go.

// RegistryPage lists the registry.
type RegistryPage struct {
	ui.Page
	Agencies []*registry.Agency
	Officers []*registry.Officer
	Matters  []*registry.Matter
	Today    zhifa.Date
}

// RegistryAgencyForm is the form to create or edit an agency.
type RegistryAgencyForm struct {
	ui.Page
	Action   string
	Agency   *registry.Agency
	Kinds    []string
	Agencies []*registry.Agency // candidates for the parent
}

// RegistryOfficerForm is the form to create or edit an officer. The dates are
// kept as entered, so that a bad date is shown back as typed.
type RegistryOfficerForm struct {
	ui.Page
	Action    string
	Officer   *registry.Officer
	ValidFrom string
	ValidTo   string
	Agencies  []*registry.Agency
	Statuses  []string
}

// RegistryMatterForm is the form to create or edit a matter.
type RegistryMatterForm struct {
	ui.Page
	Action       string
	Matter       *registry.Matter
	Agencies     []*registry.Agency
	Categories   []string
	PenaltyKinds []string
}

// HasKind reports whether the matter has penalty kind k, for the checkboxes.
func (f RegistryMatterForm) HasKind(k string) bool { return slices.Contains(f.Matter.PenaltyKinds, k) }

// registryActor returns the actor if it may manage the registry.
func (s *Registry) registryActor(r *http.Request) (zhifa.Actor, error) {
	a := ui.ActorFrom(r.Context())
	return a, s.svc.Authorize(r.Context(), a, access.RegistryManage, 0, "registry")
}

func workbenchPage(a zhifa.Actor, title string) ui.Page {
	return ui.Page{Title: title, Section: "workbench", Actor: a}
}

// failedForm returns the page with the error's message and problems if err
// is bad input, to re-render the form with status 400.
func failedForm(p ui.Page, err error) (ui.Page, bool) {
	e, ok := err.(*zhifa.Error)
	if !ok || e.Code != zhifa.EINVALID {
		return p, false
	}
	p.Error, p.Problems = e.Message, e.Problems
	return p, true
}

// HandleRegistry serves GET /workbench/registry.
func (s *Registry) HandleRegistry(w http.ResponseWriter, r *http.Request) error {
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

// RegistryForm is the one form flow of the workbench for a kind of
// registry row R: the empty form, the edit form, and the posted form that
// creates or updates the row and, refused for bad input, is shown again
// with the problems. Registry's AgencyForm, OfficerForm and MatterForm
// configure it; web/routes.go routes its handlers.
type RegistryForm[R any] struct {
	s              *Registry
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
	show func(w http.ResponseWriter, r *http.Request, status int, p ui.Page, action string, row R, agencies []*registry.Agency)
}

func (f RegistryForm[R]) render(w http.ResponseWriter, r *http.Request, status int, p ui.Page, action string, row R) error {
	ags, err := f.s.svc.Agencies(r.Context())
	if err != nil {
		return err
	}
	f.show(w, r, status, p, action, row, ags)
	return nil
}

// HandleNew serves GET path/new: the empty form.
func (f RegistryForm[R]) HandleNew(w http.ResponseWriter, r *http.Request) error {
	a, err := f.s.registryActor(r)
	if err != nil {
		return err
	}
	return f.render(w, r, http.StatusOK, workbenchPage(a, f.newTitle), f.path, f.blank(r))
}

// HandleEdit serves GET path/{id}/edit: the form of a stored row.
func (f RegistryForm[R]) HandleEdit(w http.ResponseWriter, r *http.Request) error {
	a, err := f.s.registryActor(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	row, err := f.find(r.Context(), id)
	if err != nil {
		return err
	}
	return f.render(w, r, http.StatusOK, workbenchPage(a, f.editTitle), f.path+"/"+strconv.FormatInt(id, 10), row)
}

// HandleCreate serves POST path: a new row.
func (f RegistryForm[R]) HandleCreate(w http.ResponseWriter, r *http.Request) error {
	return f.save(w, r, 0, f.newTitle, f.path, f.create)
}

// HandleUpdate serves POST path/{id}: a changed row.
func (f RegistryForm[R]) HandleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	return f.save(w, r, id, f.editTitle, f.path+"/"+strconv.FormatInt(id, 10), f.update)
}

// save writes the posted row with write; the service authorizes.
func (f RegistryForm[R]) save(w http.ResponseWriter, r *http.Request, id int64, title, action string, write func(context.Context, zhifa.Actor, R) error) error {
	a := ui.ActorFrom(r.Context())
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

// AgencyForm is the form flow of agencies (/workbench/registry/agencies).
func (s *Registry) AgencyForm() RegistryForm[*registry.Agency] {
	return RegistryForm[*registry.Agency]{s: s, path: "/workbench/registry/agencies", saved: "agency", newTitle: "登记执法主体", editTitle: "修改执法主体",
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
				ParentID: ui.FormID(r.PostFormValue("parent_id")), Basis: strings.TrimSpace(r.PostFormValue("basis")),
				Address: strings.TrimSpace(r.PostFormValue("address")), Phone: strings.TrimSpace(r.PostFormValue("phone")), ReviewDays: days}
		},
		find: s.svc.Agency, create: s.svc.CreateAgency, update: s.svc.UpdateAgency,
		show: func(w http.ResponseWriter, r *http.Request, status int, p ui.Page, action string, ag *registry.Agency, ags []*registry.Agency) {
			s.render(w, r, status, "registry_agency", RegistryAgencyForm{Page: p, Action: action, Agency: ag, Kinds: registry.AgencyKinds, Agencies: ags})
		}}
}

// OfficerForm is the form flow of officers (/workbench/registry/officers).
func (s *Registry) OfficerForm() RegistryForm[*registry.Officer] {
	return RegistryForm[*registry.Officer]{s: s, path: "/workbench/registry/officers", saved: "officer", newTitle: "登记执法人员", editTitle: "修改执法人员",
		blank: func(r *http.Request) *registry.Officer {
			return &registry.Officer{AgencyID: ui.FormID(r.URL.Query().Get("agency_id")), Gender: registry.GenderMale, Status: registry.OfficerValid}
		},
		parse: func(r *http.Request, id int64) *registry.Officer {
			o := &registry.Officer{ID: id, AgencyID: ui.FormID(r.PostFormValue("agency_id")), Name: r.PostFormValue("name"), Gender: r.PostFormValue("gender"),
				Post: r.PostFormValue("post"), CertNo: r.PostFormValue("cert_no"), Category: r.PostFormValue("category"),
				Status: r.PostFormValue("status"), LegalQualification: r.PostFormValue("legal_qualification") != ""}
			o.ValidFrom = ui.FormDate(r.PostFormValue("valid_from"))
			o.ValidTo = ui.FormDate(r.PostFormValue("valid_to"))
			return o
		},
		find: s.svc.Officer, create: s.svc.CreateOfficer, update: s.svc.UpdateOfficer,
		show: func(w http.ResponseWriter, r *http.Request, status int, p ui.Page, action string, o *registry.Officer, ags []*registry.Agency) {
			// A posted form shows its dates as typed; a bad one is the zero
			// date in o.
			from, to := o.ValidFrom.String(), o.ValidTo.String()
			if r.Method == http.MethodPost {
				from, to = strings.TrimSpace(r.PostFormValue("valid_from")), strings.TrimSpace(r.PostFormValue("valid_to"))
			}
			s.render(w, r, status, "registry_officer", RegistryOfficerForm{Page: p, Action: action, Officer: o, ValidFrom: from, ValidTo: to, Agencies: ags, Statuses: registry.OfficerStatuses})
		}}
}

// MatterForm is the form flow of matters (/workbench/registry/matters).
func (s *Registry) MatterForm() RegistryForm[*registry.Matter] {
	return RegistryForm[*registry.Matter]{s: s, path: "/workbench/registry/matters", saved: "matter", newTitle: "登记执法事项", editTitle: "修改执法事项",
		blank: func(r *http.Request) *registry.Matter {
			return &registry.Matter{AgencyID: ui.FormID(r.URL.Query().Get("agency_id")), Category: registry.MatterPenalty}
		},
		parse: func(r *http.Request, id int64) *registry.Matter {
			r.ParseForm()
			return &registry.Matter{ID: id, AgencyID: ui.FormID(r.PostFormValue("agency_id")), Code: r.PostFormValue("code"), Name: r.PostFormValue("name"),
				Category: r.PostFormValue("category"), Basis: r.PostFormValue("basis"), PenaltyKinds: r.PostForm["penalty_kinds"],
				Procedure: r.PostFormValue("procedure"), TimeLimit: r.PostFormValue("time_limit"), Unit: r.PostFormValue("unit")}
		},
		find: s.svc.Matter, create: s.svc.CreateMatter, update: s.svc.UpdateMatter,
		show: func(w http.ResponseWriter, r *http.Request, status int, p ui.Page, action string, m *registry.Matter, ags []*registry.Agency) {
			s.render(w, r, status, "registry_matter", RegistryMatterForm{Page: p, Action: action, Matter: m, Agencies: ags, Categories: registry.MatterCategories, PenaltyKinds: registry.PenaltyKinds})
		}}
}
