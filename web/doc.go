// Package web is zhifa's HTTP server: the server and its configuration,
// every route (routes.go), the middleware, the limits, metrics and
// readiness and the read-only ledger endpoints under /log/. The audiences'
// handlers live below it: web/portal (the public portal, 公示门户, and its
// public API), web/workbench (staff pages), web/api (the staff's JSON API
// under /api/v1), with what they share in web/ui (page frame, templates,
// error writers, decoders) and web/staff (what the workbench and the API show alike). No
// SQL and no rules of law live here.
//
// A handler has the form of ui.Handler: func(w, r) error. It returns the
// error that ends the request and writes nothing for it; routes.go wraps
// it in s.page (the error becomes the error page, or the login page) or
// s.api (the error becomes the JSON error). Input is decoded and checked
// by one helper per shape, each returning the coded error: web/ui's
// decode.go (PathIndex, JSONBody, PathIndexAndBody, QueryID, FormID…) and
// web/staff's PublicationStatus. The registry's pages and API are one form
// flow (web/workbench) and one JSON flow (web/api) for agencies, officers
// and matters, each configured per kind. The middleware (limits, uploads,
// unknown routes) calls the error writers directly since it has no
// handler to return to. The web tests build their server with
// newTestServer (testserver_test.go).
//
// Pages are html/template files parsed at start by ui.New (a broken
// template stops the server from starting) and rendered into a buffer
// first: the layout and partials from web/ui, the workbench's pages from
// web/workbench, the portal's from web/portal. Assets are embedded
// from static/; nothing is loaded from a CDN. Forms work without
// JavaScript.
//
// Files:
//   - server.go: Config, Server, New (builds the audiences' resources;
//     the portal's from the registry's and publicity's services only).
//   - routes.go: every route, and the middleware chain.
//   - middleware.go: security headers, recovery, request log, identify.
//   - limits.go, uploads.go: slow and greedy clients, upload quotas, disk.
//   - metrics.go, ready.go, health.go: /metrics, /readyz, /healthz.
//   - notfound.go: unknown routes and methods, static files, /log/ errors.
//   - respond.go: the server's shorthands for web/ui's writers.
//
// Imports: zhifa, access, calendar, deadline, ledger, procedure, redact,
// service, the context packages whose types it shows (registry,
// publicity, penalty, review) and the web/ packages (web/portal among
// them; web/portal imports none of web, service or a case context).
package web
