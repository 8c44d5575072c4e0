package web

import (
	"net/http"

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/web/api"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// Short names for web/ui, web/staff and web/api, so that the code still
// here reads as it did before the split: transitional, while other
// branches edit the same lines.
type (
	Page          = ui.Page
	apiWithdrawal = api.Withdrawal
	apiCorrection = api.Correction
)

var (
	writeJSON        = ui.WriteJSON
	decodeJSON       = ui.DecodeJSON
	pathIndex        = ui.PathIndex
	queryID          = ui.QueryID
	formID           = ui.FormID
	actorFrom        = ui.ActorFrom
	limitText        = ui.LimitText
	sizeText         = ui.SizeText
	cst              = ui.CST
	toAPIWithdrawal  = api.ToWithdrawal
	toAPICorrections = api.ToCorrections
	queryString      = ui.QueryString
	sessionToken     = ui.SessionToken
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
func (s *Server) today() calendar.Date                                      { return staff.Today(s.svc) }
