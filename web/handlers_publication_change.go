package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/zhifa/zhifa/publicity"

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

// withdrawInput decodes a withdrawal; a date that does not parse becomes a
// problem under changed_on, merged into the service's.
func withdrawInput(cause, changedOn, reason string) (publicity.WithdrawInput, string) {
	in := publicity.WithdrawInput{Cause: cause, Reason: reason}
	if changedOn == "" {
		return in, ""
	}
	d, ok := zhifa.ParseDate(changedOn)
	if !ok {
		return in, "决定被变更、撤销或确认违法、无效的日期“" + changedOn + "”不是有效的日期,应为 YYYY-MM-DD"
	}
	in.ChangedOn = d
	return in, ""
}

// withdraw calls the service; badDate is the decoding problem of the date.
func (s *Server) withdraw(r *http.Request, a zhifa.Actor, id int64, in publicity.WithdrawInput, badDate string) (*publicity.Publication, error) {
	p, err := s.svc.WithdrawPublication(r.Context(), a, id, in)
	if e, ok := err.(*zhifa.Error); ok && badDate != "" && e.Code == zhifa.EINVALID {
		problems := e.Problems
		problems["changed_on"] = badDate
		return nil, zhifa.Invalid(problems)
	}
	return p, err
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

func (s *Server) handlePublicationCorrect(w http.ResponseWriter, r *http.Request) error {
	a := actorFrom(r.Context())
	id, err := pathIndex(r, "id")
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

func (s *Server) handlePublicationWithdraw(w http.ResponseWriter, r *http.Request) error {
	a := actorFrom(r.Context())
	id, err := pathIndex(r, "id")
	if err != nil {
		return err
	}
	r.ParseForm()
	in, badDate := withdrawInput(r.PostFormValue("cause"), r.PostFormValue("changed_on"), r.PostFormValue("reason"))
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
func (s *Server) pubFormFailed(w http.ResponseWriter, r *http.Request, a zhifa.Actor, id int64, kind string, err error) error {
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
		return s.renderCase(w, r, errorStatus(err), page, p.CaseID, nil, f)
	}
	return s.renderAgencyPublications(w, r, errorStatus(err), page, "", f)
}

// The JSON API.

// apiWithdrawal is the withdrawal of a publication.
type apiWithdrawal struct {
	WithdrawnAt  string `json:"withdrawn_at"`
	Cause        string `json:"cause"`
	Reason       string `json:"reason"`
	ChangedOn    string `json:"changed_on"`
	DueOn        string `json:"due_on"`        // G7: three working days after changed_on
	LateWorkdays int    `json:"late_workdays"` // working days after due_on; 0: in time
}

func toAPIWithdrawal(p *publicity.Publication) *apiWithdrawal {
	if !p.Withdrawn() {
		return nil
	}
	return &apiWithdrawal{WithdrawnAt: p.WithdrawnAt.In(cst).Format(time.RFC3339), Cause: p.WithdrawCause, Reason: p.WithdrawReason,
		ChangedOn: zhifa.FormatDate(p.ChangedOn), DueOn: zhifa.FormatDate(p.WithdrawDue), LateWorkdays: p.WithdrawLateDays}
}

// apiCorrection is a correction as the public sees it.
type apiCorrection struct {
	ID        int64  `json:"id"`
	Field     string `json:"field"`
	FieldName string `json:"field_name"`
	Old       string `json:"old"`
	New       string `json:"new"`
	Reason    string `json:"reason"`
	Created   string `json:"created"`
}

func toAPICorrections(cs []publicity.Correction) []apiCorrection {
	out := []apiCorrection{}
	for _, c := range cs {
		out = append(out, apiCorrection{ID: c.ID, Field: c.Field, FieldName: c.FieldName, Old: c.Old, New: c.New, Reason: c.Reason,
			Created: c.Created.In(cst).Format(time.RFC3339)})
	}
	return out
}

// apiAgencyCorrection is a correction as its agency sees it.
type apiAgencyCorrection struct {
	apiCorrection
	WhilePublished bool   `json:"while_published"` // false: made before publication, not listed on the portal
	CorrectedBy    int64  `json:"corrected_by"`
	Report         string `json:"report"`
}

func toAPIAgencyCorrections(cs []publicity.Correction) []apiAgencyCorrection {
	out := []apiAgencyCorrection{}
	for i, c := range toAPICorrections(cs) {
		out = append(out, apiAgencyCorrection{apiCorrection: c, WhilePublished: cs[i].Public, CorrectedBy: cs[i].CorrectedBy, Report: cs[i].Report})
	}
	return out
}

type apiCorrectInput struct {
	Field  string `json:"field"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

type apiWithdrawInput struct {
	Cause     string `json:"cause"`
	ChangedOn string `json:"changed_on"` // YYYY-MM-DD
	Reason    string `json:"reason"`
}

func (s *Server) handleAPIPublicationCorrect(w http.ResponseWriter, r *http.Request) error {
	id, in, err := pathIndexAndBody[apiCorrectInput](r, "id")
	if err != nil {
		return err
	}
	p, err := s.svc.CorrectPublication(r.Context(), actorFrom(r.Context()), id, publicity.CorrectInput{Field: in.Field, Value: in.Value, Reason: in.Reason})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toAPIAgencyPublication(p))
	return nil
}

func (s *Server) handleAPIPublicationWithdraw(w http.ResponseWriter, r *http.Request) error {
	id, in, err := pathIndexAndBody[apiWithdrawInput](r, "id")
	if err != nil {
		return err
	}
	wi, badDate := withdrawInput(in.Cause, in.ChangedOn, in.Reason)
	p, err := s.withdraw(r, actorFrom(r.Context()), id, wi, badDate)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toAPIAgencyPublication(p))
	return nil
}
