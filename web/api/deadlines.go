package api

import (
	"net/http"

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/web/ui"
)

// apiDeadline is one item of the monitoring list.
type apiDeadline struct {
	Object          string        `json:"object"`
	CaseID          int64         `json:"case_id,omitempty"`
	CaseNumber      string        `json:"case_number,omitempty"`
	AgencyID        int64         `json:"agency_id"`
	Agency          string        `json:"agency"`
	RuleID          string        `json:"rule_id"`
	Rule            string        `json:"rule"`
	Source          string        `json:"source"`
	Start           calendar.Date `json:"start"`
	Due             calendar.Date `json:"due"`
	Status          string        `json:"status"`
	WorkdaysLeft    int           `json:"workdays_left"`
	WorkdaysOverdue int           `json:"workdays_overdue"`
	Mine            bool          `json:"mine"`
}

// HandleAPIDeadlines serves GET /api/v1/deadlines.
func (s *Deadlines) HandleAPIDeadlines(w http.ResponseWriter, r *http.Request) error {
	items, err := s.svc.DeadlineItems(r.Context(), ui.ActorFrom(r.Context()), s.today())
	if err != nil {
		return err
	}
	out := []apiDeadline{}
	for _, it := range items {
		out = append(out, apiDeadline{Object: it.Object, CaseID: it.CaseID, CaseNumber: it.CaseNumber, AgencyID: it.AgencyID, Agency: it.AgencyName, RuleID: it.Rule.ID, Rule: it.Rule.Name,
			Source: it.Rule.Source, Start: it.Start, Due: it.Due, Status: it.StatusName(), WorkdaysLeft: it.WorkdaysLeft,
			WorkdaysOverdue: it.WorkdaysOverdue, Mine: it.Mine})
	}
	ui.WriteJSON(w, http.StatusOK, out)
	return nil
}

// apiRule is a statutory time limit.
type apiRule struct {
	ID     string        `json:"id"`
	Name   string        `json:"name"`
	N      int           `json:"n"`
	Unit   deadline.Unit `json:"unit"`
	Start  string        `json:"start"`
	Roll   bool          `json:"roll"`
	Source string        `json:"source"`
}

// HandleAPIDeadlineRules serves GET /api/v1/deadline-rules.
func (s *Deadlines) HandleAPIDeadlineRules(w http.ResponseWriter, r *http.Request) error {
	out := []apiRule{}
	for _, x := range deadline.Rules() {
		out = append(out, apiRule{ID: x.ID, Name: x.Name, N: x.N, Unit: x.Unit, Start: x.Start, Roll: x.Roll, Source: x.Source})
	}
	ui.WriteJSON(w, http.StatusOK, out)
	return nil
}
