package portal

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"

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
	var err error
	if p.Agencies, err = s.registry.Agencies(ctx); err != nil {
		return err
	}
	// A bad filter is an error, as on /publications, never a silently
	// different (unfiltered) result.
	problems := map[string]string{}
	if v := strings.TrimSpace(r.URL.Query().Get("agency_id")); v != "" {
		id, perr := strconv.ParseInt(v, 10, 64)
		known := false
		for _, a := range p.Agencies {
			known = known || (perr == nil && a.ID == id && !a.Supervisor)
		}
		if known {
			p.AgencyID, f.AgencyID = id, &id
		} else {
			problems["agency_id"] = "执法主体“" + v + "”不存在,请从列表中选择"
		}
	}
	if c := ui.QueryString(r, "category"); c != nil {
		if slices.Contains(registry.MatterCategories, *c) {
			p.Category, f.Category = *c, c
		} else {
			problems["category"] = "事项类别“" + *c + "”不在可选范围内"
		}
	}
	if len(problems) > 0 {
		e := zhifa.Invalid(problems)
		p.Error, p.Problems = "筛选条件有误:"+strings.TrimPrefix(e.Message, "输入有误;"), problems
		s.ui.Render(w, r, http.StatusBadRequest, "portal_matters", p)
		return nil
	}
	if p.Matters, err = s.registry.Matters(ctx, f); err != nil {
		return err
	}
	s.ui.Render(w, r, http.StatusOK, "portal_matters", p)
	return nil
}
