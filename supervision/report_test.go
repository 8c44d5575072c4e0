package supervision

import (
	"testing"

	"github.com/zhifa/zhifa"
)

func TestReportRules(t *testing.T) {
	today := zhifa.Date{Y: 2027, M: 1, D: 20}
	for year, ok := range map[int]bool{2026: true, 2025: true, 2027: false, 2028: false, 1999: false} {
		if err := CheckReportYear(year, today); (err == nil) != ok {
			t.Errorf("CheckReportYear(%d) = %v", year, err)
		} else if err != nil && problems(err)["year"] == "" {
			t.Errorf("CheckReportYear(%d) names no field: %v", year, err)
		}
	}
	r := &Report{Year: 2026, Status: ReportDraft}
	if r.Due() != (zhifa.Date{Y: 2027, M: 1, D: 31}) || r.Late(today) || !r.Late(zhifa.Date{Y: 2027, M: 2, D: 1}) {
		t.Fatalf("due %s", r.Due())
	}
	r.Status, r.PublishedOn = ReportPublished, zhifa.Date{Y: 2027, M: 2, D: 3}
	if !r.Late(today) {
		t.Fatal("a report published on 02-03 is late")
	}
	if p := r.Period(); p.String() != "2026-01-01 至 2026-12-31" {
		t.Fatalf("period %s", p)
	}
	r.Agencies = []Figures{{AgencyID: 3, AgencyName: "汉阴县市场监督管理局", Decisions: 7, Fines: 12000, ByStage: map[string]int{"closed": 2}}}
	r.Total = r.Agencies[0]
	s, err := r.MarshalFigures()
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := back.UnmarshalFigures(s); err != nil || back.Agencies[0].Fines != 12000 || back.Total.ByStage["closed"] != 2 {
		t.Fatalf("round trip: %+v %v", back, err)
	}
}
