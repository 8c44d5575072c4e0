// Package portal is the public portal (公示门户): what anyone may read
// without logging in. 事前公开: the enforcement agencies, their officers and
// matters (权责清单); 事中公示: the verification of a 执法证号, as a page, as
// the address a certificate's QR code encodes, and as a JSON answer;
// 事后公开: the published decisions, as pages, a 双公示 CSV export, an Atom
// feed and a JSON API, each with its corrections or its withdrawal, and a
// decision's signed record with its inclusion proof in the log. Its routes
// are listed with every other in web/routes.go.
//
// A handler has ui.Handler's form: it returns the error that ends the
// request, which web/routes.go's s.page or s.api turns into the error page
// or the JSON error. Each resource is a small struct built by its New
// function (portal.go) from exactly the read methods its handlers use,
// each a small interface declared here: AgencyLister, AgencyReader,
// MatterReader and OfficerReader (satisfied by *registry.Service),
// PublicationReader and ProofReader (*publicity.Service), LogSizer
// (service.Service); web/server.go wires them from service.Service's embedded
// Registry and Publicity. Its pages are the templates/ embedded here
// (Templates), parsed by ui.New over the common layout at start.
//
// Files, one per resource:
//   - portal.go: the read interfaces, the resources and their New
//     functions; Templates.
//   - home.go: the front page (Home).
//   - agencies.go: the agencies and an agency with its officers and
//     matters (Agencies).
//   - matters.go: the matters, filtered by agency and category (Matters).
//   - verify.go: the verification of a 执法证号, page and
//     /api/v1/public/verify/officer (Verify); CertClass, the style of a
//     certificate state, a template function of every page.
//   - publications.go: the published and withdrawn decisions: list,
//     detail, CSV, Atom, /api/v1/publications (Publications), the filter
//     and its checks, and the public JSON shapes of a publication, its
//     withdrawal and its corrections (Withdrawal, Correction: web/api's
//     agency publications show them too).
//   - record.go: a decision's signed record, GET /publications/{id}/record
//     (Record), which `zhifa verify --publication` checks.
//   - templates/: the portal_*.html pages.
//
// Imports: the root package zhifa, registry, publicity, ledger (for the
// proofs' signer), the leaf packages and web/ui; never service, store,
// penalty, identity, review, procedure or any other case context, nor web,
// web/api or web/workbench. This is invariant 4, the public side reads
// only published data, made an import rule (layers_test.go's caseContexts):
// the portal is given only the registry and the published, already-masked
// publications, so a bug in a portal template or handler cannot reveal
// what was never given to it.
package portal
