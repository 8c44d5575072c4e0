// Command gencorpus writes redact/testdata/corpus.jsonl: synthetic
// enforcement paragraphs with checksum-valid identities, the sensitive spans
// each must lose and the public strings each must keep. The identities are
// generated, not real. Run from the module root:
//
//	go run ./redact/internal/gencorpus -o redact/testdata/corpus.jsonl
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/zhifa/zhifa/idcode"
)

// Item is one corpus paragraph (the format redact's tests read).
type Item struct {
	ID        string   `json:"id"`
	Area      string   `json:"area"`
	Text      string   `json:"text"`
	Sensitive []Span   `json:"sensitive"`
	Survive   []string `json:"survive"`
	Known     *Known   `json:"known,omitempty"`
}

// Span is an expected finding: its kind and the exact substring.
type Span struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Known mirrors redact.Known for the items that carry structured fields.
type Known struct {
	OtherNames []string `json:"other_names,omitempty"`
	Keep       []string `json:"keep,omitempty"`
}

type gen struct {
	used []string
	r    *rand.Rand
	sb   strings.Builder
	it   *Item
}

func (g *gen) s(parts ...string) {
	for _, p := range parts {
		g.sb.WriteString(p)
	}
}
func (g *gen) sens(kind, v string) {
	g.sb.WriteString(v)
	g.it.Sensitive = append(g.it.Sensitive, Span{kind, v})
}
func (g *gen) keep(v string) { g.sb.WriteString(v); g.it.Survive = append(g.it.Survive, v) }
func (g *gen) pick(xs ...string) string {
	return xs[g.r.IntN(len(xs))]
}
func (g *gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// --- identities ---

var regions = []string{"610921", "610921", "610921", "610902", "610922", "610923", "610924", "610925", "610926", "610928"}

func (g *gen) birth() time.Time {
	return time.Date(1950+g.r.IntN(55), time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(365))
}

func (g *gen) idNumber(region string) string {
	for {
		first := region + g.birth().Format("20060102") + g.digits(3)
		id := first + string(idcode.ResidentCheckDigit(first))
		if idcode.ValidResident(id) {
			return id
		}
	}
}

func (g *gen) idX() string {
	for {
		id := g.idNumber(g.pick(regions...))
		if id[17] == 'X' {
			return id
		}
	}
}

// idShaped returns an ID in one of the shapes seen in served documents.
func (g *gen) idShaped() string {
	switch g.r.IntN(10) {
	case 0:
		return strings.ToLower(g.idX())
	case 1:
		id := g.idNumber(g.pick(regions...))
		return id[:6] + " " + id[6:14] + " " + id[14:]
	case 2:
		id := g.idNumber(g.pick(regions...))
		return id[:6] + "-" + id[6:14] + "-" + id[14:]
	case 3:
		b := g.birth()
		if b.Year() >= 2000 {
			b = b.AddDate(-30, 0, 0)
		}
		return g.pick(regions...) + b.Format("060102") + g.digits(3)
	case 4:
		return g.idX()
	}
	return g.idNumber(g.pick(regions...))
}

func (g *gen) mobile() string {
	m := g.pick("13", "15", "17", "18", "19") + g.digits(9)
	switch g.r.IntN(6) {
	case 0:
		return "+86 " + m[:3] + " " + m[3:7] + " " + m[7:]
	case 1:
		return m[:3] + "-" + m[3:7] + "-" + m[7:]
	case 2:
		return "+86" + m
	}
	return m
}

func (g *gen) landline() string {
	n := g.pick("52", "53", "55", "32") + g.digits(5)
	switch g.r.IntN(4) {
	case 0:
		return "(0915)" + n
	case 1:
		return "（0915）" + n
	case 2:
		return "0915 " + n
	}
	return "0915-" + n
}

func luhnDigit(s string) byte {
	sum, dbl := 0, true
	for i := len(s) - 1; i >= 0; i-- {
		v := int(s[i] - '0')
		if dbl {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		dbl = !dbl
	}
	return byte('0' + (10-sum%10)%10)
}

func (g *gen) bankCard() string {
	n := 16
	if g.r.IntN(2) == 0 {
		n = 19
	}
	p := g.pick("6217", "6222", "6228", "6230", "6214") + g.digits(n-5)
	c := p + string(luhnDigit(p))
	if g.r.IntN(3) == 0 {
		var b strings.Builder
		for i := 0; i < len(c); i += 4 {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(c[i:min(len(c), i+4)])
		}
		return b.String()
	}
	return c
}

const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

func (g *gen) credit() string {
	var b strings.Builder
	b.WriteString(g.pick("91610921", "92610921", "93610921", "91610900", "52610921"))
	b.WriteString("MA")
	for i := 0; i < 7; i++ {
		b.WriteByte(creditAlphabet[g.r.IntN(len(creditAlphabet))])
	}
	first := b.String()
	return first + string(idcode.CreditCheckChar(first))
}

func (g *gen) plate() string {
	switch g.r.IntN(4) {
	case 0:
		return "陕G" + g.pick("D", "F") + g.digits(5)
	case 1:
		return "陕G·" + g.digits(5)
	case 2:
		return "陕A" + g.pick("", "·") + string(rune('A'+g.r.IntN(8))) + g.digits(4)
	}
	return "陕G" + g.digits(5)
}

var (
	singles   = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃戴莫孔汤常康施牛樊葛邢齐乔")
	compounds = []string{"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "司徒"}
	givens    = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "超", "秀英", "华", "平", "刚", "桂英", "建华", "文", "辉", "玲", "丹", "萍", "鹏", "晶", "红", "斌", "宇", "浩", "凯", "建国", "志强", "海燕", "春梅", "小龙", "玉兰", "德明", "小明", "晓燕", "俊", "婷婷", "家豪", "子涵", "雪梅", "长林", "永福", "秀兰", "明亮", "国庆"}
)

// name returns a person's name that neither contains nor is contained in a
// name already used in the item, so that expectations cannot collide.
func (g *gen) name() string {
	for {
		var n string
		if g.r.IntN(8) == 0 {
			n = g.pick(compounds...) + g.pick(givens...)
		} else {
			n = string(singles[g.r.IntN(len(singles))]) + g.pick(givens...)
		}
		clash := false
		for _, u := range g.used {
			if strings.Contains(u, n) || strings.Contains(n, u) || u[:3] == n[:3] {
				clash = true
			}
		}
		if !clash {
			g.used = append(g.used, n)
			return n
		}
	}
}

// party returns the name of a natural-person party: published in full under
// the default policy, so it must survive.
func (g *gen) party() string {
	n := g.name()
	g.it.Survive = append(g.it.Survive, n)
	return n
}

var (
	towns    = []string{"城关镇", "涧池镇", "蒲溪镇", "平梁镇", "双乳镇", "铁佛寺镇", "漩涡镇", "汉阳镇", "双河口镇", "观音河镇"}
	villages = []string{"和平村", "五一村", "东风村", "三柳村", "中坝村", "凤江村", "太行村", "花园社区", "新城社区", "月河村"}
	streets  = []string{"北大街", "东大街", "凤台路", "和平路", "文化路", "西环路", "解放路", "兴汉路"}
	counties = []string{"", "汉阴县", "安康市汉阴县", "陕西省安康市汉阴县", "陕西省汉阴县", "陕西省安康市汉滨区", "安康市石泉县"}
	groups   = []string{"一组", "二组", "三组", "四组", "五组", "六组", "七组"}
)

// address returns a home address: the public part (down to the county) and
// the private part below it.
func (g *gen) address() (string, string) {
	pub := g.pick(counties...)
	var low string
	switch g.r.IntN(4) {
	case 0:
		low = g.pick(towns...) + g.pick(villages...) + g.pick(groups...) + fmt.Sprint(1+g.r.IntN(80)) + "号"
	case 1:
		low = g.pick(towns...) + g.pick(villages...) + g.pick(groups...)
	case 2:
		low = g.pick(towns...) + g.pick(streets...) + fmt.Sprint(1+g.r.IntN(200)) + "号" + fmt.Sprint(1+g.r.IntN(12)) + "栋" + fmt.Sprint(1+g.r.IntN(4)) + "单元" + fmt.Sprint(1+g.r.IntN(6)) + "0" + fmt.Sprint(1+g.r.IntN(4)) + "室"
	default:
		if strings.HasSuffix(pub, "汉滨区") {
			low = "江北街道" + g.pick(streets...) + fmt.Sprint(1+g.r.IntN(99)) + "号"
		} else {
			low = g.pick(towns...) + g.pick(streets...) + fmt.Sprint(1+g.r.IntN(200)) + "号"
		}
	}
	return pub, low
}

func (g *gen) homeAddress() {
	pub, low := g.address()
	g.s(pub)
	g.sens("住址", low)
}

func (g *gen) email() string {
	return g.pick("zhang", "li", "wang", "chen", "liu", "yang", "hy") + g.pick("", ".", "_") + g.pick("san", "wei", "min", "jun", "fang") + g.digits(g.r.IntN(4)) + "@" + g.pick("163.com", "qq.com", "126.com", "sina.com", "foxmail.com")
}

var shopWords = []string{"鑫源", "福来", "汉江", "月河", "凤凰", "顺达", "兴旺", "绿源", "康泰", "永盛", "盛世", "金穗"}

func (g *gen) org() string {
	w := g.pick(shopWords...)
	return g.pick("汉阴县"+w+g.pick("食品", "商贸", "建材", "餐饮", "运输", "农业开发")+"有限公司", "汉阴县"+w+"超市", "汉阴县"+w+"农民专业合作社", "汉阴县城关镇"+w+"饭店", "安康"+w+"药业有限公司", "汉阴县"+w+"诊所")
}

func (g *gen) date() string {
	d := time.Date(2024+g.r.IntN(2), time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(360))
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}

type areaInfo struct {
	name, agency, short string
	cites               []string
}

var areas = []areaInfo{
	{"市场监管", "汉阴县市场监督管理局", "汉阴市监", []string{"《中华人民共和国食品安全法》第一百二十四条第一款第（三）项", "《中华人民共和国食品安全法》第一百三十三条第一款", "《中华人民共和国产品质量法》第四十九条", "《中华人民共和国广告法》第五十五条第一款"}},
	{"城管", "汉阴县城市管理执法局", "汉阴城管", []string{"《城市市容和环境卫生管理条例》第三十六条第（二）项", "《陕西省城市市容环境卫生管理条例》第四十二条", "《城市道路管理条例》第四十二条"}},
	{"自然资源", "汉阴县自然资源局", "汉阴自然资", []string{"《中华人民共和国土地管理法》第七十八条", "《中华人民共和国土地管理法实施条例》第五十七条第一款", "《中华人民共和国矿产资源法》第三十九条"}},
	{"交通运输", "汉阴县交通运输局", "汉阴交运", []string{"《中华人民共和国道路运输条例》第六十三条", "《中华人民共和国公路法》第七十六条第（五）项", "《超限运输车辆行驶公路管理规定》第四十三条"}},
	{"卫生健康", "汉阴县卫生健康局", "汉阴卫健", []string{"《医疗机构管理条例》第四十三条", "《中华人民共和国医师法》第五十九条", "《公共场所卫生管理条例实施细则》第三十六条"}},
}

func (g *gen) officer() {
	g.keep(g.name())
	g.s("（执法证号")
	g.keep("610921" + g.digits(5))
	g.s("）")
}

func (g *gen) docNo(a areaInfo) {
	g.keep(fmt.Sprintf("%s%s〔%d〕%d号", a.short, g.pick("罚", "罚", "强", "检"), 2024+g.r.IntN(2), 1+g.r.IntN(200)))
}

func (g *gen) amount() {
	switch g.r.IntN(4) {
	case 0:
		g.keep(fmt.Sprintf("罚款人民币%d元", (1+g.r.IntN(50))*1000))
	case 1:
		g.keep(fmt.Sprintf("%d,%03d.00元", 1+g.r.IntN(90), g.r.IntN(10)*100))
	case 2:
		g.keep(g.pick("伍仟元", "壹万元", "贰万元整", "叁仟伍佰元", "伍万元"))
	default:
		g.keep(fmt.Sprintf("没收违法所得%d元", 100+g.r.IntN(9000)))
	}
}

// templates: each writes one paragraph.
var templates = []func(g *gen, a areaInfo){
	// 1 party block, natural person
	func(g *gen, a areaInfo) {
		b := g.birth()
		g.s("当事人：", g.party(), "，", g.pick("男", "女"), "，汉族，", fmt.Sprintf("%d年%d月%d日", b.Year(), int(b.Month()), b.Day()), "出生，", g.pick("公民身份号码：", "身份证号码：", "居民身份证号：", "身份证号"))
		g.sens("身份证号", g.idShaped())
		g.s("，", g.pick("住址：", "住所：", "家住", "户籍地：", "现住", "居住地："))
		g.homeAddress()
		g.s("，", g.pick("联系电话：", "手机号码：", "电话"))
		g.sens("手机号", g.mobile())
		g.s("。")
	},
	// 2 party block, organisation with its legal representative
	func(g *gen, a areaInfo) {
		g.s("当事人：")
		g.keep(g.org())
		g.s("，统一社会信用代码：")
		g.keep(g.credit())
		g.s("，住所：")
		g.keep("汉阴县" + g.pick(towns...) + g.pick(streets...) + fmt.Sprint(1+g.r.IntN(200)) + "号")
		g.s("，法定代表人：")
		g.keep(g.name())
		g.s("，联系电话：")
		g.sens("手机号", g.mobile())
		g.s("。")
	},
	// 3 inspection facts with a witness
	func(g *gen, a areaInfo) {
		g.keep(g.date())
		g.s("，本局执法人员")
		g.officer()
		g.s("、")
		g.officer()
		g.s("依法对")
		g.keep(g.org())
		g.s("的经营场所进行现场检查，发现其", g.pick("货架上摆放的12袋“农家腊肉”无标签、无生产日期", "后厨存放的3箱冷冻鸡翅已超过保质期", "销售的散装白酒未标注生产者名称", "仓库内存放的过期调味品共计18瓶"), "。检查时该店", g.pick("店员", "员工", "雇员"))
		n := g.name()
		g.sens("姓名", n)
		g.s(g.pick("在场并在现场笔录上签字确认", "在场，对检查情况无异议"), "。")
	},
	// 4 evidence list
	func(g *gen, a areaInfo) {
		p := g.party()
		w := g.name()
		g.s("上述事实，有以下证据证实：1.当事人营业执照复印件；2.", p, "的居民身份证复印件（")
		g.sens("身份证号", g.idShaped())
		g.s("）；3.现场检查笔录及现场照片12张；4.对", p, "的询问笔录；5.证人")
		g.sens("姓名", w)
		g.s("的证言及其联系电话")
		g.sens("手机号", g.mobile())
		g.s("；6.", g.pick("进货票据", "销售记录", "检验报告"), "复印件。")
	},
	// 5 询问笔录 excerpt
	func(g *gen, a areaInfo) {
		rel := g.name()
		g.s("问：请介绍一下你的基本情况。答：我叫", g.name(), "，身份证号是")
		g.sens("身份证号", g.idShaped())
		g.s("，家住")
		g.homeAddress()
		g.s("，手机号")
		g.sens("手机号", g.mobile())
		g.s("。问：事发时还有谁在场？答：我", g.pick("妻子", "丈夫", "儿子", "女儿", "父亲"))
		g.sens("姓名", rel)
		g.s("也在，", rel, "可以证明。")
	},
	// 6 城管 street trading with a plate
	func(g *gen, a areaInfo) {
		g.s("经查，当事人", g.name(), "（身份证号：")
		g.sens("身份证号", g.idShaped())
		g.s("）于")
		g.keep(g.date())
		g.s("在汉阴县城关镇", g.pick(streets...), "擅自占用人行道摆摊设点经营水果，其", g.pick("驾驶的", "所有的"), "车牌号为")
		g.sens("车牌号", g.plate())
		g.s("的", g.pick("三轮车", "小型货车", "电动三轮车"), "停放于盲道之上，经执法人员多次劝导拒不改正。上述行为违反了")
		g.keep(a.cites[g.r.IntN(len(a.cites))])
		g.s("的规定。")
	},
	// 7 transport: illegal passenger service
	func(g *gen, a areaInfo) {
		g.keep(g.date())
		g.s("，本局执法人员在G5京昆高速汉阴收费站对车牌号为")
		g.sens("车牌号", g.plate())
		g.s("的小型普通客车进行检查，驾驶员")
		g.sens("姓名", g.name())
		g.s("（居民身份证号")
		g.sens("身份证号", g.idShaped())
		g.s("，手机")
		g.sens("手机号", g.mobile())
		g.s("）未取得道路运输经营许可，擅自从事道路旅客运输经营，车上乘客")
		g.sens("姓名", g.name())
		g.s("称每人支付车费50元。依据")
		g.keep(a.cites[0])
		g.s("，决定")
		g.amount()
		g.s("。")
	},
	// 8 natural resources: illegal building
	func(g *gen, a areaInfo) {
		g.s("当事人", g.party(), "，", g.pick("户籍地：", "住址：", "户籍所在地："))
		g.homeAddress()
		g.s("。", g.date(), "，当事人未经批准，擅自在汉阴县", g.pick(towns...), g.pick(villages...), "占用集体土地", fmt.Sprint(80+g.r.IntN(300)), "平方米建设住宅。其邻居")
		g.sens("姓名", g.name())
		g.s("反映该房屋于去年开工建设。以上行为违反了")
		g.keep("《中华人民共和国土地管理法》第四十四条")
		g.s("的规定，依据")
		g.keep(a.cites[0])
		g.s("，责令退还非法占用的土地，限期拆除，并处")
		g.amount()
		g.s("。")
	},
	// 9 health: unlicensed practice with a patient
	func(g *gen, a areaInfo) {
		pat := g.name()
		g.s("经查，当事人", g.name(), "未取得《医疗机构执业许可证》，自", g.date(), "起在汉阴县", g.pick(towns...), "租用民房开展诊疗活动。患者")
		g.sens("姓名", pat)
		g.s("（联系电话")
		g.sens("手机号", g.mobile())
		g.s("）陈述，其曾在该处输液三次。询问")
		g.s(pat)
		g.s("时，", pat, "提供了收费收据两张。依据")
		g.keep(a.cites[0])
		g.s("，决定")
		g.amount()
		g.s("。")
	},
	// 10 witness with address
	func(g *gen, a areaInfo) {
		g.s("证人")
		g.sens("姓名", g.name())
		g.s("（身份证号：")
		g.sens("身份证号", g.idShaped())
		g.s("，", g.pick("住", "家住", "现住"))
		g.homeAddress()
		g.s("）证实：", g.date(), "下午，其看见当事人将", g.pick("建筑垃圾", "废弃油脂", "生活垃圾"), "倾倒于汉江河道边。")
	},
	// 11 bank card of the party
	func(g *gen, a areaInfo) {
		g.s("经查，当事人", g.name(), "通过其本人", g.pick("银行卡（卡号", "银行卡（账号", "银行账户（账号"))
		g.sens("银行账号", g.bankCard())
		g.s("，开户行：", g.pick("中国农业银行汉阴县支行", "中国邮政储蓄银行汉阴县支行", "陕西信合汉阴县联社"), "）收取货款共计")
		g.keep(fmt.Sprintf("%d,%03d.00元", 1+g.r.IntN(60), g.r.IntN(1000)))
		g.s("。当事人应自收到本决定书之日起十五日内将罚款缴至汉阴县财政局非税收入专户。")
	},
	// 12 email and landline
	func(g *gen, a areaInfo) {
		g.s("当事人", g.party(), "通过电子邮箱")
		g.sens("电子邮箱", g.email())
		g.s("向外发布", g.pick("虚假宣传材料", "违法广告", "招生简章"), "，其家庭固定电话")
		g.sens("固定电话", g.landline())
		g.s("亦印制在宣传单上。上述行为违反了")
		g.keep(a.cites[len(a.cites)-1])
		g.s("的规定。")
	},
	// 13 coercion with relatives signing
	func(g *gen, a areaInfo) {
		g.s("本局依据")
		g.keep("《中华人民共和国行政强制法》第二十五条")
		g.s("，决定对当事人存放于汉阴县", g.pick(towns...), "的涉案物品予以查封，查封期限30日，自", g.date(), "起算。查封时当事人不在现场，其", g.pick("妻", "子", "女", "父", "母"))
		g.sens("姓名", g.name())
		g.s("及见证人")
		g.sens("姓名", g.name())
		g.s("在场签字。文书编号：")
		g.docNo(a)
		g.s("。")
	},
	// 14 inspection result with a contact person
	func(g *gen, a areaInfo) {
		g.keep(g.date())
		g.s("，", a.agency, "执法人员")
		g.officer()
		g.s("、")
		g.officer()
		g.s("对")
		g.keep(g.org())
		g.s("（统一社会信用代码")
		g.keep(g.credit())
		g.s("）进行", g.pick("双随机抽查", "日常监督检查", "专项检查"), "，检查结果：", g.pick("未发现问题", "发现问题，已责令整改", "基本符合要求"), "。企业联系人")
		g.sens("姓名", g.name())
		g.s("，联系电话")
		g.sens("手机号", g.mobile())
		g.s("。")
	},
	// 15 decision tail with 文号, citations, agency phone kept
	func(g *gen, a areaInfo) {
		tel := "0915-" + g.pick("5212315", "5321234", "5126301")
		g.it.Known = &Known{Keep: []string{tel}}
		g.s("依据")
		g.keep(a.cites[g.r.IntN(len(a.cites))])
		g.s("的规定，本局决定：")
		g.amount()
		g.s("。如不服本处罚决定，可以在收到本决定书之日起六十日内向汉阴县人民政府申请行政复议，也可以在六个月内依法向汉阴县人民法院提起行政诉讼。决定书文号：")
		g.docNo(a)
		g.s("，", a.agency, "，举报电话：")
		g.keep(tel)
		g.s("。")
	},
	// 16 travel permits and passports
	func(g *gen, a areaInfo) {
		switch g.r.IntN(4) {
		case 0:
			g.s("当事人", g.party(), "系香港居民，持港澳居民居住证（号码")
			id := g.idNumber(g.pick("810000", "820000", "830000"))
			g.sens("居住证号", id)
			g.s("）及港澳通行证")
		case 1:
			g.s("当事人", g.party(), "系台湾居民，台胞证号码")
			g.sens("通行证号", g.digits(8))
			g.s("，持往来港澳通行证")
		case 2:
			g.s("当事人", g.party(), "，护照号码")
			g.sens("护照号", g.pick("E", "G")+g.digits(8))
			g.s("，另持港澳通行证")
		default:
			g.s("当事人", g.party(), "，护照号：")
			g.sens("护照号", "E"+string(rune('A'+g.r.IntN(20)))+g.digits(7))
			g.s("，持港澳通行证")
		}
		g.sens("通行证号", g.pick("C", "W")+g.digits(8))
		g.s("，于", g.date(), "在汉阴县城关镇销售未经检验的进口食品。")
	},
	// 17 询问 X 时 and recurring names from structured fields
	func(g *gen, a areaInfo) {
		w, r := g.name(), g.name()
		g.it.Known = &Known{OtherNames: []string{r}}
		g.s("执法人员询问")
		g.sens("姓名", w)
		g.s("时，其称当日", r, "也在店内帮忙。")
		g.sens("姓名", r)
		g.s("系当事人", g.pick("表弟", "亲戚", "同乡"), "，未与当事人签订劳动合同。")
	},
	// 18 commissioned agent and relatives
	func(g *gen, a areaInfo) {
		g.s("当事人", g.party(), "委托其", g.pick("儿子", "女儿", "丈夫", "妻子"))
		n := g.name()
		g.sens("姓名", n)
		g.s("作为委托代理人参加听证。委托代理人", n, "（身份证号")
		g.sens("身份证号", g.idShaped())
		g.s("）提出，当事人系初次违法且危害后果轻微，请求从轻处罚。本局经复核认为，")
		g.s("当事人的陈述申辩理由部分成立，依据")
		g.keep("《中华人民共和国行政处罚法》第三十二条")
		g.s("，决定")
		g.amount()
		g.s("。")
	},
	// 19 organisation: legal representative's home address
	func(g *gen, a areaInfo) {
		g.s("当事人：")
		g.keep(g.org())
		g.s("，统一社会信用代码：")
		g.keep(g.credit())
		g.s("。法定代表人：")
		g.keep(g.name())
		g.s("，", g.pick("男", "女"), "，身份证号：")
		g.sens("身份证号", g.idShaped())
		g.s("，住址：")
		g.homeAddress()
		g.s("。")
	},
	// 20 bank card found by Luhn alone, landline of a person
	func(g *gen, a areaInfo) {
		g.s("当事人", g.party(), "在收款单据上留下的收款卡", g.pick("为", "是"))
		c := g.bankCard()
		g.sens("银行账号", c)
		g.s("，并注明“有事请拨")
		g.sens("固定电话", g.landline())
		g.s("或")
		g.sens("手机号", g.mobile())
		g.s("”。执法人员")
		g.officer()
		g.s("于")
		g.keep(g.date())
		g.s("将该单据作为证据提取。")
	},
	// 21 neighbours and relatives in a 城管 noise case
	func(g *gen, a areaInfo) {
		g.s("经调查，当事人", g.name(), "在", g.pick(towns...), g.pick(streets...), "经营的", g.pick("烧烤摊", "KTV", "麻将馆"), "夜间噪声扰民，邻居")
		g.sens("姓名", g.name())
		g.s("、")
		g.sens("姓名", g.name())
		g.s("多次投诉，投诉人联系电话")
		g.sens("手机号", g.mobile())
		g.s("。执法人员")
		g.officer()
		g.s("现场测得噪声值为68分贝，超过规定标准。")
	},
	// 22 transport overload with driver and company
	func(g *gen, a areaInfo) {
		g.keep(g.date())
		g.s("，当事人")
		g.keep(g.org())
		g.s("所属车辆")
		g.sens("车牌号", g.plate())
		g.s("在316国道汉阴段超限运输，车货总质量", fmt.Sprint(55+g.r.IntN(20)), "吨，超限", fmt.Sprint(10+g.r.IntN(20)), "%。驾驶人")
		g.sens("姓名", g.name())
		g.s("持有的从业资格证号为")
		g.sens("身份证号", g.idNumber(g.pick(regions...)))
		g.s("。依据")
		g.keep(a.cites[len(a.cites)-1])
		g.s("，决定")
		g.amount()
		g.s("。")
	},
	// 23 询问笔录 header: the interviewee is private, the officers are public
	func(g *gen, a areaInfo) {
		g.s("询问时间：")
		g.keep(g.date())
		g.s("9时30分至10时15分。询问地点：")
		g.keep(a.agency + g.pick("执法办案区", "三楼询问室"))
		g.s("。询问人：")
		g.keep(g.name())
		g.s("、")
		g.keep(g.name())
		g.s("。记录人：")
		g.keep(g.name())
		g.s("。被询问人：")
		g.sens("姓名", g.name())
		g.s("，性别：", g.pick("男", "女"), "，身份证号：")
		g.sens("身份证号", g.idShaped())
		g.s("，工作单位：")
		g.keep(g.org())
		g.s("，", g.pick("住址：", "现住址：", "家庭住址："))
		g.homeAddress()
		g.s("，联系电话：")
		g.sens("手机号", g.mobile())
		g.s("，与当事人关系：", g.pick("雇员", "亲属", "朋友"), "。")
	},
	// 24 inspection on site: the place of the offence is public
	func(g *gen, a areaInfo) {
		place := "汉阴县" + g.pick(towns...) + g.pick(streets...) + fmt.Sprint(1+g.r.IntN(200)) + "号"
		g.s("检查地点：")
		g.keep(place)
		g.s("。检查情况：当事人", g.party(), "经营的", g.pick("小餐馆", "副食店", "理发店"), "未办理", g.pick("食品经营许可证", "公共场所卫生许可证"), "。在场人")
		g.sens("姓名", g.name())
		g.s(g.pick("告诉执法人员", "介绍说", "表示", "看到"), "当事人已经营两年。当事人", g.pick("妻子", "女儿"))
		g.sens("姓名", g.name())
		g.s("（", g.pick("住", "家住"))
		g.homeAddress()
		g.s("）在检查笔录上签名。执法人员")
		g.officer()
		g.s("当场下达责令改正通知书，责令于")
		g.keep(g.date())
		g.s("前改正。")
	},
}

func main() {
	out := flag.String("o", "redact/testdata/corpus.jsonl", "output file")
	n := flag.Int("n", 288, "number of paragraphs")
	flag.Parse()
	g := &gen{r: rand.New(rand.NewPCG(2025, 15))}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for i := 0; i < *n; i++ {
		a := areas[i%len(areas)]
		ti := i % len(templates)
		g.sb.Reset()
		g.used = g.used[:0]
		g.it = &Item{ID: fmt.Sprintf("%s-%03d-t%02d", a.name, i+1, ti+1), Area: a.name}
		templates[ti](g, a)
		g.it.Text = g.sb.String()
		if err := enc.Encode(g.it); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
}
