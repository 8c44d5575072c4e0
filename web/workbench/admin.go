package workbench

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// 三员分立 in the workbench (issue 16, item 2): /workbench/admin/users shows
// each administrator only its part — the system administrator the account
// forms (create, including a login for an officer in the registry; disable,
// enable; reset the password), the security administrator the role forms.
// The service refuses anything else (identity/admin.go), so a forged form
// gets a 403 with who may do it.

// AdminService is what the user administration uses (service.Service).
type AdminService interface {
	ListUsers(ctx context.Context, a zhifa.Actor) ([]*identity.User, error)
	CreateAccount(ctx context.Context, a zhifa.Actor, in identity.AccountInput) (*identity.User, error)
	SetUserDisabled(ctx context.Context, a zhifa.Actor, userID int64, disabled bool) error
	ResetPassword(ctx context.Context, a zhifa.Actor, userID int64, password string) error
	SetRoles(ctx context.Context, a zhifa.Actor, userID int64, roles []zhifa.Role) error
	Officers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error)
	Agencies(ctx context.Context) ([]*registry.Agency, error)
}

// Admin serves the user administration.
type Admin struct {
	base
	flash
	svc AdminService
}

// NewAdmin returns the user administration pages.
func NewAdmin(svc AdminService, u *ui.Responder, secure bool) *Admin {
	return &Admin{base: base{u}, flash: flash{secure}, svc: svc}
}

// AdminUsersPage is the list of users with the forms of the viewer's part.
type AdminUsersPage struct {
	ui.Page
	Users     []*identity.User
	CanManage bool // system administrator: accounts and passwords
	CanAssign bool // security administrator: roles
	Roles     []zhifa.Role
	Officers  []*registry.Officer // officers in the registry without a login
	Agencies  []*registry.Agency
	Form      identity.AccountInput
}

const adminPath = "/workbench/admin/users"

// HandleUsers serves GET /workbench/admin/users.
func (s *Admin) HandleUsers(w http.ResponseWriter, r *http.Request) error {
	p, err := s.page(r, http.StatusOK)
	if err != nil {
		return err
	}
	p.Flash = s.takeFlash(w, r, adminPath)
	s.render(w, r, http.StatusOK, "admin_users", p)
	return nil
}

func (s *Admin) page(r *http.Request, _ int) (AdminUsersPage, error) {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return AdminUsersPage{}, err
	}
	ctx := r.Context()
	p := AdminUsersPage{Page: ui.Page{Title: "用户与角色", Section: "workbench", Actor: a}, Roles: zhifa.AllRoles,
		CanManage: access.Allowed(a, access.UserManage, 0), CanAssign: access.Allowed(a, access.RoleAssign, 0)}
	if p.Users, err = s.svc.ListUsers(ctx, a); err != nil {
		return p, err
	}
	if p.CanManage {
		os, err := s.svc.Officers(ctx, registry.OfficerFilter{})
		if err != nil {
			return p, err
		}
		for _, o := range os {
			if !slices.ContainsFunc(p.Users, func(u *identity.User) bool { return u.OfficerID == o.ID }) {
				p.Officers = append(p.Officers, o)
			}
		}
		if p.Agencies, err = s.svc.Agencies(ctx); err != nil {
			return p, err
		}
	}
	return p, nil
}

// formFailed shows the page again with the form's problems; errors that
// are not the form's go to the error page.
func (s *Admin) formFailed(w http.ResponseWriter, r *http.Request, err error, form identity.AccountInput) error {
	if c := zhifa.ErrorCode(err); c != zhifa.EINVALID && c != zhifa.ECONFLICT {
		return err
	}
	p, perr := s.page(r, 0)
	if perr != nil {
		return perr
	}
	p.Error, p.Form = zhifa.ErrorMessage(err), form
	if e, ok := err.(*zhifa.Error); ok {
		p.Problems = e.Problems
	}
	s.render(w, r, ui.ErrorStatus(err), "admin_users", p)
	return nil
}

// HandleCreate serves POST /workbench/admin/users: a new account, for an
// officer in the registry (officer_id: its name and agency come from the
// registry) or for anyone (name, agency_id).
func (s *Admin) HandleCreate(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	in := identity.AccountInput{Username: r.PostFormValue("username"), Name: r.PostFormValue("name"),
		AgencyID: ui.FormID(r.PostFormValue("agency_id")), OfficerID: ui.FormID(r.PostFormValue("officer_id")), Password: r.PostFormValue("password")}
	if in.OfficerID > 0 && access.Allowed(a, access.UserManage, 0) {
		os, err := s.svc.Officers(r.Context(), registry.OfficerFilter{ID: &in.OfficerID})
		if err != nil {
			return err
		}
		if len(os) == 0 {
			return s.formFailed(w, r, zhifa.Invalid(map[string]string{"officer_id": "所选执法人员不存在"}), in)
		}
		in.Name, in.AgencyID = os[0].Name, os[0].AgencyID
	}
	u, err := s.svc.CreateAccount(r.Context(), a, in)
	if err != nil {
		in.Password = ""
		return s.formFailed(w, r, err, in)
	}
	s.setFlash(w, adminPath, "已创建账号“"+u.Username+"”(尚无角色,请安全管理员授予角色),并记入执法台账。")
	http.Redirect(w, r, adminPath, http.StatusSeeOther)
	return nil
}

// HandleAction serves POST /workbench/admin/users/{id}/{action}: disable,
// enable, password (reset) or roles.
func (s *Admin) HandleAction(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	r.ParseForm()
	var msg string
	switch act := r.PathValue("action"); act {
	case "disable", "enable":
		err, msg = s.svc.SetUserDisabled(r.Context(), a, id, act == "disable"), map[string]string{"disable": "已停用账号", "enable": "已启用账号"}[act]
	case "password":
		err, msg = s.svc.ResetPassword(r.Context(), a, id, r.PostFormValue("password")), "已重置密码"
	case "roles":
		var roles []zhifa.Role
		for _, v := range r.PostForm["roles"] {
			roles = append(roles, zhifa.Role(strings.TrimSpace(v)))
		}
		err, msg = s.svc.SetRoles(r.Context(), a, id, roles), "已设置角色"
	default:
		return zhifa.Errorf(zhifa.ENOTFOUND, "没有操作“%s”", act)
	}
	if err != nil {
		return s.formFailed(w, r, err, identity.AccountInput{})
	}
	s.setFlash(w, adminPath, msg+",并记入执法台账。")
	http.Redirect(w, r, adminPath+"#user-"+r.PathValue("id"), http.StatusSeeOther)
	return nil
}
