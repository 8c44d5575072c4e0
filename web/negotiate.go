package web

import (
	"net/http"

	"github.com/zhifa/zhifa/web/portal"
)

// negotiate serves a person's browser (portal.WantsPage) the page of
// people that matches the request, and everything else as raw does, so that
// machine URLs stay as they are while a person who follows a link reads a
// page that explains them.
func negotiate(people *http.ServeMux, raw http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := people.Handler(r); pattern != "" {
			w.Header().Add("Vary", "Accept")
			if portal.WantsPage(r) {
				people.ServeHTTP(w, r)
				return
			}
		}
		raw.ServeHTTP(w, r)
	})
}
