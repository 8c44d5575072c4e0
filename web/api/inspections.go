package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/web/ui"
)

// The JSON API of 行政检查 (package inspection): the 检查事项清单, the
// 检查对象名录 (with its Excel import, the workbook base64-encoded in a JSON
// body), plans, 双随机 draws and inspections with their steps. Draws are
// also public: GET /api/v1/public/inspection-draws/{id} (web/portal).

// InspectionsService is the inspection context's service
// (*inspection.Service).
type InspectionsService interface {
	Items(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*inspection.Item, error)
	CreateItem(ctx context.Context, a zhifa.Actor, it *inspection.Item) error
	PublishItem(ctx context.Context, a zhifa.Actor, id int64, on zhifa.Date) (*inspection.Item, error)
	Objects(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*inspection.Object, error)
	CreateObject(ctx context.Context, a zhifa.Actor, o *inspection.Object) error
	ImportObjects(ctx context.Context, a zhifa.Actor, agencyID int64, r io.Reader) (int, error)
	Plans(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*inspection.Plan, error)
	CreatePlan(ctx context.Context, a zhifa.Actor, p *inspection.Plan) error
	ApprovePlan(ctx context.Context, a zhifa.Actor, id int64) (*inspection.Plan, error)
	AnnounceDraw(ctx context.Context, a zhifa.Actor, planID int64, in inspection.DrawInput) (*inspection.RandomDraw, error)
	PerformDraw(ctx context.Context, a zhifa.Actor, id int64) (*inspection.RandomDraw, error)
	Inspections(ctx context.Context, a zhifa.Actor, agencyID int64) ([]*inspection.Inspection, error)
	Inspection(ctx context.Context, a zhifa.Actor, id int64) (*inspection.Inspection, []*inspection.Step, error)
	Start(ctx context.Context, a zhifa.Actor, in inspection.StartInput) (*inspection.StepResult, error)
	RecordStep(ctx context.Context, a zhifa.Actor, id int64, in inspection.StepInput) (*inspection.StepResult, error)
	Next(a zhifa.Actor, ins *inspection.Inspection) []inspection.Action
}

var _ InspectionsService = (*inspection.Service)(nil)

// Inspections serves /api/v1/inspection-* and /api/v1/inspections.
type Inspections struct{ svc InspectionsService }

// NewInspections returns the inspections resource.
func NewInspections(svc InspectionsService) *Inspections { return &Inspections{svc: svc} }

type apiInspectionItem struct {
	ID          int64      `json:"id"`
	AgencyID    int64      `json:"agency_id"`
	AgencyName  string     `json:"agency_name"`
	Code        string     `json:"code"`
	Version     int        `json:"version"`
	Name        string     `json:"name"`
	Basis       string     `json:"basis"`
	Subject     string     `json:"subject"`
	Object      string     `json:"object"`
	Method      string     `json:"method"`
	Frequency   string     `json:"frequency"`
	Ratio       int        `json:"ratio"`
	Standard    string     `json:"standard"`
	EffectiveOn string     `json:"effective_on,omitempty"`
	Status      string     `json:"status"`
	StatusName  string     `json:"status_name"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
}

func toAPIItem(it *inspection.Item) apiInspectionItem {
	out := apiInspectionItem{ID: it.ID, AgencyID: it.AgencyID, AgencyName: it.AgencyName, Code: it.Code, Version: it.Version, Name: it.Name, Basis: it.Basis,
		Subject: it.Subject, Object: it.Object, Method: it.Method, Frequency: it.Frequency, Ratio: it.Ratio, Standard: it.Standard,
		Status: string(it.Status), StatusName: it.Status.Name()}
	if !it.EffectiveOn.IsZero() {
		out.EffectiveOn = it.EffectiveOn.String()
	}
	if !it.PublishedAt.IsZero() {
		t := it.PublishedAt
		out.PublishedAt = &t
	}
	return out
}

type apiItemInput struct {
	AgencyID  int64  `json:"agency_id"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	Basis     string `json:"basis"`
	Subject   string `json:"subject"`
	Object    string `json:"object"`
	Method    string `json:"method"`
	Frequency string `json:"frequency"`
	Ratio     int    `json:"ratio"`
	Standard  string `json:"standard"`
}

func agencyParam(r *http.Request) (int64, error) {
	id, err := ui.QueryID(r, "agency_id")
	if err != nil || id == nil {
		return 0, err
	}
	return *id, nil
}

func writeList[T, U any](w http.ResponseWriter, xs []T, f func(T) U) {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	ui.WriteJSON(w, http.StatusOK, out)
}

// HandleAPIInspectionItems serves GET /api/v1/inspection-items.
func (s *Inspections) HandleAPIInspectionItems(w http.ResponseWriter, r *http.Request) error {
	ag, err := agencyParam(r)
	if err != nil {
		return err
	}
	its, err := s.svc.Items(r.Context(), ui.ActorFrom(r.Context()), ag)
	if err != nil {
		return err
	}
	writeList(w, its, toAPIItem)
	return nil
}

// HandleAPIInspectionItemCreate serves POST /api/v1/inspection-items.
func (s *Inspections) HandleAPIInspectionItemCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiItemInput](r)
	if err != nil {
		return err
	}
	it := &inspection.Item{AgencyID: in.AgencyID, Code: in.Code, Name: in.Name, Basis: in.Basis, Subject: in.Subject, Object: in.Object,
		Method: in.Method, Frequency: in.Frequency, Ratio: in.Ratio, Standard: in.Standard}
	if err := s.svc.CreateItem(r.Context(), ui.ActorFrom(r.Context()), it); err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, toAPIItem(it))
	return nil
}

type apiPublishItem struct {
	EffectiveOn string `json:"effective_on"`
}

// HandleAPIInspectionItemPublish serves POST /api/v1/inspection-items/{id}/publish.
func (s *Inspections) HandleAPIInspectionItemPublish(w http.ResponseWriter, r *http.Request) error {
	id, in, err := ui.PathIndexAndBody[apiPublishItem](r, "id")
	if err != nil {
		return err
	}
	var on zhifa.Date
	if in.EffectiveOn != "" {
		var ok bool
		if on, ok = zhifa.ParseCivilDate(in.EffectiveOn); !ok {
			return zhifa.Invalid(map[string]string{"effective_on": "施行日期须为 YYYY-MM-DD"})
		}
	}
	it, err := s.svc.PublishItem(r.Context(), ui.ActorFrom(r.Context()), id, on)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, toAPIItem(it))
	return nil
}

type apiInspectionObject struct {
	ID         int64  `json:"id"`
	AgencyID   int64  `json:"agency_id"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	CreditCode string `json:"credit_code"`
	Address    string `json:"address"`
	Industry   string `json:"industry"`
}

func toAPIObject(o *inspection.Object) apiInspectionObject {
	return apiInspectionObject{ID: o.ID, AgencyID: o.AgencyID, Kind: o.Kind, Name: o.Name, CreditCode: o.CreditCode, Address: o.Address, Industry: o.Industry}
}

// HandleAPIInspectionObjects serves GET /api/v1/inspection-objects.
func (s *Inspections) HandleAPIInspectionObjects(w http.ResponseWriter, r *http.Request) error {
	ag, err := agencyParam(r)
	if err != nil {
		return err
	}
	os, err := s.svc.Objects(r.Context(), ui.ActorFrom(r.Context()), ag)
	if err != nil {
		return err
	}
	writeList(w, os, toAPIObject)
	return nil
}

// HandleAPIInspectionObjectCreate serves POST /api/v1/inspection-objects.
func (s *Inspections) HandleAPIInspectionObjectCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiInspectionObject](r)
	if err != nil {
		return err
	}
	o := &inspection.Object{AgencyID: in.AgencyID, Kind: in.Kind, Name: in.Name, CreditCode: in.CreditCode, Address: in.Address, Industry: in.Industry}
	if err := s.svc.CreateObject(r.Context(), ui.ActorFrom(r.Context()), o); err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, toAPIObject(o))
	return nil
}

type apiObjectImport struct {
	AgencyID int64  `json:"agency_id"`
	XLSX     string `json:"xlsx_base64"`
}

type apiImported struct {
	Imported int `json:"imported"`
}

// HandleAPIInspectionObjectImport serves POST /api/v1/inspection-objects/import.
func (s *Inspections) HandleAPIInspectionObjectImport(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiObjectImport](r)
	if err != nil {
		return err
	}
	b, err := base64.StdEncoding.DecodeString(in.XLSX)
	if err != nil || len(b) == 0 {
		return zhifa.Invalid(map[string]string{"xlsx_base64": "请以 base64 编码提供 Excel 工作簿(.xlsx)"})
	}
	n, err := s.svc.ImportObjects(r.Context(), ui.ActorFrom(r.Context()), in.AgencyID, bytes.NewReader(b))
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, apiImported{Imported: n})
	return nil
}

type apiInspectionPlan struct {
	ID         int64  `json:"id"`
	AgencyID   int64  `json:"agency_id"`
	ItemID     int64  `json:"item_id"`
	ItemName   string `json:"item_name"`
	Title      string `json:"title"`
	Year       int    `json:"year"`
	Status     string `json:"status"`
	ApprovedBy int64  `json:"approved_by,omitempty"`
	ApprovedOn string `json:"approved_on,omitempty"`
}

func toAPIPlan(p *inspection.Plan) apiInspectionPlan {
	out := apiInspectionPlan{ID: p.ID, AgencyID: p.AgencyID, ItemID: p.ItemID, ItemName: p.ItemName, Title: p.Title, Year: p.Year, Status: p.Status, ApprovedBy: p.ApprovedBy}
	if !p.ApprovedOn.IsZero() {
		out.ApprovedOn = p.ApprovedOn.String()
	}
	return out
}

// HandleAPIInspectionPlans serves GET /api/v1/inspection-plans.
func (s *Inspections) HandleAPIInspectionPlans(w http.ResponseWriter, r *http.Request) error {
	ag, err := agencyParam(r)
	if err != nil {
		return err
	}
	ps, err := s.svc.Plans(r.Context(), ui.ActorFrom(r.Context()), ag)
	if err != nil {
		return err
	}
	writeList(w, ps, toAPIPlan)
	return nil
}

type apiPlanInput struct {
	AgencyID int64  `json:"agency_id"`
	ItemID   int64  `json:"item_id"`
	Title    string `json:"title"`
	Year     int    `json:"year"`
}

// HandleAPIInspectionPlanCreate serves POST /api/v1/inspection-plans.
func (s *Inspections) HandleAPIInspectionPlanCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiPlanInput](r)
	if err != nil {
		return err
	}
	p := &inspection.Plan{AgencyID: in.AgencyID, ItemID: in.ItemID, Title: in.Title, Year: in.Year}
	if err := s.svc.CreatePlan(r.Context(), ui.ActorFrom(r.Context()), p); err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, toAPIPlan(p))
	return nil
}

// HandleAPIInspectionPlanApprove serves POST /api/v1/inspection-plans/{id}/approve.
func (s *Inspections) HandleAPIInspectionPlanApprove(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	p, err := s.svc.ApprovePlan(r.Context(), ui.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, toAPIPlan(p))
	return nil
}

type apiDrawInput struct {
	Objects           int     `json:"objects"`
	OfficersPerObject int     `json:"officers_per_object"`
	ObjectIDs         []int64 `json:"object_ids"`
	OfficerIDs        []int64 `json:"officer_ids"`
	SeedGap           int64   `json:"seed_gap"`
}

type apiDraw struct {
	ID        int64                   `json:"id"`
	PlanID    int64                   `json:"plan_id"`
	AgencyID  int64                   `json:"agency_id"`
	Status    string                  `json:"status"`
	Public    inspection.PublicDraw   `json:"draw"`
	VerifyURL string                  `json:"public_url"`
	Assigned  []inspection.Assignment `json:"result"`
}

func toAPIDraw(d *inspection.RandomDraw) apiDraw {
	res := d.Result
	if res == nil {
		res = []inspection.Assignment{}
	}
	return apiDraw{ID: d.ID, PlanID: d.PlanID, AgencyID: d.AgencyID, Status: d.Status, Public: d.Public(), Assigned: res,
		VerifyURL: "/api/v1/public/inspection-draws/" + strconv.FormatInt(d.ID, 10)}
}

// HandleAPIInspectionDrawAnnounce serves POST /api/v1/inspection-plans/{id}/draws.
func (s *Inspections) HandleAPIInspectionDrawAnnounce(w http.ResponseWriter, r *http.Request) error {
	id, in, err := ui.PathIndexAndBody[apiDrawInput](r, "id")
	if err != nil {
		return err
	}
	d, err := s.svc.AnnounceDraw(r.Context(), ui.ActorFrom(r.Context()), id, inspection.DrawInput{Objects: in.Objects, OfficersPerObject: in.OfficersPerObject,
		ObjectIDs: in.ObjectIDs, OfficerIDs: in.OfficerIDs, SeedGap: in.SeedGap})
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, toAPIDraw(d))
	return nil
}

// HandleAPIInspectionDrawPerform serves POST /api/v1/inspection-draws/{id}/draw.
func (s *Inspections) HandleAPIInspectionDrawPerform(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	d, err := s.svc.PerformDraw(r.Context(), ui.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, toAPIDraw(d))
	return nil
}

type apiInspection struct {
	ID            int64    `json:"id"`
	AgencyID      int64    `json:"agency_id"`
	AgencyName    string   `json:"agency_name"`
	ItemID        int64    `json:"item_id"`
	ItemName      string   `json:"item_name"`
	ObjectID      int64    `json:"object_id"`
	ObjectName    string   `json:"object_name"`
	DrawID        int64    `json:"draw_id,omitempty"`
	Joint         string   `json:"joint,omitempty"`
	Year          int      `json:"year"`
	Stage         string   `json:"stage"`
	StageName     string   `json:"stage_name"`
	OfficerIDs    []int64  `json:"officer_ids"`
	OpenedOn      string   `json:"opened_on"`
	Outcome       string   `json:"outcome,omitempty"`
	PublicSummary string   `json:"public_summary,omitempty"`
	ResultOn      string   `json:"result_on,omitempty"`
	PublishDue    string   `json:"publish_due,omitempty"`
	PublishedOn   string   `json:"published_on,omitempty"`
	PenaltyCaseID int64    `json:"penalty_case_id,omitempty"`
	Warning       string   `json:"warning,omitempty"`
	Next          []string `json:"next,omitempty"`
}

func dateOrEmpty(d zhifa.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func toAPIInspection(i *inspection.Inspection) apiInspection {
	ids := i.OfficerIDs
	if ids == nil {
		ids = []int64{}
	}
	return apiInspection{ID: i.ID, AgencyID: i.AgencyID, AgencyName: i.AgencyName, ItemID: i.ItemID, ItemName: i.ItemName, ObjectID: i.ObjectID,
		ObjectName: i.ObjectName, DrawID: i.DrawID, Joint: i.Joint, Year: i.Year, Stage: string(i.Stage), StageName: inspection.StageName(i.Stage),
		OfficerIDs: ids, OpenedOn: dateOrEmpty(i.OpenedOn), Outcome: i.Outcome, PublicSummary: i.PublicSummary, ResultOn: dateOrEmpty(i.ResultOn),
		PublishDue: dateOrEmpty(i.PublishDue), PublishedOn: dateOrEmpty(i.PublishedOn), PenaltyCaseID: i.PenaltyCaseID, Warning: i.Warning}
}

type apiInspectionStep struct {
	ID          int64             `json:"id"`
	Seq         int               `json:"seq"`
	Action      string            `json:"action"`
	ActionName  string            `json:"action_name"`
	Stage       string            `json:"stage"`
	ActorUserID int64             `json:"actor_user_id"`
	OfficerIDs  []int64           `json:"officer_ids"`
	Fields      map[string]string `json:"fields"`
	Created     time.Time         `json:"created"`
}

func toAPIInspectionStep(st *inspection.Step) apiInspectionStep {
	ids := st.OfficerIDs
	if ids == nil {
		ids = []int64{}
	}
	return apiInspectionStep{ID: st.ID, Seq: st.Seq, Action: string(st.Action), ActionName: inspection.Table.ActionName(st.Action), Stage: string(st.Stage),
		ActorUserID: st.ActorUserID, OfficerIDs: ids, Fields: st.Fields, Created: st.Created}
}

// HandleAPIInspections serves GET /api/v1/inspections.
func (s *Inspections) HandleAPIInspections(w http.ResponseWriter, r *http.Request) error {
	ag, err := agencyParam(r)
	if err != nil {
		return err
	}
	is, err := s.svc.Inspections(r.Context(), ui.ActorFrom(r.Context()), ag)
	if err != nil {
		return err
	}
	writeList(w, is, toAPIInspection)
	return nil
}

type apiStartInput struct {
	AgencyID int64  `json:"agency_id"`
	ItemID   int64  `json:"item_id"`
	ObjectID int64  `json:"object_id"`
	DrawID   int64  `json:"draw_id"`
	Reason   string `json:"reason"`
	Joint    string `json:"joint"`
}

type apiInspectionStepResult struct {
	Inspection apiInspection     `json:"inspection"`
	Step       apiInspectionStep `json:"step"`
	Notice     string            `json:"notice,omitempty"`
}

func (s *Inspections) stepResult(a zhifa.Actor, res *inspection.StepResult) apiInspectionStepResult {
	out := apiInspectionStepResult{Inspection: toAPIInspection(res.Inspection), Step: toAPIInspectionStep(res.Step), Notice: res.Notice}
	for _, act := range s.svc.Next(a, res.Inspection) {
		out.Inspection.Next = append(out.Inspection.Next, string(act))
	}
	return out
}

// HandleAPIInspectionStart serves POST /api/v1/inspections.
func (s *Inspections) HandleAPIInspectionStart(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiStartInput](r)
	if err != nil {
		return err
	}
	a := ui.ActorFrom(r.Context())
	res, err := s.svc.Start(r.Context(), a, inspection.StartInput{AgencyID: in.AgencyID, ItemID: in.ItemID, ObjectID: in.ObjectID, DrawID: in.DrawID,
		Reason: in.Reason, Joint: in.Joint})
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, s.stepResult(a, res))
	return nil
}

type apiInspectionDetail struct {
	Inspection apiInspection       `json:"inspection"`
	Steps      []apiInspectionStep `json:"steps"`
}

// HandleAPIInspectionGet serves GET /api/v1/inspections/{id}.
func (s *Inspections) HandleAPIInspectionGet(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	a := ui.ActorFrom(r.Context())
	ins, steps, err := s.svc.Inspection(r.Context(), a, id)
	if err != nil {
		return err
	}
	out := apiInspectionDetail{Inspection: toAPIInspection(ins), Steps: []apiInspectionStep{}}
	for _, act := range s.svc.Next(a, ins) {
		out.Inspection.Next = append(out.Inspection.Next, string(act))
	}
	for _, st := range steps {
		out.Steps = append(out.Steps, toAPIInspectionStep(st))
	}
	ui.WriteJSON(w, http.StatusOK, out)
	return nil
}

type apiInspectionStepInput struct {
	Action     string            `json:"action"`
	Fields     map[string]string `json:"fields"`
	OfficerIDs []int64           `json:"officer_ids"`
}

// HandleAPIInspectionStep serves POST /api/v1/inspections/{id}/steps.
func (s *Inspections) HandleAPIInspectionStep(w http.ResponseWriter, r *http.Request) error {
	id, in, err := ui.PathIndexAndBody[apiInspectionStepInput](r, "id")
	if err != nil {
		return err
	}
	a := ui.ActorFrom(r.Context())
	res, err := s.svc.RecordStep(r.Context(), a, id, inspection.StepInput{Action: inspection.Action(in.Action), Fields: in.Fields, OfficerIDs: in.OfficerIDs})
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, s.stepResult(a, res))
	return nil
}
