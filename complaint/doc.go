// Package complaint holds 投诉举报 (Complaint): what anyone may say, without
// an account, about the enforcement of an agency (处罚法 Art 75 ¶2:
// "有权申诉或者检举;行政机关应当认真审查,发现有错误的,应当主动改正"), and a
// report of an error in published information (纠错, 政府信息公开条例 Art 41).
//
// The life of a complaint is a small table (rules.go): it is received (收到)
// from the portal or a 12345 hot-line import; the agency it names, or the
// 司法局 that supervises every agency, accepts it (受理) or declines it with
// the reason (不予受理) within the acceptance limit, and replies (答复)
// within the reply limit counted from acceptance. Both limits are set per
// deployment (Limits); the defaults follow the practice the rule names,
// since no statute fixes them for complaints about enforcement.
//
// The complainant gets a query code (查询码) once, at filing; the store keeps
// only its SHA-256, so that the database never holds a code that opens a
// complaint. With the code, and nothing else, the portal shows the
// complaint's PublicView: kind, agency, status, dates and the reply — never
// the complainant's name, phone or words. Those are personal data: the
// store keeps them encrypted (store/fieldcrypt.go) and the ledger sees only
// ids, states and digests.
//
// Where to change what: the states, actions and who may take them in
// rules.go (pure, table-tested); the limits in Limits; the field lengths
// in Filing.Validate; the storage in store/complaint.go.
//
// May import: the root package zhifa, access, calendar, deadline, ledger;
// never store, service or web.
package complaint
