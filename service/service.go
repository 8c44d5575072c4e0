// Package service holds zhifa's domain services: each public method checks
// the actor's right (package access), validates its input, applies the rules
// of law (packages procedure, calendar, deadline, redact) and writes its rows
// and its ledger event in one store transaction. Every caller — web page,
// JSON API, CLI, demo loader — goes through here, so the law is enforced in
// one place.
//
// Files by area: auth.go, users.go, password.go (identity and sessions);
// agencies.go, registry.go (agencies, officers, matters); case.go (案源登记),
// step.go (RecordStep: every later step through procedure.Apply, with its
// deadlines and ledger event), case_read.go (case pages, review queue,
// evidence upload and recorded download); calendar.go, deadline.go
// (the working-day calendar, statutory deadlines and their monitoring);
// ledger.go (checkpoints and proofs). Publications, their correction and
// withdrawal, and redaction live in package publicity, whose Service is
// embedded here; publicity.go and records.go give it the deadlines and the
// log it needs.
//
// Imports: zhifa, access, ledger, store, the context packages (publicity),
// and the leaf packages.
package service

import (
	"context"
	"log/slog"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/store"
)

// Service is the set of domain services over one database.
type Service struct {
	DB  *store.DB
	Log *slog.Logger
	Now func() time.Time

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

	// Blobs holds evidence files; see OpenBlobs.
	Blobs *blob.Store
	// Metrics, if set, counts failed logins, uploads and checkpoints
	// (metrics.go).
	Metrics Metrics

	cal calendarCache

	// The extracted contexts, whose methods Service promotes. Each is
	// embedded under a local alias (publicity.go), which names the field:
	// several contexts' types called Service can then sit side by side.
	*publicityService
}

// New returns a Service with the default security settings.
func New(db *store.DB, log *slog.Logger, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	db.Now = now
	s := &Service{DB: db, Log: log, Now: now, SessionIdle: 30 * time.Minute, SessionMaxAge: 12 * time.Hour,
		MaxFailedLogins: 5, LockFor: 15 * time.Minute, LoginLimits: DefaultLoginLimits()}
	// The contexts read s.Now through a closure: tests and the demo loader
	// move the clock after New.
	clock := func() time.Time { return s.Now() }
	s.publicityService = &publicity.Service{Store: store.PublicityStore(db), Guard: access.Guard{Denials: db, Log: log},
		Deadlines: deadlines{s}, Records: records{s}, Calendar: s.Calendar, Now: clock, Log: log}
	return s
}

// authorize checks op for the actor and records a denial in the ledger.
func (s *Service) authorize(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error {
	return access.Guard{Denials: s.DB, Log: s.Log}.Authorize(ctx, a, op, agencyID, object)
}

// Authorize is authorize for callers outside the package (pages deciding
// whether to serve a workbench area); a denial is recorded.
func (s *Service) Authorize(ctx context.Context, a zhifa.Actor, op access.Op, agencyID int64, object string) error {
	return s.authorize(ctx, a, op, agencyID, object)
}

func itoa(n int64) string {
	if n == 0 {
		return ""
	}
	return zhifa.Actor{UserID: n}.Ref()[len("user/"):]
}

// OpenBlobs opens the content-addressed file store for evidence files.
func (s *Service) OpenBlobs(dir string) error {
	b, err := blob.Open(dir)
	if err != nil {
		return err
	}
	s.Blobs = b
	return nil
}
