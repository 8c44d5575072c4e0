package web

import (
	"net/http"

	"github.com/zhifa/zhifa/web/ui"
)

// Short names for web/ui, so that the code moved out of this package (to
// web/workbench, web/api) and the code still here read as they did before
// the split: transitional, while other branches edit the same lines.
type (
	Page = ui.Page
	Nav  = ui.Nav
)

var (
	writeJSON      = ui.WriteJSON
	decodeJSON     = ui.DecodeJSON
	pathIndex      = ui.PathIndex
	queryID        = ui.QueryID
	actorFrom      = ui.ActorFrom
	requireLogin   = ui.RequireLogin
	errorStatus    = ui.ErrorStatus
	readFormError  = ui.ReadFormError
	limitText      = ui.LimitText
	sizeText       = ui.SizeText
	requestID      = ui.RequestID
	workbenchLinks = ui.WorkbenchLinks
	cst            = ui.CST
)

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	s.ui.Render(w, r, status, page, data)
}

func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	s.ui.PageFail(w, r, err)
}
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) { s.ui.APIFail(w, r, err) }
func (s *Server) page(h ui.Handler) http.HandlerFunc                        { return s.ui.Page(h) }
func (s *Server) api(h ui.Handler) http.HandlerFunc                         { return s.ui.API(h) }
