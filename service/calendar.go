package service

import (
	"context"
	"strconv"
	"sync"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/store"
)

// calendarCache holds the effective calendar; it is rebuilt after every
// change so that a correction takes effect at once.
type calendarCache struct {
	mu  sync.Mutex
	cal *calendar.Calendar
}

// Calendar returns the effective working-day calendar: the built-in official
// schedules overlaid with those administrators stored.
func (s *Service) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	s.cal.mu.Lock()
	defer s.cal.mu.Unlock()
	if s.cal.cal != nil {
		return s.cal.cal, nil
	}
	cal, err := s.buildCalendar(ctx, nil)
	if err != nil {
		return nil, err
	}
	s.cal.cal = cal
	return cal, nil
}

func (s *Service) buildCalendar(ctx context.Context, extra *calendar.Schedule) (*calendar.Calendar, error) {
	scheds := calendar.Builtin()
	stored, err := s.DB.Schedules(ctx)
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
// records it in the ledger and makes it effective at once.
func (s *Service) ImportSchedule(ctx context.Context, a zhifa.Actor, sc calendar.Schedule) error {
	if err := s.authorize(ctx, a, access.CalendarManage, 0, "calendar/"+strconv.Itoa(sc.Year)); err != nil {
		return err
	}
	if err := sc.Validate(); err != nil {
		return zhifa.Invalid(map[string]string{"schedule": err.Error()})
	}
	if _, err := s.buildCalendar(ctx, &sc); err != nil {
		return zhifa.Invalid(map[string]string{"schedule": err.Error()})
	}
	data, err := sc.MarshalJSON()
	if err != nil {
		return err
	}
	s.cal.mu.Lock()
	defer s.cal.mu.Unlock()
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.PutSchedule(sc.Year, data, a.Ref()); err != nil {
			return err
		}
		return recordRecord(tx, "calendar.schedule_set", "calendar/"+strconv.Itoa(sc.Year), a, 0, string(data), map[string]string{
			"year": strconv.Itoa(sc.Year), "holidays": strconv.Itoa(len(sc.Holidays)), "rest_swaps": strconv.Itoa(len(sc.RestSwaps)), "work_swaps": strconv.Itoa(len(sc.WorkSwaps))})
	})
	if err != nil {
		return err
	}
	s.cal.cal = nil // rebuilt on next use
	return nil
}
