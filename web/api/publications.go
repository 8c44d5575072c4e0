package api

import (
	"net/http"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/web/portal"
	"github.com/zhifa/zhifa/web/staff"
	"github.com/zhifa/zhifa/web/ui"
)

// apiAgencyPublication is a publication as its agency sees it in the
// workbench: the masked public record with its status.
type apiAgencyPublication struct {
	ID          int64     `json:"id"`
	CaseID      int64     `json:"case_id"`
	AgencyID    int64     `json:"agency_id"`
	AgencyName  string    `json:"agency_name"`
	Category    string    `json:"category"`
	Number      string    `json:"number"`
	PartyKind   string    `json:"party_kind"`
	PartyName   string    `json:"party_name"`
	PartyIDNo   string    `json:"party_id_no"`
	LegalRep    string    `json:"legal_rep,omitempty"`
	PartyPhone  string    `json:"party_phone,omitempty"`
	Address     string    `json:"address"`
	Facts       string    `json:"facts"`
	Basis       string    `json:"basis"`
	PenaltyKind string    `json:"penalty_kind"`
	Penalty     string    `json:"penalty"`
	Fine        int64     `json:"fine"`
	Payment     string    `json:"payment"`
	Remedy      string    `json:"remedy"`
	DecidedOn   string    `json:"decided_on"`
	DueOn       string    `json:"due_on,omitempty"`
	Status      string    `json:"status"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	Report      string    `json:"report"`
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
	// Withdrawal is set once the status is 已撤回.
	Withdrawal  *portal.Withdrawal    `json:"withdrawal,omitempty"`
	Corrections []apiAgencyCorrection `json:"corrections"`
}

func toAPIAgencyPublication(p *publicity.Publication) apiAgencyPublication {
	return apiAgencyPublication{ID: p.ID, CaseID: p.CaseID, AgencyID: p.AgencyID, AgencyName: p.AgencyName, Category: p.Category, Number: p.Number,
		PartyKind: p.PartyKind, PartyName: p.PartyName, PartyIDNo: p.PartyIDNo, LegalRep: p.LegalRep, PartyPhone: p.PartyPhone, Address: p.Address,
		Facts: p.Facts, Basis: p.Basis, PenaltyKind: p.PenaltyKind, Penalty: p.Penalty, Fine: p.Fine, Payment: p.Payment, Remedy: p.Remedy,
		DecidedOn: zhifa.FormatDate(p.DecidedOn), DueOn: zhifa.FormatDate(p.DueOn), Status: p.Status, PublishedAt: p.PublishedAt, Report: p.Report,
		Created: p.Created, Updated: p.Updated, Withdrawal: portal.ToWithdrawal(p), Corrections: toAPIAgencyCorrections(p.Corrections)}
}

// HandleAPIAgencyPublications serves GET /api/v1/agency/publications.
func (s *Publications) HandleAPIAgencyPublications(w http.ResponseWriter, r *http.Request) error {
	status, err := staff.PublicationStatus(r)
	if err != nil {
		return err
	}
	ps, err := s.svc.AgencyPublications(r.Context(), ui.ActorFrom(r.Context()), status)
	if err != nil {
		return err
	}
	out := ui.List[apiAgencyPublication]{Items: []apiAgencyPublication{}}
	for _, p := range ps {
		out.Items = append(out.Items, toAPIAgencyPublication(p))
	}
	ui.WriteJSON(w, http.StatusOK, out)
	return nil
}

// HandleAPIPublicationPublish serves POST /api/v1/publications/{id}/publish.
func (s *Publications) HandleAPIPublicationPublish(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	p, err := s.svc.Publish(r.Context(), ui.ActorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, toAPIAgencyPublication(p))
	return nil
}

// apiAgencyCorrection is a correction as its agency sees it.
type apiAgencyCorrection struct {
	portal.Correction
	WhilePublished bool   `json:"while_published"` // false: made before publication, not listed on the portal
	CorrectedBy    int64  `json:"corrected_by"`
	Report         string `json:"report"`
}

func toAPIAgencyCorrections(cs []publicity.Correction) []apiAgencyCorrection {
	out := []apiAgencyCorrection{}
	for i, c := range portal.ToCorrections(cs) {
		out = append(out, apiAgencyCorrection{Correction: c, WhilePublished: cs[i].Public, CorrectedBy: cs[i].CorrectedBy, Report: cs[i].Report})
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

// HandleAPIPublicationCorrect serves POST /api/v1/publications/{id}/corrections.
func (s *Publications) HandleAPIPublicationCorrect(w http.ResponseWriter, r *http.Request) error {
	id, in, err := ui.PathIndexAndBody[apiCorrectInput](r, "id")
	if err != nil {
		return err
	}
	p, err := s.svc.CorrectPublication(r.Context(), ui.ActorFrom(r.Context()), id, publicity.CorrectInput{Field: in.Field, Value: in.Value, Reason: in.Reason})
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusCreated, toAPIAgencyPublication(p))
	return nil
}

// HandleAPIPublicationWithdraw serves POST /api/v1/publications/{id}/withdraw.
func (s *Publications) HandleAPIPublicationWithdraw(w http.ResponseWriter, r *http.Request) error {
	id, in, err := ui.PathIndexAndBody[apiWithdrawInput](r, "id")
	if err != nil {
		return err
	}
	wi, badDate := staff.WithdrawInput(in.Cause, in.ChangedOn, in.Reason)
	p, err := s.withdraw(r, ui.ActorFrom(r.Context()), id, wi, badDate)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, toAPIAgencyPublication(p))
	return nil
}
