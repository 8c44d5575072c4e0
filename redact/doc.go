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
// are kept and the rest becomes "****". An organisation's registered 住所
// (the sentence names a 统一社会信用代码, 公司, 厂, 店, 合作社, 中心… and no
// personal marker such as 男/女/身份证) survives.
//
// 姓名 of other natural persons is found after 证人, 见证人, 在场人, 邻居,
// 其妻, 其子, 委托代理人, 被询问人, "询问 X 时" and similar words, with the
// common single and compound surnames (欧阳, 司马, 诸葛…); each name so found
// is masked wherever it recurs. Names listed after 执法人员/承办人/询问人 are
// officers and survive, and so do their 执法证号.
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
// county boundary, 姓名 姓+某.
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
