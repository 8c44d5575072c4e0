package supervision

import (
	"testing"

	"github.com/zhifa/zhifa"
)

func TestParsePeriod(t *testing.T) {
	today := zhifa.Date{Y: 2026, M: 11, D: 26}
	for _, tc := range []struct {
		from, to string
		want     string
		field    string
	}{
		{"", "", "2026-01-01 至 2026-11-26", ""},
		{"2026-10-01", "2026-10-31", "2026-10-01 至 2026-10-31", ""},
		{"2026-13-45", "", "", "from"},
		{"", "yesterday", "", "to"},
		{"2026-11-01", "2026-10-01", "", "to"},
		{"2000-01-01", "2026-01-01", "", "from"},
	} {
		p, err := ParsePeriod(tc.from, tc.to, today)
		if tc.field != "" {
			if problems(err)[tc.field] == "" {
				t.Errorf("ParsePeriod(%q, %q) = %v, want a problem on %s", tc.from, tc.to, err, tc.field)
			}
			continue
		}
		if err != nil || p.String() != tc.want {
			t.Errorf("ParsePeriod(%q, %q) = %s, %v; want %s", tc.from, tc.to, p, err, tc.want)
		}
	}
}

func TestDashboardSums(t *testing.T) {
	p := Period{From: zhifa.Date{Y: 2026, M: 1, D: 1}, To: zhifa.Date{Y: 2026, M: 11, D: 26}}
	d := NewDashboard("汉阴县司法局", "610921", p, p.To, []Figures{
		{AgencyName: "乙局", Decisions: 4, Published: 3, PublishedOnTime: 2, Fines: 5000, ByStage: map[string]int{"decided": 2}, WithoutReview: 1},
		{AgencyName: "甲局", Decisions: 0, OverdueDeadlines: 2, ByStage: map[string]int{"decided": 1, "opened": 3}},
	})
	if d.Agencies[0].AgencyName != "甲局" && d.Agencies[0].AgencyName != "乙局" {
		t.Fatal("agencies lost")
	}
	tot := d.Total
	if tot.Decisions != 4 || tot.Fines != 5000 || tot.ByStage["decided"] != 3 || tot.ByStage["opened"] != 3 || tot.Alarms() != 3 {
		t.Fatalf("total %+v", tot)
	}
	if tot.PublicationRate() != "75%" || tot.TimelyRate() != "66%" || d.Agencies[0].PublicationRate() == "" {
		t.Fatalf("rates %s %s", tot.PublicationRate(), tot.TimelyRate())
	}
	if Percent(1, 0) != "—" {
		t.Fatal("Percent of nothing")
	}
	bars := Bars([]string{"a", "b"}, []int64{5, 10}, []string{"5", "10"}, nil)
	if bars[0].Len != 500 || bars[1].Len != 1000 || bars[1].Y != BarHeight {
		t.Fatalf("bars %+v", bars)
	}
	if zero := Bars([]string{"a"}, []int64{0}, []string{"0"}, nil); zero[0].Len != 0 {
		t.Fatal("a zero bar has a length")
	}
}
