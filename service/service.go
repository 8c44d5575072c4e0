// Package service is the transitional aggregate of the contexts: the one
// value that web, demo and cmd call. It embeds each context's service —
// *Registry (agencies, officers, matters), *Identity (users, sessions,
// logins), *Publicity (publications, corrections, withdrawals, redaction),
// *Penalty (the cases of the penalty general procedure) — so their methods
// are the aggregate's, and New wires each to its store adapter, an
// access.Guard and the clock (read through s.Now, which tests and the demo
// loader move after New).
//
// It still holds what every procedure shares and no context owns yet:
// calendar.go (the working-day calendar cache and its import), deadline.go
// (statutory deadlines: set, met, recomputed, monitored), penalty.go and
// publicity.go (the deadlines and counters those contexts need, as the
// interfaces they declare), records.go and ledger.go (checkpoints, proofs,
// the log's records), verify.go (the replay of case deadlines and rule
// states for zhifa verify), operations.go (what the HTTP layer's health,
// readiness, quota and log endpoints read). New contexts are embedded the
// same way (README "Adding a procedure").
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
	"github.com/zhifa/zhifa/complaint"
	"github.com/zhifa/zhifa/document"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/recording"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/supervision"
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
	// Uploads is the area of resumable (tus) uploads beside Blobs, opened
	// with it (issue 13).
	Uploads *blob.Uploads
	// Metrics, if set, counts failed logins, uploads and checkpoints
	// (metrics.go).
	Metrics Metrics

	cal calendarCache

	// The extracted contexts, whose methods Service promotes. Each is
	// embedded under a local alias (publicity.go), which names the field:
	// several contexts' types called Service can then sit side by side.
	*Publicity
	*Penalty

	// Complaints is the complaint context (投诉举报); a named field, not
	// promoted.
	Complaints *complaint.Service
	// Supervision is the 司法局's supervision (opinions, region scope).
	Supervision *supervision.Service
	// Reviews keeps the 法制审核目录清单 and answers the scope of review.
	Reviews *review.Service
	// Documents issues the cases' 执法文书 (package document); its Signer,
	// Templates and PublicURL are set by whoever holds them (cmd, web).
	Documents *document.Service
	// Devices are the registry's recording devices and Recordings the
	// audio-video records (issue 13).
	Devices    *registry.Devices
	Recordings *recording.Service
	// Inspections is 行政检查 (package inspection): the 检查事项清单, the
	// object directory, plans, 双随机 draws and inspections.
	Inspections *inspection.Service
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
	s.Complaints = &complaint.Service{Store: store.ComplaintStore(db), Guard: access.Guard{Denials: db, Log: log},
		Calendar: s.Calendar, Now: clock, Log: log}
	s.Complaints.Region = func(ctx context.Context, a zhifa.Actor) ([]int64, error) {
		_, ags, err := s.Supervision.Region(ctx, a)
		ids := make([]int64, len(ags))
		for i, ag := range ags {
			ids[i] = ag.ID
		}
		return ids, err
	}
	s.Supervision = &supervision.Service{Store: store.SupervisionStore(db), Reports: store.ReportStore(db), Agencies: s.Registry, Guard: access.Guard{Denials: db, Log: log},
		Now: clock, Log: log}
	s.Reviews = &review.Service{Store: store.ReviewStore(db), Calendar: s.Calendar, Guard: access.Guard{Denials: db, Log: log}, Now: clock, Log: log}
	s.Penalty.Catalogs = s.Reviews
	s.Documents = &document.Service{Store: store.DocumentStore(db), Templates: &document.Templates{},
		Blobs: func() *blob.Store { return s.Blobs }, Guard: access.Guard{Denials: db, Log: log}, Now: clock, Log: log}
	s.Devices = &registry.Devices{Store: store.DeviceStore(db), Guard: access.Guard{Denials: db, Log: log}}
	s.Recordings = &recording.Service{Store: store.RecordingStore(db), Guard: access.Guard{Denials: db, Log: log}, Now: clock, Log: log,
		Uploads: func() recording.Uploads {
			if s.Uploads == nil {
				return nil
			}
			return s.Uploads
		}}
	s.Inspections = &inspection.Service{Store: store.InspectionStore(db), Registry: store.InspectionRegistry(db), Cases: referrals{s},
		Guard: access.Guard{Denials: db, Log: log}, Calendar: s.Calendar, Now: clock, Log: log}
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
	if s.Uploads, err = b.OpenUploads(); err != nil {
		return err
	}
	return nil
}
