package store

import (
	"context"
	"time"
)

// UploadedBytes returns the bytes of evidence recorded since since by
// userID (userID ≠ 0) or in cases of agencyID (agencyID ≠ 0): what upload
// quotas are checked against.
func (c *conn) UploadedBytes(ctx context.Context, userID, agencyID int64, since time.Time) (int64, error) {
	q := `SELECT COALESCE(SUM(e.size), 0) FROM evidence e WHERE e.created >= ?`
	args := []any{fmtTime(since)}
	if userID != 0 {
		q += ` AND e.uploaded_by = ?`
		args = append(args, userID)
	}
	if agencyID != 0 {
		q += ` AND e.case_id IN (SELECT id FROM cases WHERE agency_id = ?)`
		args = append(args, agencyID)
	}
	var n int64
	err := c.queryRow(ctx, q, args...).Scan(&n)
	return n, err
}

// DigestAttached reports whether any evidence row references digest: such a
// stored file must never be deleted.
func (c *conn) DigestAttached(ctx context.Context, digest string) (bool, error) {
	var n int
	// Audio-video records (issue 13) keep their files too.
	err := c.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM evidence WHERE digest = ?) + (SELECT COUNT(*) FROM av_records WHERE digest = ?)`, digest, digest).Scan(&n)
	return n > 0, err
}
