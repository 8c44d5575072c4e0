package workbench

import (
	"net/http"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/web/ui"
)

// LoginPage is the data of the login page.
type LoginPage struct {
	ui.Page
	Username string
	Next     string
}

func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/workbench"
	}
	return next
}

// HandleLoginForm serves GET /login.
func (s *Session) HandleLoginForm(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "login", LoginPage{Page: ui.Page{Title: "工作台登录", Section: "workbench"}, Next: safeNext(r.URL.Query().Get("next"))})
	return nil
}

// HandleLogin serves POST /login.
func (s *Session) HandleLogin(w http.ResponseWriter, r *http.Request) error {
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	sess, err := s.svc.LoginFrom(r.Context(), s.clientAddress(r), username, password)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.EINTERNAL {
			return err
		}
		page := LoginPage{Page: ui.Page{Title: "工作台登录", Section: "workbench", Error: zhifa.ErrorMessage(err)}, Username: username, Next: next}
		if e, ok := err.(*zhifa.Error); ok {
			page.Problems = e.Problems
		}
		s.render(w, r, ui.ErrorStatus(err), "login", page)
		return nil
	}
	s.setSessionCookie(w, sess.Token, s.sessionMaxAge())
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// HandleLogout serves POST /logout.
func (s *Session) HandleLogout(w http.ResponseWriter, r *http.Request) error {
	if tok := ui.SessionToken(r); tok != "" {
		if err := s.svc.Logout(r.Context(), tok); err != nil {
			return err
		}
	}
	s.setSessionCookie(w, "", -1)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}
