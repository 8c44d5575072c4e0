package deadline

import "github.com/zhifa/zhifa/calendar"

// Standing is where one time limit of a case stands on a day, as the case
// file shows it: met, in time or late, or open — overdue, due today or
// neither. Pages show it; they never compare dates themselves.
type Standing int

// Standings.
const (
	Open     Standing = iota + 1 // 未完成
	DueToday                     // 未完成,今日到期
	Late                         // 未完成,已逾期
	Done                         // 已完成
	DoneLate                     // 逾期完成
)

var standings = [...]struct{ code, name string }{
	{},
	{"open", "未完成"},
	{"today", "未完成,今日到期"},
	{"overdue", "未完成,已逾期"},
	{"met", "已完成"},
	{"late", "逾期完成"},
}

// StandingOf returns the standing on today of a limit due on due and met
// on met (the zero Date: not met).
func StandingOf(due, met, today calendar.Date) Standing {
	switch {
	case !met.IsZero() && met.After(due):
		return DoneLate
	case !met.IsZero():
		return Done
	case today.After(due):
		return Late
	case today == due:
		return DueToday
	}
	return Open
}

// Code is a stable ASCII code of s, for style classes: open, today,
// overdue, met, late.
func (s Standing) Code() string {
	if s < Open || s > DoneLate {
		return ""
	}
	return standings[s].code
}

// Name is the Chinese name of s.
func (s Standing) Name() string {
	if s < Open || s > DoneLate {
		return "未知"
	}
	return standings[s].name
}

// Met reports whether the limit was met, in time or late.
func (s Standing) Met() bool { return s == Done || s == DoneLate }
