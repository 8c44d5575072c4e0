// Package complaint will hold 投诉举报 (Complaint): the public's complaints
// about enforcement, their handling by the agency and the 司法局, and the
// answer within its time limit (处罚法 Art 75).
//
// Nothing is built here yet: issue 16 builds it.
//
// May import: the root package zhifa, access, ledger, the leaf packages and
// registry; never store, service or web.
package complaint
