package web

import (
	"io/fs"
	"net/http"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/web/api"
	"github.com/zhifa/zhifa/web/ui"
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
	m.HandleFunc("GET /{$}", s.page(s.pt.home.HandleHome))

	// Workbench (工作台) and login.
	m.HandleFunc("GET /login", s.page(s.wb.session.HandleLoginForm))
	m.HandleFunc("POST /login", s.page(s.wb.session.HandleLogin))
	m.HandleFunc("POST /logout", s.page(s.wb.session.HandleLogout))
	m.HandleFunc("GET /workbench", s.page(s.wb.home.HandleWorkbench))
	m.HandleFunc("GET /workbench/redact", s.page(s.wb.redact.HandleRedactForm))
	m.HandleFunc("POST /workbench/redact", s.page(s.wb.redact.HandleRedact))

	// JSON API.
	m.HandleFunc("GET /api/v1/openapi.json", s.api(api.HandleOpenAPI))
	m.HandleFunc("POST /api/v1/session", s.api(s.v1.session.HandleAPILogin))
	m.HandleFunc("DELETE /api/v1/session", s.api(s.v1.session.HandleAPILogout))
	m.HandleFunc("GET /api/v1/me", s.api(s.v1.session.HandleAPIMe))
	m.HandleFunc("GET /api/v1/ledger/proof/{index}", s.api(s.v1.ledger.HandleAPIProof))
	m.HandleFunc("GET /api/v1/ledger/events/{index}", s.api(s.v1.ledger.HandleAPIEvent))
	m.HandleFunc("POST /api/v1/redact", s.api(s.v1.redact.HandleAPIRedact))
	m.HandleFunc("POST /api/v1/redact/confirm", s.api(s.v1.redact.HandleAPIRedactConfirm))

	// Registry and public portal (issue 3).
	m.HandleFunc("GET /agencies", s.page(s.pt.agencies.HandleAgencies))
	m.HandleFunc("GET /agencies/{id}", s.page(s.pt.agencies.HandleAgency))
	m.HandleFunc("GET /matters", s.page(s.pt.matters.HandleMatters))
	m.HandleFunc("GET /verify/officer", s.page(s.pt.verify.HandleVerifyForm))
	m.HandleFunc("GET /verify/officer/{cert}", s.page(s.pt.verify.HandleVerify))
	agencyForm, officerForm, matterForm := s.wb.registry.AgencyForm(), s.wb.registry.OfficerForm(), s.wb.registry.MatterForm()
	m.HandleFunc("GET /workbench/registry", s.page(s.wb.registry.HandleRegistry))
	m.HandleFunc("GET /workbench/registry/agencies/new", s.page(agencyForm.HandleNew))
	m.HandleFunc("POST /workbench/registry/agencies", s.page(agencyForm.HandleCreate))
	m.HandleFunc("GET /workbench/registry/agencies/{id}/edit", s.page(agencyForm.HandleEdit))
	m.HandleFunc("POST /workbench/registry/agencies/{id}", s.page(agencyForm.HandleUpdate))
	m.HandleFunc("GET /workbench/registry/officers/new", s.page(officerForm.HandleNew))
	m.HandleFunc("POST /workbench/registry/officers", s.page(officerForm.HandleCreate))
	m.HandleFunc("GET /workbench/registry/officers/{id}/edit", s.page(officerForm.HandleEdit))
	m.HandleFunc("POST /workbench/registry/officers/{id}", s.page(officerForm.HandleUpdate))
	m.HandleFunc("GET /workbench/registry/matters/new", s.page(matterForm.HandleNew))
	m.HandleFunc("POST /workbench/registry/matters", s.page(matterForm.HandleCreate))
	m.HandleFunc("GET /workbench/registry/matters/{id}/edit", s.page(matterForm.HandleEdit))
	m.HandleFunc("POST /workbench/registry/matters/{id}", s.page(matterForm.HandleUpdate))
	agencyAPI, officerAPI, matterAPI := s.v1.registry.AgencyAPI(), s.v1.registry.OfficerAPI(), s.v1.registry.MatterAPI()
	m.HandleFunc("GET /api/v1/agencies", s.api(agencyAPI.HandleList))
	m.HandleFunc("POST /api/v1/agencies", s.api(agencyAPI.HandleCreate))
	m.HandleFunc("GET /api/v1/agencies/{id}", s.api(agencyAPI.HandleGet))
	m.HandleFunc("PUT /api/v1/agencies/{id}", s.api(agencyAPI.HandleUpdate))
	m.HandleFunc("GET /api/v1/officers", s.api(officerAPI.HandleList))
	m.HandleFunc("POST /api/v1/officers", s.api(officerAPI.HandleCreate))
	m.HandleFunc("GET /api/v1/officers/{id}", s.api(officerAPI.HandleGet))
	m.HandleFunc("PUT /api/v1/officers/{id}", s.api(officerAPI.HandleUpdate))
	m.HandleFunc("GET /api/v1/matters", s.api(matterAPI.HandleList))
	m.HandleFunc("POST /api/v1/matters", s.api(matterAPI.HandleCreate))
	m.HandleFunc("GET /api/v1/matters/{id}", s.api(matterAPI.HandleGet))
	m.HandleFunc("PUT /api/v1/matters/{id}", s.api(matterAPI.HandleUpdate))
	m.HandleFunc("GET /api/v1/public/verify/officer/{cert}", s.api(s.pt.verify.HandleAPIVerifyOfficer))

	// Calendar and deadlines (issue 4).
	m.HandleFunc("GET /workbench/calendar", s.page(s.wb.calendar.HandleCalendar))
	m.HandleFunc("POST /workbench/calendar/import", s.page(s.wb.calendar.HandleCalendarImport))
	m.HandleFunc("GET /workbench/deadlines", s.page(s.wb.deadlines.HandleDeadlines))
	m.HandleFunc("GET /api/v1/calendar/day/{date}", s.api(s.v1.calendar.HandleAPICalendarDay))
	m.HandleFunc("GET /api/v1/calendar/add", s.api(s.v1.calendar.HandleAPICalendarAdd))
	m.HandleFunc("GET /api/v1/calendar/between", s.api(s.v1.calendar.HandleAPICalendarBetween))
	m.HandleFunc("GET /api/v1/calendar/years/{year}", s.api(s.v1.calendar.HandleAPICalendarYear))
	m.HandleFunc("PUT /api/v1/calendar/years/{year}", s.api(s.v1.calendar.HandleAPICalendarPut))
	m.HandleFunc("GET /api/v1/deadlines", s.api(s.v1.deadlines.HandleAPIDeadlines))
	m.HandleFunc("GET /api/v1/deadline-rules", s.api(s.v1.deadlines.HandleAPIDeadlineRules))

	// Cases: workbench pages and JSON API (web/workbench/cases.go, web/api/cases.go).
	m.HandleFunc("GET /workbench/cases", s.page(s.wb.cases.HandleCaseList))
	m.HandleFunc("GET /workbench/cases/new", s.page(s.wb.cases.HandleCaseNew))
	m.HandleFunc("POST /workbench/cases", s.page(s.wb.cases.HandleCaseCreate))
	m.HandleFunc("GET /workbench/cases/{id}", s.page(s.wb.cases.HandleCaseView))
	m.HandleFunc("POST /workbench/cases/{id}/steps", s.page(s.wb.cases.HandleCaseStep))
	m.HandleFunc("GET /workbench/cases/{id}/evidence/{eid}", s.page(s.wb.cases.HandleCaseEvidence))
	m.HandleFunc("GET /workbench/reviews", s.page(s.wb.reviews.HandleReviewQueue))
	m.HandleFunc("GET /workbench/publications", s.page(s.wb.publications.HandleAgencyPublications))
	m.HandleFunc("POST /workbench/publications/{id}/publish", s.page(s.wb.publications.HandlePublicationPublish))
	m.HandleFunc("POST /workbench/publications/{id}/correct", s.page(s.wb.publications.HandlePublicationCorrect))
	m.HandleFunc("POST /workbench/publications/{id}/withdraw", s.page(s.wb.publications.HandlePublicationWithdraw))
	m.HandleFunc("GET /api/v1/cases", s.api(s.v1.cases.HandleAPICases))
	m.HandleFunc("POST /api/v1/cases", s.api(s.v1.cases.HandleAPICaseCreate))
	m.HandleFunc("GET /api/v1/cases/{id}", s.api(s.v1.cases.HandleAPICaseGet))
	m.HandleFunc("POST /api/v1/cases/{id}/steps", s.api(s.v1.cases.HandleAPICaseStep))
	m.HandleFunc("POST /api/v1/cases/{id}/files", s.api(s.v1.cases.HandleAPICaseFile))
	m.HandleFunc("GET /api/v1/cases/{id}/evidence/{eid}", s.api(s.v1.cases.HandleAPICaseEvidence))
	m.HandleFunc("GET /api/v1/reviews", s.api(s.v1.reviews.HandleAPIReviews))
	m.HandleFunc("GET /api/v1/agency/publications", s.api(s.v1.publications.HandleAPIAgencyPublications))
	m.HandleFunc("POST /api/v1/publications/{id}/publish", s.api(s.v1.publications.HandleAPIPublicationPublish))
	m.HandleFunc("POST /api/v1/publications/{id}/corrections", s.api(s.v1.publications.HandleAPIPublicationCorrect))
	m.HandleFunc("POST /api/v1/publications/{id}/withdraw", s.api(s.v1.publications.HandleAPIPublicationWithdraw))

	// Publications: public portal and JSON API (web/portal/publications.go, record.go).
	m.HandleFunc("GET /publications", s.page(s.pt.publications.HandlePublicationList))
	m.HandleFunc("GET /publications.csv", s.page(s.pt.publications.HandlePublicationCSV))
	m.HandleFunc("GET /publications.atom", s.page(s.pt.publications.HandlePublicationAtom))
	m.HandleFunc("GET /publications/{id}", s.page(s.pt.publications.HandlePublicationView))
	m.HandleFunc("GET /publications/{id}/record", s.api(s.pt.record.HandlePublicationRecord))
	m.HandleFunc("GET /api/v1/publications", s.api(s.pt.publications.HandleAPIPublications))
	m.HandleFunc("GET /api/v1/publications/{id}", s.api(s.pt.publications.HandleAPIPublicationGet))

	// 行政检查 (issue 14): portal, workbench and JSON API (web/portal/inspections.go,
	// web/workbench/inspections.go, web/api/inspections.go).
	m.HandleFunc("GET /inspection-items", s.page(s.pt.inspections.HandleInspectionItems))
	m.HandleFunc("GET /inspection-draws", s.page(s.pt.inspections.HandleInspectionDraws))
	m.HandleFunc("GET /inspection-draws/{id}", s.page(s.pt.inspections.HandleInspectionDraw))
	m.HandleFunc("GET /inspection-results", s.page(s.pt.inspections.HandleInspectionResults))
	m.HandleFunc("GET /api/v1/public/inspection-draws/{id}", s.api(s.pt.inspections.HandleAPIInspectionDraw))
	m.HandleFunc("GET /workbench/inspections", s.page(s.wb.inspections.HandleInspections))
	m.HandleFunc("POST /workbench/inspections", s.page(s.wb.inspections.HandleInspectionStart))
	m.HandleFunc("POST /workbench/inspections/items", s.page(s.wb.inspections.HandleInspectionItemCreate))
	m.HandleFunc("POST /workbench/inspections/items/{id}/publish", s.page(s.wb.inspections.HandleInspectionItemPublish))
	m.HandleFunc("POST /workbench/inspections/objects/import", s.page(s.wb.inspections.HandleInspectionObjectImport))
	m.HandleFunc("GET /workbench/inspections/objects/template.xlsx", s.page(s.wb.inspections.HandleInspectionObjectTemplate))
	m.HandleFunc("POST /workbench/inspections/plans", s.page(s.wb.inspections.HandleInspectionPlanCreate))
	m.HandleFunc("POST /workbench/inspections/plans/{id}/approve", s.page(s.wb.inspections.HandleInspectionPlanApprove))
	m.HandleFunc("POST /workbench/inspections/plans/{id}/draws", s.page(s.wb.inspections.HandleInspectionDrawAnnounce))
	m.HandleFunc("POST /workbench/inspections/draws/{id}/draw", s.page(s.wb.inspections.HandleInspectionDrawPerform))
	m.HandleFunc("GET /workbench/inspections/{id}", s.page(s.wb.inspections.HandleInspection))
	m.HandleFunc("POST /workbench/inspections/{id}/steps", s.page(s.wb.inspections.HandleInspectionStep))
	m.HandleFunc("GET /api/v1/inspection-items", s.api(s.v1.inspections.HandleAPIInspectionItems))
	m.HandleFunc("POST /api/v1/inspection-items", s.api(s.v1.inspections.HandleAPIInspectionItemCreate))
	m.HandleFunc("POST /api/v1/inspection-items/{id}/publish", s.api(s.v1.inspections.HandleAPIInspectionItemPublish))
	m.HandleFunc("GET /api/v1/inspection-objects", s.api(s.v1.inspections.HandleAPIInspectionObjects))
	m.HandleFunc("POST /api/v1/inspection-objects", s.api(s.v1.inspections.HandleAPIInspectionObjectCreate))
	m.HandleFunc("POST /api/v1/inspection-objects/import", s.api(s.v1.inspections.HandleAPIInspectionObjectImport))
	m.HandleFunc("GET /api/v1/inspection-plans", s.api(s.v1.inspections.HandleAPIInspectionPlans))
	m.HandleFunc("POST /api/v1/inspection-plans", s.api(s.v1.inspections.HandleAPIInspectionPlanCreate))
	m.HandleFunc("POST /api/v1/inspection-plans/{id}/approve", s.api(s.v1.inspections.HandleAPIInspectionPlanApprove))
	m.HandleFunc("POST /api/v1/inspection-plans/{id}/draws", s.api(s.v1.inspections.HandleAPIInspectionDrawAnnounce))
	m.HandleFunc("POST /api/v1/inspection-draws/{id}/draw", s.api(s.v1.inspections.HandleAPIInspectionDrawPerform))
	m.HandleFunc("GET /api/v1/inspections", s.api(s.v1.inspections.HandleAPIInspections))
	m.HandleFunc("POST /api/v1/inspections", s.api(s.v1.inspections.HandleAPIInspectionStart))
	m.HandleFunc("GET /api/v1/inspections/{id}", s.api(s.v1.inspections.HandleAPIInspectionGet))
	m.HandleFunc("POST /api/v1/inspections/{id}/steps", s.api(s.v1.inspections.HandleAPIInspectionStep))

	m.HandleFunc("/api/", s.api(api.HandleAPINotFound))

	// Tamper-evident log (C2SP tlog-tiles), read-only and public.
	m.Handle("GET /log/", s.ownErrors(ledger.Handler(s.svc.LogTiles(), s.latestCheckpoint, s.signer.VerifierKey())))

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
	h = ui.RequestIDs(h)
	s.mux.Handle("/", h)
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
