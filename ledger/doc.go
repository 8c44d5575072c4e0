// Package ledger is zhifa's tamper-evident log (全过程留痕、可回溯): every state
// change of a case, a user or a publication is appended, in the same database
// transaction as the change itself, as one leaf of an append-only Merkle tree.
//
// The pieces, each following a public specification so that anyone can check
// the log without zhifa's code:
//
//   - Event is the leaf: a canonical, versioned, deterministic JSON encoding
//     (sorted keys, no insignificant whitespace, "v":1), at most
//     MaxEventSize bytes.
//   - Append hashes a leaf into the tree inside the caller's transaction (Tx).
//     Hashing is RFC 6962 (SHA-256, leaf prefix 0x00, node prefix 0x01) and
//     the tree hashes are stored in the Crosby–Wallach order of
//     golang.org/x/mod/sumdb/tlog, next to the data, in the same database.
//   - SignCheckpoint signs the tree head as a C2SP tlog-checkpoint wrapped in
//     a C2SP signed-note with an Ed25519 key (LoadOrCreateKey keeps it in a
//     0600 file). The key name is the log's origin, by default "<host>/zhifa".
//   - InclusionProof, FormatProof and VerifyProof produce and check a receipt
//     in the C2SP tlog-proof text format: what a party or a court keeps to
//     prove, offline, that an event was logged. ConsistencyProof and
//     CheckConsistency prove that a later checkpoint extends an earlier one.
//   - Handler serves the log read-only per C2SP tlog-tiles (tile height 8):
//     /log/checkpoint, /log/key, /log/tile/<L>/<N>[.p/<W>] and
//     /log/tile/entries/<N>[.p/<W>].
//   - Verify recomputes everything from the stored leaves and reports the
//     first bad index; VerifyRemote does the same from the served tiles alone,
//     and VerifyRemoteSince also proves the served log consistent with a
//     checkpoint saved earlier, which catches a rollback or a fork.
//
// The log is public by design, so a leaf must never carry personal data:
// no names, identity numbers, addresses, telephone numbers or free text.
// Leaves carry ids, types, states, times, actors ("user/7") and SHA-256
// digests of the record's content (ContentDigest) and of attached files.
// Keeping personal data out is the callers' duty; this package cannot tell
// a name from a code.
//
// Imports: the standard library and golang.org/x/mod/sumdb/{tlog,note} only.
// The ledger knows nothing of cases or SQL: the store implements Tx and
// Source over its own tables.
package ledger
