package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// The JSON API of penalty cases: the same service calls as the workbench
// pages, one handler per method. Evidence files are uploaded first (POST
// /api/v1/cases/{id}/files, the raw body streamed into the evidence store)
// and then attached to a step by their digest.
type apiParty struct {
	Kind     string `json:"kind"`
	Name     string `json:"name"`
	IDNumber string `json:"id_number"`
	LegalRep string `json:"legal_rep"`
	Phone    string `json:"phone"`
	Address  string `json:"address"`
}

func (p apiParty) party() zhifa.Party {
	return zhifa.Party{Kind: p.Kind, Name: p.Name, IDNumber: p.IDNumber, LegalRep: p.LegalRep, Phone: p.Phone, Address: p.Address}
}

type apiCase struct {
	ID           int64     `json:"id"`
	AgencyID     int64     `json:"agency_id"`
	AgencyName   string    `json:"agency_name"`
	Number       string    `json:"number"`
	MatterID     int64     `json:"matter_id"`
	MatterName   string    `json:"matter_name"`
	Stage        string    `json:"stage"`
	StageName    string    `json:"stage_name"`
	Source       string    `json:"source"`
	Summary      string    `json:"summary"`
	Party        apiParty  `json:"party"`
	HandlerIDs   []int64   `json:"handler_ids"`
	RegisteredBy int64     `json:"registered_by"`
	OpenedOn     string    `json:"opened_on,omitempty"`
	DecidedOn    string    `json:"decided_on,omitempty"`
	Created      time.Time `json:"created"`
	Updated      time.Time `json:"updated"`
}

func toAPICase(c *zhifa.Case) apiCase {
	p := c.Party
	ids := c.HandlerIDs
	if ids == nil {
		ids = []int64{}
	}
	return apiCase{ID: c.ID, AgencyID: c.AgencyID, AgencyName: c.AgencyName, Number: c.Number, MatterID: c.MatterID, MatterName: c.MatterName,
		Stage: c.Stage, StageName: staff.StageName(c.Stage), Source: c.Source, Summary: c.Summary,
		Party:      apiParty{Kind: p.Kind, Name: p.Name, IDNumber: p.IDNumber, LegalRep: p.LegalRep, Phone: p.Phone, Address: p.Address},
		HandlerIDs: ids, RegisteredBy: c.RegisteredBy, OpenedOn: zhifa.FormatDate(c.OpenedOn), DecidedOn: zhifa.FormatDate(c.DecidedOn),
		Created: c.Created, Updated: c.Updated}
}

// apiCaseInput is a 案源登记; agency_id 0 (or absent) means the user's own.
type apiCaseInput struct {
	AgencyID   int64    `json:"agency_id"`
	MatterID   int64    `json:"matter_id"`
	Source     string   `json:"source"`
	Summary    string   `json:"summary"`
	Party      apiParty `json:"party"`
	HandlerIDs []int64  `json:"handler_ids"`
}

type apiEvidence struct {
	ID          int64     `json:"id"`
	StepID      int64     `json:"step_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	Digest      string    `json:"digest"`
	UploadedBy  int64     `json:"uploaded_by"`
	Created     time.Time `json:"created"`
	URL         string    `json:"download_url"`
}

type apiStep struct {
	ID          int64                `json:"id"`
	Seq         int                  `json:"seq"`
	Action      string               `json:"action"`
	ActionName  string               `json:"action_name"`
	Stage       string               `json:"stage"`
	StageName   string               `json:"stage_name"`
	ActorUserID int64                `json:"actor_user_id"`
	ActorName   string               `json:"actor_name"`
	OfficerIDs  []int64              `json:"officer_ids"`
	Fields      map[string]string    `json:"fields"`
	Review      *zhifa.ReviewOpinion `json:"review,omitempty"`
	Files       []apiEvidence        `json:"files"`
	LedgerIndex int64                `json:"ledger_index"`
	ProofURL    string               `json:"proof_url"`
	Created     time.Time            `json:"created"`
}

func toAPIStep(st *zhifa.Step) apiStep {
	out := apiStep{ID: st.ID, Seq: st.Seq, Action: st.Action, ActionName: penalty.ActionName(penalty.Action(st.Action)), Stage: st.Stage, StageName: staff.StageName(st.Stage),
		ActorUserID: st.ActorUserID, ActorName: st.ActorName, OfficerIDs: st.OfficerIDs, Fields: st.Fields, Review: st.Review,
		Files: []apiEvidence{}, LedgerIndex: st.LedgerIndex, ProofURL: "/api/v1/ledger/proof/" + strconv.FormatInt(st.LedgerIndex, 10), Created: st.Created}
	if out.OfficerIDs == nil {
		out.OfficerIDs = []int64{}
	}
	if out.Fields == nil {
		out.Fields = map[string]string{}
	}
	for _, f := range st.Files {
		out.Files = append(out.Files, apiEvidence{ID: f.ID, StepID: f.StepID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, Digest: f.Digest,
			UploadedBy: f.UploadedBy, Created: f.Created, URL: "/api/v1/cases/" + strconv.FormatInt(st.CaseID, 10) + "/evidence/" + strconv.FormatInt(f.ID, 10)})
	}
	return out
}

type apiCaseDeadline struct {
	RuleID string `json:"rule_id"`
	Rule   string `json:"rule"`
	Source string `json:"source"`
	Start  string `json:"start"`
	Due    string `json:"due"`
	MetAt  string `json:"met_at,omitempty"`
	// Status: met, late (met after the due day), open, today, overdue.
	Status string `json:"status"`
}

type apiField struct {
	Code     string `json:"code"`
	Label    string `json:"label"`
	Required bool   `json:"required"`
}

type apiChecklistItem struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// apiNextAction is a step the user may record now, with its form.
type apiNextAction struct {
	Action    string             `json:"action"`
	Name      string             `json:"name"`
	OnSite    bool               `json:"on_site"`
	Fields    []apiField         `json:"fields"`
	Checklist []apiChecklistItem `json:"checklist,omitempty"`
	Outcomes  []string           `json:"outcomes,omitempty"`
}

type apiCaseDetail struct {
	Case        apiCase               `json:"case"`
	Steps       []apiStep             `json:"steps"`
	Deadlines   []apiCaseDeadline     `json:"deadlines"`
	Officers    []apiOfficer          `json:"officers"`
	Next        []apiNextAction       `json:"next"`
	Publication *apiAgencyPublication `json:"publication"`
}

func (s *Cases) toAPICaseDetail(d *penalty.CaseDetail) apiCaseDetail {
	today := s.svc.Today()
	out := apiCaseDetail{Case: toAPICase(d.Case), Steps: []apiStep{}, Deadlines: []apiCaseDeadline{}, Officers: []apiOfficer{}, Next: []apiNextAction{}}
	for _, st := range d.Steps {
		out.Steps = append(out.Steps, toAPIStep(st))
	}
	for _, row := range staff.DeadlineRows(d.Deadlines) {
		out.Deadlines = append(out.Deadlines, apiCaseDeadline{RuleID: row.ID, Rule: row.Name, Source: row.Source, Start: row.Start, Due: row.Due,
			MetAt: row.MetAt, Status: row.StatusCode})
	}
	ids := make([]int64, 0, len(d.Officers))
	for id := range d.Officers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		out.Officers = append(out.Officers, toAPIOfficer(d.Officers[id], today))
	}
	for _, act := range d.Next {
		t, _ := staff.Transition(act)
		n := apiNextAction{Action: string(act), Name: t.Name, OnSite: t.OnSite, Fields: []apiField{}}
		for _, f := range t.Fields {
			n.Fields = append(n.Fields, apiField{Code: f.Code, Label: f.Label, Required: f.Required})
		}
		if act == penalty.Review {
			for _, c := range review.Checklist() {
				n.Checklist = append(n.Checklist, apiChecklistItem{Code: c.Code, Name: c.Name})
			}
			n.Outcomes = review.Outcomes
		}
		out.Next = append(out.Next, n)
	}
	if d.Publication != nil {
		p := toAPIAgencyPublication(d.Publication)
		out.Publication = &p
	}
	return out
}

type apiReviewItem struct {
	Code   string `json:"code"`
	Passed bool   `json:"passed"`
	Remark string `json:"remark"`
}

type apiReviewInput struct {
	Checklist []apiReviewItem `json:"checklist"`
	Outcome   string          `json:"outcome"`
	Opinion   string          `json:"opinion"`
}

// apiFile is a file stored with POST /cases/{id}/files, to attach to a step.
type apiFile struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Digest      string `json:"digest"`
}

type apiStepInput struct {
	Action     string            `json:"action"`
	Fields     map[string]string `json:"fields"`
	OfficerIDs []int64           `json:"officer_ids"`
	Review     *apiReviewInput   `json:"review"`
	Files      []apiFile         `json:"files"`
}

func (in apiStepInput) input() penalty.StepInput {
	out := penalty.StepInput{Action: penalty.Action(strings.TrimSpace(in.Action)), Fields: in.Fields, OfficerIDs: in.OfficerIDs}
	if in.Review != nil {
		out.Review = &penalty.ReviewForm{Outcome: in.Review.Outcome, Opinion: in.Review.Opinion}
		for _, it := range in.Review.Checklist {
			out.Review.Checklist = append(out.Review.Checklist, review.Item{Code: it.Code, Passed: it.Passed, Remark: it.Remark})
		}
	}
	for _, f := range in.Files {
		out.Files = append(out.Files, penalty.FileInput{Name: f.Name, ContentType: f.ContentType, Digest: f.Digest})
	}
	return out
}

type apiStepResult struct {
	Step   apiStep `json:"step"`
	Case   apiCase `json:"case"`
	Notice string  `json:"notice,omitempty"`
}

func casesJSON(cs []*zhifa.Case) ui.List[apiCase] {
	out := ui.List[apiCase]{Items: []apiCase{}}
	for _, c := range cs {
		out.Items = append(out.Items, toAPICase(c))
	}
	return out
}

// HandleAPICases serves GET /api/v1/cases.
func (s *Cases) HandleAPICases(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	stages, err := staff.CaseStageFilter(r)
	if err != nil {
		return err
	}
	agencyID, err := ui.QueryID(r, "agency_id")
	if err != nil {
		return err
	}
	// Agency 0: the user's own, or for a supervisor every agency.
	f := penalty.CaseListFilter{Stages: stages}
	if agencyID != nil {
		f.AgencyID = *agencyID
	}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return zhifa.Invalid(map[string]string{"limit": "“" + v + "”不是有效的条数"})
		}
		f.Limit = n
	}
	cs, err := s.svc.Cases(r.Context(), a, f)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, casesJSON(cs))
	return nil
}

// HandleAPICaseCreate serves POST /api/v1/cases.
func (s *Cases) HandleAPICaseCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiCaseInput](r)
	if err != nil {
		return err
	}
	c, err := s.svc.RegisterCase(r.Context(), ui.ActorFrom(r.Context()), penalty.CaseInput{AgencyID: in.AgencyID, MatterID: in.MatterID,
		Source: in.Source, Summary: in.Summary, Party: in.Party.party(), HandlerIDs: in.HandlerIDs})
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, toAPICase(c))
	return nil
}

type apiSimpleCaseInput struct {
	AgencyID   int64             `json:"agency_id"`
	MatterID   int64             `json:"matter_id"`
	Party      apiParty          `json:"party"`
	HandlerIDs []int64           `json:"handler_ids"`
	Fields     map[string]string `json:"fields"`
}

// HandleAPISimpleCase serves POST /api/v1/simple-cases: a 简易程序 case
// decided on the spot (penalty.SimpleTable).
func (s *Cases) HandleAPISimpleCase(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiSimpleCaseInput](r)
	if err != nil {
		return err
	}
	res, err := s.svc.DecideOnTheSpot(r.Context(), ui.ActorFrom(r.Context()), penalty.SimpleCaseInput{AgencyID: in.AgencyID, MatterID: in.MatterID,
		Party: in.Party.party(), HandlerIDs: in.HandlerIDs, Fields: in.Fields})
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, apiStepResult{Step: toAPIStep(res.Step), Case: toAPICase(res.Case), Notice: res.Notice})
	return nil
}

// HandleAPICaseGet serves GET /api/v1/cases/{id}.
func (s *Cases) HandleAPICaseGet(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	d, err := s.svc.Case(r.Context(), ui.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, s.toAPICaseDetail(d))
	return nil
}

// HandleAPICaseStep serves POST /api/v1/cases/{id}/steps.
func (s *Cases) HandleAPICaseStep(w http.ResponseWriter, r *http.Request) error {
	id, in, err := ui.PathIndexAndBody[apiStepInput](r, "id")
	if err != nil {
		return err
	}
	res, err := s.svc.RecordStep(r.Context(), ui.ActorFrom(r.Context()), id, in.input())
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, apiStepResult{Step: toAPIStep(res.Step), Case: toAPICase(res.Case), Notice: res.Notice})
	return nil
}

// HandleAPICaseFile streams the request body into the evidence store. The
// file name is the "name" query parameter, its type the Content-Type header.
func (s *Cases) HandleAPICaseFile(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	name := staff.UploadName(r.URL.Query().Get("name"))
	if name == "" {
		return zhifa.Invalid(map[string]string{"name": "请用 name 参数给出文件名"})
	}
	fi, err := s.svc.UploadFile(r.Context(), ui.ActorFrom(r.Context()), id, name, staff.UploadType(r.Header.Get("Content-Type")), r.Body)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, apiFile{Name: fi.Name, ContentType: fi.ContentType, Digest: fi.Digest})
	return nil
}

// HandleAPICaseEvidence serves GET /api/v1/cases/{id}/evidence/{eid}.
func (s *Cases) HandleAPICaseEvidence(w http.ResponseWriter, r *http.Request) error {
	return s.serveEvidence(w, r)
}
