package portal

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/complaint"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// 投诉举报 on the portal (issue 16 item 6): anyone files a complaint, a
// report or an error report without an account and gets a query code, shown
// once; with the code alone they follow it. Nothing of the complainant is
// ever shown back: the tracking page has the agency, the status, the dates
// and the answer (complaint.PublicView).

// ComplaintDesk files and tracks complaints (*complaint.Service).
type ComplaintDesk interface {
	File(ctx context.Context, a zhifa.Actor, f complaint.Filing) (string, *complaint.Complaint, error)
	Track(ctx context.Context, code string) (*complaint.PublicView, error)
}

// Complaints serves the complaint form and the tracking page.
type Complaints struct {
	ui       *ui.Responder
	agencies AgencyLister
	desk     ComplaintDesk
	client   func(*http.Request) string // the client's address, for the guess limit
	guesses  *guessLimit
}

// NewComplaints returns the complaint pages. client gives a request's client
// address (the server's trusted-proxy rule); now is the clock of the limit on
// wrong query codes.
func NewComplaints(u *ui.Responder, agencies AgencyLister, desk ComplaintDesk, client func(*http.Request) string, now func() time.Time) *Complaints {
	return &Complaints{ui: u, agencies: agencies, desk: desk, client: client,
		guesses: &guessLimit{max: MaxCodeGuesses, window: CodeGuessWindow, now: now, seen: map[string]*guessWindow{}}}
}

// ComplaintPage is the form, filled again with the problems of a refused
// filing, or the query code of an accepted one.
type ComplaintPage struct {
	ui.Page
	Agencies []*registry.Agency
	Kinds    []complaint.Kind
	Form     complaint.Filing
	Code     string // set once the complaint is filed
	Filed    *complaint.Complaint
}

func (s *Complaints) formPage(r *http.Request) (ComplaintPage, error) {
	p := ComplaintPage{Page: portalPage(r, "投诉举报"), Kinds: complaint.Kinds}
	ags, err := s.agencies.Agencies(r.Context())
	if err != nil {
		return p, err
	}
	p.Agencies = ags
	return p, nil
}

// HandleComplaintForm serves GET /complaints: the form. ?publication=ID and
// ?agency_id=ID preset an error report about a publication.
func (s *Complaints) HandleComplaintForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.formPage(r)
	if err != nil {
		return err
	}
	p.Form.Kind = complaint.KindComplaint
	if id := ui.FormID(r.URL.Query().Get("publication")); id > 0 {
		p.Form.Kind, p.Form.PublicationID = complaint.KindError, id
	}
	p.Form.AgencyID = ui.FormID(r.URL.Query().Get("agency_id"))
	s.ui.Render(w, r, http.StatusOK, "portal_complaint", p)
	return nil
}

// HandleComplaintFile serves POST /complaints.
func (s *Complaints) HandleComplaintFile(w http.ResponseWriter, r *http.Request) error {
	p, err := s.formPage(r)
	if err != nil {
		return err
	}
	f := complaint.Filing{Kind: complaint.Kind(r.PostFormValue("kind")), Subject: r.PostFormValue("subject"), Content: r.PostFormValue("content"),
		ContactName: r.PostFormValue("contact_name"), ContactPhone: r.PostFormValue("contact_phone")}
	p.Form = f
	problems := map[string]string{}
	if f.AgencyID, err = formInt(r, "agency_id"); err != nil {
		problems["agency_id"] = "请选择被投诉举报的执法主体"
	}
	if f.PublicationID, err = formInt(r, "publication_id"); err != nil {
		problems["publication_id"] = "公示信息编号应为数字"
	}
	p.Form.AgencyID, p.Form.PublicationID = f.AgencyID, f.PublicationID
	if len(problems) > 0 { // name every wrong field at once, not the ids alone
		if e, ok := f.Validate().(*zhifa.Error); ok {
			for k, v := range e.Problems {
				if problems[k] == "" {
					problems[k] = v
				}
			}
		}
	}
	var c *complaint.Complaint
	var code string
	if len(problems) == 0 {
		code, c, err = s.desk.File(r.Context(), ui.ActorFrom(r.Context()), f)
	} else {
		err = zhifa.Invalid(problems)
	}
	if err != nil {
		e, ok := err.(*zhifa.Error)
		if !ok || e.Code != zhifa.EINVALID {
			return err
		}
		p.Problems, p.Error = e.Problems, "提交未成功,请按提示修改后重新提交。"
		s.ui.Render(w, r, ui.ErrorStatus(err), "portal_complaint", p)
		return nil
	}
	// The code is shown once, on this page only: never in an address, and
	// the page is not kept by caches.
	w.Header().Set("Cache-Control", "no-store")
	p.Code, p.Filed, p.Title = code, c, "投诉举报已提交"
	s.ui.Render(w, r, http.StatusCreated, "portal_complaint", p)
	return nil
}

// formInt reads an optional id field: 0 when empty.
func formInt(r *http.Request, name string) (int64, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, zhifa.Invalid(map[string]string{name: "应为数字"})
	}
	return n, nil
}

// TrackPage is the tracking form and, with a valid code, the complaint.
type TrackPage struct {
	ui.Page
	View *complaint.PublicView
}

// HandleTrackForm serves GET /complaints/track.
func (s *Complaints) HandleTrackForm(w http.ResponseWriter, r *http.Request) error {
	s.ui.Render(w, r, http.StatusOK, "portal_complaint_track", TrackPage{Page: portalPage(r, "投诉举报办理查询")})
	return nil
}

// HandleTrack serves POST /complaints/track: the code travels in the body,
// so that it stays out of addresses, logs and histories. Wrong codes from
// one client are limited (MaxCodeGuesses per CodeGuessWindow).
func (s *Complaints) HandleTrack(w http.ResponseWriter, r *http.Request) error {
	p := TrackPage{Page: portalPage(r, "投诉举报办理查询")}
	w.Header().Set("Cache-Control", "no-store")
	client := s.client(r)
	if wait := s.guesses.blocked(client); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		p.Error = "查询码错误次数过多,请 " + strconv.Itoa(int(wait.Minutes())+1) + " 分钟后再试。"
		s.ui.Render(w, r, http.StatusTooManyRequests, "portal_complaint_track", p)
		return nil
	}
	v, err := s.desk.Track(r.Context(), r.PostFormValue("code"))
	if err != nil {
		switch zhifa.ErrorCode(err) {
		case zhifa.EINVALID, zhifa.ENOTFOUND:
			s.guesses.fail(client)
			p.Error = zhifa.ErrorMessage(err)
			p.Problems = map[string]string{"code": zhifa.ErrorMessage(err)}
			s.ui.Render(w, r, ui.ErrorStatus(err), "portal_complaint_track", p)
			return nil
		}
		return err
	}
	p.View = v
	s.ui.Render(w, r, http.StatusOK, "portal_complaint_track", p)
	return nil
}

// The limit on wrong query codes per client. A code has about 79 bits, so
// guessing is hopeless anyway; the limit keeps a scan from loading the
// server and makes it visible.
const (
	MaxCodeGuesses  = 10
	CodeGuessWindow = 15 * time.Minute
)

// guessLimit counts wrong codes per client in fixed windows. It is kept in
// memory: a restart forgets it, which only shortens a block.
type guessLimit struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	seen   map[string]*guessWindow
}

type guessWindow struct {
	start time.Time
	n     int
}

// blocked returns how long client must wait, 0 if it may try.
func (g *guessLimit) blocked(client string) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	w := g.seen[client]
	now := g.now()
	if w == nil || now.Sub(w.start) >= g.window {
		return 0
	}
	if w.n >= g.max {
		return w.start.Add(g.window).Sub(now)
	}
	return 0
}

// fail counts a wrong code of client.
func (g *guessLimit) fail(client string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	if len(g.seen) > 100_000 { // a flood of addresses: start afresh rather than grow
		clear(g.seen)
	}
	w := g.seen[client]
	if w == nil || now.Sub(w.start) >= g.window {
		w = &guessWindow{start: now}
		g.seen[client] = w
	}
	w.n++
}
