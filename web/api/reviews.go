package api

import (
	"net/http"
)

// HandleAPIReviews serves GET /api/v1/reviews.
func (s *Reviews) HandleAPIReviews(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.svc.ReviewQueue(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, casesJSON(cs))
	return nil
}
