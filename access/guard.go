package access

import (
	"context"
	"log/slog"

	"github.com/zhifa/zhifa"
)

// DenialRecorder writes a refused operation into the ledger (package store
// implements it), so that every attempt to go beyond one's rights is on
// record.
type DenialRecorder interface {
	RecordDenial(ctx context.Context, a zhifa.Actor, op Op, agencyID int64, object string) error
}

// Guard is what every context's service asks before it acts: Check, and a
// recorded denial when it refuses a logged-in actor (the public's refusals
// are not recorded: they are not attempts on anyone's data).
type Guard struct {
	Denials DenialRecorder
	Log     *slog.Logger
}

// Authorize returns Check(a, op, agencyID); a refusal of a non-public actor
// is recorded against object. A failure to record is logged, not returned:
// the refusal stands either way.
func (g Guard) Authorize(ctx context.Context, a zhifa.Actor, op Op, agencyID int64, object string) error {
	err := Check(a, op, agencyID)
	if err == nil || a.Public() || g.Denials == nil {
		return err
	}
	if werr := g.Denials.RecordDenial(ctx, a, op, agencyID, object); werr != nil && g.Log != nil {
		g.Log.Error("record denial", "err", werr)
	}
	return err
}
