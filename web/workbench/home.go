package workbench

import (
	"net/http"

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/web/ui"
)

// WorkbenchPage is the workbench home: the user's to-do list (待办), then
// the menu's tiles.
type WorkbenchPage struct {
	ui.Page
	Links         []ui.Nav
	CalendarNeeds []calendar.YearNeed // see calendarNeeds
	Todos         TodoList
	HasTodos      bool // the user's roles have a to-do list
}

// WithTodos gives the home page its to-do lists.
func (s *Home) WithTodos(t *Todos) *Home {
	s.todos = t
	return s
}

// HandleWorkbench serves GET /workbench.
func (s *Home) HandleWorkbench(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	p := WorkbenchPage{Page: ui.Page{Title: "工作台", Section: "workbench", Actor: a}, Links: ui.WorkbenchLinks(a),
		CalendarNeeds: s.calendarNeeds(r.Context(), a)}
	if s.todos != nil {
		if p.Todos, err = s.todos.List(r.Context(), a); err != nil {
			return err
		}
		p.HasTodos = true
	}
	s.render(w, r, http.StatusOK, "workbench", p)
	return nil
}
