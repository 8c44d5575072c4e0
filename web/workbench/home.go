package workbench

import (
	"net/http"

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/web/ui"
)

// WorkbenchPage is the workbench home.
type WorkbenchPage struct {
	ui.Page
	Links         []ui.Nav
	CalendarNeeds []calendar.YearNeed // see calendarNeeds
}

// HandleWorkbench serves GET /workbench.
func (s *Home) HandleWorkbench(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "workbench", WorkbenchPage{Page: ui.Page{Title: "工作台", Section: "workbench", Actor: a}, Links: ui.WorkbenchLinks(a),
		CalendarNeeds: s.calendarNeeds(r.Context(), a)})
	return nil
}
