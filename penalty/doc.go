// Package penalty is the penalty general procedure (一般程序行政处罚): its
// procedure table with its gates, on the generic engine of package
// procedure, and its case service, which registers cases and records their
// steps through that table.
//
// The procedure (pure, no I/O, no clock):
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
//   - the structured penalty (sanction.go): Sanction, the Art 9 kinds with
//     their own fields on the notice and the decision (sanctionFields,
//     checkSanction), and Heavier, the rule that a decision is never
//     heavier than the last notice (Arts 44, 45 ¶2), the decision's form
//     gate notHeavier;
//   - document numbers (number.go): DocTypes (立案审批表, 告知书, 决定书),
//     their formats (CheckNumberFormat, NumberPrefix), allocated in the
//     issuing step's transaction (allocateNumber), formats set by the
//     agency's administrator (SetNumberFormat);
//   - the 简易程序 (simple.go, simple_service.go): SimpleAllowed (Art 51),
//     SimpleTable on the engine, and DecideOnTheSpot;
//   - History (history.go): what the gates need of a case's steps, folded
//     step by step and kept on the case row (its rule state), so that a
//     step reads the case row, never its whole history; `zhifa verify`
//     (package service) replays it with HistoryOf and DecodeHistory.
//
// The case service (Service, service.go): it receives a Store and Tx it
// declares (package store implements them: store.PenaltyStore; *store.Tx
// is a Tx, and a publicity.Tx, so that the decision step makes the
// publication in its own transaction through Publisher, which
// *publicity.Service is), the Registry reads it needs (agencies, officers,
// matters: store.RegistryStore), the Deadlines it sets and meets and the
// working-day Calendar (package service implements them), the evidence
// file store (Blobs), an upload Metrics hook, an access.Guard, the clock
// and a logger. Files: register.go (案源登记: RegisterCase, CaseInput, the
// party's validation, officer loading, the step's ledger event); step.go
// (RecordStep: every later step through Apply, its form, files, deadlines
// and ledger event, in one transaction); read.go (the case page, case
// lists, the review queue, evidence upload and its recorded download).
// Package service embeds *Service in its transitional aggregate.
//
// The case record types (zhifa.Case, Party, Step, Evidence, ReviewOpinion,
// ReviewFinding) stay in the root package for now: they are the case file
// shared by every procedure and by publicity, which may not import penalty
// (penalty imports publicity).
//
// The legal review's checklist and outcomes are package review's. Every
// legal refusal is a *zhifa.Error: ECONFLICT (stage), EFORBIDDEN (role),
// ERULE (a rule of law, with its article), EINVALID (Problems keyed by
// field code). Tests: the rules are table-tested without a database
// (package penalty); the service's tests (service_*_test.go, package
// penalty_test) run on SQLite and, with ZHIFA_TEST_POSTGRES, PostgreSQL,
// through the service.Service aggregate, as they need users, the registry
// and publications; service_wiring_test.go builds Service from its own
// dependencies alone.
//
// Imports: the root package zhifa, access, ledger, procedure, review,
// registry, publicity, and the leaves blob, calendar, deadline and idcode;
// never store, service or web.
package penalty
