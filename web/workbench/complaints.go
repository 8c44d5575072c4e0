package workbench

import (
	"context"
	"net/http"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/complaint"
	"github.com/zhifa/zhifa/web/ui"
)

// 投诉举报 in the workbench: the agency's unit and agency heads handle the
// complaints about their agency, the 司法局's supervisors those of every
// agency (access.ComplaintHandle). Here, unlike on the portal, the
// complainant's words and contact are shown: answering needs them.

// ComplaintsService lists and handles complaints (*complaint.Service).
type ComplaintsService interface {
	List(ctx context.Context, a zhifa.Actor, f complaint.Filter) ([]*complaint.Complaint, error)
	Get(ctx context.Context, a zhifa.Actor, id int64) (*complaint.Complaint, error)
	Handle(ctx context.Context, a zhifa.Actor, id int64, action complaint.Action, text string) (*complaint.Complaint, error)
}

// Complaints serves the complaint list and a complaint's page.
type Complaints struct {
	base
	flash
	svc   ComplaintsService
	today func() zhifa.Date
}

// NewComplaints returns the complaint pages; today is the day deadlines are
// judged on.
func NewComplaints(u *ui.Responder, svc ComplaintsService, today func() zhifa.Date, secure bool) *Complaints {
	return &Complaints{base: base{u}, flash: flash{secure}, svc: svc, today: today}
}

// complaintRow is a complaint with where its current limit stands.
type complaintRow struct {
	*complaint.Complaint
	Standing string // Chinese
	Overdue  bool
}

func (s *Complaints) row(c *complaint.Complaint) complaintRow {
	st := c.Standing(s.today())
	return complaintRow{Complaint: c, Standing: st.Name(), Overdue: st.Code() == "overdue" || st.Code() == "late"}
}

// ComplaintListPage lists complaints, open ones first.
type ComplaintListPage struct {
	ui.Page
	Status   complaint.Status
	Statuses []complaint.Status
	Rows     []complaintRow
}

// HandleComplaintList serves GET /workbench/complaints[?status=].
func (s *Complaints) HandleComplaintList(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	p := ComplaintListPage{Page: workbenchPage(a, "投诉举报"), Statuses: complaint.Statuses}
	var f complaint.Filter
	if v := r.URL.Query().Get("status"); v != "" {
		st := complaint.Status(v)
		if st.Name() == "" {
			return zhifa.Invalid(map[string]string{"status": "办理状态“" + v + "”无效"})
		}
		p.Status, f.Status = st, &st
	}
	cs, err := s.svc.List(r.Context(), a, f)
	if err != nil {
		return err
	}
	// Open complaints first, the earliest due first; then the rest as listed.
	var open, done []complaintRow
	for _, c := range cs {
		if c.Status.Final() {
			done = append(done, s.row(c))
		} else {
			open = append(open, s.row(c))
		}
	}
	for i := 1; i < len(open); i++ { // insertion sort by due date: lists are short
		for j := i; j > 0 && open[j].Due().Before(open[j-1].Due()); j-- {
			open[j], open[j-1] = open[j-1], open[j]
		}
	}
	p.Rows = append(open, done...)
	s.render(w, r, http.StatusOK, "complaint_list", p)
	return nil
}

// ComplaintPage is one complaint with the actions its status allows.
type ComplaintPage struct {
	ui.Page
	Row     complaintRow
	Actions []complaint.Action
	Text    string
}

func (s *Complaints) page(w http.ResponseWriter, r *http.Request, a zhifa.Actor, id int64) (ComplaintPage, error) {
	c, err := s.svc.Get(r.Context(), a, id)
	if err != nil {
		return ComplaintPage{}, err
	}
	p := ComplaintPage{Page: workbenchPage(a, c.Kind.Name()+"办理"), Row: s.row(c), Actions: complaint.Next(c.Status)}
	p.Flash = s.takeFlash(w, r, r.URL.Path)
	return p, nil
}

// HandleComplaintView serves GET /workbench/complaints/{id}.
func (s *Complaints) HandleComplaintView(w http.ResponseWriter, r *http.Request) error {
	a, id, err := actorAndID(r)
	if err != nil {
		return err
	}
	p, err := s.page(w, r, a, id)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "complaint_view", p)
	return nil
}

// HandleComplaintAct serves POST /workbench/complaints/{id}: action
// (accept, decline, reply) and text.
func (s *Complaints) HandleComplaintAct(w http.ResponseWriter, r *http.Request) error {
	a, id, err := actorAndID(r)
	if err != nil {
		return err
	}
	action, text := complaint.Action(r.PostFormValue("action")), r.PostFormValue("text")
	c, err := s.svc.Handle(r.Context(), a, id, action, text)
	if err != nil {
		msg, problems, ok := refused(err)
		if !ok {
			return err
		}
		p, perr := s.page(w, r, a, id)
		if perr != nil {
			return perr
		}
		p.Error, p.Problems, p.Text = msg, problems, text
		s.render(w, r, ui.ErrorStatus(err), "complaint_view", p)
		return nil
	}
	s.setFlash(w, r.URL.Path, "已"+action.Name()+":该"+c.Kind.Name()+"现为“"+c.Status.Name()+"”。")
	http.Redirect(w, r, r.URL.Path, http.StatusSeeOther)
	return nil
}
