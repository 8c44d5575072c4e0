package penalty

import (
	"reflect"
	"testing"
)

func TestDeadlineEffects(t *testing.T) {
	reg := func(r string) DeadlineStart { return DeadlineStart{Rule: r, Registrant: true} }
	any := func(r string) DeadlineStart { return DeadlineStart{Rule: r} }
	tests := []struct {
		act    Action
		fields map[string]string
		fined  bool
		want   DeadlineEffect
	}{
		{Register, nil, false, DeadlineEffect{}},
		{Open, nil, false, DeadlineEffect{Starts: []DeadlineStart{reg("T6")}}},
		{Inquiry, nil, false, DeadlineEffect{}},
		{Notify, map[string]string{"hearing_right": "no"}, false, DeadlineEffect{Starts: []DeadlineStart{any("T3")}}},
		{Notify, map[string]string{"hearing_right": "yes"}, false, DeadlineEffect{Starts: []DeadlineStart{any("T3"), any("T4")}}},
		{Notify, map[string]string{"hearing_right": "true"}, false, DeadlineEffect{Starts: []DeadlineStart{any("T3"), any("T4")}}},
		{Notify, map[string]string{"hearing_right": "false"}, false, DeadlineEffect{Starts: []DeadlineStart{any("T3")}}},
		{Statement, map[string]string{"waived": "true"}, false, DeadlineEffect{Meets: []string{"T3"}}},
		{Statement, map[string]string{"hearing_waived": "true"}, false, DeadlineEffect{Meets: []string{"T4"}}},
		{Statement, map[string]string{"waived": "true", "hearing_waived": "true"}, false, DeadlineEffect{Meets: []string{"T3", "T4"}}},
		{Statement, map[string]string{"waived": "true", "hearing_requested": "true"}, false, DeadlineEffect{Meets: []string{"T4"}}},
		{Statement, map[string]string{"hearing_requested": "true"}, false, DeadlineEffect{Meets: []string{"T4"}}},
		{Statement, map[string]string{}, false, DeadlineEffect{}},
		{SubmitReview, nil, false, DeadlineEffect{Meets: []string{"T3", "T4"}, Starts: []DeadlineStart{any("L5")}}},
		{Resubmit, nil, false, DeadlineEffect{Meets: []string{"T3", "T4"}, Starts: []DeadlineStart{any("L5")}}},
		{Review, nil, false, DeadlineEffect{Meets: []string{"L5"}}},
		{Decide, nil, false, DeadlineEffect{Meets: []string{"T3", "T4", "T6", "L5"}, Starts: []DeadlineStart{reg("T8"), reg("G4")}}},
		{Serve, nil, false, DeadlineEffect{Meets: []string{"T8"}}},
		{Serve, nil, true, DeadlineEffect{Meets: []string{"T8"}, Starts: []DeadlineStart{reg("T9")}}},
		{Execute, nil, false, DeadlineEffect{Meets: []string{"T9"}}},
		{Reject, nil, false, DeadlineEffect{Meets: []string{"T3", "T4", "T6", "L5"}}},
		{Dismiss, nil, false, DeadlineEffect{Meets: []string{"T3", "T4", "T6", "L5"}}},
		{Close, nil, false, DeadlineEffect{}},
	}
	for _, tt := range tests {
		if got := DeadlineEffects(tt.act, tt.fields, tt.fined); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("DeadlineEffects(%s, %v, %v) = %+v, want %+v", tt.act, tt.fields, tt.fined, got, tt.want)
		}
	}
}
