package identity

import (
	"context"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

// 三员分立 in the workbench and the API (issue 16, item 2): the system
// administrator (UserManage) creates accounts — with no role — disables,
// enables and resets passwords; the security administrator (RoleAssign)
// grants roles (SetRoles); the audit administrator (AuditRead) reads the
// audit trail. Each action is a ledger event in the same transaction.

// AccountInput is a new account as the system administrator makes it:
// without roles, which the security administrator grants.
type AccountInput struct {
	Username  string
	Name      string
	AgencyID  int64 // its organisation, 0 for an administrator
	OfficerID int64 // the officer (执法证) in the registry it logs in for, 0 if none
	Password  string
}

// Valid returns per-field problems, in the form's order of fields.
func (in *AccountInput) Valid() map[string]string {
	u := UserInput{Username: in.Username, Name: in.Name, Password: in.Password, Roles: []zhifa.Role{zhifa.RoleOfficer}}
	p := u.Valid()
	in.Username, in.Name = u.Username, u.Name
	delete(p, "roles")
	if in.OfficerID < 0 {
		p["officer_id"] = "执法人员选择无效"
	}
	if in.AgencyID < 0 {
		p["agency_id"] = "所属单位选择无效"
	}
	return p
}

// CreateAccount creates an account without roles (system administrator or
// console). Errors: EINVALID naming the field, ECONFLICT for a user name
// taken, EFORBIDDEN.
func (s *Service) CreateAccount(ctx context.Context, a zhifa.Actor, in AccountInput) (*User, error) {
	if err := s.authorize(ctx, a, access.UserManage, 0, "user/new"); err != nil {
		return nil, err
	}
	p := in.Valid()
	if in.AgencyID > 0 {
		if _, err := s.Store.AgencyIsSupervisor(ctx, in.AgencyID); err != nil {
			p["agency_id"] = "所属单位不存在"
		}
	}
	if len(p) > 0 {
		return nil, zhifa.Invalid(p)
	}
	username := in.Username
	if _, err := s.Store.FindUser(ctx, UserFilter{Username: &username}); err == nil {
		return nil, zhifa.Invalid(map[string]string{"username": "用户名“" + in.Username + "”已被使用"})
	}
	if in.OfficerID > 0 {
		oid := in.OfficerID
		if us, err := s.Store.FindUsers(ctx, UserFilter{}); err == nil {
			for _, u := range us {
				if u.OfficerID == oid {
					return nil, zhifa.Invalid(map[string]string{"officer_id": "该执法人员已有登录账号“" + u.Username + "”"})
				}
			}
		}
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u := &User{Username: in.Username, Name: strings.TrimSpace(in.Name), AgencyID: in.AgencyID, OfficerID: in.OfficerID}
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreateUser(u, hash); err != nil {
			return err
		}
		attrs := map[string]string{"roles": "none"}
		if u.OfficerID != 0 {
			attrs["officer"] = itoa(u.OfficerID)
		}
		_, err := tx.Record(ledger.Event{Type: "user.created", Object: "user/" + itoa(u.ID), Actor: a.Ref(), Agency: itoa(u.AgencyID), Attrs: attrs})
		return err
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// UserByID returns a user for the administrators (system or security).
func (s *Service) UserByID(ctx context.Context, a zhifa.Actor, id int64) (*User, error) {
	if err := access.Check(a, access.UserManage, 0); err != nil {
		if err := s.authorize(ctx, a, access.RoleAssign, 0, "user/"+itoa(id)); err != nil {
			return nil, err
		}
	}
	return s.Store.FindUser(ctx, UserFilter{ID: &id})
}
