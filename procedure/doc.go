// Package procedure is the penalty general procedure (一般程序行政处罚) as data
// plus pure rule functions: a transition table (Actions), one function that
// checks a requested step against the case and the rules of law and returns
// the step to record (Apply), the legal-review checklist (Checklist), and the
// 简易程序 threshold (SimpleAllowed).
//
// Every legal refusal of the procedure comes from here, as a *zhifa.Error:
//
//   - zhifa.ECONFLICT: the action is not possible in the case's current stage;
//   - zhifa.EFORBIDDEN: the actor lacks the role the action needs;
//   - zhifa.ERULE: a rule of law refuses it (certificate, two officers,
//     separation of duties, review gate, 陈述申辩 period, hearing…); the
//     message names the rule and, where useful, the article;
//   - zhifa.EINVALID: a form field is missing or malformed; Problems names
//     the field.
//
// The package does no I/O and reads no clock: the service loads the case and
// the people, passes "today", and on success stores Result and appends the
// ledger event. Deadlines (陈述申辩 period, 90-day limit, service within 7
// days) are computed by the service with the calendar and passed in.
//
// Imports: the standard library and the root package zhifa only.
package procedure
