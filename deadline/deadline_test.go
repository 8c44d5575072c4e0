package deadline_test

import (
	"errors"
	"testing"

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
)

var d = calendar.MustParseDate

func MustCalendar(tb testing.TB) *calendar.Calendar {
	tb.Helper()
	c, err := calendar.New(calendar.Builtin()...)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestDue(t *testing.T) {
	c := MustCalendar(t)
	iv := func(from, to string) []calendar.Interval {
		return []calendar.Interval{{From: d(from), To: d(to)}}
	}
	for _, tt := range []struct {
		id, start string
		excl      []calendar.Interval
		want      string
		why       string
	}{
		{"T3", "2025-09-26", nil, "2025-09-30", "3 working days; Sunday 09-28 is 调休上班"},
		{"T4", "2025-09-26", nil, "2025-10-10", "处罚法 Arts 64(一), 85: 5 working days over 国庆"},
		{"T4", "2025-09-26", iv("2025-09-29", "2025-09-30"), "2025-10-13", "clock stopped two working days"},
		{"T4b", "2025-10-13", nil, "2025-09-26", "处罚法 Art 64(二): notice 7 working days before the hearing"},
		{"T5", "2024-09-13", nil, "2024-09-25", "处罚法 Arts 56, 85: 7 working days over 中秋"},
		{"T6", "2025-07-03", nil, "2025-10-01", "处罚法 Art 60: 90 natural days, no roll for the agency's own limit"},
		{"T6", "2025-07-03", iv("2025-08-01", "2025-08-10"), "2025-10-11", "听证 period of 10 days not counted"},
		{"T8", "2025-09-30", nil, "2025-10-16", "处罚法 Arts 61, 85: 7 working days"},
		{"T9", "2025-09-16", nil, "2025-10-09", "处罚法 Art 67: 15 days ending 10-01 roll to the next working day"},
		{"T9", "2025-09-11", nil, "2025-09-26", "15 days ending on a working day"},
		{"T11", "2025-09-01", nil, "2025-10-01", "强制法 Art 25: 30 days"},
		{"T12", "2026-02-02", nil, "2026-03-06", "许可法 Arts 42, 82: 20 working days over 春节 2026"},
		{"T12b", "2026-09-24", nil, "2026-10-09", "许可法 Art 32(四): 5 working days over 中秋, 国庆"},
		{"T13", "2025-08-02", nil, "2025-10-09", "复议法 Art 20: 60 days ending 10-01, rolled"},
		{"T13b", "2025-04-01", nil, "2025-10-09", "诉讼法 Art 46: 6 months ending 10-01, rolled"},
		{"T13b", "2025-08-31", nil, "2026-02-28", "6 months clamped to 02-28, a 调休上班 Saturday: no roll"},
		{"T13b", "2025-04-01", iv("2025-05-01", "2025-05-10"), "2025-10-11", "months with 10 excluded days"},
		{"G4", "2025-09-26", nil, "2025-10-13", "seed 二(四): 7 working days (DOMAIN §8 example)"},
		{"G4b", "2025-09-26", nil, "2025-10-30", "118号: 20 working days"},
		{"G7", "2024-09-13", nil, "2024-09-19", "处罚法 Arts 48, 85: 3 working days (DOMAIN §8 example)"},
		{"L5", "2025-12-30", nil, "2026-01-07", "seed 四(三): 5 working days over 元旦 2026"},
	} {
		r, ok := deadline.Lookup(tt.id)
		if !ok {
			t.Fatalf("Lookup(%q) failed", tt.id)
		}
		got, err := deadline.Due(c, r, d(tt.start), tt.excl)
		if err != nil || got != d(tt.want) {
			t.Errorf("%s from %s = %s, %v; want %s (%s)", tt.id, tt.start, got, err, tt.want, tt.why)
		}
	}
}

func TestRules(t *testing.T) {
	want := map[string]struct {
		n    int
		unit deadline.Unit
	}{
		"T3": {3, deadline.Workdays}, "T4": {5, deadline.Workdays}, "T4b": {-7, deadline.Workdays},
		"T5": {7, deadline.Workdays}, "T6": {90, deadline.Days}, "T8": {7, deadline.Workdays},
		"T9": {15, deadline.Days}, "T11": {30, deadline.Days}, "T12": {20, deadline.Workdays},
		"T12b": {5, deadline.Workdays}, "T13": {60, deadline.Days}, "T13b": {6, deadline.Months},
		"G4": {7, deadline.Workdays}, "G4b": {20, deadline.Workdays}, "G7": {3, deadline.Workdays},
		"L5": {5, deadline.Workdays},
	}
	seen := map[string]bool{}
	for _, r := range deadline.Rules() {
		if seen[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID] = true
		w, ok := want[r.ID]
		if !ok {
			t.Errorf("unexpected rule %s", r.ID)
			continue
		}
		if r.N != w.n || r.Unit != w.unit {
			t.Errorf("%s: %d %s, want %d %s", r.ID, r.N, r.Unit, w.n, w.unit)
		}
		if r.Name == "" || r.Start == "" || r.Source == "" {
			t.Errorf("%s: empty field: %+v", r.ID, r)
		}
		if r.Roll && r.Unit == deadline.Workdays {
			t.Errorf("%s: roll on a working-day rule is meaningless", r.ID)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("%d rules, want %d", len(seen), len(want))
	}
	rs := deadline.Rules()
	rs[0].N = 99
	if r, _ := deadline.Lookup(rs[0].ID); r.N == 99 {
		t.Error("Rules returned the shared table")
	}
	if _, ok := deadline.Lookup("nope"); ok {
		t.Error("Lookup(nope) succeeded")
	}
}

func TestDueErrors(t *testing.T) {
	c := MustCalendar(t)
	r, _ := deadline.Lookup("T12")
	var me *calendar.MissingYearError
	if _, err := deadline.Due(c, r, d("2027-12-20"), nil); !errors.As(err, &me) || me.Year != 2028 {
		t.Errorf("Due past the loaded years: %v", err)
	}
	t9, _ := deadline.Lookup("T9")
	if _, err := deadline.Due(c, t9, d("2027-12-20"), nil); !errors.As(err, &me) || me.Year != 2028 {
		t.Errorf("rolled Due past the loaded years: %v", err)
	}
	for _, bad := range []deadline.Rule{
		{ID: "x", N: 1, Unit: "周"},
		{ID: "x", N: -1, Unit: deadline.Days},
		{ID: "x", N: -1, Unit: deadline.Months},
	} {
		if _, err := deadline.Due(c, bad, d("2025-01-02"), nil); !errors.Is(err, deadline.ErrRule) {
			t.Errorf("Due(%+v): err = %v, want ErrRule", bad, err)
		}
	}
	t4b, _ := deadline.Lookup("T4b")
	if _, err := deadline.Due(c, t4b, d("2025-10-13"), []calendar.Interval{{From: d("2025-10-01"), To: d("2025-10-02")}}); !errors.Is(err, deadline.ErrRule) {
		t.Errorf("backward rule with exclusions: err = %v, want ErrRule", err)
	}
}

func TestClassify(t *testing.T) {
	c := MustCalendar(t)
	due := d("2025-10-13") // Monday after 国庆; Saturday 10-11 is 调休上班
	for _, tt := range []struct {
		today string
		met   bool
		soon  int
		want  deadline.Status
	}{
		{"2025-09-30", false, 0, deadline.Pending}, // 4 working days left
		{"2025-09-30", false, 5, deadline.DueSoon},
		{"2025-10-09", false, 0, deadline.Pending}, // 3 left
		{"2025-10-10", false, 0, deadline.DueSoon}, // 2 left
		{"2025-10-12", false, 0, deadline.DueSoon},
		{"2025-10-13", false, 0, deadline.DueSoon}, // due today
		{"2025-10-14", false, 0, deadline.Overdue},
		{"2025-10-14", true, 0, deadline.Met},
		{"2025-09-01", true, 0, deadline.Met},
	} {
		got, err := deadline.Classify(c, due, d(tt.today), tt.met, tt.soon)
		if err != nil || got != tt.want {
			t.Errorf("Classify(due %s, today %s, met %v, soon %d) = %s, %v; want %s", due, tt.today, tt.met, tt.soon, got, err, tt.want)
		}
	}
	var me *calendar.MissingYearError
	if _, err := deadline.Classify(c, d("2028-01-10"), d("2027-12-20"), false, 0); !errors.As(err, &me) {
		t.Errorf("Classify into 2028: err = %v", err)
	}
	if got := deadline.Overdue.String(); got != "已逾期" {
		t.Errorf("Overdue.String() = %q", got)
	}
}
