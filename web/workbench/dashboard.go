package workbench

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/supervision"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// The 司法局's dashboard (执法监督统计): the figures of every agency of the
// supervisor's region for a period, as tables with links down to the cases,
// bar charts drawn on the server as SVG (no script, nothing from outside),
// and a CSV export of the same table.

// DashboardService computes the dashboard (*supervision.Service).
type DashboardService interface {
	Dashboard(ctx context.Context, a zhifa.Actor, p supervision.Period) (*supervision.Dashboard, error)
}

// Dashboard serves the supervision dashboard and its export.
type Dashboard struct {
	base
	svc   DashboardService
	today func() zhifa.Date
}

// NewDashboard returns the dashboard's page and export.
func NewDashboard(u *ui.Responder, svc DashboardService, today func() zhifa.Date) *Dashboard {
	return &Dashboard{base: base{u}, svc: svc, today: today}
}

// StageCount is one stage's cases, for the stage table.
type StageCount struct {
	Stage, Name string
	N           int
}

// DashboardPage is the dashboard.
type DashboardPage struct {
	ui.Page
	From, To  string
	D         *supervision.Dashboard
	Stages    []StageCount
	Decisions []supervision.Bar
	Rates     []supervision.Bar
	ChartH    int
	Query     string // the period as a query, for the export link
}

func (s *Dashboard) load(r *http.Request) (*supervision.Dashboard, error) {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return nil, err
	}
	p, err := supervision.ParsePeriod(r.URL.Query().Get("from"), r.URL.Query().Get("to"), s.today())
	if err != nil {
		return nil, err
	}
	return s.svc.Dashboard(r.Context(), a, p)
}

// HandleDashboard serves GET /workbench/supervision[?from=&to=].
func (s *Dashboard) HandleDashboard(w http.ResponseWriter, r *http.Request) error {
	d, err := s.load(r)
	if err != nil {
		return err
	}
	p := DashboardPage{Page: workbenchPage(ui.ActorFrom(r.Context()), "执法监督统计"), D: d, From: d.Period.From.String(), To: d.Period.To.String()}
	for _, st := range penalty.Stages {
		if n := d.Total.ByStage[string(st)]; n > 0 {
			p.Stages = append(p.Stages, StageCount{Stage: string(st), Name: staff.StageName(string(st)), N: n})
		}
	}
	var labels, texts, rateTexts, hrefs []string
	var decisions, rates []int64
	for _, f := range d.Agencies {
		labels = append(labels, f.AgencyName)
		decisions = append(decisions, int64(f.Decisions))
		texts = append(texts, strconv.Itoa(f.Decisions)+" 件")
		rate := int64(0)
		if f.Decisions > 0 {
			rate = int64(f.Published * 100 / f.Decisions)
		}
		rates = append(rates, rate)
		rateTexts = append(rateTexts, f.PublicationRate())
		hrefs = append(hrefs, "/workbench/cases?agency_id="+strconv.FormatInt(f.AgencyID, 10))
	}
	p.Decisions = supervision.Bars(labels, decisions, texts, hrefs)
	p.Rates = supervision.Bars(labels, rates, rateTexts, hrefs)
	p.ChartH = len(d.Agencies) * supervision.BarHeight
	p.Query = url.Values{"from": {p.From}, "to": {p.To}}.Encode()
	s.render(w, r, http.StatusOK, "dashboard", p)
	return nil
}

// HandleDashboardCSV serves GET /workbench/supervision.csv: the table, one
// row per agency and the total, in UTF-8 with a byte-order mark so that
// spreadsheet programs read the Chinese.
func (s *Dashboard) HandleDashboardCSV(w http.ResponseWriter, r *http.Request) error {
	d, err := s.load(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="supervision-`+d.Period.From.String()+`-`+d.Period.To.String()+`.csv"`)
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write([]string{"执法主体", "统计期间", "立案数", "作出决定数", "罚款金额(元)", "已公示", "公示率", "按期公示", "按期公示率", "未经法制审核的决定",
		"撤回公示", "逾期撤回", "逾期未完成的期限", "执法人员", "证件无效人员", "投诉举报", "逾期未办投诉举报", "监督意见", "逾期未回复监督意见"})
	for _, f := range append(d.Agencies, d.Total) {
		n := strconv.Itoa
		cw.Write([]string{f.AgencyName, d.Period.String(), n(f.Opened), n(f.Decisions), strconv.FormatInt(f.Fines, 10), n(f.Published), f.PublicationRate(),
			n(f.PublishedOnTime), f.TimelyRate(), n(f.WithoutReview), n(f.Withdrawn), n(f.WithdrawnLate), n(f.OverdueDeadlines), n(f.Officers),
			n(f.InvalidCerts), n(f.Complaints), n(f.ComplaintsOverdue), n(f.Opinions), n(f.OpinionsOverdue)})
	}
	cw.Flush()
	return cw.Error()
}
