package workbench

import (
	"context"
	"net/http"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/web/ui"
)

// Counsel pages of the workbench (issue 11): the administrator registers
// an agency's 法律顾问 and 公职律师 (/workbench/counsel); the reviewer
// assigns them to a case in review and files their opinions
// (/workbench/cases/{id}/advisers); the 司法局 sees each agency's review
// staffing (/workbench/review-staffing). The rules are package review's.

// CounselService is what the counsel pages call (*review.Service).
type CounselService interface {
	CreateCounsel(ctx context.Context, a zhifa.Actor, c *registry.Counsel) error
	Counsels(ctx context.Context, agencyID int64) ([]*registry.Counsel, error)
	AssignAdviser(ctx context.Context, a zhifa.Actor, caseID, counselID int64) (*review.Adviser, error)
	RecordAdviserOpinion(ctx context.Context, a zhifa.Actor, caseID, adviserID int64, opinion string) (*review.Adviser, error)
	Advisers(ctx context.Context, a zhifa.Actor, caseID int64) ([]review.Adviser, error)
	Staffing(ctx context.Context, a zhifa.Actor) ([]review.Staffing, error)
}

// Counsel serves the counsel pages.
type Counsel struct {
	base
	svc      CounselService
	agencies CatalogAgencies
}

// NewCounsel returns the counsel pages.
func NewCounsel(svc CounselService, agencies CatalogAgencies, u *ui.Responder) *Counsel {
	return &Counsel{base: base{u}, svc: svc, agencies: agencies}
}

// CounselPage lists counsel and offers the registration form.
type CounselPage struct {
	ui.Page
	Counsels []*registry.Counsel
	Agencies []*registry.Agency
	Kinds    []string
	Form     registry.Counsel
}

// HandleCounsel serves GET /workbench/counsel.
func (s *Counsel) HandleCounsel(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	p := CounselPage{Page: workbenchPage(a, "法律顾问与公职律师"), Form: registry.Counsel{AgencyID: a.AgencyID}}
	if r.URL.Query().Get("saved") != "" {
		p.Flash = "已登记,并记入执法台账。"
	}
	return s.showCounsel(w, r, http.StatusOK, p)
}

func (s *Counsel) showCounsel(w http.ResponseWriter, r *http.Request, status int, p CounselPage) error {
	var err error
	if p.Counsels, err = s.svc.Counsels(r.Context(), 0); err != nil {
		return err
	}
	if p.Agencies, err = s.agencies.Agencies(r.Context()); err != nil {
		return err
	}
	p.Kinds = registry.CounselKinds
	s.render(w, r, status, "counsel", p)
	return nil
}

// HandleCounselCreate serves POST /workbench/counsel.
func (s *Counsel) HandleCounselCreate(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	c := registry.Counsel{AgencyID: ui.FormID(r.PostFormValue("agency_id")), Kind: r.PostFormValue("kind"), Name: r.PostFormValue("name"),
		Organization: r.PostFormValue("organization"), LicenseNo: r.PostFormValue("license_no"), LegalQualification: r.PostFormValue("legal_qualification") != ""}
	if err := s.svc.CreateCounsel(r.Context(), a, &c); err != nil {
		if p, ok := failedForm(workbenchPage(a, "法律顾问与公职律师"), err); ok {
			return s.showCounsel(w, r, http.StatusBadRequest, CounselPage{Page: p, Form: c})
		}
		return err
	}
	http.Redirect(w, r, "/workbench/counsel?saved=1", http.StatusSeeOther)
	return nil
}

// AdvisersPage shows a case's advisers and the forms to assign and file.
type AdvisersPage struct {
	ui.Page
	CaseID   int64
	Advisers []review.Adviser
	Counsels []*registry.Counsel // the agency's counsel in post
}

// HandleAdvisers serves GET /workbench/cases/{id}/advisers.
func (s *Counsel) HandleAdvisers(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	p := AdvisersPage{Page: workbenchPage(a, "法制审核:法律顾问意见")}
	if r.URL.Query().Get("saved") != "" {
		p.Flash = "已记录,并记入执法台账。"
	}
	return s.showAdvisers(w, r, http.StatusOK, p, id)
}

func (s *Counsel) showAdvisers(w http.ResponseWriter, r *http.Request, status int, p AdvisersPage, id int64) error {
	xs, err := s.svc.Advisers(r.Context(), p.Actor, id)
	if err != nil {
		return err
	}
	ks, err := s.svc.Counsels(r.Context(), p.Actor.AgencyID)
	if err != nil {
		return err
	}
	for _, k := range ks {
		if k.Status == registry.CounselActive {
			p.Counsels = append(p.Counsels, k)
		}
	}
	p.CaseID, p.Advisers = id, xs
	s.render(w, r, status, "advisers", p)
	return nil
}

// HandleAdviserPost serves POST /workbench/cases/{id}/advisers: assign
// (counsel_id) or file an opinion (adviser_id, opinion).
func (s *Counsel) HandleAdviserPost(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	if adviser := ui.FormID(r.PostFormValue("adviser_id")); adviser > 0 {
		_, err = s.svc.RecordAdviserOpinion(r.Context(), a, id, adviser, r.PostFormValue("opinion"))
	} else {
		_, err = s.svc.AssignAdviser(r.Context(), a, id, ui.FormID(r.PostFormValue("counsel_id")))
	}
	if err != nil {
		if p, ok := failedForm(workbenchPage(a, "法制审核:法律顾问意见"), err); ok {
			return s.showAdvisers(w, r, http.StatusBadRequest, AdvisersPage{Page: p}, id)
		}
		return err
	}
	http.Redirect(w, r, "/workbench/cases/"+strconv.FormatInt(id, 10)+"/advisers?saved=1", http.StatusSeeOther)
	return nil
}

// StaffingPage is the staffing report.
type StaffingPage struct {
	ui.Page
	Rows []review.Staffing
}

// HandleStaffing serves GET /workbench/review-staffing.
func (s *Counsel) HandleStaffing(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	rows, err := s.svc.Staffing(r.Context(), a)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "review_staffing", StaffingPage{Page: workbenchPage(a, "法制审核力量配备"), Rows: rows})
	return nil
}
