package ui

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
)

// templateFS holds the frame of every page: layout.html, error.html and the
// partial_*.html templates shared by several pages.
//
//go:embed templates
var templateFS embed.FS

// Responder renders pages and writes the errors of both audiences (pages
// and the JSON API). Its templates are parsed once, by New.
type Responder struct {
	log   *slog.Logger
	pages map[string]*template.Template
}

// New parses the layout, the partials and error.html, then every page of
// pages (each an FS whose *.html files are pages, named by their file name
// without .html), each over a clone of the layout: a template error, or two
// pages of one name, stops the server from starting. funcs are the
// server's own template functions, added to the common ones.
func New(log *slog.Logger, funcs template.FuncMap, pages ...fs.FS) (*Responder, error) {
	s := &Responder{log: log, pages: map[string]*template.Template{}}
	// Files named partial_*.html hold templates shared by several pages.
	layout, err := template.New("layout.html").Funcs(commonFuncs).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partial_*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	// A package's own partial_*.html (e.g. the workbench's
	// partial_case_next.html) join the shared ones.
	for _, fsys := range pages {
		if ps, _ := fs.Glob(fsys, "partial_*.html"); len(ps) > 0 {
			if layout, err = layout.ParseFS(fsys, "partial_*.html"); err != nil {
				return nil, fmt.Errorf("parse partials: %w", err)
			}
		}
	}
	own, _ := fs.Sub(templateFS, "templates")
	for _, fsys := range append([]fs.FS{own}, pages...) {
		files, err := fs.Glob(fsys, "*.html")
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			name := strings.TrimSuffix(f, ".html")
			if name == "layout" || strings.HasPrefix(name, "partial_") {
				continue
			}
			if _, dup := s.pages[name]; dup {
				return nil, fmt.Errorf("parse %s: two pages named %s", f, name)
			}
			t, err := template.Must(layout.Clone()).ParseFS(fsys, f)
			if err != nil {
				return nil, fmt.Errorf("parse %s: %w", f, err)
			}
			s.pages[name] = t
		}
	}
	return s, nil
}

var commonFuncs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(CST).Format("2006-01-02")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(CST).Format("2006-01-02 15:04")
	},
	"roleName":     func(r zhifa.Role) string { return r.Name() },
	"workbenchNav": WorkbenchLinks,
	"join":         strings.Join,
	"yuan": func(n int64) string {
		return fmt.Sprintf("%d", n)
	},
}

// CST is China Standard Time, the zone of every date and time shown.
var CST = time.FixedZone("CST", 8*3600)

// Page is the data every page has.
type Page struct {
	Title   string
	Section string // "portal" or "workbench"
	Actor   zhifa.Actor
	Flash   string
	Error   string
	// Problems are per-field messages of a rejected form.
	Problems map[string]string
}

// Nav is one workbench menu entry.
type Nav struct{ Href, Label string }

// Render executes page into a buffer, then writes it; a template error is a
// clean 500.
func (s *Responder) Render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	t, ok := s.pages[page]
	if !ok {
		s.log.Error("no such page", "page", page)
		http.Error(w, "页面不存在", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		s.log.Error("render", "page", page, "err", err)
		http.Error(w, "页面渲染失败", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// WorkbenchLinks is the workbench menu for an actor.
// It is the one place that says which pages a role sees; the layout's
// navigation uses it too. A link appears only when the service would allow
// the page's operation for the actor's own agency.
func WorkbenchLinks(a zhifa.Actor) []Nav {
	links := []Nav{{"/workbench", "首页"}}
	can := func(op access.Op) bool { return access.Allowed(a, op, a.AgencyID) }
	if can(access.CaseRead) {
		links = append(links, Nav{"/workbench/cases", "案件办理"})
	}
	if can(access.InspectionRead) {
		links = append(links, Nav{"/workbench/inspections", "行政检查"})
	}
	if can(access.CaseReview) {
		links = append(links, Nav{"/workbench/reviews", "法制审核"})
	}
	if can(access.CaseRead) && a.AgencyID != 0 && !a.Supervisor {
		links = append(links, Nav{"/workbench/recordings", "音像记录"})
	}
	if can(access.CaseRead) || can(access.Supervise) {
		links = append(links, Nav{"/workbench/deadlines", "期限监控"})
	}
	if can(access.PublicationEdit) {
		links = append(links, Nav{"/workbench/publications", "决定公示"}, Nav{"/workbench/redact", "公示脱敏确认"})
	}
	if can(access.ComplaintHandle) {
		links = append(links, Nav{"/workbench/complaints", "投诉举报"})
	}
	if can(access.Supervise) {
		links = append(links, Nav{"/workbench/supervision", "执法监督统计"}, Nav{"/workbench/reports", "年度报告"})
	}
	if can(access.Supervise) || can(access.OpinionReply) {
		links = append(links, Nav{"/workbench/opinions", "执法监督意见"})
	}
	if can(access.RegistryManage) {
		links = append(links, Nav{"/workbench/registry", "主体人员事项"})
	}
	if can(access.CalendarManage) {
		links = append(links, Nav{"/workbench/calendar", "工作日历"})
	}
	if can(access.ReviewExtend) || can(access.Supervise) {
		links = append(links, Nav{"/workbench/review-limits", "审核期限"})
	}
	if can(access.Supervise) {
		links = append(links, Nav{"/workbench/review-staffing", "审核力量"})
	}
	if can(access.RegistryManage) {
		links = append(links, Nav{"/workbench/counsel", "法律顾问"})
	}
	if can(access.CatalogManage) {
		links = append(links, Nav{"/workbench/catalog", "审核目录清单"})
	}
	if can(access.UserManage) || can(access.RoleAssign) {
		links = append(links, Nav{"/workbench/admin/users", "用户与角色"})
	}
	if can(access.AuditRead) {
		links = append(links, Nav{"/workbench/audit", "审计记录"})
	}
	return links
}
