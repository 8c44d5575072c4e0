package workbench

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// The 法制审核目录清单 page of the workbench (issue 11): an agency's legal
// reviewer (or the administrator) sees the agency's catalog in force, the
// floors of its superiors it must include and its history, and publishes a
// new version; with floor=1, the floor the agency sets for its
// subordinates. The rules and the floor check are package review's; the
// public page is web/portal's catalogs.go.

// CatalogService publishes and reads catalogs (*review.Service) and lists
// the agencies (*registry.Service).
type CatalogService interface {
	Catalogs(ctx context.Context, agencyID int64) ([]registry.ReviewCatalog, error)
	Floors(ctx context.Context, agencyID int64, day zhifa.Date) ([]registry.ReviewCatalog, error)
	PublishCatalog(ctx context.Context, a zhifa.Actor, c *registry.ReviewCatalog) error
}

// CatalogAgencies lists the agencies and tells the day (*registry.Service).
type CatalogAgencies interface {
	Agencies(ctx context.Context) ([]*registry.Agency, error)
	Today() zhifa.Date
}

// Catalog serves the catalog page (catalog.go).
type Catalog struct {
	base
	flash
	svc      CatalogService
	agencies CatalogAgencies
	// Authorize asks whether the actor may publish the agency's catalog.
	authorize func(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error
}

// NewCatalog returns the catalog page.
func NewCatalog(svc CatalogService, agencies CatalogAgencies,
	authorize func(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error, u *ui.Responder, secure bool) *Catalog {
	return &Catalog{base: base{u}, flash: flash{secure}, svc: svc, agencies: agencies, authorize: authorize}
}

// blankRules is how many empty rule rows the form offers below the rules.
const blankRules = 3

// CatalogPage is the catalog page: the form of the next version and what
// it must include.
type CatalogPage struct {
	ui.Page
	Agency       *registry.Agency
	Agencies     []*registry.Agency // for the administrator's choice
	Floor        bool
	Form         registry.ReviewCatalog
	EffectiveOn  string // as typed
	Floors       []registry.ReviewCatalog
	History      []registry.ReviewCatalog // newest first
	Categories   []string
	PenaltyKinds []string
	Triggers     []struct{ Code, Name string }
}

// Has reports whether list holds v, for the form's checkboxes and options.
func (CatalogPage) Has(list []string, v string) bool { return slices.Contains(list, v) }

// Index is i+1, for numbering rule rows.
func (CatalogPage) Index(i int) int { return i + 1 }

// Problem returns the problem of rule row i (from 0) and field.
func (p CatalogPage) Problem(i int, field string) string {
	return p.Problems[fmt.Sprintf("rules.%d.%s", i+1, field)]
}

func (s *Catalog) agencyOf(r *http.Request, a zhifa.Actor) (int64, error) {
	id := a.AgencyID
	if v := ui.FormID(r.FormValue("agency_id")); v > 0 {
		id = v
	}
	if id == 0 {
		return 0, nil
	}
	return id, s.authorize(r.Context(), a, access.CatalogManage, id, "catalog/"+strconv.FormatInt(id, 10))
}

// HandleCatalog serves GET /workbench/catalog[?agency_id=&floor=1].
func (s *Catalog) HandleCatalog(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	id, err := s.agencyOf(r, a)
	if err != nil {
		return err
	}
	p := CatalogPage{Page: workbenchPage(a, "法制审核目录清单"), Floor: r.FormValue("floor") == "1"}
	p.Flash = s.takeFlash(w, r, "/workbench/catalog")
	if err := s.fill(r, &p, id); err != nil {
		return err
	}
	if id != 0 {
		p.Form = registry.ReviewCatalog{AgencyID: id, Floor: p.Floor}
		for _, c := range p.History {
			if c.Floor == p.Floor {
				p.Form.Rules, p.Form.AllDecisions, p.Form.Note = slices.Clone(c.Rules), c.AllDecisions, c.Note
				break
			}
		}
		p.EffectiveOn = s.agencies.Today().String()
	}
	s.show(w, r, http.StatusOK, p)
	return nil
}

// fill reads the agency, the floors it must include and its history.
func (s *Catalog) fill(r *http.Request, p *CatalogPage, id int64) error {
	ctx := r.Context()
	ags, err := s.agencies.Agencies(ctx)
	if err != nil {
		return err
	}
	p.Agencies = ags
	p.Categories, p.PenaltyKinds = registry.MatterCategories, registry.PenaltyKinds
	for _, t := range registry.CatalogTriggers {
		p.Triggers = append(p.Triggers, struct{ Code, Name string }{t.Code, t.Name})
	}
	if id == 0 {
		return nil
	}
	for _, ag := range ags {
		if ag.ID == id {
			p.Agency = ag
		}
	}
	if p.Agency == nil {
		return zhifa.Errorf(zhifa.ENOTFOUND, "执法主体不存在")
	}
	if p.Floors, err = s.svc.Floors(ctx, id, s.agencies.Today()); err != nil {
		return err
	}
	hist, err := s.svc.Catalogs(ctx, id)
	if err != nil {
		return err
	}
	slices.Reverse(hist)
	p.History = hist
	return nil
}

func (s *Catalog) show(w http.ResponseWriter, r *http.Request, status int, p CatalogPage) {
	for range blankRules {
		p.Form.Rules = append(p.Form.Rules, registry.CatalogRule{})
	}
	s.render(w, r, status, "catalog_edit", p)
}

// HandlePublish serves POST /workbench/catalog: publishes the next version.
func (s *Catalog) HandlePublish(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	if err := r.ParseForm(); err != nil {
		return zhifa.Invalid(map[string]string{"form": "表单无法解析"})
	}
	id := ui.FormID(r.PostForm.Get("agency_id"))
	if id == 0 {
		id = a.AgencyID
	}
	c := parseCatalog(r, id)
	on := strings.TrimSpace(r.PostForm.Get("effective_on"))
	c.EffectiveOn, _ = zhifa.ParseCivilDate(on)
	if err := s.svc.PublishCatalog(r.Context(), a, &c); err != nil {
		e, ok := err.(*zhifa.Error)
		if !ok || e.Code != zhifa.EINVALID && e.Code != zhifa.ERULE {
			return err
		}
		p := CatalogPage{Page: workbenchPage(a, "法制审核目录清单"), Floor: c.Floor, Form: c, EffectiveOn: on}
		p.Error, p.Problems = e.Message, e.Problems
		if on != "" && c.EffectiveOn.IsZero() {
			if p.Problems == nil {
				p.Problems = map[string]string{}
			}
			p.Problems["effective_on"] = "施行日期“" + on + "”无效,格式为 YYYY-MM-DD"
		}
		if err := s.fill(r, &p, id); err != nil {
			return err
		}
		s.show(w, r, http.StatusBadRequest, p)
		return nil
	}
	what := "目录清单"
	if c.Floor {
		what = "下级审核事项下限"
	}
	s.setFlash(w, "/workbench/catalog", fmt.Sprintf("已发布%s第 %d 版,自 %s 起施行,并记入执法台账。", what, c.Version, c.EffectiveOn))
	q := "?agency_id=" + strconv.FormatInt(id, 10)
	if c.Floor {
		q += "&floor=1"
	}
	http.Redirect(w, r, "/workbench/catalog"+q, http.StatusSeeOther)
	return nil
}

// parseCatalog reads the posted catalog: rule rows rule_<i>_<field>, i
// from 1; a row without a name and conditions is dropped.
func parseCatalog(r *http.Request, agencyID int64) registry.ReviewCatalog {
	f := r.PostForm
	c := registry.ReviewCatalog{AgencyID: agencyID, Floor: f.Get("floor") == "1", AllDecisions: f.Get("all_decisions") != "",
		Note: f.Get("note")}
	n, _ := strconv.Atoi(f.Get("rows"))
	n = min(max(n, 0), 200+blankRules)
	for i := 1; i <= n; i++ {
		k := func(s string) string { return fmt.Sprintf("rule_%d_%s", i, s) }
		rule := registry.CatalogRule{Code: f.Get(k("code")), Name: f.Get(k("name")), ActionType: f.Get(k("action_type")),
			MatterCode: f.Get(k("matter_code")), Field: f.Get(k("field")), PenaltyKinds: f[k("penalty_kinds")],
			Triggers: f[k("triggers")], Basis: f.Get(k("basis"))}
		rule.PersonAmount = amount(f.Get(k("person_amount")))
		rule.OrgAmount = amount(f.Get(k("org_amount")))
		if strings.TrimSpace(rule.Name) == "" && rule.ActionType == "" && rule.MatterCode == "" && rule.Field == "" &&
			rule.PersonAmount == 0 && rule.OrgAmount == 0 && len(rule.PenaltyKinds) == 0 && len(rule.Triggers) == 0 {
			continue
		}
		c.Rules = append(c.Rules, rule)
	}
	return c
}

// amount reads a sum in 元; anything else is -1, which the catalog refuses.
func amount(s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return -1
	}
	return n
}
