package identity_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// 三员分立: the system administrator makes and disables accounts and resets
// passwords, the security administrator grants roles, the audit
// administrator does neither; each can do only its part, and every action
// is a ledger event.
func TestThreeAdministratorsEachTheirPart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := mustService(t, db)
		actor := map[string]zhifa.Actor{}
		for _, u := range []struct {
			name string
			role zhifa.Role
		}{{"sys", zhifa.RoleSysAdmin}, {"sec", zhifa.RoleSecAdmin}, {"aud", zhifa.RoleAuditor}} {
			x, err := s.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: u.name, Name: u.name, Roles: []zhifa.Role{u.role}, Password: testPassword})
			if err != nil {
				t.Fatal(err)
			}
			actor[u.name] = zhifa.Actor{UserID: x.ID, Username: u.name, Roles: []zhifa.Role{u.role}}
		}
		in := identity.AccountInput{Username: "newbie", Name: "新同事", Password: testPassword}
		for _, who := range []string{"sec", "aud"} {
			if _, err := s.CreateAccount(ctx, actor[who], in); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
				t.Errorf("%s creates an account: %v, want forbidden", who, err)
			}
		}
		u, err := s.CreateAccount(ctx, actor["sys"], in)
		if err != nil {
			t.Fatalf("sysadmin creates an account: %v", err)
		}
		if len(u.Roles) != 0 {
			t.Errorf("new account has roles %v; the security administrator grants them", u.Roles)
		}
		if _, err := s.CreateAccount(ctx, actor["sys"], in); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Errorf("same user name again: %v, want invalid", err)
		}
		roles := []zhifa.Role{zhifa.RoleAuditor}
		for _, who := range []string{"sys", "aud"} {
			if err := s.SetRoles(ctx, actor[who], u.ID, roles); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
				t.Errorf("%s grants roles: %v, want forbidden", who, err)
			}
		}
		if err := s.SetRoles(ctx, actor["sec"], u.ID, roles); err != nil {
			t.Fatalf("secadmin grants roles: %v", err)
		}
		for _, who := range []string{"sec", "aud"} {
			if err := s.ResetPassword(ctx, actor[who], u.ID, "Neues-Kennwort-2026"); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
				t.Errorf("%s resets a password: %v, want forbidden", who, err)
			}
			if err := s.SetUserDisabled(ctx, actor[who], u.ID, true); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
				t.Errorf("%s disables an account: %v, want forbidden", who, err)
			}
		}
		if err := s.ResetPassword(ctx, actor["sys"], u.ID, "Neues-Kennwort-2026"); err != nil {
			t.Fatalf("sysadmin resets a password: %v", err)
		}
		if err := s.SetUserDisabled(ctx, actor["sys"], u.ID, true); err != nil {
			t.Fatalf("sysadmin disables: %v", err)
		}
		// Every action is in the ledger, by its administrator.
		n, _ := db.LogSize()
		leaves, _ := db.ReadLeaves(0, n)
		want := map[string]string{"user.created": actor["sys"].Ref(), "user.roles_set": actor["sec"].Ref(),
			"user.password_reset": actor["sys"].Ref(), "user.disabled": actor["sys"].Ref()}
		obj := "user/" + itoa(u.ID)
		for _, l := range leaves {
			e, err := ledger.DecodeEvent(l)
			if err != nil {
				t.Fatal(err)
			}
			if e.Object == obj && want[e.Type] == e.Actor {
				delete(want, e.Type)
			}
		}
		if len(want) > 0 {
			t.Errorf("administrative actions missing from the ledger: %v", want)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
