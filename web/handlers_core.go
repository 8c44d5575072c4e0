package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa/publicity"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
)

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.svc.DB.LogSize(); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "数据库不可用"})
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

func (s *Server) latestCheckpoint() ([]byte, int64, error) {
	return s.svc.Checkpoint(context.Background(), s.signer, s.origin)
}

// LoginPage is the data of the login page.
type LoginPage struct {
	Page
	Username string
	Next     string
}

func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/workbench"
	}
	return next
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "login", LoginPage{Page: Page{Title: "工作台登录", Section: "workbench"}, Next: safeNext(r.URL.Query().Get("next"))})
	return nil
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: maxAge})
}

// sessionMaxAge is the cookie's Max-Age: the session's absolute lifetime,
// so that the browser drops the cookie when the server ends the session.
func (s *Server) sessionMaxAge() int {
	if s.svc.SessionMaxAge <= 0 {
		return 0
	}
	return int(s.svc.SessionMaxAge.Seconds())
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	username, password := r.PostFormValue("username"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	sess, err := s.svc.LoginFrom(r.Context(), s.clientAddress(r), username, password)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.EINTERNAL {
			return err
		}
		page := LoginPage{Page: Page{Title: "工作台登录", Section: "workbench", Error: zhifa.ErrorMessage(err)}, Username: username, Next: next}
		if e, ok := err.(*zhifa.Error); ok {
			page.Problems = e.Problems
		}
		s.render(w, r, errorStatus(err), "login", page)
		return nil
	}
	s.setSessionCookie(w, sess.Token, s.sessionMaxAge())
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if tok := sessionToken(r); tok != "" {
		if err := s.svc.Logout(r.Context(), tok); err != nil {
			return err
		}
	}
	s.setSessionCookie(w, "", -1)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// WorkbenchPage is the workbench home.
type WorkbenchPage struct {
	Page
	Links         []Nav
	CalendarNeeds []calendar.YearNeed // see calendarNeeds
}

// requireLogin returns the actor, or an EUNAUTHORIZED error for the public.
func requireLogin(r *http.Request) (zhifa.Actor, error) {
	a := actorFrom(r.Context())
	return a, access.Check(a, access.WorkbenchEnter, 0)
}

func (s *Server) handleWorkbench(w http.ResponseWriter, r *http.Request) error {
	a, err := requireLogin(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "workbench", WorkbenchPage{Page: Page{Title: "工作台", Section: "workbench", Actor: a}, Links: workbenchLinks(a),
		CalendarNeeds: s.calendarNeeds(r.Context(), a)})
	return nil
}

// workbenchLinks is the workbench menu for an actor.
// It is the one place that says which pages a role sees; the layout's
// navigation uses it too. A link appears only when the service would allow
// the page's operation for the actor's own agency.
func workbenchLinks(a zhifa.Actor) []Nav {
	links := []Nav{{"/workbench", "首页"}}
	can := func(op access.Op) bool { return access.Allowed(a, op, a.AgencyID) }
	if can(access.CaseRead) {
		links = append(links, Nav{"/workbench/cases", "案件办理"})
	}
	if can(access.CaseReview) {
		links = append(links, Nav{"/workbench/reviews", "法制审核"})
	}
	if can(access.CaseRead) || can(access.Supervise) {
		links = append(links, Nav{"/workbench/deadlines", "期限监控"})
	}
	if can(access.PublicationEdit) {
		links = append(links, Nav{"/workbench/publications", "决定公示"}, Nav{"/workbench/redact", "公示脱敏确认"})
	}
	if can(access.RegistryManage) {
		links = append(links, Nav{"/workbench/registry", "主体人员事项"})
	}
	if can(access.CalendarManage) {
		links = append(links, Nav{"/workbench/calendar", "工作日历"})
	}
	return links
}

// PortalHome is the data of the portal's front page.
type PortalHome struct {
	Page
	Agencies []*registry.Agency
	LogSize  int64
	// Latest are the five latest published decisions (事后公开).
	Latest []*publicity.Publication
}

func (s *Server) handlePortalHome(w http.ResponseWriter, r *http.Request) error {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		return err
	}
	n, err := s.svc.DB.LogSize()
	if err != nil {
		return err
	}
	latest, _, err := s.svc.PublicPublications(r.Context(), publicity.PublicationFilter{Limit: 5})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "portal_home", PortalHome{Page: Page{Title: "行政执法公示平台", Section: "portal", Actor: actorFrom(r.Context())}, Agencies: ags, LogSize: n, Latest: latest})
	return nil
}

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

func (s *Server) handleAPILogin(w http.ResponseWriter, r *http.Request) error {
	in, err := jsonBody[apiLoginRequest](r)
	if err != nil {
		return err
	}
	sess, err := s.svc.LoginFrom(r.Context(), s.clientAddress(r), in.Username, in.Password)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, sess.Token, s.sessionMaxAge())
	writeJSON(w, http.StatusCreated, apiSession{Token: sess.Token, User: toAPIActor(sess.Actor)})
	return nil
}

func (s *Server) handleAPILogout(w http.ResponseWriter, r *http.Request) error {
	if tok := sessionToken(r); tok != "" {
		if err := s.svc.Logout(r.Context(), tok); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) handleAPIMe(w http.ResponseWriter, r *http.Request) error {
	a, err := requireLogin(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toAPIActor(a))
	return nil
}

func (s *Server) handleAPIProof(w http.ResponseWriter, r *http.Request) error {
	idx, err := pathIndex(r, "index")
	if err != nil {
		return err
	}
	p, err := s.svc.Proof(r.Context(), s.signer, s.origin, idx)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(p)
	return nil
}

type apiEvent struct {
	Index int64        `json:"index"`
	Leaf  string       `json:"leaf"` // the exact stored leaf, as text
	Event ledger.Event `json:"event"`
	Proof string       `json:"proof_url"`
}

func (s *Server) handleAPIEvent(w http.ResponseWriter, r *http.Request) error {
	idx, err := pathIndex(r, "index")
	if err != nil {
		return err
	}
	leaf, e, err := s.svc.Event(r.Context(), idx)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, apiEvent{Index: idx, Leaf: string(leaf), Event: e, Proof: "/api/v1/ledger/proof/" + strconv.FormatInt(idx, 10)})
	return nil
}

func (s *Server) handleAPINotFound(w http.ResponseWriter, r *http.Request) error {
	return zhifa.Errorf(zhifa.ENOTFOUND, "没有这个接口:%s %s", r.Method, url.PathEscape(r.URL.Path))
}
