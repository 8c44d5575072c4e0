// Package publicity is the 公示 context: the public, already-masked record
// of a decision (Publication), made inside the decision step's transaction
// and published on the portal; its corrections (更正, Correction) and its
// withdrawal (撤回, Withdrawal: WithdrawPublication, WithdrawCauses — not the
// case's 撤案); the redaction check a person confirms before publishing
// (脱敏, Redact and ConfirmRedaction). It is the portal's read model: the
// public portal reads publications from here and nothing of a case, so it
// may import publicity (and registry) but never a case context.
//
// Files: publication.go (the types, their statuses and status methods for
// templates, the correctable fields, PublicationFilter); service.go (Service,
// the Store and Tx it needs, the Deadlines it sets and meets); publish.go
// (the publication made from a decision, Publish, the portal's reads);
// change.go (correction and withdrawal, their inputs and rules, publicCopy:
// what the public may see); redact.go (the redaction preview and its
// recorded confirmation); proof.go (a published decision's proof against
// the log); opendata.go (the 双公示 penalty fields of DOMAIN §10, amounts in
// 万元, the display period of 第十三条). The portal's reads at a province's
// scale — capped counts (PublicCountCap), the keyset Cursor, the data's
// Version for caching headers — are declared here and implemented in
// store/publicity_search.go (the trigram indexes of migration 0015).
//
// Package store implements Store and Tx (store.PublicityStore; *store.Tx is
// a Tx); package service implements Deadlines and Records and embeds
// *Service in its transitional aggregate.
//
// Imports: the root package zhifa (Actor, errors, and for now Case, Party
// and Step), access, ledger, and the leaves redact, calendar, deadline and
// idcode; never store, service or web.
package publicity
