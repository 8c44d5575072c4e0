package web

import (
	"net/http"

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/web/portal"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// Short names for web/ui, web/staff and web/portal, so that the code still
// here reads as it did before the split: transitional, while other
// branches edit the same lines.
var (
	writeJSON    = ui.WriteJSON
	actorFrom    = ui.ActorFrom
	limitText    = ui.LimitText
	sizeText     = ui.SizeText
	cst          = ui.CST
	sessionToken = ui.SessionToken
	certClass    = portal.CertClass // a template function of every page (ready.go)
)

func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	s.ui.PageFail(w, r, err)
}

func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) { s.ui.APIFail(w, r, err) }
func (s *Server) page(h ui.Handler) http.HandlerFunc                        { return s.ui.Page(h) }
func (s *Server) api(h ui.Handler) http.HandlerFunc                         { return s.ui.API(h) }
func (s *Server) today() calendar.Date                                      { return staff.Today(s.svc) }
