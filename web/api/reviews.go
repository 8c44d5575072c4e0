package api

import (
	"net/http"

	"github.com/zhifa/zhifa/web/ui"
)

// HandleAPIReviews serves GET /api/v1/reviews.
func (s *Reviews) HandleAPIReviews(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.svc.ReviewQueue(r.Context(), ui.ActorFrom(r.Context()))
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, casesJSON(cs))
	return nil
}
