package workbench

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
)

// Withdrawal (撤回) and correction (更正) of a decision's publication, from
// the workbench — forms on the case page and on the agency's list of
// publications — and from the JSON API. The rules (who, when, the G7 time
// limit, the masking of what is typed) are the service's.
// pubActions are the forms of the later changes of one publication that
// the user may submit; nil fields are forms the user may not use.
type pubActions struct {
	ID       int64
	Next     string // where the forms come back to: "case" or "list"
	Correct  *correctForm
	Withdraw *withdrawForm
}

// correctForm is the correction form, holding what was entered when it
// comes back with problems.
type correctForm struct {
	Fields        []option
	Value, Reason string
	Problems      map[string]string
	Error         string
	Open          bool
}

// withdrawForm is the withdrawal form, likewise.
type withdrawForm struct {
	Causes            []option
	ChangedOn, Reason string
	Today             string // the latest date the date input offers
	Problems          map[string]string
	Error             string
	Open              bool
}

// pubFailure is a rejected correction or withdrawal, shown again.
type pubFailure struct {
	ID       int64
	Kind     string // "correct" or "withdraw"
	Values   url.Values
	Problems map[string]string
	Error    string
}

// newPubActions returns the forms a may use on p, filled from failed when
// it is a rejected form of p; nil when there are none.
func newPubActions(a zhifa.Actor, p *publicity.Publication, next, today string, failed *pubFailure) *pubActions {
	if p == nil {
		return nil
	}
	out := &pubActions{ID: p.ID, Next: next}
	var vals url.Values
	var problems map[string]string
	var msg string
	kind := ""
	if failed != nil && failed.ID == p.ID {
		vals, problems, msg, kind = failed.Values, failed.Problems, failed.Error, failed.Kind
	}
	if !p.Withdrawn() && access.Allowed(a, access.PublicationEdit, p.AgencyID) {
		f := &correctForm{}
		if kind == "correct" {
			f.Value, f.Reason, f.Problems, f.Error, f.Open = vals.Get("value"), vals.Get("reason"), problems, msg, true
		}
		for _, cf := range publicity.CorrectableFields {
			f.Fields = append(f.Fields, option{Value: cf.Code, Label: cf.Name, Selected: kind == "correct" && vals.Get("field") == cf.Code})
		}
		out.Correct = f
	}
	if p.Published() && access.Allowed(a, access.CaseDecide, p.AgencyID) {
		f := &withdrawForm{Today: today}
		if kind == "withdraw" {
			f.ChangedOn, f.Reason, f.Problems, f.Error, f.Open = vals.Get("changed_on"), vals.Get("reason"), problems, msg, true
		}
		for _, c := range publicity.WithdrawCauses {
			f.Causes = append(f.Causes, option{Value: c, Label: c, Selected: kind == "withdraw" && vals.Get("cause") == c})
		}
		out.Withdraw = f
	}
	if out.Correct == nil && out.Withdraw == nil {
		return nil
	}
	return out
}

// withdrawalNotice is the message after a withdrawal: whether it came in
// time, honestly.
func withdrawalNotice(p *publicity.Publication) string {
	msg := "已撤回:公示门户已撤下决定书" + p.Number + "的公示内容,只显示撤回事由和理由;已记入执法台账。"
	if p.WithdrawLateDays > 0 {
		return msg + "本次撤回逾期 " + strconv.Itoa(p.WithdrawLateDays) + " 个工作日(应于 " + zhifa.FormatDate(p.WithdrawDue) +
			" 前撤回,《中华人民共和国行政处罚法》第四十八条第二款),逾期情况记入办案期限。"
	}
	return msg + "在法定期限内撤回(期限至 " + zhifa.FormatDate(p.WithdrawDue) + ")。"
}

func correctionNotice(p *publicity.Publication) string {
	c := p.Corrections[len(p.Corrections)-1]
	if c.Public {
		return "已更正:" + c.FieldName + "已按更正后的内容(脱敏后)公示,公示门户列出本次更正记录;已记入执法台账。"
	}
	return "已更正:" + c.FieldName + "已按更正后的内容(脱敏后)修改,公示后生效;已记入执法台账。"
}

// pubNext is where a publication form returns: the case page or the list.
func pubNext(v string, p *publicity.Publication) (path, fragment string) {
	if v == "case" {
		return casePath(p.CaseID), "#publication"
	}
	return "/workbench/publications", "#publication-" + strconv.FormatInt(p.ID, 10)
}

// HandlePublicationCorrect serves POST /workbench/publications/{id}/correct.
func (s *Publications) HandlePublicationCorrect(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	r.ParseForm()
	p, err := s.svc.CorrectPublication(r.Context(), a, id, publicity.CorrectInput{Field: r.PostFormValue("field"),
		Value: r.PostFormValue("value"), Reason: r.PostFormValue("reason")})
	if err != nil {
		return s.pubFormFailed(w, r, a, id, "correct", err)
	}
	path, frag := pubNext(r.PostFormValue("next"), p)
	s.setFlash(w, path, correctionNotice(p))
	http.Redirect(w, r, path+frag, http.StatusSeeOther)
	return nil
}

// HandlePublicationWithdraw serves POST /workbench/publications/{id}/withdraw.
func (s *Publications) HandlePublicationWithdraw(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	r.ParseForm()
	in, badDate := staff.WithdrawInput(r.PostFormValue("cause"), r.PostFormValue("changed_on"), r.PostFormValue("reason"))
	p, err := s.withdraw(r, a, id, in, badDate)
	if err != nil {
		return s.pubFormFailed(w, r, a, id, "withdraw", err)
	}
	path, frag := pubNext(r.PostFormValue("next"), p)
	s.setFlash(w, path, withdrawalNotice(p))
	http.Redirect(w, r, path+frag, http.StatusSeeOther)
	return nil
}

// pubFormFailed shows the page the form came from again, the form open
// with what was entered and its problems; errors that are not the user's
// to correct in the form get the error page.
func (s *Publications) pubFormFailed(w http.ResponseWriter, r *http.Request, a zhifa.Actor, id int64, kind string, err error) error {
	if !formError(err) {
		return err
	}
	p, perr := s.svc.AgencyPublication(r.Context(), a, id)
	if perr != nil {
		return perr
	}
	f := &pubFailure{ID: id, Kind: kind, Values: r.PostForm, Error: zhifa.ErrorMessage(err)}
	if e, ok := err.(*zhifa.Error); ok {
		f.Problems = e.Problems
		if len(e.Problems) > 0 {
			f.Error = "请修改下列标记的项目后重新提交。"
		}
	}
	what := "更正"
	if kind == "withdraw" {
		what = "撤回"
	}
	page := workbenchPage(a, "决定公示")
	page.Error = "“" + what + "”未完成:" + zhifa.ErrorMessage(err)
	if r.PostFormValue("next") == "case" {
		page.Title = "案件"
		return s.renderCase(w, r, ui.ErrorStatus(err), page, p.CaseID, nil, f)
	}
	return s.renderAgencyPublications(w, r, ui.ErrorStatus(err), page, "", f)
}

// The JSON API.

// AgencyPublicationsPage lists the agency's publications in any status.
type AgencyPublicationsPage struct {
	ui.Page
	Publications []agencyPubRow
	Statuses     []option
	Status       string
	CanPublish   bool
	Today        string
}

// agencyPubRow is a publication of the list with the forms the user may
// use on it.
type agencyPubRow struct {
	*publicity.Publication
	Actions *pubActions
}

// HandleAgencyPublications serves GET /workbench/publications.
func (s *Publications) HandleAgencyPublications(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	status, err := staff.PublicationStatus(r)
	if err != nil {
		return err
	}
	p := workbenchPage(a, "决定公示")
	if r.URL.Query().Get("published") != "" {
		p.Flash = "已公示:决定信息已在公示门户公开,并记入执法台账。"
	}
	if notice := s.takeFlash(w, r, "/workbench/publications"); notice != "" {
		p.Flash += notice
	}
	return s.renderAgencyPublications(w, r, http.StatusOK, p, status, nil)
}

// renderAgencyPublications renders the agency's publications in status
// ("" for all); failed, if not nil, is a rejected form to show again.
func (s *Publications) renderAgencyPublications(w http.ResponseWriter, r *http.Request, code int, p ui.Page, status string, failed *pubFailure) error {
	a := p.Actor
	ps, err := s.svc.AgencyPublications(r.Context(), a, status)
	if err != nil {
		return err
	}
	page := AgencyPublicationsPage{Page: p, Status: status, CanPublish: access.Allowed(a, access.PublicationEdit, a.AgencyID),
		Today: s.svc.Today().String()}
	for _, pub := range ps {
		page.Publications = append(page.Publications, agencyPubRow{Publication: pub, Actions: newPubActions(a, pub, "list", page.Today, failed)})
	}
	for _, st := range staff.PublicationStatuses {
		page.Statuses = append(page.Statuses, option{Value: st, Label: st, Selected: st == status})
	}
	s.render(w, r, code, "workbench_publications", page)
	return nil
}

// HandlePublicationPublish serves POST /workbench/publications/{id}/publish.
func (s *Publications) HandlePublicationPublish(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	p, err := s.svc.Publish(r.Context(), a, id)
	if err != nil {
		return err
	}
	next := "/workbench/publications"
	if r.PostFormValue("next") == "case" {
		next = casePath(p.CaseID)
	}
	http.Redirect(w, r, next+"?published="+strconv.FormatInt(p.ID, 10), http.StatusSeeOther)
	return nil
}
