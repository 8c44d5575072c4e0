package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/registry"
	"golang.org/x/mod/sumdb/tlog"
)

// InspectionStore returns db as the storage of the inspection context.
func InspectionStore(db *DB) inspection.Store { return inspectionStore{db} }

// inspectionStore adapts DB to inspection.Store; Write hands the context
// the transaction as an inspection.Tx.
type inspectionStore struct{ *DB }

func (s inspectionStore) Write(ctx context.Context, fn func(inspection.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(inspectionTx{tx}) })
}

// InspectionRegistry returns db as the registry reads of the inspection
// context.
func InspectionRegistry(db *DB) inspection.Registry { return inspectionRegistry{db} }

type inspectionRegistry struct{ *DB }

func (r inspectionRegistry) FindOfficers(ctx context.Context, f registry.OfficerFilter) ([]*registry.Officer, error) {
	return r.DB.FindOfficers(ctx, f)
}

func (r inspectionRegistry) FindAgency(ctx context.Context, id int64) (*registry.Agency, error) {
	return r.DB.FindAgency(ctx, id)
}

// inspectionTx is a Tx as the inspection context's transaction: its own
// methods are in the store/inspection_*.go files, named so as not to meet
// the other contexts' methods on Tx.
type inspectionTx struct{ *Tx }

// TreeHash returns the root hash of the log's first n leaves.
func (t inspectionTx) TreeHash(n int64) ([32]byte, error) {
	h, err := tlog.TreeHash(n, t.Tx)
	return h, err
}

func (t inspectionTx) LogSize() (int64, error) { return t.Tx.LogSize() }

var _ inspection.Tx = inspectionTx{}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func dateText(d zhifa.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func parseCivil(s string) zhifa.Date {
	d, _ := zhifa.ParseCivilDate(s)
	return d
}

// inClause returns " AND col IN (?, …)" and its args for ids.
func inClause(col string, ids []int64) (string, []any) {
	if len(ids) == 0 {
		return "", nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return fmt.Sprintf(" AND %s IN (?%s)", col, strings.Repeat(", ?", len(ids)-1)), args
}
