package portal

import (
	"context"
	"net/http"
	"slices"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// The public page of the 重大执法决定法制审核目录清单 (issue 11): every
// agency's catalog and the floors superior agencies set for their
// subordinates, the version in force first, then those to come and the
// history. It reads published catalogs only (registry.ReviewCatalog); the
// rules they express are package review's.

// CatalogReader lists every published version of the catalogs
// (*review.Service; agencyID 0: of every agency).
type CatalogReader interface {
	Catalogs(ctx context.Context, agencyID int64) ([]registry.ReviewCatalog, error)
}

// CatalogAgencies lists agencies and tells the day (*registry.Service).
type CatalogAgencies interface {
	AgencyLister
	Today() zhifa.Date
}

// Catalogs serves the public catalogs' page.
type Catalogs struct {
	ui       *ui.Responder
	catalogs CatalogReader
	agencies CatalogAgencies
}

// NewCatalogs returns the catalogs' page.
func NewCatalogs(u *ui.Responder, catalogs CatalogReader, agencies CatalogAgencies) *Catalogs {
	return &Catalogs{ui: u, catalogs: catalogs, agencies: agencies}
}

// CatalogVersion is a published version with its standing on the day.
type CatalogVersion struct {
	registry.ReviewCatalog
	Standing string // 现行, 待施行 or 已被替代
}

// CatalogSeries is the versions of one agency's catalog, or of its floor,
// newest first.
type CatalogSeries struct {
	AgencyID   int64
	AgencyName string
	Floor      bool
	Versions   []CatalogVersion
}

// CatalogsPage is the public page.
type CatalogsPage struct {
	ui.Page
	Series   []CatalogSeries
	Agencies []*registry.Agency
	AgencyID int64
}

// HandleCatalogs serves GET /review-catalogs[?agency_id=].
func (s *Catalogs) HandleCatalogs(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := CatalogsPage{Page: portalPage(r, "重大执法决定法制审核目录清单")}
	p.AgencyID = max(ui.FormID(r.URL.Query().Get("agency_id")), 0)
	cs, err := s.catalogs.Catalogs(ctx, p.AgencyID)
	if err != nil {
		return err
	}
	if p.Agencies, err = s.agencies.Agencies(ctx); err != nil {
		return err
	}
	p.Series = series(cs, s.agencies.Today())
	s.ui.Render(w, r, http.StatusOK, "portal_catalogs", p)
	return nil
}

// series groups cs (ordered by agency, floor and version) by agency and
// kind, newest version first, and marks each version's standing on day:
// the latest in force is 现行, later ones 待施行, earlier ones 已被替代.
func series(cs []registry.ReviewCatalog, day zhifa.Date) []CatalogSeries {
	var out []CatalogSeries
	for _, c := range cs {
		if n := len(out); n == 0 || out[n-1].AgencyID != c.AgencyID || out[n-1].Floor != c.Floor {
			out = append(out, CatalogSeries{AgencyID: c.AgencyID, AgencyName: c.AgencyName, Floor: c.Floor})
		}
		cur := &out[len(out)-1]
		cur.Versions = append(cur.Versions, CatalogVersion{ReviewCatalog: c})
	}
	for i := range out {
		vs := out[i].Versions
		slices.Reverse(vs)
		current := false
		for j := range vs {
			switch {
			case vs[j].EffectiveOn.After(day):
				vs[j].Standing = "待施行"
			case !current:
				vs[j].Standing, current = "现行", true
			default:
				vs[j].Standing = "已被替代"
			}
		}
	}
	return out
}
