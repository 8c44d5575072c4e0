package redact

import (
	"strings"

	"github.com/zhifa/zhifa/idcode"
)

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }
func isSep(c byte) bool    { return c == ' ' || c == '-' }

// sepLen returns the byte length of the digit-group separator at t[k], or
// 0: a space, '-', or one of the dashes ‐ ‒ – — ― − that NFKC leaves as they
// are ("0915—5212345").
func sepLen(t string, k int) int {
	if isSep(t[k]) {
		return 1
	}
	if k+2 < len(t) && t[k] == 0xE2 {
		switch t[k+1 : k+3] {
		case "\x80\x90", "\x80\x92", "\x80\x93", "\x80\x94", "\x80\x95", "\x88\x92": // U+2010, 2012–2015, 2212
			return 3
		}
	}
	return 0
}

// Context words for numbers, looked for in the bytes just before a run.
var (
	bankWords = []string{"银行卡", "账号", "帐号", "卡号", "开户行", "账户", "帐户", "银行"}
	// The account an agency names for paying fines is public.
	publicAccountWords = []string{"财政", "非税", "国库", "汇缴"}
	creditWords        = []string{"信用代码"}
	taiwanWords        = []string{"台胞证", "台湾居民来往大陆通行证"}
	homeWords          = []string{"回乡证", "来往内地通行证"}
	passportWords      = []string{"护照"}
	idWords            = []string{"身份证", "公民身份号码", "证件号"}
)

// before reports whether one of words occurs in the n bytes before i.
func (s *scanner) before(i, n int, words []string) bool {
	lo := i - n
	if lo < 0 {
		lo = 0
	}
	w := s.text[lo:i]
	for _, x := range words {
		if strings.Contains(w, x) {
			return true
		}
	}
	return false
}

// digitRuns scans every run of ASCII digits, joining groups separated by
// spaces or dashes and taking a trailing X/x, and classifies it.
func (s *scanner) digitRuns() {
	t := s.text
	for i := 0; i < len(t); {
		c := t[i]
		if !isDigit(c) {
			i++
			continue
		}
		s.norm, s.pos, s.groups = s.norm[:0], s.pos[:0], s.groups[:0]
		j := i
		for {
			g := j
			for j < len(t) && isDigit(t[j]) {
				s.norm = append(s.norm, t[j])
				s.pos = append(s.pos, j)
				j++
			}
			s.groups = append(s.groups, j-g)
			k := j
			for k < len(t) {
				n := sepLen(t, k)
				if n == 0 {
					break
				}
				k += n
			}
			if k < len(t) && isDigit(t[k]) {
				j = k
				continue
			}
			if k < len(t) && (t[k] == 'X' || t[k] == 'x') {
				s.norm = append(s.norm, 'X')
				s.pos = append(s.pos, k)
				j = k + 1
			} else if strings.HasPrefix(t[k:], "×") {
				// The check character typed as a multiplication sign,
				// which NFKC leaves as it is: 61092119930725145×.
				s.norm = append(s.norm, 'X')
				s.pos = append(s.pos, k)
				j = k + len("×")
			}
			break
		}
		if end := s.classify(i, j); end > j {
			j = end
		}
		i = j
	}
}

// charEnd returns the end of the digit or check character at t[p] (× is
// two bytes).
func (s *scanner) charEnd(p int) int {
	if strings.HasPrefix(s.text[p:], "×") {
		return p + len("×")
	}
	return p + 1
}

// residentSum is a cheap pre-check of the GB 11643 check character of an
// 18-byte window (digits and a final X) before idcode.ValidResident.
func residentSum(w []byte) bool {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		if w[i] == 'X' {
			return false
		}
		sum += int(w[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11] == w[17]
}

func luhn(d []byte) bool {
	sum, dbl := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if dbl {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		dbl = !dbl
	}
	return sum%10 == 0
}

// provinceCode reports whether the first two digits are a province-level
// region code of GB/T 2260 (or 81/82/83 for Hong Kong, Macao, Taiwan).
func provinceCode(d []byte) bool {
	p := int(d[0]-'0')*10 + int(d[1]-'0')
	switch {
	case p >= 11 && p <= 15, p >= 21 && p <= 23, p >= 31 && p <= 37, p >= 41 && p <= 46,
		p >= 50 && p <= 54, p >= 61 && p <= 65, p == 71, p >= 81 && p <= 83:
		return true
	}
	return false
}

func idKind(d []byte) Kind {
	if d[0] == '8' && d[1] >= '1' && d[1] <= '3' {
		return KindResidence
	}
	return KindID
}

// classify records the candidates of the digit run t[start:end]; it returns
// a later end when it consumed more text (a landline after "(0915)").
func (s *scanner) classify(start, end int) int {
	t, d := s.text, s.norm
	n := len(d)
	hasX := d[n-1] == 'X'
	leftAlpha := start > 0 && isLetter(t[start-1])
	rightAlpha := end < len(t) && isAlnum(t[end])
	bare := !leftAlpha && !rightAlpha

	// 统一社会信用代码 made of digits only, labelled as such: survives.
	if n == 18 && !hasX && bare && s.before(start, 40, creditWords) && idcode.ValidCredit(string(d)) {
		s.protect = append(s.protect, [2]int{start, end})
		return end
	}
	// Every checksum-valid resident ID window is masked, whatever its context.
	whole := false
	for w := 0; w+18 <= n; w++ {
		win := d[w : w+18]
		if !residentSum(win) || !idcode.ValidResident(string(win)) {
			continue
		}
		rule := "gb11643"
		if n != 18 || !bare {
			rule = "gb11643-window"
		} else {
			whole = true
		}
		s.add(s.pos[w], s.charEnd(s.pos[w+17]), idKind(win), rule)
	}
	// An 18-character number labelled as an ID whose check digit fails (a
	// typo in the record) is still a person's ID: mask it too.
	if !whole && n == 18 && bare && s.before(start, 40, idWords) {
		s.add(start, end, KindID, "id-context")
		return end
	}
	if whole || hasX {
		return end
	}
	if !bare {
		return end
	}
	// A 15-digit legacy number.
	if n == 15 && provinceCode(d) && idcode.ValidLegacyResident(string(d)) {
		s.add(start, end, KindID, "gb11643-legacy")
		return end
	}
	// Mobile numbers, optionally with +86 / 86.
	if n == 11 && d[0] == '1' && d[1] >= '3' {
		s.add(start, end, KindMobile, "mobile")
		return end
	}
	if n == 13 && d[0] == '8' && d[1] == '6' && d[2] == '1' && d[3] >= '3' {
		// The '+' goes with the number, unless digits stand before it:
		// the replacement (no +86) would then join them ("…782" +
		// "170****0000"), and could complete a valid resident ID.
		st := start
		if st > 0 && t[st-1] == '+' && !digitBefore(t, st-1) {
			st--
		}
		s.add(st, end, KindMobile, "mobile+86")
		return end
	}
	// Landlines: 0 + area code (010, 02x: 3 digits; otherwise 4) + 7–8 digits.
	if d[0] == '0' && n >= 3 && d[1] != '0' {
		area := 4
		if d[1] == '1' || d[1] == '2' {
			area = 3
		}
		if local := n - area; local >= 7 && local <= 8 && (len(s.groups) == 1 || s.groups[0] == area) {
			s.add(start, end, KindLandline, "landline")
			return end
		}
		if n == area {
			if e := s.parenLandline(start, end); e > end {
				return e
			}
		}
	}
	// Bank cards and accounts.
	ctx := s.before(start, 45, bankWords)
	if ctx && n >= 10 && n <= 25 && !s.before(start, 90, publicAccountWords) {
		rule := "bank-context"
		if luhn(d) {
			rule = "bank-context+luhn"
		}
		s.add(start, end, KindBank, rule)
		return end
	}
	if n >= 16 && n <= 19 && luhn(d) && cardGroups(s.groups) {
		if n == 18 && idcode.ValidCredit(string(d)) {
			return end // an all-digit 统一社会信用代码
		}
		s.add(start, end, KindBank, "luhn")
		return end
	}
	// 台胞证: 8 digits (sometimes 10) after the word.
	if (n == 8 || n == 10) && s.before(start, 40, taiwanWords) {
		s.add(start, end, KindPermit, "taiwan-permit")
	}
	return end
}

// digitBefore reports whether a digit stands before t[i], looking through
// spaces and dashes.
func digitBefore(t string, i int) bool {
	for i > 0 && isSep(t[i-1]) {
		i--
	}
	return i > 0 && isDigit(t[i-1])
}

// cardGroups reports whether digit groups look like a card number: one block,
// or blocks of 4 with a shorter or longer last one ("6222 0212 3456 7890 123").
func cardGroups(g []int) bool {
	if len(g) == 1 {
		return true
	}
	for _, n := range g[:len(g)-1] {
		if n != 4 {
			return false
		}
	}
	return g[len(g)-1] >= 2 && g[len(g)-1] <= 7
}

// parenLandline handles "(0915)1234567" (and "（0915）1234567", folded to
// it): the area code run t[start:end] is wrapped in brackets and followed by
// 7–8 digits.
func (s *scanner) parenLandline(start, end int) int {
	t := s.text
	if start < 1 || t[start-1] != '(' || end >= len(t) || t[end] != ')' {
		return end
	}
	st, i := start-1, end+1
	for i < len(t) && t[i] == ' ' {
		i++
	}
	j := i
	for j < len(t) && (isDigit(t[j]) || (t[j] == '-' && j+1 < len(t) && isDigit(t[j+1]) && j > i)) {
		j++
	}
	digits := 0
	for k := i; k < j; k++ {
		if isDigit(t[k]) {
			digits++
		}
	}
	if digits < 7 || digits > 8 || (j < len(t) && isAlnum(t[j])) {
		return end
	}
	s.add(st, j, KindLandline, "landline")
	return j
}

// letterCodes finds 通行证号, 护照号 and 车牌号: codes that begin with an
// upper-case ASCII letter.
func (s *scanner) letterCodes() {
	t := s.text
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !isUpper(c) || (i > 0 && isAlnum(t[i-1])) {
			continue
		}
		if i >= 3 && strings.Contains(provinces, t[i-3:i]) {
			if e := plateEnd(t, i); e > 0 {
				s.add(i-3, e, KindPlate, "plate")
				i = e - 1
				continue
			}
		}
		letters := 1
		if i+1 < len(t) && isUpper(t[i+1]) {
			letters = 2
		}
		j := i + letters
		for j < len(t) && isDigit(t[j]) {
			j++
		}
		digits := j - i - letters
		if digits == 0 || (j < len(t) && isAlnum(t[j])) {
			continue
		}
		switch {
		case letters == 1 && digits == 8 && (c == 'C' || c == 'W'):
			s.add(i, j, KindPermit, "hk-macao-permit")
		case letters == 1 && digits == 8 && (c == 'E' || c == 'G'):
			s.add(i, j, KindPassport, "passport")
		case letters == 2 && digits == 7 && c == 'E':
			s.add(i, j, KindPassport, "passport")
		case letters == 1 && (digits == 8 || digits == 10) && (c == 'H' || c == 'M') && s.before(i, 40, homeWords):
			s.add(i, j, KindPermit, "home-return-permit")
		case digits >= 6 && digits <= 9 && s.before(i, 30, passportWords):
			s.add(i, j, KindPassport, "passport-context")
		}
		i = j - 1
	}
}

// plateSuffixes end a plate of 4 letters and digits.
var plateSuffixes = []string{"挂", "学", "警", "领", "试", "超", "港", "澳"}

// provinces holds the one-character province abbreviations of vehicle plates.
const provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

// plateEnd returns the end of a plate whose city letter is at t[i], or 0:
// letter, optional separator (·, •, ., space, -), then 5 (ordinary) or 6
// (new-energy) letters and digits with at least 3 digits, or 4 and one of
// the characters of trailer, driving-school and similar plates (陕G1234挂).
func plateEnd(t string, i int) int {
	j := i + 1
	switch {
	case strings.HasPrefix(t[j:], "·"):
		j += len("·")
	case strings.HasPrefix(t[j:], "•"):
		j += len("•")
	case j < len(t) && (t[j] == '.' || t[j] == ' ' || t[j] == '-'):
		j++
	}
	k, digits := j, 0
	for k < len(t) && (isDigit(t[k]) || isUpper(t[k])) && k-j < 7 {
		if isDigit(t[k]) {
			digits++
		}
		k++
	}
	if n := k - j; n == 4 && digits >= 3 {
		for _, c := range plateSuffixes {
			if strings.HasPrefix(t[k:], c) {
				return k + len(c)
			}
		}
	}
	if n := k - j; (n != 5 && n != 6) || digits < 3 || (k < len(t) && isAlnum(t[k])) {
		return 0
	}
	return k
}

// emails finds e-mail addresses around each '@'.
func (s *scanner) emails() {
	t := s.text
	for off := 0; ; {
		at := strings.IndexByte(t[off:], '@')
		if at < 0 {
			return
		}
		at += off
		off = at + 1
		i := at
		for i > 0 && (isAlnum(t[i-1]) || strings.IndexByte("._%+-", t[i-1]) >= 0) {
			i--
		}
		j := at + 1
		for j < len(t) && (isAlnum(t[j]) || t[j] == '.' || t[j] == '-') {
			j++
		}
		for j > at+1 && (t[j-1] == '.' || t[j-1] == '-') { // trailing full stop
			j--
		}
		dot := strings.LastIndexByte(t[at+1:j], '.')
		if i == at || dot <= 0 || at+1+dot >= j-2 {
			continue
		}
		s.add(i, j, KindEmail, "email")
		off = j
	}
}
