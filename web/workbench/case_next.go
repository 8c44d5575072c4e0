package workbench

import (
	"slices"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
)

// CaseNext says who acts next on a case and, when it is not the user, why
// (partial_case_next.html, included once by case_view.html). It reads the
// procedure's table: the main-line steps (not the branches 不予立案, 撤案)
// that may be taken from the case's stage, each with its Role.
type CaseNext struct {
	Steps  []nextStep
	Mine   bool   // the user may record one of them now
	Why    string // why the user cannot, when not Mine
	Closed bool   // the case is over
}

type nextStep struct {
	Name   string // the step, e.g. 法制审核
	Role   string // who records it, e.g. 法制审核人员
	People string // the persons, where known (the case's handlers for officers' steps)
}

// NextActors is the page's CaseNext.
func (p CasePage) NextActors() CaseNext {
	var out CaseNext
	if p.Case == nil {
		return out
	}
	stage := penalty.Stage(p.Case.Stage)
	var handlers []string
	for _, o := range p.Handlers {
		handlers = append(handlers, o.Name)
	}
	var roles []zhifa.Role
	for _, t := range penalty.Actions() {
		if t.Branch || !slices.Contains(t.From, stage) {
			continue
		}
		st := nextStep{Name: t.Name, Role: t.Role.Name()}
		if t.Role == zhifa.RoleOfficer {
			st.People = strings.Join(handlers, "、")
		}
		out.Steps = append(out.Steps, st)
		if !slices.Contains(roles, t.Role) {
			roles = append(roles, t.Role)
		}
	}
	out.Closed = len(out.Steps) == 0
	out.Mine = len(p.Forms) > 0
	if out.Mine || out.Closed {
		return out
	}
	a := p.Actor
	var mine []string
	for _, r := range a.Roles {
		mine = append(mine, r.Name())
	}
	var need []string
	held := false
	for _, r := range roles {
		need = append(need, r.Name())
		held = held || a.Has(r)
	}
	switch {
	case held && a.Has(zhifa.RoleReviewer) && stage == penalty.InReview:
		out.Why = "您参与了本案的办理,依法不能审核本案(《行政处罚法》第五十八条:法制审核由未参与办案的人员进行);须由本机关其他法制审核人员审核。"
	case held:
		out.Why = "这一环节须满足的条件尚未具备(例如陈述、申辩期限未届满,或须等待前一环节),条件具备后您可以记录。"
	default:
		out.Why = "您的角色是" + strings.Join(mine, "、") + ",这一环节须由" + strings.Join(need, "或") + "办理。"
	}
	return out
}
