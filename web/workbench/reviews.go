package workbench

import (
	"net/http"

	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// ReviewQueuePage lists the cases waiting for the reviewer.
type ReviewQueuePage struct {
	ui.Page
	Cases []caseRow
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
	page := ReviewQueuePage{Page: workbenchPage(a, "法制审核")}
	for _, c := range cs {
		page.Cases = append(page.Cases, caseRow{Case: c, StageName: staff.StageName(c.Stage)})
	}
	s.render(w, r, http.StatusOK, "review_queue", page)
	return nil
}

// Publications of the agency.
