package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
)

// officerSeed is a 执法人员 and his or her 执法证. Certificate numbers follow
// one scheme: 汉阴县 region code 610921, a two-digit department code (市监 11,
// 城管 12, 自然资源 13, 交通 14, 卫健 15, 农业 16, 应急 17) and a three-digit
// serial.
type officerSeed struct {
	agency string // key in agencySeeds
	user   string // username of the demo user who is this officer; "" for none
	name   string
	gender string
	post   string // 职务
	certNo string
	// The certificate was issued on day of the month issued months before
	// the demo's today, for certTerm: validity moves with the demo's date,
	// so that every certificate is in the same state on any day.
	issued, day int
	status      string // "" is 有效
	legal       bool   // 法律职业资格, held by every reviewer
}

// officerCategory is the 执法类别 of each department's certificates.
var officerCategory = map[string]string{
	"scj": "市场监管",
	"cgj": "城市管理",
	"zrj": "自然资源",
	"jtj": "交通运输",
	"wjj": "卫生健康",
	"nyj": "农业农村",
	"yjj": "应急管理",
}

// certTerm is the validity of a 执法证 in years, the last day being the day
// before the anniversary of its issue.
const certTerm = 5

// certValidity is the validity of s's certificate, both days included, for a
// demo whose today is today.
func (s officerSeed) certValidity(today calendar.Date) (from, to zhifa.Date) {
	f := time.Date(today.Y, today.M-time.Month(s.issued), s.day, 0, 0, 0, 0, time.UTC)
	return zhifa.DateFromTime(f), zhifa.DateFromTime(f.AddDate(certTerm, 0, -1))
}

// officerSeeds holds the officers of every enforcement agency. Those linked
// to a demo user hold certificates issued one to three years before today
// and valid for years after it, so that the demo can register and decide
// cases; the others show the public verification page
// (/verify/officer/{cert}) in every state: 钱卫东 and 贾志远 let their
// certificates lapse over a year ago (已过期), 孔德明's was revoked when he left
// enforcement (注销), and 石磊's is suspended (暂扣).
var officerSeeds = []officerSeed{
	{"scj", "scj-zhifa1", "王志强", registry.GenderMale, "执法稽查大队科员", "61092111001", 33, 1, "", false},
	{"scj", "scj-zhifa2", "李晓燕", registry.GenderFemale, "食品安全监督管理股一级科员", "61092111002", 33, 1, "", false},
	{"scj", "scj-zhifa3", "赵立新", registry.GenderMale, "产品质量安全监督管理股四级主任科员", "61092111003", 27, 1, "", false},
	{"scj", "scj-kezhang", "刘德华", registry.GenderMale, "执法稽查大队大队长", "61092111004", 33, 1, "", false},
	{"scj", "scj-fazhi", "周敏", registry.GenderFemale, "法规股股长", "61092111005", 23, 10, "", true},
	{"scj", "", "钱卫东", registry.GenderMale, "食品安全监督管理股副股长", "61092111006", 77, 1, "", false},
	{"scj", "", "徐慧敏", registry.GenderFemale, "城关市场监督管理所科员", "61092111007", 18, 1, "", false},

	{"cgj", "cgj-zhifa1", "杨帆", registry.GenderMale, "城市管理综合执法大队队员", "61092112001", 31, 1, "", false},
	{"cgj", "cgj-zhifa2", "吴磊", registry.GenderMale, "城市管理综合执法大队队员", "61092112002", 31, 1, "", false},
	{"cgj", "cgj-kezhang", "郑凯", registry.GenderMale, "城市管理综合执法大队副大队长", "61092112003", 25, 1, "", false},
	{"cgj", "cgj-fazhi", "冯丽", registry.GenderFemale, "政策法规股股长", "61092112004", 20, 1, "", true},
	{"cgj", "", "孔德明", registry.GenderMale, "城市管理综合执法大队队员", "61092112005", 55, 1, registry.OfficerRevoked, false},
	{"cgj", "", "刘婷", registry.GenderFemale, "市容环境卫生管理股科员", "61092112006", 31, 1, "", false},

	{"zrj", "zrj-zhifa1", "陈明辉", registry.GenderMale, "自然资源执法监察大队科员", "61092113001", 32, 1, "", false},
	{"zrj", "zrj-zhifa2", "黄静", registry.GenderFemale, "自然资源执法监察大队科员", "61092113002", 32, 1, "", false},
	{"zrj", "zrj-kezhang", "马建军", registry.GenderMale, "自然资源执法监察大队大队长", "61092113003", 32, 1, "", false},
	{"zrj", "zrj-fazhi", "高雅琴", registry.GenderFemale, "政策法规股股长", "61092113004", 22, 15, "", true},
	{"zrj", "", "张永福", registry.GenderMale, "矿产资源管理股股长", "61092113005", 26, 8, "", false},

	{"jtj", "jtj-zhifa1", "谢宏伟", registry.GenderMale, "交通运输综合执法大队队员", "61092114001", 30, 1, "", false},
	{"jtj", "jtj-zhifa2", "唐晓丽", registry.GenderFemale, "交通运输综合执法大队队员", "61092114002", 30, 1, "", false},
	{"jtj", "jtj-kezhang", "韩志刚", registry.GenderMale, "交通运输综合执法大队大队长", "61092114003", 30, 1, "", false},
	{"jtj", "jtj-fazhi", "曹颖", registry.GenderFemale, "法规股股长", "61092114004", 21, 1, "", true},
	{"jtj", "", "石磊", registry.GenderMale, "路政执法中队队员", "61092114005", 30, 1, registry.OfficerSuspended, false},

	{"wjj", "wjj-zhifa1", "许丹", registry.GenderFemale, "卫生健康综合监督执法大队科员", "61092115001", 29, 1, "", false},
	{"wjj", "wjj-zhifa2", "彭浩", registry.GenderMale, "卫生健康综合监督执法大队科员", "61092115002", 29, 1, "", false},
	{"wjj", "wjj-kezhang", "袁春梅", registry.GenderFemale, "卫生健康综合监督执法大队大队长", "61092115003", 29, 1, "", false},
	{"wjj", "wjj-fazhi", "蒋立平", registry.GenderMale, "政策法规股股长", "61092115004", 19, 1, "", true},
	{"wjj", "", "潘晓东", registry.GenderMale, "医政医管股科员", "61092115005", 29, 1, "", false},

	{"nyj", "", "田新民", registry.GenderMale, "农业综合行政执法大队大队长", "61092116001", 28, 1, "", false},
	{"nyj", "", "程丽娟", registry.GenderFemale, "农业综合行政执法大队队员", "61092116002", 28, 1, "", true},
	{"nyj", "", "贾志远", registry.GenderMale, "农业综合行政执法大队队员", "61092116003", 73, 1, "", false},

	{"yjj", "", "魏长江", registry.GenderMale, "应急管理综合行政执法大队大队长", "61092117001", 27, 1, "", false},
	{"yjj", "", "方晓雨", registry.GenderFemale, "应急管理综合行政执法大队队员", "61092117002", 27, 1, "", false},
	{"yjj", "", "崔海军", registry.GenderMale, "安全生产基础股科员", "61092117003", 15, 1, "", false},
}

// matterSeed is a 执法事项 of an agency's 权责清单.
type matterSeed struct {
	agency    string // key in agencySeeds
	code      string
	name      string
	category  string
	basis     string // exact article citations of the law in force
	kinds     []string
	procedure string
	timeLimit string
	unit      string // 承办机构
}

// Procedures and time limits shared by many matters. A penalty decision is
// due within 90 days of 立案 (《中华人民共和国行政处罚法》第六十条); a licence
// within 20 working days (《中华人民共和国行政许可法》第四十二条).
const (
	procPenalty  = "一般程序:立案—调查取证—审查—告知(陈述、申辩、听证)—法制审核(重大执法决定)—决定—送达—执行"
	procLicence  = "申请—受理—审查(必要时现场核查)—决定—制证送达"
	procInspect  = "随机抽取检查对象和执法人员—出示执法证件—现场检查—制作检查记录—结果公示"
	limitPenalty = "立案之日起90日"
	limitLicence = "受理之日起20个工作日"
	limitInspect = "按年度检查计划实施,现场检查当日出具检查记录"
)

// matterSeeds holds each enforcement agency's 权责清单. Citations follow the
// texts in force: the 2021 安全生产法, the 2019 土地管理法, the 2024 revision
// of the 矿产资源法 (in force since 2025-07-01, which moved unlicensed mining
// from 第三十九条 to 第六十四条) and the 2023 revision of the 道路运输条例.
var matterSeeds = []matterSeed{
	{"scj", "SCJ-CF-001", "对生产经营不符合食品安全标准的食品的行政处罚", registry.MatterPenalty,
		"《中华人民共和国食品安全法》第一百二十四条",
		[]string{"没收违法所得", "没收非法财物", "罚款", "吊销许可证件"}, procPenalty, limitPenalty, "食品安全监督管理股"},
	{"scj", "SCJ-CF-002", "对未取得食品生产经营许可从事食品生产经营活动的行政处罚", registry.MatterPenalty,
		"《中华人民共和国食品安全法》第一百二十二条第一款",
		[]string{"没收违法所得", "没收非法财物", "罚款"}, procPenalty, limitPenalty, "执法稽查大队"},
	{"scj", "SCJ-CF-003", "对食品生产经营者未按规定建立并遵守进货查验记录制度等行为的行政处罚", registry.MatterPenalty,
		"《中华人民共和国食品安全法》第一百二十六条第一款",
		[]string{"警告", "罚款", "责令停产停业", "吊销许可证件"}, procPenalty, limitPenalty, "食品安全监督管理股"},
	{"scj", "SCJ-CF-004", "对生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的行政处罚", registry.MatterPenalty,
		"《中华人民共和国产品质量法》第四十九条",
		[]string{"没收非法财物", "罚款", "没收违法所得", "吊销许可证件"}, procPenalty, limitPenalty, "产品质量安全监督管理股"},
	{"scj", "SCJ-CF-005", "对发布虚假广告的行政处罚", registry.MatterPenalty,
		"《中华人民共和国广告法》第五十五条",
		[]string{"罚款", "没收违法所得", "吊销许可证件"}, procPenalty, limitPenalty, "执法稽查大队"},
	{"scj", "SCJ-JC-001", "对食品生产经营者遵守食品安全法律法规情况的监督检查", "行政检查",
		"《中华人民共和国食品安全法》第一百一十条",
		nil, procInspect, limitInspect, "食品安全监督管理股"},

	{"cgj", "CGJ-CF-001", "对随地吐痰、乱扔废弃物、乱涂写张贴、不按规定倾倒垃圾等影响市容和环境卫生行为的行政处罚", registry.MatterPenalty,
		"《城市市容和环境卫生管理条例》第三十四条",
		[]string{"警告", "罚款"}, "简易程序(当场处罚)或一般程序", limitPenalty, "城市管理综合执法大队"},
	{"cgj", "CGJ-CF-002", "对擅自设置大型户外广告或者擅自在街道两侧和公共场地堆放物料、搭建设施的行政处罚", registry.MatterPenalty,
		"《城市市容和环境卫生管理条例》第三十六条",
		[]string{"罚款"}, procPenalty, limitPenalty, "城市管理综合执法大队"},
	{"cgj", "CGJ-CF-003", "对未取得建设工程规划许可证或者未按照许可证的规定进行建设的行政处罚", registry.MatterPenalty,
		"《中华人民共和国城乡规划法》第六十四条",
		[]string{"罚款", "没收非法财物", "没收违法所得"}, procPenalty, limitPenalty, "城市管理综合执法大队"},
	{"cgj", "CGJ-CF-004", "对在禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地的行政处罚", registry.MatterPenalty,
		"《中华人民共和国大气污染防治法》第一百一十八条第三款",
		[]string{"没收非法财物", "没收违法所得", "罚款"}, procPenalty, limitPenalty, "城市管理综合执法大队"},
	{"cgj", "CGJ-XK-001", "设置大型户外广告审批", "行政许可",
		"《城市市容和环境卫生管理条例》第十一条第二款",
		nil, procLicence, limitLicence, "市容环境卫生管理股"},

	{"zrj", "ZRJ-CF-001", "对未经批准或者采取欺骗手段骗取批准非法占用土地的行政处罚", registry.MatterPenalty,
		"《中华人民共和国土地管理法》第七十七条",
		[]string{"没收非法财物", "罚款"}, procPenalty, limitPenalty, "自然资源执法监察大队"},
	{"zrj", "ZRJ-CF-002", "对买卖或者以其他形式非法转让土地的行政处罚", registry.MatterPenalty,
		"《中华人民共和国土地管理法》第七十四条",
		[]string{"没收违法所得", "没收非法财物", "罚款"}, procPenalty, limitPenalty, "自然资源执法监察大队"},
	{"zrj", "ZRJ-CF-003", "对占用耕地建窑、建坟或者擅自在耕地上建房、挖砂、采石、采矿、取土等破坏种植条件的行政处罚", registry.MatterPenalty,
		"《中华人民共和国土地管理法》第七十五条",
		[]string{"罚款"}, procPenalty, limitPenalty, "自然资源执法监察大队"},
	{"zrj", "ZRJ-CF-004", "对未取得采矿权开采矿产资源的行政处罚", registry.MatterPenalty,
		"《中华人民共和国矿产资源法》第六十四条",
		[]string{"没收非法财物", "罚款", "责令停产停业", "吊销许可证件"}, procPenalty, limitPenalty, "自然资源执法监察大队"},
	{"zrj", "ZRJ-JC-001", "对违反土地管理法律、法规行为的监督检查", "行政检查",
		"《中华人民共和国土地管理法》第六十七条、第六十八条",
		nil, procInspect, limitInspect, "自然资源执法监察大队"},

	{"jtj", "JTJ-CF-001", "对未取得道路运输经营许可擅自从事道路运输经营的行政处罚", registry.MatterPenalty,
		"《中华人民共和国道路运输条例》第六十三条",
		[]string{"没收违法所得", "罚款"}, procPenalty, limitPenalty, "交通运输综合执法大队"},
	{"jtj", "JTJ-CF-002", "对擅自占用、挖掘公路或者从事危及公路安全的作业等行为的行政处罚", registry.MatterPenalty,
		"《中华人民共和国公路法》第七十六条",
		[]string{"罚款"}, procPenalty, limitPenalty, "路政执法中队"},
	{"jtj", "JTJ-CF-003", "对在公路建筑控制区内修建建筑物、地面构筑物或者擅自埋设管线、电缆等设施的行政处罚", registry.MatterPenalty,
		"《中华人民共和国公路法》第八十一条",
		[]string{"罚款"}, procPenalty, limitPenalty, "路政执法中队"},
	{"jtj", "JTJ-CF-004", "对车辆超限在公路上行驶的行政处罚", registry.MatterPenalty,
		"《公路安全保护条例》第六十四条",
		[]string{"罚款"}, procPenalty, limitPenalty, "路政执法中队"},
	{"jtj", "JTJ-JC-001", "对公路法律、法规执行情况的监督检查", "行政检查",
		"《中华人民共和国公路法》第六十九条、第七十一条",
		nil, procInspect, limitInspect, "交通运输综合执法大队"},

	{"wjj", "WJJ-CF-001", "对公共场所经营单位卫生质量不符合国家卫生标准和要求继续营业、未取得卫生许可证擅自营业等行为的行政处罚", registry.MatterPenalty,
		"《公共场所卫生管理条例》第十四条",
		[]string{"警告", "罚款", "责令停产停业", "吊销许可证件"}, procPenalty, limitPenalty, "卫生健康综合监督执法大队"},
	{"wjj", "WJJ-CF-002", "对未取得医疗机构执业许可证擅自执业的行政处罚", registry.MatterPenalty,
		"《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款",
		[]string{"没收违法所得", "没收非法财物", "罚款"}, procPenalty, limitPenalty, "卫生健康综合监督执法大队"},
	{"wjj", "WJJ-CF-003", "对非医师行医的行政处罚", registry.MatterPenalty,
		"《中华人民共和国医师法》第五十九条",
		[]string{"没收违法所得", "没收非法财物", "罚款"}, procPenalty, limitPenalty, "卫生健康综合监督执法大队"},
	{"wjj", "WJJ-XK-001", "公共场所卫生许可", "行政许可",
		"《公共场所卫生管理条例》第四条、第八条",
		nil, procLicence, limitLicence, "公共卫生股"},

	{"nyj", "NYJ-CF-001", "对未取得农药经营许可证经营农药、经营假农药或者在农药中添加物质的行政处罚", registry.MatterPenalty,
		"《农药管理条例》第五十五条",
		[]string{"没收违法所得", "没收非法财物", "罚款", "吊销许可证件"}, procPenalty, limitPenalty, "农业综合行政执法大队"},
	{"nyj", "NYJ-CF-002", "对农药经营者经营劣质农药的行政处罚", registry.MatterPenalty,
		"《农药管理条例》第五十六条",
		[]string{"没收违法所得", "没收非法财物", "罚款", "吊销许可证件"}, procPenalty, limitPenalty, "农业综合行政执法大队"},
	{"nyj", "NYJ-CF-003", "对农药使用者不按照标签使用农药、使用禁用的农药等行为的行政处罚", registry.MatterPenalty,
		"《农药管理条例》第六十条",
		[]string{"罚款", "没收非法财物"}, procPenalty, limitPenalty, "农业综合行政执法大队"},
	{"nyj", "NYJ-XK-001", "农药经营许可", "行政许可",
		"《农药管理条例》第二十四条",
		nil, procLicence, "受理之日起20个工作日(《农药管理条例》第二十四条)", "种植业管理股"},

	{"yjj", "YJJ-CF-001", "对生产经营单位未按照规定设置安全生产管理机构、未按照规定对从业人员进行安全生产教育和培训等行为的行政处罚", registry.MatterPenalty,
		"《中华人民共和国安全生产法》第九十七条",
		[]string{"罚款", "责令停产停业"}, procPenalty, limitPenalty, "应急管理综合行政执法大队"},
	{"yjj", "YJJ-CF-002", "对生产经营单位未设置安全警示标志、安全设备不符合标准或者未经常性维护保养等行为的行政处罚", registry.MatterPenalty,
		"《中华人民共和国安全生产法》第九十九条",
		[]string{"罚款", "责令停产停业"}, procPenalty, limitPenalty, "应急管理综合行政执法大队"},
	{"yjj", "YJJ-CF-003", "对生产经营单位未建立事故隐患排查治理制度等行为的行政处罚", registry.MatterPenalty,
		"《中华人民共和国安全生产法》第一百零一条",
		[]string{"罚款", "责令停产停业"}, procPenalty, limitPenalty, "应急管理综合行政执法大队"},
	{"yjj", "YJJ-CF-004", "对生产经营单位未采取措施消除事故隐患的行政处罚", registry.MatterPenalty,
		"《中华人民共和国安全生产法》第一百零二条",
		[]string{"罚款", "责令停产停业"}, procPenalty, limitPenalty, "应急管理综合行政执法大队"},
	{"yjj", "YJJ-JC-001", "对生产经营单位执行安全生产法律、法规和国家标准或者行业标准情况的监督检查", "行政检查",
		"《中华人民共和国安全生产法》第六十五条",
		nil, procInspect, limitInspect, "应急管理综合行政执法大队"},
}

// loadOfficers registers the officers, their certificates' validity
// counted from the demo's today, and returns the officer id of each demo
// user who is one, by username, and of every officer by certificate number.
func loadOfficers(ctx context.Context, svc *service.Service, agencies map[string]int64, today calendar.Date) (byUser, byCert map[string]int64, err error) {
	byUser, byCert = map[string]int64{}, map[string]int64{}
	for _, s := range officerSeeds {
		from, to := s.certValidity(today)
		o := &registry.Officer{AgencyID: agencies[s.agency], Name: s.name, Gender: s.gender, Post: s.post, CertNo: s.certNo,
			Category: officerCategory[s.agency], ValidFrom: from, ValidTo: to, Status: s.status, LegalQualification: s.legal}
		if err := svc.CreateOfficer(ctx, zhifa.Console, o); err != nil {
			return nil, nil, fmt.Errorf("demo officer %s: %w", s.certNo, err)
		}
		if s.user != "" {
			byUser[s.user] = o.ID
		}
		byCert[s.certNo] = o.ID
	}
	return byUser, byCert, nil
}

// loadMatters publishes each agency's 权责清单 and returns the matter ids
// by code.
func loadMatters(ctx context.Context, svc *service.Service, agencies map[string]int64) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, s := range matterSeeds {
		m := &registry.Matter{AgencyID: agencies[s.agency], Code: s.code, Name: s.name, Category: s.category, Basis: s.basis,
			PenaltyKinds: s.kinds, Procedure: s.procedure, TimeLimit: s.timeLimit, Unit: s.unit}
		if err := svc.CreateMatter(ctx, zhifa.Console, m); err != nil {
			return nil, fmt.Errorf("demo matter %s: %w", s.code, err)
		}
		ids[s.code] = m.ID
	}
	return ids, nil
}
