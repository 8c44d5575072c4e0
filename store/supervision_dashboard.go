package store

import (
	"context"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/supervision"
)

// chinaZone is the zone of civil dates: a period's days begin at midnight
// in China, so a stored UTC time is counted on its China date.
var chinaZone = time.FixedZone("CST", 8*3600)

// DashboardFigures counts, for each of agencyIDs, the supervision
// dashboard's figures for period p as they stand on today (see
// supervision.Figures for what each means). Civil dates compare as text
// (YYYY-MM-DD); stored times compare as text too, against the UTC instants
// of the period's first and last midnight in China.
func (c *conn) DashboardFigures(ctx context.Context, agencyIDs []int64, p supervision.Period, today zhifa.Date) ([]supervision.Figures, error) {
	if len(agencyIDs) == 0 {
		return nil, nil
	}
	figs := make(map[int64]*supervision.Figures, len(agencyIDs))
	in := make([]string, len(agencyIDs))
	ids := make([]any, len(agencyIDs))
	for i, id := range agencyIDs {
		figs[id] = &supervision.Figures{AgencyID: id, ByStage: map[string]int{}}
		in[i], ids[i] = "?", id
	}
	agencyIn := "agency_id IN (" + strings.Join(in, ", ") + ")"
	from, to, day := p.From.String(), p.To.String(), today.String()
	fromT, toT := fmtTime(p.From.Time(chinaZone)), fmtTime(p.To.Add(1).Time(chinaZone))
	args := func(a ...any) []any { return append(append([]any(nil), ids...), a...) }

	// count runs a query whose rows are (agency_id, n...) and hands each row
	// to add.
	count := func(q string, qargs []any, n int, add func(f *supervision.Figures, v []int64)) error {
		rows, err := c.query(ctx, q, qargs...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			v := make([]int64, n)
			dest := []any{&id}
			for i := range v {
				dest = append(dest, &v[i])
			}
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			if f := figs[id]; f != nil {
				add(f, v)
			}
		}
		return rows.Err()
	}

	// Cases opened in the period, by their current stage.
	rows, err := c.query(ctx, `SELECT agency_id, stage, COUNT(*) FROM cases WHERE `+agencyIn+` AND opened_on <> '' AND opened_on >= ? AND opened_on <= ? GROUP BY agency_id, stage`, args(from, to)...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var stage string
		var n int
		if err := rows.Scan(&id, &stage, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if f := figs[id]; f != nil {
			f.Opened += n
			f.ByStage[stage] += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	steps := []struct {
		q    string
		args []any
		n    int
		add  func(f *supervision.Figures, v []int64)
	}{
		// Decisions of the period, and those with no legal review recorded.
		{`SELECT c.agency_id, COUNT(*), SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM case_steps s WHERE s.case_id = c.id AND s.action = 'review') THEN 1 ELSE 0 END)
			FROM cases c WHERE c.` + agencyIn + ` AND c.decided_on <> '' AND c.decided_on >= ? AND c.decided_on <= ? GROUP BY c.agency_id`,
			args(from, to), 2, func(f *supervision.Figures, v []int64) { f.Decisions, f.WithoutReview = int(v[0]), int(v[1]) }},
		// Their publications: fines, published (now or before a withdrawal).
		{`SELECT agency_id, COALESCE(SUM(fine), 0), SUM(CASE WHEN published_at <> '' THEN 1 ELSE 0 END)
			FROM publications WHERE ` + agencyIn + ` AND decided_on >= ? AND decided_on <= ? GROUP BY agency_id`,
			args(from, to), 2, func(f *supervision.Figures, v []int64) { f.Fines, f.Published = v[0], int(v[1]) }},
		// Published by the publication deadline (G4, met on or before its due date).
		{`SELECT c.agency_id, COUNT(*) FROM cases c JOIN deadlines d ON d.object = 'case/' || CAST(c.id AS TEXT) AND d.rule_id = 'G4'
			WHERE c.` + agencyIn + ` AND c.decided_on <> '' AND c.decided_on >= ? AND c.decided_on <= ? AND d.met_at <> '' AND d.met_at <= d.due_date
			GROUP BY c.agency_id`,
			args(from, to), 1, func(f *supervision.Figures, v []int64) { f.PublishedOnTime = int(v[0]) }},
		// Withdrawals in the period, and the late ones.
		{`SELECT agency_id, COUNT(*), SUM(CASE WHEN withdraw_late_days > 0 THEN 1 ELSE 0 END)
			FROM publications WHERE ` + agencyIn + ` AND withdrawn_at <> '' AND withdrawn_at >= ? AND withdrawn_at < ? GROUP BY agency_id`,
			args(fromT, toT), 2, func(f *supervision.Figures, v []int64) { f.Withdrawn, f.WithdrawnLate = int(v[0]), int(v[1]) }},
		// Time limits open past their due date.
		{`SELECT agency_id, COUNT(*) FROM deadlines WHERE ` + agencyIn + ` AND met_at = '' AND due_date < ? GROUP BY agency_id`,
			args(day), 1, func(f *supervision.Figures, v []int64) { f.OverdueDeadlines = int(v[0]) }},
		// Complaints received in the period; open ones past their limit.
		{`SELECT agency_id, SUM(CASE WHEN received_on >= ? AND received_on <= ? THEN 1 ELSE 0 END),
			SUM(CASE WHEN (status = 'received' AND accept_due < ?) OR (status = 'accepted' AND reply_due < ?) THEN 1 ELSE 0 END)
			FROM complaints WHERE ` + agencyIn + ` GROUP BY agency_id`,
			append([]any{from, to, day, day}, ids...), 2, func(f *supervision.Figures, v []int64) { f.Complaints, f.ComplaintsOverdue = int(v[0]), int(v[1]) }},
		// Opinions issued in the period; those awaiting a reply past its deadline.
		{`SELECT agency_id, SUM(CASE WHEN issued_on >= ? AND issued_on <= ? THEN 1 ELSE 0 END),
			SUM(CASE WHEN status = 'issued' AND reply_due < ? THEN 1 ELSE 0 END)
			FROM supervision_opinions WHERE ` + agencyIn + ` GROUP BY agency_id`,
			append([]any{from, to, day}, ids...), 2, func(f *supervision.Figures, v []int64) { f.Opinions, f.OpinionsOverdue = int(v[0]), int(v[1]) }},
	}
	for _, s := range steps {
		if err := count(s.q, s.args, s.n, s.add); err != nil {
			return nil, err
		}
	}
	// Officers, and those whose certificate is not valid today: one
	// certificate rule, registry's, decides.
	orows, err := c.query(ctx, `SELECT agency_id, valid_from, valid_to, status FROM officers WHERE `+agencyIn, ids...)
	if err != nil {
		return nil, err
	}
	defer orows.Close()
	for orows.Next() {
		var o registry.Officer
		var from, to string
		if err := orows.Scan(&o.AgencyID, &from, &to, &o.Status); err != nil {
			return nil, err
		}
		o.ValidFrom, _ = zhifa.ParseCivilDate(from)
		o.ValidTo, _ = zhifa.ParseCivilDate(to)
		if f := figs[o.AgencyID]; f != nil {
			f.Officers++
			if !o.Certificate().State(today).Valid() {
				f.InvalidCerts++
			}
		}
	}
	if err := orows.Err(); err != nil {
		return nil, err
	}
	out := make([]supervision.Figures, 0, len(agencyIDs))
	for _, id := range agencyIDs {
		out = append(out, *figs[id])
	}
	return out, nil
}
