// Package ui is what every audience of zhifa's web layer shares: the page
// frame, the templates' loading and rendering, the one error writer of each
// kind of answer, the handler type and its adapters, and the helpers that
// decode a request once. The server (package web) and the audience
// packages (web/portal, web/workbench, web/api) import it; it imports
// none of them.
//
// Pages are html/template files, parsed at start by New: the layout, the
// partials and error.html embedded here, then the pages each audience
// embeds, each over a clone of the layout. A broken template, or two pages
// of one name, stops the server from starting; a page is rendered into a
// buffer first, so that a template error is a clean 500.
//
// Files:
//   - page.go: Responder, New (template loading), Render, Page, Nav, the
//     common template functions, WorkbenchLinks (the menu of a role), CST.
//   - respond.go: Handler (func(w, r) error) and its adapters Page and API.
//   - errors.go: the error writers PageFail and APIFail, the status table
//     (ErrorStatus, ErrorCodes), the JSON error (APIError), the Chinese
//     explanation of decoding, size, timeout and disk errors,
//     ReadFormError, LimitText and SizeText.
//   - decode.go: WriteJSON, List (the JSON body of a list), DecodeJSON,
//     JSONBody (a JSON body as a T), PathIndexAndBody (the path number,
//     then the JSON body), PathIndex, QueryID, QueryString, FormID: one
//     helper per shape, each returning the coded error as it is.
//   - request.go: the request's actor (WithActor, ActorFrom, RequireLogin)
//     and request ids (RequestIDs, RequestID).
//   - session.go: the session cookie and token.
//   - templates/: layout.html, error.html and the partial_*.html files
//     parsed into every page.
//
// Imports: zhifa and access only.
package ui
