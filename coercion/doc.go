// Package coercion will hold 行政强制 (行政强制法): 查封、扣押 and other
// measures with their prior approval or 24-hour report, the 30-day limit and
// its extension, 解除, 先行登记保存, and 强制执行 (催告, decision, application to
// court) — one procedure.Table with its gates.
//
// Nothing is built here yet: issue 14 builds it, following the penalty
// procedure (package penalty) as the README's "Adding a procedure"
// describes.
//
// May import: the root package zhifa, access, ledger, the leaf packages,
// registry, procedure and review; never store, service or web.
package coercion
