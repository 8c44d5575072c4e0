package workbench

import (
	"net/http"

	"github.com/zhifa/zhifa/calendar"
)

// WorkbenchPage is the workbench home.
type WorkbenchPage struct {
	Page
	Links         []Nav
	CalendarNeeds []calendar.YearNeed // see calendarNeeds
}

// HandleWorkbench serves GET /workbench.
func (s *Home) HandleWorkbench(w http.ResponseWriter, r *http.Request) error {
	a, err := requireLogin(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "workbench", WorkbenchPage{Page: Page{Title: "工作台", Section: "workbench", Actor: a}, Links: workbenchLinks(a),
		CalendarNeeds: s.calendarNeeds(r.Context(), a)})
	return nil
}
