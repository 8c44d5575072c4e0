package portal

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// 事后公开 (DOMAIN §4): the portal's list and detail of published decisions,
// the JSON API, the 双公示 CSV export and the Atom feed. Every handler here
// reads only PublicPublications and PublicPublication (PublicationReader),
// which return published, already-masked records (DESIGN invariant 4): nothing
// from cases reaches these pages. A withdrawn decision (撤回) stays
// reachable at its address and in a list of its own, but the service gives
// these pages only its 文号, agency, dates and the withdrawal; its
// corrections (更正) are listed under a published one.

const (
	publicationsPerPage = 20     // rows per portal page
	publicationsAPIMax  = 100    // largest API limit
	publicationsCSVMax  = 200000 // rows in one export (a year of a province's decisions)
	exportBatch         = 500    // rows read per query of a streamed export
	publicationsFeedLen = 50     // entries in the Atom feed
	keywordMaxRunes     = 100
	pageMax             = 100000
)

// publicationQuery is a decoded, validated filter of published decisions,
// shared by the page, the API, the CSV export and the feed.
type publicationQuery struct {
	AgencyID  int64
	Category  string
	From, To  string // YYYY-MM-DD, normalised
	Keyword   string
	Withdrawn bool // status=withdrawn: the withdrawn decisions instead of the published ones
	Page      int  // portal only, from 1
	// After is the keyset cursor of the portal's and the API's next page
	// (after=YYYY-MM-DD.id): a deep page costs what the first does.
	After *publicity.Cursor
}

// filter is the service filter of q, without paging.
func (q publicationQuery) filter() publicity.PublicationFilter {
	f := publicity.PublicationFilter{AgencyID: q.AgencyID, Category: q.Category, From: q.From, To: q.To, Keyword: q.Keyword}
	if q.Withdrawn {
		f.Status = publicity.StatusWithdrawn
	}
	return f
}

// values encodes q as the query string the form submits, without the page;
// used for pagination and export links.
func (q publicationQuery) values() url.Values {
	v := url.Values{}
	if q.AgencyID > 0 {
		v.Set("agency_id", strconv.FormatInt(q.AgencyID, 10))
	}
	for _, kv := range [][2]string{{"category", q.Category}, {"from", q.From}, {"to", q.To}, {"q", q.Keyword}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	if q.Withdrawn {
		v.Set("status", "withdrawn")
	}
	return v
}

// decodePublicationQuery reads the filter fields from v; agencies are the
// known agencies. It returns per-field problems, in Chinese and naming the
// field, for anything it cannot use: a bad filter is an error, never a
// silently different result.
func decodePublicationQuery(v url.Values, agencies []*registry.Agency) (publicationQuery, map[string]string) {
	var q publicationQuery
	problems := map[string]string{}
	if s := strings.TrimSpace(v.Get("agency_id")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		known := false
		for _, a := range agencies {
			known = known || (err == nil && a.ID == id)
		}
		if !known {
			problems["agency_id"] = "执法机关“" + s + "”不存在,请从列表中选择"
		} else {
			q.AgencyID = id
		}
	}
	if s := strings.TrimSpace(v.Get("category")); s != "" {
		known := false
		for _, c := range registry.MatterCategories {
			known = known || c == s
		}
		if !known {
			problems["category"] = "执法类别“" + s + "”不在可选范围内"
		} else {
			q.Category = s
		}
	}
	date := func(field, label string) string {
		s := strings.TrimSpace(v.Get(field))
		if s == "" {
			return ""
		}
		d, ok := zhifa.ParseDate(s)
		if !ok {
			problems[field] = label + "“" + s + "”不是有效的日期,应为 YYYY-MM-DD"
			return ""
		}
		return zhifa.FormatDate(d)
	}
	q.From, q.To = date("from", "决定日期(起)"), date("to", "决定日期(止)")
	if q.From != "" && q.To != "" && q.To < q.From {
		problems["to"] = "决定日期(止)不能早于决定日期(起)"
	}
	q.Keyword = strings.TrimSpace(v.Get("q"))
	if utf8.RuneCountInString(q.Keyword) > keywordMaxRunes {
		problems["q"] = "关键词不能超过 " + strconv.Itoa(keywordMaxRunes) + " 个字"
	}
	if s := strings.TrimSpace(v.Get("after")); s != "" {
		if c, ok := publicity.ParseCursor(s); ok {
			q.After = &c
		} else {
			problems["after"] = "翻页位置“" + s + "”无效,应为 YYYY-MM-DD.编号"
		}
	}
	switch s := strings.TrimSpace(v.Get("status")); s {
	case "", "published":
	case "withdrawn":
		q.Withdrawn = true
	default:
		problems["status"] = "公示状态“" + s + "”无效:可选 published(公示中)或 withdrawn(已撤回)"
	}
	return q, problems
}

// intParam parses an optional integer query parameter within [min, max];
// label names the field in the problem.
func intParam(v url.Values, field, label string, def, min, max int, problems map[string]string) int {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		problems[field] = label + "“" + s + "”应为 " + strconv.Itoa(min) + " 至 " + strconv.Itoa(max) + " 之间的整数"
		return def
	}
	return n
}

// publicAgencies returns the agencies a publication can name, and those to
// offer in the filter (supervisors excluded).
func (s *Publications) publicAgencies(r *http.Request) (all, offered []*registry.Agency, err error) {
	all, err = s.agencies.Agencies(r.Context())
	if err != nil {
		return nil, nil, err
	}
	for _, a := range all {
		if !a.Supervisor {
			offered = append(offered, a)
		}
	}
	return all, offered, nil
}

// pubView is a publication as the portal shows it.
type pubView struct{ *publicity.Publication }

// WithdrawnLate reports whether the withdrawal came after its G7 due date.
func (p pubView) WithdrawnLate() bool { return p.WithdrawLateDays > 0 }

// Organization reports whether the party is a 法人或其他组织, whose
// 统一社会信用代码 and 法定代表人 are public.
func (p pubView) Organization() bool { return p.PartyKind == zhifa.PartyOrganization }

// FineYuan is the fine in 元 with thousands separators, "" without a fine.
func (p pubView) FineYuan() string {
	if p.Fine <= 0 {
		return ""
	}
	return groupThousands(p.Fine)
}

// FineWan is the fine in 万元, "" without a fine.
func (p pubView) FineWan() string {
	if p.Fine <= 0 {
		return ""
	}
	return wanYuan(p.Fine, false)
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// wanYuan formats yuan in 万元: exact (fines are whole 元), trailing zeros
// trimmed, or with the six decimals the 双公示 standard asks for.
func wanYuan(yuan int64, sixDecimals bool) string {
	s := strconv.FormatInt(yuan/10000, 10) + "." + strconv.FormatInt(10000+yuan%10000, 10)[1:]
	if sixDecimals {
		return s + "00"
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func pubViews(ps []*publicity.Publication) []pubView {
	out := make([]pubView, len(ps))
	for i, p := range ps {
		out[i] = pubView{p}
	}
	return out
}

// PublicationsPage is the list of published decisions.
type PublicationsPage struct {
	ui.Page
	Items      []pubView
	Total      int  // at most publicity.PublicCountCap
	TotalMore  bool // more than Total match: the count stopped there
	Uncounted  bool // a keyword too short for the full-text index: not counted
	Agencies   []*registry.Agency
	Categories []string
	Query      publicationQuery
	PageNo     int
	Pages      int
	PrevURL    string
	NextURL    string
	CSVURL     string
	JSONURL    string
	XLSXURL    string
	OtherURL   string // the same filter over the withdrawn decisions, or over the published ones
}

// TotalText is the count with thousands separators.
func (p PublicationsPage) TotalText() string { return groupThousands(int64(p.Total)) }

// HandlePublicationList serves GET /publications.
func (s *Publications) HandlePublicationList(w http.ResponseWriter, r *http.Request) error {
	all, offered, err := s.publicAgencies(r)
	if err != nil {
		return err
	}
	v := r.URL.Query()
	q, problems := decodePublicationQuery(v, all)
	q.Page = intParam(v, "page", "页码", 1, 1, pageMax, problems)
	title := "执法决定公示"
	if q.Withdrawn {
		title = "已撤回的执法决定公示"
	}
	p := PublicationsPage{Page: portalPage(r, title), Agencies: offered, Categories: registry.MatterCategories, Query: q, PageNo: q.Page}
	if len(problems) == 0 {
		if done, err := s.notModified(w, r); done || err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		err := zhifa.Invalid(problems)
		p.Error, p.Problems = "筛选条件有误:"+strings.TrimPrefix(err.Message, "输入有误;"), problems
		s.ui.Render(w, r, http.StatusBadRequest, "portal_publications", p)
		return nil
	}
	f := q.filter()
	f.Limit, f.After = publicationsPerPage, q.After
	if q.After == nil {
		f.Offset = (q.Page - 1) * publicationsPerPage
	}
	ps, total, err := s.publications.PublicPublications(r.Context(), f)
	if err != nil {
		return err
	}
	p.Items, p.Total = pubViews(ps), total
	if total < 0 {
		p.Total, p.Uncounted = 0, true
	} else if total > publicity.PublicCountCap {
		p.Total, p.TotalMore = publicity.PublicCountCap, true
	} else {
		p.Pages = (total + publicationsPerPage - 1) / publicationsPerPage
	}
	link := func(page int, after *publicity.Cursor) string {
		v := q.values()
		if page > 1 {
			v.Set("page", strconv.Itoa(page))
		}
		if after != nil {
			v.Set("after", after.String())
		}
		if len(v) == 0 {
			return "/publications"
		}
		return "/publications?" + v.Encode()
	}
	if q.Page > 1 {
		prev := q.Page - 1
		if p.Pages > 0 {
			prev = min(prev, p.Pages)
		}
		p.PrevURL = link(prev, nil)
	}
	if len(ps) == publicationsPerPage && (p.TotalMore || p.Uncounted || q.Page < p.Pages) {
		next := publicity.CursorOf(ps[len(ps)-1])
		p.NextURL = link(q.Page+1, &next)
	}
	if !q.Withdrawn {
		p.CSVURL, p.JSONURL, p.XLSXURL = "/publications.csv", "/publications.json", "/publications.xlsx"
		if v := q.values(); len(v) > 0 {
			p.CSVURL += "?" + v.Encode()
			p.JSONURL += "?" + v.Encode()
			p.XLSXURL += "?" + v.Encode()
		}
	}
	other := q
	other.Withdrawn = !q.Withdrawn
	p.OtherURL = "/publications"
	if v := other.values(); len(v) > 0 {
		p.OtherURL += "?" + v.Encode()
	}
	s.ui.Render(w, r, http.StatusOK, "portal_publications", p)
	return nil
}

// PublicationPage is one published decision.
type PublicationPage struct {
	ui.Page
	P pubView
}

// publicationID reads the {id} of a publication's address: 400 for
// anything but a number; 0 and below can name no publication (and must not
// reach the store, where a zero id filters nothing).
func publicationID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, zhifa.Invalid(map[string]string{"id": "公示编号“" + s + "”不是有效的编号"})
	}
	if id <= 0 {
		return 0, errPublicationNotFound
	}
	return id, nil
}

var errPublicationNotFound = zhifa.Errorf(zhifa.ENOTFOUND, "没有找到这条执法决定公示信息:它不存在或尚未公示。")

// publicPublication returns the published decision named by the request.
func (s *Publications) publicPublication(r *http.Request) (*publicity.Publication, error) {
	id, err := publicationID(r)
	if err != nil {
		return nil, err
	}
	p, err := s.publications.PublicPublication(r.Context(), id)
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		return nil, errPublicationNotFound
	}
	return p, err
}

// HandlePublicationView serves GET /publications/{id}.
func (s *Publications) HandlePublicationView(w http.ResponseWriter, r *http.Request) error {
	if done, err := s.notModified(w, r); done || err != nil {
		return err
	}
	p, err := s.publicPublication(r)
	if err != nil {
		return err
	}
	title := p.Number
	if p.Withdrawn() {
		title += "(已撤回)"
	}
	s.ui.Render(w, r, http.StatusOK, "portal_publication", PublicationPage{Page: portalPage(r, title), P: pubView{p}})
	return nil
}

// apiPublication is the public JSON of a published or withdrawn decision:
// the fields of the portal's detail page, nothing else. For a natural
// person the ID number, phone and address are the masked forms; for an
// organisation the ID number is its 统一社会信用代码 and no address or phone
// is given. A withdrawn decision has no content (it was taken down), only
// its withdrawal.
type apiPublication struct {
	ID          int64  `json:"id"`
	Status      string `json:"status"` // 已公示 or 已撤回
	AgencyID    int64  `json:"agency_id"`
	AgencyName  string `json:"agency_name"`
	Category    string `json:"category"`
	Number      string `json:"number"`
	DecidedOn   string `json:"decided_on"`
	PublishedAt string `json:"published_at"`
	URL         string `json:"url"`
	*apiPublicationContent
	Withdrawal *Withdrawal `json:"withdrawal,omitempty"`
}

// apiPublicationContent is what a published decision shows and a
// withdrawn one no longer does, with the corrections made while published.
type apiPublicationContent struct {
	PartyKind   string       `json:"party_kind"`
	PartyName   string       `json:"party_name"`
	PartyIDNo   string       `json:"party_id_no,omitempty"`
	LegalRep    string       `json:"legal_rep,omitempty"`
	PartyPhone  string       `json:"party_phone,omitempty"`
	Address     string       `json:"address,omitempty"`
	Facts       string       `json:"facts"`
	Basis       string       `json:"basis"`
	PenaltyKind string       `json:"penalty_kind"`
	Penalty     string       `json:"penalty"`
	Fine        int64        `json:"fine"`
	Payment     string       `json:"payment"`
	Remedy      string       `json:"remedy"`
	Corrections []Correction `json:"corrections"`
}

func toAPIPublication(p *publicity.Publication) apiPublication {
	out := apiPublication{ID: p.ID, Status: p.Status, AgencyID: p.AgencyID, AgencyName: p.AgencyName, Category: p.Category, Number: p.Number,
		DecidedOn: zhifa.FormatDate(p.DecidedOn), URL: "/publications/" + strconv.FormatInt(p.ID, 10), Withdrawal: ToWithdrawal(p)}
	if !p.PublishedAt.IsZero() {
		out.PublishedAt = p.PublishedAt.In(ui.CST).Format(time.RFC3339)
	}
	if p.Withdrawn() {
		return out
	}
	c := &apiPublicationContent{PartyKind: p.PartyKind, PartyName: p.PartyName, PartyIDNo: p.PartyIDNo, Facts: p.Facts, Basis: p.Basis,
		PenaltyKind: p.PenaltyKind, Penalty: p.Penalty, Fine: p.Fine, Payment: p.Payment, Remedy: p.Remedy, Corrections: ToCorrections(p.Corrections)}
	if p.PartyKind == zhifa.PartyOrganization {
		c.LegalRep = p.LegalRep
	} else {
		c.PartyPhone, c.Address = p.PartyPhone, p.Address
	}
	out.apiPublicationContent = c
	return out
}

// Withdrawal is the withdrawal of a publication, as the public and its
// agency see it (also in the staff's API, web/api).
type Withdrawal struct {
	WithdrawnAt  string `json:"withdrawn_at"`
	Cause        string `json:"cause"`
	Reason       string `json:"reason"`
	ChangedOn    string `json:"changed_on"`
	DueOn        string `json:"due_on"`        // G7: three working days after changed_on
	LateWorkdays int    `json:"late_workdays"` // working days after due_on; 0: in time
}

// ToWithdrawal is p's withdrawal; nil unless p is withdrawn.
func ToWithdrawal(p *publicity.Publication) *Withdrawal {
	if !p.Withdrawn() {
		return nil
	}
	return &Withdrawal{WithdrawnAt: p.WithdrawnAt.In(ui.CST).Format(time.RFC3339), Cause: p.WithdrawCause, Reason: p.WithdrawReason,
		ChangedOn: zhifa.FormatDate(p.ChangedOn), DueOn: zhifa.FormatDate(p.WithdrawDue), LateWorkdays: p.WithdrawLateDays}
}

// Correction is a correction as the public sees it.
type Correction struct {
	ID        int64  `json:"id"`
	Field     string `json:"field"`
	FieldName string `json:"field_name"`
	Old       string `json:"old"`
	New       string `json:"new"`
	Reason    string `json:"reason"`
	Created   string `json:"created"`
}

// ToCorrections are the corrections as the public sees them.
func ToCorrections(cs []publicity.Correction) []Correction {
	out := []Correction{}
	for _, c := range cs {
		out = append(out, Correction{ID: c.ID, Field: c.Field, FieldName: c.FieldName, Old: c.Old, New: c.New, Reason: c.Reason,
			Created: c.Created.In(ui.CST).Format(time.RFC3339)})
	}
	return out
}

// apiPublicationList is the JSON body of a list of published decisions.
// Total stops at publicity.PublicCountCap: TotalMore says more match.
// Next is the cursor of the following page (the "after" parameter), ""
// on the last.
type apiPublicationList struct {
	Items     []apiPublication `json:"items"`
	Total     int              `json:"total"`
	TotalMore bool             `json:"total_more"`
	// Uncounted: a keyword of one or two characters is not counted
	// (total 0, total_more true).
	Uncounted bool   `json:"uncounted,omitempty"`
	Next      string `json:"next,omitempty"`
}

// HandleAPIPublications serves GET /api/v1/publications.
func (s *Publications) HandleAPIPublications(w http.ResponseWriter, r *http.Request) error {
	all, _, err := s.publicAgencies(r)
	if err != nil {
		return err
	}
	v := r.URL.Query()
	q, problems := decodePublicationQuery(v, all)
	f := q.filter()
	f.Limit = intParam(v, "limit", "每页条数 limit", 20, 1, publicationsAPIMax, problems)
	f.Offset = intParam(v, "offset", "起始位置 offset", 0, 0, publicationsAPIMax*pageMax, problems)
	f.After = q.After
	if len(problems) > 0 {
		return zhifa.Invalid(problems)
	}
	if done, err := s.notModified(w, r); done || err != nil {
		return err
	}
	ps, total, err := s.publications.PublicPublications(r.Context(), f)
	if err != nil {
		return err
	}
	out := apiPublicationList{Items: []apiPublication{}, Total: total}
	if total < 0 {
		out.Total, out.TotalMore, out.Uncounted = 0, true, true
	} else if total > publicity.PublicCountCap {
		out.Total, out.TotalMore = publicity.PublicCountCap, true
	}
	for _, p := range ps {
		out.Items = append(out.Items, toAPIPublication(p))
	}
	if len(ps) == f.Limit {
		out.Next = publicity.CursorOf(ps[len(ps)-1]).String()
	}
	ui.WriteJSON(w, http.StatusOK, out)
	return nil
}

// HandleAPIPublicationGet serves GET /api/v1/publications/{id}.
func (s *Publications) HandleAPIPublicationGet(w http.ResponseWriter, r *http.Request) error {
	if done, err := s.notModified(w, r); done || err != nil {
		return err
	}
	p, err := s.publicPublication(r)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, toAPIPublication(p))
	return nil
}

// csvCell defuses spreadsheet formulas: a cell that a spreadsheet would
// evaluate gets a leading apostrophe. The texts come from officers' forms.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// HandlePublicationCSV serves GET /publications.csv, in the 双公示 columns.
func (s *Publications) HandlePublicationCSV(w http.ResponseWriter, r *http.Request) error {
	f, ok, err := s.exportFilter(w, r, "CSV(双公示格式)")
	if !ok || err != nil {
		return err
	}
	codes, err := s.agencyCodes(r)
	if err != nil {
		return err
	}
	// The number of rows, when it is at most the public count cap.
	if _, total, err := s.publications.PublicPublications(r.Context(), publicity.PublicationFilter{AgencyID: f.AgencyID, Category: f.Category,
		From: f.From, To: f.To, Keyword: f.Keyword, Limit: 1}); err != nil {
		return err
	} else if total >= 0 && total <= publicity.PublicCountCap {
		w.Header().Set("X-Total-Count", strconv.Itoa(total))
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="publications.csv"; filename*=UTF-8''`+url.PathEscape("执法决定公示.csv"))
	w.Write([]byte("\uFEFF")) // the BOM Excel needs to read UTF-8
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(publicity.CreditPenaltyFields)
	err = s.streamPublications(r, w, f, func(p *publicity.Publication) error {
		row := publicity.CreditPenaltyRow(p, codes[p.AgencyID])
		for i := range row {
			row[i] = csvCell(row[i])
		}
		cw.Write(row)
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		s.log.Warn("publications csv", "err", err)
	}
	return nil
}

// agencyCodes maps the agencies' ids to their 统一社会信用代码.
func (s *Publications) agencyCodes(r *http.Request) (map[int64]string, error) {
	all, err := s.agencies.Agencies(r.Context())
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(all))
	for _, a := range all {
		out[a.ID] = a.CreditCode
	}
	return out, nil
}

// HandlePublicationXLSX serves GET /publications.xlsx: the CSV's rows (the
// 双公示 penalty fields) as an Excel workbook, written row by row through
// excelize's stream writer; the workbook is sent once complete (a zip
// archive has its directory at its end).
func (s *Publications) HandlePublicationXLSX(w http.ResponseWriter, r *http.Request) error {
	f, ok, err := s.exportFilter(w, r, "XLSX(双公示格式)")
	if !ok || err != nil {
		return err
	}
	codes, err := s.agencyCodes(r)
	if err != nil {
		return err
	}
	book := excelize.NewFile()
	defer book.Close()
	sw, err := book.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	cells := func(row []string) []any {
		out := make([]any, len(row))
		for i, v := range row {
			out[i] = v
		}
		return out
	}
	if err := sw.SetRow("A1", cells(publicity.CreditPenaltyFields)); err != nil {
		return err
	}
	n := 1
	err = s.streamPublications(r, discardFlush{}, f, func(p *publicity.Publication) error {
		n++
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, cells(publicity.CreditPenaltyRow(p, codes[p.AgencyID])))
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="publications.xlsx"; filename*=UTF-8''`+url.PathEscape("执法决定公示.xlsx"))
	if err := book.Write(w); err != nil {
		s.log.Warn("publications xlsx", "err", err)
	}
	return nil
}

// discardFlush is the ResponseWriter of streamPublications when the rows
// go elsewhere than the response.
type discardFlush struct{}

func (discardFlush) Header() http.Header         { return http.Header{} }
func (discardFlush) Write(b []byte) (int, error) { return len(b), nil }
func (discardFlush) WriteHeader(int)             {}

// exportFilter decodes the filter of an export named what; ok is false
// when the response is written already: 400 for a bad filter (as plain
// text: the client asked for a file), 304 when the client's copy is fresh.
func (s *Publications) exportFilter(w http.ResponseWriter, r *http.Request, what string) (publicity.PublicationFilter, bool, error) {
	all, _, err := s.publicAgencies(r)
	if err != nil {
		return publicity.PublicationFilter{}, false, err
	}
	q, problems := decodePublicationQuery(r.URL.Query(), all)
	if q.Withdrawn {
		problems["status"] = what + "只导出公示中的决定;已撤回的决定不导出"
	}
	if len(problems) > 0 {
		http.Error(w, zhifa.Invalid(problems).Message, http.StatusBadRequest)
		return publicity.PublicationFilter{}, false, nil
	}
	if done, err := s.notModified(w, r); done || err != nil {
		return publicity.PublicationFilter{}, false, err
	}
	return q.filter(), true, nil
}

// streamPublications calls row for each published decision matching f,
// latest first, at most publicationsCSVMax, reading exportBatch rows per
// query by keyset (After) and flushing w after each batch: the export
// holds one batch in memory whatever its size. An error after the first
// row can only cut the response short (its status is sent); it is
// returned for the log.
func (s *Publications) streamPublications(r *http.Request, w http.ResponseWriter, f publicity.PublicationFilter, row func(*publicity.Publication) error) error {
	flusher, _ := w.(http.Flusher)
	f.Limit, f.CountCap = exportBatch, 1
	for n := 0; n < publicationsCSVMax; {
		f.Limit = min(exportBatch, publicationsCSVMax-n)
		ps, _, err := s.publications.PublicPublications(r.Context(), f)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if err := row(p); err != nil {
				return err
			}
		}
		n += len(ps)
		if flusher != nil {
			flusher.Flush()
		}
		if len(ps) < f.Limit {
			return nil
		}
		c := publicity.CursorOf(ps[len(ps)-1])
		f.After = &c
	}
	return nil
}

// HandlePublicationJSON serves GET /publications.json: the decisions
// matching the filter as one JSON array of the API's objects, streamed.
func (s *Publications) HandlePublicationJSON(w http.ResponseWriter, r *http.Request) error {
	f, ok, err := s.exportFilter(w, r, "JSON 导出")
	if !ok || err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="publications.json"`)
	w.Write([]byte("["))
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	first := true
	err = s.streamPublications(r, w, f, func(p *publicity.Publication) error {
		if !first {
			w.Write([]byte(","))
		}
		first = false
		return enc.Encode(toAPIPublication(p))
	})
	w.Write([]byte("]\n"))
	if err != nil {
		s.log.Warn("publications json", "err", err)
	}
	return nil
}

func publishedDate(p *publicity.Publication) string {
	if p.PublishedAt.IsZero() {
		return ""
	}
	return p.PublishedAt.In(ui.CST).Format("2006-01-02")
}

// Atom 1.0 (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Title     string       `xml:"title"`
	ID        string       `xml:"id"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published"`
	Link      atomLink     `xml:"link"`
	Author    atomPerson   `xml:"author"`
	Category  atomCategory `xml:"category"`
	Summary   atomText     `xml:"summary"`
}

// baseURL is the absolute address of this server as the client reached it,
// for the feed's identifiers and links.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// HandlePublicationAtom serves GET /publications.atom.
func (s *Publications) HandlePublicationAtom(w http.ResponseWriter, r *http.Request) error {
	if done, err := s.notModified(w, r); done || err != nil {
		return err
	}
	ps, _, err := s.publications.PublicPublications(r.Context(), publicity.PublicationFilter{Limit: publicationsFeedLen})
	if err != nil {
		return err
	}
	base := baseURL(r)
	feed := atomFeed{Title: "执法决定公示", ID: base + "/publications", Author: atomPerson{Name: "汉阴县行政执法公示平台"},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + "/publications.atom"}, {Rel: "alternate", Type: "text/html", Href: base + "/publications"}}}
	var updated time.Time
	for _, p := range ps {
		href := base + "/publications/" + strconv.FormatInt(p.ID, 10)
		at := p.PublishedAt.In(ui.CST).Format(time.RFC3339)
		if p.PublishedAt.After(updated) {
			updated = p.PublishedAt
		}
		summary := "执法机关:" + p.AgencyName + "\n执法对象:" + p.PartyName + "\n执法类别:" + p.Category + "\n处罚种类:" + p.PenaltyKind +
			"\n处罚内容:" + p.Penalty + "\n决定日期:" + zhifa.FormatDate(p.DecidedOn)
		feed.Entries = append(feed.Entries, atomEntry{Title: p.Number + " " + p.PartyName, ID: href, Updated: at, Published: at,
			Link: atomLink{Rel: "alternate", Type: "text/html", Href: href}, Author: atomPerson{Name: p.AgencyName},
			Category: atomCategory{Term: p.Category}, Summary: atomText{Type: "text", Body: summary}})
	}
	if updated.IsZero() {
		updated = s.now()
	}
	feed.Updated = updated.In(ui.CST).Format(time.RFC3339)
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(out)
	return nil
}
