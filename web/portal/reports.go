package portal

import (
	"context"
	"net/http"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/web/ui"
)

// The 司法局s' annual enforcement reports (年度行政执法数据报告), as
// published: figures per agency, no case and no person. The portal knows
// them by its own types; web/reports.go adapts the supervision context.

// ReportRow is one agency's (or the total's) line of a report.
type ReportRow struct {
	Agency          string
	Opened          int
	Decisions       int
	Fines           int64
	Published       int
	PublicationRate string
	TimelyRate      string
	WithoutReview   int
	Withdrawn       int
	Complaints      int
	Opinions        int
	Officers        int
}

// AnnualReport is a published report.
type AnnualReport struct {
	ID          int64
	Year        int
	Supervisor  string
	Region      string
	PublishedOn zhifa.Date
	Due         zhifa.Date
	Late        bool
	Rows        []ReportRow
	Total       ReportRow
}

// ReportReader reads the published reports; id, if not nil, selects one.
type ReportReader interface {
	PublishedAnnualReports(ctx context.Context, id *int64) ([]AnnualReport, error)
}

// Reports serves the annual reports.
type Reports struct {
	ui      *ui.Responder
	reports ReportReader
}

// NewReports returns the annual reports' pages.
func NewReports(u *ui.Responder, reports ReportReader) *Reports {
	return &Reports{ui: u, reports: reports}
}

// ReportsPage lists the published reports, or shows one.
type ReportsPage struct {
	ui.Page
	Reports []AnnualReport
	Report  *AnnualReport
}

// HandleReports serves GET /reports.
func (s *Reports) HandleReports(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.reports.PublishedAnnualReports(r.Context(), nil)
	if err != nil {
		return err
	}
	s.ui.Render(w, r, http.StatusOK, "portal_reports", ReportsPage{Page: portalPage(r, "年度行政执法数据报告"), Reports: rs})
	return nil
}

// HandleReport serves GET /reports/{id}.
func (s *Reports) HandleReport(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	rs, err := s.reports.PublishedAnnualReports(r.Context(), &id)
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return zhifa.Errorf(zhifa.ENOTFOUND, "没有这份年度报告")
	}
	s.ui.Render(w, r, http.StatusOK, "portal_reports", ReportsPage{Page: portalPage(r, rs[0].Supervisor+" "+strconv.Itoa(rs[0].Year)+" 年度行政执法数据报告"), Report: &rs[0]})
	return nil
}
