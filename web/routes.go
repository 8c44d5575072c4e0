package web

import (
	"io/fs"
	"net/http"

	"github.com/zhifa/zhifa/ledger"
)

// routes lists every route of the server.
func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")

	// Operations.
	m.HandleFunc("GET /healthz", s.handleHealth)
	m.HandleFunc("GET /readyz", s.handleReady)
	m.HandleFunc("GET /metrics", s.handleMetrics)
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(s.staticFiles(static))))

	// Public portal (公示门户).
	m.HandleFunc("GET /{$}", s.handlePortalHome)

	// Workbench (工作台) and login.
	m.HandleFunc("GET /login", s.handleLoginForm)
	m.HandleFunc("POST /login", s.handleLogin)
	m.HandleFunc("POST /logout", s.handleLogout)
	m.HandleFunc("GET /workbench", s.handleWorkbench)
	m.HandleFunc("GET /workbench/redact", s.handleRedactForm)
	m.HandleFunc("POST /workbench/redact", s.handleRedact)

	// JSON API.
	m.HandleFunc("GET /api/v1/openapi.json", s.handleAPIOpenAPI)
	m.HandleFunc("POST /api/v1/session", s.handleAPILogin)
	m.HandleFunc("DELETE /api/v1/session", s.handleAPILogout)
	m.HandleFunc("GET /api/v1/me", s.api(s.handleAPIMe))
	m.HandleFunc("GET /api/v1/ledger/proof/{index}", s.handleAPIProof)
	m.HandleFunc("GET /api/v1/ledger/events/{index}", s.handleAPIEvent)
	m.HandleFunc("POST /api/v1/redact", s.handleAPIRedact)
	m.HandleFunc("POST /api/v1/redact/confirm", s.handleAPIRedactConfirm)

	// Registry and public portal (issue 3).
	m.HandleFunc("GET /agencies", s.handlePortalAgencies)
	m.HandleFunc("GET /agencies/{id}", s.handlePortalAgency)
	m.HandleFunc("GET /matters", s.handlePortalMatters)
	m.HandleFunc("GET /verify/officer", s.handlePortalVerifyForm)
	m.HandleFunc("GET /verify/officer/{cert}", s.handlePortalVerify)
	agencyForm, officerForm, matterForm := s.agencyForm(), s.officerForm(), s.matterForm()
	m.HandleFunc("GET /workbench/registry", s.page(s.handleRegistry))
	m.HandleFunc("GET /workbench/registry/agencies/new", s.page(agencyForm.handleNew))
	m.HandleFunc("POST /workbench/registry/agencies", s.page(agencyForm.handleCreate))
	m.HandleFunc("GET /workbench/registry/agencies/{id}/edit", s.page(agencyForm.handleEdit))
	m.HandleFunc("POST /workbench/registry/agencies/{id}", s.page(agencyForm.handleUpdate))
	m.HandleFunc("GET /workbench/registry/officers/new", s.page(officerForm.handleNew))
	m.HandleFunc("POST /workbench/registry/officers", s.page(officerForm.handleCreate))
	m.HandleFunc("GET /workbench/registry/officers/{id}/edit", s.page(officerForm.handleEdit))
	m.HandleFunc("POST /workbench/registry/officers/{id}", s.page(officerForm.handleUpdate))
	m.HandleFunc("GET /workbench/registry/matters/new", s.page(matterForm.handleNew))
	m.HandleFunc("POST /workbench/registry/matters", s.page(matterForm.handleCreate))
	m.HandleFunc("GET /workbench/registry/matters/{id}/edit", s.page(matterForm.handleEdit))
	m.HandleFunc("POST /workbench/registry/matters/{id}", s.page(matterForm.handleUpdate))
	agencyAPI, officerAPI, matterAPI := s.agencyAPI(), s.officerAPI(), s.matterAPI()
	m.HandleFunc("GET /api/v1/agencies", s.api(agencyAPI.handleList))
	m.HandleFunc("POST /api/v1/agencies", s.api(agencyAPI.handleCreate))
	m.HandleFunc("GET /api/v1/agencies/{id}", s.api(agencyAPI.handleGet))
	m.HandleFunc("PUT /api/v1/agencies/{id}", s.api(agencyAPI.handleUpdate))
	m.HandleFunc("GET /api/v1/officers", s.api(officerAPI.handleList))
	m.HandleFunc("POST /api/v1/officers", s.api(officerAPI.handleCreate))
	m.HandleFunc("GET /api/v1/officers/{id}", s.api(officerAPI.handleGet))
	m.HandleFunc("PUT /api/v1/officers/{id}", s.api(officerAPI.handleUpdate))
	m.HandleFunc("GET /api/v1/matters", s.api(matterAPI.handleList))
	m.HandleFunc("POST /api/v1/matters", s.api(matterAPI.handleCreate))
	m.HandleFunc("GET /api/v1/matters/{id}", s.api(matterAPI.handleGet))
	m.HandleFunc("PUT /api/v1/matters/{id}", s.api(matterAPI.handleUpdate))
	m.HandleFunc("GET /api/v1/public/verify/officer/{cert}", s.handleAPIVerifyOfficer)

	// Calendar and deadlines (issue 4).
	m.HandleFunc("GET /workbench/calendar", s.handleCalendar)
	m.HandleFunc("POST /workbench/calendar/import", s.handleCalendarImport)
	m.HandleFunc("GET /workbench/deadlines", s.handleDeadlines)
	m.HandleFunc("GET /api/v1/calendar/day/{date}", s.handleAPICalendarDay)
	m.HandleFunc("GET /api/v1/calendar/add", s.handleAPICalendarAdd)
	m.HandleFunc("GET /api/v1/calendar/between", s.handleAPICalendarBetween)
	m.HandleFunc("GET /api/v1/calendar/years/{year}", s.handleAPICalendarYear)
	m.HandleFunc("PUT /api/v1/calendar/years/{year}", s.handleAPICalendarPut)
	m.HandleFunc("GET /api/v1/deadlines", s.handleAPIDeadlines)
	m.HandleFunc("GET /api/v1/deadline-rules", s.handleAPIDeadlineRules)

	// Cases: workbench pages and JSON API (handlers_case.go).
	m.HandleFunc("GET /workbench/cases", s.handleCaseList)
	m.HandleFunc("GET /workbench/cases/new", s.handleCaseNew)
	m.HandleFunc("POST /workbench/cases", s.handleCaseCreate)
	m.HandleFunc("GET /workbench/cases/{id}", s.handleCaseView)
	m.HandleFunc("POST /workbench/cases/{id}/steps", s.handleCaseStep)
	m.HandleFunc("GET /workbench/cases/{id}/evidence/{eid}", s.handleCaseEvidence)
	m.HandleFunc("GET /workbench/reviews", s.handleReviewQueue)
	m.HandleFunc("GET /workbench/publications", s.handleAgencyPublications)
	m.HandleFunc("POST /workbench/publications/{id}/publish", s.handlePublicationPublish)
	m.HandleFunc("POST /workbench/publications/{id}/correct", s.handlePublicationCorrect)
	m.HandleFunc("POST /workbench/publications/{id}/withdraw", s.handlePublicationWithdraw)
	m.HandleFunc("GET /api/v1/cases", s.handleAPICases)
	m.HandleFunc("POST /api/v1/cases", s.handleAPICaseCreate)
	m.HandleFunc("GET /api/v1/cases/{id}", s.handleAPICaseGet)
	m.HandleFunc("POST /api/v1/cases/{id}/steps", s.handleAPICaseStep)
	m.HandleFunc("POST /api/v1/cases/{id}/files", s.handleAPICaseFile)
	m.HandleFunc("GET /api/v1/cases/{id}/evidence/{eid}", s.handleAPICaseEvidence)
	m.HandleFunc("GET /api/v1/reviews", s.handleAPIReviews)
	m.HandleFunc("GET /api/v1/agency/publications", s.handleAPIAgencyPublications)
	m.HandleFunc("POST /api/v1/publications/{id}/publish", s.handleAPIPublicationPublish)
	m.HandleFunc("POST /api/v1/publications/{id}/corrections", s.handleAPIPublicationCorrect)
	m.HandleFunc("POST /api/v1/publications/{id}/withdraw", s.handleAPIPublicationWithdraw)

	// Publications: public portal and JSON API (handlers_publication.go).
	m.HandleFunc("GET /publications", s.handlePublicationList)
	m.HandleFunc("GET /publications.csv", s.handlePublicationCSV)
	m.HandleFunc("GET /publications.atom", s.handlePublicationAtom)
	m.HandleFunc("GET /publications/{id}", s.handlePublicationView)
	m.HandleFunc("GET /publications/{id}/record", s.handlePublicationRecord)
	m.HandleFunc("GET /api/v1/publications", s.handleAPIPublications)
	m.HandleFunc("GET /api/v1/publications/{id}", s.handleAPIPublicationGet)

	m.HandleFunc("/api/", s.handleAPINotFound)

	// Tamper-evident log (C2SP tlog-tiles), read-only and public.
	m.Handle("GET /log/", s.ownErrors(ledger.Handler(s.svc.DB, s.latestCheckpoint, s.signer.VerifierKey())))

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "跨站请求被拒绝(CSRF 防护)", http.StatusForbidden)
	}))
	var h http.Handler = s.errorPages(m)
	h = s.guardUploads(m, h)
	h = s.identify(h)
	h = cop.Handler(h)
	h = securityHeaders(h)
	h = s.limitRequests(m, h)
	h = s.logRequests(h)
	h = s.recoverer(h)
	h = s.measure(m)(h)
	h = requestIDs(h)
	s.mux.Handle("/", h)
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
