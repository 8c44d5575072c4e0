package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/service"
)

// maxSchedule bounds an uploaded schedule: a year is a few kilobytes.
const maxSchedule = 256 << 10

// today is the civil date in China now, by the service's clock.
func (s *Server) today() calendar.Date { return calendar.DateOf(s.svc.Now().In(cst)) }

// parseDateField parses v, the date parameter name, adding a problem on error.
func parseDateField(v, name string, problems map[string]string) calendar.Date {
	d, err := calendar.ParseDate(strings.TrimSpace(v))
	if err != nil {
		if v == "" {
			problems[name] = "缺少日期参数 " + name + ",格式为 YYYY-MM-DD"
		} else {
			problems[name] = name + "“" + v + "”不是有效日期,应为 YYYY-MM-DD,如 2025-09-26"
		}
	}
	return d
}

// parseYear parses a year of a schedule.
func parseYear(v string) (int, error) {
	y, err := strconv.Atoi(v)
	if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
		return 0, zhifa.Invalid(map[string]string{"year": "年份“" + v + "”无效,应为 " + strconv.Itoa(calendar.MinYear) + " 至 " + strconv.Itoa(calendar.MaxYear) + " 之间的四位数字"})
	}
	return y, nil
}

// parseSchedule reads a schedule in the JSON or CSV import format, telling
// them apart by the file name or, failing that, by the content.
func parseSchedule(name string, data []byte) (calendar.Schedule, error) {
	lower := strings.ToLower(name)
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	var sc calendar.Schedule
	var err error
	if strings.HasSuffix(lower, ".json") || (!strings.HasSuffix(lower, ".csv") && bytes.HasPrefix(trimmed, []byte("{"))) {
		sc, err = calendar.ParseScheduleJSON(data)
	} else {
		sc, err = calendar.ParseScheduleCSV(data)
	}
	if err != nil {
		return sc, zhifa.Invalid(map[string]string{"schedule": err.Error()})
	}
	return sc, nil
}

// apiDay is a day of the calendar in the API.
type apiDay struct {
	Date    calendar.Date `json:"date"`
	Type    string        `json:"type"`
	Name    string        `json:"name,omitempty"`
	Working bool          `json:"working"`
}

func (s *Server) handleAPICalendarDay(w http.ResponseWriter, r *http.Request) error {
	p := map[string]string{}
	d := parseDateField(r.PathValue("date"), "date", p)
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	info, err := s.svc.Day(r.Context(), d)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, apiDay{Date: info.Date, Type: info.Type.String(), Name: info.Name, Working: info.Working})
	return nil
}

// apiPeriod is the answer of GET /api/v1/calendar/add.
type apiPeriod struct {
	From calendar.Date `json:"from"`
	N    int           `json:"n"`
	Unit deadline.Unit `json:"unit"`
	Roll bool          `json:"roll"`
	Due  calendar.Date `json:"due"`
}

// parseUnit accepts the unit names of package deadline and their short forms.
func parseUnit(v string) (deadline.Unit, bool) {
	switch v {
	case "工作日", "workdays":
		return deadline.Workdays, true
	case "自然日", "日", "天", "days":
		return deadline.Days, true
	case "月", "个月", "months":
		return deadline.Months, true
	}
	return "", false
}

func (s *Server) handleAPICalendarAdd(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := map[string]string{}
	from := parseDateField(q.Get("from"), "from", p)
	n, err := strconv.Atoi(q.Get("n"))
	if err != nil || n < 0 || n > 10000 {
		p["n"] = "期限数 n“" + q.Get("n") + "”无效,应为 0 至 10000 之间的整数"
	}
	unit, ok := parseUnit(q.Get("unit"))
	if q.Get("unit") == "" {
		unit, ok = deadline.Workdays, true
	}
	if !ok {
		p["unit"] = "期限单位 unit“" + q.Get("unit") + "”无效,应为 工作日、自然日 或 月"
	}
	roll := false
	if v := q.Get("roll"); v != "" {
		if roll, err = strconv.ParseBool(v); err != nil {
			p["roll"] = "roll 应为 true 或 false"
		}
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	due, err := s.svc.AddPeriod(r.Context(), from, n, unit, roll)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, apiPeriod{From: from, N: n, Unit: unit, Roll: roll, Due: due})
	return nil
}

func (s *Server) handleAPICalendarBetween(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := map[string]string{}
	from := parseDateField(q.Get("from"), "from", p)
	to := parseDateField(q.Get("to"), "to", p)
	if len(p) == 0 && to.Before(from) {
		p["to"] = "结束日期 to 不得早于开始日期 from"
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	n, err := s.svc.WorkdaysBetween(r.Context(), from, to)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		From     calendar.Date `json:"from"`
		To       calendar.Date `json:"to"`
		Workdays int           `json:"workdays"`
	}{from, to, n})
	return nil
}

// handleAPICalendarYear writes a year's schedule in the JSON import format.
func (s *Server) handleAPICalendarYear(w http.ResponseWriter, r *http.Request) error {
	year, err := parseYear(r.PathValue("year"))
	if err != nil {
		return err
	}
	cal, err := s.svc.Calendar(r.Context())
	if err != nil {
		return err
	}
	sc, ok := cal.Schedule(year)
	if !ok {
		return service.CalendarError(&calendar.MissingYearError{Year: year}, "year")
	}
	writeJSON(w, http.StatusOK, sc)
	return nil
}

// handleAPICalendarPut imports a year's schedule (JSON import format).
func (s *Server) handleAPICalendarPut(w http.ResponseWriter, r *http.Request) error {
	year, err := parseYear(r.PathValue("year"))
	if err != nil {
		return err
	}
	a := actorFrom(r.Context())
	if err := access.Check(a, access.CalendarManage, 0); err != nil {
		// Decided before reading the body; the service records the denial.
		return s.svc.Authorize(r.Context(), a, access.CalendarManage, 0, "calendar/"+strconv.Itoa(year))
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxSchedule))
	if err != nil {
		return zhifa.Invalid(map[string]string{"schedule": "放假安排过大或读取失败"})
	}
	sc, err := calendar.ParseScheduleJSON(data)
	if err != nil {
		return zhifa.Invalid(map[string]string{"schedule": err.Error()})
	}
	if sc.Year != year {
		return zhifa.Invalid(map[string]string{"year": "地址中的年份 " + strconv.Itoa(year) + " 与放假安排的年份 " + strconv.Itoa(sc.Year) + " 不一致"})
	}
	if err := s.svc.ImportSchedule(r.Context(), a, sc); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sc)
	return nil
}

// apiDeadline is one item of the monitoring list.
type apiDeadline struct {
	Object          string        `json:"object"`
	CaseID          int64         `json:"case_id,omitempty"`
	CaseNumber      string        `json:"case_number,omitempty"`
	AgencyID        int64         `json:"agency_id"`
	Agency          string        `json:"agency"`
	RuleID          string        `json:"rule_id"`
	Rule            string        `json:"rule"`
	Source          string        `json:"source"`
	Start           calendar.Date `json:"start"`
	Due             calendar.Date `json:"due"`
	Status          string        `json:"status"`
	WorkdaysLeft    int           `json:"workdays_left"`
	WorkdaysOverdue int           `json:"workdays_overdue"`
	Mine            bool          `json:"mine"`
}

func (s *Server) handleAPIDeadlines(w http.ResponseWriter, r *http.Request) error {
	items, err := s.svc.DeadlineItems(r.Context(), actorFrom(r.Context()), s.today())
	if err != nil {
		return err
	}
	out := []apiDeadline{}
	for _, it := range items {
		out = append(out, apiDeadline{Object: it.Object, CaseID: it.CaseID, CaseNumber: it.CaseNumber, AgencyID: it.AgencyID, Agency: it.AgencyName, RuleID: it.Rule.ID, Rule: it.Rule.Name,
			Source: it.Rule.Source, Start: it.Start, Due: it.Due, Status: it.StatusName(), WorkdaysLeft: it.WorkdaysLeft,
			WorkdaysOverdue: it.WorkdaysOverdue, Mine: it.Mine})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiRule is a statutory time limit.
type apiRule struct {
	ID     string        `json:"id"`
	Name   string        `json:"name"`
	N      int           `json:"n"`
	Unit   deadline.Unit `json:"unit"`
	Start  string        `json:"start"`
	Roll   bool          `json:"roll"`
	Source string        `json:"source"`
}

func (s *Server) handleAPIDeadlineRules(w http.ResponseWriter, r *http.Request) error {
	out := []apiRule{}
	for _, x := range deadline.Rules() {
		out = append(out, apiRule{ID: x.ID, Name: x.Name, N: x.N, Unit: x.Unit, Start: x.Start, Roll: x.Roll, Source: x.Source})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// CalendarCell is one day of a month grid; Blank cells pad the weeks.
type CalendarCell struct {
	Blank bool
	Day   int
	Date  string
	Type  string // Chinese day type
	Label string // short mark shown in the cell: 休, 班, or the holiday
	Class string
	Today bool
}

// CalendarMonth is one month of the year view, in weeks Monday to Sunday.
type CalendarMonth struct {
	Title string
	Weeks [][]CalendarCell
}

// CalendarPage is the year view of the working-day calendar.
type CalendarPage struct {
	Page
	Year      int
	Years     []int // loaded years, for navigation
	Prev      int
	Next      int
	Loaded    bool
	Source    string
	Months    []CalendarMonth
	Workdays  int
	RestDays  int
	CanManage bool
	Data      string // the pasted schedule of a rejected import
	// Needs are the years time limits will soon need and the calendar
	// lacks, shown to those who may import them (calendarNeeds).
	Needs []calendar.YearNeed
}

// calendarNeeds returns the years whose schedule is not loaded and that
// time limits computed within calendar.WarnDays of today will need, for an
// actor who may import schedules; nil for anyone else, who could not act
// on the warning. A failure to read the calendar is logged and shows
// nothing: the page it decorates reports it anyway.
func (s *Server) calendarNeeds(ctx context.Context, a zhifa.Actor) []calendar.YearNeed {
	if !access.Allowed(a, access.CalendarManage, 0) {
		return nil
	}
	cal, err := s.svc.Calendar(ctx)
	if err != nil {
		s.log.Error("calendar for the missing-year warning", "err", err)
		return nil
	}
	return calendar.MissingSoon(cal.Years(), s.today(), calendar.WarnDays)
}

var dayClass = map[calendar.DayType]string{
	calendar.Workday: "cal-work", calendar.Weekend: "cal-weekend", calendar.Holiday: "cal-holiday",
	calendar.RestSwap: "cal-restswap", calendar.WorkSwap: "cal-workswap",
}

// calendarPage builds the year view of year on the effective calendar.
func (s *Server) calendarPage(r *http.Request, a zhifa.Actor, year int) (CalendarPage, error) {
	page := CalendarPage{Page: Page{Title: "工作日历 " + strconv.Itoa(year) + " 年", Section: "workbench", Actor: a},
		Year: year, Prev: year - 1, Next: year + 1, CanManage: access.Allowed(a, access.CalendarManage, 0)}
	cal, err := s.svc.Calendar(r.Context())
	if err != nil {
		return page, err
	}
	page.Years = cal.Years()
	page.Needs = s.calendarNeeds(r.Context(), a)
	sc, ok := cal.Schedule(year)
	if !ok {
		page.Error = (&calendar.MissingYearError{Year: year}).Error()
		return page, nil
	}
	page.Loaded, page.Source = true, sc.Source
	today := s.today()
	for m := time.January; m <= time.December; m++ {
		month := CalendarMonth{Title: strconv.Itoa(year) + " 年 " + strconv.Itoa(int(m)) + " 月"}
		first := calendar.Date{Y: year, M: m, D: 1}
		var week []CalendarCell
		for i := 0; i < (int(first.Weekday())+6)%7; i++ {
			week = append(week, CalendarCell{Blank: true})
		}
		for d := first; d.M == m; d = d.Add(1) {
			t, err := cal.DayType(d)
			if err != nil {
				return page, err
			}
			c := CalendarCell{Day: d.D, Date: d.String(), Type: t.String(), Class: dayClass[t], Today: d == today}
			switch t {
			case calendar.Holiday:
				c.Label = cal.Name(d)
				if c.Label == "" {
					c.Label = "节"
				}
			case calendar.RestSwap, calendar.Weekend:
				c.Label = "休"
			case calendar.WorkSwap:
				c.Label = "班"
			}
			if t.Working() {
				page.Workdays++
			} else {
				page.RestDays++
			}
			week = append(week, c)
			if len(week) == 7 {
				month.Weeks = append(month.Weeks, week)
				week = nil
			}
		}
		if len(week) > 0 {
			for len(week) < 7 {
				week = append(week, CalendarCell{Blank: true})
			}
			month.Weeks = append(month.Weeks, week)
		}
		page.Months = append(page.Months, month)
	}
	return page, nil
}

func (s *Server) handleCalendar(w http.ResponseWriter, r *http.Request) error {
	a, err := requireLogin(r)
	if err != nil {
		return err
	}
	year := s.today().Y
	if v := r.URL.Query().Get("year"); v != "" {
		if year, err = parseYear(v); err != nil {
			return err
		}
	}
	page, err := s.calendarPage(r, a, year)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "calendar_year", page)
	return nil
}

// handleCalendarImport takes a schedule as an uploaded file or pasted text
// (multipart or urlencoded form: file, data).
func (s *Server) handleCalendarImport(w http.ResponseWriter, r *http.Request) error {
	a, err := requireLogin(r)
	if err == nil {
		err = s.svc.Authorize(r.Context(), a, access.CalendarManage, 0, "calendar/import")
	}
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSchedule+64<<10)
	var name string
	var data []byte
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		err = r.ParseMultipartForm(maxSchedule)
		if f, fh, ferr := r.FormFile("file"); ferr == nil {
			data, err = io.ReadAll(io.LimitReader(f, maxSchedule))
			f.Close()
			name = fh.Filename
		}
	} else {
		err = r.ParseForm()
	}
	if len(bytes.TrimSpace(data)) == 0 {
		data, name = []byte(r.PostFormValue("data")), ""
	}
	fail := func(status int, err error) error {
		page, perr := s.calendarPage(r, a, s.today().Y)
		if perr != nil {
			return perr
		}
		page.Data = string(data)
		if name != "" {
			page.Data = ""
		}
		page.Error = zhifa.ErrorMessage(err)
		if e, ok := err.(*zhifa.Error); ok {
			page.Problems = e.Problems
		}
		s.render(w, r, status, "calendar_year", page)
		return nil
	}
	switch {
	case err != nil:
		return fail(http.StatusBadRequest, zhifa.Invalid(map[string]string{"schedule": "上传内容过大或读取失败(不超过 256 KB)"}))
	case len(bytes.TrimSpace(data)) == 0:
		return fail(http.StatusBadRequest, zhifa.Invalid(map[string]string{"schedule": "请选择文件或粘贴放假安排(JSON 或 CSV)"}))
	}
	sc, err := parseSchedule(name, data)
	if err == nil {
		err = s.svc.ImportSchedule(r.Context(), a, sc)
	}
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.EINTERNAL {
			return err
		}
		return fail(errorStatus(err), err)
	}
	page, err := s.calendarPage(r, a, sc.Year)
	if err != nil {
		return err
	}
	page.Flash = "已导入 " + strconv.Itoa(sc.Year) + " 年放假安排(法定节假日 " + strconv.Itoa(len(sc.Holidays)) + " 天,调休休息 " +
		strconv.Itoa(len(sc.RestSwaps)) + " 天,调休上班 " + strconv.Itoa(len(sc.WorkSwaps)) + " 天),已记入台账,立即生效;未完成的期限已按新日历重新计算。"
	s.render(w, r, http.StatusOK, "calendar_year", page)
	return nil
}

// DeadlinesPage is the monitoring list of time limits and the rules table.
type DeadlinesPage struct {
	Page
	Today   calendar.Date
	Items   []service.DeadlineItem
	Allowed bool // the actor monitors deadlines
	Rules   []RuleRow
}

// RuleRow is a rule of the rules table with its limit in words.
type RuleRow struct {
	deadline.Rule
	Limit string // "7 工作日", or "事件前 7 工作日" for a rule counting backwards
}

func ruleRows() []RuleRow {
	var out []RuleRow
	for _, r := range deadline.Rules() {
		limit := strconv.Itoa(r.N) + " " + string(r.Unit)
		if r.N < 0 {
			limit = "事件前 " + strconv.Itoa(-r.N) + " " + string(r.Unit)
		}
		out = append(out, RuleRow{Rule: r, Limit: limit})
	}
	return out
}

func (s *Server) handleDeadlines(w http.ResponseWriter, r *http.Request) error {
	a, err := requireLogin(r)
	if err != nil {
		return err
	}
	page := DeadlinesPage{Page: Page{Title: "期限监控", Section: "workbench", Actor: a}, Today: s.today(), Rules: ruleRows()}
	page.Items, err = s.svc.DeadlineItems(r.Context(), a, page.Today)
	switch zhifa.ErrorCode(err) {
	case "":
		page.Allowed = true
	case zhifa.EFORBIDDEN:
		// Administrators monitor no cases; they still see the rules.
	default:
		return err
	}
	s.render(w, r, http.StatusOK, "deadlines", page)
	return nil
}
