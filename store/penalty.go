package store

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
)

// PenaltyStore returns db as the storage of the penalty context.
func PenaltyStore(db *DB) penalty.Store { return penaltyStore{db} }

// penaltyStore adapts DB to penalty.Store: most reads are DB's own; the
// filters of cases and deadlines are the context's, and Write hands the
// context the transaction as a penalty.Tx.
type penaltyStore struct{ *DB }

func (s penaltyStore) FindCases(ctx context.Context, f penalty.CaseListFilter) ([]*zhifa.Case, error) {
	return s.DB.FindCases(ctx, CaseFilter{AgencyID: f.AgencyID, Stages: f.Stages, Limit: f.Limit})
}

func (s penaltyStore) FindDeadlines(ctx context.Context, object string) ([]penalty.Deadline, error) {
	ds, err := s.DB.FindDeadlines(ctx, DeadlineFilter{Object: &object})
	return penaltyDeadlines(ds), err
}

// Write runs fn in one of db's write transactions.
func (s penaltyStore) Write(ctx context.Context, fn func(penalty.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

// CaseDeadlines returns the deadlines of object for the penalty context's
// rules (penalty.Tx).
func (tx *Tx) CaseDeadlines(object string) ([]penalty.Deadline, error) {
	ds, err := tx.FindDeadlines(tx.Context(), DeadlineFilter{Object: &object})
	return penaltyDeadlines(ds), err
}

// penaltyDeadlines converts stored deadlines to the penalty context's view.
func penaltyDeadlines(ds []*Deadline) []penalty.Deadline {
	var out []penalty.Deadline
	for _, d := range ds {
		out = append(out, penalty.Deadline{RuleID: d.RuleID, Start: d.Start, Due: d.Due, MetAt: d.MetAt})
	}
	return out
}

var _ penalty.Tx = (*Tx)(nil)
