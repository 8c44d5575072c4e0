// Package workbench is the staff's pages (工作台): the login, the home page,
// cases and their steps, the review queue, an agency's publications with
// their correction and withdrawal forms, the calendar and deadlines pages,
// the redaction check and the registry pages. Its routes are listed with
// every other in web/routes.go.
//
// A handler has ui.Handler's form: it returns the error that ends the
// request, which web/routes.go's s.page turns into the error page or the
// login page (ui.Responder.PageFail); a rejected form is shown again with
// its problems. The registry's pages are one form flow (RegistryForm) for
// agencies, officers and matters, configured per kind (AgencyForm,
// OfficerForm, MatterForm).
//
// Each resource is a small struct built by its New function
// (workbench.go) from exactly what its handlers use: the service methods
// it calls are a small interface declared beside it (SessionService,
// CasesService, ReviewsService, PublicationsService, CalendarService,
// DeadlinesService, RedactService, RegistryService), which
// *service.Service satisfies (web/server.go checks it) and a test may
// fake; the clock and the session's longest life are functions.
// Its pages are the templates/ embedded here (Templates), parsed by ui.New
// over the common layout at start.
//
// Files, one per resource:
//   - workbench.go: the service interfaces, the resources and their New
//     functions; Templates.
//   - session.go: the login page, login and logout.
//   - home.go: the workbench's home page.
//   - cases.go, case_page.go: the case list, registration, the case page
//     with one form per procedure step (case_page.go: its view model),
//     evidence download.
//   - reviews.go: the review queue.
//   - publications.go: an agency's publications, publishing, correction
//     and withdrawal (forms in ui's partial_publication_change.html).
//   - calendar.go: the working-day calendar and its import.
//   - deadlines.go: the deadline monitoring page.
//   - redact.go: the redaction check.
//   - registry.go: agencies, officers, matters: RegistryForm and its
//     three configurations.
//   - flash.go: a message kept across a redirect.
//   - todo.go: the home page's to-do list (待办) for every role, derived
//     from the procedure's table, the time limits and the publications.
//   - case_next.go: who acts next on a case and why the user cannot
//     (partial_case_next.html, included by case_view.html).
//   - admin.go: user administration with 三员分立 (accounts: system
//     administrator; roles: security administrator).
//   - audit.go: the audit trail over the ledger, its filters and CSV.
//
// Imports: zhifa, access, calendar, deadline, procedure, redact, service
// (for service.DeadlineItem, the deadlines page's rows), the contexts whose types it shows (registry, penalty, review, publicity,
// identity), web/staff and web/ui; never web, web/api or store.
package workbench
