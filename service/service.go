// Package service holds zhifa's domain services: each public method checks
// the actor's right (package access), validates its input, applies the rules
// of law (packages penalty, review, calendar, deadline, redact) and writes its rows
// and its ledger event in one store transaction. Every caller — web page,
// JSON API, CLI, demo loader — goes through here, so the law is enforced in
// one place.
//
// Accounts, sessions and logins are the identity context's (package
// identity), embedded here as *Identity so that its methods and settings
// (svc.Login, svc.SessionIdle, …) are the aggregate's.
//
// The registry (agencies, officers, matters) is package registry's Service,
// embedded as *Registry. The cases of the penalty general procedure
// (案源登记, RecordStep, case pages, review queue, evidence) are package
// penalty's Service, embedded as *Penalty; penalty.go gives it the
// deadlines and the upload count it needs. Files by area: calendar.go,
// deadline.go (the working-day calendar, statutory deadlines and their
// monitoring); verify.go (the replay of case deadlines and rule states);
// ledger.go (checkpoints and proofs). Publications, their correction and
// withdrawal, and redaction live in package publicity, whose Service is
// embedded here; publicity.go and records.go give it the deadlines and the
// log it needs.
//
// Imports: zhifa, access, ledger, store, the context packages and the leaf
// packages.
package service

import (
	"context"
	"log/slog"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
)

// Registry and Identity are the contexts' services, embedded in Service
// under these names (aliases, so that the contexts' types, all named
// Service, can be embedded side by side).
type Registry = registry.Service

// Identity is the identity context's service, embedded in Service under
// this name (an alias, so that the contexts' types, all named Service, can
// be embedded side by side).
type Identity = identity.Service

// Service is the set of domain services over one database: the transitional
// aggregate of the context services, which it embeds.
type Service struct {
	*Registry

	DB  *store.DB
	Log *slog.Logger
	Now func() time.Time

	// Identity holds users, sessions and logins; its settings (SessionIdle,
	// SessionMaxAge, MaxFailedLogins, LockFor, LoginLimits) are promoted.
	*Identity

	// Blobs holds evidence files; see OpenBlobs.
	Blobs *blob.Store
	// Metrics, if set, counts failed logins, uploads and checkpoints
	// (metrics.go).
	Metrics Metrics

	cal calendarCache

	// The extracted contexts, whose methods Service promotes. Each is
	// embedded under a local alias (publicity.go), which names the field:
	// several contexts' types called Service can then sit side by side.
	*Publicity
	*Penalty
}

// New returns a Service with the default security settings.
func New(db *store.DB, log *slog.Logger, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	db.Now = now
	s := &Service{DB: db, Log: log, Now: now}
	// The contexts read the clock and the metrics through s, so that a
	// caller setting s.Now or s.Metrics after New reaches them too.
	clock := func() time.Time { return s.Now() }
	s.Registry = &registry.Service{Store: store.RegistryStore(db), Guard: access.Guard{Denials: db, Log: log}, Now: clock, Log: log}
	s.Identity = identity.New(store.IdentityStore(db), access.Guard{Denials: db, Log: log}, log, clock)
	s.Identity.Metrics = identityMetrics{s}
	s.Publicity = &publicity.Service{Store: store.PublicityStore(db), Guard: access.Guard{Denials: db, Log: log},
		Deadlines: deadlines{s}, Records: records{s}, Calendar: s.Calendar, Now: clock, Log: log}
	s.Penalty = &penalty.Service{Store: store.PenaltyStore(db), Registry: store.RegistryStore(db), Publicity: s.Publicity,
		Deadlines: deadlines{s}, Calendar: s.Calendar, Blobs: func() *blob.Store { return s.Blobs }, Metrics: penaltyMetrics{s},
		Guard: access.Guard{Denials: db, Log: log}, Now: clock, Log: log}
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
