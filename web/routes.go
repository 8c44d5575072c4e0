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
	// Document number formats of an agency, set by its administrator (issue 10).
	m.HandleFunc("GET /workbench/number-formats", s.page(s.wb.numbers.HandleNumberFormats))
	m.HandleFunc("POST /workbench/number-formats", s.page(s.wb.numbers.HandleNumberFormatSet))
	// 简易程序: a case decided on the spot (issue 10).
	m.HandleFunc("POST /api/v1/simple-cases", s.api(s.v1.cases.HandleAPISimpleCase))
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

	// 执法文书: a case's documents, preview, issue and frozen PDF (web/workbench/documents.go),
	// and the public check the QR code leads to (web/portal/document.go).
	m.HandleFunc("GET /workbench/cases/{id}/documents", s.page(s.wb.documents.HandleDocuments))
	m.HandleFunc("POST /workbench/cases/{id}/documents", s.page(s.wb.documents.HandleDocumentIssue))
	m.HandleFunc("GET /workbench/cases/{id}/documents/preview/{kind}/{step}", s.page(s.wb.documents.HandleDocumentPreview))
	m.HandleFunc("GET /workbench/cases/{id}/documents/files/{doc}", s.page(s.wb.documents.HandleDocumentFile))
	m.HandleFunc("GET /workbench/cases/{id}/casefile.zip", s.page(s.wb.documents.HandleCaseFileExport))
	m.HandleFunc("GET /verify/document", s.page(s.pt.documents.HandleDocumentVerifyForm))
	m.HandleFunc("POST /verify/document", s.page(s.pt.documents.HandleDocumentVerifyFile))
	m.HandleFunc("GET /verify/document/{digest}", s.page(s.pt.documents.HandleDocumentVerify))

	// Publications: public portal and JSON API (web/portal/publications.go, record.go).
	m.HandleFunc("GET /publications", s.page(s.pt.publications.HandlePublicationList))
	m.HandleFunc("GET /publications.csv", s.page(s.pt.publications.HandlePublicationCSV))
	m.HandleFunc("GET /publications.atom", s.page(s.pt.publications.HandlePublicationAtom))
	// Portal at scale and open data (issue 17): the JSON and XLSX exports.
	m.HandleFunc("GET /publications.json", s.page(s.pt.publications.HandlePublicationJSON))
	m.HandleFunc("GET /publications.xlsx", s.page(s.pt.publications.HandlePublicationXLSX))
	m.HandleFunc("GET /publications.schema.json", s.page(s.pt.publications.HandlePublicationSchema))
	m.HandleFunc("GET /opendata", s.page(s.pt.publications.HandleOpenData))
	m.HandleFunc("GET /publications/{id}", s.page(s.pt.publications.HandlePublicationView))
	m.HandleFunc("GET /publications/{id}/record", s.api(s.pt.record.HandlePublicationRecord))
	m.HandleFunc("GET /api/v1/publications", s.api(s.pt.publications.HandleAPIPublications))
	m.HandleFunc("GET /api/v1/publications/{id}", s.api(s.pt.publications.HandleAPIPublicationGet))

	// 投诉举报 (issue 16 item 6): filed and followed on the portal without an
	// account (web/portal/complaints.go), handled in the workbench
	// (web/workbench/complaints.go).
	m.HandleFunc("GET /complaints", s.page(s.pt.complaints.HandleComplaintForm))
	m.HandleFunc("POST /complaints", s.page(s.pt.complaints.HandleComplaintFile))
	m.HandleFunc("GET /complaints/track", s.page(s.pt.complaints.HandleTrackForm))
	m.HandleFunc("POST /complaints/track", s.page(s.pt.complaints.HandleTrack))
	m.HandleFunc("GET /workbench/complaints", s.page(s.wb.complaints.HandleComplaintList))
	m.HandleFunc("POST /workbench/complaints/import", s.page(s.wb.complaints.HandleComplaintImport))
	m.HandleFunc("GET /workbench/complaints/{id}", s.page(s.wb.complaints.HandleComplaintView))
	m.HandleFunc("POST /workbench/complaints/{id}", s.page(s.wb.complaints.HandleComplaintAct))

	// 执法监督意见 (issue 16 item 7; web/workbench/opinions.go).
	m.HandleFunc("GET /workbench/opinions", s.page(s.wb.opinions.HandleOpinionList))
	m.HandleFunc("POST /workbench/opinions", s.page(s.wb.opinions.HandleOpinionIssue))
	m.HandleFunc("GET /workbench/opinions/{id}", s.page(s.wb.opinions.HandleOpinionView))
	m.HandleFunc("POST /workbench/opinions/{id}", s.page(s.wb.opinions.HandleOpinionAct))

	// 执法监督统计 (issue 16 item 4; web/workbench/dashboard.go).
	m.HandleFunc("GET /workbench/supervision", s.page(s.wb.dashboard.HandleDashboard))
	m.HandleFunc("GET /workbench/supervision.csv", s.page(s.wb.dashboard.HandleDashboardCSV))

	// 年度行政执法数据报告 (issue 16 item 9): generated and published in the
	// workbench (web/workbench/reports.go), read on the portal (web/portal/reports.go).
	m.HandleFunc("GET /workbench/reports", s.page(s.wb.reports.HandleReportList))
	m.HandleFunc("POST /workbench/reports", s.page(s.wb.reports.HandleReportAct))
	m.HandleFunc("GET /reports", s.page(s.pt.reports.HandleReports))
	m.HandleFunc("GET /reports/{id}", s.page(s.pt.reports.HandleReport))
	// 法制审核目录清单: public page with history, the reviewer's page; the review
	// time limits and their extension; counsel, advisers, staffing (issue 11;
	// web/portal/catalogs.go, web/workbench/catalog.go, reviews.go, counsel.go).
	m.HandleFunc("GET /review-catalogs", s.page(s.pt.catalogs.HandleCatalogs))
	m.HandleFunc("GET /workbench/catalog", s.page(s.wb.catalog.HandleCatalog))
	m.HandleFunc("POST /workbench/catalog", s.page(s.wb.catalog.HandlePublish))
	m.HandleFunc("GET /workbench/review-limits", s.page(s.wb.reviews.HandleReviewLimits))
	m.HandleFunc("POST /workbench/review-limits/{id}/extend", s.page(s.wb.reviews.HandleReviewExtend))
	m.HandleFunc("GET /workbench/counsel", s.page(s.wb.counsel.HandleCounsel))
	m.HandleFunc("POST /workbench/counsel", s.page(s.wb.counsel.HandleCounselCreate))
	m.HandleFunc("GET /workbench/cases/{id}/advisers", s.page(s.wb.counsel.HandleAdvisers))
	m.HandleFunc("POST /workbench/cases/{id}/advisers", s.page(s.wb.counsel.HandleAdviserPost))
	m.HandleFunc("GET /workbench/review-staffing", s.page(s.wb.counsel.HandleStaffing))
	// Administration with 三员分立 and the audit trail (issue 16:
	// web/workbench/admin.go, audit.go).
	m.HandleFunc("GET /workbench/admin/users", s.page(s.wb.admin.HandleUsers))
	m.HandleFunc("POST /workbench/admin/users", s.page(s.wb.admin.HandleCreate))
	m.HandleFunc("POST /workbench/admin/users/{id}/{action}", s.page(s.wb.admin.HandleAction))
	m.HandleFunc("GET /workbench/audit", s.page(s.wb.audit.HandleAudit))
	m.HandleFunc("GET /workbench/audit.csv", s.page(s.wb.audit.HandleAuditCSV))
	m.HandleFunc("GET /api/v1/admin/users", s.api(s.v1.admin.HandleAPIAdminUsers))
	m.HandleFunc("POST /api/v1/admin/users", s.api(s.v1.admin.HandleAPIAdminUserCreate))
	m.HandleFunc("PUT /api/v1/admin/users/{id}/roles", s.api(s.v1.admin.HandleAPIAdminUserRoles))
	m.HandleFunc("POST /api/v1/admin/users/{id}/password", s.api(s.v1.admin.HandleAPIAdminUserPassword))
	m.HandleFunc("PUT /api/v1/admin/users/{id}/disabled", s.api(s.v1.admin.HandleAPIAdminUserDisabled))
	m.HandleFunc("GET /api/v1/audit/events", s.api(s.v1.admin.HandleAPIAuditEvents))
	// Resumable uploads (issue 13: tus 1.0.0 with creation and termination, web/tus.go).
	m.HandleFunc("OPTIONS /api/v1/uploads/", s.api(s.tusd.HandleAPIUploadOptions))
	m.HandleFunc("POST /api/v1/uploads/", s.api(s.tusd.HandleAPIUploadCreate))
	m.HandleFunc("HEAD /api/v1/uploads/{id}", s.api(s.tusd.HandleAPIUploadOffset))
	m.HandleFunc("PATCH /api/v1/uploads/{id}", s.api(s.tusd.HandleAPIUploadPatch))
	m.HandleFunc("DELETE /api/v1/uploads/{id}", s.api(s.tusd.HandleAPIUploadDelete))
	m.HandleFunc("GET /api/v1/uploads/{id}", s.api(s.tusd.HandleAPIUploadGet))
	m.HandleFunc("GET /workbench/recordings", s.page(s.wb.recordings.HandleRecordings))
	m.HandleFunc("POST /workbench/recordings", s.page(s.wb.recordings.HandleRecordingCreate))
	m.HandleFunc("GET /workbench/recordings/{id}", s.page(s.wb.recordings.HandleRecording))
	m.HandleFunc("GET /workbench/recordings/{id}/media", s.page(s.wb.recordings.HandleRecordingMedia))
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
	// The log for people (issue 16, web/portal/ledger.go): at the same
	// addresses as the raw forms above, a browser gets the page that
	// explains them (negotiate); every other client gets what it always got.
	people := http.NewServeMux()
	people.HandleFunc("GET /api/v1/ledger/proof/{index}", s.page(s.pt.ledger.HandleEventPage))
	people.HandleFunc("GET /api/v1/ledger/events/{index}", s.page(s.pt.ledger.HandleEventPage))
	people.HandleFunc("GET /log/checkpoint", s.page(s.pt.ledger.HandleCheckpointPage))

	var h http.Handler = negotiate(people, s.errorPages(m))
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
