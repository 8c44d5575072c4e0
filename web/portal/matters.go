package portal

import (
	"net/http"

	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// MattersPage lists matters (权责清单, 事前公开), filtered by agency and
// category.
type MattersPage struct {
	ui.Page
	Matters    []*registry.Matter
	Agencies   []*registry.Agency
	Categories []string
	AgencyID   int64
	Category   string
}

// HandleMatters serves GET /matters.
func (s *Matters) HandleMatters(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := MattersPage{Page: portalPage(r, "执法事项"), Categories: registry.MatterCategories}
	var f registry.MatterFilter
	// An unusable filter value filters nothing rather than failing the page.
	if id := ui.FormID(r.URL.Query().Get("agency_id")); id > 0 {
		p.AgencyID, f.AgencyID = id, &id
	}
	if c := ui.QueryString(r, "category"); c != nil {
		p.Category, f.Category = *c, c
	}
	var err error
	if p.Matters, err = s.registry.Matters(ctx, f); err != nil {
		return err
	}
	if p.Agencies, err = s.registry.Agencies(ctx); err != nil {
		return err
	}
	s.ui.Render(w, r, http.StatusOK, "portal_matters", p)
	return nil
}
