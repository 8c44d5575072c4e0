package workbench

import (
	"context"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web/ui"
)

// The audit trail (issue 16, item 3): the ledger's events, newest first,
// each with its meaning in Chinese (ledger.EventName), the object, who
// (identity.ActorLabel), the time in China time and its inclusion proof one
// click away (/api/v1/ledger/events/{index}, the page that checks it);
// filters by event type, actor, object and time; CSV export. For the audit
// administrator and the 司法局 (access.AuditRead).

// AuditService reads the audit trail (service.Service).
type AuditService interface {
	AuditEvents(ctx context.Context, a zhifa.Actor, f service.AuditFilter) ([]service.AuditEvent, error)
	ActorLabel(ctx context.Context, viewer zhifa.Actor, ref string) string
}

// Audit serves the audit trail.
type Audit struct {
	base
	svc AuditService
}

// NewAudit returns the audit trail pages.
func NewAudit(svc AuditService, u *ui.Responder) *Audit { return &Audit{base: base{u}, svc: svc} }

// auditRow is one event as the page and the CSV show it.
type auditRow struct {
	Index  int64
	Time   string
	Name   string
	Object string
	Actor  string
	Agency string
}

// AuditPage is the audit trail with its filter.
type AuditPage struct {
	ui.Page
	Type, Who, Object, From, To string // the filter (Who: an actor such as user/5)
	Rows                        []auditRow
	CSV                         string
	Max                         int
}

const auditPageRows = 200

func (s *Audit) read(r *http.Request, limit int) (AuditPage, error) {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return AuditPage{}, err
	}
	q := r.URL.Query()
	p := AuditPage{Page: ui.Page{Title: "审计记录", Section: "workbench", Actor: a}, Type: strings.TrimSpace(q.Get("type")),
		Who: strings.TrimSpace(q.Get("actor")), Object: strings.TrimSpace(q.Get("object")), From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")), Max: limit}
	f := service.AuditFilter{Type: p.Type, Actor: p.Who, Object: p.Object, Limit: limit}
	problems := map[string]string{}
	day := func(field, label, v string) time.Time {
		if v == "" {
			return time.Time{}
		}
		d, ok := zhifa.ParseCivilDate(v)
		if !ok {
			problems[field] = label + "“" + v + "”不是有效的日期,应为 YYYY-MM-DD"
			return time.Time{}
		}
		return d.Time(ui.CST)
	}
	f.From = day("from", "起始日期", p.From)
	if to := day("to", "截止日期", p.To); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1)
	}
	if len(problems) > 0 {
		return p, zhifa.Invalid(problems)
	}
	evs, err := s.svc.AuditEvents(r.Context(), a, f)
	if err != nil {
		return p, err
	}
	labels := map[string]string{}
	for _, e := range evs {
		l, ok := labels[e.Actor]
		if !ok {
			l = s.svc.ActorLabel(r.Context(), a, e.Actor)
			labels[e.Actor] = l
		}
		p.Rows = append(p.Rows, auditRow{Index: e.Index, Time: e.Time.In(ui.CST).Format("2006-01-02 15:04:05"), Name: ledger.EventName(e.Type),
			Object: ledger.ObjectName(e.Object), Actor: l, Agency: e.Agency})
	}
	v := q
	v.Del("page")
	p.CSV = "/workbench/audit.csv"
	if enc := v.Encode(); enc != "" {
		p.CSV += "?" + enc
	}
	return p, nil
}

// HandleAudit serves GET /workbench/audit.
func (s *Audit) HandleAudit(w http.ResponseWriter, r *http.Request) error {
	p, err := s.read(r, auditPageRows)
	if zhifa.ErrorCode(err) == zhifa.EINVALID {
		e := err.(*zhifa.Error)
		p.Error, p.Problems = e.Message, e.Problems
		s.render(w, r, http.StatusBadRequest, "audit", p)
		return nil
	}
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "audit", p)
	return nil
}

// HandleAuditCSV serves GET /workbench/audit.csv: the filtered trail (up to
// service.AuditMax events) as CSV, UTF-8 with a BOM for spreadsheets.
func (s *Audit) HandleAuditCSV(w http.ResponseWriter, r *http.Request) error {
	p, err := s.read(r, service.AuditMax)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="audit.csv"`)
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write([]string{"台账序号", "时间(北京时间)", "事件", "对象", "操作人", "执法主体编号", "包含证明"})
	for _, row := range p.Rows {
		cw.Write([]string{strconv.FormatInt(row.Index, 10), row.Time, csvSafe(row.Name), csvSafe(row.Object), csvSafe(row.Actor), row.Agency,
			"/api/v1/ledger/proof/" + strconv.FormatInt(row.Index, 10)})
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a cell from being read as a formula by a spreadsheet.
func csvSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
		return "'" + v
	}
	return v
}
