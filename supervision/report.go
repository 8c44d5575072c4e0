package supervision

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
)

// The annual report (年度行政执法数据报告, issue 16 item 9; seed 五): last
// year's enforcement figures of every agency of a 司法局's region and their
// total, generated from the records (the dashboard's figures for the whole
// year), approved and published by the 司法局 on the portal by 31 January.
// A draft may be generated again until it is published; a published report
// never changes.

// ReportStatus is where a report stands.
type ReportStatus string

// Report statuses.
const (
	ReportDraft     ReportStatus = "draft"     // 草稿
	ReportPublished ReportStatus = "published" // 已公布
)

// Name is the Chinese name of s.
func (s ReportStatus) Name() string {
	if s == ReportPublished {
		return "已公布"
	}
	return "草稿"
}

// Report is a 司法局's annual report of a year.
type Report struct {
	ID             int64
	SupervisorID   int64
	SupervisorName string
	Region         string
	Year           int
	Agencies       []Figures // the figures of each agency
	Total          Figures
	Status         ReportStatus
	GeneratedOn    zhifa.Date
	PublishedOn    zhifa.Date
	PublishedBy    int64
	Created        time.Time
	Updated        time.Time
}

// Object is the report's ledger object.
func (r *Report) Object() string { return fmt.Sprintf("report/%d", r.ID) }

// ReportDue is the last day to publish the report of year: 31 January of
// the next year.
func ReportDue(year int) zhifa.Date { return zhifa.Date{Y: year + 1, M: time.January, D: 31} }

// Due is the report's publication deadline.
func (r *Report) Due() zhifa.Date { return ReportDue(r.Year) }

// Late reports whether the report was, or is on today, published after its
// deadline.
func (r *Report) Late(today zhifa.Date) bool {
	if r.Status == ReportPublished {
		return r.PublishedOn.After(r.Due())
	}
	return today.After(r.Due())
}

// Period is the calendar year the report covers.
func (r *Report) Period() Period {
	return Period{From: zhifa.Date{Y: r.Year, M: time.January, D: 1}, To: zhifa.Date{Y: r.Year, M: time.December, D: 31}}
}

// reportData is what a report stores of its figures, as JSON.
type reportData struct {
	Agencies []Figures `json:"agencies"`
	Total    Figures   `json:"total"`
}

// MarshalFigures returns the stored form of r's figures.
func (r *Report) MarshalFigures() (string, error) {
	b, err := json.Marshal(reportData{Agencies: r.Agencies, Total: r.Total})
	return string(b), err
}

// UnmarshalFigures reads the stored form of r's figures.
func (r *Report) UnmarshalFigures(s string) error {
	var d reportData
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return err
	}
	r.Agencies, r.Total = d.Agencies, d.Total
	return nil
}

// CheckReportYear refuses a year that has not ended on today, or one before
// the records can hold anything.
func CheckReportYear(year int, today zhifa.Date) error {
	switch {
	case year >= today.Y:
		return zhifa.Invalid(map[string]string{"year": fmt.Sprintf("%d 年尚未结束,只能生成以往年度的报告", year)})
	case year < 2000:
		return zhifa.Invalid(map[string]string{"year": "年度无效"})
	}
	return nil
}

// ReportFilter selects reports; nil fields do not filter.
type ReportFilter struct {
	ID           *int64
	SupervisorID *int64
	Year         *int
	Published    bool // only published ones
}

// ReportStore is the storage of reports; package store implements it.
type ReportStore interface {
	FindReports(ctx context.Context, f ReportFilter) ([]*Report, error)
	WriteReports(ctx context.Context, fn func(ReportTx) error) error
}

// ReportTx is a write transaction on reports.
type ReportTx interface {
	FindReports(ctx context.Context, f ReportFilter) ([]*Report, error)
	// SaveReport inserts r (ID 0) or replaces the figures of a draft.
	SaveReport(r *Report) error
	// PublishReport marks r published, if it is still a draft.
	PublishReport(r *Report) error
	Record(e ledger.Event) (int64, error)
}

// GenerateReport computes, or computes again, the draft report of year for
// a's 司法局 from the records.
func (s *Service) GenerateReport(ctx context.Context, a zhifa.Actor, year int) (*Report, error) {
	today := s.today()
	if err := CheckReportYear(year, today); err != nil {
		return nil, err
	}
	r := &Report{Year: year}
	d, err := s.Dashboard(ctx, a, r.Period())
	if err != nil {
		return nil, err
	}
	sup, _, err := s.Region(ctx, a)
	if err != nil {
		return nil, err
	}
	r.SupervisorID, r.SupervisorName, r.Region, r.Agencies, r.Total = sup.ID, sup.Name, sup.Region, d.Agencies, d.Total
	r.Status, r.GeneratedOn = ReportDraft, today
	err = s.Reports.WriteReports(ctx, func(tx ReportTx) error {
		old, err := tx.FindReports(ctx, ReportFilter{SupervisorID: &sup.ID, Year: &year})
		if err != nil {
			return err
		}
		verb := "report.generated"
		if len(old) > 0 {
			if old[0].Status == ReportPublished {
				return zhifa.Errorf(zhifa.ECONFLICT, "%d 年度报告已于 %s 公布,不能重新生成", year, old[0].PublishedOn)
			}
			r.ID, verb = old[0].ID, "report.regenerated"
		}
		if err := tx.SaveReport(r); err != nil {
			return err
		}
		_, err = tx.Record(ledger.Event{Type: verb, Object: r.Object(), Actor: a.Ref(), Agency: strconv.FormatInt(sup.ID, 10),
			Attrs: map[string]string{"year": strconv.Itoa(year), "agencies": strconv.Itoa(len(r.Agencies))}})
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// PublishReport approves and publishes a draft report of a's 司法局.
func (s *Service) PublishReport(ctx context.Context, a zhifa.Actor, id int64) (*Report, error) {
	sup, err := s.supervisorOf(ctx, a, 0, "report/"+strconv.FormatInt(id, 10))
	if err != nil {
		return nil, err
	}
	var r *Report
	err = s.Reports.WriteReports(ctx, func(tx ReportTx) error {
		rs, err := tx.FindReports(ctx, ReportFilter{ID: &id, SupervisorID: &sup.ID})
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return zhifa.Errorf(zhifa.ENOTFOUND, "年度报告不存在")
		}
		r = rs[0]
		if r.Status == ReportPublished {
			return zhifa.Errorf(zhifa.ECONFLICT, "%d 年度报告已于 %s 公布", r.Year, r.PublishedOn)
		}
		r.Status, r.PublishedOn, r.PublishedBy = ReportPublished, s.today(), a.UserID
		if err := tx.PublishReport(r); err != nil {
			return err
		}
		_, err = tx.Record(ledger.Event{Type: "report.published", Object: r.Object(), Actor: a.Ref(), Agency: strconv.FormatInt(sup.ID, 10),
			Attrs: map[string]string{"year": strconv.Itoa(r.Year), "late": strconv.FormatBool(r.Late(r.PublishedOn))}})
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// ReportsOf lists the reports of a's 司法局, newest year first.
func (s *Service) ReportsOf(ctx context.Context, a zhifa.Actor) ([]*Report, error) {
	sup, err := s.supervisorOf(ctx, a, 0, "reports")
	if err != nil {
		return nil, err
	}
	return s.Reports.FindReports(ctx, ReportFilter{SupervisorID: &sup.ID})
}

// PublishedReports lists the published reports of every 司法局, for the
// portal; id, if not nil, selects one.
func (s *Service) PublishedReports(ctx context.Context, id *int64) ([]*Report, error) {
	return s.Reports.FindReports(ctx, ReportFilter{ID: id, Published: true})
}
