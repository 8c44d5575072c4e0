package identity_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

const testPassword = "Zhifa-Test-2026"

// mustService returns an identity service over db with a discarded log, on
// the test date.
func mustService(tb testing.TB, db *store.DB) *identity.Service {
	tb.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	db.Now = testdate.Clock(tb)
	return identity.New(store.IdentityStore(db), access.Guard{Denials: db, Log: log}, log, db.Now)
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time                        { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration)                   { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func newClock() *clock                                 { return &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }
func code(err error) string                            { return zhifa.ErrorCode(err) }
func answer(err error) [2]string                       { return [2]string{zhifa.ErrorCode(err), zhifa.ErrorMessage(err)} }
func (c *clock) use(s *identity.Service, db *store.DB) { s.Now = c.Now; db.Now = c.Now }
func mustUser(t *testing.T, s *identity.Service, username string) *identity.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), zhifa.Console, identity.UserInput{Username: username, Name: "测试用户", Roles: []zhifa.Role{zhifa.RoleSysAdmin}, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// loginService is a service on a test clock whose rate limits are out of the
// way, so that a test sees the pair lockout alone.
func loginService(t *testing.T, db *store.DB) (*identity.Service, *clock) {
	s := mustService(t, db)
	c := newClock()
	c.use(s, db)
	s.LoginLimits.AddressBurst, s.LoginLimits.AccountBurst = 1_000_000, 1_000_000
	s.LoginLimits.RefuseDelay = time.Millisecond // still through the waiting path, but quick
	return s, c
}

func events(t *testing.T, db *store.DB) []ledger.Event {
	t.Helper()
	n, err := db.LogSize()
	if err != nil {
		t.Fatal(err)
	}
	leaves, err := db.ReadLeaves(0, n)
	if err != nil {
		t.Fatal(err)
	}
	var out []ledger.Event
	for _, l := range leaves {
		e, err := ledger.DecodeEvent(l)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// TestParallelWrongPasswordsLockThePair sends 20 wrong passwords at once from
// one address: exactly MaxFailedLogins of them are checked (the failure
// counter says so), the pair is locked, and then even the right password
// from that address — 20 times in parallel — is refused, while the real
// user logs in from another address.
func TestParallelWrongPasswordsLockThePair(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, _ := loginService(t, db)
		u := mustUser(t, s, "secadmin")
		const attacker, user = "203.0.113.7", "198.51.100.20"
		parallel := func(password string) map[string]int {
			var mu sync.Mutex
			codes := map[string]int{}
			var wg sync.WaitGroup
			for range 20 {
				wg.Go(func() {
					sess, err := s.LoginFrom(ctx, attacker, "secadmin", password)
					mu.Lock()
					defer mu.Unlock()
					if sess != nil {
						codes["ok"]++
						return
					}
					codes[code(err)]++
				})
			}
			wg.Wait()
			return codes
		}
		got := parallel("wrong-password")
		want := map[string]int{zhifa.EUNAUTHORIZED: s.MaxFailedLogins - 1, zhifa.ELOCKED: 20 - s.MaxFailedLogins + 1}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("20 parallel wrong passwords = %v, want %v", got, want)
		}
		nu, err := db.FindUser(ctx, identity.UserFilter{ID: &u.ID})
		if err != nil {
			t.Fatal(err)
		}
		if nu.FailedLogin != s.MaxFailedLogins {
			t.Errorf("failure counter = %d, want %d (one per checked password)", nu.FailedLogin, s.MaxFailedLogins)
		}
		if got := parallel(testPassword); got["ok"] != 0 || got[zhifa.ELOCKED] != 20 {
			t.Errorf("right password from the locked address = %v, want 20 locked", got)
		}
		if _, err := s.LoginFrom(ctx, user, "secadmin", testPassword); err != nil {
			t.Fatalf("the real user from another address: %v", err)
		}
		// The administrator's unlock lets the address try again.
		if err := s.UnlockUser(ctx, zhifa.Console, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LoginFrom(ctx, attacker, "secadmin", testPassword); err != nil {
			t.Fatalf("after unlock: %v", err)
		}
		var unlocked int
		for _, e := range events(t, db) {
			if e.Type == "user.unlocked" && e.Object == "user/"+strconv.FormatInt(u.ID, 10) && e.Actor == zhifa.Console.Ref() {
				unlocked++
			}
		}
		if unlocked != 1 {
			t.Errorf("user.unlocked events = %d, want 1", unlocked)
		}
	})
}

// TestLockExpires: a locked pair may try again after LockFor.
func TestLockExpires(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, c := loginService(t, db)
		mustUser(t, s, "admin")
		for range s.MaxFailedLogins {
			s.LoginFrom(ctx, "192.0.2.1", "admin", "wrong-password")
		}
		if _, err := s.LoginFrom(ctx, "192.0.2.1", "admin", testPassword); code(err) != zhifa.ELOCKED {
			t.Fatalf("locked pair = %v", err)
		}
		c.Add(s.LockFor)
		if _, err := s.LoginFrom(ctx, "192.0.2.1", "admin", testPassword); err != nil {
			t.Fatalf("after LockFor: %v", err)
		}
	})
}

// TestUnknownAndKnownNamesAnswerAlike runs the same sequence of attempts
// against an existing and a missing user name: every answer (code and
// message) is the same, lockout included.
func TestUnknownAndKnownNamesAnswerAlike(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, _ := loginService(t, db)
		mustUser(t, s, "admin")
		seq := func(address, username string) [][2]string {
			var out [][2]string
			for range s.MaxFailedLogins + 2 {
				_, err := s.LoginFrom(ctx, address, username, "wrong-password")
				out = append(out, answer(err))
			}
			return out
		}
		known, unknown := seq("192.0.2.1", "admin"), seq("192.0.2.2", "nobody")
		if fmt.Sprint(known) != fmt.Sprint(unknown) {
			t.Errorf("answers differ:\nknown   %v\nunknown %v", known, unknown)
		}
		if known[0][0] != zhifa.EUNAUTHORIZED || known[len(known)-1][0] != zhifa.ELOCKED {
			t.Errorf("answers = %v, want unauthorized, then locked", known)
		}
		// The per-name rate limit answers alike too.
		s2, _ := loginService(t, db)
		s2.LoginLimits.AccountBurst = 2
		seq2 := func(address, username string) [][2]string {
			var out [][2]string
			for i := range 4 {
				_, err := s2.LoginFrom(ctx, address+strconv.Itoa(i), username, "wrong-password")
				out = append(out, answer(err))
			}
			return out
		}
		known, unknown = seq2("192.0.2.1", "admin"), seq2("192.0.2.2", "nobody")
		if fmt.Sprint(known) != fmt.Sprint(unknown) || known[3][0] != zhifa.ELOCKED {
			t.Errorf("rate-limited answers:\nknown   %v\nunknown %v", known, unknown)
		}
	})
}

// TestAddressRateLimit: one address gets AddressBurst attempts, whatever
// the user names; another address is not affected.
func TestAddressRateLimit(t *testing.T) {
	db := storetest.MustOpenSQLite(t)
	ctx := context.Background()
	s, c := loginService(t, db)
	mustUser(t, s, "admin")
	s.LoginLimits.AddressBurst, s.LoginLimits.AddressEvery = 3, time.Minute
	for i := range 3 {
		if _, err := s.LoginFrom(ctx, "192.0.2.1", "name"+strconv.Itoa(i), "wrong-password"); code(err) != zhifa.EUNAUTHORIZED {
			t.Fatalf("attempt %d = %v", i, err)
		}
	}
	if _, err := s.LoginFrom(ctx, "192.0.2.1", "admin", testPassword); code(err) != zhifa.ELOCKED {
		t.Fatalf("4th attempt = %v, want locked (too often)", err)
	}
	if _, err := s.LoginFrom(ctx, "192.0.2.9", "admin", testPassword); err != nil {
		t.Fatalf("other address = %v", err)
	}
	c.Add(time.Minute)
	if _, err := s.LoginFrom(ctx, "192.0.2.1", "admin", testPassword); err != nil {
		t.Fatalf("after refill = %v", err)
	}
}

// cheapHash is an argon2id hash with tiny parameters, so that a test can
// check a thousand passwords; CheckPassword reads the parameters from the
// hash.
func cheapHash(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=19$m=64,t=1,p=1$%s$%s", b64.EncodeToString(salt), b64.EncodeToString(argon2.IDKey([]byte(password), salt, 1, 64, 1, 32)))
}

// TestThousandFailuresAddBoundedEvents sends 1,000 wrong passwords against
// one account from 1,000 addresses over 100 minutes, and 100 against
// unknown names: the ledger gets one event per account and 15-minute
// window, and the counts they carry add up to every failure.
func TestThousandFailuresAddBoundedEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, c := loginService(t, db)
		u := &identity.User{Username: "admin", Name: "管理员", Roles: []zhifa.Role{zhifa.RoleSysAdmin}}
		if err := db.Write(ctx, func(tx *store.Tx) error {
			if err := tx.CreateUser(u, cheapHash(testPassword)); err != nil {
				return err
			}
			_, err := tx.Record(ledger.Event{Type: "user.created", Object: "user/" + strconv.FormatInt(u.ID, 10), Actor: "system/console"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		before := len(events(t, db))
		for i := range 1000 {
			addr := fmt.Sprintf("10.%d.%d.1", i/250, i%250)
			if _, err := s.LoginFrom(ctx, addr, "admin", "wrong-password"); code(err) != zhifa.EUNAUTHORIZED {
				t.Fatalf("failure %d = %v", i, err)
			}
			c.Add(6 * time.Second) // 1,000 × 6 s = 100 minutes: 7 windows
		}
		for i := range 100 {
			s.LoginFrom(ctx, "172.16.0."+strconv.Itoa(i), "nobody"+strconv.Itoa(i), "wrong-password")
		}
		if _, err := s.LoginFrom(ctx, "192.0.2.1", "admin", testPassword); err != nil {
			t.Fatal(err)
		}
		all := events(t, db)
		added := all[before:]
		counts := map[string]int{}
		total := 0
		for _, e := range added {
			counts[e.Type+" "+e.Object]++
			n, _ := strconv.Atoi(e.Attrs["previous_failures"])
			if e.Type == "auth.login" {
				n, _ = strconv.Atoi(e.Attrs["failures"])
			}
			if e.Object == "user/"+strconv.FormatInt(u.ID, 10) {
				total += n
			}
		}
		want := map[string]int{"auth.login_failed user/1": 7, "auth.login_failed auth/unknown-user": 1, "auth.login user/1": 1}
		if fmt.Sprint(counts) != fmt.Sprint(want) {
			t.Errorf("events added by 1,100 failures and a login = %v, want %v", counts, want)
		}
		if total != 1000 {
			t.Errorf("failures carried by the events = %d, want 1000", total)
		}
	})
}

// TestSessionEnds: a session dies when its user's password is reset, roles
// change or account is disabled, and at its absolute lifetime however
// active it is.
func TestSessionEnds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, c := loginService(t, db)
		u := mustUser(t, s, "admin")
		login := func() string {
			t.Helper()
			sess, err := s.LoginFrom(ctx, "192.0.2.1", "admin", testPassword)
			if err != nil {
				t.Fatal(err)
			}
			return sess.Token
		}
		alive := func(tok string) bool {
			_, err := s.Authenticate(ctx, tok)
			return err == nil
		}
		tok := login()
		if !alive(tok) {
			t.Fatal("new session not alive")
		}
		if err := s.ResetPassword(ctx, zhifa.Console, u.ID, "Neues-Kennwort-2026"); err != nil {
			t.Fatal(err)
		}
		if alive(tok) {
			t.Error("session survived a password reset")
		}
		if err := s.ResetPassword(ctx, zhifa.Console, u.ID, testPassword); err != nil {
			t.Fatal(err)
		}
		tok = login()
		if err := s.SetRoles(ctx, zhifa.Console, u.ID, []zhifa.Role{zhifa.RoleAuditor}); err != nil {
			t.Fatal(err)
		}
		if alive(tok) {
			t.Error("session survived a role change")
		}
		tok = login()
		if err := s.SetUserDisabled(ctx, zhifa.Console, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if alive(tok) {
			t.Error("session survived disablement")
		}
		if err := s.SetUserDisabled(ctx, zhifa.Console, u.ID, false); err != nil {
			t.Fatal(err)
		}
		// Active every 20 minutes: the idle timeout never strikes, the
		// absolute lifetime does.
		tok = login()
		start := c.Now()
		for c.Now().Sub(start) < s.SessionMaxAge-20*time.Minute {
			c.Add(20 * time.Minute)
			if !alive(tok) {
				t.Fatalf("active session ended after %s, before its lifetime %s", c.Now().Sub(start), s.SessionMaxAge)
			}
		}
		c.Add(s.SessionMaxAge - c.Now().Sub(start))
		_, err := s.Authenticate(ctx, tok)
		if code(err) != zhifa.EUNAUTHORIZED || alive(tok) {
			t.Fatalf("session at its lifetime = %v, want ended", err)
		}
	})
}
