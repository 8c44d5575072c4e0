package web

import (
	"net/http"

	"github.com/zhifa/zhifa"
)

// statusOf maps error codes to HTTP statuses: the one table.
var statusOf = map[string]int{
	zhifa.EINVALID:      http.StatusBadRequest,
	zhifa.EUNAUTHORIZED: http.StatusUnauthorized,
	zhifa.EFORBIDDEN:    http.StatusForbidden,
	zhifa.ENOTFOUND:     http.StatusNotFound,
	zhifa.ECONFLICT:     http.StatusConflict,
	zhifa.ERULE:         http.StatusUnprocessableEntity,
	zhifa.ELOCKED:       http.StatusLocked,
	zhifa.EINTERNAL:     http.StatusInternalServerError,
}

func errorStatus(err error) int {
	if st, ok := statusOf[zhifa.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// apiError is the JSON body of an error.
type apiError struct {
	Code     string            `json:"code"`
	Message  string            `json:"message"`
	Problems map[string]string `json:"problems,omitempty"`
}

// apiFail writes err as JSON; internal errors are logged once, here.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	code := zhifa.ErrorCode(err)
	if code == zhifa.EINTERNAL {
		s.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	body := apiError{Code: code, Message: zhifa.ErrorMessage(err)}
	if e, ok := err.(*zhifa.Error); ok {
		body.Problems = e.Problems
	}
	writeJSON(w, errorStatus(err), body)
}

// ErrorPage is the data of the error page.
type ErrorPage struct {
	Page
	Status int
}

// pageFail renders an error page; an unauthenticated workbench request goes
// to the login page.
func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	code := zhifa.ErrorCode(err)
	if code == zhifa.EUNAUTHORIZED && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+r.URL.RequestURI(), http.StatusSeeOther)
		return
	}
	if code == zhifa.EINTERNAL {
		s.log.Error("page", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	st := errorStatus(err)
	section := "portal"
	if !actorFrom(r.Context()).Public() {
		section = "workbench"
	}
	s.render(w, r, st, "error", ErrorPage{Page: Page{Title: "出错了", Section: section, Actor: actorFrom(r.Context()), Error: zhifa.ErrorMessage(err)}, Status: st})
}
