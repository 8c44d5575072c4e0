package api

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

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

// apiDay is a day of the calendar in the API.
type apiDay struct {
	Date    calendar.Date `json:"date"`
	Type    string        `json:"type"`
	Name    string        `json:"name,omitempty"`
	Working bool          `json:"working"`
}

// HandleAPICalendarDay serves GET /api/v1/calendar/day/{date}.
func (s *Calendar) HandleAPICalendarDay(w http.ResponseWriter, r *http.Request) error {
	p := map[string]string{}
	d := parseDateField(r.PathValue("date"), "date", p)
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	info, err := s.svc.Day(r.Context(), d)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, apiDay{Date: info.Date, Type: info.Type.String(), Name: info.Name, Working: info.Working})
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

// HandleAPICalendarAdd serves GET /api/v1/calendar/add.
func (s *Calendar) HandleAPICalendarAdd(w http.ResponseWriter, r *http.Request) error {
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
	ui.WriteJSON(w, http.StatusOK, apiPeriod{From: from, N: n, Unit: unit, Roll: roll, Due: due})
	return nil
}

// HandleAPICalendarBetween serves GET /api/v1/calendar/between.
func (s *Calendar) HandleAPICalendarBetween(w http.ResponseWriter, r *http.Request) error {
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
	ui.WriteJSON(w, http.StatusOK, struct {
		From     calendar.Date `json:"from"`
		To       calendar.Date `json:"to"`
		Workdays int           `json:"workdays"`
	}{from, to, n})
	return nil
}

// HandleAPICalendarYear writes a year's schedule in the JSON import format.
func (s *Calendar) HandleAPICalendarYear(w http.ResponseWriter, r *http.Request) error {
	year, err := staff.ParseYear(r.PathValue("year"))
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
	ui.WriteJSON(w, http.StatusOK, sc)
	return nil
}

// HandleAPICalendarPut imports a year's schedule (JSON import format).
func (s *Calendar) HandleAPICalendarPut(w http.ResponseWriter, r *http.Request) error {
	year, err := staff.ParseYear(r.PathValue("year"))
	if err != nil {
		return err
	}
	a := ui.ActorFrom(r.Context())
	if err := access.Check(a, access.CalendarManage, 0); err != nil {
		// Decided before reading the body; the service records the denial.
		return s.svc.Authorize(r.Context(), a, access.CalendarManage, 0, "calendar/"+strconv.Itoa(year))
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, staff.MaxSchedule))
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
	ui.WriteJSON(w, http.StatusOK, sc)
	return nil
}
