package api

import (
	"context"
	"net/http"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/web/ui"
)

// The registry's JSON API: agencies, officers and matters. Handlers decode,
// call one service method and answer; validation is the service's. The
// three kinds of row share one JSON flow (RegistryAPI), configured per kind
// below: what differs is how a row is read from JSON and shown in it. The
// registry's pages are web/workbench's registry.go.

// JSON API. Read-only fields (id, agency_name, state, created, updated) are
// ignored on input; PUT replaces every other field.

// RegistryAPI is the one JSON flow for a kind of registry row R, exchanged
// as J: list, create, get and update. Registry's AgencyAPI, OfficerAPI and
// MatterAPI configure it; web/routes.go routes its handlers.
type RegistryAPI[R, J any] struct {
	list           func(r *http.Request) ([]R, error) // the rows the query selects
	find           func(ctx context.Context, id int64) (R, error)
	create, update func(ctx context.Context, a zhifa.Actor, row R) error
	row            func(in J, id int64) R // the row of the input (id 0 for a new one)
	// answer returns the JSON of a row just written (the stored row, for
	// kinds whose answer shows what the store adds) and of a row read.
	answer func(ctx context.Context, row R) (J, error)
	json   func(row R) J
}

// HandleList serves GET path: the rows the query selects.
func (api RegistryAPI[R, J]) HandleList(w http.ResponseWriter, r *http.Request) error {
	rows, err := api.list(r)
	if err != nil {
		return err
	}
	out := ui.List[J]{Items: []J{}}
	for _, row := range rows {
		out.Items = append(out.Items, api.json(row))
	}
	ui.WriteJSON(w, http.StatusOK, out)
	return nil
}

// HandleGet serves GET path/{id}.
func (api RegistryAPI[R, J]) HandleGet(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	row, err := api.find(r.Context(), id)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, http.StatusOK, api.json(row))
	return nil
}

// HandleCreate serves POST path: a new row (201).
func (api RegistryAPI[R, J]) HandleCreate(w http.ResponseWriter, r *http.Request) error {
	return api.save(w, r, 0, http.StatusCreated, api.create)
}

// HandleUpdate serves PUT path/{id}: every field but the read-only ones.
func (api RegistryAPI[R, J]) HandleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := ui.PathIndex(r, "id")
	if err != nil {
		return err
	}
	return api.save(w, r, id, http.StatusOK, api.update)
}

func (api RegistryAPI[R, J]) save(w http.ResponseWriter, r *http.Request, id int64, status int, write func(context.Context, zhifa.Actor, R) error) error {
	in, err := ui.JSONBody[J](r)
	if err != nil {
		return err
	}
	row := api.row(in, id)
	if err := write(r.Context(), ui.ActorFrom(r.Context()), row); err != nil {
		return err
	}
	out, err := api.answer(r.Context(), row)
	if err != nil {
		return err
	}
	ui.WriteJSON(w, status, out)
	return nil
}

type apiAgency struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	ShortName  string    `json:"short_name"`
	Kind       string    `json:"kind"`
	CreditCode string    `json:"credit_code"`
	Region     string    `json:"region"`
	Level      string    `json:"level"`
	ParentID   int64     `json:"parent_id,omitempty"`
	Basis      string    `json:"basis"`
	Supervisor bool      `json:"supervisor"`
	Address    string    `json:"address"`
	Phone      string    `json:"phone"`
	ReviewDays int       `json:"review_days"`
	Created    time.Time `json:"created,omitzero"`
	Updated    time.Time `json:"updated,omitzero"`
}

func toAPIAgency(a *registry.Agency) apiAgency {
	return apiAgency{ID: a.ID, Name: a.Name, ShortName: a.ShortName, Kind: a.Kind, CreditCode: a.CreditCode, Region: a.Region, Level: a.Level,
		ParentID: a.ParentID, Basis: a.Basis, Supervisor: a.Supervisor, Address: a.Address, Phone: a.Phone, ReviewDays: a.ReviewDays, Created: a.Created, Updated: a.Updated}
}

// AgencyAPI is the JSON flow of agencies (/api/v1/agencies); it answers a
// write with the agency as written.
func (s *Registry) AgencyAPI() RegistryAPI[*registry.Agency, apiAgency] {
	return RegistryAPI[*registry.Agency, apiAgency]{
		list: func(r *http.Request) ([]*registry.Agency, error) { return s.svc.Agencies(r.Context()) },
		find: s.svc.Agency, create: s.svc.CreateAgency, update: s.svc.UpdateAgency,
		row: func(in apiAgency, id int64) *registry.Agency {
			return &registry.Agency{ID: id, Name: in.Name, ShortName: in.ShortName, Kind: in.Kind, CreditCode: in.CreditCode, Region: in.Region, Level: in.Level,
				ParentID: in.ParentID, Basis: in.Basis, Supervisor: in.Supervisor, Address: in.Address, Phone: in.Phone, ReviewDays: in.ReviewDays}
		},
		answer: func(_ context.Context, ag *registry.Agency) (apiAgency, error) { return toAPIAgency(ag), nil },
		json:   toAPIAgency,
	}
}

type apiOfficer struct {
	ID                 int64     `json:"id"`
	AgencyID           int64     `json:"agency_id"`
	AgencyName         string    `json:"agency_name,omitempty"`
	Name               string    `json:"name"`
	Gender             string    `json:"gender"`
	Post               string    `json:"post"`
	CertNo             string    `json:"cert_no"`
	Category           string    `json:"category"`
	ValidFrom          string    `json:"valid_from"`
	ValidTo            string    `json:"valid_to"`
	Status             string    `json:"status"`
	State              string    `json:"state,omitempty"`
	LegalQualification bool      `json:"legal_qualification"`
	Created            time.Time `json:"created,omitzero"`
	Updated            time.Time `json:"updated,omitzero"`
}

func toAPIOfficer(o *registry.Officer, today zhifa.Date) apiOfficer {
	return apiOfficer{ID: o.ID, AgencyID: o.AgencyID, AgencyName: o.AgencyName, Name: o.Name, Gender: o.Gender, Post: o.Post, CertNo: o.CertNo,
		Category: o.Category, ValidFrom: o.ValidFrom.String(), ValidTo: o.ValidTo.String(), Status: o.Status,
		State: string(o.Certificate().State(today)), LegalQualification: o.LegalQualification, Created: o.Created, Updated: o.Updated}
}

// OfficerAPI is the JSON flow of officers (/api/v1/officers); it answers a
// write with the officer as stored (with its agency's
// name). A malformed date in the input becomes the zero date, which the
// service reports with the expected format.
func (s *Registry) OfficerAPI() RegistryAPI[*registry.Officer, apiOfficer] {
	json := func(o *registry.Officer) apiOfficer { return toAPIOfficer(o, s.svc.Today()) }
	return RegistryAPI[*registry.Officer, apiOfficer]{
		list: func(r *http.Request) ([]*registry.Officer, error) {
			agencyID, err := ui.QueryID(r, "agency_id")
			if err != nil {
				return nil, err
			}
			return s.svc.Officers(r.Context(), registry.OfficerFilter{AgencyID: agencyID, Category: ui.QueryString(r, "category"), CertNo: ui.QueryString(r, "cert_no"), Status: ui.QueryString(r, "status")})
		},
		find: s.svc.Officer, create: s.svc.CreateOfficer, update: s.svc.UpdateOfficer,
		row: func(in apiOfficer, id int64) *registry.Officer {
			o := &registry.Officer{ID: id, AgencyID: in.AgencyID, Name: in.Name, Gender: in.Gender, Post: in.Post, CertNo: in.CertNo, Category: in.Category,
				Status: in.Status, LegalQualification: in.LegalQualification}
			o.ValidFrom = ui.FormDate(in.ValidFrom)
			o.ValidTo = ui.FormDate(in.ValidTo)
			return o
		},
		answer: func(ctx context.Context, o *registry.Officer) (apiOfficer, error) {
			return stored(ctx, s.svc.Officer, o.ID, json)
		},
		json: json,
	}
}

type apiMatter struct {
	ID           int64     `json:"id"`
	AgencyID     int64     `json:"agency_id"`
	AgencyName   string    `json:"agency_name,omitempty"`
	Code         string    `json:"code"`
	Name         string    `json:"name"`
	Category     string    `json:"category"`
	Basis        string    `json:"basis"`
	PenaltyKinds []string  `json:"penalty_kinds"`
	Procedure    string    `json:"procedure"`
	TimeLimit    string    `json:"time_limit"`
	Unit         string    `json:"unit"`
	Created      time.Time `json:"created,omitzero"`
	Updated      time.Time `json:"updated,omitzero"`
}

func toAPIMatter(m *registry.Matter) apiMatter {
	kinds := m.PenaltyKinds
	if kinds == nil {
		kinds = []string{}
	}
	return apiMatter{ID: m.ID, AgencyID: m.AgencyID, AgencyName: m.AgencyName, Code: m.Code, Name: m.Name, Category: m.Category, Basis: m.Basis,
		PenaltyKinds: kinds, Procedure: m.Procedure, TimeLimit: m.TimeLimit, Unit: m.Unit, Created: m.Created, Updated: m.Updated}
}

// MatterAPI is the JSON flow of matters (/api/v1/matters); it answers a
// write with the matter as stored (with its agency's
// name).
func (s *Registry) MatterAPI() RegistryAPI[*registry.Matter, apiMatter] {
	return RegistryAPI[*registry.Matter, apiMatter]{
		list: func(r *http.Request) ([]*registry.Matter, error) {
			agencyID, err := ui.QueryID(r, "agency_id")
			if err != nil {
				return nil, err
			}
			return s.svc.Matters(r.Context(), registry.MatterFilter{AgencyID: agencyID, Category: ui.QueryString(r, "category")})
		},
		find: s.svc.Matter, create: s.svc.CreateMatter, update: s.svc.UpdateMatter,
		row: func(in apiMatter, id int64) *registry.Matter {
			return &registry.Matter{ID: id, AgencyID: in.AgencyID, Code: in.Code, Name: in.Name, Category: in.Category, Basis: in.Basis, PenaltyKinds: in.PenaltyKinds,
				Procedure: in.Procedure, TimeLimit: in.TimeLimit, Unit: in.Unit}
		},
		answer: func(ctx context.Context, m *registry.Matter) (apiMatter, error) {
			return stored(ctx, s.svc.Matter, m.ID, toAPIMatter)
		},
		json: toAPIMatter,
	}
}

// stored returns the JSON of row id as the store holds it.
func stored[R, J any](ctx context.Context, find func(context.Context, int64) (R, error), id int64, json func(R) J) (J, error) {
	row, err := find(ctx, id)
	if err != nil {
		var zero J
		return zero, err
	}
	return json(row), nil
}
