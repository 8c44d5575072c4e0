package review

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/ledger"
)

// The review time limit (法制审核期限, rule L5): each agency's review_days
// working days from a submission or resubmission (a review round), which
// the agency head may extend once per round, with a reason, before it runs
// out (DOMAIN L5 "e.g. 5 working days, +3 by approval"; seed 四(三)
// "规定法制审核时限"). The extension moves the round's due date; the
// deadlines' recomputation and verify count it (store.ReviewExtensionDays).

// MaxExtensionDays bounds one extension, in working days.
const MaxExtensionDays = 10

// Extension is an approved extension of a review round's limit.
type Extension struct {
	ID         int64
	CaseID     int64
	RoundStart zhifa.Date // the start of the round's L5 limit
	Days       int        // working days added
	OldDue     zhifa.Date
	NewDue     zhifa.Date
	Reason     string
	ApprovedBy int64 // user id of the agency head
	Created    time.Time
}

// Deadline is a case's review limit in one round, with its extensions.
type Deadline struct {
	CaseID     int64
	CaseNumber string // 案件编号, filled by the store
	AgencyID   int64
	Start, Due zhifa.Date
	MetAt      zhifa.Date // zero while the review is pending
	Extensions []Extension
}

// Overdue reports whether the review was not made by the due date, as of
// today: still pending after it, or made after it.
func (d Deadline) Overdue(today zhifa.Date) bool {
	if d.MetAt.IsZero() {
		return today.After(d.Due)
	}
	return d.MetAt.After(d.Due)
}

// Extended reports whether the round's limit was extended.
func (d Deadline) Extended() bool { return len(d.Extensions) > 0 }

// ExtensionStore is the storage the review limits need; package store
// implements it (store.ReviewStore).
type ExtensionStore interface {
	FindCase(ctx context.Context, id int64) (*zhifa.Case, error)
	// ReviewDeadlines returns the L5 limits of agency agencyID's cases (0:
	// every agency) or of case caseID (when not 0), open ones only when
	// open, with their round's extensions, by due date.
	ReviewDeadlines(ctx context.Context, agencyID, caseID int64, open bool) ([]Deadline, error)
}

// ExtensionTx writes an extension.
type ExtensionTx interface {
	CreateReviewExtension(e *Extension) error
	// SetReviewDue moves the due date of case caseID's open L5 limit.
	SetReviewDue(caseID int64, due zhifa.Date) error
}

// ExtendInput is the agency head's approval of an extension.
type ExtendInput struct {
	Days   int
	Reason string
}

// ExtendReview extends the open review limit of case caseID by in.Days
// working days, approved by the agency head a, with the reason: the due
// date moves, and the extension and its ledger event ("case.review_extended")
// are written in one transaction. Errors: EUNAUTHORIZED, EFORBIDDEN,
// ENOTFOUND, EINVALID (days, reason), ECONFLICT (the case is not in
// review), ERULE (already extended in this round, or the limit has run
// out), and a calendar error when a year has no schedule.
func (s *Service) ExtendReview(ctx context.Context, a zhifa.Actor, caseID int64, in ExtendInput) (*Extension, error) {
	c, err := s.Store.FindCase(ctx, caseID)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND && a.Public() {
			return nil, zhifa.Errorf(zhifa.EUNAUTHORIZED, "请先登录")
		}
		return nil, err
	}
	object := "case/" + strconv.FormatInt(c.ID, 10)
	if err := s.Guard.Authorize(ctx, a, access.ReviewExtend, c.AgencyID, object); err != nil {
		return nil, err
	}
	p := map[string]string{}
	in.Reason = strings.TrimSpace(in.Reason)
	if in.Days < 1 || in.Days > MaxExtensionDays {
		p["days"] = "延长天数须为 1 至 " + strconv.Itoa(MaxExtensionDays) + " 个工作日"
	}
	if in.Reason == "" {
		p["reason"] = "请写明延长法制审核期限的理由"
	}
	if len(p) > 0 {
		return nil, zhifa.Invalid(p)
	}
	ds, err := s.Store.ReviewDeadlines(ctx, 0, c.ID, true)
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, zhifa.Errorf(zhifa.ECONFLICT, "案件%s不在法制审核中,没有可延长的审核期限", c.Number)
	}
	d := ds[0]
	today := zhifa.DateOf(s.Now())
	if d.Extended() {
		return nil, zhifa.Errorf(zhifa.ERULE, "本轮法制审核期限已于 %s 经批准延长,每轮只能延长一次(法制审核时限,汉政办通字〔2017〕136号 四(三))",
			zhifa.DateOf(d.Extensions[0].Created))
	}
	if today.After(d.Due) {
		return nil, zhifa.Errorf(zhifa.ERULE, "法制审核期限已于 %s 届满,不能再批准延长;逾期如实记录(汉政办通字〔2017〕136号 四(三))", d.Due)
	}
	ag, err := s.Store.FindAgency(ctx, c.AgencyID)
	if err != nil {
		return nil, err
	}
	if s.Calendar == nil {
		return nil, zhifa.Errorf(zhifa.EINTERNAL, "工作日历未配置")
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := deadline.Lookup("L5")
	if ag.ReviewDays > 0 {
		r.N = ag.ReviewDays
	}
	r.N += in.Days
	due, err := deadline.Due(cal, r, d.Start, nil)
	if err != nil {
		return nil, zhifa.Errorf(zhifa.ERULE, "无法计算延长后的审核期限:%v", err)
	}
	e := &Extension{CaseID: c.ID, RoundStart: d.Start, Days: in.Days, OldDue: d.Due, NewDue: due, Reason: in.Reason, ApprovedBy: a.UserID}
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.SetReviewDue(c.ID, e.NewDue); err != nil {
			return err
		}
		if err := tx.CreateReviewExtension(e); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "case.review_extended", Object: object, Actor: a.Ref(), Agency: strconv.FormatInt(c.AgencyID, 10),
			Attrs: map[string]string{"days": strconv.Itoa(e.Days), "due": e.NewDue.String()}})
		return err
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// ReviewDeadlines returns the review limits of the actor's agency (every
// agency for a supervisor), open ones only when open, by due date.
// Errors: EUNAUTHORIZED, EFORBIDDEN.
func (s *Service) ReviewDeadlines(ctx context.Context, a zhifa.Actor, open bool) ([]Deadline, error) {
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, a.AgencyID, "reviews/deadlines"); err != nil {
		return nil, err
	}
	agency := a.AgencyID
	if access.Allowed(a, access.Supervise, 0) {
		agency = 0
	}
	return s.Store.ReviewDeadlines(ctx, agency, 0, open)
}

// Today is the service's current civil date in China.
func (s *Service) Today() zhifa.Date { return zhifa.DateOf(s.Now()) }
