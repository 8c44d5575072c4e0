// Package permit will hold 行政许可: application, acceptance, examination,
// decision within the statutory period, the licence and its changes, and
// its publication in full — one procedure.Table with its gates.
//
// Nothing is built here yet: issue 14 builds it, following the penalty
// procedure (package penalty) as the README's "Adding a procedure"
// describes.
//
// May import: the root package zhifa, access, ledger, the leaf packages,
// registry, procedure and review; never store, service or web.
package permit
