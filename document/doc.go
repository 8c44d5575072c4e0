// Package document is 执法文书: the documents a case issues, produced from
// the recorded data and never retyped, and their frozen issued copies.
//
// A document kind (kind.go) names the step it is produced from and its
// template; the template (templates/<code>.tmpl, text/template) writes a
// small line markup (layout.go) that both the PDF (pdf.go: A4, GB/T 9704
// margins and sizes, 文号, page numbers, seal, QR code) and the browser
// preview (html.go) draw, so both show the same content. An agency adjusts
// the wording without a release by putting its own <code>.tmpl into the
// template directory (Templates.Dir).
//
// Issuing (service.go) renders the document from the record, stores the
// PDF bytes in the evidence file store, signs its digests (SHA-256 and SM3)
// with the agency's key (a detached signed note) and records the
// "document.issued" event in the same transaction: an issued document is
// frozen — it is served from its stored bytes, a re-render changes nothing,
// and a correction is a new document that names the one it replaces.
// Check (check.go) is the public read model: whether a digest was issued,
// by whom, when, whether it still stands — never the content — which the
// portal's /verify/document/{digest} reads.
//
// Files: kind.go (the kinds), data.go and penalty_fields.go (what a
// template sees), template.go, layout.go, pdf.go and html.go (rendering),
// document.go and service.go (issuing, listing, serving the frozen PDF),
// sign.go (digests, the detached signature), check.go (the public check),
// complete.go (what the case file lacks for 归档), casefile.go (the
// offline case file package and its check). fonts/ holds the embedded
// font, its licence and the script that subsets it.
//
// Where to change what: the wording of a document → its template; which
// recorded fields a decision has → penalty_fields.go (the one place that
// reads the 作出决定 step); a new document → a row in Kinds and a template.
//
// Imports: the kernel (zhifa), access, blob, ledger, registry and the
// leaves; never penalty (it reads steps by their stored action codes) nor
// store. It is not part of recording/ (audio-video records) because a
// document is made from any procedure's steps and its public check is read
// by the portal, which must not import a case context.
package document
