package workbench

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/supervision"
	"github.com/zhifa/zhifa/web/ui"
)

// The annual reports in the workbench: the 司法局's supervisor generates last
// year's report from the records, checks it, and publishes it on the portal
// by 31 January.

// ReportsService generates and publishes annual reports
// (*supervision.Service).
type ReportsService interface {
	ReportsOf(ctx context.Context, a zhifa.Actor) ([]*supervision.Report, error)
	GenerateReport(ctx context.Context, a zhifa.Actor, year int) (*supervision.Report, error)
	PublishReport(ctx context.Context, a zhifa.Actor, id int64) (*supervision.Report, error)
}

// Reports serves the annual reports.
type Reports struct {
	base
	flash
	svc   ReportsService
	today func() zhifa.Date
}

// NewReports returns the annual reports' page.
func NewReports(u *ui.Responder, svc ReportsService, today func() zhifa.Date, secure bool) *Reports {
	return &Reports{base: base{u}, flash: flash{secure}, svc: svc, today: today}
}

// ReportListPage lists the 司法局's reports with the generate form.
type ReportListPage struct {
	ui.Page
	Reports  []*supervision.Report
	Today    zhifa.Date
	LastYear int
	Year     string
}

func (s *Reports) listPage(r *http.Request, a zhifa.Actor) (ReportListPage, error) {
	today := s.today()
	p := ReportListPage{Page: workbenchPage(a, "年度行政执法数据报告"), Today: today, LastYear: today.Y - 1, Year: strconv.Itoa(today.Y - 1)}
	var err error
	p.Reports, err = s.svc.ReportsOf(r.Context(), a)
	return p, err
}

// HandleReportList serves GET /workbench/reports.
func (s *Reports) HandleReportList(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	p, err := s.listPage(r, a)
	if err != nil {
		return err
	}
	p.Flash = s.takeFlash(w, r, "/workbench/reports")
	s.render(w, r, http.StatusOK, "report_list", p)
	return nil
}

// HandleReportAct serves POST /workbench/reports: action=generate with a
// year, or action=publish with an id.
func (s *Reports) HandleReportAct(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	var rep *supervision.Report
	var msg string
	switch r.PostFormValue("action") {
	case "generate":
		v := strings.TrimSpace(r.PostFormValue("year"))
		year, perr := strconv.Atoi(v)
		if perr != nil {
			err = zhifa.Invalid(map[string]string{"year": "年度“" + v + "”应为四位数字,如 " + strconv.Itoa(s.today().Y-1)})
			break
		}
		if rep, err = s.svc.GenerateReport(r.Context(), a, year); err == nil {
			msg = "已根据执法记录生成 " + strconv.Itoa(rep.Year) + " 年度报告(草稿),请核对后公布。"
		}
	case "publish":
		id := ui.FormID(r.PostFormValue("id"))
		if id <= 0 {
			err = zhifa.Invalid(map[string]string{"id": "请选择要公布的报告"})
			break
		}
		if rep, err = s.svc.PublishReport(r.Context(), a, id); err == nil {
			msg = strconv.Itoa(rep.Year) + " 年度报告已在门户网站公布。"
		}
	default:
		err = zhifa.Invalid(map[string]string{"action": "未知的操作"})
	}
	if err != nil {
		msg, problems, ok := refused(err)
		if !ok {
			return err
		}
		p, lerr := s.listPage(r, a)
		if lerr != nil {
			return lerr
		}
		p.Error, p.Problems, p.Year = msg, problems, r.PostFormValue("year")
		s.render(w, r, ui.ErrorStatus(err), "report_list", p)
		return nil
	}
	s.setFlash(w, "/workbench/reports", msg)
	http.Redirect(w, r, "/workbench/reports", http.StatusSeeOther)
	return nil
}
