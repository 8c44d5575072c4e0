// Package web is zhifa's HTTP layer: the public portal (公示门户), the
// workbench (工作台) with its login, the JSON API under /api/v1 and the
// read-only ledger endpoints under /log/. Every route is listed in
// routes.go; handlers decode and validate input, call one service method and
// render the result. No SQL and no rules of law live here.
//
// Pages are html/template files embedded from templates/, parsed at start
// (a broken template stops the server from starting), rendered into a
// buffer first. Assets are embedded from static/; nothing is loaded from a
// CDN. Forms work without JavaScript.
//
// Imports: zhifa, access, ledger, service and the leaf packages.
package web
