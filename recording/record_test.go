package recording

import (
	"testing"
	"time"

	"github.com/zhifa/zhifa"
)

func TestMayOpen(t *testing.T) {
	role := func(ag, officer int64, r zhifa.Role) zhifa.Actor {
		return zhifa.Actor{UserID: 100 + officer, AgencyID: ag, OfficerID: officer, Roles: []zhifa.Role{r}}
	}
	maker, colleague := role(1, 7, zhifa.RoleOfficer), role(1, 8, zhifa.RoleOfficer)
	reviewer, head, unitHead := role(1, 9, zhifa.RoleReviewer), role(1, 0, zhifa.RoleAgencyHead), role(1, 10, zhifa.RoleUnitHead)
	stranger := role(2, 11, zhifa.RoleOfficer)
	supervisor := zhifa.Actor{UserID: 300, AgencyID: 3, Supervisor: true, Roles: []zhifa.Role{zhifa.RoleSupervisor}}
	for _, tc := range []struct {
		mark Mark
		who  string
		a    zhifa.Actor
		code string
	}{
		{None, "colleague", colleague, ""},
		{None, "other agency", stranger, zhifa.EFORBIDDEN},
		{WorkSecret, "colleague", colleague, ""},
		{Privacy, "maker", maker, ""},
		{Privacy, "colleague", colleague, zhifa.EFORBIDDEN},
		{Privacy, "reviewer", reviewer, ""},
		{Privacy, "unit head", unitHead, ""},
		{Privacy, "supervisor", supervisor, ""},
		{Privacy, "other agency", stranger, zhifa.EFORBIDDEN},
		{TradeSecret, "colleague", colleague, zhifa.EFORBIDDEN},
		{StateSecret, "maker", maker, ""},
		{StateSecret, "agency head", head, ""},
		{StateSecret, "reviewer", reviewer, zhifa.EFORBIDDEN},
		{StateSecret, "supervisor", supervisor, zhifa.EFORBIDDEN},
		{Privacy, "the public", zhifa.Actor{}, zhifa.EUNAUTHORIZED},
	} {
		r := &Record{AgencyID: 1, OfficerIDs: []int64{7}, CreatedBy: 999, Mark: tc.mark}
		if got := zhifa.ErrorCode(MayOpen(tc.a, r)); MayOpen(tc.a, r) == nil && tc.code != "" || MayOpen(tc.a, r) != nil && got != tc.code {
			t.Errorf("%s record, %s: %q, want %q", tc.mark.Name(), tc.who, got, tc.code)
		}
	}
}

func TestProblems(t *testing.T) {
	start := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)
	ok := func() *Record {
		r := &Record{Kind: Video, OfficerIDs: []int64{1}, Start: start, End: start.Add(time.Hour), Place: "现场", Digest: "sha256:x", SHA256: "x", SM3: "y"}
		r.RetainUntil = DefaultRetention(r)
		return r
	}
	if p := Problems(ok()); len(p) != 0 {
		t.Fatalf("valid record: %v", p)
	}
	if got := DefaultRetention(ok()); got != (zhifa.Date{Y: 2027, M: 5, D: 2}) {
		t.Errorf("retention without a case = %v", got)
	}
	withCase := ok()
	withCase.CaseID = 3
	if got := DefaultRetention(withCase); got != (zhifa.Date{Y: 2056, M: 11, D: 2}) {
		t.Errorf("retention with a case = %v", got)
	}
	for _, tc := range []struct {
		field string
		edit  func(*Record)
	}{
		{"kind", func(r *Record) { r.Kind = "film" }},
		{"mark", func(r *Record) { r.Mark = "secret" }},
		{"officer_ids", func(r *Record) { r.OfficerIDs = nil }},
		{"end", func(r *Record) { r.End = r.Start.Add(-time.Minute) }},
		{"place", func(r *Record) { r.Place = " " }},
		{"case_id", func(r *Record) { r.StepID = 5 }},
		{"interruptions.0", func(r *Record) {
			r.Interruptions = []Interruption{{From: start.Add(time.Minute), To: start.Add(2 * time.Minute), Reason: "无"}}
		}},
		{"interruptions.0", func(r *Record) {
			r.Interruptions = []Interruption{{From: start.Add(-time.Minute), To: start.Add(2 * time.Minute), Reason: "电池耗尽更换"}}
		}},
		{"retain_until", func(r *Record) { r.RetainUntil = zhifa.DateOf(r.End) }},
		{"upload", func(r *Record) { r.SM3 = "" }},
	} {
		r := ok()
		tc.edit(r)
		if p := Problems(r); p[tc.field] == "" {
			t.Errorf("%s: problems %v", tc.field, p)
		}
	}
	r := ok()
	r.Interruptions = []Interruption{{From: start.Add(time.Minute), To: start.Add(2 * time.Minute), Reason: "当事人要求暂停"}, {From: start.Add(3 * time.Minute), To: start.Add(4 * time.Minute), Reason: "电池耗尽更换", Technical: true}}
	if p := Problems(r); len(p) != 0 || r.Irregular() != 1 {
		t.Errorf("a non-technical interruption with its reason is kept and counted: %v, %d", p, r.Irregular())
	}
}
