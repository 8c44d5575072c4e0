package web

import "net/http"

// A handler answers one request and returns the error, if any, that ends
// it: the one error writer of its audience turns the error into the answer
// (pageFail: the error page in the layout, or the login page; apiFail: the
// JSON error with its problems). A handler that has begun writing returns
// nil. Handlers never write an error themselves.
type handler func(w http.ResponseWriter, r *http.Request) error

// page adapts a page handler: its error becomes the error page.
func (s *Server) page(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.pageFail(w, r, err)
		}
	}
}

// api adapts a JSON API handler: its error becomes the JSON error answer.
func (s *Server) api(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.apiFail(w, r, err)
		}
	}
}
