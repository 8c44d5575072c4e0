package workbench

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/web/ui"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/redact"
)

// Segment is a run of the original text, highlighted when it is redacted.
type Segment struct {
	Text        string
	Redacted    bool
	Removed     bool // a finding the person undid
	Kind        string
	Replacement string
	Start       int // rune offset, to name the finding in the form
}

// RedactPage is the workbench's redaction check (公示前人工确认).
type RedactPage struct {
	ui.Page
	Text      string
	Policy    string
	PartyName string
	NameStyle string
	Add       string
	Removed   map[int]bool
	Segments  []Segment
	Public    string
	Report    redact.Report
	Digest    string
	Index     int64
	Policies  []string
}

func segments(text string, rep redact.Report) []Segment {
	runes := []rune(text)
	var out []Segment
	pos := 0
	for _, f := range rep.Findings {
		if f.RuneStart < pos || f.RuneEnd > len(runes) {
			continue
		}
		if f.RuneStart > pos {
			out = append(out, Segment{Text: string(runes[pos:f.RuneStart])})
		}
		removed := f.Rule == redact.RuleManualRemove
		out = append(out, Segment{Text: string(runes[f.RuneStart:f.RuneEnd]), Redacted: !removed, Removed: removed, Kind: string(f.Kind), Replacement: f.Replacement, Start: f.RuneStart})
		pos = f.RuneEnd
	}
	if pos < len(runes) {
		out = append(out, Segment{Text: string(runes[pos:])})
	}
	return out
}

func (s *Redact) redactForm(r *http.Request) (publicity.RedactInput, RedactPage) {
	r.ParseForm()
	page := RedactPage{Text: r.PostFormValue("text"), Policy: r.PostFormValue("policy"), PartyName: r.PostFormValue("party_name"),
		NameStyle: r.PostFormValue("name_style"), Add: r.PostFormValue("add"), Removed: map[int]bool{}, Index: -1,
		Policies: []string{"处罚", "强制", "检查", "许可", "征收"}}
	in := publicity.RedactInput{Text: page.Text, Policy: page.Policy, NameStyle: page.NameStyle, Known: redact.Known{PartyName: page.PartyName}}
	for _, v := range r.PostForm["remove"] {
		if n, err := strconv.Atoi(v); err == nil {
			in.Remove = append(in.Remove, n)
			page.Removed[n] = true
		}
	}
	for _, line := range strings.Split(page.Add, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Add = append(in.Add, line)
		}
	}
	return in, page
}

// HandleRedactForm serves GET /workbench/redact.
func (s *Redact) HandleRedactForm(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "redact", RedactPage{Page: ui.Page{Title: "公示脱敏确认", Section: "workbench", Actor: a}, Policy: "处罚", Index: -1,
		Policies: []string{"处罚", "强制", "检查", "许可", "征收"}})
	return nil
}

// HandleRedact previews (action=preview) or confirms (action=confirm).
func (s *Redact) HandleRedact(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	in, page := s.redactForm(r)
	page.Page = ui.Page{Title: "公示脱敏确认", Section: "workbench", Actor: a}
	var res *publicity.RedactResult
	if r.PostFormValue("action") == "confirm" {
		res, err = s.svc.ConfirmRedaction(r.Context(), a, in)
	} else {
		res, err = s.svc.Redact(r.Context(), a, in)
	}
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.EINTERNAL {
			return err
		}
		page.Error = zhifa.ErrorMessage(err)
		if e, ok := err.(*zhifa.Error); ok {
			page.Problems = e.Problems
		}
		s.render(w, r, ui.ErrorStatus(err), "redact", page)
		return nil
	}
	page.Segments, page.Public, page.Report, page.Digest, page.Index = segments(in.Text, res.Report), res.Public, res.Report, res.Digest, res.Index
	if res.Index >= 0 {
		page.Flash = "已确认并记入台账(事件序号 " + strconv.FormatInt(res.Index, 10) + ")。"
	}
	s.render(w, r, http.StatusOK, "redact", page)
	return nil
}
