// Package inspection will hold 行政检查: the published 检查事项清单, the object
// directory, inspection plans, verifiable 双随机 draws, yearly caps and
// joint inspections, and the inspection procedure itself as one
// procedure.Table whose findings can open a penalty case.
//
// Nothing is built here yet: issue 14 builds it, following the penalty
// procedure (package penalty) step by step as the README's "Adding a
// procedure" describes.
//
// May import: the root package zhifa, access, ledger, the leaf packages,
// registry, procedure and review; never store, service or web.
package inspection
