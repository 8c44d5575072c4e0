package workbench

import (
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
)

// The case page's data: the timeline of recorded steps, the deadlines with
// their state today, and one form per step the user may record next, built
// from the procedure's staff.Transition table (package penalty) so that a new
// field there appears here without a template change.

// The case page.
// CasePage is a case: its header, time limits, the timeline of its steps
// and a form for each step the user may record now.
type CasePage struct {
	ui.Page
	Case        *zhifa.Case
	StageName   string
	Matter      *registry.Matter // nil if it cannot be read
	Handlers    []*registry.Officer
	Deadlines   []staff.DeadlineRow
	Steps       []stepView
	Forms       []*stepForm
	Publication *publicity.Publication
	CanPublish  bool
	PubActions  *pubActions // correction and withdrawal forms, nil if none
	Today       string
}

// stepView is a recorded step on the timeline.
type stepView struct {
	Seq         int
	Action      string
	Name        string
	StageName   string
	ActorName   string
	Created     time.Time
	Officers    []*registry.Officer
	Fields      []fieldValue
	Review      *zhifa.ReviewOpinion
	Files       []fileView
	LedgerIndex int64
}

type fieldValue struct{ Label, Value string }

type fileView struct {
	zhifa.Evidence
	SizeText string
}

// stepForm is the form of one action, filled with what the user entered
// when it comes back with problems.
type stepForm struct {
	Action   string
	Name     string
	Role     string
	Open     bool
	OnSite   bool
	Fields   []formField
	Officers []officerOption
	Review   bool
	// Numbered names the document the step issues, whose number (文号)
	// the system gives when it is recorded; "" if none.
	Numbered  string
	Checklist []checkRow
	Outcomes  []option
	Opinion   string
	// Problems of the form that are not a field's: officer_ids, files,
	// outcome, opinion, and any other the service names.
	Problems map[string]string
	Other    []string // problems not shown next to a field
	Error    string
	Uploaded int // files uploaded with the rejected form (to choose again)
}

// formField is one input of a step form.
type formField struct {
	ID, Name, Code, Label string
	Kind                  string // text, textarea, number, yesno, check, kinds, select
	Required              bool
	Value                 string
	Options               []option
	Problem               string
}

// checkRow is one item of the legal-review checklist in the review form.
type checkRow struct {
	Code, Name     string
	Pass, Fail     bool
	Remark         string
	Problem        string
	PassID, FailID string
}

// fieldKind is how a step field is entered, from the Kind the procedure's
// table gives it: a table row's fields need no page code. A required yes/no
// (是否告知听证权利) is a choice of 是 or 否; an optional one (明确放弃陈述申辩)
// one checkbox.
func fieldKind(fd procedure.Field) string {
	switch fd.Kind {
	case procedure.KindChoices:
		return "kinds"
	case procedure.KindChoice, procedure.KindOfficer:
		return "select"
	case procedure.KindYesNo:
		if fd.Required {
			return "yesno"
		}
		return "check"
	case procedure.KindMoney, procedure.KindInteger:
		return "number"
	case procedure.KindLongText:
		return "textarea"
	case procedure.KindDate:
		return "date"
	}
	return "text"
}

// yes reports whether a stored or entered yes/no value means yes.
func yes(v string) bool { return v == "是" || v == "yes" || v == "true" }

// displayValue is a stored field value as the page shows it.
func displayValue(fd procedure.Field, v string) string {
	switch fieldKind(fd) {
	case "yesno", "check":
		switch v {
		case "yes", "true", "是":
			return "是"
		case "no", "false", "否":
			return "否"
		}
	}
	return v
}

// newStepForm builds the form of act from the values entered (nil for a
// fresh form) and the problems of a rejected submission.
func newStepForm(c *zhifa.Case, act penalty.Action, vals url.Values, problems map[string]string, officers []officerOption) *stepForm {
	t, _ := staff.Transition(act)
	f := &stepForm{Action: string(act), Name: t.Name, Role: t.Role.Name(), OnSite: t.OnSite, Review: act == penalty.Review, Problems: map[string]string{}}
	if d, ok := penalty.DocTypeOf(act); ok {
		f.Numbered = d.Name
	}
	placed := map[string]bool{}
	for _, fd := range t.Fields {
		ff := formField{ID: "s-" + string(act) + "-" + fd.Code, Name: "f." + fd.Code, Code: fd.Code, Label: fd.Label, Required: fd.Required,
			Kind: fieldKind(fd), Value: vals.Get("f." + fd.Code), Problem: problems[fd.Code]}
		placed[fd.Code] = true
		switch ff.Kind {
		case "kinds":
			chosen := vals["f."+fd.Code]
			for _, k := range fd.Options {
				ff.Options = append(ff.Options, option{Value: k, Label: k, Selected: slices.Contains(chosen, k)})
			}
		case "select":
			ff.Options = append(ff.Options, option{Value: "", Label: "(请选择)"})
			if fd.Kind == procedure.KindOfficer {
				if !fd.Required {
					ff.Options[0].Label = "(主持人不是本机关执法人员)"
				}
				for _, o := range officers {
					v := strconv.FormatInt(o.ID, 10)
					ff.Options = append(ff.Options, option{Value: v, Label: o.Name + "(执法证号 " + o.CertNo + ")", Selected: v == ff.Value})
				}
			} else {
				for _, m := range fd.Options {
					ff.Options = append(ff.Options, option{Value: m, Label: m, Selected: m == ff.Value})
				}
			}
		case "yesno":
			for _, v := range []string{"是", "否"} {
				ff.Options = append(ff.Options, option{Value: v, Label: v, Selected: displayValue(fd, ff.Value) == v})
			}
		case "check":
			ff.Value = displayValue(fd, ff.Value)
		}
		f.Fields = append(f.Fields, ff)
	}
	if t.OnSite {
		checked := c.HandlerIDs
		if vals != nil {
			checked = nil
			for _, v := range vals["officer_ids"] {
				checked = append(checked, ui.FormID(v))
			}
		}
		for _, o := range officers {
			o.Checked = slices.Contains(checked, o.ID)
			if !o.State.Valid() && !o.Checked {
				continue // not allowed to take part (Art 42); a ticked one stays, for the rule to name
			}
			f.Officers = append(f.Officers, o)
		}
	}
	if f.Review {
		for _, d := range review.Checklist() {
			v := vals.Get("check." + d.Code)
			row := checkRow{Code: d.Code, Name: d.Name, Pass: v == "pass", Fail: v == "fail", Remark: vals.Get("remark." + d.Code),
				Problem: problems["checklist."+d.Code], PassID: "s-review-item-" + d.Code + "-pass", FailID: "s-review-item-" + d.Code + "-fail"}
			placed["checklist."+d.Code] = true
			f.Checklist = append(f.Checklist, row)
		}
		for _, o := range review.Outcomes {
			f.Outcomes = append(f.Outcomes, option{Value: o, Label: o, Selected: o == vals.Get("outcome")})
		}
		f.Opinion = vals.Get("opinion")
	}
	for _, k := range []string{"officer_ids", "outcome", "opinion", "checklist"} {
		if p, ok := problems[k]; ok {
			f.Problems[k] = p
			placed[k] = true
		}
	}
	for _, k := range sortedProblemKeys(problems) {
		if !placed[k] {
			f.Other = append(f.Other, problems[k])
		}
	}
	return f
}

func sortedProblemKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// stepViews turns the recorded steps into the timeline.
func stepViews(d *penalty.CaseDetail) []stepView {
	var out []stepView
	for _, st := range d.Steps {
		act := penalty.Action(st.Action)
		v := stepView{Seq: st.Seq, Action: st.Action, Name: penalty.ActionName(act), StageName: staff.StageName(st.Stage), ActorName: st.ActorName,
			Created: st.Created, Review: st.Review, LedgerIndex: st.LedgerIndex}
		if v.Name == "" {
			v.Name = st.Action
		}
		for _, id := range st.OfficerIDs {
			if o := d.Officers[id]; o != nil {
				v.Officers = append(v.Officers, o)
			}
		}
		t, ok := staff.Transition(act)
		if st, simple := penalty.SimpleTable.Lookup(act); !ok && simple {
			t = *st
		}
		shown := map[string]bool{}
		if d, ok := penalty.DocTypeOf(act); ok && st.Fields["number"] != "" {
			v.Fields = append(v.Fields, fieldValue{d.Name + "文号", st.Fields["number"]})
			shown["number"] = true
		}
		for _, fd := range t.Fields {
			if val, ok := st.Fields[fd.Code]; ok {
				v.Fields = append(v.Fields, fieldValue{fd.Label, displayValue(fd, val)})
				shown[fd.Code] = true
			}
		}
		for _, k := range sortedProblemKeys(st.Fields) {
			if !shown[k] {
				label := k
				if k == penalty.ScopeField { // the catalog rule that decided (issue 11)
					label = "法制审核范围依据"
				}
				v.Fields = append(v.Fields, fieldValue{label, st.Fields[k]})
			}
		}
		for _, f := range st.Files {
			v.Files = append(v.Files, fileView{Evidence: f, SizeText: ui.SizeText(f.Size)})
		}
		out = append(out, v)
	}
	return out
}
