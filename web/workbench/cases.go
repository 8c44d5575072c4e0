package workbench

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// Penalty cases (一般程序行政处罚) in the workbench: the list, the
// registration form, the case page with one form per step the user may
// record next, the step POST (a streamed multipart form: files go straight
// into the evidence store, whatever their size), evidence downloads, the
// legal reviewer's queue and the publications waiting to be published.
// Every page works without JavaScript; every rule is the service's.
// option is a choice of a select, a radio group or a checkbox group.
type option struct {
	Value, Label string
	Selected     bool
}

// officerOption is an officer offered in a form, with the certificate
// number and its state today so that the user picks knowingly.
type officerOption struct {
	ID      int64
	Name    string
	CertNo  string
	State   registry.CertState
	Checked bool
}

// caseListLimit bounds the workbench list; the newest cases come first.
const caseListLimit = 200

// CaseListPage lists the cases of the actor's agency.
type CaseListPage struct {
	ui.Page
	Cases     []caseRow
	Stages    []option
	Stage     string
	CanCreate bool
	Agencies  bool // a supervisor's list spans agencies: show the column
	Truncated bool
}

type caseRow struct {
	*zhifa.Case
	StageName string
}

func stageOptions(selected string) []option {
	out := make([]option, 0, len(penalty.Stages))
	for _, st := range penalty.Stages {
		out = append(out, option{Value: string(st), Label: penalty.StageName(st), Selected: string(st) == selected})
	}
	return out
}

// HandleCaseList serves GET /workbench/cases.
func (s *Cases) HandleCaseList(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	stages, err := staff.CaseStageFilter(r)
	if err != nil {
		return err
	}
	f := penalty.CaseListFilter{AgencyID: a.AgencyID, Stages: stages, Limit: caseListLimit}
	if a.Has(zhifa.RoleSupervisor) {
		id, err := ui.QueryID(r, "agency_id")
		if err != nil {
			return err
		}
		f.AgencyID = 0
		if id != nil {
			f.AgencyID = *id
		}
	}
	cs, err := s.svc.Cases(r.Context(), a, f)
	if err != nil {
		return err
	}
	page := CaseListPage{Page: workbenchPage(a, "案件办理"), CanCreate: access.Allowed(a, access.CaseCreate, a.AgencyID),
		Agencies: a.Has(zhifa.RoleSupervisor), Truncated: len(cs) >= caseListLimit}
	if len(stages) == 1 {
		page.Stage = stages[0]
	}
	page.Stages = stageOptions(page.Stage)
	for _, c := range cs {
		page.Cases = append(page.Cases, caseRow{Case: c, StageName: staff.StageName(c.Stage)})
	}
	s.render(w, r, http.StatusOK, "case_list", page)
	return nil
}

// Registration (案源登记).

// CaseNewPage is the registration form. The entered values are kept as
// typed, so a rejected form comes back as the user left it.
type CaseNewPage struct {
	ui.Page
	Form     caseForm
	Matters  []option
	Sources  []option
	Kinds    []option
	Officers []officerOption
}

// caseForm is the registration form as entered. Field names are the keys
// of the service's problems (matter_id, party_name…).
type caseForm struct {
	MatterID   int64
	Source     string
	Summary    string
	Party      zhifa.Party
	HandlerIDs []int64
}

func (f caseForm) input() penalty.CaseInput {
	return penalty.CaseInput{MatterID: f.MatterID, Source: f.Source, Summary: f.Summary, Party: f.Party, HandlerIDs: f.HandlerIDs}
}

func caseFormFrom(r *http.Request) caseForm {
	r.ParseForm()
	f := caseForm{MatterID: ui.FormID(r.PostFormValue("matter_id")), Source: r.PostFormValue("source"), Summary: r.PostFormValue("summary"),
		Party: zhifa.Party{Kind: r.PostFormValue("party_kind"), Name: r.PostFormValue("party_name"), IDNumber: r.PostFormValue("party_id_number"),
			LegalRep: r.PostFormValue("party_legal_rep"), Phone: r.PostFormValue("party_phone"), Address: r.PostFormValue("party_address")}}
	for _, v := range r.PostForm["handler_ids"] {
		f.HandlerIDs = append(f.HandlerIDs, ui.FormID(v))
	}
	return f
}

// agencyOfficers returns the officers of an agency as form options, those
// in checked ticked; with validOnly, only officers whose certificate is
// valid today.
func (s *Cases) agencyOfficers(r *http.Request, agencyID int64, checked []int64, validOnly bool) ([]officerOption, error) {
	ofs, err := s.svc.Officers(r.Context(), registry.OfficerFilter{AgencyID: &agencyID})
	if err != nil {
		return nil, err
	}
	today := s.svc.Today()
	var out []officerOption
	for _, o := range ofs {
		st := o.Certificate().State(today)
		if validOnly && !st.Valid() && !slices.Contains(checked, o.ID) {
			continue
		}
		out = append(out, officerOption{ID: o.ID, Name: o.Name, CertNo: o.CertNo, State: st, Checked: slices.Contains(checked, o.ID)})
	}
	return out, nil
}

func (s *Cases) renderCaseNew(w http.ResponseWriter, r *http.Request, status int, p ui.Page, f caseForm) error {
	a := p.Actor
	cat := registry.MatterPenalty
	ms, err := s.svc.Matters(r.Context(), registry.MatterFilter{AgencyID: &a.AgencyID, Category: &cat})
	if err != nil {
		return err
	}
	page := CaseNewPage{Page: p, Form: f}
	page.Officers, err = s.agencyOfficers(r, a.AgencyID, f.HandlerIDs, true)
	if err != nil {
		return err
	}
	for _, m := range ms {
		page.Matters = append(page.Matters, option{Value: strconv.FormatInt(m.ID, 10), Label: m.Name, Selected: m.ID == f.MatterID})
	}
	for _, src := range penalty.CaseSources {
		page.Sources = append(page.Sources, option{Value: src, Label: src, Selected: src == f.Source})
	}
	for _, k := range []string{zhifa.PartyPerson, zhifa.PartyOrganization} {
		page.Kinds = append(page.Kinds, option{Value: k, Label: k, Selected: k == f.Party.Kind})
	}
	s.render(w, r, status, "case_new", page)
	return nil
}

// HandleCaseNew serves GET /workbench/cases/new.
func (s *Cases) HandleCaseNew(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err == nil {
		err = s.svc.Authorize(r.Context(), a, access.CaseCreate, a.AgencyID, "case/new")
	}
	if err != nil {
		return err
	}
	f := caseForm{Party: zhifa.Party{Kind: zhifa.PartyPerson}}
	if a.OfficerID != 0 {
		f.HandlerIDs = []int64{a.OfficerID}
	}
	return s.renderCaseNew(w, r, http.StatusOK, workbenchPage(a, "登记案源"), f)
}

// HandleCaseCreate serves POST /workbench/cases.
func (s *Cases) HandleCaseCreate(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	f := caseFormFrom(r)
	c, err := s.svc.RegisterCase(r.Context(), a, f.input())
	if err != nil {
		if formError(err) {
			p := workbenchPage(a, "登记案源")
			p.Error = zhifa.ErrorMessage(err)
			if e, ok := err.(*zhifa.Error); ok {
				p.Problems = e.Problems
			}
			return s.renderCaseNew(w, r, ui.ErrorStatus(err), p, f)
		}
		return err
	}
	http.Redirect(w, r, casePath(c.ID)+"?done="+string(penalty.Register), http.StatusSeeOther)
	return nil
}

// formError reports whether err is the user's to correct in the form he
// or she sent (bad input, a rule of law, a stage that moved on), so that the
// form is shown again with what was entered.
func formError(err error) bool {
	switch zhifa.ErrorCode(err) {
	case zhifa.EINVALID, zhifa.ERULE, zhifa.ECONFLICT:
		return true
	}
	return false
}

func casePath(id int64) string { return "/workbench/cases/" + strconv.FormatInt(id, 10) }

// HandleCaseView serves GET /workbench/cases/{id}.
func (s *Cases) HandleCaseView(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	p := workbenchPage(a, "案件")
	q := r.URL.Query()
	if act := penalty.Action(q.Get("done")); penalty.ValidAction(act) {
		p.Flash = "已记录:" + penalty.ActionName(act) + "。"
	}
	if q.Get("published") != "" {
		p.Flash = "已公示:决定信息已在公示门户公开,并记入执法台账。"
	}
	if notice := s.takeFlash(w, r, casePath(id)); notice != "" {
		p.Flash += notice
	}
	return s.renderCase(w, r, http.StatusOK, p, id, nil, nil)
}

// renderCase renders case id; failed or pubFailed, if not nil, is the
// rejected step or publication form to show again in place of the fresh one.
func (s *Cases) renderCase(w http.ResponseWriter, r *http.Request, status int, p ui.Page, id int64, failed *stepForm, pubFailed *pubFailure) error {
	ctx := r.Context()
	a := p.Actor
	d, err := s.svc.Case(ctx, a, id)
	if err != nil {
		return err
	}
	c := d.Case
	p.Title = "案件 " + c.Number
	page := CasePage{Page: p, Case: c, StageName: staff.StageName(c.Stage), Publication: d.Publication, Today: s.svc.Today().String()}
	if m, err := s.svc.Matter(ctx, c.MatterID); err == nil {
		page.Matter = m
	}
	for _, hid := range c.HandlerIDs {
		if o := d.Officers[hid]; o != nil {
			page.Handlers = append(page.Handlers, o)
		}
	}
	page.Deadlines = staff.DeadlineRows(d.Deadlines)
	page.Steps = stepViews(d)
	if len(d.Next) > 0 {
		officers, err := s.agencyOfficers(r, c.AgencyID, nil, false)
		if err != nil {
			return err
		}
		for _, act := range d.Next {
			if failed != nil && failed.Action == string(act) {
				page.Forms = append(page.Forms, failed)
				continue
			}
			page.Forms = append(page.Forms, newStepForm(c, act, nil, nil, officers))
		}
		if len(page.Forms) == 1 && failed == nil {
			page.Forms[0].Open = true
		}
	}
	if pub := d.Publication; pub != nil && pub.Pending() {
		page.CanPublish = access.Allowed(a, access.PublicationEdit, pub.AgencyID)
	}
	page.PubActions = newPubActions(a, d.Publication, "case", page.Today, pubFailed)
	s.render(w, r, status, "case_view", page)
	return nil
}

// Recording a step.

const (
	maxFieldBytes = 1 << 20 // one text field of a step form
	maxFormParts  = 1000    // parts of one step form, files included
)

// stepSubmission is a step form as posted: its text fields and the files
// already streamed into the evidence store.
type stepSubmission struct {
	Values url.Values
	Files  []penalty.FileInput
}

// fieldKey is the problem key of a form field name ("f.content" → "content").
func fieldKey(name string) string { return strings.TrimPrefix(name, "f.") }

// readStepForm reads a step form. A multipart form is read part by part:
// text parts up to 1 MiB each, file parts ("files") streamed through the
// service into the evidence store as they arrive, never held in memory or
// in a temporary file here. A URL-encoded form (no files) is accepted too.
func (s *Cases) readStepForm(r *http.Request, a zhifa.Actor, caseID int64) (stepSubmission, error) {
	sub := stepSubmission{Values: url.Values{}}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "application/x-www-form-urlencoded" {
		if err := r.ParseForm(); err != nil {
			return sub, ui.ReadFormError(err, "表单数据无法读取:编码有误,请从页面重新提交")
		}
		sub.Values = r.PostForm
		return sub, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return sub, zhifa.Invalid(map[string]string{"form": "表单须以 multipart/form-data 或 application/x-www-form-urlencoded 提交"})
	}
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return sub, nil
		}
		if err != nil {
			return sub, ui.ReadFormError(err, "表单数据不完整,请从页面重新提交")
		}
		if n >= maxFormParts {
			part.Close()
			return sub, zhifa.Invalid(map[string]string{"form": "表单项过多(上限 " + strconv.Itoa(maxFormParts) + " 项)"})
		}
		name := part.FormName()
		if name == "files" {
			fname := staff.UploadName(part.FileName())
			if fname == "" { // an empty file input
				part.Close()
				continue
			}
			fi, err := s.svc.UploadFile(r.Context(), a, caseID, fname, staff.UploadType(part.Header.Get("Content-Type")), part)
			part.Close()
			if err != nil {
				return sub, err
			}
			sub.Files = append(sub.Files, fi)
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
		part.Close()
		if err != nil {
			return sub, ui.ReadFormError(err, "表单数据不完整,请从页面重新提交")
		}
		if len(b) > maxFieldBytes {
			return sub, zhifa.Invalid(map[string]string{fieldKey(name): "“" + name + "”超过 1 MiB,请改为附件上传"})
		}
		sub.Values.Add(name, string(b))
	}
}

// input converts the form to the service's step input. Field values given
// more than once (the penalty-kind checkboxes) are joined with "、".
func (sub stepSubmission) input() (penalty.StepInput, error) {
	v := sub.Values
	in := penalty.StepInput{Action: penalty.Action(strings.TrimSpace(v.Get("action"))), Fields: map[string]string{}, Files: sub.Files}
	for name, vals := range v {
		if code, ok := strings.CutPrefix(name, "f."); ok {
			in.Fields[code] = strings.Join(vals, "、")
		}
	}
	for _, id := range v["officer_ids"] {
		n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
		if err != nil || n <= 0 {
			return in, zhifa.Invalid(map[string]string{"officer_ids": "执法人员编号“" + id + "”无效"})
		}
		in.OfficerIDs = append(in.OfficerIDs, n)
	}
	if in.Action == penalty.Review {
		rv := &penalty.ReviewForm{Outcome: v.Get("outcome"), Opinion: v.Get("opinion")}
		for _, d := range review.Checklist() {
			var passed bool
			switch v.Get("check." + d.Code) {
			case "pass":
				passed = true
			case "fail":
			default:
				continue // the service names the missing item
			}
			rv.Checklist = append(rv.Checklist, review.Item{Code: d.Code, Passed: passed, Remark: v.Get("remark." + d.Code)})
		}
		in.Review = rv
	}
	return in, nil
}

// HandleCaseStep serves POST /workbench/cases/{id}/steps.
func (s *Cases) HandleCaseStep(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	sub, err := s.readStepForm(r, a, id)
	var in penalty.StepInput
	if err == nil {
		in, err = sub.input()
	}
	var res *penalty.StepResult
	if err == nil {
		res, err = s.svc.RecordStep(r.Context(), a, id, in)
	}
	if err != nil {
		if !formError(err) {
			return err
		}
		act := in.Action
		if act == "" {
			act = penalty.Action(strings.TrimSpace(sub.Values.Get("action")))
		}
		return s.renderStepFailure(w, r, a, id, act, sub, err)
	}
	if res.Notice != "" {
		s.setFlash(w, casePath(id), res.Notice)
	}
	http.Redirect(w, r, casePath(id)+"?done="+url.QueryEscape(string(in.Action))+"#step-"+strconv.Itoa(res.Step.Seq), http.StatusSeeOther)
	return nil
}

// renderStepFailure shows the case page again with the rejected form open,
// holding what was entered, its problems next to the fields.
func (s *Cases) renderStepFailure(w http.ResponseWriter, r *http.Request, a zhifa.Actor, id int64, act penalty.Action, sub stepSubmission, err error) error {
	p := workbenchPage(a, "案件")
	name := penalty.ActionName(act)
	if name == "" {
		name = "办案环节"
	}
	p.Error = "“" + name + "”未记录:" + zhifa.ErrorMessage(err)
	var failed *stepForm
	if penalty.ValidAction(act) {
		var problems map[string]string
		if e, ok := err.(*zhifa.Error); ok {
			problems = e.Problems
		}
		c, cerr := s.svc.Case(r.Context(), a, id)
		if cerr != nil {
			return cerr
		}
		officers, oerr := s.agencyOfficers(r, c.Case.AgencyID, nil, false)
		if oerr != nil {
			return oerr
		}
		failed = newStepForm(c.Case, act, sub.Values, problems, officers)
		failed.Open, failed.Error, failed.Uploaded = true, zhifa.ErrorMessage(err), len(sub.Files)
		if zhifa.ErrorCode(err) == zhifa.EINVALID && len(problems) > 0 {
			failed.Error = "请修改下列标记的项目后重新提交。" // each problem is next to its field
		}
	}
	return s.renderCase(w, r, ui.ErrorStatus(err), p, id, failed, nil)
}

// Evidence downloads.

// HandleCaseEvidence serves GET /workbench/cases/{id}/evidence/{eid}.
func (s *Cases) HandleCaseEvidence(w http.ResponseWriter, r *http.Request) error {
	return s.serveEvidence(w, r)
}

// The review queue.
