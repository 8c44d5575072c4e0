package workbench

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/complaint"
	"github.com/zhifa/zhifa/registry"
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
	ImportHotline(ctx context.Context, a zhifa.Actor, fs []complaint.Filing) ([]complaint.Imported, error)
}

// Complaints serves the complaint list and a complaint's page.
type Complaints struct {
	base
	flash
	svc      ComplaintsService
	agencies func(ctx context.Context) ([]*registry.Agency, error)
	today    func() zhifa.Date
}

// NewComplaints returns the complaint pages; agencies names the agencies an
// imported work order may be about; today is the day deadlines are judged
// on.
func NewComplaints(u *ui.Responder, svc ComplaintsService, agencies func(ctx context.Context) ([]*registry.Agency, error), today func() zhifa.Date, secure bool) *Complaints {
	return &Complaints{base: base{u}, flash: flash{secure}, svc: svc, agencies: agencies, today: today}
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
	Status         complaint.Status
	Statuses       []complaint.Status
	Rows           []complaintRow
	Columns        string   // the import file's header
	ImportProblems []string // the rows of a refused import
}

// HandleComplaintList serves GET /workbench/complaints[?status=].
func (s *Complaints) HandleComplaintList(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	p, err := s.listPage(r, a)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "complaint_list", p)
	return nil
}

func (s *Complaints) listPage(r *http.Request, a zhifa.Actor) (ComplaintListPage, error) {
	p := ComplaintListPage{Page: workbenchPage(a, "投诉举报"), Statuses: complaint.Statuses, Columns: strings.Join(complaint.HotlineColumns, ",")}
	var f complaint.Filter
	if v := r.URL.Query().Get("status"); v != "" {
		st := complaint.Status(v)
		if st.Name() == "" {
			return p, zhifa.Invalid(map[string]string{"status": "办理状态“" + v + "”无效"})
		}
		p.Status, f.Status = st, &st
	}
	cs, err := s.svc.List(r.Context(), a, f)
	if err != nil {
		return p, err
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
	return p, nil
}

// HandleComplaintImport serves POST /workbench/complaints/import: a CSV
// file of 12345 work orders (complaint.HotlineColumns), imported whole or
// not at all; the answer lists the query code made for each order, once.
func (s *Complaints) HandleComplaintImport(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	imported, err := s.importFile(r, a)
	if err != nil {
		msg, problems, ok := refused(err)
		if !ok {
			return err
		}
		p, lerr := s.listPage(r, a)
		if lerr != nil {
			return lerr
		}
		p.Error, p.Problems = "导入未成功,未导入任何工单:"+msg, problems
		for _, k := range slices.Sorted(maps.Keys(problems)) {
			p.ImportProblems = append(p.ImportProblems, problems[k])
		}
		s.render(w, r, ui.ErrorStatus(err), "complaint_list", p)
		return nil
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusCreated, "complaint_import", ComplaintImportPage{Page: workbenchPage(a, "12345 工单导入结果"), Imported: imported})
	return nil
}

func (s *Complaints) importFile(r *http.Request, a zhifa.Actor) ([]complaint.Imported, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return nil, zhifa.Invalid(map[string]string{"file": "请选择要导入的 CSV 文件(不超过 1 MB)"})
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, zhifa.Invalid(map[string]string{"file": "请选择要导入的 CSV 文件"})
	}
	defer f.Close()
	ags, err := s.agencies(r.Context())
	if err != nil {
		return nil, err
	}
	byName := map[string]int64{}
	for _, ag := range ags {
		byName[ag.Name] = ag.ID
	}
	fs, err := complaint.ParseHotline(f, byName)
	if err != nil {
		return nil, err
	}
	return s.svc.ImportHotline(r.Context(), a, fs)
}

// ComplaintImportPage lists the imported work orders with their codes.
type ComplaintImportPage struct {
	ui.Page
	Imported []complaint.Imported
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
