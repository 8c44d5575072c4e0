package identity

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/netip"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// accountKey is the key of a typed user name in the login counters: its
// SHA-256, so that names that do not exist are kept without their text.
func accountKey(username string) string {
	h := sha256.Sum256([]byte(username))
	return hex.EncodeToString(h[:])
}

// LoginLimits bound login attempts, beside the pair lockout
// (Service.MaxFailedLogins within Service.LockFor, kept in the database and
// so shared by every serve process). The rate limits are token buckets
// held in memory: each serve process keeps its own, so behind a load
// balancer with n processes they allow up to n times as much.
type LoginLimits struct {
	// AddressEvery and AddressBurst limit the login attempts of one client
	// address (an IPv6 address counts by its /64): AddressBurst at once,
	// then one per AddressEvery.
	AddressEvery time.Duration
	AddressBurst int
	// AccountEvery and AccountBurst limit the failed logins against one
	// user name from all addresses together, which slows a guesser spread
	// over many addresses. An address that has logged in to the account
	// before (in this process) is not held back by it, so that the real
	// user still gets in while strangers are slowed.
	AccountEvery time.Duration
	AccountBurst int
	// HashSlots is how many password checks run at once; the others wait,
	// so a flood costs at most HashSlots cores and their memory (19 MiB each).
	// Addresses that have logged in before wait ahead of the others.
	HashSlots int
	// FailureWindow is the window in which an account's failed logins are
	// aggregated into one ledger event.
	FailureWindow time.Duration
	// RefuseDelay is how long an attempt refused by a limit or a lock waits
	// before its answer, so that a client flooding the login in a loop
	// sends a few requests a second instead of thousands (their handling
	// alone would take the cores from other users). At most
	// maxDelayedRefusals wait at once; beyond that refusals answer at once.
	RefuseDelay time.Duration
}

// maxDelayedRefusals bounds the refusals waiting RefuseDelay (a goroutine
// and a connection each).
const maxDelayedRefusals = 1024

// DefaultLoginLimits returns the limits New sets: 20 attempts per address,
// then one every 3 s; 20 failures per user name, then one every 30 s; half
// the cores (1 to 4) for password hashing; 15-minute ledger windows; a
// refusal answered after 1 s.
func DefaultLoginLimits() LoginLimits {
	slots := min(max(runtime.GOMAXPROCS(0)/2, 1), 4)
	return LoginLimits{AddressEvery: 3 * time.Second, AddressBurst: 20, AccountEvery: 30 * time.Second, AccountBurst: 20,
		HashSlots: slots, FailureWindow: 15 * time.Minute, RefuseDelay: time.Second}
}

// The hashing pool's size is read at the first login; the other limits
// apply to the buckets created after a change.

// loginGuard holds the in-memory state of the rate limits and the hashing
// pool; it is set up from Service.LoginLimits on the first login.
type loginGuard struct {
	once      sync.Once
	mu        sync.Mutex
	addresses map[string]*rate.Limiter
	accounts  map[string]*rate.Limiter
	known     map[string][]string // account → addresses that logged in to it (latest last)
	pool      *hashPool
	seen      map[string]bool // addresses that have logged in (any account)
	delayed   chan struct{}   // refusals waiting RefuseDelay
	dummy     string          // a hash to check unknown names against, so they cost as much as known ones
}

// maxLimiters bounds each limiter map: beyond it, limiters that have
// refilled (and so behave like new ones) are dropped.
const maxLimiters = 10000

// maxKnownAddresses is how many successful addresses are kept per account.
const maxKnownAddresses = 8

func (s *Service) loginGuard() *loginGuard {
	g := &s.guard
	g.once.Do(func() {
		g.addresses, g.accounts, g.known = map[string]*rate.Limiter{}, map[string]*rate.Limiter{}, map[string][]string{}
		g.pool, g.seen = newHashPool(s.LoginLimits.HashSlots), map[string]bool{}
		g.delayed = make(chan struct{}, maxDelayedRefusals)
		h, err := HashPassword(newToken())
		if err != nil {
			panic("identity: no randomness for the dummy password hash: " + err.Error())
		}
		g.dummy = h
	})
	return g
}

// limiter returns the limiter of key in m, creating it full.
func (g *loginGuard) limiter(m map[string]*rate.Limiter, key string, every time.Duration, burst int, now time.Time) *rate.Limiter {
	l := m[key]
	if l == nil {
		if len(m) >= maxLimiters {
			for k, v := range m {
				if v.TokensAt(now) >= float64(v.Burst()) {
					delete(m, k)
				}
			}
		}
		l = rate.NewLimiter(rate.Every(every), max(burst, 1))
		m[key] = l
	}
	return l
}

// allowAddress takes one attempt from the address's bucket.
func (s *Service) allowAddress(g *loginGuard, address string, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.limiter(g.addresses, address, s.LoginLimits.AddressEvery, s.LoginLimits.AddressBurst, now).AllowN(now, 1)
}

// accountOpen reports whether a failure against account may still be tried
// from address now (without taking a token).
func (s *Service) accountOpen(g *loginGuard, account, address string, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, a := range g.known[account] {
		if a == address {
			return true
		}
	}
	return g.limiter(g.accounts, account, s.LoginLimits.AccountEvery, s.LoginLimits.AccountBurst, now).TokensAt(now) >= 1
}

func (s *Service) accountFailed(g *loginGuard, account string, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.limiter(g.accounts, account, s.LoginLimits.AccountEvery, s.LoginLimits.AccountBurst, now).AllowN(now, 1)
}

func (s *Service) accountSucceeded(g *loginGuard, account, address string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	known := g.known[account]
	for i, a := range known {
		if a == address {
			known = append(known[:i], known[i+1:]...)
			break
		}
	}
	known = append(known, address)
	if len(known) > maxKnownAddresses {
		known = known[len(known)-maxKnownAddresses:]
	}
	if len(g.known) >= maxLimiters && g.known[account] == nil {
		clear(g.known) // a flood of distinct successful accounts: start again
	}
	g.known[account] = known
	if len(g.seen) >= maxLimiters && !g.seen[address] {
		clear(g.seen)
	}
	g.seen[address] = true
}

// checkPassword checks password against hash in one of the hashing slots;
// an address that has logged in before waits in the fast lane.
func (s *Service) checkPassword(ctx context.Context, g *loginGuard, address, hash, password string) (bool, error) {
	g.mu.Lock()
	fast := g.seen[address]
	g.mu.Unlock()
	if err := g.pool.acquire(ctx, fast); err != nil {
		return false, err
	}
	defer g.pool.release()
	return CheckPassword(hash, password), nil
}

// refuse returns err, the answer to an attempt refused by a limit or a
// lock, after RefuseDelay if a waiting place is free.
func (s *Service) refuse(ctx context.Context, g *loginGuard, err error) error {
	s.metrics().LoginRefused()
	if s.LoginLimits.RefuseDelay <= 0 {
		return err
	}
	select {
	case g.delayed <- struct{}{}:
	default:
		return err
	}
	defer func() { <-g.delayed }()
	t := time.NewTimer(s.LoginLimits.RefuseDelay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
	return err
}

// ClientAddress normalises a client address for the login limits: an IPv4
// address as is, an IPv6 address by its /64 (one host usually holds a
// whole /64); anything else as given.
func ClientAddress(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

var (
	errBadLogin = zhifa.Errorf(zhifa.EUNAUTHORIZED, "用户名或密码错误")
	errTooOften = zhifa.Errorf(zhifa.ELOCKED, "登录尝试过于频繁,请稍后再试")
)

func (s *Service) lockedError(until time.Time) error {
	return zhifa.Errorf(zhifa.ELOCKED, "该用户名在本机连续 %d 次登录失败,请于 %s 后再试,或请系统管理员解锁",
		s.MaxFailedLogins, until.In(cst).Format("15:04"))
}

// unknownUser is the ledger object (and window) of every login failure
// with a user name that does not exist.
const unknownUser = "auth/unknown-user"

// Login is LoginFrom with no known client address (the console).
func (s *Service) Login(ctx context.Context, username, password string) (*Session, error) {
	return s.LoginFrom(ctx, "", username, password)
}

// LoginFrom checks a user name and password sent from a client address
// (see ClientAddress). Success creates a session. Unknown and known user
// names get the same answers, in about the same time:
//
//   - EINVALID when a field is empty;
//   - ELOCKED "too often" when the address, or the failures against the
//     user name from all addresses, exceed LoginLimits;
//   - ELOCKED when the address has failed MaxFailedLogins times within
//     LockFor against this user name: that pair (only) is locked for
//     LockFor, and the MaxFailedLogins-th failure already says so. Attempts
//     are counted before the password is checked, so parallel attempts
//     cannot get more than MaxFailedLogins checks;
//   - EUNAUTHORIZED for a wrong password or an unknown name;
//   - EFORBIDDEN for a disabled account, only once its password is right.
//
// Both ELOCKED refusals come after LoginLimits.RefuseDelay.
//
// Failures are recorded in the ledger aggregated: one auth.login_failed
// event when an account's window (LoginLimits.FailureWindow) opens,
// carrying the count of the window before; the next auth.login or
// user.unlocked event carries the count of the current one.
func (s *Service) LoginFrom(ctx context.Context, address, username, password string) (*Session, error) {
	username = strings.TrimSpace(username)
	problems := map[string]string{}
	if username == "" {
		problems["username"] = "请填写用户名"
	}
	if password == "" {
		problems["password"] = "请填写密码"
	}
	if len(problems) > 0 {
		// The message lists the problems in the form's order (用户名 first),
		// not in Invalid's alphabetical order of field names.
		e := zhifa.Invalid(problems)
		e.Message = "输入有误"
		for _, f := range []string{"username", "password"} {
			if m, ok := problems[f]; ok {
				e.Message += ";" + m
			}
		}
		return nil, e
	}
	g := s.loginGuard()
	now := s.Now()
	address = ClientAddress(address)
	account := accountKey(username)
	if !s.allowAddress(g, address, now) || !s.accountOpen(g, account, address, now) {
		return nil, s.refuse(ctx, g, errTooOften)
	}
	at, err := s.Store.CountLoginAttempt(ctx, account, address, now, s.LockFor)
	if err != nil {
		return nil, err
	}
	if at.N > s.MaxFailedLogins {
		until := at.LockedUntil
		if until.IsZero() { // the locking attempt is still being checked
			until = now.Add(s.LockFor)
		}
		return nil, s.refuse(ctx, g, s.lockedError(until))
	}
	u, err := s.Store.FindUser(ctx, UserFilter{Username: &username})
	if err != nil && zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
		return nil, err
	}
	hash := g.dummy
	if err == nil {
		if hash, err = s.Store.PasswordHash(ctx, u.ID); err != nil {
			return nil, err
		}
	} else {
		u = nil
	}
	ok, err := s.checkPassword(ctx, g, address, hash, password)
	if err != nil {
		return nil, err
	}
	if !ok || u == nil || u.Disabled {
		return nil, s.loginFailed(ctx, g, u, ok, account, address, at.N, now)
	}
	token := newToken()
	obj := "user/" + itoa(u.ID)
	err = s.Store.Write(ctx, func(tx Tx) error {
		n, started, err := tx.ClearLoginFailures(u.ID, account, address)
		if err != nil {
			return err
		}
		if err := tx.CreateSession(tokenHash(token), u.ID); err != nil {
			return err
		}
		e := ledger.Event{Type: "auth.login", Object: obj, Actor: obj, Agency: itoa(u.AgencyID)}
		if n > 0 {
			e.Attrs = windowAttrs(n, started)
		}
		_, err = tx.Record(e)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.accountSucceeded(g, account, address)
	a, err := s.actorOf(ctx, u)
	if err != nil {
		return nil, err
	}
	return &Session{Token: token, Actor: a}, nil
}

// windowAttrs are the attributes that report a window's failed logins.
func windowAttrs(n int, started time.Time) map[string]string {
	return map[string]string{"failures": strconv.Itoa(n), "failures_since": started.UTC().Format(time.RFC3339)}
}

// loginFailed counts a failed login (the nth attempt of its pair), records
// the event of a newly opened window, and returns the answer.
func (s *Service) loginFailed(ctx context.Context, g *loginGuard, u *User, passwordOK bool, account, address string, n int, now time.Time) error {
	s.accountFailed(g, account, now)
	f := LoginFailure{Account: account, Address: address, Window: unknownUser, WindowLen: s.LoginLimits.FailureWindow}
	reason, actor, agency := "unknown_user", "public", ""
	if u != nil {
		f.UserID, f.Window, reason, actor, agency = u.ID, "user/"+itoa(u.ID), "bad_password", "user/"+itoa(u.ID), itoa(u.AgencyID)
		if u.Disabled {
			reason = "disabled"
		}
	}
	s.metrics().LoginFailed(reason)
	locks := n >= s.MaxFailedLogins
	if locks {
		f.LockUntil = now.Add(s.LockFor)
	}
	w, err := s.Store.CountLoginFailure(ctx, f)
	if err != nil {
		return err
	}
	if w.Opened {
		attrs := map[string]string{"reason": reason, "window_minutes": strconv.Itoa(int(s.LoginLimits.FailureWindow.Minutes()))}
		if u == nil {
			attrs["username_digest"] = "sha256:" + account
		}
		if w.PrevFailures > 0 {
			attrs["previous_failures"] = strconv.Itoa(w.PrevFailures)
			attrs["previous_since"] = w.PrevStarted.UTC().Format(time.RFC3339)
		}
		err := s.Store.Write(ctx, func(tx Tx) error {
			_, err := tx.Record(ledger.Event{Type: "auth.login_failed", Object: f.Window, Actor: actor, Agency: agency, Attrs: attrs})
			return err
		})
		if err != nil {
			// The count stays in login_windows; only this event is lost.
			s.Log.Error("record login failure", "err", err)
		}
	}
	switch {
	case locks:
		return s.lockedError(f.LockUntil)
	case passwordOK && u != nil && u.Disabled:
		return zhifa.Errorf(zhifa.EFORBIDDEN, "该账号已停用,请联系系统管理员")
	}
	return errBadLogin
}

// UnlockUser lifts every login lock of a user, from all addresses, and
// clears its failure counts (system or security administrator, or the
// console). The rate limits of other serve processes are in their memory
// and refill by themselves; this process's are reset.
func (s *Service) UnlockUser(ctx context.Context, a zhifa.Actor, userID int64) error {
	if err := access.Check(a, access.UserManage, 0); err != nil {
		if err := s.authorize(ctx, a, access.RoleAssign, 0, "user/"+itoa(userID)); err != nil {
			return err
		}
	}
	u, err := s.Store.FindUser(ctx, UserFilter{ID: &userID})
	if err != nil {
		return err
	}
	account := accountKey(u.Username)
	err = s.Store.Write(ctx, func(tx Tx) error {
		n, started, err := tx.UnlockUser(userID, account)
		if err != nil {
			return err
		}
		e := ledger.Event{Type: "user.unlocked", Object: "user/" + itoa(userID), Actor: a.Ref(), Agency: itoa(u.AgencyID)}
		if n > 0 {
			e.Attrs = windowAttrs(n, started)
		}
		_, err = tx.Record(e)
		return err
	})
	if err != nil {
		return err
	}
	g := s.loginGuard()
	g.mu.Lock()
	delete(g.accounts, account)
	g.mu.Unlock()
	return nil
}

// Logout ends a session and records it.
func (s *Service) Logout(ctx context.Context, token string) error {
	h := tokenHash(token)
	si, err := s.Store.Session(ctx, h)
	if err != nil {
		return nil // already gone
	}
	obj := "user/" + strconv.FormatInt(si.UserID, 10)
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.DeleteSession(h); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "auth.logout", Object: obj, Actor: obj})
		return err
	})
}

// Authenticate returns the actor of a session token. A session ends when
// idle for longer than SessionIdle, SessionMaxAge after its login however
// active, and when its user's password, roles or enablement change (those
// writes delete it).
func (s *Service) Authenticate(ctx context.Context, token string) (zhifa.Actor, error) {
	if token == "" {
		return zhifa.Actor{}, zhifa.Errorf(zhifa.EUNAUTHORIZED, "请先登录")
	}
	h := tokenHash(token)
	si, err := s.Store.Session(ctx, h)
	if err != nil {
		return zhifa.Actor{}, err
	}
	now := s.Now()
	if s.SessionMaxAge > 0 && now.Sub(si.Created) >= s.SessionMaxAge {
		s.Store.ExpireSession(ctx, h)
		return zhifa.Actor{}, zhifa.Errorf(zhifa.EUNAUTHORIZED, "登录已满 %s,会话已结束,请重新登录", hours(s.SessionMaxAge))
	}
	if now.Sub(si.LastSeen) > s.SessionIdle {
		s.Store.ExpireSession(ctx, h)
		return zhifa.Actor{}, zhifa.Errorf(zhifa.EUNAUTHORIZED, "长时间未操作,会话已超时,请重新登录")
	}
	u, err := s.Store.FindUser(ctx, UserFilter{ID: &si.UserID})
	if err != nil {
		return zhifa.Actor{}, err
	}
	if u.Disabled {
		return zhifa.Actor{}, zhifa.Errorf(zhifa.EUNAUTHORIZED, "该账号已停用")
	}
	if now.Sub(si.LastSeen) > s.SessionIdle/30 {
		if err := s.Store.TouchSession(ctx, h, now); err != nil {
			s.Log.Warn("touch session", "err", err)
		}
	}
	return s.actorOf(ctx, u)
}

// hours formats a lifetime for a message: "12 小时", or minutes below one hour.
func hours(d time.Duration) string {
	if d >= time.Hour && d%time.Hour == 0 {
		return strconv.Itoa(int(d/time.Hour)) + " 小时"
	}
	return strconv.Itoa(int(d/time.Minute)) + " 分钟"
}

func (s *Service) actorOf(ctx context.Context, u *User) (zhifa.Actor, error) {
	a := zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
	if u.AgencyID != 0 {
		supervisor, err := s.Store.AgencyIsSupervisor(ctx, u.AgencyID)
		if err != nil {
			return a, err
		}
		a.Supervisor = supervisor
	}
	return a, nil
}

func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
