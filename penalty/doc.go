// Package penalty is the penalty general procedure (一般程序行政处罚) as one
// procedure.Table (Table) with its gates, on the generic engine of package
// procedure:
//
//   - the stages and actions with their stored codes (stage.go); some Go
//     names differ from the stored codes, which do not change: Dismiss
//     (撤案) is stored "withdraw", SiteRecord (现场检查笔录) "inspection",
//     EvidenceEntry (证据登记) "evidence", the stage Dismissed "withdrawn";
//   - the table: every step's role, form fields with their Kind, and the
//     time limits it starts and meets (table.go);
//   - the penalty case state (Case: the 陈述申辩, hearing and review facts
//     the gates need), Apply and Next over the engine, DeadlineEffects, and
//     the gates: the review gate (Art 58), the reviewer's separation of
//     duties and qualification (Art 58 ¶2), the 陈述申辩 period (Arts 44,
//     45, 62), the hearing gates (Arts 63–65), the hearing host (Art
//     64(4)), and the conditional field rules (apply.go);
//   - SimpleAllowed, the 简易程序 threshold (Art 51) (simple.go).
//
// The legal review's checklist and outcomes are package review's. Every
// legal refusal is a *zhifa.Error: ECONFLICT (stage), EFORBIDDEN (role),
// ERULE (a rule of law, with its article), EINVALID (Problems keyed by
// field code). The package does no I/O and reads no clock.
//
// Imports: the standard library, the root package zhifa, procedure and
// review (the layers table allows also access, ledger and registry).
package penalty
