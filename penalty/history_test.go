package penalty

import (
	"reflect"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/procedure"
)

// TestHistoryKeptStepByStep checks that the rule state RecordStep keeps on
// the case row — folded one step at a time, stored as JSON and read back
// before the next step — gives the rules exactly what folding the whole
// history at once gives them, after every step of each history.
func TestHistoryKeptStepByStep(t *testing.T) {
	step := func(act Action, actor int64, officers []int64, fields map[string]string) *zhifa.Step {
		return &zhifa.Step{Action: string(act), ActorUserID: actor, OfficerIDs: officers, Fields: fields}
	}
	review := func(actor int64, passed bool) *zhifa.Step {
		return &zhifa.Step{Action: string(Review), ActorUserID: actor, Review: &zhifa.ReviewOpinion{Passed: passed}, Fields: map[string]string{}}
	}
	inv := map[string]string{"subject": "张建华"}
	c := &zhifa.Case{ID: 7, AgencyID: 2, Stage: string(Notified), HandlerIDs: []int64{11, 12}}
	due, _ := zhifa.ParseDate("2026-12-04")
	deadlines := []Deadline{{RuleID: "T3", Due: "2026-12-04"}, {RuleID: "T4", Due: "2026-12-03"}, {RuleID: "T6", Due: "2027-03-01"}}
	tests := []struct {
		name  string
		steps []*zhifa.Step
		want  Case // of the whole history, beside what ruleState gives
	}{
		{"registered only", []*zhifa.Step{step(Register, 1, []int64{11, 12}, map[string]string{})},
			Case{State: procedure.State{ParticipantIDs: []int64{1}, HandlerIDs: []int64{11, 12}}}},
		{"a second officer of an inquiry handles the case", []*zhifa.Step{
			step(Register, 1, []int64{11, 12}, nil), step(Open, 3, nil, nil),
			step(Inquiry, 1, []int64{11, 13}, inv), step(EvidenceEntry, 2, []int64{13, 14, 11}, inv)},
			Case{State: procedure.State{ParticipantIDs: []int64{1, 3, 2}, HandlerIDs: []int64{11, 12, 13, 14}}}},
		{"a review passes; reviews are not participation", []*zhifa.Step{
			step(Register, 1, nil, nil), step(SubmitReview, 3, nil, nil), review(5, true)},
			Case{State: procedure.State{ParticipantIDs: []int64{1, 3}}, ReviewPassed: true}},
		{"a resubmission voids the passed review", []*zhifa.Step{
			step(Register, 1, nil, nil), step(SubmitReview, 3, nil, nil), review(5, false),
			step(Resubmit, 3, nil, nil), review(5, true), step(Resubmit, 3, nil, nil)},
			Case{State: procedure.State{ParticipantIDs: []int64{1, 3}}}},
		{"a waived statement keeps the hearing period", []*zhifa.Step{
			step(Notify, 1, nil, map[string]string{"hearing_right": "yes"}), step(Statement, 1, nil, map[string]string{"waived": "true"})},
			Case{State: procedure.State{ParticipantIDs: []int64{1}}, StatementWaived: true, HearingRight: true}},
		{"a waived hearing clears the hearing period", []*zhifa.Step{
			step(Notify, 1, nil, map[string]string{"hearing_right": "yes"}), step(Statement, 1, nil, map[string]string{"hearing_waived": "true"})},
			Case{State: procedure.State{ParticipantIDs: []int64{1}}, HearingRight: true, HearingWaived: true}},
		{"a hearing requested and held", []*zhifa.Step{
			step(Statement, 1, nil, map[string]string{"hearing_requested": "true"}), step(Hearing, 2, nil, map[string]string{"host": "周敏"})},
			Case{State: procedure.State{ParticipantIDs: []int64{1, 2}}, HearingRequested: true, HearingHeld: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stored string // the case row's rule state, as RecordStep leaves it
			for i, st := range tt.steps {
				h, ok := DecodeHistory(stored)
				if !ok {
					if i != 0 {
						t.Fatalf("step %d: stored state %q does not decode", i, stored)
					}
					h = HistoryOf(nil)
				}
				h.add(st)
				var err error
				if stored, err = h.Encode(); err != nil {
					t.Fatal(err)
				}
				back, ok := DecodeHistory(stored)
				if !ok {
					t.Fatalf("step %d: %q does not decode", i, stored)
				}
				got, want := back.rules(c, deadlines), ruleState(c, tt.steps[:i+1], deadlines)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("after step %d (%s):\nkept  %+v\nwhole %+v", i, st.Action, got, want)
				}
			}
			got := ruleState(c, tt.steps, deadlines)
			tt.want.Stage, tt.want.AgencyID, tt.want.ReviewRequired, tt.want.StatementDue = Notified, 2, true, due
			if tt.want.HandlerIDs == nil {
				tt.want.HandlerIDs = []int64{11, 12}
			}
			if tt.want.HearingRight && !(tt.want.HearingWaived && !tt.want.HearingRequested) {
				tt.want.HearingDue, _ = zhifa.ParseDate("2026-12-03")
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ruleState\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestHistoryFined: the decision's fine, kept in the rule state, is what
// starts the payment period at service (T9).
func TestHistoryFined(t *testing.T) {
	for _, tt := range []struct {
		fine string
		want bool
	}{{"5000", true}, {"0", false}, {"", false}, {"五千", false}} {
		h := HistoryOf([]*zhifa.Step{{Action: string(Decide), Fields: map[string]string{"fine": tt.fine}}, {Action: string(Serve)}})
		if h.Fined != tt.want {
			t.Errorf("fine %q: Fined = %v, want %v", tt.fine, h.Fined, tt.want)
		}
	}
}

// TestDecodeHistory: a case row with no rule state, or one of another
// version or unreadable, is computed again from its steps.
func TestDecodeHistory(t *testing.T) {
	for _, s := range []string{"", "{", `{"v":3}`, `{"v":0}`} {
		if _, ok := DecodeHistory(s); ok {
			t.Errorf("DecodeHistory(%q) ok, want recomputation", s)
		}
	}
	h, ok := DecodeHistory(`{"v":4,"review_passed":true,"participants":[4],"officers":[9]}`)
	if !ok || !h.ReviewPassed || !reflect.DeepEqual(h.Participants, []int64{4}) || !reflect.DeepEqual(h.Officers, []int64{9}) {
		t.Errorf("decodeHistory = %+v, %v", h, ok)
	}
}
