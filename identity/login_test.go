package identity_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

func TestLoginLockoutAndEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := testdate.Now(t)
		s := mustService(t, db)
		s.Now = func() time.Time { return now }
		db.Now = s.Now
		if _, err := s.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: "admin", Name: "管理员", Roles: []zhifa.Role{zhifa.RoleSysAdmin}, Password: testPassword}); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 5; i++ {
			_, err := s.Login(ctx, "admin", "wrong-password")
			want := zhifa.EUNAUTHORIZED
			if i == 5 {
				want = zhifa.ELOCKED
			}
			if zhifa.ErrorCode(err) != want {
				t.Fatalf("attempt %d: %v, want %s", i, err, want)
			}
		}
		if _, err := s.Login(ctx, "admin", testPassword); zhifa.ErrorCode(err) != zhifa.ELOCKED {
			t.Fatalf("login while locked = %v", err)
		}
		now = now.Add(16 * time.Minute)
		sess, err := s.Login(ctx, "admin", testPassword)
		if err != nil {
			t.Fatalf("login after lockout: %v", err)
		}
		if _, err := s.Authenticate(ctx, sess.Token); err != nil {
			t.Fatal(err)
		}
		now = now.Add(31 * time.Minute)
		if _, err := s.Authenticate(ctx, sess.Token); zhifa.ErrorCode(err) != zhifa.EUNAUTHORIZED {
			t.Fatalf("idle session = %v, want unauthorized", err)
		}
		if _, err := s.Login(ctx, "nobody", "x"); zhifa.ErrorCode(err) != zhifa.EUNAUTHORIZED {
			t.Fatal(err)
		}
		// Count the recorded authentication events; no user name in a leaf.
		n, _ := db.LogSize()
		leaves, _ := db.ReadLeaves(0, n)
		counts := map[string]int{}
		for _, l := range leaves {
			e, err := ledger.DecodeEvent(l)
			if err != nil {
				t.Fatal(err)
			}
			counts[e.Type]++
			if containsStr(string(l), "nobody") || containsStr(string(l), "管理员") {
				t.Errorf("leaf carries plaintext: %s", l)
			}
		}
		// Failures are aggregated per account and window: one event opens
		// admin's window and one the unknown names' window; the login
		// carries the count of admin's five.
		if counts["auth.login_failed"] != 2 || counts["auth.login"] != 1 {
			t.Errorf("auth events = %v, want 2 failure windows and 1 login", counts)
		}
		for _, l := range leaves {
			if e, _ := ledger.DecodeEvent(l); e.Type == "auth.login" && e.Attrs["failures"] != "5" {
				t.Errorf("login event attrs = %v, want failures=5", e.Attrs)
			}
		}
	})
}

func containsStr(s, sub string) bool { return strings.Contains(s, sub) }

// The login form's errors read in the form's order: 用户名 before 密码.
func TestLoginProblemsInFieldOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := mustService(t, db)
		_, err := s.Login(context.Background(), "  ", "")
		var e *zhifa.Error
		if !errors.As(err, &e) || e.Code != zhifa.EINVALID {
			t.Fatalf("empty login = %v, want invalid", err)
		}
		if want := "输入有误;请填写用户名;请填写密码"; e.Message != want {
			t.Errorf("message = %q, want %q", e.Message, want)
		}
		if e.Problems["username"] == "" || e.Problems["password"] == "" {
			t.Errorf("problems = %v, want both fields", e.Problems)
		}
	})
}
