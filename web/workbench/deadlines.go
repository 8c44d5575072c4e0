package workbench

import (
	"net/http"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web/ui"
)

// DeadlinesPage is the monitoring list of time limits and the rules table.
type DeadlinesPage struct {
	ui.Page
	Today   calendar.Date
	Items   []service.DeadlineItem
	Allowed bool // the actor monitors deadlines
	Rules   []RuleRow
}

// RuleRow is a rule of the rules table with its limit in words.
type RuleRow struct {
	deadline.Rule
	Limit string // "7 工作日", or "事件前 7 工作日" for a rule counting backwards
}

func ruleRows() []RuleRow {
	var out []RuleRow
	for _, r := range deadline.Rules() {
		limit := strconv.Itoa(r.N) + " " + string(r.Unit)
		if r.N < 0 {
			limit = "事件前 " + strconv.Itoa(-r.N) + " " + string(r.Unit)
		}
		out = append(out, RuleRow{Rule: r, Limit: limit})
	}
	return out
}

// HandleDeadlines serves GET /workbench/deadlines.
func (s *Deadlines) HandleDeadlines(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	page := DeadlinesPage{Page: ui.Page{Title: "期限监控", Section: "workbench", Actor: a}, Today: s.today(), Rules: ruleRows()}
	page.Items, err = s.svc.DeadlineItems(r.Context(), a, page.Today)
	switch zhifa.ErrorCode(err) {
	case "":
		page.Allowed = true
	case zhifa.EFORBIDDEN:
		// Administrators monitor no cases; they still see the rules.
	default:
		return err
	}
	s.render(w, r, http.StatusOK, "deadlines", page)
	return nil
}
