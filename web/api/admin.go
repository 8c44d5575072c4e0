package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web/ui"
)

// 三员分立 in the API (issue 16, item 2): /api/v1/admin/users for the system
// administrator (accounts, passwords) and the security administrator
// (roles), /api/v1/audit/events for the audit administrator. The service
// decides who may do what (identity/admin.go, service/audit.go).

// AdminService is what the administration API uses (service.Service).
type AdminService interface {
	ListUsers(ctx context.Context, a zhifa.Actor) ([]*identity.User, error)
	UserByID(ctx context.Context, a zhifa.Actor, id int64) (*identity.User, error)
	CreateAccount(ctx context.Context, a zhifa.Actor, in identity.AccountInput) (*identity.User, error)
	SetUserDisabled(ctx context.Context, a zhifa.Actor, userID int64, disabled bool) error
	ResetPassword(ctx context.Context, a zhifa.Actor, userID int64, password string) error
	SetRoles(ctx context.Context, a zhifa.Actor, userID int64, roles []zhifa.Role) error
	AuditEvents(ctx context.Context, a zhifa.Actor, f service.AuditFilter) ([]service.AuditEvent, error)
}

// Admin serves the administration API.
type Admin struct{ svc AdminService }

// NewAdmin returns the administration API.
func NewAdmin(svc AdminService) *Admin { return &Admin{svc: svc} }

type apiUser struct {
	ID        int64    `json:"id"`
	Username  string   `json:"username"`
	Name      string   `json:"name"`
	AgencyID  int64    `json:"agency_id,omitempty"`
	OfficerID int64    `json:"officer_id,omitempty"`
	Roles     []string `json:"roles"`
	Disabled  bool     `json:"disabled"`
}

func toAPIUser(u *identity.User) apiUser {
	out := apiUser{ID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: []string{}, Disabled: u.Disabled}
	for _, r := range u.Roles {
		out.Roles = append(out.Roles, string(r))
	}
	return out
}

// HandleAPIAdminUsers serves GET /api/v1/admin/users.
func (s *Admin) HandleAPIAdminUsers(w http.ResponseWriter, r *http.Request) error {
	us, err := s.svc.ListUsers(r.Context(), ui.ActorFrom(r.Context()))
	if err != nil {
		return err
	}
	out := ui.List[apiUser]{Items: []apiUser{}}
	for _, u := range us {
		out.Items = append(out.Items, toAPIUser(u))
	}
	ui.WriteJSON(w, http.StatusOK, out)
	return nil
}

type apiAccount struct {
	Username  string `json:"username"`
	Name      string `json:"name"`
	AgencyID  int64  `json:"agency_id"`
	OfficerID int64  `json:"officer_id"`
	Password  string `json:"password"`
}

// HandleAPIAdminUserCreate serves POST /api/v1/admin/users: a new account
// without roles (system administrator).
func (s *Admin) HandleAPIAdminUserCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.JSONBody[apiAccount](r)
	if err != nil {
		return err
	}
	u, err := s.svc.CreateAccount(r.Context(), ui.ActorFrom(r.Context()), identity.AccountInput{Username: in.Username, Name: in.Name,
		AgencyID: in.AgencyID, OfficerID: in.OfficerID, Password: in.Password})
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, toAPIUser(u))
	return nil
}

// answerUser writes the user id after a change.
func (s *Admin) answerUser(w http.ResponseWriter, r *http.Request, id int64) error {
	u, err := s.svc.UserByID(r.Context(), ui.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, toAPIUser(u))
	return nil
}

// HandleAPIAdminUserRoles serves PUT /api/v1/admin/users/{id}/roles
// (security administrator): {"roles": ["officer", …]}.
func (s *Admin) HandleAPIAdminUserRoles(w http.ResponseWriter, r *http.Request) error {
	id, in, err := ui.PathIndexAndBody[struct {
		Roles []zhifa.Role `json:"roles"`
	}](r, "id")
	if err != nil {
		return err
	}
	if err := s.svc.SetRoles(r.Context(), ui.ActorFrom(r.Context()), id, in.Roles); err != nil {
		return err
	}
	return s.answerUser(w, r, id)
}

// HandleAPIAdminUserPassword serves POST /api/v1/admin/users/{id}/password
// (system administrator): {"password": "…"}.
func (s *Admin) HandleAPIAdminUserPassword(w http.ResponseWriter, r *http.Request) error {
	id, in, err := ui.PathIndexAndBody[struct {
		Password string `json:"password"`
	}](r, "id")
	if err != nil {
		return err
	}
	if err := s.svc.ResetPassword(r.Context(), ui.ActorFrom(r.Context()), id, in.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleAPIAdminUserDisabled serves PUT /api/v1/admin/users/{id}/disabled
// (system administrator): {"disabled": true}.
func (s *Admin) HandleAPIAdminUserDisabled(w http.ResponseWriter, r *http.Request) error {
	id, in, err := ui.PathIndexAndBody[struct {
		Disabled bool `json:"disabled"`
	}](r, "id")
	if err != nil {
		return err
	}
	if err := s.svc.SetUserDisabled(r.Context(), ui.ActorFrom(r.Context()), id, in.Disabled); err != nil {
		return err
	}
	return s.answerUser(w, r, id)
}

type apiAuditEvent struct {
	Index   int64             `json:"index"`
	Type    string            `json:"type"`
	Meaning string            `json:"meaning"`
	Object  string            `json:"object"`
	Actor   string            `json:"actor"`
	Agency  string            `json:"agency,omitempty"`
	Time    time.Time         `json:"time"`
	Attrs   map[string]string `json:"attrs,omitempty"`
	Proof   string            `json:"proof_url"`
}

// HandleAPIAuditEvents serves GET /api/v1/audit/events (audit
// administrator, 司法局): the ledger newest first, filtered by type (a
// prefix), actor, object, from and to (RFC 3339) and limit.
func (s *Admin) HandleAPIAuditEvents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := service.AuditFilter{Type: q.Get("type"), Actor: q.Get("actor"), Object: q.Get("object")}
	problems := map[string]string{}
	at := func(name string) time.Time {
		v := q.Get(name)
		if v == "" {
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			problems[name] = name + "“" + v + "”不是有效的时间,应为 RFC 3339(如 2026-11-26T08:00:00+08:00)"
		}
		return t
	}
	f.From, f.To = at("from"), at("to")
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > service.AuditMax {
			problems["limit"] = "条数 limit“" + v + "”应为 1 至 " + strconv.Itoa(service.AuditMax) + " 之间的整数"
		}
		f.Limit = n
	}
	if len(problems) > 0 {
		return zhifa.Invalid(problems)
	}
	evs, err := s.svc.AuditEvents(r.Context(), ui.ActorFrom(r.Context()), f)
	if err != nil {
		return err
	}
	out := ui.List[apiAuditEvent]{Items: []apiAuditEvent{}}
	for _, e := range evs {
		out.Items = append(out.Items, apiAuditEvent{Index: e.Index, Type: e.Type, Meaning: ledger.EventName(e.Type), Object: e.Object, Actor: e.Actor,
			Agency: e.Agency, Time: e.Time, Attrs: e.Attrs, Proof: "/api/v1/ledger/proof/" + strconv.FormatInt(e.Index, 10)})
	}
	ui.WriteJSON(w, http.StatusOK, out)
	return nil
}
