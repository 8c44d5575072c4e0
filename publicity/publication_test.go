package publicity

import (
	"testing"
	"time"
)

func TestStatusMethods(t *testing.T) {
	due := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		status                        string
		pending, published, withdrawn bool
		overdue                       bool // on 2026-11-26, due 2026-11-25
	}{
		{StatusPending, true, false, false, true},
		{StatusPublished, false, true, false, false},
		{StatusWithdrawn, false, false, true, false},
	}
	for _, tt := range tests {
		p := &Publication{Status: tt.status, DueOn: due}
		got := [4]bool{p.Pending(), p.Published(), p.Withdrawn(), p.Overdue("2026-11-26")}
		want := [4]bool{tt.pending, tt.published, tt.withdrawn, tt.overdue}
		if got != want || p.StatusName() != tt.status {
			t.Errorf("%s: pending, published, withdrawn, overdue = %v, want %v; name %q", tt.status, got, want, p.StatusName())
		}
	}
	p := &Publication{Status: StatusPending, DueOn: due}
	if p.Overdue("2026-11-25") {
		t.Error("overdue on its due date")
	}
	if (&Publication{Status: StatusPending}).Overdue("2026-11-26") {
		t.Error("overdue without a due date")
	}
}

func TestCorrectableFields(t *testing.T) {
	var p Publication
	for _, f := range CorrectableFields {
		if CorrectableFieldName(f.Code) != f.Name {
			t.Errorf("CorrectableFieldName(%q) = %q, want %q", f.Code, CorrectableFieldName(f.Code), f.Name)
		}
		v := p.TextField(f.Code)
		if v == nil {
			t.Fatalf("TextField(%q) = nil", f.Code)
		}
		*v = f.Name
	}
	if p.Number != "决定书文号" || p.Remedy != "救济途径和期限" {
		t.Errorf("TextField set the wrong fields: %+v", p)
	}
	for _, code := range []string{"", "status", "party_name", "party_id_no"} {
		if CorrectableFieldName(code) != "" || p.TextField(code) != nil {
			t.Errorf("%q is correctable", code)
		}
	}
}

func TestWithdrawInputValid(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	decided, today := day("2026-11-20"), day("2026-11-26")
	tests := []struct {
		name string
		in   WithdrawInput
		want []string // the keys of the problems
	}{
		{"ok", WithdrawInput{Cause: WithdrawRevoked, ChangedOn: day("2026-11-24"), Reason: "经复议撤销"}, nil},
		{"decision day", WithdrawInput{Cause: " " + WithdrawVoid + " ", ChangedOn: decided, Reason: "x"}, nil},
		{"no cause", WithdrawInput{ChangedOn: today, Reason: "x"}, []string{"cause"}},
		{"unknown cause", WithdrawInput{Cause: "撤案", ChangedOn: today, Reason: "x"}, []string{"cause"}},
		{"no date", WithdrawInput{Cause: WithdrawChanged, Reason: "x"}, []string{"changed_on"}},
		{"future", WithdrawInput{Cause: WithdrawChanged, ChangedOn: day("2026-11-27"), Reason: "x"}, []string{"changed_on"}},
		{"before decision", WithdrawInput{Cause: WithdrawChanged, ChangedOn: day("2026-11-19"), Reason: "x"}, []string{"changed_on"}},
		{"blank reason", WithdrawInput{Cause: WithdrawIllegal, ChangedOn: today, Reason: "  "}, []string{"reason"}},
		{"long reason", WithdrawInput{Cause: WithdrawIllegal, ChangedOn: today, Reason: string(make([]rune, maxReasonRunes+1))}, []string{"reason"}},
	}
	for _, tt := range tests {
		wantProblems(t, tt.name, tt.in.Valid(decided, today), tt.want)
	}
}

func TestCorrectInputValid(t *testing.T) {
	long := func(n int) string { return string(make([]rune, n)) }
	tests := []struct {
		name string
		in   CorrectInput
		want []string
	}{
		{"ok", CorrectInput{Field: "facts", Value: "销售超过保质期的食品", Reason: "笔误"}, nil},
		{"trimmed", CorrectInput{Field: " number ", Value: " 汉阴市监罚〔2026〕1号 ", Reason: " 笔误 "}, nil},
		{"no field", CorrectInput{Value: "v", Reason: "r"}, []string{"field"}},
		{"party not correctable", CorrectInput{Field: "party_name", Value: "v", Reason: "r"}, []string{"field"}},
		{"no value", CorrectInput{Field: "facts", Reason: "r"}, []string{"value"}},
		{"number too long", CorrectInput{Field: "number", Value: long(maxNumberRunes + 1), Reason: "r"}, []string{"value"}},
		{"facts long enough", CorrectInput{Field: "facts", Value: long(maxNumberRunes + 1), Reason: "r"}, nil},
		{"not UTF-8", CorrectInput{Field: "facts", Value: "\xff", Reason: "r"}, []string{"value"}},
		{"no reason", CorrectInput{Field: "facts", Value: "v"}, []string{"reason"}},
	}
	for _, tt := range tests {
		wantProblems(t, tt.name, tt.in.Valid(), tt.want)
	}
}

func TestPublicCopy(t *testing.T) {
	at := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
	p := &Publication{ID: 7, CaseID: 3, AgencyID: 2, Number: "汉阴市监罚〔2026〕1号", PartyName: "张某", Facts: "f", Report: "sha256:r",
		Status: StatusPublished, PublishedAt: at, Corrections: []Correction{
			{ID: 1, Field: "facts", Public: false, CorrectedBy: 9, Report: "sha256:a"},
			{ID: 2, Field: "facts", Public: true, CorrectedBy: 9, Report: "sha256:b"}}}
	got := publicCopy(p)
	if got.CaseID != 0 || got.Report != "" || got.Facts != "f" || got.PartyName != "张某" || len(got.Corrections) != 1 {
		t.Fatalf("public copy of a published decision: %+v", got)
	}
	if c := got.Corrections[0]; c.ID != 2 || c.CorrectedBy != 0 || c.Report != "" {
		t.Errorf("public correction: %+v", c)
	}
	if p.Corrections[1].CorrectedBy != 9 || p.CaseID != 3 {
		t.Error("publicCopy changed the original")
	}
	p.Status, p.WithdrawnAt, p.WithdrawCause, p.WithdrawReason = StatusWithdrawn, at, WithdrawRevoked, "经复议撤销"
	got = publicCopy(p)
	if got.Facts != "" || got.PartyName != "" || got.Corrections != nil || got.Number != p.Number || got.WithdrawCause != WithdrawRevoked ||
		got.WithdrawReason != "经复议撤销" || !got.Withdrawn() {
		t.Errorf("public copy of a withdrawn decision: %+v", got)
	}
}

// wantProblems fails unless got has a problem under each key of want and
// no other.
func wantProblems(t *testing.T, name string, got map[string]string, want []string) {
	t.Helper()
	ok := len(got) == len(want)
	for _, k := range want {
		ok = ok && got[k] != ""
	}
	if !ok {
		t.Errorf("%s: problems %v, want keys %v", name, got, want)
	}
}
