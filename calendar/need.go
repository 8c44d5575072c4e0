package calendar

import "slices"

// WarnDays is how far ahead of today the workbench looks for a year whose
// schedule is missing. The State Council publishes a year's arrangement in
// October or November; the time limits of a case (7 working days, 15 days
// rolled to a working day) started in December already end in January, so
// a year is needed from a few weeks before it begins, and sixty days give
// the administrator time to import it once it is published.
const WarnDays = 60

// YearNeed is a year that time limits will soon need and whose schedule is
// not loaded.
type YearNeed struct {
	Year int
	// From is the first day on which a limit may end in Year: its 1 January,
	// or today when today is already in it.
	From Date
	// In is the number of days from today to From; 0 means computations
	// that reach Year fail from today with *MissingYearError.
	In int
}

// Now reports whether computations reaching the year fail already today.
func (n YearNeed) Now() bool { return n.In == 0 }

// MissingSoon returns, in order, the years from today's to that of today
// plus within days that loaded (Calendar.Years) does not hold: the years
// time limits computed within that window will need. It returns nil when
// all of them are loaded. It does not look back: a year before today's is
// needed only by cases already decided.
func MissingSoon(loaded []int, today Date, within int) []YearNeed {
	var out []YearNeed
	last := today.Add(max(within, 0)).Y
	for y := today.Y; y <= last; y++ {
		if slices.Contains(loaded, y) {
			continue
		}
		from := Date{Y: y, M: 1, D: 1}
		if y == today.Y {
			from = today
		}
		out = append(out, YearNeed{Year: y, From: from, In: from.Sub(today)})
	}
	return out
}
