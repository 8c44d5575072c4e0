package service

import (
	"fmt"

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/store"
)

// Publicity is publicity.Service under the name of its embedded
// field in Service.
type Publicity = publicity.Service

// deadlines is publicity.Deadlines over the service's deadline rules. The
// publicity context writes through store.PublicityStore, whose transactions
// are *store.Tx, which the deadline rules need (storeTx).
type deadlines struct{ s *Service }

func (d deadlines) Set(tx publicity.Tx, cal *calendar.Calendar, object string, agencyID int64, ruleID string, start calendar.Date, responsible int64) (calendar.Date, error) {
	stx, err := storeTx(tx)
	if err != nil {
		return calendar.Date{}, err
	}
	return d.s.SetDeadline(stx, cal, object, agencyID, ruleID, start, responsible)
}

func (d deadlines) Meet(tx publicity.Tx, object, ruleID string, date calendar.Date) error {
	stx, err := storeTx(tx)
	if err != nil {
		return err
	}
	return d.s.MeetDeadline(stx, object, ruleID, date)
}

func (d deadlines) Due(tx publicity.Tx, object, ruleID string) (calendar.Date, error) {
	stx, err := storeTx(tx)
	if err != nil {
		return calendar.Date{}, err
	}
	dl, err := stx.FindDeadline(tx.Context(), object, ruleID)
	if err != nil {
		return calendar.Date{}, err
	}
	return calendar.ParseDate(dl.Due)
}

// storeTx returns the store transaction behind tx.
func storeTx(tx publicity.Tx) (*store.Tx, error) {
	stx, ok := tx.(*store.Tx)
	if !ok {
		return nil, fmt.Errorf("service: publicity transaction %T is not a *store.Tx", tx)
	}
	return stx, nil
}

func (deadlines) CalendarError(err error, field string) error { return CalendarError(err, field) }
