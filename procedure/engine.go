package procedure

import (
	"fmt"
	"slices"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

// Stage is the stage of a case in a procedure. The values are stored codes;
// the procedure's Table gives the Chinese. The zero Stage is the case that
// does not exist yet.
type Stage string

// Action is the kind of a recorded step. The values are stored codes; the
// procedure's Table gives the Chinese.
type Action string

// StageInfo describes a stage of a procedure.
type StageInfo struct {
	Stage Stage
	Name  string // Chinese
	Final bool   // no action is possible from it
}

// State is what the engine and any procedure know of a case: its stage,
// its agency, who handled it and who recorded its steps. A procedure's
// case state embeds it and adds the facts its gates need.
type State struct {
	Stage    Stage
	AgencyID int64
	// HandlerIDs are the officer ids of the assigned handlers (承办人) and
	// of every officer present at an on-site step.
	HandlerIDs []int64
	// ParticipantIDs are the user ids of everyone who recorded a step on
	// the case other than a review.
	ParticipantIDs []int64
}

// Base returns s; a procedure's case state that embeds State has it too.
func (s State) Base() State { return s }

// Stateful is a procedure's case state: one that embeds State.
type Stateful interface{ Base() State }

// Table is one procedure as data: its stages and its transitions in
// procedure order, over its case state S. A procedure's
// package declares one Table value; the engine functions (Apply, Next,
// Effects) read it and never change it.
type Table[S Stateful] struct {
	Name        string      // Chinese name of the procedure
	Stages      []StageInfo // every stage, the zero Stage (not yet registered) first
	Transitions []Transition[S]
	// Normalize, if set, applies the procedure's conditional field rules
	// (a content required unless a waiver is ticked, say) after the
	// engine normalised each field by its Kind. It may rewrite out and add
	// problems keyed by field code.
	Normalize func(t *Transition[S], out, problems map[string]string)
}

// Transition is one row of a procedure: an action, the stages it may be
// taken from, the stage it leads to, who performs it, the form it records,
// the time limits it starts and meets, and the rules (gates) that may
// refuse it.
type Transition[S Stateful] struct {
	Action Action
	Name   string  // Chinese name of the step
	From   []Stage // stages the action may be taken from
	To     Stage   // stage after the action (for a form with an outcome: when it passes)
	Keep   []Stage // from these stages the case stays where it is
	Else   Stage   // stage when the outcome of the form does not pass (Result.Else)
	Role   zhifa.Role
	// OnSite marks investigation and on-site steps, which need two or more
	// distinct officers with valid certificates (处罚法 Arts 42, 55).
	OnSite bool
	// NeedsAV marks steps that must be recorded on audio-video
	// (全过程记录); false everywhere until the recording list is kept.
	NeedsAV bool
	// Branch marks actions that leave the main line (不予立案, 撤案).
	Branch bool
	Fields []Field // the step's form fields, in display order
	// Meets are the open time limits the step meets, then Starts the ones
	// it starts or restarts, both on the day of the step (see Effects).
	Meets  []Meet
	Starts []Start
	// Gates are the rules of law that do not depend on the form, applied
	// in order after the stage, the role and the people.
	Gates []Gate[S]
	// FormGates are the rules that depend on the form, applied in order to
	// the request with its normalised fields.
	FormGates []Gate[S]
	// Offered reports whether Next offers the action on a case (nil: when
	// the stage and the role allow); it states the gates that depend on
	// the case alone, so that no button leads to a certain refusal.
	Offered func(S) bool
	// Form, if set, replaces the field form: it checks the request's
	// procedure-specific form (Request.Form) and returns the step.
	Form func(s S, r Request, t *Transition[S]) (Result, error)
}

// A Gate is a rule of a procedure: a pure function of the case state and
// the request that returns nil, or the refusal as a *zhifa.Error (ERULE
// with the article, ECONFLICT, EINVALID).
type Gate[S Stateful] func(s S, r Request) error

// Officer is an officer taking part in a step, with the certificate (执法证)
// the on-site and certificate rules check.
type Officer struct {
	ID                 int64
	Name               string
	Cert               registry.Certificate
	LegalQualification bool // 法律职业资格
}

// Request is a step someone asks to record.
type Request struct {
	Action       Action
	ActorRoles   []zhifa.Role
	ActorUserID  int64
	ActorOfficer *Officer // the acting user's officer record, nil if none
	// Officers are the officers taking part in the step; for on-site steps
	// both (or all) of them, the acting officer among them.
	Officers []Officer
	Today    time.Time // the date "now"
	Fields   map[string]string
	// Form is a procedure-specific form that replaces Fields for a
	// transition with a Form (the legal review's *review.Input).
	Form any
}

// Result is the step to record.
type Result struct {
	Next   Stage             // the case's stage after the step
	Fields map[string]string // the step's fields, trimmed and normalised, empty ones dropped
	// Else is set by a transition's Form when the outcome does not pass;
	// Next is then the transition's Else stage.
	Else bool
	// Notice is a message for the user about what must follow; "" if none.
	Notice string
	// Detail is what a transition's Form returns besides the fields (the
	// legal review's *review.Result).
	Detail any
}

// Lookup returns the transition of action a.
func (tb *Table[S]) Lookup(a Action) (*Transition[S], bool) {
	for i := range tb.Transitions {
		if tb.Transitions[i].Action == a {
			return &tb.Transitions[i], true
		}
	}
	return nil, false
}

// Stage returns the description of stage s.
func (tb *Table[S]) Stage(s Stage) (StageInfo, bool) {
	for _, si := range tb.Stages {
		if si.Stage == s {
			return si, true
		}
	}
	return StageInfo{}, false
}

// StageName returns the Chinese name of stage s, or "" for an unknown stage.
func (tb *Table[S]) StageName(s Stage) string { si, _ := tb.Stage(s); return si.Name }

// ActionName returns the Chinese name of action a, or "" for an unknown one.
func (tb *Table[S]) ActionName(a Action) string {
	if t, ok := tb.Lookup(a); ok {
		return t.Name
	}
	return ""
}

// Copy returns the transitions, in order, as copies: changing them changes
// nothing in the table.
func (tb *Table[S]) Copy() []Transition[S] {
	out := make([]Transition[S], len(tb.Transitions))
	for i, t := range tb.Transitions {
		t.From = slices.Clone(t.From)
		t.Keep = slices.Clone(t.Keep)
		t.Fields = slices.Clone(t.Fields)
		for j := range t.Fields {
			t.Fields[j].Options = slices.Clone(t.Fields[j].Options)
		}
		t.Meets = slices.Clone(t.Meets)
		t.Starts = slices.Clone(t.Starts)
		t.Gates = slices.Clone(t.Gates)
		t.FormGates = slices.Clone(t.FormGates)
		out[i] = t
	}
	return out
}

// next returns the stage the case is in after the action is taken from s.
func (t *Transition[S]) next(s Stage) Stage {
	if slices.Contains(t.Keep, s) {
		return s
	}
	return t.To
}

// Next returns the actions the holder of roles may take on s now, in table
// order, for showing buttons: the stage, the role and each transition's
// Offered. Rules that depend on the date, the people or the form are left
// to Apply.
func Next[S Stateful](tb *Table[S], s S, roles []zhifa.Role) []Action {
	var out []Action
	stage := s.Base().Stage
	for i := range tb.Transitions {
		t := &tb.Transitions[i]
		if !slices.Contains(t.From, stage) || !slices.Contains(roles, t.Role) {
			continue
		}
		if t.Offered != nil && !t.Offered(s) {
			continue
		}
		out = append(out, t.Action)
	}
	return out
}

// Apply checks the request against the case state and the table and
// returns the step to record. The checks run in this order, and the first
// failure is returned: the stage (ECONFLICT), the actor's role
// (EFORBIDDEN), the people (ERULE: certificates, two officers on site), the
// transition's Gates, the form (EINVALID, Problems keyed by field code, or
// the transition's Form), then its FormGates. Apply does no I/O and reads
// no clock.
func Apply[S Stateful](tb *Table[S], s S, r Request) (Result, error) {
	t, ok := tb.Lookup(r.Action)
	if !ok {
		return Result{}, zhifa.Invalid(map[string]string{"action": fmt.Sprintf("未知的办案环节 %q", r.Action)})
	}
	stage := s.Base().Stage
	if !slices.Contains(t.From, stage) {
		return Result{}, tb.stageConflict(stage, t)
	}
	if !slices.Contains(r.ActorRoles, t.Role) {
		return Result{}, zhifa.Errorf(zhifa.EFORBIDDEN, "“%s”须由%s进行,当前用户不具备该角色", t.Name, t.Role.Name())
	}
	if err := checkPeople(r, t.Name, t.Role, t.OnSite); err != nil {
		return Result{}, err
	}
	for _, g := range t.Gates {
		if err := g(s, r); err != nil {
			return Result{}, err
		}
	}
	var res Result
	if t.Form != nil {
		var err error
		if res, err = t.Form(s, r, t); err != nil {
			return Result{}, err
		}
	} else {
		fields, err := normalize(tb, t, r.Fields)
		if err != nil {
			return Result{}, err
		}
		res.Fields = fields
	}
	res.Next = t.next(stage)
	if res.Else {
		res.Next = t.Else
	}
	r.Fields = res.Fields
	for _, g := range t.FormGates {
		if err := g(s, r); err != nil {
			return Result{}, err
		}
	}
	return res, nil
}

func (tb *Table[S]) stageConflict(s Stage, t *Transition[S]) error {
	if s == "" {
		return zhifa.Errorf(zhifa.ECONFLICT, "案件尚未登记,不能进行“%s”", t.Name)
	}
	si, ok := tb.Stage(s)
	if !ok {
		return zhifa.Errorf(zhifa.ECONFLICT, "案件阶段“%s”无法识别,不能进行“%s”", string(s), t.Name)
	}
	return zhifa.Errorf(zhifa.ECONFLICT, "案件当前处于“%s”阶段,不能进行“%s”", si.Name, t.Name)
}

// checkPeople applies the rules on who acts: certificates (处罚法 Art 42)
// and two officers on investigation and on-site steps (Arts 42, 55).
func checkPeople(r Request, name string, role zhifa.Role, onSite bool) error {
	if role == zhifa.RoleOfficer && r.ActorOfficer == nil {
		return zhifa.Errorf(zhifa.ERULE, "当前用户无执法证,不得进行“%s”(《行政处罚法》第四十二条:行政处罚应当由具有行政执法资格的执法人员实施)", name)
	}
	// Whoever holds a certificate acts under it, whatever the role: an
	// expired or suspended certificate blocks every enforcement action
	// (DOMAIN §2), a unit head's approval included.
	today := zhifa.DateFromTime(r.Today)
	if r.ActorOfficer != nil {
		if err := r.ActorOfficer.Cert.Refusal(r.ActorOfficer.Name, today); err != nil {
			return err
		}
	}
	for _, o := range r.Officers {
		if err := o.Cert.Refusal(o.Name, today); err != nil {
			return err
		}
	}
	if !onSite {
		return nil
	}
	seen := map[int64]bool{}
	for _, o := range r.Officers {
		seen[o.ID] = true
	}
	if len(seen) < 2 {
		return zhifa.Errorf(zhifa.ERULE, "调查取证须由两名以上持有效执法证的执法人员进行(《行政处罚法》第四十二条、第五十五条),本次仅有 %d 名", len(seen))
	}
	if !seen[r.ActorOfficer.ID] {
		return zhifa.Errorf(zhifa.ERULE, "记录“%s”的执法人员%s须为参与本次调查取证的执法人员之一", name, r.ActorOfficer.Name)
	}
	return nil
}
