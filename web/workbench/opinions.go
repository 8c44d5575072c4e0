package workbench

import (
	"context"
	"net/http"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/supervision"
	"github.com/zhifa/zhifa/web/ui"
)

// 执法监督意见: the 司法局's supervisors issue opinions to the agencies of
// their region and close them on a sufficient reply; an agency's head
// answers the opinions issued to it.

// OpinionsService is the supervision context's opinions
// (*supervision.Service).
type OpinionsService interface {
	Issue(ctx context.Context, a zhifa.Actor, d supervision.Draft) (*supervision.Opinion, error)
	Opinions(ctx context.Context, a zhifa.Actor, f supervision.OpinionFilter) ([]*supervision.Opinion, error)
	Opinion(ctx context.Context, a zhifa.Actor, id int64) (*supervision.Opinion, []supervision.OpinionAction, error)
	Act(ctx context.Context, a zhifa.Actor, id int64, st supervision.OpinionStep) (*supervision.Opinion, error)
}

// Opinions serves the supervision opinions.
type Opinions struct {
	base
	flash
	svc      OpinionsService
	agencies func(ctx context.Context) ([]*registry.Agency, error)
	today    func() zhifa.Date
}

// NewOpinions returns the opinions' pages; agencies lists the agencies an
// opinion may be issued to.
func NewOpinions(u *ui.Responder, svc OpinionsService, agencies func(ctx context.Context) ([]*registry.Agency, error), today func() zhifa.Date, secure bool) *Opinions {
	return &Opinions{base: base{u}, flash: flash{secure}, svc: svc, agencies: agencies, today: today}
}

// OpinionListPage lists opinions and, for a supervisor, the issue form.
type OpinionListPage struct {
	ui.Page
	Opinions   []*supervision.Opinion
	Supervisor bool
	Today      zhifa.Date
	// The issue form.
	Kinds    []supervision.OpinionKind
	Agencies []*registry.Agency
	Draft    supervision.Draft
}

func (s *Opinions) listPage(r *http.Request, a zhifa.Actor) (OpinionListPage, error) {
	p := OpinionListPage{Page: workbenchPage(a, "执法监督意见"), Supervisor: access.Allowed(a, access.Supervise, a.AgencyID), Today: s.today(),
		Kinds: supervision.OpinionKinds}
	var err error
	if p.Opinions, err = s.svc.Opinions(r.Context(), a, supervision.OpinionFilter{}); err != nil {
		return p, err
	}
	if p.Supervisor {
		ags, err := s.agencies(r.Context())
		if err != nil {
			return p, err
		}
		for _, ag := range ags {
			if !ag.Supervisor {
				p.Agencies = append(p.Agencies, ag)
			}
		}
	}
	return p, nil
}

// HandleOpinionList serves GET /workbench/opinions.
func (s *Opinions) HandleOpinionList(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	p, err := s.listPage(r, a)
	if err != nil {
		return err
	}
	p.Flash = s.takeFlash(w, r, "/workbench/opinions")
	p.Draft.ReplyDue = p.Today.Add(30)
	s.render(w, r, http.StatusOK, "opinion_list", p)
	return nil
}

// HandleOpinionIssue serves POST /workbench/opinions.
func (s *Opinions) HandleOpinionIssue(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	d := supervision.Draft{Kind: supervision.OpinionKind(r.PostFormValue("kind")), AgencyID: ui.FormID(r.PostFormValue("agency_id")),
		CaseID: ui.FormID(r.PostFormValue("case_id")), Subject: r.PostFormValue("subject"), Findings: r.PostFormValue("findings"),
		Demands: r.PostFormValue("demands")}
	problems := map[string]string{}
	if v := strings.TrimSpace(r.PostFormValue("reply_due")); v != "" {
		due, ok := zhifa.ParseCivilDate(v)
		if !ok {
			problems["reply_due"] = "整改回复期限“" + v + "”不是有效日期,应为 YYYY-MM-DD"
		}
		d.ReplyDue = due
	}
	if c := strings.TrimSpace(r.PostFormValue("case_id")); c != "" && d.CaseID <= 0 {
		problems["case_id"] = "案件编号应为数字"
	}
	var o *supervision.Opinion
	if len(problems) > 0 {
		// A field the form could not read: nothing is issued, and the
		// draft's other problems are named with it.
		e, _ := d.Validate(s.today()).(*zhifa.Error)
		if e == nil {
			e = zhifa.Invalid(map[string]string{})
		}
		err = e
	} else {
		o, err = s.svc.Issue(r.Context(), a, d)
	}
	if err != nil {
		e, ok := err.(*zhifa.Error)
		if !ok || e.Code != zhifa.EINVALID {
			return err
		}
		p, lerr := s.listPage(r, a)
		if lerr != nil {
			return lerr
		}
		for k, v := range problems { // the form's own reading of a field comes first
			e.Problems[k] = v
		}
		p.Draft, p.Error, p.Problems = d, "未能下达,请按提示修改。", e.Problems
		s.render(w, r, http.StatusBadRequest, "opinion_list", p)
		return nil
	}
	s.setFlash(w, "/workbench/opinions/"+itoa64(o.ID), "已向"+o.AgencyName+"下达"+o.Kind.Name()+",整改回复期限 "+o.ReplyDue.String()+"。")
	http.Redirect(w, r, "/workbench/opinions/"+itoa64(o.ID), http.StatusSeeOther)
	return nil
}

// OpinionPage is one opinion with the actions of the viewer's side.
type OpinionPage struct {
	ui.Page
	Opinion *supervision.Opinion
	Actions []supervision.OpinionAction
	Late    bool
	Text    string
}

func (s *Opinions) opinionPage(w http.ResponseWriter, r *http.Request, a zhifa.Actor, id int64) (OpinionPage, error) {
	o, acts, err := s.svc.Opinion(r.Context(), a, id)
	if err != nil {
		return OpinionPage{}, err
	}
	p := OpinionPage{Page: workbenchPage(a, o.Kind.Name()), Opinion: o, Actions: acts, Late: o.Late(s.today())}
	p.Flash = s.takeFlash(w, r, r.URL.Path)
	return p, nil
}

// HandleOpinionView serves GET /workbench/opinions/{id}.
func (s *Opinions) HandleOpinionView(w http.ResponseWriter, r *http.Request) error {
	a, id, err := actorAndID(r)
	if err != nil {
		return err
	}
	p, err := s.opinionPage(w, r, a, id)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "opinion_view", p)
	return nil
}

// HandleOpinionAct serves POST /workbench/opinions/{id}: action, text and,
// for a return, reply_due.
func (s *Opinions) HandleOpinionAct(w http.ResponseWriter, r *http.Request) error {
	a, id, err := actorAndID(r)
	if err != nil {
		return err
	}
	st := supervision.OpinionStep{Action: supervision.OpinionAction(r.PostFormValue("action")), Text: r.PostFormValue("text")}
	var dueProblem string
	if v := strings.TrimSpace(r.PostFormValue("reply_due")); v != "" {
		var ok bool
		if st.ReplyDue, ok = zhifa.ParseCivilDate(v); !ok {
			dueProblem = "新的回复期限“" + v + "”不是有效日期,应为 YYYY-MM-DD"
		}
	}
	o, err := s.svc.Act(r.Context(), a, id, st)
	if err != nil {
		msg, problems, ok := refused(err)
		if !ok {
			return err
		}
		p, perr := s.opinionPage(w, r, a, id)
		if perr != nil {
			return perr
		}
		p.Error, p.Problems, p.Text = msg, problems, st.Text
		if dueProblem != "" && p.Problems != nil {
			p.Problems["reply_due"] = dueProblem
		}
		s.render(w, r, ui.ErrorStatus(err), "opinion_view", p)
		return nil
	}
	s.setFlash(w, r.URL.Path, "已"+st.Action.Name()+",现为“"+o.Status.Name()+"”。")
	http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
	return nil
}

func itoa64(n int64) string { return zhifa.Actor{UserID: n}.Ref()[len("user/"):] }
