package portal

import (
	"net/http"

	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// HomePage is the data of the portal's front page.
type HomePage struct {
	ui.Page
	Agencies []*registry.Agency
	LogSize  int64
	// Latest are the five latest published decisions (事后公开).
	Latest []*publicity.Publication
}

// HandleHome serves GET /.
func (s *Home) HandleHome(w http.ResponseWriter, r *http.Request) error {
	ags, err := s.agencies.Agencies(r.Context())
	if err != nil {
		return err
	}
	n, err := s.log.LogSize()
	if err != nil {
		return err
	}
	latest, _, err := s.publications.PublicPublications(r.Context(), publicity.PublicationFilter{Limit: 5})
	if err != nil {
		return err
	}
	s.ui.Render(w, r, http.StatusOK, "portal_home", HomePage{Page: ui.Page{Title: "行政执法公示平台", Section: "portal", Actor: ui.ActorFrom(r.Context())}, Agencies: ags, LogSize: n, Latest: latest})
	return nil
}
