package redact

import (
	"strings"
	"unicode/utf8"
)

// A dwelling is the part of a place that identifies where a natural person
// lives: a building, unit, room or floor, or a village 组 with a house
// number. dwellings finds them anywhere in the text — after 住址 as well as
// as the place of an act — and masks them down to the street or village
// (see the package doc for the rule).

// unit is a word that follows a number in an address chain.
type unit struct {
	w string
	c unitClass
}

type unitClass uint8

const (
	uWeak    unitClass = iota // 楼, 层, 座, 号院: part of a chain, not enough alone
	uStrong                   // 幢, 栋, 号楼, 单元, 室: a dwelling
	uGroup                    // 组: a dwelling when a 号 follows in the chain
	uHouseNo                  // 号
	uRoom                     // 房, 户: a dwelling after another token (12号301房)
)

// units, longest first where one is a prefix of another.
var units = []unit{
	{"号楼", uStrong}, {"#楼", uStrong}, {"号院", uWeak}, {"号", uHouseNo}, {"#", uHouseNo},
	{"单元", uStrong}, {"幢", uStrong}, {"栋", uStrong}, {"室", uStrong},
	{"组", uGroup}, {"座", uWeak}, {"楼", uWeak}, {"层", uWeak}, {"户", uRoom}, {"房", uRoom},
}

func isHanNumeral(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '零', '〇', '两':
		return true
	}
	return false
}

// numberEnd returns the end of a number token at t[i]: ASCII digits, Chinese
// numerals, or one upper-case letter (A座, B栋); i when there is none.
func numberEnd(t string, i int) int {
	j := i
	for j < len(t) && isDigit(t[j]) {
		j++
	}
	if j > i {
		return j
	}
	for j < len(t) {
		r, size := utf8.DecodeRuneInString(t[j:])
		if !isHanNumeral(r) {
			break
		}
		j += size
	}
	if j > i {
		return j
	}
	if i < len(t) && isUpper(t[i]) && (i+1 >= len(t) || !isAlnum(t[i+1])) {
		return i + 1
	}
	return i
}

// unitAt returns the unit at t[i], if any.
func unitAt(t string, i int) (unit, bool) {
	for _, u := range units {
		if strings.HasPrefix(t[i:], u.w) {
			return u, true
		}
	}
	return unit{}, false
}

// skipSpace skips one ASCII space (the demo and some templates write
// "五组 8 号").
func skipSpace(t string, i int) int {
	if i < len(t) && t[i] == ' ' {
		return i + 1
	}
	return i
}

// chain reads an address chain at t[i] ("7号2单元302室", "五组21号",
// "3-2-501室", "A座1203室") and returns its end and whether it identifies a
// dwelling. A chain of one number and one unit is a dwelling only when the
// unit is 单元, 号楼 or 室 after digits, or 栋/幢 right after a street or an
// estate name ("锦绣花园3栋"): "一栋民房", "2栋彩钢房" count buildings.
func chain(t string, i int) (end int, dwelling bool) {
	end, start := i, i
	strong, group, afterUnit := false, false, false
	tokens, dashes, lastLen, dashEnd := 0, 0, 0, i
	var first unit
	firstHan := false
	for n := 0; n < 8; n++ {
		ne := numberEnd(t, i)
		if ne == i {
			break
		}
		lastLen = ne - i
		k := skipSpace(t, ne)
		u, ok := unitAt(t, k)
		if !ok {
			if ne < len(t) && t[ne] == '-' && ne+1 < len(t) && isDigit(t[ne+1]) {
				dashes++
				dashEnd = ne
				i = ne + 1
				continue
			}
			if (afterUnit && isDigit(t[i]) && lastLen >= 3) || dashes > 0 {
				end = ne // 2单元501, 3-2-501
			}
			break
		}
		if tokens == 0 {
			first, firstHan = u, !isDigit(t[i]) && !isUpper(t[i])
		}
		tokens++
		switch u.c {
		case uStrong:
			strong = true
		case uGroup:
			group = true
		case uHouseNo:
			if group {
				strong = true
			}
		case uRoom:
			if tokens > 1 {
				strong = true
			}
		}
		afterUnit = true
		end = k + len(u.w)
		i = skipSpace(t, end)
	}
	if dashes >= 2 && lastLen >= 3 {
		// 3-2-501: building, unit, room, after an estate or street
		// (a batch number 20260312-01-001 is not).
		return max(end, dashEnd), tokens > 0 || afterPlace(t, start)
	}
	if tokens == 1 && dashes == 0 && strong {
		switch {
		case firstHan:
			return end, false
		case first.w == "栋" || first.w == "幢":
			return end, false // decided by the caller, which sees what precedes
		}
	}
	return end, strong
}

// singleBuilding reports whether a chain of one token with 栋 or 幢 at t[i]
// follows a street or an estate name.
func singleBuilding(t string, i, end int) bool {
	if !strings.HasSuffix(t[:end], "栋") && !strings.HasSuffix(t[:end], "幢") {
		return false
	}
	if numberEnd(t, i) == i || !isDigit(t[i]) && !isUpper(t[i]) {
		return false
	}
	return afterPlace(t, i)
}

// afterPlace reports whether t[i] follows a street, an estate name or a
// house number.
func afterPlace(t string, i int) bool {
	p := t[:skipBackSpace(t, i)]
	if q, ok := strings.CutSuffix(p, "号"); ok {
		// A house number (7号3栋), not 批号, 编号, 证号.
		r, _ := utf8.DecodeLastRuneInString(q)
		return r < utf8.RuneSelf && isDigit(byte(r)) || isHanNumeral(r)
	}
	return (endsWithAny(p, streetEnds) && !endsWithAny(p, notStreet)) || endsWithAny(p, compoundEnds)
}

// counting reports whether the chain at t[i] opens with a count of
// buildings or floors in Chinese numerals ("一栋两层砖混结构房屋") rather
// than an address: it does, unless a street or estate precedes it.
func counting(t string, i int) bool {
	ne := numberEnd(t, i)
	if ne == i || isDigit(t[i]) || isUpper(t[i]) {
		return false
	}
	u, ok := unitAt(t, skipSpace(t, ne))
	if !ok || (u.w != "栋" && u.w != "幢" && u.w != "层" && u.w != "楼") {
		return false
	}
	return !afterPlace(t, i)
}

// Words that end the part of an address that stays public: streets and
// villages, or, failing those, the town or county.
var (
	streetEnds = []string{"社区", "胡同", "大道", "路", "街", "巷", "道", "弄", "村", "屯", "寨", "镇", "乡", "县", "市", "区"}
	notStreet  = []string{"小区", "园区", "校区", "厂区", "景区", "城区", "辖区", "街区", "片区", "区域"}
	// compoundEnds end the name of a housing estate: "锦绣花园3栋".
	compoundEnds = []string{"小区", "花园", "家园", "公寓", "大厦", "苑", "府", "庭", "居", "院", "新村", "宿舍", "楼", "城", "广场", "公馆", "山庄", "安置点", "佳园"}
	// dwellStop are characters before an estate name that are not part
	// of it.
	dwellStop = "在于的至到对向从将把被及与即系其为是中内"
)

func endsWithAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// dwellingStart returns where the masked part of a dwelling whose chain
// starts at cs begins: right after the last street or village word, if one
// ends within 12 Han characters before the chain (the estate name between
// them is masked too), else at the chain.
func dwellingStart(t string, cs int) int {
	i := skipBackSpace(t, cs)
	for n := 0; n < 12 && i > 0; n++ {
		p := t[:i]
		if endsWithAny(p, streetEnds) && !endsWithAny(p, notStreet) {
			if i == skipBackSpace(t, cs) || endsWithAny(t[:skipBackSpace(t, cs)], compoundEnds) {
				return i
			}
			return cs
		}
		r, size := utf8.DecodeLastRuneInString(p)
		if !isHan(r) || strings.ContainsRune(dwellStop, r) {
			break
		}
		i -= size
	}
	return cs
}

func skipBackSpace(t string, i int) int {
	if i > 0 && t[i-1] == ' ' {
		return i - 1
	}
	return i
}

// orgAddressLabels introduce an organisation's registered or business
// address.
var orgAddressLabels = []string{"住所", "地址", "经营场所", "营业场所", "经营地址", "注册地址", "办公地址", "办公地点", "生产地址"}

// orgPlace reports whether the place at t[i] belongs to an organisation:
// its clause (back to the last comma or sentence end) names one, or it
// follows an address label in a sentence that names an organisation before
// the label and no personal marker (男/女/身份证…).
func orgPlace(t string, i int) bool {
	lo := max(0, i-400)
	sent := t[lo:i]
	if k := strings.LastIndexAny(sent, "。\n;"); k >= 0 {
		sent = sent[k+1:]
	}
	clause := sent
	if k := strings.LastIndexAny(clause, ",、"); k >= 0 {
		clause = clause[k+1:]
	}
	for _, m := range orgMarkers {
		if strings.Contains(clause, m) {
			return true
		}
	}
	label := -1
	for _, l := range orgAddressLabels {
		if strings.HasPrefix(clause, l) {
			label = len(sent) - len(clause)
		}
	}
	if label < 0 {
		return false
	}
	before := sent[:label]
	for _, m := range personMarkers {
		if strings.Contains(before, m) {
			return false
		}
	}
	for _, m := range orgMarkers {
		if strings.Contains(before, m) {
			return true
		}
	}
	return false
}

// dwellings masks every dwelling in the text from the street or village
// down, unless it is an organisation's address.
func (s *scanner) dwellings() {
	t := s.text
	for i := 0; i < len(t); {
		c := t[i]
		var start bool
		size := 1
		switch {
		case c < utf8.RuneSelf:
			start = isDigit(c) || isUpper(c)
		case c >= 0xE0 && c < 0xF0 && i+2 < len(t):
			size = 3
			r := rune(c&0x0F)<<12 | rune(t[i+1]&0x3F)<<6 | rune(t[i+2]&0x3F)
			start = isHanNumeral(r)
		}
		if start && i > 0 {
			// A chain starts at the first character of a number.
			p, _ := utf8.DecodeLastRuneInString(t[:i])
			if p < utf8.RuneSelf && isAlnum(byte(p)) || isHanNumeral(p) || p == '-' {
				start = false
			}
		}
		if !start {
			i += size
			continue
		}
		end, ok := chain(t, i)
		if (!ok && !singleBuilding(t, i, end)) || counting(t, i) || end <= i {
			i = max(end, i+size)
			continue
		}
		if !orgPlace(t, i) {
			s.cands = append(s.cands, span{start: dwellingStart(t, i), end: end, kind: KindAddress, rule: "dwelling", repl: "****"})
		}
		i = end
	}
}
