package service

import (
	"context"
	"errors"
	"strconv"
	"sync"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/store"
)

// calendarCache holds the effective calendar and the revision of the
// stored schedules it was built from. Several serve processes may share one
// database, so a change imported by another process must take effect here
// too: every use reads the revision (one primary-key read) and rebuilds the
// calendar when it moved.
type calendarCache struct {
	mu       sync.Mutex
	cal      *calendar.Calendar
	revision int64
}

// calendarSerial is the platform-wide sequence that counts changes of the
// stored schedules; ImportSchedule takes its next number in the write that
// stores a schedule, so the revision moves exactly when they change.
const calendarSerial = "calendar.schedules"

// Calendar returns the effective working-day calendar: the built-in official
// schedules overlaid with those administrators stored, as of the latest
// change committed by any process.
func (s *Service) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	// The revision is read before the schedules: a change committed in
	// between makes the next call rebuild again, never keeps a stale cache.
	rev, err := s.DB.Serial(ctx, store.PlatformWide, calendarSerial)
	if err != nil {
		return nil, err
	}
	s.cal.mu.Lock()
	defer s.cal.mu.Unlock()
	if s.cal.cal != nil && s.cal.revision == rev {
		return s.cal.cal, nil
	}
	cal, err := buildCalendar(ctx, s.DB, nil)
	if err != nil {
		return nil, err
	}
	s.cal.cal, s.cal.revision = cal, rev
	return cal, nil
}

// scheduleReader is what buildCalendar reads stored schedules from: the
// database, or a write transaction.
type scheduleReader interface {
	Schedules(ctx context.Context) ([]store.StoredSchedule, error)
}

func buildCalendar(ctx context.Context, db scheduleReader, extra *calendar.Schedule) (*calendar.Calendar, error) {
	scheds := calendar.Builtin()
	stored, err := db.Schedules(ctx)
	if err != nil {
		return nil, err
	}
	for _, st := range stored {
		sc, err := calendar.ParseScheduleJSON(st.JSON)
		if err != nil {
			return nil, zhifa.Errorf(zhifa.EINTERNAL, "stored schedule %d: %v", st.Year, err)
		}
		scheds = append(scheds, sc)
	}
	if extra != nil {
		scheds = append(scheds, *extra)
	}
	return calendar.New(scheds...)
}

// ImportSchedule stores a year's official schedule (new or corrected),
// records it in the ledger ("calendar.schedule_set") and makes it effective
// at once. In the same transaction every open deadline is recomputed on the
// new calendar ("deadline.recomputed" when any due date moved).
// Errors: EUNAUTHORIZED, EFORBIDDEN (not a system administrator), EINVALID
// (problem "schedule", the parser's or validator's Chinese message).
func (s *Service) ImportSchedule(ctx context.Context, a zhifa.Actor, sc calendar.Schedule) error {
	if err := s.authorize(ctx, a, access.CalendarManage, 0, "calendar/"+strconv.Itoa(sc.Year)); err != nil {
		return err
	}
	if err := sc.Validate(); err != nil {
		return zhifa.Invalid(map[string]string{"schedule": err.Error()})
	}
	data, err := sc.MarshalJSON()
	if err != nil {
		return err
	}
	// Refuse a schedule that does not fit the calendar before writing.
	if _, err := buildCalendar(ctx, s.DB, &sc); err != nil {
		return zhifa.Invalid(map[string]string{"schedule": err.Error()})
	}
	s.cal.mu.Lock()
	defer s.cal.mu.Unlock()
	var cal *calendar.Calendar
	var rev int64
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		// Taking the revision first puts imports from every process in line
		// (the sequence row stays locked until commit), so the calendar
		// built below from the transaction holds every schedule committed
		// before, and the deadlines are recomputed on it.
		var err error
		if rev, err = tx.NextSerial(store.PlatformWide, calendarSerial); err != nil {
			return err
		}
		if err := tx.PutSchedule(sc.Year, data, sc.Source, a.Ref()); err != nil {
			return err
		}
		if cal, err = buildCalendar(tx.Context(), tx, nil); err != nil {
			return zhifa.Invalid(map[string]string{"schedule": err.Error()})
		}
		rest := len(sc.Holidays) + len(sc.RestSwaps)
		if err := recordRecord(tx, "calendar.schedule_set", "calendar/"+strconv.Itoa(sc.Year), a, 0, map[string]string{
			"year": strconv.Itoa(sc.Year), "rest_days": strconv.Itoa(rest), "work_days": strconv.Itoa(len(sc.WorkSwaps)),
			"holidays": strconv.Itoa(len(sc.Holidays)), "rest_swaps": strconv.Itoa(len(sc.RestSwaps))}); err != nil {
			return err
		}
		_, err = recomputeDeadlines(tx, a, cal, "calendar/"+strconv.Itoa(sc.Year))
		return err
	})
	if err != nil {
		return err
	}
	s.cal.cal, s.cal.revision = cal, rev
	return nil
}

// Schedules lists the schedules administrators stored (built-in years are
// not listed); the calendar is public.
func (s *Service) Schedules(ctx context.Context) ([]store.StoredSchedule, error) {
	return s.DB.Schedules(ctx)
}

// CalendarError turns an error of package calendar or deadline into a
// user-facing one: a year with no official schedule is ERULE (its message
// names the year), a bad date or count EINVALID under field.
func CalendarError(err error, field string) error {
	var my *calendar.MissingYearError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &my):
		return zhifa.Errorf(zhifa.ERULE, "%s", my.Error())
	case errors.Is(err, calendar.ErrInvalidDate), errors.Is(err, calendar.ErrBadInterval), errors.Is(err, deadline.ErrRule):
		return zhifa.Invalid(map[string]string{field: err.Error()})
	}
	return err
}

// DayInfo is one day of the effective calendar.
type DayInfo struct {
	Date    calendar.Date
	Type    calendar.DayType
	Name    string // e.g. "国庆节", "" if the schedule names none
	Working bool
}

// Day returns the type of d on the effective calendar. Errors: ERULE when
// the year has no schedule.
func (s *Service) Day(ctx context.Context, d calendar.Date) (DayInfo, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return DayInfo{}, err
	}
	t, err := cal.DayType(d)
	if err != nil {
		return DayInfo{}, CalendarError(err, "date")
	}
	return DayInfo{Date: d, Type: t, Name: cal.Name(d), Working: t.Working()}, nil
}

// AddPeriod returns the last day of a period of n units after from (the
// start day not counted); with roll, a natural-day or month period ending on
// a rest day ends on the next working day. Errors: EINVALID (n, unit),
// ERULE when a year involved has no schedule.
func (s *Service) AddPeriod(ctx context.Context, from calendar.Date, n int, unit deadline.Unit, roll bool) (calendar.Date, error) {
	if n < 0 || n > 10000 {
		return calendar.Date{}, zhifa.Invalid(map[string]string{"n": "期限数须为 0 至 10000 之间的整数"})
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return calendar.Date{}, err
	}
	var due calendar.Date
	switch unit {
	case deadline.Workdays:
		due, err = cal.AddWorkdays(from, n)
	case deadline.Days:
		due, err = cal.AddDays(from, n, roll)
	case deadline.Months:
		due, err = cal.AddMonths(from, n, roll)
	default:
		return calendar.Date{}, zhifa.Invalid(map[string]string{"unit": "期限单位“" + string(unit) + "”无效,应为 工作日、自然日 或 月"})
	}
	return due, CalendarError(err, "from")
}

// WorkdaysBetween returns the number of working days after a up to and
// including b. Errors: ERULE when a year involved has no schedule.
func (s *Service) WorkdaysBetween(ctx context.Context, a, b calendar.Date) (int, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	n, err := cal.WorkdaysBetween(a, b)
	return n, CalendarError(err, "to")
}
