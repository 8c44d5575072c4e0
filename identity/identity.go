package identity

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

// User is an account of the workbench.
type User struct {
	ID          int64
	Username    string
	Name        string
	AgencyID    int64
	AgencyName  string
	OfficerID   int64
	Roles       []zhifa.Role
	Disabled    bool
	FailedLogin int
	LockedUntil time.Time
	Created     time.Time
}

// UserFilter selects users; nil fields do not filter.
type UserFilter struct {
	ID       *int64
	Username *string
	AgencyID *int64
}

// Session is a logged-in actor and the token that names the session.
type Session struct {
	Token string
	Actor zhifa.Actor
}

// SessionInfo is a stored session: its user, when it was created (for the
// absolute lifetime) and last used (for the idle timeout).
type SessionInfo struct {
	UserID            int64
	Created, LastSeen time.Time
}

// LoginAttempt is the state of one (account, address) pair once an attempt
// has been counted: N is the number of attempts counted in the pair's
// window, this one included; LockedUntil is set once the pair is locked.
type LoginAttempt struct {
	N           int
	LockedUntil time.Time
}

// LoginFailure is a failed login to count: the pair's account and address,
// the user (0 for an unknown name), the window account of the ledger
// aggregation ("user/<id>" or "auth/unknown-user"), and LockUntil if this
// failure locks the pair.
type LoginFailure struct {
	Account, Address string
	UserID           int64
	Window           string
	WindowLen        time.Duration
	LockUntil        time.Time
}

// LoginWindow is the failure count of an account's current window after a
// failure was counted. Opened reports that this failure opened the window
// (then, and only then, it gets a ledger event); PrevFailures and
// PrevStarted describe the window it replaced, not yet in the ledger.
type LoginWindow struct {
	Failures        int
	Opened          bool
	PrevFailures    int
	PrevStarted     time.Time
	AccountFailures int // users.failed_logins after the increment (0 for unknown names)
}

// Store is the storage identity needs; package store implements it
// (store.IdentityStore). The counting and session bookkeeping methods
// write outside a ledger transaction on purpose: they are security
// counters, not state changes of the domain.
type Store interface {
	// FindUsers returns the users matching f, with their roles, by id.
	FindUsers(ctx context.Context, f UserFilter) ([]*User, error)
	// FindUser returns the one user matching f, or ENOTFOUND.
	FindUser(ctx context.Context, f UserFilter) (*User, error)
	// PasswordHash returns the stored password hash of a user.
	PasswordHash(ctx context.Context, userID int64) (string, error)
	// AgencyIsSupervisor reports whether an agency is the supervising
	// 司法局; ENOTFOUND if there is no such agency.
	AgencyIsSupervisor(ctx context.Context, agencyID int64) (bool, error)
	// CountLoginAttempt counts one attempt of address against account
	// before its password is checked, in one atomic write, so that parallel
	// attempts each get their own N; a lock that has ended, or a count
	// whose last attempt is older than window, starts again from 1.
	CountLoginAttempt(ctx context.Context, account, address string, now time.Time, window time.Duration) (LoginAttempt, error)
	// CountLoginFailure counts a failed login: the user's counter, the
	// pair's lock and the account's window, in one transaction.
	CountLoginFailure(ctx context.Context, f LoginFailure) (LoginWindow, error)
	// Session returns a session by the hash of its token, or EUNAUTHORIZED.
	Session(ctx context.Context, tokenHash string) (SessionInfo, error)
	// TouchSession updates the last-seen time of a session.
	TouchSession(ctx context.Context, tokenHash string, now time.Time) error
	// ExpireSession deletes an idle or too old session.
	ExpireSession(ctx context.Context, tokenHash string) error
	// Write runs fn in one transaction, which must record a ledger event.
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction of the identity context.
type Tx interface {
	// CreateUser inserts u with its roles and password hash and sets u.ID.
	CreateUser(u *User, passwordHash string) error
	// SetRoles replaces the roles of a user and ends its sessions.
	SetRoles(userID int64, roles []zhifa.Role) error
	// SetPassword stores a new hash, clears the failure counters and ends
	// the user's sessions.
	SetPassword(userID int64, hash string) error
	// SetDisabled enables or disables a user; disabling ends its sessions.
	SetDisabled(userID int64, disabled bool) error
	// ClearLoginFailures ends the failure counting of a user after a
	// successful login from address; it returns the window's failures.
	ClearLoginFailures(userID int64, account, address string) (failures int, started time.Time, err error)
	// UnlockUser lifts every lock on a user and clears its counters; it
	// returns the window's failures.
	UnlockUser(userID int64, account string) (failures int, started time.Time, err error)
	// CreateSession stores a session by the hash of its token.
	CreateSession(tokenHash string, userID int64) error
	// DeleteSession removes a session.
	DeleteSession(tokenHash string) error
	// Record appends e to the ledger in this transaction.
	Record(e ledger.Event) (int64, error)
}

// Metrics receives the identity events an operator counts and the web
// layer cannot see. Implementations must be cheap and safe for concurrent
// use: they are called inside requests.
type Metrics interface {
	// LoginFailed counts one failed login; reason is "unknown_user",
	// "bad_password" or "disabled" (a bounded set, as a label).
	LoginFailed(reason string)
	// LoginRefused counts one login attempt refused before its password
	// was checked (rate limit or lockout).
	LoginRefused()
}

// Service holds the accounts, sessions and logins of the workbench. Its
// exported fields are its dependencies and settings; set them before the
// first login (the hashing pool's size is read then).
type Service struct {
	Store Store
	Guard access.Guard
	Log   *slog.Logger
	Now   func() time.Time
	// Metrics, if set, counts failed and refused logins.
	Metrics Metrics

	// SessionIdle is the idle timeout of a workbench session; SessionMaxAge
	// its absolute lifetime, however active it is.
	SessionIdle   time.Duration
	SessionMaxAge time.Duration
	// MaxFailedLogins is how many failed logins of one address against one
	// user name lock that pair (not the account everywhere), for LockFor.
	MaxFailedLogins int
	LockFor         time.Duration
	// LoginLimits are the rate limits of login attempts (see auth.go).
	LoginLimits LoginLimits
	guard       loginGuard
}

// New returns a Service over st with the default security settings:
// sessions idle out after 30 minutes and end after 12 hours; five failed
// logins lock an (address, user name) pair for 15 minutes;
// DefaultLoginLimits.
func New(st Store, guard access.Guard, log *slog.Logger, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{Store: st, Guard: guard, Log: log, Now: now,
		SessionIdle: 30 * time.Minute, SessionMaxAge: 12 * time.Hour,
		MaxFailedLogins: 5, LockFor: 15 * time.Minute, LoginLimits: DefaultLoginLimits()}
}

// authorize checks op for the actor and records a denial in the ledger.
func (s *Service) authorize(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error {
	return s.Guard.Authorize(ctx, a, op, agencyID, object)
}

// noMetrics is the Metrics of a service without one.
type noMetrics struct{}

func (noMetrics) LoginFailed(string) {}
func (noMetrics) LoginRefused()      {}

// metrics returns s.Metrics, or one that counts nothing.
func (s *Service) metrics() Metrics {
	if s.Metrics == nil {
		return noMetrics{}
	}
	return s.Metrics
}

// cst is China Standard Time, for the lock's end in messages.
var cst = time.FixedZone("CST", 8*3600)

// itoa writes an id for a ledger event: "" for 0 (no agency).
func itoa(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
