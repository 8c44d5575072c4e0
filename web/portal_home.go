package web

import (
	"net/http"

	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
)

// PortalHome is the data of the portal's front page.
type PortalHome struct {
	Page
	Agencies []*registry.Agency
	LogSize  int64
	// Latest are the five latest published decisions (事后公开).
	Latest []*publicity.Publication
}

func (s *Server) handlePortalHome(w http.ResponseWriter, r *http.Request) error {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		return err
	}
	n, err := s.svc.DB.LogSize()
	if err != nil {
		return err
	}
	latest, _, err := s.svc.PublicPublications(r.Context(), publicity.PublicationFilter{Limit: 5})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "portal_home", PortalHome{Page: Page{Title: "行政执法公示平台", Section: "portal", Actor: actorFrom(r.Context())}, Agencies: ags, LogSize: n, Latest: latest})
	return nil
}
