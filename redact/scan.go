package redact

import (
	"strings"
	"unicode/utf8"

	"github.com/zhifa/zhifa/idcode"
)

// scanner holds the state of one Redact call.
type scanner struct {
	text    string
	p       Policy
	k       Known
	cands   []span
	protect [][2]int // byte ranges no candidate other than a resident ID may touch

	norm   []byte // digits of the current run, separators removed
	pos    []int  // byte offset of each byte of norm
	groups []int  // lengths of the digit groups of the current run
	hits   []hit  // context words, in text order
}

func newScanner(text string, p Policy, k Known) *scanner {
	return &scanner{
		text:   text,
		p:      p,
		k:      k,
		cands:  make([]span, 0, 16),
		norm:   make([]byte, 0, 32),
		pos:    make([]int, 0, 32),
		groups: make([]int, 0, 8),
		hits:   make([]hit, 0, 16),
	}
}

func (s *scanner) add(start, end int, k Kind, rule string) {
	s.cands = append(s.cands, span{start: start, end: end, kind: k, rule: rule})
}

// recognizers run in this order after the context words are found and the
// public spans protected. Each has a name so that a test can switch one off
// and see the thresholds fail.
var recognizers = []struct {
	name string
	run  func(*scanner)
}{
	{"numbers", (*scanner).digitRuns},
	{"letter-codes", (*scanner).letterCodes},
	{"emails", (*scanner).emails},
	{"addresses", (*scanner).addresses},
	{"dwellings", (*scanner).dwellings},
	{"names", (*scanner).names},
	{"known", (*scanner).known},
}

// scan runs every recognizer but the one named off ("" for none).
func (s *scanner) scan(off string) {
	s.findWords()
	s.protectPublic()
	for _, r := range recognizers {
		if r.name != off {
			r.run(s)
		}
	}
}

// protectPublic marks what must survive: 统一社会信用代码, Known.Keep, 文号,
// officers listed after 执法人员/承办人… and their 执法证号.
func (s *scanner) protectPublic() {
	t := s.text
	for i := 0; i < len(t); {
		if !isAlnum(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isAlnum(t[j]) {
			j++
		}
		if j-i == 18 && !allDigits(t[i:j]) && idcode.ValidCredit(t[i:j]) {
			s.protect = append(s.protect, [2]int{i, j})
		}
		i = j
	}
	for _, w := range s.k.Keep {
		s.each(w, func(i int) { s.protect = append(s.protect, [2]int{i, i + len(w)}) })
	}
	if strings.IndexByte(t, '[') >= 0 {
		s.each("[", s.protectDocNo)
	}
	for _, h := range s.hits {
		switch h.word.class {
		case wDocNo:
			s.protectDocNo(h.at)
		case wCert:
			j := skipRunes(t, h.at+len(h.word.w), ": 为是")
			e := j
			for e < len(t) && isAlnum(t[e]) {
				e++
			}
			if e > j {
				s.protect = append(s.protect, [2]int{j, e})
			}
		case wOfficer:
			if strings.HasSuffix(t[:h.at], "被") {
				continue // 被询问人 is not an officer
			}
			for _, n := range s.nameList(h.at+len(h.word.w), true) {
				s.protect = append(s.protect, n)
			}
		}
	}
}

// protectDocNo protects a 文号 whose year bracket opens at t[i].
func (s *scanner) protectDocNo(i int) {
	t := s.text
	if e := strings.Index(t[i:min(len(t), i+40)], "号"); e > 0 {
		s.protect = append(s.protect, [2]int{i, i + e + len("号")})
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// each calls f with the offset of every occurrence of w in the text.
func (s *scanner) each(w string, f func(i int)) {
	if w == "" {
		return
	}
	t := s.text
	for off := 0; ; {
		i := strings.Index(t[off:], w)
		if i < 0 {
			return
		}
		f(off + i)
		off += i + len(w)
	}
}

// skipRunes skips any of the runes in set starting at i, at most 4 of them.
func skipRunes(t string, i int, set string) int {
	for n := 0; n < 4 && i < len(t); n++ {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !strings.ContainsRune(set, r) {
			break
		}
		i += size
	}
	return i
}

func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

var (
	officerWords = []string{"执法人员", "承办人", "办案人员", "询问人", "检查人", "记录人", "执法人"}
	personWords  = []string{
		"证人", "见证人", "在场人", "邻居", "其妻", "其夫", "其子", "其女", "其父", "其母",
		"其兄", "其弟", "其姐", "其妹", "妻子", "丈夫", "儿子", "女儿", "父亲", "母亲",
		"委托代理人", "被询问人", "投诉人", "举报人", "受害人", "驾驶人", "驾驶员", "雇员",
		"店员", "员工", "租户", "房东", "联系人", "陈述人", "同住人", "监护人", "家属", "询问",
		"亲属", "同事", "朋友", "顾客", "患者", "乘客",
		// Issue 17.6: people present, villagers, more relatives.
		"在场人员", "现场人员", "村民", "户主", "房主", "业主", "承租人", "出租人", "报案人", "报警人",
		"知情人", "目击者", "目击人", "证明人", "之妻", "之夫", "之子", "之女", "之父", "之母",
		"女婿", "儿媳", "孙子", "孙女", "祖父", "祖母", "哥哥", "姐姐", "弟弟", "妹妹", "配偶",
		"前妻", "前夫", "岳父", "岳母", "公公", "婆婆",
	}
	// notNames are words that begin with a surname but follow a person
	// word as a noun: "村民房屋", "村民田地".
	notNames = []string{
		"房屋", "房子", "房间", "房产", "田地", "田间", "林地", "林木", "钱财", "钱款", "车辆", "车主",
		"权益", "权利", "金额", "全部", "全体", "全家", "关系", "常住", "常年", "管理", "费用", "包装",
		"商品", "商户", "单位", "计划", "门口", "门前", "门店", "危险", "银行", "解释", "宣传", "高度",
		"程序", "方面", "方式", "安全", "代表", "集体", "利益", "生活", "身份", "姓名", "信息", "名单",
		"本人", "朋友", "家属", "亲属", "邻居", "证言", "证词", "反映", "举报", "投诉", "居住", "经营",
		"共同", "宁愿", "许可", "于是", "成员", "石头", "路边", "路口", "江边", "黄金", "易燃", "衣物",
		"展示", "植物", "普通", "初步", "容器", "索要", "干扰", "车间", "孔洞", "万元", "文化",
		"严加", "严格", "严重", "有关", "关于", "应当",
	}
	// labelWords may stand between a person word and the names:
	// "证人姓名:张三", "在场人员分别为张三、李四".
	labelWords = []string{"姓名", "名字", "信息", "名单", "分别是", "分别为", "签名", "签字", "(签名)", "(签字)"}
)

// isNotName reports whether t[i:] starts with one of notNames.
func isNotName(t string, i int) bool {
	for _, w := range notNames {
		if strings.HasPrefix(t[i:], w) {
			return true
		}
	}
	return false
}

// skipLabel skips colons, 为/是 and label words after a person word.
func skipLabel(t string, i int) int {
	for n := 0; n < 3; n++ {
		i = skipRunes(t, i, ": 为是")
		k := i
		for _, w := range labelWords {
			if strings.HasPrefix(t[i:], w) {
				k = i + len(w)
				break
			}
		}
		if k == i {
			break
		}
		i = k
	}
	return i
}

// skipEnum skips the number of an item in a list: "1.", "2、", "(3)".
func skipEnum(t string, i int) int {
	j := i
	if j < len(t) && t[j] == '(' {
		j++
	}
	k := j
	for k < len(t) && k-j < 2 && isDigit(t[k]) {
		k++
	}
	if k == j || k >= len(t) {
		return i
	}
	switch {
	case t[k] == '.' || t[k] == ')':
		return k + 1
	case strings.HasPrefix(t[k:], "、"):
		return k + len("、")
	}
	return i
}

// skipNote skips a bracketed note after a name: "张三(村民)".
func skipNote(t string, j int) int {
	if j < len(t) && t[j] == '(' {
		if e := strings.IndexByte(t[j:min(len(t), j+40)], ')'); e > 0 {
			return j + e + 1
		}
	}
	return j
}

// compoundSurnames are the two-character surnames recognised.
var compoundSurnames = []string{
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
	"宇文", "司徒", "夏侯", "轩辕", "端木", "西门", "南宫", "独孤", "万俟", "闻人", "澹台",
	"公冶", "宗政", "濮阳", "太叔", "申屠", "钟离", "第五", "呼延", "赫连", "拓跋",
}

// surnames are the common one-character surnames; characters that are
// mostly function words (和, 于 as "at", 时…) are left out on purpose.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼满闻厉伊仝郜阚权帅屠豆朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初门容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危银亢嵇湛宾戎勾茅揭干尉斯束檀衣展阴昝幸奉植衡富尧闭于"

// notGiven are characters that end a name rather than continue it: verbs and
// particles that follow a name in enforcement prose.
const notGiven = "反告讲介拒未没答回签听看购买卖驾称说证在时的与和及等于是系了将到向对从被把也都就又还并而且陈述确提供表示认承签指出现当本该此其某人们个日月年号店内外上下中前后已未不无有为以因所之或均每各经过同在作担任住到达均"

var surnameSet = func() map[rune]bool {
	m := make(map[rune]bool, 400)
	for _, r := range surnames {
		m[r] = true
	}
	return m
}()

// parseName reads a person's name at t[i:]: a surname and one or two given
// characters. It returns the end of the name and of the surname, or 0.
func parseName(t string, i int) (end, surEnd int) {
	j := i
	for _, c := range compoundSurnames {
		if strings.HasPrefix(t[i:], c) {
			j = i + len(c)
			break
		}
	}
	if j == i {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !surnameSet[r] {
			return 0, 0
		}
		j = i + size
	}
	surEnd = j
	for n := 0; n < 2 && j < len(t); n++ {
		if strings.HasPrefix(t[j:], "家住") || strings.HasPrefix(t[j:], "家庭") || strings.HasPrefix(t[j:], "家中") {
			break
		}
		r, size := utf8.DecodeRuneInString(t[j:])
		if !isHan(r) || strings.ContainsRune(notGiven, r) {
			break
		}
		j += size
	}
	if j == surEnd {
		return 0, 0
	}
	return j, surEnd
}

// nameList reads the names listed at t[i:] ("张三、李四和王五"), skipping a
// colon before them and, for officers, a bracketed or bare 执法证号 after each.
func (s *scanner) nameList(i int, officers bool) [][2]int {
	t := s.text
	var out [][2]int
	if officers {
		i = skipRunes(t, i, ": 为是")
	} else {
		i = skipLabel(t, i)
	}
	for len(out) < 8 && i < len(t) {
		if !officers {
			i = skipEnum(t, i)
		}
		e, _ := parseName(t, i)
		if e > 0 && !officers && isNotName(t, i) {
			e = 0
		}
		if e == 0 {
			// "其妻王某" is already anonymised: skip it and stop.
			break
		}
		out = append(out, [2]int{i, e})
		j := e
		if officers {
			j = skipCertificate(t, j)
		} else {
			j = skipNote(t, j)
		}
		if k := skipRunes(t, j, "、和及, ;"); k > j && k < len(t) {
			i = k
			continue
		}
		break
	}
	return out
}

// skipCertificate skips "(执法证号:61092119001)" or " 61092119001" after an
// officer's name.
func skipCertificate(t string, j int) int {
	k := skipRunes(t, j, " (")
	if k > j {
		if e := strings.IndexByte(t[k:min(len(t), k+60)], ')'); e >= 0 {
			_, size := utf8.DecodeRuneInString(t[k+e:])
			return k + e + size
		}
	}
	for k < len(t) && (isAlnum(t[k])) {
		k++
	}
	if k > j && isDigit(t[k-1]) {
		return k
	}
	return j
}

// names finds other natural persons after the person words and masks every
// occurrence of each name found.
func (s *scanner) names() {
	t := s.text
	var found []string
	for _, h := range s.hits {
		if h.word.class != wPerson {
			continue
		}
		i, w := h.at, h.word.w
		if w == "询问" && strings.HasPrefix(t[i+len(w):], "人") {
			continue // 询问人 is the officer
		}
		if strings.HasSuffix(w, "主") && strings.HasPrefix(t[i+len(w):], "管") {
			continue // 产业主管部门, 住房主管部门
		}
		if (w == "举报人" || w == "投诉人") && strings.HasSuffix(t[:i], "被") {
			continue // 被举报人, 被投诉人: the party
		}
		for _, n := range s.nameList(i+len(w), false) {
			found = append(found, t[n[0]:n[1]])
		}
	}
	for _, n := range s.k.OtherNames {
		if n = strings.TrimSpace(n); n != "" {
			found = append(found, n)
		}
	}
	// The party and the officers are named in full wherever they recur,
	// also after a person word ("系三元村村民王建军").
	public := s.publicNames()
	seen := make(map[string]bool, len(found))
	for _, n := range found {
		if seen[n] || n == s.k.PartyName || public[n] {
			continue
		}
		seen[n] = true
		s.each(n, func(i int) { s.add(i, i+len(n), KindName, "person-name") })
	}
	s.partyName()
}

// publicNames returns the names after 当事人 and the officers' names: they
// are not other natural persons.
func (s *scanner) publicNames() map[string]bool {
	t := s.text
	m := map[string]bool{}
	for _, h := range s.hits {
		switch h.word.class {
		case wParty:
			j := skipRunes(t, h.at+len(h.word.w), ": ")
			if e, _ := parseName(t, j); e > 0 {
				m[t[j:e]] = true
			}
		case wOfficer:
			if strings.HasSuffix(t[:h.at], "被") {
				continue
			}
			for _, n := range s.nameList(h.at+len(h.word.w), true) {
				m[t[n[0]:n[1]]] = true
			}
		}
	}
	return m
}

// partyName masks the natural-person party's own name per Policy.PartyName.
// Without Known.PartyName it takes the name after 当事人 when a personal
// marker (男/女/身份证) follows it.
func (s *scanner) partyName() {
	if s.p.PartyName == NameFull || s.p.PartyName == "" {
		return
	}
	t := s.text
	name := strings.TrimSpace(s.k.PartyName)
	if name == "" {
		for _, h := range s.hits {
			if name != "" || h.word.class != wParty {
				continue
			}
			i := h.at
			j := skipRunes(t, i+len("当事人"), ": ")
			e, _ := parseName(t, j)
			if e == 0 {
				continue
			}
			after := t[e:min(len(t), e+24)]
			if strings.Contains(after, "男") || strings.Contains(after, "女") || strings.Contains(after, "身份") {
				name = t[j:e]
			}
		}
	}
	if name == "" || isOrgName(name) {
		return
	}
	repl := partyMask(name, s.p.PartyName)
	s.each(name, func(i int) {
		s.cands = append(s.cands, span{start: i, end: i + len(name), kind: KindName, rule: "party-name", repl: repl})
	})
}

func partyMask(name string, style NameStyle) string {
	sur := surnameOf(name)
	if style == NameSurnameStar {
		return sur + strings.Repeat("*", utf8.RuneCountInString(name)-utf8.RuneCountInString(sur))
	}
	return sur + "某"
}

func surnameOf(name string) string {
	for _, c := range compoundSurnames {
		if strings.HasPrefix(name, c) && len(name) > len(c) {
			return c
		}
	}
	_, size := utf8.DecodeRuneInString(name)
	return name[:size]
}

var orgMarkers = []string{"信用代码", "公司", "厂", "店", "合作社", "中心", "有限", "营业执照", "医院", "诊所", "学校", "超市", "酒店", "宾馆", "饭店", "餐厅", "药房", "工作室", "协会", "商行", "门市", "企业"}

func isOrgName(name string) bool {
	for _, m := range orgMarkers {
		if strings.Contains(name, m) {
			return true
		}
	}
	return false
}

var (
	addressWords   = []string{"住址", "住所", "家住", "居住地", "户籍地", "现住", "居住于", "住在", "家庭地址", "户籍所在地", "现居", "住"}
	personMarkers  = []string{"男", "女", "身份证", "公民身份", "出生", "汉族"}
	addressStopper = []string{"电话", "联系", "手机", "身份", "公民", "邮箱"}
)

// addresses finds home addresses after the address words and masks them
// below the county.
func (s *scanner) addresses() {
	t := s.text
	for _, h := range s.hits {
		if h.word.class != wAddress {
			continue
		}
		i, w := h.at, h.word.w
		func() {
			if w == "住" {
				// A bare 住 opens an address only after a comma or an
				// opening bracket ("张三,住…", "(住…"); 住所/住址 have words
				// of their own.
				if i == 0 || (t[i-1] != ',' && t[i-1] != '(') || strings.HasPrefix(t[i+len(w):], "所") || strings.HasPrefix(t[i+len(w):], "址") {
					return
				}
			}
			if w == "住所" && s.orgBlock(i) {
				return
			}
			j := skipRunes(t, i+len(w), ": 为是于在地址")
			e := addressEnd(t, j)
			if e <= j {
				return
			}
			if !strings.ContainsAny(t[j:e], "省市县区镇乡村组路街巷号栋幢室") {
				return // not an address: 住宿费, 住在一起
			}
			if k := j + cutAddress(t[j:e]); e-k >= 2*3 {
				s.add(k, e, KindAddress, "address")
			}
		}()
	}
	if a := strings.TrimSpace(s.k.PartyAddress); a != "" {
		// The address recurs as stored, or shortened (汉阴县城关镇… for
		// 陕西省安康市汉阴县城关镇…): mask its part below the county
		// wherever that occurs, which covers both.
		if detail := a[cutAddress(a):]; utf8.RuneCountInString(detail) >= 2 {
			s.each(detail, func(i int) { s.add(i, i+len(detail), KindAddress, "known-address") })
		}
	}
}

// orgBlock reports whether the sentence before t[i] describes an
// organisation: it names one and carries no personal marker.
func (s *scanner) orgBlock(i int) bool {
	t := s.text
	lo := max(0, i-400)
	b := t[lo:i]
	if k := strings.LastIndexAny(b, "。\n;"); k >= 0 {
		b = b[k:]
	}
	for _, m := range personMarkers {
		if strings.Contains(b, m) {
			return false
		}
	}
	for _, m := range orgMarkers {
		if strings.Contains(b, m) {
			return true
		}
	}
	return false
}

// addressEnd returns the end of an address starting at t[j]: Han
// characters, ASCII letters and digits, '-' and '#', at most 60 runes, up to
// punctuation or a label such as 电话.
func addressEnd(t string, j int) int {
	e := j
	for n := 0; n < 60 && e < len(t); n++ {
		r, size := utf8.DecodeRuneInString(t[e:])
		if !(isHan(r) || (r < utf8.RuneSelf && (isAlnum(byte(r)) || r == '-' || r == '#'))) {
			break
		}
		if n > 0 && isHan(r) {
			stop := false
			for _, w := range addressStopper {
				if strings.HasPrefix(t[e:], w) {
					stop = true
					break
				}
			}
			if stop {
				break
			}
		}
		e += size
	}
	return e
}

// cutAddress returns the byte length of the leading administrative divisions
// of a, down to the county (省/自治区/市/州/盟/县/区/旗), which stay public.
func cutAddress(a string) int {
	keep, seg, segRunes := 0, 0, 0
	for i := 0; i < len(a); {
		r, size := utf8.DecodeRuneInString(a[i:])
		i += size
		segRunes++
		if !isHan(r) || segRunes > 9 {
			return keep
		}
		switch r {
		case '省', '市', '州', '盟', '县', '旗', '区':
			word := a[seg:i]
			if segRunes < 2 || strings.HasSuffix(word, "社区") || strings.HasSuffix(word, "小区") || strings.HasSuffix(word, "园区") || strings.HasSuffix(word, "街区") {
				return keep
			}
			keep, seg, segRunes = i, i, 0
		case '镇', '乡', '街', '村', '组', '路', '巷', '号', '栋', '幢', '楼', '室', '弄', '屯', '庄', '寨', '道':
			return keep
		}
	}
	return keep
}

// known masks the values given in the structured fields wherever they recur.
func (s *scanner) known() {
	if v := strings.TrimSpace(s.k.PartyIDNumber); v != "" {
		s.each(v, func(i int) { s.add(i, i+len(v), KindID, "known-id") })
	}
	if v := strings.TrimSpace(s.k.PartyPhone); v != "" {
		k := KindMobile
		if strings.HasPrefix(v, "0") || strings.HasPrefix(v, "(") {
			k = KindLandline
		}
		s.each(v, func(i int) { s.add(i, i+len(v), k, "known-phone") })
	}
}
