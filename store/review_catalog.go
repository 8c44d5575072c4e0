package store

import (
	"context"
	"encoding/json"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
)

// ReviewStore returns db as the storage of the review context (its
// catalogs).
func ReviewStore(db *DB) review.Store { return reviewStore{db} }

type reviewStore struct{ *DB }

func (s reviewStore) Write(ctx context.Context, fn func(review.Tx) error) error {
	return s.DB.Write(ctx, func(tx *Tx) error { return fn(tx) })
}

const catalogColumns = `c.id, c.agency_id, COALESCE(a.name, ''), c.floor, c.version, c.effective_on, c.all_decisions, c.rules, c.note, c.published_by, c.created`

func scanCatalog(s interface{ Scan(...any) error }) (*registry.ReviewCatalog, error) {
	var c registry.ReviewCatalog
	var on, rules, created string
	if err := s.Scan(&c.ID, &c.AgencyID, &c.AgencyName, &c.Floor, &c.Version, &on, &c.AllDecisions, &rules, &c.Note, &c.PublishedBy, &created); err != nil {
		return nil, err
	}
	c.EffectiveOn, _ = zhifa.ParseCivilDate(on)
	if err := json.Unmarshal([]byte(rules), &c.Rules); err != nil {
		return nil, err
	}
	c.Created = parseTime(created)
	return &c, nil
}

// FindReviewCatalogs returns every version of the catalogs and floors of
// the agencies (all agencies when none is given), ordered by agency, floor
// and version.
func (c *conn) FindReviewCatalogs(ctx context.Context, agencyIDs ...int64) ([]registry.ReviewCatalog, error) {
	q := `SELECT ` + catalogColumns + ` FROM review_catalogs c LEFT JOIN agencies a ON a.id = c.agency_id`
	var args []any
	for i, id := range agencyIDs {
		if i == 0 {
			q += ` WHERE c.agency_id IN (?`
		} else {
			q += `, ?`
		}
		args = append(args, id)
	}
	if len(agencyIDs) > 0 {
		q += `)`
	}
	rows, err := c.query(ctx, q+` ORDER BY c.agency_id, c.floor, c.version`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []registry.ReviewCatalog
	for rows.Next() {
		cat, err := scanCatalog(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *cat)
	}
	return out, rows.Err()
}

// CreateReviewCatalog inserts c as the next version of its agency's catalog
// (or floor) and sets its ID, Version and Created. Versions never change.
func (tx *Tx) CreateReviewCatalog(c *registry.ReviewCatalog) error {
	rules, err := json.Marshal(c.Rules)
	if err != nil {
		return err
	}
	if c.Rules == nil {
		rules = []byte("[]")
	}
	var v int
	if err := tx.queryRow(tx.ctx, `SELECT COALESCE(MAX(version), 0) FROM review_catalogs WHERE agency_id = ? AND floor = ?`, c.AgencyID, c.Floor).Scan(&v); err != nil {
		return err
	}
	id, err := tx.insert(tx.ctx, `INSERT INTO review_catalogs (agency_id, floor, version, effective_on, all_decisions, rules, note, published_by, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.AgencyID, c.Floor, v+1, c.EffectiveOn.String(), c.AllDecisions, string(rules), c.Note, c.PublishedBy, fmtTime(tx.Now))
	if err != nil {
		return err
	}
	c.ID, c.Version, c.Created = id, v+1, tx.Now
	tx.touch("review_catalogs", id)
	return nil
}
