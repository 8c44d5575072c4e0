package web

import (
	"net/http"

	"github.com/zhifa/zhifa/web/portal"
)

// negotiate serves page to a person's browser and raw to everyone else at
// one address (portal.WantsPage), so that machine URLs stay as they are
// while a person who follows a link reads a page that explains them.
func negotiate(page, raw http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept")
		if portal.WantsPage(r) {
			page(w, r)
			return
		}
		raw(w, r)
	}
}
