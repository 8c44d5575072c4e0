package demo

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"github.com/zhifa/zhifa/publicity"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/service"
)

// story is one demo penalty case: who handles it, the party, what the
// officers found and decided, and the stage it has reached. walk turns it
// into the steps of the penalty general procedure; the texts of the
// routine documents (立案意见, 告知书, 缴款方式, 结案报告…) are written from
// these fields.
type story struct {
	agency   string // key in agencySeeds
	matter   string // code in matterSeeds
	source   string // one of penalty.CaseSources
	summary  string // 案源简况
	party    zhifa.Party
	officers [2]string // the two handlers (usernames); the first registers the case
	// stop is the stage the case has reached; ago the working days between
	// its last step and the story's last day (the last working day before
	// today), which sets how its time limits stand today.
	stop penalty.Stage
	ago  int

	offence string // the offence in a few words, for 立案 and 告知
	reason  string // 不予立案 or 撤案 reason

	place, inspection string // 现场检查笔录
	inquiry           string // 询问笔录
	evidence          *exhibit

	facts   string // 违法事实 as the investigation found them
	basis   string // 处罚依据, with the discretion applied
	kind    string // 处罚种类 (处罚法 Art 9)
	penalty string // 处罚内容
	fine    int64  // 元
	// gains (没收违法所得, 元) and property (没收非法财物, the list): the
	// structured penalty's fields of those kinds.
	gains    int64
	property string

	hearingRight bool     // the notice grants the right to a hearing (处罚法 Art 63)
	waived       bool     // the party waived 陈述申辩 (and any hearing) in the record
	statement    string   // what the party said in the 陈述申辩 period; "" for nothing
	hearing      *hearing // the party asked for a hearing, held as here
	returned     *returned

	discuss bool   // 集体讨论 before the decision (处罚法 Art 57 ¶2)
	serve   string // 送达方式, "" for 直接送达
	cite    bool   // the decision's facts open with the party's particulars, as 决定书 do
	publish bool   // the decision was published on the portal; false leaves it 待公示

	// After the story's last step, on its published decision: a correction
	// of the publication (更正) and a withdrawal (撤回), each gap working
	// days after the move before it.
	correction *correction
	withdrawal *withdrawal
}

// correction is a correction of one field of a publication; corrected
// facts open with the party's particulars when the story cites them.
type correction struct {
	gap                  int
	field, value, reason string
}

// withdrawal is the withdrawal of a publication by the agency head, the
// decision having been changed, revoked or confirmed illegal or void
// `changed` working days before.
type withdrawal struct {
	gap, changed  int
	cause, reason string
}

// exhibit is an evidence step (证据登记) with its files.
type exhibit struct {
	title, description, kind string
	files                    []file
}

type file struct {
	name, contentType string
	body              []byte
}

// hearing is the 听证 the party asked for, presided over by an officer who
// did not investigate the case (处罚法 Art 64(4)).
type hearing struct {
	host   string // 执法证号 of the presiding officer
	clerk  string // 执法证号 of the 记录员
	place  string
	record string
}

// returned is a legal review that found a problem (存在问题): the case goes
// back to the unit, which supplements the file and resubmits it — unless the
// story stops at 审核退回.
type returned struct {
	outcome     string // review.OutcomeSupply, OutcomeCorrect…
	item        string // checklist code found wanting
	remark      string
	opinion     string
	supplement  exhibit // evidence gathered after the return
	corrections string  // 补正说明
}

// person returns a synthetic natural-person party with a valid 公民身份号码:
// region, birth date (YYYYMMDD) and sequence (odd for men), the check digit
// computed (GB 11643); the address is in 汉阴县.
func person(name, region, birth, seq, phone, address string) zhifa.Party {
	first := region + birth + seq
	return zhifa.Party{Kind: zhifa.PartyPerson, Name: name, IDNumber: first + string(idcode.ResidentCheckDigit(first)),
		Phone: phone, Address: "陕西省安康市汉阴县" + address}
}

// company returns a synthetic enterprise of 汉阴县 with a valid
// 统一社会信用代码 (工商登记 91, region 610921, org, check character).
func company(name, org, legalRep, phone, address string) zhifa.Party {
	return zhifa.Party{Kind: zhifa.PartyOrganization, Name: name, IDNumber: creditCode("91", "610921", org), LegalRep: legalRep,
		Phone: phone, Address: "陕西省安康市汉阴县" + address}
}

// stories are the demo cases, at least one in every stage of the procedure.
var stories = []story{
	{agency: "scj", matter: "SCJ-CF-001", source: "监督检查", officers: [2]string{"scj-zhifa1", "scj-zhifa2"},
		stop: penalty.Archived, ago: 14,
		summary: "节前食品安全检查中,执法人员发现城关镇新民街“德贵副食店”货架上摆放超过保质期的预包装食品。",
		party:   person("陈德贵", "610921", "19740315", "371", "13891530472", "城关镇新民街 46 号"),
		offence: "销售超过保质期的食品",
		place:   "汉阴县城关镇新民街 46 号德贵副食店",
		inspection: "执法人员出示执法证件,经营者陈德贵在场。货架上摆放的“巧口福”牌沙琪玛(250 克/袋)12 袋、“乡里香”牌麻花(400 克/袋)8 袋," +
			"标示的保质期均已届满,标价待售。执法人员对上述食品拍照取证后当场扣押,开具扣押物品清单,当事人签字确认。",
		inquiry: "问:你是否知道货架上的沙琪玛和麻花已经超过保质期?答:知道一部分,平时没顾上清理,想着便宜点卖掉。" +
			"问:这批食品从何处购进、售出多少?答:从县城一家批发部进的,过期以后卖出麻花 2 袋,每袋 6 元。",
		evidence: &exhibit{title: "现场照片及扣押物品清单", kind: "书证、视听资料",
			description: "现场照片 6 张(含食品标签特写)、扣押物品清单 1 份、现场检查笔录扫描件 1 份,均经当事人签字确认。",
			files: []file{
				{"扣押物品清单.txt", "text/plain; charset=utf-8", []byte("扣押物品清单\n\n当事人:陈德贵(德贵副食店)\n" +
					"1. “巧口福”牌沙琪玛 250 克/袋 12 袋 保质期已届满\n2. “乡里香”牌麻花 400 克/袋 8 袋 保质期已届满\n\n" +
					"以上物品经当事人核对无误,由汉阴县市场监督管理局扣押,存放于本局罚没物品仓库。\n当事人签字:陈德贵  执法人员:王志强 61092111001 李晓燕 61092111002\n")},
				{"现场检查笔录(扫描件).pdf", "application/pdf", pdf("汉阴县市场监督管理局", "现场检查笔录(扫描件)",
					"检查地点:汉阴县城关镇新民街 46 号德贵副食店", "执法人员:王志强 61092111001、李晓燕 61092111002",
					"检查情况:货架上摆放超过保质期的沙琪玛 12 袋、麻花 8 袋,标价待售。", "当事人签字:陈德贵")},
			}},
		facts: "当事人在其经营的德贵副食店销售超过保质期的沙琪玛 12 袋、麻花 8 袋,货值金额 228 元,已售出过期麻花 2 袋,违法所得 12 元。" +
			"上述行为违反了《中华人民共和国食品安全法》第三十四条第十项的规定。",
		basis: "《中华人民共和国食品安全法》第一百二十四条第一款第五项;鉴于货值金额较小,当事人主动下架全部过期食品并如实说明进货来源," +
			"依据《中华人民共和国行政处罚法》第三十二条第一项减轻处罚",
		kind: "罚款、没收违法所得、没收非法财物", penalty: "没收过期沙琪玛 12 袋、麻花 8 袋,没收违法所得 12 元,并处罚款 8000 元", fine: 8000, gains: 12, property: "过期沙琪玛 12 袋、麻花 8 袋",
		waived: true, cite: true, publish: true},

	{agency: "scj", matter: "SCJ-CF-002", source: "投诉举报", officers: [2]string{"scj-zhifa2", "scj-zhifa1"},
		stop: penalty.Executed, ago: 10,
		summary: "群众通过 12315 平台投诉:涧池镇涧池街一门店无证加工销售卤肉制品。",
		party:   person("刘桂芳", "610921", "19810622", "482", "15291571836", "涧池镇仁河村三组 11 号"),
		offence: "未取得食品经营许可从事食品经营",
		place:   "汉阴县涧池镇涧池街 18 号门店",
		inspection: "执法人员出示执法证件。现场为临街门面,内设卤制操作间,有卤锅 2 口、冰柜 1 台,冰柜内存放卤猪头肉、卤猪蹄等约 15 公斤," +
			"门口玻璃柜标价出售。经营者刘桂芳未能出示食品经营许可证或小作坊登记证。",
		inquiry: "问:你从何时开始在此加工销售卤肉?答:开了三个月左右。问:是否办理食品经营许可?答:没有办,以为小本生意不用办。" +
			"问:经营期间获利多少?答:每天卖十来斤,扣除成本一共赚了 4600 元左右。",
		facts: "当事人未取得食品经营许可,在汉阴县涧池镇涧池街 18 号门店加工销售卤肉制品约三个月,现场查扣卤肉制品 15 公斤,货值金额 840 元,违法所得 4600 元。" +
			"上述行为违反了《中华人民共和国食品安全法》第三十五条第一款的规定。",
		basis: "《中华人民共和国食品安全法》第一百二十二条第一款;货值金额不足一万元,依法并处五千元以上五万元以下罚款,当事人系初次违法、已停止经营并申请办理许可,从轻处罚",
		kind:  "罚款、没收违法所得、没收非法财物", penalty: "没收违法所得 4600 元、没收卤肉制品 15 公斤,并处罚款 10000 元", fine: 10000, gains: 4600, property: "卤肉制品 15 公斤",
		hearingRight: true, statement: "当事人陈述:已认识到错误,已停止加工销售并提交食品经营许可申请;家庭经济困难,请求从轻处罚。",
		publish: true},

	{agency: "scj", matter: "SCJ-CF-003", source: "监督检查", officers: [2]string{"scj-zhifa1", "scj-zhifa3"},
		stop: penalty.Decided, ago: 4,
		summary: "食品安全日常监督检查中,发现鑫源超市购进的进口冻牛肉无进货查验记录。",
		party:   company("汉阴县鑫源商贸有限公司", "MA70K3L2X", "王建平", "0915-5226688", "城关镇三元路 128 号"),
		offence: "未按规定建立并遵守进货查验记录制度",
		place:   "汉阴县城关镇三元路 128 号鑫源超市",
		inspection: "执法人员出示执法证件,在法定代表人王建平陪同下检查。冷柜内存放进口冻牛肉 36 箱,当事人不能提供供货者许可证、产品合格证明文件和进货查验记录;" +
			"冷冻水饺、汤圆等 5 种食品进货台账记录不全。执法人员当场下达《责令改正通知书》,责令 7 日内改正。",
		inquiry: "问:冻牛肉从何处购进,是否查验并记录?答:从西安一家冻品批发商购进,对方给了送货单,超市没有专门做进货查验记录。" +
			"问:其他冷冻食品台账为何不全?答:店员更换后没有及时登记。",
		evidence: &exhibit{title: "送货单及进货台账复印件", kind: "书证",
			description: "冻牛肉送货单 3 张、超市进货台账复印件 8 页,经法定代表人签字确认。"},
		facts: "当事人经营的鑫源超市未按规定建立并遵守进货查验记录制度:购进进口冻牛肉 36 箱(货值金额 12960 元)未查验供货者许可证和产品合格证明文件、未如实记录进货信息;" +
			"冷冻水饺等 5 种食品进货记录不全。经责令限期改正,当事人逾期仍未改正。上述行为违反了《中华人民共和国食品安全法》第五十三条第一款、第二款的规定。",
		basis: "《中华人民共和国食品安全法》第一百二十六条第一款第三项;经责令改正拒不改正,处五千元以上五万元以下罚款,按裁量基准一般情形处罚",
		kind:  "警告、罚款", penalty: "警告,并处罚款 15000 元", fine: 15000,
		waived: true,
		returned: &returned{outcome: review.OutcomeSupply, item: "facts",
			remark:  "第一百二十六条规定“拒不改正的”方可处以罚款,卷内仅有责令改正通知书,缺少复查记录,不能证明当事人逾期拒不改正。",
			opinion: "拟处罚款缺少“拒不改正”的事实证据,请承办机构补充责令改正后的复查笔录及相关证据后重新提交审核。",
			supplement: exhibit{title: "责令改正通知书送达回证及复查笔录", kind: "书证、现场笔录",
				description: "责令改正通知书送达回证 1 份;期满后复查笔录 1 份,载明进口冻牛肉仍无进货查验记录、台账未补建,法定代表人签字确认。"},
			corrections: "已补充责令改正通知书送达回证和期满复查笔录,证明当事人经责令改正后逾期未改正。"},
		cite: true},

	{agency: "scj", matter: "SCJ-CF-005", source: "投诉举报", officers: [2]string{"scj-zhifa3", "scj-zhifa2"},
		stop: penalty.InReview, ago: 6,
		summary: "群众举报城关镇“康乐源养生馆”在宣传单和微信朋友圈宣称“三个疗程根治糖尿病”。",
		party:   person("何丽萍", "610921", "19870913", "526", "18991586203", "城关镇文化路 77 号"),
		offence: "发布虚假广告",
		place:   "汉阴县城关镇文化路 77 号康乐源养生馆",
		inspection: "现场查见宣传单 300 余份,内容含“无需吃药,三个疗程根治糖尿病”“颈椎病一次见效”等用语;当事人微信朋友圈发布相同内容 14 条。" +
			"店内无医疗机构执业许可证,经营者何丽萍称宣传单系自行设计印制。",
		inquiry: "问:宣传单内容有无依据?答:没有,是从网上抄的。问:印制和发放了多少?答:印了 2500 份,花了 750 元,已经发了 2000 份左右。",
		facts: "当事人在其经营的康乐源养生馆宣传单及微信朋友圈发布“三个疗程根治糖尿病”“颈椎病一次见效”等内容,广告费用 750 元。" +
			"上述内容无事实依据,属于《中华人民共和国广告法》第二十八条第二款第二项所列虚假广告。",
		basis: "《中华人民共和国广告法》第五十五条第一款;处广告费用三倍以上五倍以下罚款,按广告费用四倍处罚",
		kind:  "罚款", penalty: "责令停止发布广告、在相应范围内消除影响,并处广告费用四倍的罚款 3000 元", fine: 3000,
		waived: true},

	{agency: "scj", matter: "SCJ-CF-004", source: "投诉举报", officers: [2]string{"scj-zhifa2", "scj-zhifa3"},
		stop: penalty.Registered, ago: 0,
		summary: "消费者投诉:在蒲溪镇“志军电动车行”购买的电动自行车充电器使用中起火,怀疑产品不符合国家标准。",
		party:   person("杨志军", "610921", "19900704", "613", "13649158327", "蒲溪镇蒲溪街 52 号")},

	{agency: "scj", matter: "SCJ-CF-001", source: "投诉举报", officers: [2]string{"scj-zhifa1", "scj-zhifa3"},
		stop: penalty.Rejected, ago: 20,
		summary: "群众电话举报平梁镇“秀英便民超市”销售过期牛奶。",
		party:   person("吴秀英", "610921", "19650218", "242", "15929151706", "平梁镇平梁街 9 号"),
		reason: "经执法人员现场核查,举报所涉“秦川”牌纯牛奶生产日期为核查前 20 日,保质期 6 个月,未超过保质期;货架上其他食品亦未发现过期情形。" +
			"举报反映的违法行为不存在,不符合立案条件,决定不予立案,并告知举报人核查结果。"},

	{agency: "scj", matter: "SCJ-CF-001", source: "上级交办", officers: [2]string{"scj-zhifa3", "scj-zhifa1"},
		stop: penalty.Reviewed, ago: 1,
		summary:    "安康市市场监督管理局食品安全监督抽检结果通报:双乳镇罗先明蔬菜摊销售的韭菜腐霉利残留量不符合食品安全国家标准。",
		party:      person("罗先明", "610921", "19710530", "135", "17391568824", "双乳镇双乳街 33 号"),
		offence:    "销售农药残留超标的食用农产品",
		place:      "汉阴县双乳镇农贸市场 17 号摊位",
		inspection: "执法人员出示执法证件,向当事人送达抽检不合格检验报告,当事人未申请复检。摊位现有韭菜约 12 公斤,当事人称系从本地农户处收购,未索取购货凭证。",
		inquiry:    "问:抽检的韭菜从何处进货?答:从附近村里农户处收的,每斤 2 元,没有票据。问:这批韭菜卖了多少?答:一共 60 斤,卖了 50 斤左右,每斤 3 元。",
		facts: "当事人销售的韭菜经抽检,腐霉利残留量为 0.63 mg/kg,不符合 GB 2763—2021 规定的限量(0.2 mg/kg);该批次韭菜 30 公斤,货值金额 180 元,违法所得 150 元," +
			"当事人不能提供进货来源证明。上述行为违反了《中华人民共和国食品安全法》第三十四条第二项的规定。",
		basis: "《中华人民共和国食品安全法》第一百二十四条第一款第一项;货值金额不足一万元,并处五万元以上十万元以下罚款;当事人不能如实说明进货来源,不适用第一百三十六条免予处罚,按法定最低限处罚",
		kind:  "罚款、没收违法所得", penalty: "没收违法所得 150 元,并处罚款 50000 元", fine: 50000, gains: 150,
		hearingRight: true, statement: "当事人申辩:系小本经营,不知道韭菜农药残留超标,请求减免罚款。经复核,当事人不能提供进货来源,申辩理由不予采纳。"},

	{agency: "cgj", matter: "CGJ-CF-002", source: "监督检查", officers: [2]string{"cgj-zhifa1", "cgj-zhifa2"},
		stop: penalty.Archived, ago: 12,
		summary: "北城街路段巡查中发现一水果店在人行道上搭建遮阳棚、堆放货物占道经营,经劝导后仍未整改。",
		party:   person("赵永刚", "610921", "19830911", "377", "13992572041", "城关镇北城街 15 号"),
		offence: "擅自在街道两侧搭建设施、堆放物料占道经营",
		place:   "汉阴县城关镇北城街 15 号永刚水果店门前",
		inspection: "门前人行道上搭建钢架遮阳棚 1 处(长 6 米、宽 3 米),堆放水果箱 40 余个,占用人行道约 18 平方米,行人需绕行机动车道。" +
			"此前已下达《责令限期改正通知书》,当事人逾期未改正。",
		inquiry: "问:遮阳棚是否经过批准?答:没有,夏天搭的,想着方便顾客。问:收到责令改正通知书后为何没有拆除?答:生意忙,没来得及。",
		facts: "当事人未经同意,在北城街人行道上搭建遮阳棚、堆放物料占道经营,占用人行道约 18 平方米,经责令限期改正后逾期未改正。" +
			"上述行为违反了《城市市容和环境卫生管理条例》第十四条的规定。",
		basis: "《城市市容和环境卫生管理条例》第三十六条第二项;按本局裁量基准,占道面积 10 至 30 平方米且经责令改正逾期未改正的,处 1000 元至 3000 元罚款",
		kind:  "罚款", penalty: "责令拆除遮阳棚、清理占道物品,并处罚款 2000 元", fine: 2000,
		waived: true, cite: true, publish: true},

	{agency: "cgj", matter: "CGJ-CF-004", source: "投诉举报", officers: [2]string{"cgj-zhifa2", "cgj-zhifa1"},
		stop: penalty.Closed, ago: 8,
		summary: "12345 热线转办:凤台路一烧烤店夜间在人行道上露天烧烤,油烟扰民。",
		party:   person("李红军", "610921", "19920116", "551", "18291502377", "城关镇凤台路 63 号"),
		offence: "在禁止区域露天烧烤食品",
		place:   "汉阴县城关镇凤台路 63 号门前人行道",
		inspection: "执法人员夜间巡查时发现,当事人在店门前人行道上使用木炭烧烤炉 2 台露天烧烤食品,摆放餐桌 6 张,现场烟雾明显。" +
			"执法人员当场责令停止违法行为,依法扣押烧烤炉 2 台。",
		inquiry: "问:你是否知道该区域禁止露天烧烤?答:知道,县上发过通知,但店里地方小,晚上生意多就摆到外面了。问:在外面经营多久了?答:一个多月。",
		facts: "当事人在县人民政府划定的禁止露天烧烤区域(凤台路)人行道上露天烧烤食品,经劝阻后仍多次违规经营。" +
			"上述行为违反了《中华人民共和国大气污染防治法》第八十一条第三款的规定。",
		basis: "《中华人民共和国大气污染防治法》第一百一十八条第三款;当事人经劝阻后仍多次违规,按裁量基准一般情形处罚",
		kind:  "罚款、没收非法财物", penalty: "没收烧烤炉 2 台,并处罚款 3000 元", fine: 3000, property: "烧烤炉 2 台",
		statement: "当事人陈述:已将烧烤移至店内并安装油烟净化设施,请求从轻处罚。承办人员核实属实,已在裁量中考虑。",
		serve:     "电子送达", cite: true, publish: true},

	{agency: "cgj", matter: "CGJ-CF-003", source: "监督检查", officers: [2]string{"cgj-zhifa1", "cgj-zhifa2"},
		stop: penalty.Served, ago: 10,
		summary: "城区违法建设巡查中发现,城关镇太平村五组规划区内一处民房在原有两层基础上加盖第三层,未取得建设工程规划许可证。",
		party:   person("冯国华", "610921", "19680427", "193", "13571546610", "城关镇太平村五组 8 号"),
		offence: "未取得建设工程规划许可证进行建设",
		place:   "汉阴县城关镇太平村五组 8 号",
		inspection: "现场查见当事人在原两层砖混房屋上加盖第三层,框架已完工,建筑面积约 126 平方米,施工人员 4 名;当事人未能出示建设工程规划许可证。" +
			"执法人员当场送达《责令停止违法行为通知书》,并测量、拍照。",
		inquiry: "问:加盖的第三层是否办理规划许可?答:没有,觉得是在自家房子上加盖不需要办。问:工程造价多少?答:材料和人工大约 36 万元。",
		evidence: &exhibit{title: "测绘报告及工程造价认定材料", kind: "鉴定意见、书证",
			description: "加盖部分测绘报告 1 份(建筑面积 126.4 平方米);施工合同及材料票据复印件 14 页,据此认定工程造价 360000 元。"},
		facts: "当事人未取得建设工程规划许可证,在其位于城市规划区内的自有两层住宅上加盖第三层,建筑面积 126.4 平方米,工程造价 360000 元,尚可采取改正措施消除对规划实施的影响。" +
			"上述行为违反了《中华人民共和国城乡规划法》第四十条第一款的规定。",
		basis: "《中华人民共和国城乡规划法》第六十四条;尚可采取改正措施消除对规划实施的影响,限期改正,处建设工程造价百分之五以上百分之十以下罚款,按下限处罚",
		kind:  "罚款", penalty: "责令六十日内补办建设工程规划许可手续,并处建设工程造价百分之五的罚款 18000 元", fine: 18000,
		hearingRight: true, statement: "当事人要求听证,认为加盖部分系自住,罚款过重。",
		hearing: &hearing{host: "61092112006", clerk: "61092112003", place: "汉阴县城市管理执法局听证室",
			record: "听证公开举行。案件调查人员陈述了违法事实、证据、处罚依据和拟处罚意见;当事人及其委托代理人进行了申辩和质证,对加盖事实和建筑面积无异议,认为罚款过重。" +
				"主持人认为违法事实清楚,证据确凿,拟处罚在法定幅度下限,建议维持。当事人核对笔录后签字。"},
		discuss: true, cite: true, publish: true},

	{agency: "cgj", matter: "CGJ-CF-001", source: "监督检查", officers: [2]string{"cgj-zhifa2", "cgj-zhifa1"},
		stop: penalty.Opened, ago: 1,
		summary: "巡查发现一辆三轮车在月河滨河路绿化带旁倾倒装修建筑垃圾约 2 立方米,驾驶人为涧池镇紫云村村民。",
		party:   person("孙建设", "610921", "19790808", "015", "15319152840", "涧池镇紫云村二组 4 号"),
		offence: "不按规定倾倒建筑垃圾"},

	{agency: "zrj", matter: "ZRJ-CF-003", source: "监督检查", officers: [2]string{"zrj-zhifa1", "zrj-zhifa2"},
		stop: penalty.Archived, ago: 13,
		summary: "年度卫片执法检查图斑核查中发现,双河口镇三同村一组一处耕地上新建钢架结构建筑。",
		party:   person("黄正兵", "610921", "19750302", "455", "13909158735", "双河口镇三同村一组 21 号"),
		offence: "擅自在耕地上建房破坏种植条件",
		place:   "汉阴县双河口镇三同村一组",
		inspection: "当事人在其承包的耕地上建设钢架结构仓储棚一处,地面已用混凝土硬化,占用耕地 186 平方米,未取得任何用地批准手续;" +
			"经与国土调查数据比对,该地块现状地类为耕地,不在永久基本农田范围内。执法人员使用 RTK 测量并拍照。",
		inquiry: "问:建仓储棚是否办理审批手续?答:向村上口头说过,没有正式办理。问:仓储棚作何用途?答:存放收购的魔芋。",
		facts: "当事人擅自在双河口镇三同村一组耕地上建设钢架结构仓储棚,硬化地面,占用耕地 186 平方米,破坏了种植条件。" +
			"上述行为违反了《中华人民共和国土地管理法》第三十七条第三款的规定。",
		basis: "《中华人民共和国土地管理法》第七十五条、《中华人民共和国土地管理法实施条例》第五十六条;按耕地开垦费的五倍处罚",
		kind:  "罚款", penalty: "责令限期拆除仓储棚、恢复种植条件,并处罚款 18600 元", fine: 18600,
		hearingRight: true, waived: true, serve: "邮寄送达", cite: true, publish: true},

	{agency: "zrj", matter: "ZRJ-CF-001", source: "其他部门移送", officers: [2]string{"zrj-zhifa2", "zrj-zhifa1"},
		stop: penalty.Returned, ago: 1,
		summary:    "铁佛寺镇人民政府移送:当事人未经批准占用铁佛寺村集体土地硬化建设砂石料堆场。",
		party:      person("邓光明", "610921", "19660919", "117", "18809153361", "铁佛寺镇铁佛寺街 40 号"),
		offence:    "未经批准非法占用土地",
		place:      "汉阴县铁佛寺镇铁佛寺村四组",
		inspection: "当事人占用集体土地约 1320 平方米建设砂石料堆场,其中耕地 480 平方米,已用混凝土硬化并堆放砂石料,未取得建设用地批准手续。执法人员使用 RTK 测量并拍照。",
		inquiry:    "问:堆场用地是否经过批准?答:和村里签了租用协议,每年租金 8000 元,没有办用地手续。",
		facts: "当事人未经批准,擅自占用铁佛寺镇铁佛寺村四组集体土地 1320 平方米(其中耕地 480 平方米)建设砂石料堆场。" +
			"上述行为违反了《中华人民共和国土地管理法》第四十四条第一款的规定。",
		basis: "《中华人民共和国土地管理法》第七十七条第一款;按每平方米 20 元处罚",
		kind:  "罚款", penalty: "责令退还非法占用的土地,限期拆除新建的设施、恢复土地原状,并处罚款 26400 元", fine: 26400,
		hearingRight: true, statement: "当事人陈述:堆场系为村道建设临时堆料,已与村委会签订租用协议,请求从轻处罚。",
		returned: &returned{outcome: review.OutcomeCorrect, item: "law",
			remark:  "《中华人民共和国土地管理法实施条例》第五十七条规定,非法占用耕地的罚款为每平方米 100 元以上 3000 元以下,占用其他土地的为每平方米 100 元以上 1000 元以下;拟按每平方米 20 元计罚,低于法定下限。",
			opinion: "拟处罚款数额低于法定下限,裁量基准运用不当。请承办机构按耕地与其他土地分别计算罚款,重新履行告知程序后再行提交审核。"}},

	{agency: "zrj", matter: "ZRJ-CF-004", source: "投诉举报", officers: [2]string{"zrj-zhifa1", "zrj-kezhang"},
		stop: penalty.Investigating, ago: 2,
		summary: "群众举报观音河镇七堰村一处山坡有人使用挖掘机开采石料外运。",
		party:   person("彭德林", "610924", "19720613", "339", "13468154902", "观音河镇观音河街 27 号"),
		offence: "未取得采矿许可证擅自开采矿产资源",
		place:   "汉阴县观音河镇七堰村三组",
		inspection: "山坡上有新开采面一处,面积约 650 平方米,现场有挖掘机 1 台、破碎机 1 台,堆放碎石约 800 立方米;现场人员称系当事人组织开采,无采矿许可证。" +
			"执法人员责令立即停止开采,并对开采范围进行了测量。",
		inquiry: "问:开采石料是否取得采矿许可证?答:没有,本来是平整自家承包地,石头顺便卖掉。问:卖了多少?答:卖了二十多车,每车六七百元。"},

	{agency: "zrj", matter: "ZRJ-CF-002", source: "投诉举报", officers: [2]string{"zrj-zhifa2", "zrj-kezhang"},
		stop: penalty.Dismissed, ago: 18,
		summary:    "群众举报漩涡镇茨沟村二组村民将承包地卖给外地人修建农家乐。",
		party:      person("张秀兰", "610921", "19620825", "328", "15191508736", "漩涡镇茨沟村二组 6 号"),
		offence:    "非法转让土地",
		place:      "汉阴县漩涡镇茨沟村二组",
		inspection: "现场为当事人承包地,已种植茶苗约 3 亩,未见新建建筑物或硬化地面;当事人出示了与安康一家茶业公司签订的土地经营权流转合同,期限 10 年,已在村委会备案。",
		inquiry:    "问:是否将承包地卖给他人?答:没有卖,是流转给茶叶公司种茶,每年收流转费,合同在村委会备了案。",
		reason: "经调查,当事人系依法将承包地经营权流转给茶叶公司种植茶叶,签订了书面合同并经村民委员会备案,土地农业用途未改变,不属于买卖或者以其他形式非法转让土地," +
			"违法事实不能成立。依据《中华人民共和国行政处罚法》第五十七条第一款第三项,决定撤销立案,并将核查结果告知举报人。"},

	{agency: "jtj", matter: "JTJ-CF-001", source: "监督检查", officers: [2]string{"jtj-zhifa1", "jtj-zhifa2"},
		stop: penalty.Archived, ago: 11,
		summary: "汉阴站出站口客运市场专项整治中,查获一辆小型普通客车涉嫌未取得道路运输经营许可从事客运。",
		party:   person("谭海波", "610922", "19860120", "711", "15809155023", "汉阳镇汉阳街 14 号"),
		offence: "未取得道路运输经营许可擅自从事道路客运经营",
		place:   "汉阴站出站口停车场",
		inspection: "对当事人驾驶的白色小型普通客车进行检查,车内乘客 3 名;经询问乘客,系在出站口被招揽乘车前往漩涡镇,约定每人车费 50 元。" +
			"当事人不能出示道路运输经营许可证和车辆营运证。",
		inquiry: "问:你是否取得道路运输经营许可?答:没有。问:这趟载客收费多少?答:3 个人,每人 50 元,还没收钱就被查了。",
		facts:   "当事人未取得道路运输经营许可,驾驶自有小型普通客车在汉阴站出站口招揽乘客,擅自从事道路旅客运输经营,约定运费 150 元,尚未收取。",
		basis:   "《中华人民共和国道路运输条例》第六十三条;没有违法所得,当事人初次违法且如实陈述,按法定最低限处罚",
		kind:    "罚款", penalty: "责令停止经营,并处罚款 10000 元", fine: 10000,
		hearingRight: true, waived: true, cite: true, publish: true},

	{agency: "jtj", matter: "JTJ-CF-004", source: "监督检查", officers: [2]string{"jtj-zhifa2", "jtj-zhifa1"},
		stop: penalty.Executed, ago: 7,
		summary: "汉阴县公路超限检测站检测发现,一辆六轴重型自卸货车装载砂石超限行驶。",
		party:   company("汉阴县宏达砂石运输有限公司", "MA6WYT4C8", "程宏达", "0915-5231806", "涧池镇五爱村一组"),
		offence: "车辆超限在公路上行驶",
		place:   "汉阴县公路超限检测站",
		inspection: "经动态称重、静态复核,当事人所属六轴重型自卸货车车货总质量 71.3 吨,超过 49 吨限定标准 22.3 吨,超限率 45.5%,装载货物为建筑用砂," +
			"未办理超限运输许可。驾驶人陈某在场。执法人员责令当场卸载并开具卸载证明。",
		inquiry: "问:涉案车辆是否为公司所有?答:是公司的车,驾驶员是公司雇用的。问:公司是否知道超限装载?答:对驾驶员管理不严,没有落实装载源头管理。",
		facts: "当事人所属六轴重型自卸货车装载建筑用砂在国道 316 线汉阴段超限行驶,车货总质量 71.3 吨,超过限定标准 22.3 吨,未办理超限运输许可。" +
			"上述行为违反了《公路安全保护条例》第三十三条第一款的规定。",
		basis: "《公路安全保护条例》第六十四条、《超限运输车辆行驶公路管理规定》第四十三条第一款第三项;每超 1000 千克罚款 500 元",
		kind:  "罚款", penalty: "责令改正,并处罚款 11000 元", fine: 11000,
		waived: true, cite: true, publish: true,
		correction: &correction{gap: 2, field: "facts",
			value: "当事人所属六轴重型自卸货车装载建筑用砂在国道 316 线汉阴县涧池镇段(K1032+500 处)超限行驶,车货总质量 71.3 吨,超过限定标准 22.3 吨,未办理超限运输许可。" +
				"上述行为违反了《公路安全保护条例》第三十三条第一款的规定。",
			reason: "原公示的违法事实中违法地点表述不完整,依决定书原文更正。"}},

	{agency: "jtj", matter: "JTJ-CF-003", source: "监督检查", officers: [2]string{"jtj-zhifa1", "jtj-kezhang"},
		stop: penalty.Notified, ago: 1,
		summary:    "路政巡查发现,国道 316 线汉阴城关段公路建筑控制区内新建一处彩钢板房。",
		party:      person("邹明亮", "610921", "19880405", "159", "18700915462", "城关镇五一村六组 12 号"),
		offence:    "在公路建筑控制区内修建建筑物",
		place:      "国道 316 线汉阴城关段右侧",
		inspection: "现场距公路用地外缘 6 米,当事人正在建设彩钢结构门面房一处,长 12 米、宽 5 米,未经公路管理机构许可。执法人员当场下达《责令停止违法行为通知书》。",
		inquiry:    "问:建房前是否知道这是公路建筑控制区?答:不知道,以为在自家宅基地上就可以建。问:建房用途?答:准备开汽车修理铺。",
		facts:      "当事人在国道 316 线汉阴城关段公路建筑控制区内修建彩钢结构门面房一处,面积 60 平方米,未经许可。上述行为违反了《中华人民共和国公路法》第五十六条第一款的规定。",
		basis:      "《中华人民共和国公路法》第八十一条;按裁量基准,建筑面积 50 至 100 平方米的,处 20000 元至 30000 元罚款",
		kind:       "罚款", penalty: "责令限期拆除,并处罚款 20000 元", fine: 20000,
		hearingRight: true},

	{agency: "wjj", matter: "WJJ-CF-001", source: "监督检查", officers: [2]string{"wjj-zhifa1", "wjj-zhifa2"},
		stop: penalty.Executed, ago: 5,
		summary:    "公共场所卫生专项检查中发现城关镇新民街“小燕美发店”卫生许可证已过有效期仍在营业。",
		party:      person("蒋小燕", "610923", "19930718", "268", "19909159125", "城关镇新民街 102 号"),
		offence:    "公共场所卫生许可证有效期届满未延续继续营业",
		place:      "汉阴县城关镇新民街 102 号小燕美发店",
		inspection: "现场正在营业,有美发师 3 名、顾客 2 名。店内悬挂的公共场所卫生许可证有效期已届满约四个月,未申请延续;1 名从业人员健康合格证明过期。",
		inquiry:    "问:卫生许可证到期为何未办理延续?答:忘记了,没注意到期时间。问:到期后营业了多久?答:一直在营业,四个月左右。",
		facts:      "当事人经营的小燕美发店公共场所卫生许可证有效期届满后未依法办理延续,继续从事美发经营活动约四个月。上述行为违反了《公共场所卫生管理条例》第八条的规定。",
		basis:      "《公共场所卫生管理条例》第十四条第一款第四项、《公共场所卫生管理条例实施细则》第三十五条第一款;违法经营时间较短、未造成危害后果,予以警告并处较低罚款",
		kind:       "警告、罚款", penalty: "警告,并处罚款 1000 元", fine: 1000,
		waived: true, cite: true},

	{agency: "wjj", matter: "WJJ-CF-003", source: "投诉举报", officers: [2]string{"wjj-zhifa2", "wjj-zhifa1"},
		stop: penalty.Investigated, ago: 0,
		summary:    "群众举报蒲溪镇东河村一村民在家中为他人输液治疗。",
		party:      person("曹德明", "610921", "19580224", "393", "13891573305", "蒲溪镇东河村三组 17 号"),
		offence:    "非医师行医",
		place:      "汉阴县蒲溪镇东河村三组 17 号",
		inspection: "当事人家中设有简易床铺 2 张、输液架 3 个,查见头孢类、地塞米松等药品 23 种及一次性输液器 40 余套;当事人未取得医师资格证书和医师执业证书,该处无医疗机构执业许可证。",
		inquiry:    "问:是否为他人看病输液?答:邻居感冒发烧找我,帮着打过针、输过液。问:收费情况?答:每次收 30 到 80 元,三个月大概收了 2600 元。",
		facts:      "当事人未取得医师资格证书和医师执业证书,在其家中为村民诊疗、输液,违法所得 2600 元。上述行为违反了《中华人民共和国医师法》第十三条第四款的规定。",
		basis:      "《中华人民共和国医师法》第五十九条;违法所得不足一万元的,按一万元计算,处违法所得三倍罚款",
		kind:       "罚款、没收违法所得、没收非法财物", penalty: "没收违法所得 2600 元和药品、器械,并处罚款 30000 元", fine: 30000, gains: 2600, property: "药品、器械"},

	{agency: "wjj", matter: "WJJ-CF-002", source: "监督检查", officers: [2]string{"wjj-zhifa1", "wjj-kezhang"},
		stop: penalty.Served, ago: 4,
		summary:    "医疗机构专项整治中发现,漩涡镇漩涡街一口腔诊所未取得医疗机构执业许可证开展口腔诊疗。",
		party:      person("钟永红", "610921", "19770912", "364", "15877659210", "漩涡镇黄龙村二组 5 号"),
		offence:    "未取得医疗机构执业许可证擅自执业",
		place:      "汉阴县漩涡镇漩涡街 56 号",
		inspection: "现场设牙科综合治疗台 1 台、消毒设备 1 套,正在为一名患者补牙;当事人持有口腔执业助理医师资格证书,但该场所未取得《医疗机构执业许可证》。查见收费登记本 1 本。",
		inquiry:    "问:诊所是否取得医疗机构执业许可证?答:正在申请,材料还没交齐就先开业了。问:开业多久、收入多少?答:两个多月,按登记本算一共收了 8460 元。",
		evidence: &exhibit{title: "收费登记本复印件", kind: "书证",
			description: "收费登记本复印件 12 页,载明开业以来诊疗收费合计 8460 元,经当事人逐页签字确认。",
			files: []file{{"收费登记本(复印件).pdf", "application/pdf", pdf("汉阴县卫生健康局", "收费登记本(复印件)第 1 页,共 12 页",
				"序号 1  补牙  120 元", "序号 2  洁牙  80 元", "序号 3  拔牙  150 元", "……", "合计:8460 元", "当事人签字:钟永红")}}},
		facts: "当事人未取得医疗机构执业许可证,在漩涡镇漩涡街 56 号开设口腔诊所执业约两个月,违法所得 8460 元。" +
			"上述行为违反了《中华人民共和国基本医疗卫生与健康促进法》第三十八条第一款的规定。",
		basis: "《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款;违法所得不足一万元的,按一万元计算,处违法所得五倍以上二十倍以下罚款;当事人已停止执业并申请办理执业许可,按下限处罚",
		kind:  "罚款、没收违法所得、没收非法财物", penalty: "责令停止执业活动,没收违法所得 8460 元和药品、器械,并处罚款 50000 元", fine: 50000, gains: 8460, property: "药品、器械",
		hearingRight: true, statement: "当事人陈述:已停止执业并提交医疗机构设置申请;罚款数额较大,请求分期缴纳。",
		discuss: true, serve: "邮寄送达", cite: true, publish: true,
		withdrawal: &withdrawal{gap: 10, changed: 2, cause: publicity.WithdrawRevoked,
			reason: "当事人钟永红不服本决定,向汉阴县人民政府申请行政复议。复议机关以违法所得认定的证据不足为由撤销本决定,责令本局重新调查处理。"}},
}

// Serials of the case files an agency archived this year before the
// demo's cases, so that theirs continue a plausible series.
var archiveBase = map[string]int{"scj": 31, "cgj": 18, "zrj": 6, "jtj": 12, "wjj": 5}

// move is one thing done on a case on one working day: day counts working
// days from the registration until the moves are placed on the timeline.
type move struct {
	day  int
	user string
	do   func(ctx context.Context, user string) error
}

// kase is a story being told: the case it registered and its decision.
type kase struct {
	*story
	l        *loader
	moves    []move
	c        *zhifa.Case
	decision map[string]string
}

// walk lists the moves of k's story, in order: the steps (steps), then the
// changes to its publication.
func (k *kase) walk() []move {
	ms := k.steps()
	day := ms[len(ms)-1].day
	first, boss := k.officers[0], k.agency+"-juzhang"
	if c := k.correction; c != nil {
		day += c.gap
		ms = append(ms, move{day: day, user: first, do: k.correct})
	}
	if w := k.withdrawal; w != nil {
		day += w.gap
		ms = append(ms, move{day: day, user: boss, do: k.withdraw})
	}
	return ms
}

// steps lists the steps of k's story up to its stage, in order: the
// penalty general procedure (DOMAIN §3) with its time limits — the 陈述申辩
// period (T3) and the hearing-request period (T4) run out before the case
// goes to review unless the party waived them, and a requested hearing
// comes first.
func (k *kase) steps() []move {
	var ms []move
	day := 0
	at := func(gap int, user string, do func(context.Context, string) error) {
		day += gap
		ms = append(ms, move{day: day, user: user, do: do})
	}
	s := k.story
	first, second := s.officers[0], s.officers[1]
	head, reviewer, boss := s.agency+"-kezhang", s.agency+"-fazhi", s.agency+"-juzhang"

	at(0, first, k.register)
	switch s.stop {
	case penalty.Registered:
		return ms
	case penalty.Rejected:
		at(2, head, k.step(penalty.Reject, func() map[string]string { return map[string]string{"reason": s.reason} }))
		return ms
	}
	at(1, head, k.step(penalty.Open, k.openOpinion))
	if s.stop == penalty.Opened {
		return ms
	}
	at(0, first, k.step(penalty.SiteRecord, func() map[string]string {
		return map[string]string{"place": s.place, "content": s.inspection}
	}))
	at(2, second, k.step(penalty.Inquiry, k.inquiryRecord))
	if s.evidence != nil {
		at(0, first, k.exhibit(*s.evidence))
	}
	switch s.stop {
	case penalty.Investigating:
		return ms
	case penalty.Dismissed:
		at(4, boss, k.step(penalty.Dismiss, func() map[string]string { return map[string]string{"reason": s.reason} }))
		return ms
	}
	at(3, first, k.step(penalty.Conclude, func() map[string]string {
		return map[string]string{"facts": s.facts, "proposal": "建议依据" + s.basis + "," + s.penalty + "。"}
	}))
	if s.stop == penalty.Investigated {
		return ms
	}
	at(1, first, k.step(penalty.Notify, k.notice))
	if s.stop == penalty.Notified {
		return ms
	}
	notified := day
	switch {
	case s.waived:
		at(1, first, k.step(penalty.Statement, k.waiver))
		at(1, head, k.step(penalty.SubmitReview, k.materials))
	case s.hearing != nil:
		at(2, first, k.step(penalty.Statement, k.statementRecord))
		at(1, first, k.noticeHearing)
		at(7, head, k.hold)
		at(1, head, k.step(penalty.SubmitReview, k.materials))
	default:
		if s.statement != "" {
			at(2, first, k.step(penalty.Statement, k.statementRecord))
		}
		// The day after the last day of T3 (3 working days) or T4 (5).
		wait := 4
		if s.hearingRight {
			wait = 6
		}
		at(notified+wait-day, head, k.step(penalty.SubmitReview, k.materials))
	}
	if s.stop == penalty.InReview {
		return ms
	}
	if r := s.returned; r != nil {
		at(2, reviewer, k.review(r))
		if s.stop == penalty.Returned {
			return ms
		}
		at(2, first, k.exhibit(r.supplement))
		at(1, head, k.step(penalty.Resubmit, func() map[string]string { return map[string]string{"corrections": r.corrections} }))
	}
	at(2, reviewer, k.review(nil))
	if s.stop == penalty.Reviewed {
		return ms
	}
	at(1, boss, k.decide)
	if s.stop == penalty.Decided {
		return ms
	}
	at(1, first, k.step(penalty.Serve, k.delivery))
	if s.publish {
		at(0, first, k.publish)
	}
	if s.stop == penalty.Served {
		return ms
	}
	at(4, second, k.step(penalty.Execute, k.execution))
	if s.stop == penalty.Executed {
		return ms
	}
	at(2, head, k.step(penalty.Close, k.closing))
	if s.stop == penalty.Closed {
		return ms
	}
	at(3, first, k.archive)
	return ms
}

// loader holds what the stories are told with: the services, the
// timeline, and the demo's agencies, users, officers and matters.
type loader struct {
	svc      *service.Service
	tl       *timeline
	agencies map[string]int64       // by key
	actors   map[string]zhifa.Actor // by username
	officers map[string]int64       // officer ids by certificate number
	matters  map[string]int64       // by code
	serials  map[string]int         // last decision serial by agency key and year
	archives map[string]int         // last case-file serial by agency key and year
}

// step returns the move that records action with the fields fields makes.
func (k *kase) step(action penalty.Action, fields func() map[string]string) func(context.Context, string) error {
	return func(ctx context.Context, user string) error {
		return k.record(ctx, user, penalty.StepInput{Action: action, Fields: fields()})
	}
}

func (k *kase) record(ctx context.Context, user string, in penalty.StepInput) error {
	r, err := k.l.svc.RecordStep(ctx, k.l.actors[user], k.c.ID, in)
	if err != nil {
		return fmt.Errorf("%s %s by %s: %w", k.c.Number, in.Action, user, err)
	}
	k.c = r.Case
	return nil
}

func (k *kase) register(ctx context.Context, user string) error {
	l := k.l
	in := penalty.CaseInput{AgencyID: l.agencies[k.agency], MatterID: l.matters[k.matter], Source: k.source, Summary: k.summary, Party: k.party}
	for _, u := range k.officers {
		in.HandlerIDs = append(in.HandlerIDs, l.actors[u].OfficerID)
	}
	c, err := l.svc.RegisterCase(ctx, l.actors[user], in)
	if err != nil {
		return fmt.Errorf("register %s/%s: %w", k.agency, k.matter, err)
	}
	k.c = c
	return nil
}

// exhibit returns the move that uploads e's files and records the 证据登记.
func (k *kase) exhibit(e exhibit) func(context.Context, string) error {
	return func(ctx context.Context, user string) error {
		in := penalty.StepInput{Action: penalty.EvidenceEntry, Fields: map[string]string{"title": e.title, "description": e.description, "kind": e.kind}}
		for _, f := range e.files {
			fi, err := k.l.svc.UploadFile(ctx, k.l.actors[user], k.c.ID, f.name, f.contentType, bytes.NewReader(f.body))
			if err != nil {
				return fmt.Errorf("%s upload %s: %w", k.c.Number, f.name, err)
			}
			in.Files = append(in.Files, fi)
		}
		return k.record(ctx, user, in)
	}
}

// noticeHearing records the hearing notice, 7 days ahead (处罚法 Art
// 64(2)), with its host and 记录员.
func (k *kase) noticeHearing(ctx context.Context, user string) error {
	h := k.story.hearing
	return k.record(ctx, user, penalty.StepInput{Action: penalty.HearingNotice, Fields: map[string]string{
		"hearing_date": k.l.tl.today().Add(penalty.HearingNoticeDays).String(), "place": h.place,
		"host_officer_id": fmt.Sprint(k.l.officers[h.host]), "clerk_officer_id": fmt.Sprint(k.l.officers[h.clerk])}})
}

// hold records the hearing (听证笔录).
func (k *kase) hold(ctx context.Context, user string) error {
	h := k.story.hearing
	id := k.l.officers[h.host]
	o, err := k.l.svc.Officer(ctx, id)
	if err != nil {
		return fmt.Errorf("hearing host %s: %w", h.host, err)
	}
	return k.record(ctx, user, penalty.StepInput{Action: penalty.Hearing, Fields: map[string]string{
		"host": o.Name, "host_officer_id": fmt.Sprint(id), "clerk_officer_id": fmt.Sprint(k.l.officers[h.clerk]),
		"place": h.place, "content": h.record}})
}

// review returns the move of the legal review: every checklist item
// passed and 同意 when r is nil, else r's finding and outcome.
func (k *kase) review(r *returned) func(context.Context, string) error {
	return func(ctx context.Context, user string) error {
		in := &penalty.ReviewForm{Outcome: review.OutcomeAgree,
			Opinion: "经审核,本案执法主体合法,执法人员具备执法资格;当事人" + k.offence + "的事实清楚,证据确凿充分;适用法律准确,裁量适当;程序合法,文书齐备。同意承办机构的处理意见。"}
		if r != nil {
			in.Outcome, in.Opinion = r.outcome, r.opinion
		}
		for _, d := range review.Checklist() {
			it := review.Item{Code: d.Code, Passed: true}
			if r != nil && d.Code == r.item {
				it.Passed, it.Remark = false, r.remark
			}
			in.Checklist = append(in.Checklist, it)
		}
		return k.record(ctx, user, penalty.StepInput{Action: penalty.Review, Review: in})
	}
}

// decide records the decision; the system numbers it in the agency's
// series (DOMAIN §10, penalty.DocTypes).
func (k *kase) decide(ctx context.Context, user string) error {
	l := k.l
	today := l.tl.today()
	facts := k.facts
	if k.cite {
		facts = k.particulars() + "。经查," + facts
	}
	k.decision = map[string]string{
		"facts":         facts,
		"basis":         k.basis,
		"penalty_kind":  k.kind,
		"gains":         fmt.Sprint(k.gains),
		"property_list": k.property,
		"penalty":       k.penalty,
		"fine":          fmt.Sprint(k.fine),
		"payment": "自收到本决定书之日起十五日内,持《陕西省非税收入缴款通知书》到代收银行或者通过缴款码缴纳罚款。到期不缴纳罚款的,每日按罚款数额的百分之三加处罚款," +
			"加处罚款的数额不超出罚款的数额(《中华人民共和国行政处罚法》第七十二条第一款第一项)。",
		"remedy": "如不服本决定,可以在收到本决定书之日起六十日内向汉阴县人民政府申请行政复议,或者在六个月内依法向人民法院提起行政诉讼。",
	}
	if k.discuss {
		k.decision["discussion"] = cnDate(today) + "召开局长办公会议集体讨论本案,参会人员一致同意承办机构的处理意见和法制审核意见,会议纪要附卷。"
	}
	return k.record(ctx, user, penalty.StepInput{Action: penalty.Decide, Fields: k.decision})
}

func (k *kase) publish(ctx context.Context, user string) error {
	p, err := k.l.svc.DB.FindPublication(ctx, publicity.PublicationFilter{CaseID: k.c.ID})
	if err != nil {
		return fmt.Errorf("%s publication: %w", k.c.Number, err)
	}
	if _, err := k.l.svc.Publish(ctx, k.l.actors[user], p.ID); err != nil {
		return fmt.Errorf("%s publish: %w", k.c.Number, err)
	}
	return nil
}

// correct records the story's correction of its publication.
func (k *kase) correct(ctx context.Context, user string) error {
	p, err := k.l.svc.DB.FindPublication(ctx, publicity.PublicationFilter{CaseID: k.c.ID})
	if err != nil {
		return fmt.Errorf("%s publication: %w", k.c.Number, err)
	}
	c := k.correction
	value := c.value
	if c.field == "facts" && k.cite { // as the decision's facts were written
		value = k.particulars() + "。经查," + value
	}
	if _, err := k.l.svc.CorrectPublication(ctx, k.l.actors[user], p.ID, publicity.CorrectInput{Field: c.field, Value: value, Reason: c.reason}); err != nil {
		return fmt.Errorf("%s correct: %w", k.c.Number, err)
	}
	return nil
}

// withdraw records the story's withdrawal of its publication.
func (k *kase) withdraw(ctx context.Context, user string) error {
	p, err := k.l.svc.DB.FindPublication(ctx, publicity.PublicationFilter{CaseID: k.c.ID})
	if err != nil {
		return fmt.Errorf("%s publication: %w", k.c.Number, err)
	}
	w := k.withdrawal
	changed := k.l.tl.workdaysBefore(w.changed)
	if _, err := k.l.svc.WithdrawPublication(ctx, k.l.actors[user], p.ID, publicity.WithdrawInput{Cause: w.cause,
		ChangedOn: changed.Time(time.UTC), Reason: w.reason}); err != nil {
		return fmt.Errorf("%s withdraw: %w", k.c.Number, err)
	}
	return nil
}

func (k *kase) archive(ctx context.Context, user string) error {
	y := k.l.tl.today().Y
	n := fmt.Sprintf("%s罚档〔%d〕%d号", short(k.agency), y, k.l.serial(k.l.archives, archiveBase, k.agency, y))
	return k.record(ctx, user, penalty.StepInput{Action: penalty.Archive, Fields: map[string]string{"archive_number": n}})
}

// serial returns the next serial of agency's series in year, counted in
// last: a series continues from base in the year the story begins and
// starts again at 1 in a new year (a story told across 元旦).
func (l *loader) serial(last map[string]int, base map[string]int, agency string, year int) int {
	key := fmt.Sprintf("%s/%d", agency, year)
	if _, ok := last[key]; !ok && year == l.tl.days[0].Y {
		last[key] = base[agency]
	}
	last[key]++
	return last[key]
}

// short is the short name of an agency, the head of its 文号.
func short(agency string) string {
	for _, a := range agencySeeds {
		if a.key == agency {
			return a.short
		}
	}
	return agency
}

// particulars is the party's line of a 决定书 (处罚法 Art 59).
func (k *kase) particulars() string {
	p := k.party
	if p.Kind == zhifa.PartyOrganization {
		return fmt.Sprintf("当事人%s,统一社会信用代码 %s,住所%s,法定代表人%s", p.Name, p.IDNumber, p.Address, p.LegalRep)
	}
	return fmt.Sprintf("当事人%s,公民身份号码 %s,住址%s,联系电话 %s", p.Name, p.IDNumber, p.Address, p.Phone)
}

func (k *kase) openOpinion() map[string]string {
	var names []string
	for _, u := range k.officers {
		names = append(names, k.l.actors[u].Name)
	}
	return map[string]string{"opinion": "经审查,当事人涉嫌" + k.offence + ",有违法事实,属于本机关管辖,符合立案条件。同意立案,由" + strings.Join(names, "、") + "承办。"}
}

func (k *kase) inquiryRecord() map[string]string {
	subject := k.party.Name
	if k.party.Kind == zhifa.PartyOrganization {
		subject = k.party.LegalRep + "(" + k.party.Name + "法定代表人)"
	}
	return map[string]string{"subject": subject, "place": k.c.AgencyName + "询问室", "content": k.inquiry}
}

func (k *kase) notice() map[string]string {
	articles, rights, within, hearing := "第四十四条、第四十五条", "陈述、申辩的权利", "可在收到本告知书之日起三个工作日内提出陈述、申辩", "no"
	if k.hearingRight {
		articles += "、第六十三条、第六十四条"
		rights = "陈述、申辩和要求听证的权利"
		within += ",五个工作日内提出听证要求"
		hearing = "yes"
	}
	return map[string]string{
		"content": "经调查,你(单位)" + k.offence + "。依据" + k.basis + ",本机关拟作出行政处罚。根据《中华人民共和国行政处罚法》" + articles +
			"的规定,你(单位)享有" + rights + "," + within + ";逾期未提出的,视为放弃上述权利。",
		"proposed_penalty": k.penalty,
		"penalty_kind":     k.kind,
		"fine":             fmt.Sprint(k.fine),
		"gains":            fmt.Sprint(k.gains),
		"property_list":    k.property,
		"hearing_right":    hearing,
	}
}

func (k *kase) waiver() map[string]string {
	what := "陈述、申辩"
	if k.hearingRight {
		what = "陈述、申辩和听证"
	}
	hearing := "否"
	if k.hearingRight {
		hearing = "是"
	}
	return map[string]string{"waived": "是", "hearing_waived": hearing,
		"content": "当事人对拟处罚的事实、理由、依据及处罚内容无异议,在笔录中明确表示放弃" + what + "权利。"}
}

func (k *kase) statementRecord() map[string]string {
	requested := "否"
	if k.story.hearing != nil {
		requested = "是"
	}
	return map[string]string{"content": k.statement, "waived": "否", "hearing_requested": requested}
}

func (k *kase) materials() map[string]string {
	m := "立案审批表、现场检查笔录、询问笔录、证据材料、案件调查终结报告、行政处罚事先告知书及送达回证"
	switch {
	case k.waived:
		m += "、放弃陈述申辩笔录"
	case k.statement != "":
		m += "、陈述申辩笔录"
	}
	if k.story.hearing != nil {
		m += "、听证笔录及听证报告"
	}
	return map[string]string{"materials": m}
}

func (k *kase) delivery() map[string]string {
	recipient := k.party.Name
	if k.party.Kind == zhifa.PartyOrganization {
		recipient = k.party.LegalRep + "(法定代表人)"
	}
	switch k.serve {
	case "电子送达":
		return map[string]string{"method": k.serve, "recipient": recipient,
			"consent": "当事人已签署《送达地址确认书》,同意以手机短信方式接收电子送达的执法文书。"}
	case "邮寄送达":
		return map[string]string{"method": k.serve, "recipient": recipient + "(中国邮政 EMS 签收)"}
	}
	return map[string]string{"method": "直接送达", "recipient": recipient}
}

func (k *kase) execution() map[string]string {
	r := fmt.Sprintf("当事人已于%s通过陕西省非税收入缴款系统缴纳罚款 %d 元,电子缴款凭证附卷", cnDate(k.l.tl.today()), k.fine)
	if strings.Contains(k.kind, "没收非法财物") {
		r += ";没收的物品已登记造册,按规定移交处置"
	}
	return map[string]string{"result": r + "。", "method": "自觉履行"}
}

func (k *kase) closing() map[string]string {
	return map[string]string{"summary": fmt.Sprintf("本案于%s立案,经调查、告知、法制审核,于%s作出行政处罚决定(%s):%s。决定书已依法送达,当事人已全部履行。"+
		"案件事实清楚,证据确凿,程序合法,文书齐备,建议结案。",
		cnDate(calendar.DateOf(k.c.OpenedOn)), cnDate(calendar.DateOf(k.c.DecidedOn)), k.decision["number"], k.penalty)}
}

// cnDate writes d the way documents do: 2026年10月9日.
func cnDate(d calendar.Date) string { return fmt.Sprintf("%d年%d月%d日", d.Y, d.M, d.D) }

// newCases walks every story for l and returns the cases to tell, and
// how many working days the timeline needs: one for the registry, then
// enough for the longest story.
func newCases(l *loader) (cases []*kase, need int) {
	for i := range stories {
		k := &kase{story: &stories[i], l: l}
		k.moves = k.walk()
		need = max(need, 2+k.ago+k.moves[len(k.moves)-1].day)
		cases = append(cases, k)
	}
	return cases, need
}

// loadCases tells the cases on the timeline: each case's moves are placed
// so that its last one falls story.ago working days before the timeline's
// last day, then all moves run in time order, the clock moving forward with
// them through each working day.
func loadCases(ctx context.Context, l *loader, cases []*kase) error {
	type placed struct {
		move
		story, seq int
	}
	last := len(l.tl.days) - 1
	var all []placed
	for i, k := range cases {
		shift := last - k.ago - k.moves[len(k.moves)-1].day
		if shift < 1 {
			return fmt.Errorf("demo story %d (%s) starts before the timeline", i, k.summary)
		}
		for j, m := range k.moves {
			m.day += shift
			all = append(all, placed{m, i, j})
		}
	}
	slices.SortStableFunc(all, func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.seq, b.seq), cmp.Compare(a.story, b.story))
	})
	for i := 0; i < len(all); {
		n := 1
		for i+n < len(all) && all[i+n].day == all[i].day {
			n++
		}
		for j, p := range all[i : i+n] {
			l.tl.set(p.day, workMinute(p.day, j, n))
			if err := p.do(ctx, p.user); err != nil {
				return fmt.Errorf("demo case: %w", err)
			}
		}
		i += n
	}
	return loadSimpleCase(ctx, l)
}

// workMinute spreads n moves of a day over office hours: it returns the
// minute of the day of the j-th, between 08:40 and 12:00 or 14:30 and 17:50.
func workMinute(day, j, n int) int {
	gap := min(35, 400/n)
	m := (day*17)%25 + j*gap
	if m < 200 {
		return 8*60 + 40 + m
	}
	return 14*60 + 30 + min(m-200, 199)
}

// china is the zone of civil dates in China.
var china = time.FixedZone("CST", 8*3600)

// timeline is the story's time: the working days from at least sixty days
// before the demo's today up to the last working day before it, and the
// clock the service reads while the story is told. The clock only moves
// forward, so ledger events keep their order, and never passes the clock
// the service read when the load began (real).
type timeline struct {
	days   []calendar.Date
	now    time.Time
	real   time.Time
	anchor calendar.Date // the demo's today: real's civil date in China
}

// storyDays is how far back, at least, the story begins.
const storyDays = 60

// rewind sets svc's clock (and its database's) back to the first working
// day of a timeline of at least need working days ending before the demo's
// today (svc's clock) and starting on or before storyDays days earlier;
// restore puts svc's clock back. Errors: *calendar.MissingYearError when
// the timeline reaches a year whose calendar is not loaded.
func rewind(ctx context.Context, svc *service.Service, need int) (tl *timeline, restore func(), err error) {
	real := svc.Now()
	cal, err := svc.Calendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	today := calendar.DateOf(real.In(china))
	earliest := today.Add(-storyDays)
	tl = &timeline{real: real, anchor: today}
	// Back from yesterday, until there are enough days and the first of
	// them is no later than earliest (a holiday block at earliest moves the
	// start before it, never after).
	for d := today.Add(-1); len(tl.days) < need || tl.days[len(tl.days)-1].After(earliest); d = d.Add(-1) {
		work, err := cal.IsWorkday(d)
		if err != nil {
			return nil, nil, fmt.Errorf("演示数据的时间线(%s 至 %s):%w", earliest, today, err)
		}
		if work {
			tl.days = append(tl.days, d)
		}
	}
	slices.Reverse(tl.days)
	tl.set(0, 9*60)
	svcNow, dbNow := svc.Now, svc.DB.Now
	clock := func() time.Time { return tl.now }
	svc.Now, svc.DB.Now = clock, clock
	return tl, func() { svc.Now, svc.DB.Now = svcNow, dbNow }, nil
}

// set moves the clock to minute of the timeline's day, unless that is
// earlier than the clock already reads.
func (tl *timeline) set(day, minute int) {
	t := tl.days[day].Time(china).Add(time.Duration(minute) * time.Minute)
	if t.After(tl.real) {
		t = tl.real
	}
	if t.After(tl.now) {
		tl.now = t
	}
}

// today is the clock's civil date in China.
func (tl *timeline) today() calendar.Date { return calendar.DateOf(tl.now.In(china)) }

// workdaysBefore is the working day n working days before the clock's day
// (the timeline holds working days only).
func (tl *timeline) workdaysBefore(n int) calendar.Date {
	today := tl.today()
	i, _ := slices.BinarySearchFunc(tl.days, today, func(d, t calendar.Date) int { return d.Compare(t) })
	return tl.days[max(i-n, 0)]
}

// pdf returns a one-page PDF of lines, set in STSong-Light, the Chinese
// font every PDF reader provides: a stand-in for a scanned record.
func pdf(lines ...string) []byte {
	var text bytes.Buffer
	text.WriteString("BT /F1 12 Tf 18 TL 56 780 Td\n")
	for _, line := range lines {
		text.WriteString("<")
		for _, u := range utf16.Encode([]rune(line)) {
			fmt.Fprintf(&text, "%04X", u)
		}
		text.WriteString("> Tj T*\n")
	}
	text.WriteString("ET")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", text.Len(), text.String()),
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>",
		"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
