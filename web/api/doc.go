// Package api is the staff's JSON API under /api/v1: sessions, the log's
// proofs and events, cases, the review queue, an agency's publications,
// the calendar and deadlines, the registry and the redaction check. Its
// routes are listed with every other in web/routes.go; the public API
// (/api/v1/publications, /api/v1/public/verify/officer) is the portal's,
// in web/portal. The OpenAPI document of /api/v1 is here (openapi.json,
// served by openapi.go): each operation's operationId is its handler's
// name in camelCase, and openapi_test.go fails when the document and
// web/routes.go, the JSON error or the procedure table's step fields
// drift apart.
//
// A handler has ui.Handler's form: it decodes and checks its input once
// (ui.JSONBody, ui.PathIndexAndBody, ui.PathIndex, ui.QueryID…), calls one
// service method and writes JSON, or returns the error that web/routes.go's
// s.api turns into the JSON error (ui.Responder.APIFail). The registry's
// API is one JSON flow (RegistryAPI) for agencies, officers and matters,
// configured per kind (AgencyAPI, OfficerAPI, MatterAPI).
//
// Each resource is a small struct built by its New function (api.go) from
// exactly what its handlers use: the service methods it calls are a small
// interface declared beside it (SessionService, LedgerService,
// CasesService, ReviewsService, PublicationsService, CalendarService,
// DeadlinesService, RedactService, RegistryService), which
// *service.Service satisfies (web/server.go checks it) and a test may
// fake; the clock and the session's longest life are functions.
//
// Files, one per resource:
//   - api.go: the service interfaces, the resources and their New
//     functions; HandleAPINotFound.
//   - session.go: login, logout, the actor (/api/v1/session, /api/v1/me).
//   - ledger.go: inclusion proofs and events of the log.
//   - cases.go: cases, their steps, files and evidence.
//   - reviews.go: the review queue.
//   - publications.go: an agency's publications, publishing, correction and
//     withdrawal, showing the portal's public JSON of a withdrawal and of
//     corrections (portal.Withdrawal, portal.Correction).
//   - calendar.go: days, working-day arithmetic, a year's schedule.
//   - deadlines.go: the deadline monitoring and the rules.
//   - registry.go: agencies, officers, matters: RegistryAPI and its three
//     configurations.
//   - redact.go: the redaction check and its confirmation.
//
// Imports: zhifa, access, calendar, deadline, ledger, procedure, redact,
// service (for the calendar's service.DayInfo and service.CalendarError
// and the deadlines' service.DeadlineItem), the contexts whose types it shows (registry, penalty, review,
// publicity, identity), web/portal (the public shapes of a withdrawal and
// a correction), web/staff and web/ui; never web, web/workbench or store.
package api
