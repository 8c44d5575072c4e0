package procedure

import "slices"

// A Condition says when a deadline effect applies: every yes/no field in
// Yes is yes, none in No is, and every flag in Flags holds. The zero
// Condition always holds. Flags are facts of the case's history that the
// caller passes to Effects ("fined": a decision imposed a fine).
type Condition struct {
	Yes   []string
	No    []string
	Flags []string
}

// holds reports whether c holds for a step's fields and the case's flags.
func (c Condition) holds(fields map[string]string, flags []string) bool {
	for _, f := range c.Yes {
		if !Yes(fields[f]) {
			return false
		}
	}
	for _, f := range c.No {
		if Yes(fields[f]) {
			return false
		}
	}
	for _, f := range c.Flags {
		if !slices.Contains(flags, f) {
			return false
		}
	}
	return true
}

// Meet is a time limit (a deadline rule, DOMAIN §3) a step meets, when
// its condition holds.
type Meet struct {
	Rule string
	When Condition
}

// Start is a time limit a step starts or restarts, when its condition
// holds; Registrant: the case's registering officer is responsible for it
// (otherwise nobody in particular is: the party's periods, the review).
type Start struct {
	Rule       string
	Registrant bool
	When       Condition
}

// DeadlineStart is a time limit a step starts, as Effects returns it.
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

// Effects returns the effect on the time limits of a step of action a with
// the step's fields (as stored: old encodings are read too), flags being
// the facts of the case's history that hold. Each rule is listed once, at
// its first applicable row. It is the one place that says which step
// starts and meets which limit: the service applies it when a step is
// recorded, and verification replays it to recompute every stored
// deadline.
func (tb *Table[S]) Effects(a Action, fields map[string]string, flags ...string) DeadlineEffect {
	var e DeadlineEffect
	t, ok := tb.Lookup(a)
	if !ok {
		return e
	}
	for _, m := range t.Meets {
		if m.When.holds(fields, flags) && !slices.Contains(e.Meets, m.Rule) {
			e.Meets = append(e.Meets, m.Rule)
		}
	}
	for _, s := range t.Starts {
		if s.When.holds(fields, flags) && !slices.ContainsFunc(e.Starts, func(d DeadlineStart) bool { return d.Rule == s.Rule }) {
			e.Starts = append(e.Starts, DeadlineStart{s.Rule, s.Registrant})
		}
	}
	return e
}
