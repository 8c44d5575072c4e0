package portal

import (
	"context"
	"net/http"
	"time"

	"github.com/zhifa/zhifa/web/ui"
)

// 行政检查 on the portal: the 检查事项清单 (事前公开), the 双随机 draws with
// what anyone needs to recompute them, and the published inspection
// results (检查结果公示). The portal never imports the inspection context:
// it reads these public read models through InspectionReader, which
// web/inspections.go implements over the context's public reads.

// InspectionItem is one version of an entry of an agency's 检查事项清单.
type InspectionItem struct {
	AgencyID    int64
	AgencyName  string
	Code        string
	Version     int
	Name        string
	Basis       string
	Subject     string
	Object      string
	Method      string
	Frequency   string
	Ratio       int
	Standard    string
	EffectiveOn string
	Status      string // 已公布 or 已替代
	PublishedAt time.Time
}

// DrawEntry is a line of a draw's published list.
type DrawEntry struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// DrawRule is a draw's rule.
type DrawRule struct {
	Objects           int `json:"objects"`
	OfficersPerObject int `json:"officers_per_object"`
}

// DrawAssignment is a drawn object and its officers.
type DrawAssignment struct {
	ObjectID   int64   `json:"object_id"`
	OfficerIDs []int64 `json:"officer_ids"`
}

// PublicDraw is a draw as published, in the JSON form the verification
// reads (the same fields as inspection.PublicDraw).
type PublicDraw struct {
	Algorithm      string           `json:"algorithm"`
	Objects        []DrawEntry      `json:"objects"`
	ObjectsDigest  string           `json:"objects_digest"`
	Officers       []DrawEntry      `json:"officers"`
	OfficersDigest string           `json:"officers_digest"`
	Rule           DrawRule         `json:"rule"`
	AnnouncedAt    int64            `json:"announced_at"`
	SeedSize       int64            `json:"seed_size"`
	Seed           string           `json:"seed,omitempty"`
	Result         []DrawAssignment `json:"result,omitempty"`
}

// InspectionDraw is a draw on the portal.
type InspectionDraw struct {
	ID         int64
	AgencyName string
	PlanTitle  string
	Announced  time.Time
	Drawn      bool
	Draw       PublicDraw
}

// InspectionResult is a published inspection result, with no personal data.
type InspectionResult struct {
	ID          int64
	AgencyName  string
	ItemName    string
	ObjectName  string
	OpenedOn    string
	ResultOn    string
	PublishedOn string
	Outcome     string
	Summary     string
}

// InspectionReader reads the public side of 行政检查.
type InspectionReader interface {
	PublicInspectionItems(ctx context.Context) ([]InspectionItem, error)
	PublicInspectionDraws(ctx context.Context) ([]InspectionDraw, error)
	// PublicInspectionDraw returns a draw or ENOTFOUND.
	PublicInspectionDraw(ctx context.Context, id int64) (*InspectionDraw, error)
	PublicInspectionResults(ctx context.Context) ([]InspectionResult, error)
}

// Inspections serves the portal's 行政检查 pages.
type Inspections struct {
	ui     *ui.Responder
	reader InspectionReader
	size   LogSizer
}

// NewInspections returns the resource.
func NewInspections(u *ui.Responder, reader InspectionReader, size LogSizer) *Inspections {
	return &Inspections{ui: u, reader: reader, size: size}
}

// InspectionItemsPage is the public 检查事项清单.
type InspectionItemsPage struct {
	ui.Page
	Items []InspectionItem
}

// HandleInspectionItems serves GET /inspection-items.
func (s *Inspections) HandleInspectionItems(w http.ResponseWriter, r *http.Request) error {
	its, err := s.reader.PublicInspectionItems(r.Context())
	if err != nil {
		return err
	}
	s.ui.Render(w, r, http.StatusOK, "portal_inspection_items", InspectionItemsPage{Page: portalPage(r, "行政检查事项清单"), Items: its})
	return nil
}

// InspectionDrawsPage lists the draws.
type InspectionDrawsPage struct {
	ui.Page
	Draws   []InspectionDraw
	LogSize int64
}

// HandleInspectionDraws serves GET /inspection-draws.
func (s *Inspections) HandleInspectionDraws(w http.ResponseWriter, r *http.Request) error {
	ds, err := s.reader.PublicInspectionDraws(r.Context())
	if err != nil {
		return err
	}
	n, err := s.size.LogSize()
	if err != nil {
		return err
	}
	s.ui.Render(w, r, http.StatusOK, "portal_inspection_draws", InspectionDrawsPage{Page: portalPage(r, "双随机抽查"), Draws: ds, LogSize: n})
	return nil
}

// InspectionDrawPage is one draw with how to verify it.
type InspectionDrawPage struct {
	ui.Page
	D       *InspectionDraw
	LogSize int64
	Rows    []DrawRow
}

// DrawRow is a line of a draw's result as shown.
type DrawRow struct {
	N        int
	Object   string
	Officers string
}

// HandleInspectionDraw serves GET /inspection-draws/{id}.
func (s *Inspections) HandleInspectionDraw(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	d, err := s.reader.PublicInspectionDraw(r.Context(), id)
	if err != nil {
		return err
	}
	n, err := s.size.LogSize()
	if err != nil {
		return err
	}
	p := InspectionDrawPage{Page: portalPage(r, "双随机抽取公告"), D: d, LogSize: n}
	names := map[int64]string{}
	for _, e := range d.Draw.Objects {
		names[e.ID] = e.Name
	}
	people := map[int64]string{}
	for _, e := range d.Draw.Officers {
		people[e.ID] = e.Name
	}
	for i, a := range d.Draw.Result {
		row := DrawRow{N: i + 1, Object: names[a.ObjectID]}
		for j, o := range a.OfficerIDs {
			if j > 0 {
				row.Officers += "、"
			}
			row.Officers += people[o]
		}
		p.Rows = append(p.Rows, row)
	}
	s.ui.Render(w, r, http.StatusOK, "portal_inspection_draw", p)
	return nil
}

// HandleAPIInspectionDraw serves GET /api/v1/public/inspection-draws/{id}:
// the draw in the form its verification reads.
func (s *Inspections) HandleAPIInspectionDraw(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	d, err := s.reader.PublicInspectionDraw(r.Context(), id)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, d.Draw)
	return nil
}

// InspectionResultsPage lists published inspection results.
type InspectionResultsPage struct {
	ui.Page
	Results []InspectionResult
}

// HandleInspectionResults serves GET /inspection-results.
func (s *Inspections) HandleInspectionResults(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.reader.PublicInspectionResults(r.Context())
	if err != nil {
		return err
	}
	s.ui.Render(w, r, http.StatusOK, "portal_inspection_results", InspectionResultsPage{Page: portalPage(r, "行政检查结果公示"), Results: rs})
	return nil
}
