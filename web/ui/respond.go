package ui

import "net/http"

// A Handler answers one request and returns the error, if any, that ends
// it: the one error writer of its audience turns the error into the answer
// (PageFail: the error page in the layout, or the login page; APIFail: the
// JSON error with its problems). A handler that has begun writing returns
// nil. Handlers never write an error themselves.
type Handler func(w http.ResponseWriter, r *http.Request) error

// Page adapts a page handler: its error becomes the error page.
func (s *Responder) Page(h Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.PageFail(w, r, err)
		}
	}
}

// API adapts a JSON API handler: its error becomes the JSON error answer.
func (s *Responder) API(h Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.APIFail(w, r, err)
		}
	}
}
