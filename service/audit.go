package service

import (
	"context"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
)

// AuditFilter selects events of the audit trail; empty fields do not
// filter. Type and Object match by prefix ("user." all user events,
// "case/7" one case).
type AuditFilter struct {
	Type     string
	Actor    string // "user/5", "system/console"
	Object   string
	From, To time.Time // zero: open
	Limit    int       // newest first; at most AuditMax
}

// AuditMax bounds one read of the audit trail.
const AuditMax = 1000

// AuditEvent is an event of the log with its index.
type AuditEvent struct {
	Index int64
	ledger.Event
}

// AuditEvents reads the audit trail (the ledger, newest first) for the
// audit administrator and the 司法局's supervisors (access.AuditRead); the
// read itself is not an event, a refusal is. It scans at most the newest
// 20 × AuditMax events.
func (s *Service) AuditEvents(ctx context.Context, a zhifa.Actor, f AuditFilter) ([]AuditEvent, error) {
	if err := s.authorize(ctx, a, access.AuditRead, 0, "audit"); err != nil {
		return nil, err
	}
	if f.Limit <= 0 || f.Limit > AuditMax {
		f.Limit = AuditMax
	}
	n, err := s.DB.LogSize()
	if err != nil {
		return nil, err
	}
	var out []AuditEvent
	const chunk = 500
	for hi := n; hi > 0 && len(out) < f.Limit && n-hi < 20*AuditMax; hi -= chunk {
		lo := max(hi-chunk, 0)
		leaves, err := s.DB.ReadLeaves(lo, hi)
		if err != nil {
			return nil, err
		}
		for i := len(leaves) - 1; i >= 0 && len(out) < f.Limit; i-- {
			e, err := ledger.DecodeEvent(leaves[i])
			if err != nil {
				return nil, err
			}
			if f.Type != "" && !strings.HasPrefix(e.Type, f.Type) || f.Actor != "" && e.Actor != f.Actor ||
				f.Object != "" && e.Object != f.Object && !strings.HasPrefix(e.Object, f.Object+"/") ||
				!f.From.IsZero() && e.Time.Before(f.From) || !f.To.IsZero() && !e.Time.Before(f.To) {
				continue
			}
			out = append(out, AuditEvent{Index: lo + int64(i), Event: e})
		}
	}
	return out, nil
}
