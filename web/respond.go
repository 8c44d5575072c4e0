package web

import (
	"net/http"

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// The server's shorthands for the writers of web/ui (middleware, which has
// no handler to return an error to, writes errors itself) and its "today".

func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	s.ui.PageFail(w, r, err)
}

func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) { s.ui.APIFail(w, r, err) }
func (s *Server) page(h ui.Handler) http.HandlerFunc                        { return s.ui.Page(h) }
func (s *Server) api(h ui.Handler) http.HandlerFunc                         { return s.ui.API(h) }
func (s *Server) today() calendar.Date                                      { return staff.Today(s.svc.Now) }
