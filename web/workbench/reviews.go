package workbench

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// The review queue and the review time limits (法制审核期限, issue 11): the
// reviewer's queue shows each case's review deadline and whether it is
// overdue or extended; /workbench/review-limits lists the agency's open
// review limits (every agency's for the 司法局) and lets the agency head
// approve an extension, with its reason (review.Service.ExtendReview).

// ReviewLimitsService reads the review limits and extends one
// (*review.Service).
type ReviewLimitsService interface {
	ReviewDeadlines(ctx context.Context, a zhifa.Actor, open bool) ([]review.Deadline, error)
	ExtendReview(ctx context.Context, a zhifa.Actor, caseID int64, in review.ExtendInput) (*review.Extension, error)
	Today() zhifa.Date
}

// reviewLimit is a review limit as the pages show it.
type reviewLimit struct {
	review.Deadline
	Status    string // 已逾期 N 个自然日, 今日到期, 剩 N 个自然日
	Overdue   bool
	CanExtend bool // the actor may approve an extension now
}

func limitOf(d review.Deadline, today zhifa.Date, mayExtend bool) reviewLimit {
	l := reviewLimit{Deadline: d, Overdue: d.Overdue(today)}
	switch n := today.Sub(d.Due); {
	case n > 0:
		l.Status = fmt.Sprintf("已逾期 %d 天", n)
	case n == 0:
		l.Status = "今日到期"
	default:
		l.Status = fmt.Sprintf("剩 %d 天", -n)
	}
	l.CanExtend = mayExtend && !d.Extended() && !l.Overdue
	return l
}

// ReviewQueuePage lists the cases waiting for the reviewer.
type ReviewQueuePage struct {
	ui.Page
	Cases []reviewRow
}

// reviewRow is a case of the queue with its review limit (nil if none).
type reviewRow struct {
	caseRow
	Limit *reviewLimit
}

// HandleReviewQueue serves GET /workbench/reviews.
func (s *Reviews) HandleReviewQueue(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	cs, err := s.svc.ReviewQueue(r.Context(), a)
	if err != nil {
		return err
	}
	ds, err := s.limits.ReviewDeadlines(r.Context(), a, true)
	if err != nil {
		return err
	}
	today := s.limits.Today()
	byCase := map[int64]review.Deadline{}
	for _, d := range ds {
		byCase[d.CaseID] = d
	}
	page := ReviewQueuePage{Page: workbenchPage(a, "法制审核")}
	for _, c := range cs {
		row := reviewRow{caseRow: caseRow{Case: c, StageName: staff.StageName(c.Stage)}}
		if d, ok := byCase[c.ID]; ok {
			l := limitOf(d, today, false)
			row.Limit = &l
		}
		page.Cases = append(page.Cases, row)
	}
	s.render(w, r, http.StatusOK, "review_queue", page)
	return nil
}

// ReviewLimitsPage lists the open review limits.
type ReviewLimitsPage struct {
	ui.Page
	Limits  []reviewLimit
	Overdue int
	MaxDays int
	CaseID  int64 // the case whose extension form was refused
	Days    string
	Reason  string
}

// HandleReviewLimits serves GET /workbench/review-limits.
func (s *Reviews) HandleReviewLimits(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	p := ReviewLimitsPage{Page: workbenchPage(a, "法制审核期限")}
	if r.URL.Query().Get("extended") != "" {
		p.Flash = "已批准延长法制审核期限,并记入执法台账。"
	}
	return s.showLimits(w, r, http.StatusOK, p)
}

func (s *Reviews) showLimits(w http.ResponseWriter, r *http.Request, status int, p ReviewLimitsPage) error {
	a := p.Actor
	ds, err := s.limits.ReviewDeadlines(r.Context(), a, true)
	if err != nil {
		return err
	}
	today := s.limits.Today()
	for _, d := range ds {
		l := limitOf(d, today, access.Allowed(a, access.ReviewExtend, d.AgencyID))
		if l.Overdue {
			p.Overdue++
		}
		p.Limits = append(p.Limits, l)
	}
	p.MaxDays = review.MaxExtensionDays
	s.render(w, r, status, "review_limits", p)
	return nil
}

// HandleReviewExtend serves POST /workbench/review-limits/{id}/extend: the
// agency head approves extending case id's review limit.
func (s *Reviews) HandleReviewExtend(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	days, reason := r.PostFormValue("days"), r.PostFormValue("reason")
	n, convErr := strconv.Atoi(days)
	if convErr != nil {
		n = -1
	}
	if _, err := s.limits.ExtendReview(r.Context(), a, id, review.ExtendInput{Days: n, Reason: reason}); err != nil {
		e, ok := err.(*zhifa.Error)
		if !ok || e.Code != zhifa.EINVALID && e.Code != zhifa.ERULE {
			return err
		}
		p := ReviewLimitsPage{Page: workbenchPage(a, "法制审核期限"), CaseID: id, Days: days, Reason: reason}
		p.Error, p.Problems = e.Message, e.Problems
		return s.showLimits(w, r, http.StatusBadRequest, p)
	}
	http.Redirect(w, r, "/workbench/review-limits?extended=1", http.StatusSeeOther)
	return nil
}
