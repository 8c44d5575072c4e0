// Package recording will hold 执法全过程记录 beyond the steps themselves:
// audio-video records (AVRecord: kind, device, officers, time, place, the
// steps they belong to, interruptions, confidentiality, digests), the
// recording gate each procedure table asks for (procedure.Transition.NeedsAV
// and the agency's 音像记录事项清单), playback with every viewing recorded, and
// the documents (执法文书) and case file (案卷) made from the record.
//
// Nothing is built here yet: issues 12 (documents) and 13 (audio-video)
// build it, as a context on the pattern of registry and publicity (types,
// pure rules, a Service over a Store interface that package store
// implements).
//
// May import: the root package zhifa, access, ledger, blob, the leaf
// packages, registry and procedure; never store, service or web.
package recording
