package service

import (
	"context"
	"time"

	"github.com/zhifa/zhifa/ledger"
)

// What the HTTP layer's operational parts (health, readiness, upload
// quotas, the public log endpoints) need of the database, so that web
// never reaches the store itself.

// LogSize returns the number of events in the log.
func (s *Service) LogSize() (int64, error) { return s.DB.LogSize() }

// Ready reports whether the database takes a write (a write transaction
// rolled back: a probe adds nothing to the log).
func (s *Service) Ready(ctx context.Context) error { return s.DB.Ready(ctx) }

// UploadedBytes returns the bytes of evidence uploaded since since by a
// user (userID ≠ 0) or by an agency's users (agencyID ≠ 0), for quotas.
func (s *Service) UploadedBytes(ctx context.Context, userID, agencyID int64, since time.Time) (int64, error) {
	return s.DB.UploadedBytes(ctx, userID, agencyID, since)
}

// LogTiles is the log's hashes and entries, for the read-only C2SP
// tlog-tiles endpoints (ledger.Handler).
func (s *Service) LogTiles() ledger.TileSource { return s.DB }

// LatestCheckpoint returns the latest signed checkpoint and its size,
// without signing a new one (metrics read it at scrape time).
func (s *Service) LatestCheckpoint(ctx context.Context) ([]byte, int64, error) {
	return s.DB.LatestCheckpoint(ctx)
}
