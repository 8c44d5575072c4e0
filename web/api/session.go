package api

import (
	"net/http"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/web/ui"
)

type apiLoginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type apiSession struct {
	Token string   `json:"token"`
	User  apiActor `json:"user"`
}

type apiActor struct {
	ID       int64    `json:"id"`
	Username string   `json:"username"`
	Name     string   `json:"name"`
	AgencyID int64    `json:"agency_id,omitempty"`
	Roles    []string `json:"roles"`
}

func toAPIActor(a zhifa.Actor) apiActor {
	out := apiActor{ID: a.UserID, Username: a.Username, Name: a.Name, AgencyID: a.AgencyID, Roles: []string{}}
	for _, r := range a.Roles {
		out.Roles = append(out.Roles, string(r))
	}
	return out
}

// HandleAPILogin serves POST /api/v1/session.
func (s *Session) HandleAPILogin(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiLoginRequest](r)
	if err != nil {
		return err
	}
	sess, err := s.svc.LoginFrom(r.Context(), s.clientAddress(r), in.Username, in.Password)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, sess.Token, s.sessionMaxAge())
	ui.WriteJSON(w, http.StatusCreated, apiSession{Token: sess.Token, User: toAPIActor(sess.Actor)})
	return nil
}

// HandleAPILogout serves DELETE /api/v1/session.
func (s *Session) HandleAPILogout(w http.ResponseWriter, r *http.Request) error {
	if tok := ui.SessionToken(r); tok != "" {
		if err := s.svc.Logout(r.Context(), tok); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleAPIMe serves GET /api/v1/me.
func (s *Session) HandleAPIMe(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, toAPIActor(a))
	return nil
}
