package calendar_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/calendar"
)

var d = calendar.MustParseDate

// MustBuiltin returns the calendar of the built-in schedules.
func MustBuiltin(tb testing.TB) *calendar.Calendar {
	tb.Helper()
	c, err := calendar.New(calendar.Builtin()...)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// MustSchedule returns the built-in schedule of year.
func MustSchedule(tb testing.TB, year int) calendar.Schedule {
	tb.Helper()
	for _, s := range calendar.Builtin() {
		if s.Year == year {
			return s
		}
	}
	tb.Fatalf("no built-in schedule for %d", year)
	return calendar.Schedule{}
}

// domain is the table of shared/DOMAIN.md §8, verbatim.
var domain = []struct {
	year       int
	rest, work string
}{
	{2024, "01-01; 02-10…02-17; 04-04…04-06; 05-01…05-05; 06-10; 09-15…09-17; 10-01…10-07", "02-04, 02-18, 04-07, 04-28, 05-11, 09-14, 09-29, 10-12"},
	{2025, "01-01; 01-28…02-04; 04-04…04-06; 05-01…05-05; 05-31…06-02; 10-01…10-08", "01-26, 02-08, 04-27, 09-28, 10-11"},
	{2026, "01-01…01-03; 02-15…02-23; 04-04…04-06; 05-01…05-05; 06-19…06-21; 09-25…09-27; 10-01…10-07", "01-04, 02-14, 02-28, 05-09, 09-20, 10-10"},
}

// domainDays expands the DOMAIN table into rest and make-up day sets.
func domainDays() (rest, work map[calendar.Date]bool) {
	rest, work = map[calendar.Date]bool{}, map[calendar.Date]bool{}
	for _, row := range domain {
		day := func(md string) calendar.Date {
			return d(fmt.Sprintf("%d-%s", row.year, strings.TrimSpace(md)))
		}
		for _, part := range strings.Split(row.rest, ";") {
			from, to, ok := strings.Cut(part, "…")
			if !ok {
				to = from
			}
			for x := day(from); !x.After(day(to)); x = x.Add(1) {
				rest[x] = true
			}
		}
		for _, md := range strings.Split(row.work, ",") {
			work[day(md)] = true
		}
	}
	return rest, work
}

func TestBuiltinMatchesDomain(t *testing.T) {
	c := MustBuiltin(t)
	rest, work := domainDays()
	// Guard against a mistyped table: 2024 has 1+8+3+5+1+3+7 = 28 rest days,
	// 2025 has 1+8+3+5+3+8 = 28, 2026 has 3+9+3+5+3+3+7 = 33.
	if got, want := len(rest), 28+28+33; got != want {
		t.Fatalf("DOMAIN table expands to %d rest days, want %d", got, want)
	}
	if got, want := len(work), 8+5+6; got != want {
		t.Fatalf("DOMAIN table expands to %d make-up days, want %d", got, want)
	}
	for x := d("2024-01-01"); !x.After(d("2026-12-31")); x = x.Add(1) {
		typ, err := c.DayType(x)
		if err != nil {
			t.Fatal(err)
		}
		var want []calendar.DayType
		switch {
		case work[x]:
			want = []calendar.DayType{calendar.WorkSwap}
		case rest[x] && x.IsWeekend():
			want = []calendar.DayType{calendar.Holiday, calendar.Weekend}
		case rest[x]:
			want = []calendar.DayType{calendar.Holiday, calendar.RestSwap}
		case x.IsWeekend():
			want = []calendar.DayType{calendar.Weekend}
		default:
			want = []calendar.DayType{calendar.Workday}
		}
		ok := false
		for _, w := range want {
			ok = ok || typ == w
		}
		if !ok {
			t.Errorf("%s (%s): type %s, want one of %v", x, x.Weekday(), typ, want)
		}
		wantWork := work[x] || (!rest[x] && !x.IsWeekend())
		if got, err := c.IsWorkday(x); err != nil || got != wantWork {
			t.Errorf("IsWorkday(%s) = %v, %v; want %v", x, got, err, wantWork)
		}
	}
	// The schedules list exactly: the DOMAIN make-up days as WorkSwaps, and
	// as Holidays/RestSwaps every DOMAIN weekday rest day plus statutory days
	// on weekends, and nothing outside the DOMAIN rest days.
	for _, row := range domain {
		s := MustSchedule(t, row.year)
		for _, x := range s.WorkSwaps {
			if !work[x] {
				t.Errorf("%d: WorkSwap %s not in DOMAIN", row.year, x)
			}
		}
		if got, want := len(s.WorkSwaps), strings.Count(row.work, ",")+1; got != want {
			t.Errorf("%d: %d WorkSwaps, want %d", row.year, got, want)
		}
		listed := map[calendar.Date]bool{}
		for _, x := range append(append([]calendar.Date{}, s.Holidays...), s.RestSwaps...) {
			listed[x] = true
			if !rest[x] {
				t.Errorf("%d: rest day %s not in DOMAIN", row.year, x)
			}
		}
		for x := range rest {
			if x.Y == row.year && !x.IsWeekend() && !listed[x] {
				t.Errorf("%d: DOMAIN weekday rest day %s not listed", row.year, x)
			}
		}
	}
}

func TestDayType(t *testing.T) {
	c := MustBuiltin(t)
	for _, tt := range []struct {
		date string
		want calendar.DayType
	}{
		{"2024-02-09", calendar.Workday},  // 除夕 2024: a working day (2013 办法: 春节 = 初一至初三)
		{"2024-02-10", calendar.Holiday},  // 初一, a Saturday
		{"2024-02-12", calendar.Holiday},  // 初三
		{"2024-02-13", calendar.RestSwap}, // 补假 / 调休
		{"2024-02-17", calendar.Weekend},
		{"2024-02-18", calendar.WorkSwap},
		{"2024-05-02", calendar.RestSwap}, // 劳动节 was one day before 2025
		{"2024-09-16", calendar.RestSwap},
		{"2024-09-17", calendar.Holiday}, // 中秋
		{"2025-01-28", calendar.Holiday}, // 除夕 2025: statutory under the 2024 办法
		{"2025-02-03", calendar.RestSwap},
		{"2025-05-02", calendar.Holiday},
		{"2025-05-31", calendar.Holiday}, // 端午 on a Saturday
		{"2025-06-02", calendar.RestSwap},
		{"2025-10-06", calendar.Holiday}, // 中秋
		{"2025-10-08", calendar.RestSwap},
		{"2025-10-11", calendar.WorkSwap},
		{"2025-10-13", calendar.Workday},
		{"2026-01-02", calendar.RestSwap},
		{"2026-01-03", calendar.Weekend},
		{"2026-01-04", calendar.WorkSwap},
		{"2026-04-04", calendar.Weekend},
		{"2026-04-05", calendar.Holiday}, // 清明 on a Sunday
		{"2026-04-06", calendar.RestSwap},
		{"2026-02-16", calendar.Holiday},
		{"2026-02-23", calendar.RestSwap},
		{"2027-02-05", calendar.Holiday},
		{"2027-09-26", calendar.WorkSwap},
	} {
		got, err := c.DayType(d(tt.date))
		if err != nil || got != tt.want {
			t.Errorf("DayType(%s) = %s, %v; want %s", tt.date, got, err, tt.want)
		}
	}
	if got := calendar.WorkSwap.String(); got != "调休上班" {
		t.Errorf("WorkSwap.String() = %q", got)
	}
	if got := c.Name(d("2025-10-06")); got != "中秋节" {
		t.Errorf("Name(2025-10-06) = %q, want 中秋节", got)
	}
}

func TestAddWorkdays(t *testing.T) {
	c := MustBuiltin(t)
	for _, tt := range []struct {
		start string
		n     int
		want  string
	}{
		{"2025-09-26", 7, "2025-10-13"}, // DOMAIN §8
		{"2024-09-13", 3, "2024-09-19"}, // DOMAIN §8
		{"2025-09-26", 0, "2025-09-26"},
		{"2025-10-01", 0, "2025-10-01"},
		{"2025-10-01", 1, "2025-10-09"}, // start on a holiday
		{"2025-09-27", 1, "2025-09-28"}, // Sunday 调休上班
		{"2025-12-31", 1, "2026-01-04"}, // across years onto a 调休上班 Sunday
		{"2024-02-08", 1, "2024-02-09"}, // 除夕 2024 worked
		{"2025-10-09", -1, "2025-09-30"},
		{"2025-10-13", -7, "2025-09-26"},
		{"2025-10-04", -1, "2025-09-30"},
		{"2026-01-05", -2, "2025-12-31"},
	} {
		got, err := c.AddWorkdays(d(tt.start), tt.n)
		if err != nil || got != d(tt.want) {
			t.Errorf("AddWorkdays(%s, %d) = %s, %v; want %s", tt.start, tt.n, got, err, tt.want)
		}
	}
}

// TestAddWorkdaysNaive checks the tables against counting day by day.
func TestAddWorkdaysNaive(t *testing.T) {
	c := MustBuiltin(t)
	for s := d("2024-01-01"); !s.After(d("2026-12-31")); s = s.Add(1) {
		x, k := s, 0
		for n := 0; n <= 30; n++ {
			for k < n {
				x = x.Add(1)
				if w, _ := c.IsWorkday(x); w {
					k++
				}
			}
			got, err := c.AddWorkdays(s, n)
			if err != nil || got != x {
				t.Fatalf("AddWorkdays(%s, %d) = %s, %v; want %s", s, n, got, err, x)
			}
			if between, err := c.WorkdaysBetween(s, x); err != nil || between != n {
				t.Fatalf("WorkdaysBetween(%s, %s) = %d, %v; want %d", s, x, between, err, n)
			}
		}
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := MustBuiltin(t)
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"2025-09-26", "2025-10-13", 7},
		{"2025-10-13", "2025-09-26", 0},
		{"2025-10-01", "2025-10-01", 0},
		{"2025-09-30", "2025-10-08", 0},
		{"2025-09-30", "2025-10-09", 1},
		{"2024-01-01", "2024-12-31", 251}, // 262 weekdays − 19 weekday rest days + 8 make-up days
	} {
		got, err := c.WorkdaysBetween(d(tt.a), d(tt.b))
		if err != nil || got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, %v; want %d", tt.a, tt.b, got, err, tt.want)
		}
	}
}

func TestNextWorkday(t *testing.T) {
	c := MustBuiltin(t)
	for _, tt := range []struct{ d, next, onOrAfter string }{
		{"2025-09-30", "2025-10-09", "2025-09-30"},
		{"2025-10-01", "2025-10-09", "2025-10-09"},
		{"2025-10-10", "2025-10-11", "2025-10-10"},
		{"2025-10-12", "2025-10-13", "2025-10-13"},
	} {
		if got, err := c.NextWorkday(d(tt.d)); err != nil || got != d(tt.next) {
			t.Errorf("NextWorkday(%s) = %s, %v; want %s", tt.d, got, err, tt.next)
		}
		if got, err := c.WorkdayOnOrAfter(d(tt.d)); err != nil || got != d(tt.onOrAfter) {
			t.Errorf("WorkdayOnOrAfter(%s) = %s, %v; want %s", tt.d, got, err, tt.onOrAfter)
		}
	}
}

func TestAddDaysRoll(t *testing.T) {
	c := MustBuiltin(t)
	for _, tt := range []struct {
		start string
		n     int
		roll  bool
		want  string
	}{
		{"2025-09-01", 30, false, "2025-10-01"},
		{"2025-09-01", 30, true, "2025-10-09"}, // ends on 国庆: next working day
		{"2025-10-01", 10, true, "2025-10-11"}, // ends on a 调休上班 Saturday: no roll
		{"2025-10-01", 11, true, "2025-10-13"}, // ends on a Sunday
		{"2025-10-01", 12, true, "2025-10-13"},
		{"2025-01-01", 0, true, "2025-01-02"},
		{"2024-12-17", 15, true, "2025-01-02"}, // 2025-01-01 → next day
		{"2025-03-01", -1, false, "2025-02-28"},
	} {
		got, err := c.AddDays(d(tt.start), tt.n, tt.roll)
		if err != nil || got != d(tt.want) {
			t.Errorf("AddDays(%s, %d, %v) = %s, %v; want %s", tt.start, tt.n, tt.roll, got, err, tt.want)
		}
	}
}

func TestAddMonths(t *testing.T) {
	c := MustBuiltin(t)
	for _, tt := range []struct {
		start string
		n     int
		roll  bool
		want  string
	}{
		{"2025-01-31", 1, false, "2025-02-28"},
		{"2024-01-31", 1, false, "2024-02-29"},
		{"2025-08-31", 6, false, "2026-02-28"},
		{"2025-03-31", -1, false, "2025-02-28"},
		{"2025-01-15", -1, false, "2024-12-15"},
		{"2025-12-15", 1, false, "2026-01-15"},
		{"2025-04-01", 6, false, "2025-10-01"},
		{"2025-04-01", 6, true, "2025-10-09"},
		{"2025-05-31", 6, true, "2025-12-01"},  // 11-30 is a Sunday
		{"2027-12-01", 6, false, "2028-06-01"}, // no schedule needed without roll
		{"2025-10-31", 24, false, "2027-10-31"},
	} {
		got, err := c.AddMonths(d(tt.start), tt.n, tt.roll)
		if err != nil || got != d(tt.want) {
			t.Errorf("AddMonths(%s, %d, %v) = %s, %v; want %s", tt.start, tt.n, tt.roll, got, err, tt.want)
		}
	}
}

func TestExcluding(t *testing.T) {
	c := MustBuiltin(t)
	iv := func(from, to string) calendar.Interval { return calendar.Interval{From: d(from), To: d(to)} }
	for _, tt := range []struct {
		name  string
		start string
		n     int
		excl  []calendar.Interval
		want  string
	}{
		{"none", "2025-09-01", 5, nil, "2025-09-08"},
		{"middle", "2025-09-01", 5, []calendar.Interval{iv("2025-09-03", "2025-09-04")}, "2025-09-10"},
		{"after result", "2025-09-01", 5, []calendar.Interval{iv("2025-09-09", "2025-09-20")}, "2025-09-08"},
		{"on result", "2025-09-01", 5, []calendar.Interval{iv("2025-09-08", "2025-09-08")}, "2025-09-09"},
		{"covers start", "2025-09-01", 1, []calendar.Interval{iv("2025-08-25", "2025-09-02")}, "2025-09-03"},
		{"before start", "2025-09-01", 1, []calendar.Interval{iv("2025-08-01", "2025-08-31")}, "2025-09-02"},
		{"overlapping", "2025-09-01", 2, []calendar.Interval{iv("2025-09-04", "2025-09-10"), iv("2025-09-02", "2025-09-05")}, "2025-09-12"},
		{"adjacent", "2025-09-01", 1, []calendar.Interval{iv("2025-09-02", "2025-09-02"), iv("2025-09-03", "2025-09-03")}, "2025-09-04"},
		{"far future not loaded", "2025-09-01", 5, []calendar.Interval{iv("2030-01-01", "2030-01-05")}, "2025-09-08"},
		{"over holiday", "2025-09-26", 7, []calendar.Interval{iv("2025-09-29", "2025-09-30")}, "2025-10-15"},
		{"zero", "2025-09-01", 0, []calendar.Interval{iv("2025-08-01", "2025-09-30")}, "2025-09-01"},
	} {
		got, err := c.AddWorkdaysExcluding(d(tt.start), tt.n, tt.excl)
		if err != nil || got != d(tt.want) {
			t.Errorf("%s: AddWorkdaysExcluding(%s, %d) = %s, %v; want %s", tt.name, tt.start, tt.n, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		name  string
		start string
		n     int
		roll  bool
		excl  []calendar.Interval
		want  string
	}{
		{"none", "2025-03-01", 10, false, nil, "2025-03-11"},
		{"middle", "2025-03-01", 10, false, []calendar.Interval{iv("2025-03-05", "2025-03-07")}, "2025-03-14"},
		{"on end", "2025-03-01", 4, false, []calendar.Interval{iv("2025-03-05", "2025-03-07")}, "2025-03-08"},
		{"just before", "2025-03-01", 3, false, []calendar.Interval{iv("2025-03-05", "2025-03-07")}, "2025-03-04"},
		{"covers start", "2025-03-01", 1, false, []calendar.Interval{iv("2025-02-01", "2025-03-03")}, "2025-03-04"},
		{"roll", "2025-09-01", 25, true, []calendar.Interval{iv("2025-09-10", "2025-09-14")}, "2025-10-09"},
		{"no roll", "2025-09-01", 25, false, []calendar.Interval{iv("2025-09-10", "2025-09-14")}, "2025-10-01"},
	} {
		got, err := c.AddDaysExcluding(d(tt.start), tt.n, tt.roll, tt.excl)
		if err != nil || got != d(tt.want) {
			t.Errorf("%s: AddDaysExcluding(%s, %d, %v) = %s, %v; want %s", tt.name, tt.start, tt.n, tt.roll, got, err, tt.want)
		}
	}
	if _, err := c.AddWorkdaysExcluding(d("2025-09-01"), 1, []calendar.Interval{iv("2025-09-05", "2025-09-04")}); !errors.Is(err, calendar.ErrBadInterval) {
		t.Errorf("reversed interval: err = %v, want ErrBadInterval", err)
	}
	if _, err := c.AddDaysExcluding(d("2025-09-01"), -1, false, nil); !errors.Is(err, calendar.ErrBadInterval) {
		t.Errorf("negative n: err = %v, want ErrBadInterval", err)
	}
}

func TestMissingYear(t *testing.T) {
	c := MustBuiltin(t)
	only := func(years ...int) *calendar.Calendar {
		var ss []calendar.Schedule
		for _, y := range years {
			ss = append(ss, MustSchedule(t, y))
		}
		c, err := calendar.New(ss...)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	gap := only(2024, 2026)
	for _, tt := range []struct {
		name string
		f    func() error
		year int
	}{
		{"DayType", func() error { _, err := c.DayType(d("2028-01-01")); return err }, 2028},
		{"IsWorkday", func() error { _, err := c.IsWorkday(d("2023-12-31")); return err }, 2023},
		{"AddWorkdays past end", func() error { _, err := c.AddWorkdays(d("2027-12-30"), 5); return err }, 2028},
		{"AddWorkdays before start", func() error { _, err := c.AddWorkdays(d("2024-01-03"), -5); return err }, 2023},
		{"AddWorkdays start", func() error { _, err := c.AddWorkdays(d("2028-03-01"), 1); return err }, 2028},
		{"AddDays roll", func() error { _, err := c.AddDays(d("2027-12-20"), 20, true); return err }, 2028},
		{"AddMonths roll", func() error { _, err := c.AddMonths(d("2027-12-01"), 6, true); return err }, 2028},
		{"NextWorkday", func() error { _, err := c.NextWorkday(d("2027-12-31")); return err }, 2028},
		{"WorkdaysBetween", func() error { _, err := c.WorkdaysBetween(d("2027-12-01"), d("2028-01-10")); return err }, 2028},
		{"gap WorkdaysBetween", func() error { _, err := gap.WorkdaysBetween(d("2024-12-01"), d("2026-01-10")); return err }, 2025},
		{"gap AddWorkdays", func() error { _, err := gap.AddWorkdays(d("2024-12-30"), 5); return err }, 2025},
		{"gap AddWorkdays back", func() error { _, err := gap.AddWorkdays(d("2026-01-05"), -5); return err }, 2025},
		{"gap DayType", func() error { _, err := gap.DayType(d("2025-06-01")); return err }, 2025},
		{"excluding", func() error {
			_, err := c.AddWorkdaysExcluding(d("2027-12-01"), 3, []calendar.Interval{{From: d("2027-12-02"), To: d("2028-01-05")}})
			return err
		}, 2028},
	} {
		err := tt.f()
		var me *calendar.MissingYearError
		if !errors.As(err, &me) || me.Year != tt.year {
			t.Errorf("%s: err = %v, want MissingYearError{%d}", tt.name, err, tt.year)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "未载入 ") || !strings.Contains(msg, fmt.Sprintf("%d 年", tt.year)) {
			t.Errorf("%s: message %q does not name the year", tt.name, msg)
		}
	}
	if got, want := gap.Years(), []int{2024, 2026}; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Years() = %v, want %v", got, want)
	}
	if got, err := gap.AddWorkdays(d("2026-01-05"), 3); err != nil || got != d("2026-01-08") {
		t.Errorf("gap calendar within 2026: %s, %v", got, err)
	}
}

func TestNewReplacesYear(t *testing.T) {
	fix := MustSchedule(t, 2025)
	fix.RestSwaps = append(fix.RestSwaps, d("2025-09-26"))
	fix.Source = "更正"
	c, err := calendar.New(append(calendar.Builtin(), fix)...)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := c.DayType(d("2025-09-26")); got != calendar.RestSwap {
		t.Errorf("DayType after correction = %s, want 调休休息", got)
	}
	if s, ok := c.Schedule(2025); !ok || s.Source != "更正" {
		t.Errorf("Schedule(2025).Source = %q, %v", s.Source, ok)
	}
	// The calendar keeps its own copy.
	fix.RestSwaps[0] = d("2025-12-01")
	if got, _ := c.DayType(d("2025-12-01")); got != calendar.Workday {
		t.Errorf("calendar changed through caller's slice")
	}
	bad := MustSchedule(t, 2025)
	bad.WorkSwaps = append(bad.WorkSwaps, d("2025-10-01"))
	if _, err := calendar.New(bad); err == nil || !strings.Contains(err.Error(), "2025-10-01") {
		t.Errorf("New with invalid schedule: err = %v", err)
	}
}

func TestInvalidDate(t *testing.T) {
	c := MustBuiltin(t)
	if _, err := c.AddWorkdays(calendar.Date{Y: 2025, M: 2, D: 30}, 1); !errors.Is(err, calendar.ErrInvalidDate) {
		t.Errorf("err = %v, want ErrInvalidDate", err)
	}
	if _, err := c.AddDays(calendar.Date{}, 1, false); !errors.Is(err, calendar.ErrInvalidDate) {
		t.Errorf("err = %v, want ErrInvalidDate", err)
	}
}

// FuzzAddWorkdays: counting back what AddWorkdays counted gives n, the result
// is a working day, and going back n working days returns to the start (or to
// the last working day before it when the start is a rest day).
func FuzzAddWorkdays(f *testing.F) {
	c := MustBuiltin(f)
	first, last := d("2024-01-01"), d("2027-12-31")
	span := last.Sub(first) + 1
	for _, s := range []struct {
		off uint16
		n   uint8
	}{{0, 0}, {634, 7}, {1000, 60}, {1460, 1}, {400, 30}} {
		f.Add(s.off, s.n)
	}
	f.Fuzz(func(t *testing.T, off uint16, nn uint8) {
		start := first.Add(int(off) % span)
		n := int(nn) % 61
		got, err := c.AddWorkdays(start, n)
		var me *calendar.MissingYearError
		if errors.As(err, &me) && me.Year == 2028 {
			return
		}
		if err != nil {
			t.Fatalf("AddWorkdays(%s, %d): %v", start, n, err)
		}
		if k, err := c.WorkdaysBetween(start, got); err != nil || k != n {
			t.Fatalf("WorkdaysBetween(%s, %s) = %d, %v; want %d", start, got, k, err, n)
		}
		if n == 0 {
			if got != start {
				t.Fatalf("AddWorkdays(%s, 0) = %s", start, got)
			}
			return
		}
		if w, _ := c.IsWorkday(got); !w {
			t.Fatalf("AddWorkdays(%s, %d) = %s, a rest day", start, n, got)
		}
		back, err := c.AddWorkdays(got, -n)
		want := start
		if w, _ := c.IsWorkday(start); !w {
			want, err = c.AddWorkdays(start, -1)
			if errors.As(err, &me) {
				return
			}
		}
		if err != nil || back != want {
			t.Fatalf("AddWorkdays(%s, %d) = %s, %v; want %s", got, -n, back, err, want)
		}
	})
}

func BenchmarkAddWorkdays(b *testing.B) {
	c := MustBuiltin(b)
	var starts []calendar.Date
	for x := d("2024-01-01"); !x.After(d("2026-12-31")); x = x.Add(1) {
		starts = append(starts, x)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.AddWorkdays(starts[i%len(starts)], i%30+1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWorkdaysBetween(b *testing.B) {
	c := MustBuiltin(b)
	var starts []calendar.Date
	for x := d("2024-01-01"); !x.After(d("2026-11-30")); x = x.Add(1) {
		starts = append(starts, x)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := starts[i%len(starts)]
		if _, err := c.WorkdaysBetween(s, s.Add(i%30+1)); err != nil {
			b.Fatal(err)
		}
	}
}
