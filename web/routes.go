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
	m.HandleFunc("GET /healthz", s.api(s.handleHealth))
	m.HandleFunc("GET /readyz", s.api(s.handleReady))
	m.HandleFunc("GET /metrics", s.api(s.handleMetrics))
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(s.staticFiles(static))))

	// Public portal (公示门户).
	m.HandleFunc("GET /{$}", s.page(s.handlePortalHome))

	// Workbench (工作台) and login.
	m.HandleFunc("GET /login", s.page(s.handleLoginForm))
	m.HandleFunc("POST /login", s.page(s.handleLogin))
	m.HandleFunc("POST /logout", s.page(s.handleLogout))
	m.HandleFunc("GET /workbench", s.page(s.handleWorkbench))
	m.HandleFunc("GET /workbench/redact", s.page(s.handleRedactForm))
	m.HandleFunc("POST /workbench/redact", s.page(s.handleRedact))

	// JSON API.
	m.HandleFunc("GET /api/v1/openapi.json", s.api(s.handleAPIOpenAPI))
	m.HandleFunc("POST /api/v1/session", s.api(s.handleAPILogin))
	m.HandleFunc("DELETE /api/v1/session", s.api(s.handleAPILogout))
	m.HandleFunc("GET /api/v1/me", s.api(s.handleAPIMe))
	m.HandleFunc("GET /api/v1/ledger/proof/{index}", s.api(s.handleAPIProof))
	m.HandleFunc("GET /api/v1/ledger/events/{index}", s.api(s.handleAPIEvent))
	m.HandleFunc("POST /api/v1/redact", s.api(s.handleAPIRedact))
	m.HandleFunc("POST /api/v1/redact/confirm", s.api(s.handleAPIRedactConfirm))

	// Registry and public portal (issue 3).
	m.HandleFunc("GET /agencies", s.page(s.handlePortalAgencies))
	m.HandleFunc("GET /agencies/{id}", s.page(s.handlePortalAgency))
	m.HandleFunc("GET /matters", s.page(s.handlePortalMatters))
	m.HandleFunc("GET /verify/officer", s.page(s.handlePortalVerifyForm))
	m.HandleFunc("GET /verify/officer/{cert}", s.page(s.handlePortalVerify))
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
	m.HandleFunc("GET /api/v1/public/verify/officer/{cert}", s.api(s.handleAPIVerifyOfficer))

	// Calendar and deadlines (issue 4).
	m.HandleFunc("GET /workbench/calendar", s.page(s.handleCalendar))
	m.HandleFunc("POST /workbench/calendar/import", s.page(s.handleCalendarImport))
	m.HandleFunc("GET /workbench/deadlines", s.page(s.handleDeadlines))
	m.HandleFunc("GET /api/v1/calendar/day/{date}", s.api(s.handleAPICalendarDay))
	m.HandleFunc("GET /api/v1/calendar/add", s.api(s.handleAPICalendarAdd))
	m.HandleFunc("GET /api/v1/calendar/between", s.api(s.handleAPICalendarBetween))
	m.HandleFunc("GET /api/v1/calendar/years/{year}", s.api(s.handleAPICalendarYear))
	m.HandleFunc("PUT /api/v1/calendar/years/{year}", s.api(s.handleAPICalendarPut))
	m.HandleFunc("GET /api/v1/deadlines", s.api(s.handleAPIDeadlines))
	m.HandleFunc("GET /api/v1/deadline-rules", s.api(s.handleAPIDeadlineRules))

	// Cases: workbench pages and JSON API (handlers_case.go).
	m.HandleFunc("GET /workbench/cases", s.page(s.handleCaseList))
	m.HandleFunc("GET /workbench/cases/new", s.page(s.handleCaseNew))
	m.HandleFunc("POST /workbench/cases", s.page(s.handleCaseCreate))
	m.HandleFunc("GET /workbench/cases/{id}", s.page(s.handleCaseView))
	m.HandleFunc("POST /workbench/cases/{id}/steps", s.page(s.handleCaseStep))
	m.HandleFunc("GET /workbench/cases/{id}/evidence/{eid}", s.page(s.handleCaseEvidence))
	m.HandleFunc("GET /workbench/reviews", s.page(s.handleReviewQueue))
	m.HandleFunc("GET /workbench/publications", s.page(s.handleAgencyPublications))
	m.HandleFunc("POST /workbench/publications/{id}/publish", s.page(s.handlePublicationPublish))
	m.HandleFunc("POST /workbench/publications/{id}/correct", s.page(s.handlePublicationCorrect))
	m.HandleFunc("POST /workbench/publications/{id}/withdraw", s.page(s.handlePublicationWithdraw))
	m.HandleFunc("GET /api/v1/cases", s.api(s.handleAPICases))
	m.HandleFunc("POST /api/v1/cases", s.api(s.handleAPICaseCreate))
	m.HandleFunc("GET /api/v1/cases/{id}", s.api(s.handleAPICaseGet))
	m.HandleFunc("POST /api/v1/cases/{id}/steps", s.api(s.handleAPICaseStep))
	m.HandleFunc("POST /api/v1/cases/{id}/files", s.api(s.handleAPICaseFile))
	m.HandleFunc("GET /api/v1/cases/{id}/evidence/{eid}", s.api(s.handleAPICaseEvidence))
	m.HandleFunc("GET /api/v1/reviews", s.api(s.handleAPIReviews))
	m.HandleFunc("GET /api/v1/agency/publications", s.api(s.handleAPIAgencyPublications))
	m.HandleFunc("POST /api/v1/publications/{id}/publish", s.api(s.handleAPIPublicationPublish))
	m.HandleFunc("POST /api/v1/publications/{id}/corrections", s.api(s.handleAPIPublicationCorrect))
	m.HandleFunc("POST /api/v1/publications/{id}/withdraw", s.api(s.handleAPIPublicationWithdraw))

	// Publications: public portal and JSON API (handlers_publication.go).
	m.HandleFunc("GET /publications", s.page(s.handlePublicationList))
	m.HandleFunc("GET /publications.csv", s.page(s.handlePublicationCSV))
	m.HandleFunc("GET /publications.atom", s.page(s.handlePublicationAtom))
	m.HandleFunc("GET /publications/{id}", s.page(s.handlePublicationView))
	m.HandleFunc("GET /publications/{id}/record", s.api(s.handlePublicationRecord))
	m.HandleFunc("GET /api/v1/publications", s.api(s.handleAPIPublications))
	m.HandleFunc("GET /api/v1/publications/{id}", s.api(s.handleAPIPublicationGet))

	m.HandleFunc("/api/", s.api(s.handleAPINotFound))

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
