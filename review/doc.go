// Package review is the legal review (法制审核) as pure rules that any
// procedure with a review step reuses: the nine-item checklist (Checklist),
// the outcomes 同意/变更/纠正/补充/移送 of which only 同意 passes (Outcomes,
// Passes), and the checking of a reviewer's form (Apply), which returns the
// review to record or a coded refusal. Who may review a given case
// (separation of duties, the reviewer's qualification) is the procedure's
// gate: the penalty procedure states it in package penalty.
//
// Files: review.go (checklist, outcomes, Apply) and its tests.
//
// Imports: the standard library and the root package zhifa only (the
// layers table allows also access, ledger, registry and procedure).
package review
