// Package review is the legal review (法制审核) as pure rules that any
// procedure with a review step reuses: the nine-item checklist (Checklist),
// the outcomes 同意/变更/纠正/补充/移送 of which only 同意 passes (Outcomes,
// Passes), and the checking of a reviewer's form (Apply), which returns the
// review to record or a coded refusal. Who may review a given case
// (separation of duties, the reviewer's qualification) is the procedure's
// gate: the penalty procedure states it in package penalty.
//
// It also decides which decisions need review at all (issue 11): the
// 重大执法决定法制审核目录清单 of each agency and the floors its superiors set
// (their data is registry.ReviewCatalog) and the statutory floor built in
// (every general-procedure penalty, 处罚法 Art 58). Scope is the pure
// answer for a decision's Facts, naming the Rule that decided; CheckFloor
// refuses a catalog weaker than a floor, naming the missing rule;
// Applicable picks the versions in force on a day. Service publishes
// catalogs (access.CatalogManage) over the Store it declares
// (store.ReviewStore) and answers Applicable and Scope for a procedure
// (penalty/scope.go asks it at every decision).
//
// Files: review.go (checklist, outcomes, Apply); scope.go (Facts, Scope,
// Matches, Covers, CheckFloor, Applicable: pure, table-tested in
// scope_test.go); catalog.go (Service, Store, Tx; tested on both engines in
// catalog_test.go). Where to change what: a new kind of condition on a
// catalog rule → registry.CatalogRule and ValidCatalog, then Matches and
// Covers here, then the workbench form (web/workbench/catalog.go).
//
// Imports: the root package zhifa, access, ledger and registry (the
// layers table allows also procedure).
package review
