// Package redact is the publicity redaction engine (公示脱敏): it finds the
// personal data of natural persons in the text of an enforcement decision and
// returns the public copy together with a redaction report.
//
// DOMAIN.md §4 and §9 set the rules. 许可 and 征收 decisions are published in
// full; 处罚, 强制 and 检查 results are published without the ID numbers, phone
// numbers, home address below the county, bank accounts, vehicle plates and
// e-mail addresses of natural persons, and with the names of other natural
// persons (witnesses, relatives) reduced to 姓+某. Organisation names,
// 统一社会信用代码, 文号, amounts, dates, legal citations, agencies and
// officers (names and 执法证号) survive.
//
// # Recognizers
//
// The recognizers read the NFKC form of the text (normalize.go), so that
// full-width and other compatibility forms are the numbers they are:
// ６１０９２１１９９００１０１１２３Ｘ is an ID, １３９－１２３４－５６７８ a mobile,
// 陕Ｇ·Ａ１２３４ a plate. What they find is mapped back, segment by segment,
// to the original, whose characters are the ones masked; the rest of the
// public copy is the original as written.
//
// Numbers are found by one pass over the bytes that joins digit groups
// separated by spaces or dashes ("610921 1990 0101 123X", "0915—5212345"). Within every such
// run each 18-character window that passes the GB 11643 check and carries a
// real birth date is masked, whatever its context: no public copy contains a
// checksum-valid resident ID number. The only exception is an all-digit code
// labelled 信用代码 that also passes the GB 32100 check (it is a 统一社会信用代码).
// Other number kinds need their shape and, where the shape alone is weak,
// a context word: 手机号 (1[3-9] + 9 digits, optional +86), 固定电话 (area
// code 0xx/0xxx + 7–8 digits, also "(0915)1234567"), 银行账号 (10–25 digits
// after 银行卡/账号/卡号/开户行/账户 unless the account is an agency's
// 财政/非税/国库/汇缴 account, or 16–19 digits passing Luhn anywhere),
// 台胞证 (8 digits after 台胞证), 港澳通行证 (C/W + 8 digits), 护照号 (E/G + 8
// digits, or a letter code after 护照), 电子邮箱 and 车牌号 (陕G·12345,
// 陕GD12345, 陕G1234挂).
//
// 住址 is found after 住址/住所/家住/居住地/户籍地/现住/住在…; the
// administrative divisions down to the county (省/自治区/市/州/盟/县/区/旗)
// are kept and the rest becomes "****" (DOMAIN §9: a home address is
// published at most down to the county). An organisation's registered 住所
// (the sentence names a 统一社会信用代码, 公司, 厂, 店, 合作社, 中心… and no
// personal marker such as 男/女/身份证) survives.
//
// # Dwellings
//
// A dwelling is masked wherever the text names one, also as the place of
// the act and without a word such as 住址 (issue 17.6; dwelling.go). The
// rule, exactly:
//
//   - An address chain is a run of tokens "number + unit": the number is
//     ASCII digits (after NFKC), Chinese numerals (一…十百零〇两) or one
//     capital letter (A座); the unit is 号楼/#楼, 号院, 号/#, 单元, 幢, 栋,
//     室, 组, 座, 楼, 层, 户 or 房; one space may stand on either side of a
//     unit ("五组 8 号"). "3-2-501" (three or more dash-joined numbers, the
//     last of 3+ digits) is a chain too, but only right after a street or
//     an estate name, so a batch number 20260312-01-001 is not.
//   - The chain identifies a dwelling when it holds 单元, 号楼, 室, 幢 or
//     栋, or 组 followed by 号 (a village house: 五组21号), or 房/户 after
//     another token (12号301房, 3单元2户). 号, 楼, 层, 座, 号院 alone do not:
//     "北大街18号", "北大街18号3楼" (a shop floor) and "五组" stay.
//   - Counts are not places: a chain of one token in Chinese numerals
//     (一室), a chain opening with 一栋/两层 in Chinese numerals, and one
//     token such as "2栋" are dwellings only right after a street, an estate
//     name (小区, 花园, 家园, 苑, 府, 公寓, 大厦…) or a house number (7号3栋).
//   - What stays public is the text up to the last street or village word
//     (路, 街, 巷, 道, 大道, 弄, 胡同, 村, 社区, 屯, 寨; failing those 镇, 乡,
//     县, 市 or an administrative 区) that ends right before the chain, or
//     right before an estate name that ends right before it; the estate
//     name and the chain become "****": "新民路7号2单元302室" → "新民路****",
//     "东城社区锦绣花园3栋2单元501室" → "东城社区****", "仁河村三组11号" →
//     "仁河村****". Without such a word within 12 Han characters only the
//     chain is masked. So a house number on a road is cut with the rest
//     when the chain goes on to a unit or room.
//   - An organisation's place survives: the clause of the chain (back to the
//     last comma or 、) names an organisation (公司, 店, 医院, 中心…), or the
//     chain follows 住所/地址/经营场所/注册地址… in a sentence that names an
//     organisation before that label and no personal marker (男, 女,
//     身份证…). The place of a 个体工商户's operator, a natural person
//     (男/女 in the sentence), is masked.
//
// After 住址 the stricter county rule applies; the two findings merge.
//
// # Other natural persons
//
// 姓名 of other natural persons is found after role words: 证人, 见证人,
// 在场人, 在场人员, 现场人员, 举报人, 投诉人, 报案人, 知情人, 村民, 邻居, 户主,
// 房主, 业主, 承租人, 出租人, 委托代理人, 被询问人, 雇员, relatives (其妻,
// 之妻, 其子, 之子, 父亲, 母亲, 配偶, 女婿, 儿媳, 亲属…), "询问 X 时" and
// similar words (personWords in scan.go); 被举报人 and 被投诉人 are the
// party, not other persons. A label may stand between the word and the
// names (证人姓名：, 见证人（签名）：, 在场人员分别为), as in the "label：value"
// lines of a 笔录 (full-width and ASCII colons alike), and the names may be
// a list ("张三、李四和王五", "1.张三 2.李四", "张三（村民）、李四"). A name is
// a common single or compound surname (欧阳, 司马, 诸葛…) and one or two
// given characters; nouns that begin with a surname character (村民房屋,
// 村民田地: notNames) are not names. Each name so found becomes 姓+某
// (compound surnames keep both characters: 欧阳某) wherever it recurs —
// except the party's own name (the name after 当事人, or Known.PartyName),
// which follows Policy.PartyName, and the officers' names. Names listed
// after 执法人员/承办人/询问人/记录人 are officers and survive, and so do
// their 执法证号; so do organisations and their 法定代表人 (DOMAIN §9),
// which is not a role word.
//
// Whatever the caller knows from structured fields (Known) is masked wherever
// it recurs, and Known.Keep lists strings that must survive (officer and
// agency names, an agency's 举报电话). Keep never protects a resident ID.
//
// # Masks
//
// The public text replaces each finding by a fixed form (see MaskValue):
// 身份证号/居住证号 keep the 6-digit region code ("610921************"),
// 手机号 "138****5678", 固定电话 "0915-*******", 银行账号 first and last 4
// digits, 通行证号/护照号 the first letter, 电子邮箱 the first character and
// the domain, 车牌号 the province and city letter, 住址 the part above the
// county boundary (a dwelling found as a place: "****" after the street or
// village), 姓名 姓+某.
//
// # Report
//
// The report lists every finding with byte and rune offsets into the
// original, the rule that fired, the replacement and the SHA-256 of the
// matched text — never the text itself, so the report can be stored and shown.
// Report.Digest is the value recorded in the ledger. Apply replays the manual
// edits of the person who confirms the publication.
//
// The package imports the standard library, idcode and
// golang.org/x/text/unicode/norm only. Its functions are
// pure and safe for concurrent use.
package redact
