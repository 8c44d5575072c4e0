package service

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
)

// ruleOf returns the rule ruleID as it applies to an agency: L5 (法制审核)
// runs for the agency's configured number of working days.
func ruleOf(ruleID string, reviewDays func() (int, error)) (deadline.Rule, error) {
	r, ok := deadline.Lookup(ruleID)
	if !ok {
		return r, zhifa.Invalid(map[string]string{"rule_id": "没有期限规则“" + ruleID + "”"})
	}
	if r.ID == "L5" {
		n, err := reviewDays()
		if err != nil {
			return r, err
		}
		if n > 0 {
			r.N = n
		}
	}
	return r, nil
}

// SetDeadline computes the due date of rule ruleID for a start event on
// start and stores it as the deadline of object (replacing one set before
// under the same rule, which reopens it). It runs inside the caller's write,
// whose ledger event (e.g. the case step that starts the clock) covers it;
// cal is the effective calendar (Service.Calendar). responsible is the user
// who must act, 0 for none.
// Errors: EINVALID (rule_id, agency_id, start), ERULE when a year involved
// has no official schedule.
func (s *Service) SetDeadline(tx *store.Tx, cal *calendar.Calendar, object string, agencyID int64, ruleID string, start calendar.Date, responsible int64) (calendar.Date, error) {
	if object == "" {
		return calendar.Date{}, zhifa.Invalid(map[string]string{"object": "缺少期限所属对象"})
	}
	if !start.Valid() {
		return calendar.Date{}, zhifa.Invalid(map[string]string{"start": "起算日无效"})
	}
	r, err := ruleOf(ruleID, func() (int, error) { return extendedReviewDays(tx, agencyID, object, start.String()) })
	if err != nil {
		return calendar.Date{}, err
	}
	due, err := deadline.Due(cal, r, start, nil)
	if err != nil {
		return calendar.Date{}, CalendarError(err, "start")
	}
	d := &store.Deadline{Object: object, AgencyID: agencyID, RuleID: r.ID, Start: start.String(), Due: due.String(), Responsible: responsible}
	if err := tx.PutDeadline(d); err != nil {
		return calendar.Date{}, err
	}
	return due, nil
}

// extendedReviewDays is the review limit (L5) of object's round started on
// start: the agency's review days plus the round's approved extensions
// (review.Service.ExtendReview).
func extendedReviewDays(tx *store.Tx, agencyID int64, object, start string) (int, error) {
	n, err := tx.AgencyReviewDays(agencyID)
	if err != nil {
		return 0, err
	}
	ext, err := tx.ReviewExtended(object, start)
	return n + ext, err
}

// MeetDeadline marks the open deadline of object under ruleID as met on
// date, inside the caller's write. Errors: ENOTFOUND when there is no open
// deadline of object under ruleID.
func (s *Service) MeetDeadline(tx *store.Tx, object, ruleID string, date calendar.Date) error {
	if !date.Valid() {
		return zhifa.Invalid(map[string]string{"date": "完成日期无效"})
	}
	return tx.MeetDeadline(object, ruleID, date.String())
}

// errUnchanged rolls back a recomputation that moved no due date: there is
// nothing to record.
var errUnchanged = errors.New("no deadline moved")

// dueChange is one moved due date, the content of a "deadline.recomputed"
// event's digest.
type dueChange struct {
	Object string `json:"object"`
	Rule   string `json:"rule"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// recomputeDeadlines recomputes the due date of every open deadline on cal
// and records one "deadline.recomputed" event when any moved. Deadlines whose
// period reaches a year with no schedule keep their due date and are counted
// in the event's "missing_year".
func recomputeDeadlines(tx *store.Tx, a zhifa.Actor, cal *calendar.Calendar, cause string) (int, error) {
	ds, err := tx.OpenDeadlines()
	if err != nil {
		return 0, err
	}
	var changes []dueChange
	missing, unknown := 0, 0
	for _, d := range ds {
		r, err := ruleOf(d.RuleID, func() (int, error) { return extendedReviewDays(tx, d.AgencyID, d.Object, d.Start) })
		if err != nil {
			unknown++
			continue
		}
		start, err := calendar.ParseDate(d.Start)
		if err != nil {
			unknown++
			continue
		}
		due, err := deadline.Due(cal, r, start, nil)
		var my *calendar.MissingYearError
		if errors.As(err, &my) {
			missing++
			continue
		} else if err != nil {
			return 0, err
		}
		if due.String() == d.Due {
			continue
		}
		if err := tx.SetDeadlineDue(d.ID, due.String()); err != nil {
			return 0, err
		}
		changes = append(changes, dueChange{Object: d.Object, Rule: d.RuleID, From: d.Due, To: due.String()})
	}
	if len(changes) == 0 {
		return 0, nil
	}
	attrs := map[string]string{"checked": strconv.Itoa(len(ds)), "changed": strconv.Itoa(len(changes)), "cause": cause}
	if missing > 0 {
		attrs["missing_year"] = strconv.Itoa(missing)
	}
	if unknown > 0 {
		attrs["unknown_rule"] = strconv.Itoa(unknown)
	}
	return len(changes), recordRecord(tx, "deadline.recomputed", "deadlines", a, 0, attrs)
}

// RecomputeDeadlines recomputes the due date of every open deadline from
// its rule and start date on the current calendar, and returns how many
// moved; the change is recorded ("deadline.recomputed") only when any did.
// ImportSchedule does this itself. Errors: EUNAUTHORIZED, EFORBIDDEN (not a
// system administrator).
func (s *Service) RecomputeDeadlines(ctx context.Context, a zhifa.Actor) (int, error) {
	if err := s.authorize(ctx, a, access.CalendarManage, 0, "deadlines"); err != nil {
		return 0, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		var err error
		if n, err = recomputeDeadlines(tx, a, cal, "recompute"); err == nil && n == 0 {
			return errUnchanged
		}
		return err
	})
	if errors.Is(err, errUnchanged) {
		return 0, nil
	}
	return n, err
}

// DeadlineItem is one overdue or due-soon time limit in the monitoring list.
type DeadlineItem struct {
	Object     string // e.g. "case/42"
	CaseID     int64  // the case the limit belongs to, 0 if none
	CaseNumber string // its 案件编号
	AgencyID   int64
	AgencyName string
	Rule       deadline.Rule // Name and Source say which limit of which law
	Start      calendar.Date
	Due        calendar.Date
	Status     deadline.Status // Overdue or DueSoon
	// WorkdaysLeft is, for a due-soon item, the working days after today up
	// to the due date (0: due today); WorkdaysOverdue is, for an overdue
	// item, the working days after the due date up to today.
	WorkdaysLeft    int
	WorkdaysOverdue int
	Responsible     int64 // user, 0 if none
	Mine            bool  // the actor is responsible
}

// StatusName is the Chinese name of the item's status.
func (it DeadlineItem) StatusName() string { return it.Status.String() }

// Standing says how far the item is from its due day, in the unit its rule
// counts in: working days for a 工作日 limit, calendar days (自然日) for a
// limit in days or months (T6, T9…), whose lateness is not a count of
// working days. today is the day the item was computed for.
func (it DeadlineItem) Standing(today calendar.Date) string {
	calendarDays := it.Rule.Unit == deadline.Days || it.Rule.Unit == deadline.Months
	switch {
	case it.Status == deadline.Overdue && calendarDays:
		return "已逾期 " + strconv.Itoa(today.Sub(it.Due)) + " 日"
	case it.Status == deadline.Overdue:
		return "已逾期 " + strconv.Itoa(it.WorkdaysOverdue) + " 个工作日"
	case it.Due == today:
		return "今日到期"
	case calendarDays:
		return "剩余 " + strconv.Itoa(it.Due.Sub(today)) + " 日"
	}
	return "剩余 " + strconv.Itoa(it.WorkdaysLeft) + " 个工作日"
}

// DeadlineItems returns the overdue and due-soon time limits (due within
// deadline.DefaultSoonWorkdays working days) as of today that the actor
// monitors: a supervisor (执法监督人员) sees every agency, other enforcement
// roles their own agency, and an officer's own items come first. Overdue
// items come before due-soon ones, earliest due first.
// Errors: EUNAUTHORIZED (public), EFORBIDDEN (administrators, console).
func (s *Service) DeadlineItems(ctx context.Context, a zhifa.Actor, today calendar.Date) ([]DeadlineItem, error) {
	f := store.DeadlineFilter{}
	if a.Has(zhifa.RoleSupervisor) {
		if err := s.authorize(ctx, a, access.Supervise, 0, "deadlines"); err != nil {
			return nil, err
		}
	} else {
		if err := s.authorize(ctx, a, access.CaseRead, a.AgencyID, "deadlines"); err != nil {
			return nil, err
		}
		f.AgencyID = &a.AgencyID
	}
	open := true
	f.Open = &open
	ds, err := s.DB.FindDeadlines(ctx, f)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	ags, err := s.DB.FindAgencies(ctx, registry.AgencyFilter{})
	if err != nil {
		return nil, err
	}
	agencies := map[int64]*registry.Agency{}
	for _, ag := range ags {
		agencies[ag.ID] = ag
	}
	var out []DeadlineItem
	for _, d := range ds {
		due, err1 := calendar.ParseDate(d.Due)
		start, err2 := calendar.ParseDate(d.Start)
		if err1 != nil || err2 != nil {
			return nil, zhifa.Errorf(zhifa.EINTERNAL, "deadline %d: bad dates %q %q", d.ID, d.Start, d.Due)
		}
		st, err := deadline.Classify(cal, due, today, false, deadline.DefaultSoonWorkdays)
		var my *calendar.MissingYearError
		if errors.As(err, &my) && due.After(today) {
			continue // far enough ahead that the calendar does not reach it: not due soon
		} else if err != nil {
			return nil, CalendarError(err, "today")
		}
		if st != deadline.Overdue && st != deadline.DueSoon {
			continue
		}
		it := DeadlineItem{Object: d.Object, AgencyID: d.AgencyID, Start: start, Due: due, Status: st, Responsible: d.Responsible,
			Mine: d.Responsible != 0 && d.Responsible == a.UserID}
		if ag := agencies[d.AgencyID]; ag != nil {
			it.AgencyName = ag.Name
		}
		if id, ok := strings.CutPrefix(d.Object, "case/"); ok {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil {
				if c, err := s.DB.FindCase(ctx, n); err == nil {
					it.CaseID, it.CaseNumber = c.ID, c.Number
				}
			}
		}
		it.Rule, _ = ruleOf(d.RuleID, func() (int, error) {
			if ag := agencies[d.AgencyID]; ag != nil {
				return ag.ReviewDays, nil
			}
			return 0, nil
		})
		if st == deadline.Overdue {
			it.WorkdaysOverdue, err = cal.WorkdaysBetween(due, today)
		} else {
			it.WorkdaysLeft, err = cal.WorkdaysBetween(today, due)
		}
		if err != nil {
			return nil, CalendarError(err, "today")
		}
		out = append(out, it)
	}
	officer := a.Has(zhifa.RoleOfficer)
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if officer && x.Mine != y.Mine {
			return x.Mine
		}
		if x.Status != y.Status {
			return x.Status == deadline.Overdue
		}
		return x.Due.Before(y.Due)
	})
	return out, nil
}
