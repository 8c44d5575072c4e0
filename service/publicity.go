package service

import (
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/store"
)

// deadlines is publicity.Deadlines over the service's deadline rules. The
// publicity context writes through store.PublicityStore, whose transactions
// are *store.Tx: the assertions below hold for every Tx it is given.
type deadlines struct{ s *Service }

func (d deadlines) Set(tx publicity.Tx, cal *calendar.Calendar, object string, agencyID int64, ruleID string, start calendar.Date, responsible int64) (calendar.Date, error) {
	return d.s.SetDeadline(tx.(*store.Tx), cal, object, agencyID, ruleID, start, responsible)
}

func (d deadlines) Meet(tx publicity.Tx, object, ruleID string, date calendar.Date) error {
	return d.s.MeetDeadline(tx.(*store.Tx), object, ruleID, date)
}

func (d deadlines) Due(tx publicity.Tx, object, ruleID string) (calendar.Date, error) {
	dl, err := tx.(*store.Tx).FindDeadline(tx.Context(), object, ruleID)
	if err != nil {
		return calendar.Date{}, err
	}
	return calendar.ParseDate(dl.Due)
}

func (deadlines) CalendarError(err error, field string) error { return CalendarError(err, field) }
