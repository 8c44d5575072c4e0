package procedure

// A DeadlineStart is a time limit a step starts (DOMAIN §3): the deadline
// rule, and whether the case's registering officer is responsible for it
// (otherwise nobody in particular is: the party's periods, the review).
type DeadlineStart struct {
	Rule       string
	Registrant bool
}

// DeadlineEffect is what a step does to the case's time limits: the open
// deadlines it meets (first), then the ones it starts or restarts, both on
// the day of the step.
type DeadlineEffect struct {
	Meets  []string
	Starts []DeadlineStart
}

// DeadlineEffects returns the effect of a step of action act with the
// form fields: 立案 starts the 90-day decision limit (T6); the notice the
// 陈述申辩 (T3) and, with a hearing right, the hearing-request period (T4);
// a waived statement meets both, a requested hearing meets T4; a
// submission the review limit (L5), met by the review; the decision meets
// T3, T4, T6 and L5 and starts service (T8) and publication (G4); service
// meets T8 and, when the decision imposed a fine (fined), starts the
// payment period (T9), met by execution; 不予立案 and 撤案 meet every limit
// of the investigation. It is the one place that says so: the service
// applies it when a step is recorded, and verification replays it to
// recompute every stored deadline.
func DeadlineEffects(act Action, fields map[string]string, fined bool) DeadlineEffect {
	switch act {
	case Open:
		return DeadlineEffect{Starts: []DeadlineStart{{"T6", true}}}
	case Notify:
		e := DeadlineEffect{Starts: []DeadlineStart{{"T3", false}}}
		if fields["hearing_right"] == "yes" {
			e.Starts = append(e.Starts, DeadlineStart{"T4", false})
		}
		return e
	case Statement:
		if fields["hearing_requested"] == "true" {
			return DeadlineEffect{Meets: []string{"T4"}}
		}
		if fields["waived"] == "true" {
			return DeadlineEffect{Meets: []string{"T3", "T4"}}
		}
	case SubmitReview, Resubmit:
		return DeadlineEffect{Meets: []string{"T3", "T4"}, Starts: []DeadlineStart{{"L5", false}}}
	case Review:
		return DeadlineEffect{Meets: []string{"L5"}}
	case Decide:
		return DeadlineEffect{Meets: []string{"T3", "T4", "T6", "L5"}, Starts: []DeadlineStart{{"T8", true}, {"G4", true}}}
	case Serve:
		e := DeadlineEffect{Meets: []string{"T8"}}
		if fined {
			e.Starts = []DeadlineStart{{"T9", true}}
		}
		return e
	case Execute:
		return DeadlineEffect{Meets: []string{"T9"}}
	case Reject, Withdraw:
		return DeadlineEffect{Meets: []string{"T3", "T4", "T6", "L5"}}
	}
	return DeadlineEffect{}
}
