package workbench

import (
	"context"
	"net/http"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/web/ui"
)

// NumberFormatsService reads and sets an agency's document number formats
// (*penalty.Service).
type NumberFormatsService interface {
	NumberFormats(ctx context.Context, a zhifa.Actor, agencyID int64) ([]penalty.NumberFormat, error)
	SetNumberFormat(ctx context.Context, a zhifa.Actor, agencyID int64, docType, format string) error
}

// NumberFormats serves the page where an agency's administrator sets the
// format of its document numbers (文号, DOMAIN §10): one form per type of
// document the penalty procedure numbers (penalty.DocTypes).
type NumberFormats struct {
	base
	flash
	svc NumberFormatsService
}

// NewNumberFormats returns the number format page; secure marks the flash
// cookie Secure.
func NewNumberFormats(svc NumberFormatsService, u *ui.Responder, secure bool) *NumberFormats {
	return &NumberFormats{base: base{u}, flash: flash{secure}, svc: svc}
}

// NumberFormatsPage lists an agency's formats.
type NumberFormatsPage struct {
	ui.Page
	AgencyID int64
	Formats  []penalty.NumberFormat
	Failed   string // the document type of a rejected form
	Value    string // the format entered in the rejected form
}

const numberFormatsPath = "/workbench/number-formats"

// numberFormatsAgency is the agency of the page: agency_id, else the actor's.
func numberFormatsAgency(r *http.Request, a zhifa.Actor) int64 {
	if id := ui.FormID(r.FormValue("agency_id")); id > 0 {
		return id
	}
	return a.AgencyID
}

// HandleNumberFormats serves GET /workbench/number-formats[?agency_id=].
func (s *NumberFormats) HandleNumberFormats(w http.ResponseWriter, r *http.Request) error {
	a, err := ui.RequireLogin(r)
	if err != nil {
		return err
	}
	p := workbenchPage(a, "文号格式")
	p.Flash = s.takeFlash(w, r, numberFormatsPath)
	return s.renderFormats(w, r, http.StatusOK, p, numberFormatsAgency(r, a), "", "")
}

func (s *NumberFormats) renderFormats(w http.ResponseWriter, r *http.Request, status int, p ui.Page, agencyID int64, failed, value string) error {
	fs, err := s.svc.NumberFormats(r.Context(), ui.ActorFrom(r.Context()), agencyID)
	if err != nil {
		return err
	}
	s.render(w, r, status, "number_formats", NumberFormatsPage{Page: p, AgencyID: agencyID, Formats: fs, Failed: failed, Value: value})
	return nil
}

// HandleNumberFormatSet serves POST /workbench/number-formats: doc_type,
// format, agency_id.
func (s *NumberFormats) HandleNumberFormatSet(w http.ResponseWriter, r *http.Request) error {
	a := ui.ActorFrom(r.Context())
	agencyID := numberFormatsAgency(r, a)
	docType, format := r.FormValue("doc_type"), r.FormValue("format")
	if err := s.svc.SetNumberFormat(r.Context(), a, agencyID, docType, format); err != nil {
		if p, ok := failedForm(workbenchPage(a, "文号格式"), err); ok {
			return s.renderFormats(w, r, http.StatusBadRequest, p, agencyID, docType, format)
		}
		return err
	}
	s.setFlash(w, numberFormatsPath, "文号格式已保存,并记入执法台账;此后签发的文书按新格式编号。")
	http.Redirect(w, r, numberFormatsPath+"?agency_id="+strconv.FormatInt(agencyID, 10), http.StatusSeeOther)
	return nil
}
