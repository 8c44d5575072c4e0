// Package procedure is the generic procedure engine: a procedure is one
// Table value (its stages with their Chinese names and which are final,
// and its transitions as data), and pure functions read it.
//
// A procedure's case state embeds State, the generic part (stage, agency,
// handlers, participants), and adds what its gates need; the engine reads
// only the stage. A Transition names its action, the stages it may be taken from and the
// one it leads to (Keep, Else), the role that performs it, whether it is an
// on-site step (two or more distinct officers with valid certificates,
// 处罚法 Arts 42, 55), whether it needs audio-video (NeedsAV), its form
// Fields (each with a Kind — text, long text, date, yes/no, money in 元,
// integer, choice, choices, officer id — and its limits), the time limits
// it Meets and Starts (with Conditions on a field or on a flag of the
// case's history), and its Gates: pluggable rules, pure functions of the
// procedure's case state and the request that return a coded refusal.
//
// The engine functions:
//
//   - Apply(table, state, request) checks the stage (ECONFLICT), the role
//     (EFORBIDDEN), the people (ERULE: certificates through
//     registry.Certificate, the on-site rule), the transition's Gates, the
//     form (EINVALID, Problems keyed by field code: by Kind, then the
//     table's Normalize hook for conditional rules, or the transition's own
//     Form such as the legal review), then its FormGates, and returns the
//     step to record;
//   - Next(table, state, roles) lists the actions to offer;
//   - Table.Effects returns the time limits a step meets and starts, used
//     when a step is recorded and when verification replays the steps.
//
// The engine knows no particular procedure: each lives in its own context
// package as one Table (package penalty: the penalty general procedure). It
// does no I/O and reads no clock: the caller passes "today".
//
// Files: engine.go (State, Table, Transition, Gate, Officer, Request,
// Result, Apply, Next),
// field.go (Field, Kind, normalisation, Yes), deadline.go (Meet, Start,
// Condition, Effects), engine_test.go (a made-up two-stage table).
//
// Imports: the standard library, the root package zhifa and registry (for
// the one certificate state).
package procedure
