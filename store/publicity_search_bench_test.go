package store_test

import (
	"context"
	"os"
	"testing"

	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/store"
)

// BenchmarkPortalQueries measures the portal's reads on a database made by
// `zhifa bench-data` (ZHIFA_BENCH_DATA=<data dir>, and ZHIFA_BENCH_DB=<dsn>
// for PostgreSQL), each beside its raw index query (the "ref/" cases): the
// reference the portal's figures in docs/benchmarks.md are held to.
func BenchmarkPortalQueries(b *testing.B) {
	dir := os.Getenv("ZHIFA_BENCH_DATA")
	if dir == "" {
		b.Skip("未设置 ZHIFA_BENCH_DATA(zhifa bench-data 生成的数据目录)")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, os.Getenv("ZHIFA_BENCH_DB"), dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rare, common, short := "桑蚕丝被", "预包装食品", "罚款"
	if w := os.Getenv("ZHIFA_BENCH_RARE"); w != "" {
		rare = w
	}
	pg := db.Dialect() == store.Postgres
	page := func(f publicity.PublicationFilter) publicity.PublicationFilter {
		f.Status, f.Limit, f.CountCap = publicity.StatusPublished, 20, publicity.PublicCountCap
		return f
	}
	// The 500th page's position, found once.
	ps, _, err := db.FindPublications(ctx, page(publicity.PublicationFilter{Offset: 499 * 20}))
	if err != nil || len(ps) == 0 {
		b.Fatal(err, len(ps))
	}
	for _, c := range []struct {
		name string
		f    publicity.PublicationFilter
	}{
		{"first-page", page(publicity.PublicationFilter{})},
		{"keyword-rare", page(publicity.PublicationFilter{Keyword: rare})},
		{"keyword-common", page(publicity.PublicationFilter{Keyword: common})},
		{"keyword-2chars", page(publicity.PublicationFilter{Keyword: short})},
		{"filter-agency-date", page(publicity.PublicationFilter{AgencyID: 3, From: "2024-01-01", To: "2024-06-30"})},
		{"filter-category", page(publicity.PublicationFilter{Category: "行政强制"})},
		{"page-500-offset", page(publicity.PublicationFilter{Offset: 499 * 20})},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := db.FindPublications(ctx, c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The raw index queries: the page's ids alone, from the index.
	fts := `SELECT rowid FROM publications_fts WHERE publications_fts MATCH ? LIMIT 20`
	ftsArg := `"` + rare + `"`
	if pg {
		fts = `SELECT id FROM publications p WHERE (p.number || ' ' || p.party_name || ' ' || p.facts || ' ' || p.penalty) ILIKE ? LIMIT 20`
		ftsArg = "%" + rare + "%"
	}
	for _, c := range []struct {
		name, q string
		args    []any
	}{
		{"ref/first-page", `SELECT id FROM publications WHERE status = ? ORDER BY decided_on DESC, id DESC LIMIT 20`, []any{publicity.StatusPublished}},
		// The floor of any list page: its 20 rows read in full, by id.
		{"ref/first-page-rows", `SELECT id, number, party_name, facts, penalty, basis, payment, remedy FROM publications WHERE id IN (SELECT id FROM publications WHERE status = ? ORDER BY decided_on DESC, id DESC LIMIT 20)`, []any{publicity.StatusPublished}},
		{"ref/keyword-rare", fts, []any{ftsArg}},
		{"ref/page-500", `SELECT id FROM publications WHERE status = ? ORDER BY decided_on DESC, id DESC LIMIT 20 OFFSET 9980`, []any{publicity.StatusPublished}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := store.QueryIDsForBench(ctx, db, c.q, c.args...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
