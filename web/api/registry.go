package api

import (
	"net/http"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/service"
)

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

func toAPIAgency(a *zhifa.Agency) apiAgency {
	return apiAgency{ID: a.ID, Name: a.Name, ShortName: a.ShortName, Kind: a.Kind, CreditCode: a.CreditCode, Region: a.Region, Level: a.Level,
		ParentID: a.ParentID, Basis: a.Basis, Supervisor: a.Supervisor, Address: a.Address, Phone: a.Phone, ReviewDays: a.ReviewDays, Created: a.Created, Updated: a.Updated}
}

func (in apiAgency) agency() *zhifa.Agency {
	return &zhifa.Agency{Name: in.Name, ShortName: in.ShortName, Kind: in.Kind, CreditCode: in.CreditCode, Region: in.Region, Level: in.Level,
		ParentID: in.ParentID, Basis: in.Basis, Supervisor: in.Supervisor, Address: in.Address, Phone: in.Phone, ReviewDays: in.ReviewDays}
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

func toAPIOfficer(o *zhifa.Officer, today time.Time) apiOfficer {
	return apiOfficer{ID: o.ID, AgencyID: o.AgencyID, AgencyName: o.AgencyName, Name: o.Name, Gender: o.Gender, Post: o.Post, CertNo: o.CertNo,
		Category: o.Category, ValidFrom: zhifa.FormatDate(o.ValidFrom), ValidTo: zhifa.FormatDate(o.ValidTo), Status: o.Status,
		State: o.CertState(today), LegalQualification: o.LegalQualification, Created: o.Created, Updated: o.Updated}
}

// officer converts the input; a malformed date becomes the zero date, which
// the service reports with the expected format.
func (in apiOfficer) officer() *zhifa.Officer {
	o := &zhifa.Officer{AgencyID: in.AgencyID, Name: in.Name, Gender: in.Gender, Post: in.Post, CertNo: in.CertNo, Category: in.Category,
		Status: in.Status, LegalQualification: in.LegalQualification}
	o.ValidFrom, _ = zhifa.ParseDate(in.ValidFrom)
	o.ValidTo, _ = zhifa.ParseDate(in.ValidTo)
	return o
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

func toAPIMatter(m *zhifa.Matter) apiMatter {
	kinds := m.PenaltyKinds
	if kinds == nil {
		kinds = []string{}
	}
	return apiMatter{ID: m.ID, AgencyID: m.AgencyID, AgencyName: m.AgencyName, Code: m.Code, Name: m.Name, Category: m.Category, Basis: m.Basis,
		PenaltyKinds: kinds, Procedure: m.Procedure, TimeLimit: m.TimeLimit, Unit: m.Unit, Created: m.Created, Updated: m.Updated}
}

func (in apiMatter) matter() *zhifa.Matter {
	return &zhifa.Matter{AgencyID: in.AgencyID, Code: in.Code, Name: in.Name, Category: in.Category, Basis: in.Basis, PenaltyKinds: in.PenaltyKinds,
		Procedure: in.Procedure, TimeLimit: in.TimeLimit, Unit: in.Unit}
}

// HandleAPIAgencies serves GET /api/v1/agencies.
func (s *Registry) HandleAPIAgencies(w http.ResponseWriter, r *http.Request) {
	ags, err := s.svc.Agencies(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiList[apiAgency]{Items: []apiAgency{}}
	for _, a := range ags {
		out.Items = append(out.Items, toAPIAgency(a))
	}
	writeJSON(w, http.StatusOK, out)
}

// HandleAPIAgencyCreate serves POST /api/v1/agencies.
func (s *Registry) HandleAPIAgencyCreate(w http.ResponseWriter, r *http.Request) {
	var in apiAgency
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	ag := in.agency()
	if err := s.svc.CreateAgency(r.Context(), actorFrom(r.Context()), ag); err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toAPIAgency(ag))
}

// HandleAPIAgencyGet serves GET /api/v1/agencies/{id}.
func (s *Registry) HandleAPIAgencyGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	ag, err := s.svc.Agency(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIAgency(ag))
}

// HandleAPIAgencyUpdate serves PUT /api/v1/agencies/{id}.
func (s *Registry) HandleAPIAgencyUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiAgency
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	ag := in.agency()
	ag.ID = id
	if err := s.svc.UpdateAgency(r.Context(), actorFrom(r.Context()), ag); err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIAgency(ag))
}

// HandleAPIOfficers serves GET /api/v1/officers.
func (s *Registry) HandleAPIOfficers(w http.ResponseWriter, r *http.Request) {
	agencyID, err := queryID(r, "agency_id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	f := service.OfficerFilter{AgencyID: agencyID, Category: queryString(r, "category"), CertNo: queryString(r, "cert_no"), Status: queryString(r, "status")}
	ofs, err := s.svc.Officers(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	today := s.svc.Today()
	out := apiList[apiOfficer]{Items: []apiOfficer{}}
	for _, o := range ofs {
		out.Items = append(out.Items, toAPIOfficer(o, today))
	}
	writeJSON(w, http.StatusOK, out)
}

// HandleAPIOfficerCreate serves POST /api/v1/officers.
func (s *Registry) HandleAPIOfficerCreate(w http.ResponseWriter, r *http.Request) {
	var in apiOfficer
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	o := in.officer()
	if err := s.svc.CreateOfficer(r.Context(), actorFrom(r.Context()), o); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIOfficer(w, r, http.StatusCreated, o.ID)
}

// writeAPIOfficer writes the officer as stored (with its agency's name).
func (s *Registry) writeAPIOfficer(w http.ResponseWriter, r *http.Request, status int, id int64) {
	o, err := s.svc.Officer(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, status, toAPIOfficer(o, s.svc.Today()))
}

// HandleAPIOfficerGet serves GET /api/v1/officers/{id}.
func (s *Registry) HandleAPIOfficerGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIOfficer(w, r, http.StatusOK, id)
}

// HandleAPIOfficerUpdate serves PUT /api/v1/officers/{id}.
func (s *Registry) HandleAPIOfficerUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiOfficer
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	o := in.officer()
	o.ID = id
	if err := s.svc.UpdateOfficer(r.Context(), actorFrom(r.Context()), o); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIOfficer(w, r, http.StatusOK, id)
}

// HandleAPIMatters serves GET /api/v1/matters.
func (s *Registry) HandleAPIMatters(w http.ResponseWriter, r *http.Request) {
	agencyID, err := queryID(r, "agency_id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	ms, err := s.svc.Matters(r.Context(), service.MatterFilter{AgencyID: agencyID, Category: queryString(r, "category")})
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiList[apiMatter]{Items: []apiMatter{}}
	for _, m := range ms {
		out.Items = append(out.Items, toAPIMatter(m))
	}
	writeJSON(w, http.StatusOK, out)
}

// HandleAPIMatterCreate serves POST /api/v1/matters.
func (s *Registry) HandleAPIMatterCreate(w http.ResponseWriter, r *http.Request) {
	var in apiMatter
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	m := in.matter()
	if err := s.svc.CreateMatter(r.Context(), actorFrom(r.Context()), m); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIMatter(w, r, http.StatusCreated, m.ID)
}

// writeAPIMatter writes the matter as stored (with its agency's name).
func (s *Registry) writeAPIMatter(w http.ResponseWriter, r *http.Request, status int, id int64) {
	m, err := s.svc.Matter(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, status, toAPIMatter(m))
}

// HandleAPIMatterGet serves GET /api/v1/matters/{id}.
func (s *Registry) HandleAPIMatterGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIMatter(w, r, http.StatusOK, id)
}

// HandleAPIMatterUpdate serves PUT /api/v1/matters/{id}.
func (s *Registry) HandleAPIMatterUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathIndex(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiMatter
	if err := decodeJSON(r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	m := in.matter()
	m.ID = id
	if err := s.svc.UpdateMatter(r.Context(), actorFrom(r.Context()), m); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeAPIMatter(w, r, http.StatusOK, id)
}
