// Package web is zhifa's HTTP layer: the public portal (公示门户), the
// workbench (工作台) with its login, the JSON API under /api/v1 and the
// read-only ledger endpoints under /log/. Every route is listed in
// routes.go; handlers decode and validate input, call one service method and
// render the result. No SQL and no rules of law live here.
//
// A handler has the form of respond.go: func(w, r) error. It returns the
// error that ends the request and writes nothing for it; routes.go wraps it
// in s.page (the error becomes the error page, or the login page) or s.api
// (the error becomes the JSON error, apiError). Input is decoded and checked
// by one helper per shape, in decode.go (pathIndex, jsonBody,
// pathIndexAndBody, publicationStatus; queryID and formID are still in
// handlers_registry.go), each returning the coded error. Only
// handlers_registry.go still writes its errors itself (s.pageFail,
// s.apiFail), pending its own conversion; the middleware (limits, uploads,
// unknown routes) calls those writers directly since it has no handler to
// return to. The web tests build their server with newTestServer
// (testserver_test.go).
//
// Pages are html/template files embedded from templates/, parsed at start
// (a broken template stops the server from starting), rendered into a
// buffer first. Assets are embedded from static/; nothing is loaded from a
// CDN. Forms work without JavaScript.
//
// Files by area: handlers_core.go (login, logout, home, the session API,
// ledger proofs and events), decode.go (decoding and checking input),
// handlers_portal.go and handlers_publication.go (the public side: agencies,
// matters, officer verification, published decisions with CSV and Atom),
// handlers_registry.go (agencies, officers, matters: one form flow and one JSON flow for the three), handlers_case.go,
// case_page.go and api_case.go (cases: registration, one form per procedure
// step, review queue, evidence download, publishing),
// handlers_publication_change.go (the correction and withdrawal of
// publications; their forms are in
// templates/partial_publication_change.html, one of the partial_*.html files
// parsed into every page), handlers_calendar.go (calendar and deadline
// monitoring), handlers_redact.go (the redaction check), openapi.go (serves
// openapi.json, the OpenAPI 3.0 document of /api/v1: each operation's
// operationId is its handler's name in camelCase, and openapi_test.go fails
// when the document and routes.go, apiError or the procedure table's step
// fields drift apart). The public handlers read only published and withdrawn
// records as the public may see them (service.PublicPublications and the
// registry), never cases.
//
// Imports: zhifa, access, ledger, service, the context packages whose types
// it shows (registry, publicity, penalty, review) and the leaf packages.
package web
