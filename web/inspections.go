package web

import (
	"context"

	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/web/portal"
)

// portalInspections gives the portal the public read models of 行政检查
// (portal.InspectionReader) from the inspection context's public reads:
// published items, draws (their lists hold organisations' names and
// officers' names and certificate numbers, which are public by law) and
// published results, which hold no personal data.
type portalInspections struct{ svc *inspection.Service }

var _ portal.InspectionReader = portalInspections{}

func (p portalInspections) PublicInspectionItems(ctx context.Context) ([]portal.InspectionItem, error) {
	its, err := p.svc.PublishedItems(ctx, 0)
	if err != nil {
		return nil, err
	}
	out := []portal.InspectionItem{}
	for _, it := range its {
		out = append(out, portal.InspectionItem{AgencyID: it.AgencyID, AgencyName: it.AgencyName, Code: it.Code, Version: it.Version, Name: it.Name,
			Basis: it.Basis, Subject: it.Subject, Object: it.Object, Method: it.Method, Frequency: it.Frequency, Ratio: it.Ratio, Standard: it.Standard,
			EffectiveOn: it.EffectiveOn.String(), Status: it.Status.Name(), PublishedAt: it.PublishedAt})
	}
	return out, nil
}

func (p portalInspections) draw(ctx context.Context, d *inspection.RandomDraw, names map[int64]string) portal.InspectionDraw {
	pub := d.Public()
	out := portal.InspectionDraw{ID: d.ID, AgencyName: names[d.AgencyID], Announced: d.Created, Drawn: d.Status == inspection.DrawDone,
		PlanTitle: d.PlanTitle,
		Draw: portal.PublicDraw{Algorithm: pub.Algorithm, ObjectsDigest: pub.ObjectsDigest, OfficersDigest: pub.OfficersDigest,
			Rule: portal.DrawRule{Objects: pub.Rule.Objects, OfficersPerObject: pub.Rule.OfficersPerObject}, AnnouncedAt: pub.AnnouncedAt,
			SeedSize: pub.SeedSize, Seed: pub.Seed, Objects: []portal.DrawEntry{}, Officers: []portal.DrawEntry{}}}
	for _, e := range pub.Objects {
		out.Draw.Objects = append(out.Draw.Objects, portal.DrawEntry{ID: e.ID, Name: e.Name})
	}
	for _, e := range pub.Officers {
		out.Draw.Officers = append(out.Draw.Officers, portal.DrawEntry{ID: e.ID, Name: e.Name})
	}
	for _, a := range pub.Result {
		out.Draw.Result = append(out.Draw.Result, portal.DrawAssignment{ObjectID: a.ObjectID, OfficerIDs: a.OfficerIDs})
	}
	return out
}

func (p portalInspections) PublicInspectionDraws(ctx context.Context) ([]portal.InspectionDraw, error) {
	ds, err := p.svc.Draws(ctx, 0)
	if err != nil {
		return nil, err
	}
	names, err := p.names(ctx, ds)
	if err != nil {
		return nil, err
	}
	out := []portal.InspectionDraw{}
	for _, d := range ds {
		out = append(out, p.draw(ctx, d, names))
	}
	return out, nil
}

func (p portalInspections) names(ctx context.Context, ds []*inspection.RandomDraw) (map[int64]string, error) {
	names := map[int64]string{}
	for _, d := range ds {
		if _, ok := names[d.AgencyID]; ok {
			continue
		}
		ag, err := p.svc.Registry.FindAgency(ctx, d.AgencyID)
		if err != nil {
			return nil, err
		}
		names[d.AgencyID] = ag.Name
	}
	return names, nil
}

func (p portalInspections) PublicInspectionDraw(ctx context.Context, id int64) (*portal.InspectionDraw, error) {
	d, err := p.svc.Draw(ctx, id)
	if err != nil {
		return nil, err
	}
	names, err := p.names(ctx, []*inspection.RandomDraw{d})
	if err != nil {
		return nil, err
	}
	out := p.draw(ctx, d, names)
	return &out, nil
}

func (p portalInspections) PublicInspectionResults(ctx context.Context) ([]portal.InspectionResult, error) {
	rs, err := p.svc.PublishedResults(ctx, 0)
	if err != nil {
		return nil, err
	}
	out := []portal.InspectionResult{}
	for _, r := range rs {
		out = append(out, portal.InspectionResult{ID: r.ID, AgencyName: r.AgencyName, ItemName: r.ItemName, ObjectName: r.ObjectName,
			OpenedOn: r.OpenedOn.String(), ResultOn: r.ResultOn.String(), PublishedOn: r.PublishedOn.String(), Outcome: r.Outcome, Summary: r.Summary})
	}
	return out, nil
}
