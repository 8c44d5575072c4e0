package web

import (
	"context"

	"github.com/zhifa/zhifa/supervision"
	"github.com/zhifa/zhifa/web/portal"
)

// portalReports gives the portal the published annual reports in its own
// types, so that web/portal does not import the supervision context.
type portalReports struct{ svc *supervision.Service }

func (p portalReports) PublishedAnnualReports(ctx context.Context, id *int64) ([]portal.AnnualReport, error) {
	rs, err := p.svc.PublishedReports(ctx, id)
	if err != nil {
		return nil, err
	}
	row := func(f supervision.Figures) portal.ReportRow {
		return portal.ReportRow{Agency: f.AgencyName, Opened: f.Opened, Decisions: f.Decisions, Fines: f.Fines, Published: f.Published,
			PublicationRate: f.PublicationRate(), TimelyRate: f.TimelyRate(), WithoutReview: f.WithoutReview, Withdrawn: f.Withdrawn,
			Complaints: f.Complaints, Opinions: f.Opinions, Officers: f.Officers}
	}
	out := make([]portal.AnnualReport, len(rs))
	for i, r := range rs {
		a := portal.AnnualReport{ID: r.ID, Year: r.Year, Supervisor: r.SupervisorName, Region: r.Region, PublishedOn: r.PublishedOn, Due: r.Due(),
			Late: r.Late(r.PublishedOn), Total: row(r.Total)}
		for _, f := range r.Agencies {
			a.Rows = append(a.Rows, row(f))
		}
		out[i] = a
	}
	return out, nil
}
