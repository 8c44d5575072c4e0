package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
)

// Session is a logged-in actor and the token that names the session.
type Session struct {
	Token string
	Actor zhifa.Actor
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// digestOf returns "sha256:<hex>" of s, for putting identifiers that may be
// personal (a mistyped user name) into the ledger without their plaintext.
func digestOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(h[:])
}

var errBadLogin = zhifa.Errorf(zhifa.EUNAUTHORIZED, "用户名或密码错误")

// Login checks a user name and password. Success creates a session; every
// failure is recorded, and MaxFailedLogins failures in a row lock the
// account for LockFor.
func (s *Service) Login(ctx context.Context, username, password string) (*Session, error) {
	username = strings.TrimSpace(username)
	problems := map[string]string{}
	if username == "" {
		problems["username"] = "请填写用户名"
	}
	if password == "" {
		problems["password"] = "请填写密码"
	}
	if len(problems) > 0 {
		return nil, zhifa.Invalid(problems)
	}
	u, err := s.DB.FindUser(ctx, store.UserFilter{Username: &username})
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		// Hash anyway so that timing does not reveal which names exist.
		CheckPassword("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", password)
		s.recordAuth(ctx, "auth.login_failed", "auth/unknown-user", "public", map[string]string{"username_digest": digestOf(username), "reason": "unknown_user"})
		return nil, errBadLogin
	} else if err != nil {
		return nil, err
	}
	now := s.Now()
	obj := "user/" + strconv.FormatInt(u.ID, 10)
	if u.Disabled {
		s.recordAuth(ctx, "auth.login_failed", obj, obj, map[string]string{"reason": "disabled"})
		return nil, zhifa.Errorf(zhifa.EFORBIDDEN, "该账号已停用,请联系系统管理员")
	}
	if now.Before(u.LockedUntil) {
		s.recordAuth(ctx, "auth.login_failed", obj, obj, map[string]string{"reason": "locked"})
		return nil, zhifa.Errorf(zhifa.ELOCKED, "连续登录失败次数过多,账号已锁定至 %s", u.LockedUntil.In(cst).Format("15:04"))
	}
	hash, err := s.DB.PasswordHash(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if !CheckPassword(hash, password) {
		n := u.FailedLogin + 1
		var until = u.LockedUntil
		attrs := map[string]string{"reason": "bad_password", "failures": strconv.Itoa(n)}
		if n >= s.MaxFailedLogins {
			until, n = now.Add(s.LockFor), 0
			attrs["locked"] = "true"
		}
		err := s.DB.Write(ctx, func(tx *store.Tx) error {
			if err := tx.SetLoginFailures(u.ID, n, until); err != nil {
				return err
			}
			_, err := tx.Record(ledger.Event{Type: "auth.login_failed", Object: obj, Actor: obj, Agency: itoa(u.AgencyID), Attrs: attrs})
			return err
		})
		if err != nil {
			return nil, err
		}
		if attrs["locked"] == "true" {
			return nil, zhifa.Errorf(zhifa.ELOCKED, "连续 %d 次登录失败,账号已锁定 %d 分钟", s.MaxFailedLogins, int(s.LockFor.Minutes()))
		}
		return nil, errBadLogin
	}
	token := newToken()
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetLoginFailures(u.ID, 0, zeroTime); err != nil {
			return err
		}
		if err := tx.CreateSession(tokenHash(token), u.ID); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "auth.login", Object: obj, Actor: obj, Agency: itoa(u.AgencyID)})
		return err
	})
	if err != nil {
		return nil, err
	}
	a, err := s.actorOf(ctx, u)
	if err != nil {
		return nil, err
	}
	return &Session{Token: token, Actor: a}, nil
}

func (s *Service) recordAuth(ctx context.Context, typ, object, actor string, attrs map[string]string) {
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Record(ledger.Event{Type: typ, Object: object, Actor: actor, Attrs: attrs})
		return err
	})
	if err != nil {
		s.Log.Error("record auth event", "type", typ, "err", err)
	}
}

// Logout ends a session and records it.
func (s *Service) Logout(ctx context.Context, token string) error {
	h := tokenHash(token)
	uid, _, err := s.DB.Session(ctx, h)
	if err != nil {
		return nil // already gone
	}
	obj := "user/" + strconv.FormatInt(uid, 10)
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteSession(h); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "auth.logout", Object: obj, Actor: obj})
		return err
	})
}

// Authenticate returns the actor of a session token; sessions idle for
// longer than SessionIdle end.
func (s *Service) Authenticate(ctx context.Context, token string) (zhifa.Actor, error) {
	if token == "" {
		return zhifa.Actor{}, zhifa.Errorf(zhifa.EUNAUTHORIZED, "请先登录")
	}
	h := tokenHash(token)
	uid, last, err := s.DB.Session(ctx, h)
	if err != nil {
		return zhifa.Actor{}, err
	}
	now := s.Now()
	if now.Sub(last) > s.SessionIdle {
		s.DB.ExpireSession(ctx, h)
		return zhifa.Actor{}, zhifa.Errorf(zhifa.EUNAUTHORIZED, "长时间未操作,会话已超时,请重新登录")
	}
	u, err := s.DB.FindUser(ctx, store.UserFilter{ID: &uid})
	if err != nil {
		return zhifa.Actor{}, err
	}
	if u.Disabled {
		return zhifa.Actor{}, zhifa.Errorf(zhifa.EUNAUTHORIZED, "该账号已停用")
	}
	if now.Sub(last) > s.SessionIdle/30 {
		if err := s.DB.TouchSession(ctx, h, now); err != nil {
			s.Log.Warn("touch session", "err", err)
		}
	}
	return s.actorOf(ctx, u)
}

func (s *Service) actorOf(ctx context.Context, u *zhifa.User) (zhifa.Actor, error) {
	a := zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
	if u.AgencyID != 0 {
		ag, err := s.DB.FindAgency(ctx, u.AgencyID)
		if err != nil {
			return a, err
		}
		a.Supervisor = ag.Supervisor
	}
	return a, nil
}

func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
