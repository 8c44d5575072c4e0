package identity

import (
	"context"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

// UserInput is the form for creating a user.
type UserInput struct {
	Username  string
	Name      string
	AgencyID  int64
	OfficerID int64
	Roles     []zhifa.Role
	Password  string
}

// Valid returns per-field problems.
func (in *UserInput) Valid() map[string]string {
	p := map[string]string{}
	in.Username = strings.TrimSpace(in.Username)
	in.Name = strings.TrimSpace(in.Name)
	if in.Username == "" {
		p["username"] = "请填写用户名"
	} else if len(in.Username) > 64 || strings.ContainsAny(in.Username, " \t/\\") {
		p["username"] = "用户名不得超过 64 个字符,且不得含空格或斜杠"
	}
	if in.Name == "" {
		p["name"] = "请填写姓名"
	}
	if len(in.Roles) == 0 {
		p["roles"] = "请至少选择一个角色"
	}
	for _, r := range in.Roles {
		if !r.Valid() {
			p["roles"] = "未知角色“" + string(r) + "”"
		}
	}
	if msg := access.RolesConflict(in.Roles); msg != "" {
		p["roles"] = msg
	}
	if msg := passwordProblem(in.Password, in.Username); msg != "" {
		p["password"] = msg
	}
	return p
}

// CreateUser creates a user. Enforcement and review roles need an agency;
// a supervisor belongs to the supervising 司法局.
func (s *Service) CreateUser(ctx context.Context, a zhifa.Actor, in UserInput) (*User, error) {
	if err := s.authorize(ctx, a, access.UserManage, 0, "user/new"); err != nil {
		return nil, err
	}
	p := in.Valid()
	var found, supervisor bool
	if in.AgencyID != 0 {
		var err error
		if supervisor, err = s.Store.AgencyIsSupervisor(ctx, in.AgencyID); err != nil {
			p["agency_id"] = "所属单位不存在"
		} else {
			found = true
		}
	}
	for _, r := range in.Roles {
		switch {
		case r == zhifa.RoleSupervisor && (!found || !supervisor):
			p["agency_id"] = "执法监督人员须属于司法局(监督机关)"
		case !r.IsAdmin() && r != zhifa.RoleSupervisor && !found:
			p["agency_id"] = "执法、审核、审批角色须指定所属执法主体"
		}
	}
	if len(p) > 0 {
		return nil, zhifa.Invalid(p)
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u := &User{Username: in.Username, Name: in.Name, AgencyID: in.AgencyID, OfficerID: in.OfficerID, Roles: in.Roles}
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreateUser(u, hash); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "user.created", Object: "user/" + itoa(u.ID), Actor: a.Ref(), Agency: itoa(u.AgencyID),
			Attrs: map[string]string{"roles": joinRoles(u.Roles)}})
		return err
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func joinRoles(rs []zhifa.Role) string {
	ss := make([]string, len(rs))
	for i, r := range rs {
		ss[i] = string(r)
	}
	return strings.Join(ss, ",")
}

// FindUserByName returns a user by user name (administrators only).
func (s *Service) FindUserByName(ctx context.Context, a zhifa.Actor, username string) (*User, error) {
	if err := s.authorize(ctx, a, access.UserManage, 0, "user"); err != nil {
		if err2 := s.authorize(ctx, a, access.RoleAssign, 0, "user"); err2 != nil {
			return nil, err
		}
	}
	return s.Store.FindUser(ctx, UserFilter{Username: &username})
}

// ListUsers lists all users (administrators only).
func (s *Service) ListUsers(ctx context.Context, a zhifa.Actor) ([]*User, error) {
	if err := access.Check(a, access.UserManage, 0); err != nil {
		if err := s.authorize(ctx, a, access.RoleAssign, 0, "user"); err != nil {
			return nil, err
		}
	}
	return s.Store.FindUsers(ctx, UserFilter{})
}

// SetUserDisabled disables or re-enables a user; disabling ends its sessions.
func (s *Service) SetUserDisabled(ctx context.Context, a zhifa.Actor, userID int64, disabled bool) error {
	if err := s.authorize(ctx, a, access.UserManage, 0, "user/"+itoa(userID)); err != nil {
		return err
	}
	if a.UserID == userID && disabled {
		return zhifa.Errorf(zhifa.ECONFLICT, "不能停用自己的账号")
	}
	if _, err := s.Store.FindUser(ctx, UserFilter{ID: &userID}); err != nil {
		return err
	}
	typ := "user.enabled"
	if disabled {
		typ = "user.disabled"
	}
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.SetDisabled(userID, disabled); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: typ, Object: "user/" + itoa(userID), Actor: a.Ref()})
		return err
	})
}

// ResetPassword sets a new password (system administrator or console: the
// accounts are the system administrator's part of 三员分立); it ends the
// user's sessions and clears the login locks of its old password.
func (s *Service) ResetPassword(ctx context.Context, a zhifa.Actor, userID int64, password string) error {
	if err := s.authorize(ctx, a, access.UserManage, 0, "user/"+itoa(userID)); err != nil {
		return err
	}
	u, err := s.Store.FindUser(ctx, UserFilter{ID: &userID})
	if err != nil {
		return err
	}
	if msg := passwordProblem(password, u.Username); msg != "" {
		return zhifa.Invalid(map[string]string{"password": msg})
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.SetPassword(userID, hash); err != nil {
			return err
		}
		n, started, err := tx.UnlockUser(userID, accountKey(u.Username))
		if err != nil {
			return err
		}
		e := ledger.Event{Type: "user.password_reset", Object: "user/" + itoa(userID), Actor: a.Ref()}
		if n > 0 {
			e.Attrs = windowAttrs(n, started)
		}
		_, err = tx.Record(e)
		return err
	})
}

// SetRoles replaces a user's roles (security administrator or console),
// keeping the three administrator roles separated; it ends the user's
// sessions.
func (s *Service) SetRoles(ctx context.Context, a zhifa.Actor, userID int64, roles []zhifa.Role) error {
	if err := s.authorize(ctx, a, access.RoleAssign, 0, "user/"+itoa(userID)); err != nil {
		return err
	}
	if len(roles) == 0 {
		return zhifa.Invalid(map[string]string{"roles": "请至少选择一个角色"})
	}
	for _, r := range roles {
		if !r.Valid() {
			return zhifa.Invalid(map[string]string{"roles": "未知角色“" + string(r) + "”"})
		}
	}
	if msg := access.RolesConflict(roles); msg != "" {
		return zhifa.Invalid(map[string]string{"roles": msg})
	}
	if _, err := s.Store.FindUser(ctx, UserFilter{ID: &userID}); err != nil {
		return err
	}
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.SetRoles(userID, roles); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "user.roles_set", Object: "user/" + itoa(userID), Actor: a.Ref(), Attrs: map[string]string{"roles": joinRoles(roles)}})
		return err
	})
}
