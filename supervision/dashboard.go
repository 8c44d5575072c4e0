package supervision

import (
	"fmt"
	"slices"

	"github.com/zhifa/zhifa"
)

// The 司法局's dashboard (issue 16 item 4; DOMAIN §7): for each agency of
// its region and a period, what was opened, decided, fined and published,
// how timely, and the alarms — overdue time limits, decisions without a
// legal review, officers without a valid certificate, late withdrawals,
// complaints and opinions past their limit. The figures are counted by the
// store from the stored rows (store/supervision_dashboard.go); this file
// holds their meaning and the arithmetic the page shows.

// Period is the days a dashboard counts, both included.
type Period struct {
	From, To zhifa.Date
}

// MaxPeriodDays bounds a period, so that one request cannot ask for a
// century.
const MaxPeriodDays = 3660

// ParsePeriod reads a period typed as YYYY-MM-DD dates; empty from is the
// first of January of today's year, empty to is today. Errors name the
// field.
func ParsePeriod(from, to string, today zhifa.Date) (Period, error) {
	p := Period{From: zhifa.Date{Y: today.Y, M: 1, D: 1}, To: today}
	problems := map[string]string{}
	if from != "" {
		d, ok := zhifa.ParseCivilDate(from)
		if !ok {
			problems["from"] = "起始日期“" + from + "”不是有效日期,应为 YYYY-MM-DD"
		}
		p.From = d
	}
	if to != "" {
		d, ok := zhifa.ParseCivilDate(to)
		if !ok {
			problems["to"] = "截止日期“" + to + "”不是有效日期,应为 YYYY-MM-DD"
		}
		p.To = d
	}
	if len(problems) == 0 {
		switch {
		case p.To.Before(p.From):
			problems["to"] = "截止日期不能早于起始日期"
		case p.To.Sub(p.From) > MaxPeriodDays:
			problems["from"] = "统计期间不能超过十年"
		}
	}
	if len(problems) > 0 {
		return Period{}, zhifa.Invalid(problems)
	}
	return p, nil
}

// String is the period as the page and the export name it.
func (p Period) String() string { return p.From.String() + " 至 " + p.To.String() }

// Figures are one agency's counts for a period (or their sum).
type Figures struct {
	AgencyID   int64
	AgencyName string
	// Cases opened (立案) in the period, and those cases by current stage.
	Opened  int
	ByStage map[string]int
	// Decisions made in the period, and the fines they imposed (元).
	Decisions int
	Fines     int64
	// Of those decisions: published (公示, now or before a withdrawal), and
	// published by their publication deadline (G4).
	Published       int
	PublishedOnTime int
	// Decisions in the period with no legal review recorded on the case.
	WithoutReview int
	// Publications withdrawn (撤回) in the period, and those after their
	// three-working-day limit.
	Withdrawn     int
	WithdrawnLate int
	// Time limits open past their due date today.
	OverdueDeadlines int
	// Officers, and those whose certificate is not valid today.
	Officers     int
	InvalidCerts int
	// Complaints received in the period, and those open past their limit
	// today.
	Complaints        int
	ComplaintsOverdue int
	// Supervision opinions issued in the period, and those whose reply is
	// overdue today.
	Opinions        int
	OpinionsOverdue int
}

// Add adds g's counts to f (for the total line).
func (f *Figures) Add(g Figures) {
	f.Opened += g.Opened
	if f.ByStage == nil {
		f.ByStage = map[string]int{}
	}
	for k, v := range g.ByStage {
		f.ByStage[k] += v
	}
	f.Decisions += g.Decisions
	f.Fines += g.Fines
	f.Published += g.Published
	f.PublishedOnTime += g.PublishedOnTime
	f.WithoutReview += g.WithoutReview
	f.Withdrawn += g.Withdrawn
	f.WithdrawnLate += g.WithdrawnLate
	f.OverdueDeadlines += g.OverdueDeadlines
	f.Officers += g.Officers
	f.InvalidCerts += g.InvalidCerts
	f.Complaints += g.Complaints
	f.ComplaintsOverdue += g.ComplaintsOverdue
	f.Opinions += g.Opinions
	f.OpinionsOverdue += g.OpinionsOverdue
}

// Percent returns part of whole in per cent, rounded down, and "—" when
// whole is 0.
func Percent(part, whole int) string {
	if whole == 0 {
		return "—"
	}
	return fmt.Sprintf("%d%%", part*100/whole)
}

// PublicationRate is the share of the period's decisions published.
func (f Figures) PublicationRate() string { return Percent(f.Published, f.Decisions) }

// TimelyRate is the share of the published decisions published in time.
func (f Figures) TimelyRate() string { return Percent(f.PublishedOnTime, f.Published) }

// Alarms counts what must be zero: decisions without review, overdue time
// limits, invalid certificates, late withdrawals, overdue complaints and
// opinions.
func (f Figures) Alarms() int {
	return f.WithoutReview + f.OverdueDeadlines + f.InvalidCerts + f.WithdrawnLate + f.ComplaintsOverdue + f.OpinionsOverdue
}

// Dashboard is the supervisor's view of its region for a period.
type Dashboard struct {
	Supervisor string // the 司法局's name
	Region     string
	Period     Period
	Today      zhifa.Date
	Agencies   []Figures // by agency name
	Total      Figures
}

// NewDashboard sorts the figures by agency and sums them.
func NewDashboard(supervisor, region string, p Period, today zhifa.Date, figs []Figures) *Dashboard {
	d := &Dashboard{Supervisor: supervisor, Region: region, Period: p, Today: today, Agencies: slices.Clone(figs)}
	slices.SortFunc(d.Agencies, func(a, b Figures) int {
		if a.AgencyName < b.AgencyName {
			return -1
		} else if a.AgencyName > b.AgencyName {
			return 1
		}
		return 0
	})
	d.Total.AgencyName = "合计"
	for _, f := range d.Agencies {
		d.Total.Add(f)
	}
	if d.Total.ByStage == nil {
		d.Total.ByStage = map[string]int{}
	}
	return d
}

// Bar is one bar of a server-drawn chart: its label, value and length in
// per mille of the longest bar, and where it is drawn in the chart's units.
type Bar struct {
	Label string
	Value int64
	Text  string // the value as shown
	Len   int    // per mille of the longest bar
	W     int    // drawn length: Len scaled to BarMax
	TextX int    // where the value is written, after the bar
	Y     int    // the bar's top
	Href  string
}

// The chart's geometry, in its own units (its viewBox is ChartWidth wide):
// labels on the left up to BarX, bars up to BarMax long, the value after.
const (
	ChartWidth = 900
	BarX       = 210
	BarMax     = 560
	BarHeight  = 28
)

// Bars scales values to bars.
func Bars(labels []string, values []int64, texts []string, hrefs []string) []Bar {
	var max int64
	for _, v := range values {
		max = maxInt64(max, v)
	}
	out := make([]Bar, len(values))
	for i, v := range values {
		b := Bar{Label: labels[i], Value: v, Text: texts[i], Y: i * BarHeight}
		if i < len(hrefs) {
			b.Href = hrefs[i]
		}
		if max > 0 {
			b.Len = int(v * 1000 / max)
		}
		b.W = b.Len * BarMax / 1000
		b.TextX = BarX + b.W + 8
		out[i] = b
	}
	return out
}

func maxInt64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}
