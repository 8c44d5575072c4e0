package workbench

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
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

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
	ui.Page
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
func (s *Calendar) calendarNeeds(ctx context.Context, a zhifa.Actor) []calendar.YearNeed {
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
func (s *Calendar) calendarPage(r *http.Request, a zhifa.Actor, year int) (CalendarPage, error) {
	page := CalendarPage{Page: ui.Page{Title: "工作日历 " + strconv.Itoa(year) + " 年", Section: "workbench", Actor: a},
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

// HandleCalendar serves GET /workbench/calendar.
func (s *Calendar) HandleCalendar(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	year := s.today().Y
	if v := r.URL.Query().Get("year"); v != "" {
		if year, err = staff.ParseYear(v); err != nil {
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

// HandleCalendarImport takes a schedule as an uploaded file or pasted text
// (multipart or urlencoded form: file, data).
func (s *Calendar) HandleCalendarImport(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err == nil {
		err = s.svc.Authorize(r.Context(), a, access.CalendarManage, 0, "calendar/import")
	}
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, staff.MaxSchedule+64<<10)
	var name string
	var data []byte
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		err = r.ParseMultipartForm(staff.MaxSchedule)
		if f, fh, ferr := r.FormFile("file"); ferr == nil {
			data, err = io.ReadAll(io.LimitReader(f, staff.MaxSchedule))
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
		return fail(ui.ErrorStatus(err), err)
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
