// Package supervision holds the 司法局's supervision of enforcement (seed
// 五; 处罚法 Art 75 ¶1): supervision opinions (Opinion — 监督意见书,
// 责令改正通知书, 约谈, 通报) issued to an agency with the deadline of its
// rectification reply, the agency's reply and the supervisor's acceptance or
// return; and the region a 司法局 supervises (Covers: a county's 司法局 the
// agencies of its county, a city's those of its counties, a province's the
// whole province), by the registry's region codes.
//
// The life of an opinion is a small table (opinion.go, pure and
// table-tested): issued → replied → closed, or back to issued with a new
// deadline when the reply does not suffice. Every step is a ledger event.
//
// Dashboards, 案卷评查 and the yearly report are to come here too (issue 16).
//
// May import: the root package zhifa, access, ledger, the leaf packages,
// registry and the case contexts; never store or web.
package supervision
