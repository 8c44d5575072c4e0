package workbench

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// 行政检查 in the workbench: one page for the agency's 检查事项清单, object
// directory (with the Excel import), plans and 双随机 draws and its
// inspections, and one page per inspection with the forms of the steps the
// user may record. Every rule is the service's (package inspection); a
// refused form shows the error page with the service's Chinese message.

// InspectionsService is the inspection context's service
// (*inspection.Service); Officers come from the registry.
type InspectionsService interface {
	Items(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*inspection.Item, error)
	CreateItem(ctx context.Context, a zhifa.Actor, it *inspection.Item) error
	PublishItem(ctx context.Context, a zhifa.Actor, id int64, on zhifa.Date) (*inspection.Item, error)
	Objects(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*inspection.Object, error)
	ImportObjects(ctx context.Context, a zhifa.Actor, agencyID int64, r io.Reader) (int, error)
	Plans(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*inspection.Plan, error)
	CreatePlan(ctx context.Context, a zhifa.Actor, p *inspection.Plan) error
	ApprovePlan(ctx context.Context, a zhifa.Actor, id int64) (*inspection.Plan, error)
	AnnounceDraw(ctx context.Context, a zhifa.Actor, planID int64, in inspection.DrawInput) (*inspection.RandomDraw, error)
	PerformDraw(ctx context.Context, a zhifa.Actor, id int64) (*inspection.RandomDraw, error)
	Draws(ctx context.Context, agencyID int64) ([]*inspection.RandomDraw, error)
	Inspections(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*inspection.Inspection, error)
	Inspection(ctx context.Context, a zhifa.Actor, id int64) (*inspection.Inspection, []*inspection.Step, error)
	Start(ctx context.Context, a zhifa.Actor, in inspection.StartInput) (*inspection.StepResult, error)
	RecordStep(ctx context.Context, a zhifa.Actor, id int64, in inspection.StepInput) (*inspection.StepResult, error)
	Next(a zhifa.Actor, ins *inspection.Inspection) []inspection.Action
}

// OfficerLister lists an agency's officers (*registry.Service).
type OfficerLister interface {
	Officers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error)
}

// Inspections serves /workbench/inspections.
type Inspections struct {
	flash
	svc      InspectionsService
	officers OfficerLister
	now      func() time.Time
	ui       *ui.Responder
}

// NewInspections returns the resource.
func NewInspections(svc InspectionsService, officers OfficerLister, now func() time.Time, u *ui.Responder, secure bool) *Inspections {
	return &Inspections{flash: flash{secure: secure}, svc: svc, officers: officers, now: now, ui: u}
}

const inspectionsPath = "/workbench/inspections"

// InspectionsPage is the agency's 行政检查 page.
type InspectionsPage struct {
	ui.Page
	Items       []*inspection.Item
	Objects     []*inspection.Object
	Plans       []*inspection.Plan
	Draws       []*inspection.RandomDraw
	Inspections []*inspection.Inspection
	Methods     []string
	CanManage   bool
	CanStep     bool
	Year        int
	StageName   func(inspection.Stage) string
}

// HandleInspections serves GET /workbench/inspections.
func (s *Inspections) HandleInspections(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	p := InspectionsPage{Page: workbenchPage(a, "行政检查"), Methods: inspection.Methods, StageName: inspection.StageName,
		CanManage: access.Allowed(a, access.InspectionManage, a.AgencyID), CanStep: access.Allowed(a, access.InspectionStep, a.AgencyID)}
	p.Flash = s.takeFlash(w, r, inspectionsPath)
	if p.Inspections, err = s.svc.Inspections(ctx, a, 0); err != nil {
		return err
	}
	if p.Items, err = s.svc.Items(ctx, a, 0); err != nil {
		return err
	}
	if p.Objects, err = s.svc.Objects(ctx, a, 0); err != nil {
		return err
	}
	if p.Plans, err = s.svc.Plans(ctx, a, 0); err != nil {
		return err
	}
	if p.Draws, err = s.svc.Draws(ctx, a.AgencyID); err != nil {
		return err
	}
	p.Year = zhifa.DateOf(s.now()).Y
	s.ui.Render(w, r, http.StatusOK, "inspections", p)
	return nil
}

func (s *Inspections) done(w http.ResponseWriter, r *http.Request, path, msg string) error {
	s.setFlash(w, path, msg)
	http.Redirect(w, r, path, http.StatusSeeOther)
	return nil
}

// HandleInspectionItemCreate serves POST /workbench/inspections/items.
func (s *Inspections) HandleInspectionItemCreate(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	r.ParseForm()
	ratio, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("ratio")))
	it := &inspection.Item{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Basis: r.PostFormValue("basis"), Subject: r.PostFormValue("subject"),
		Object: r.PostFormValue("object"), Method: r.PostFormValue("method"), Frequency: r.PostFormValue("frequency"), Ratio: ratio, Standard: r.PostFormValue("standard")}
	if err := s.svc.CreateItem(r.Context(), a, it); err != nil {
		return err
	}
	return s.done(w, r, inspectionsPath, "已登记检查事项“"+it.Name+"”第 "+strconv.Itoa(it.Version)+" 版(未公布);公布后方可据以检查。")
}

// HandleInspectionItemPublish serves POST /workbench/inspections/items/{id}/publish.
func (s *Inspections) HandleInspectionItemPublish(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	r.ParseForm()
	var on zhifa.Date
	if v := strings.TrimSpace(r.PostFormValue("effective_on")); v != "" {
		var ok bool
		if on, ok = zhifa.ParseCivilDate(v); !ok {
			return zhifa.Invalid(map[string]string{"effective_on": "施行日期须为 YYYY-MM-DD"})
		}
	}
	it, err := s.svc.PublishItem(r.Context(), ui.ActorFrom(r.Context()), id, on)
	if err != nil {
		return err
	}
	return s.done(w, r, inspectionsPath, "已公布检查事项“"+it.Name+"”第 "+strconv.Itoa(it.Version)+" 版,"+it.EffectiveOn.String()+" 起施行;公示门户已更新。")
}

// HandleInspectionObjectImport serves POST /workbench/inspections/objects/import.
func (s *Inspections) HandleInspectionObjectImport(w http.ResponseWriter, r *http.Request) error {
	f, _, err := r.FormFile("file")
	if err != nil {
		return zhifa.Invalid(map[string]string{"file": "请选择要导入的 Excel 工作簿(.xlsx)"})
	}
	defer f.Close()
	n, err := s.svc.ImportObjects(r.Context(), ui.ActorFrom(r.Context()), 0, f)
	if err != nil {
		return err
	}
	return s.done(w, r, inspectionsPath, "已导入 "+strconv.Itoa(n)+" 个检查对象。")
}

// HandleInspectionObjectTemplate serves GET /workbench/inspections/objects/template.xlsx.
func (s *Inspections) HandleInspectionObjectTemplate(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="inspection-objects.xlsx"`)
	return inspection.ObjectsXLSX(w, nil)
}

// HandleInspectionPlanCreate serves POST /workbench/inspections/plans.
func (s *Inspections) HandleInspectionPlanCreate(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	year, _ := strconv.Atoi(r.PostFormValue("year"))
	p := &inspection.Plan{ItemID: ui.FormID(r.PostFormValue("item_id")), Title: r.PostFormValue("title"), Year: year}
	if err := s.svc.CreatePlan(r.Context(), ui.ActorFrom(r.Context()), p); err != nil {
		return err
	}
	return s.done(w, r, inspectionsPath, "已拟定抽查计划“"+p.Title+"”,待承办机构负责人批准。")
}

// HandleInspectionPlanApprove serves POST /workbench/inspections/plans/{id}/approve.
func (s *Inspections) HandleInspectionPlanApprove(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	p, err := s.svc.ApprovePlan(r.Context(), ui.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return s.done(w, r, inspectionsPath, "已批准抽查计划“"+p.Title+"”。")
}

// HandleInspectionDrawAnnounce serves POST /workbench/inspections/plans/{id}/draws.
func (s *Inspections) HandleInspectionDrawAnnounce(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	r.ParseForm()
	n, _ := strconv.Atoi(r.PostFormValue("objects"))
	per, _ := strconv.Atoi(r.PostFormValue("officers_per_object"))
	d, err := s.svc.AnnounceDraw(r.Context(), ui.ActorFrom(r.Context()), id, inspection.DrawInput{Objects: n, OfficersPerObject: per})
	if err != nil {
		return err
	}
	return s.done(w, r, inspectionsPath, "已公告第 "+strconv.FormatInt(d.ID, 10)+" 次抽取:台账达到 "+strconv.FormatInt(d.SeedSize, 10)+" 条时,以其根哈希为种子抽取。")
}

// HandleInspectionDrawPerform serves POST /workbench/inspections/draws/{id}/draw.
func (s *Inspections) HandleInspectionDrawPerform(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	d, err := s.svc.PerformDraw(r.Context(), ui.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return s.done(w, r, inspectionsPath, "已完成第 "+strconv.FormatInt(d.ID, 10)+" 次抽取,结果已在公示门户公布,任何人可验证。")
}

// HandleInspectionStart serves POST /workbench/inspections.
func (s *Inspections) HandleInspectionStart(w http.ResponseWriter, r *http.Request) error {
	r.ParseForm()
	res, err := s.svc.Start(r.Context(), ui.ActorFrom(r.Context()), inspection.StartInput{ItemID: ui.FormID(r.PostFormValue("item_id")),
		ObjectID: ui.FormID(r.PostFormValue("object_id")), DrawID: ui.FormID(r.PostFormValue("draw_id")), Reason: r.PostFormValue("reason"),
		Joint: r.PostFormValue("joint")})
	if err != nil {
		return err
	}
	msg := "已启动检查。"
	if res.Notice != "" {
		msg += res.Notice
	}
	return s.done(w, r, inspectionPath(res.Inspection.ID), msg)
}

func inspectionPath(id int64) string { return inspectionsPath + "/" + strconv.FormatInt(id, 10) }

// inspectionForm is the form of an action the user may take.
type inspectionForm struct {
	Action string
	Name   string
	OnSite bool
	Fields []procedure.Field
}

// InspectionPage is one inspection.
type InspectionPage struct {
	ui.Page
	I         *inspection.Inspection
	StageName string
	Steps     []*inspection.Step
	Forms     []inspectionForm
	Officers  []*registry.Officer
	ActionOf  func(inspection.Action) string
	Label     func(inspection.Action, string) string
	Today     string
}

// fieldLabel is the Chinese label of a step's field (its code if unknown:
// case_id, which the referral adds).
func fieldLabel(act inspection.Action, code string) string {
	if t, ok := inspection.Table.Lookup(act); ok {
		for _, f := range t.Fields {
			if f.Code == code {
				return f.Label
			}
		}
	}
	if code == "case_id" {
		return "移送的处罚案件编号"
	}
	return code
}

// HandleInspection serves GET /workbench/inspections/{id}.
func (s *Inspections) HandleInspection(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	ins, steps, err := s.svc.Inspection(r.Context(), a, id)
	if err != nil {
		return err
	}
	p := InspectionPage{Page: workbenchPage(a, "行政检查"), I: ins, StageName: inspection.StageName(ins.Stage), Steps: steps,
		ActionOf: inspection.Table.ActionName, Label: fieldLabel, Today: zhifa.DateOf(s.now()).String()}
	p.Flash = s.takeFlash(w, r, inspectionPath(id))
	for _, act := range s.svc.Next(a, ins) {
		t, _ := inspection.Table.Lookup(act)
		p.Forms = append(p.Forms, inspectionForm{Action: string(act), Name: t.Name, OnSite: t.OnSite, Fields: t.Fields})
	}
	if p.Officers, err = s.officers.Officers(r.Context(), registry.OfficerFilter{AgencyID: &ins.AgencyID}); err != nil {
		return err
	}
	s.ui.Render(w, r, http.StatusOK, "inspection_view", p)
	return nil
}

// HandleInspectionStep serves POST /workbench/inspections/{id}/steps.
func (s *Inspections) HandleInspectionStep(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	r.ParseForm()
	act := inspection.Action(r.PostFormValue("action"))
	t, ok := inspection.Table.Lookup(act)
	if !ok {
		return zhifa.Invalid(map[string]string{"action": "未知的检查环节"})
	}
	fields := map[string]string{}
	for _, f := range t.Fields {
		if v := r.PostFormValue(f.Code); v != "" {
			fields[f.Code] = v
		}
	}
	var offs []int64
	for _, v := range r.PostForm["officer_ids"] {
		if n := ui.FormID(v); n > 0 {
			offs = append(offs, n)
		}
	}
	res, err := s.svc.RecordStep(r.Context(), ui.ActorFrom(r.Context()), id, inspection.StepInput{Action: act, Fields: fields, OfficerIDs: offs})
	if err != nil {
		return err
	}
	msg := "已记录“" + t.Name + "”。"
	if res.Notice != "" {
		msg += res.Notice
	}
	if res.Inspection.PenaltyCaseID != 0 && act == inspection.Refer {
		msg += "已登记处罚案源(案件 " + strconv.FormatInt(res.Inspection.PenaltyCaseID, 10) + "),检查记录随案移送。"
	}
	return s.done(w, r, inspectionPath(id), msg)
}
