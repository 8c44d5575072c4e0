package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/demo"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/redact"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
)

// runBenchData fills a data directory with N published decisions for the
// portal's benchmarks (issue 17): `zhifa bench-data --data DIR
// --publications N`. The registry and the demo's people come first (the
// demo data, loaded as `zhifa demo` does, if the directory has none); then
// each decision is a closed case — its party's particulars encrypted as
// every case's are — and its publication, already masked and published,
// written through the store's own methods (Tx.CreateCase,
// Tx.CreatePublication) with one ledger event each, "case.bench_generated"
// and "publication.bench_generated", so that `zhifa verify` checks every
// generated row against the log like any other. The bulk path is the batch:
// benchBatch decisions per write transaction (one commit, one fsync),
// instead of one transaction per step of the procedure; the cases have no
// steps and hence no time limits to recompute. The events' type says the
// data is generated: it never mixes with real data unnoticed.
func runBenchData(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "bench-data", "bench-data --data 目录 --publications N [--db DSN] [--seed N]")
	c.register(fs, e, false)
	n := fs.Int("publications", 0, "生成的已公示执法决定条数")
	seed := fs.Uint64("seed", 17, "随机数种子(同一种子生成同样的数据)")
	cpuProfile := fs.String("cpuprofile", "", "将生成过程的 CPU 剖析写入此文件(go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *n <= 0 {
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("--publications(生成条数)须为正整数")}
	}
	db, err := c.openDB(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := c.useDataKeys(ctx, db); err != nil {
		return err
	}
	svc := service.New(db, newLogger(e), time.Now)
	blobDir, _ := c.blobDir()
	if err := svc.OpenBlobs(blobDir); err != nil {
		return err
	}
	if loaded, err := demo.Loaded(ctx, db); err != nil {
		return err
	} else if !loaded {
		fmt.Fprintln(e.stdout, "数据目录中没有机关与人员,先载入演示数据…")
		if _, err := demo.Load(ctx, svc); err != nil {
			return fmt.Errorf("载入演示数据: %w", err)
		}
	}
	g, err := newBenchGen(ctx, svc, *seed)
	if err != nil {
		return err
	}
	start := time.Now()
	for done := 0; done < *n; {
		k := min(benchBatch, *n-done)
		if err := db.Write(ctx, func(tx *store.Tx) error { return g.batch(tx, k) }); err != nil {
			return fmt.Errorf("生成第 %d 条起的执法决定: %w", done+1, err)
		}
		done += k
		if done%(benchBatch*20) == 0 || done == *n {
			el := time.Since(start)
			fmt.Fprintf(e.stdout, "已生成 %d / %d 条(%.0f 条/秒)\n", done, *n, float64(done)/el.Seconds())
		}
	}
	fmt.Fprintln(e.stdout, "正在更新查询统计信息(ANALYZE)…")
	if err := db.AnalyzeAfterBulk(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "完成:%d 条已公示的执法决定,用时 %s。\n", *n, time.Since(start).Round(time.Second))
	return nil
}

// benchBatch is the number of decisions written in one transaction.
const benchBatch = 500

// benchAgency is an agency that decisions are generated for.
type benchAgency struct {
	ag      *registry.Agency
	matters []*registry.Matter
	user    int64 // who registers its cases
	officer []int64
}

// benchGen generates decisions.
type benchGen struct {
	rnd      *rand.Rand
	agencies []benchAgency
	serial   int // numbers cases and decisions past those already there
}

func newBenchGen(ctx context.Context, svc *service.Service, seed uint64) (*benchGen, error) {
	g := &benchGen{rnd: rand.New(rand.NewPCG(seed, uint64(time.Now().UnixNano())))}
	ags, err := svc.Registry.Agencies(ctx)
	if err != nil {
		return nil, err
	}
	for _, ag := range ags {
		if ag.Supervisor {
			continue
		}
		id := ag.ID
		ms, err := svc.Registry.Matters(ctx, registry.MatterFilter{AgencyID: &id})
		if err != nil {
			return nil, err
		}
		us, err := svc.DB.FindUsers(ctx, identity.UserFilter{AgencyID: &id})
		if err != nil {
			return nil, err
		}
		os, err := svc.Registry.Officers(ctx, registry.OfficerFilter{AgencyID: &id})
		if err != nil {
			return nil, err
		}
		if len(ms) == 0 || len(us) == 0 || len(os) < 2 {
			continue
		}
		b := benchAgency{ag: ag, matters: ms, user: us[0].ID}
		for _, o := range os {
			b.officer = append(b.officer, o.ID)
		}
		g.agencies = append(g.agencies, b)
	}
	if len(g.agencies) == 0 {
		return nil, fmt.Errorf("数据目录中没有带执法事项、用户和执法人员的执法机关")
	}
	_, n, err := svc.DB.FindPublications(ctx, publicity.PublicationFilter{Limit: 1})
	if err != nil {
		return nil, err
	}
	g.serial = n + 100000
	return g, nil
}

// batch writes k decisions in tx.
func (g *benchGen) batch(tx *store.Tx, k int) error {
	for range k {
		c, p := g.decision()
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		if _, err := tx.Record(ledger.Event{Type: "case.bench_generated", Object: c.Object(), Actor: zhifa.Actor{UserID: c.RegisteredBy}.Ref(),
			Agency: strconv.FormatInt(c.AgencyID, 10), Attrs: map[string]string{"generator": "zhifa bench-data"}}); err != nil {
			return err
		}
		p.CaseID = c.ID
		if err := tx.CreatePublication(p); err != nil {
			return err
		}
		if _, err := tx.Record(ledger.Event{Type: "publication.bench_generated", Object: "publication/" + strconv.FormatInt(p.ID, 10),
			Actor: zhifa.Actor{UserID: c.RegisteredBy}.Ref(), Agency: strconv.FormatInt(c.AgencyID, 10),
			Attrs: map[string]string{"case": strconv.FormatInt(c.ID, 10), "generator": "zhifa bench-data"}}); err != nil {
			return err
		}
	}
	return nil
}

func (g *benchGen) pick(xs []string) string { return xs[g.rnd.IntN(len(xs))] }

// zipf picks an index of n items, the first ones far more often: some
// words are common, others rare, as in real decisions.
func (g *benchGen) zipf(n int) int {
	for {
		i := int(float64(n) * g.rnd.Float64() * g.rnd.Float64() * g.rnd.Float64())
		if i < n {
			return i
		}
	}
}

var (
	benchSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"}
	benchGiven    = []string{"建国", "志强", "晓燕", "海波", "丽娟", "国庆", "秀英", "明", "伟", "芳", "军", "磊", "静", "勇", "婷", "德华", "春梅", "文斌"}
	benchTowns    = []string{"城关镇", "涧池镇", "蒲溪镇", "平梁镇", "双乳镇", "铁佛寺镇", "漩涡镇", "汉阳镇", "双河口镇", "观音河镇"}
	benchStreets  = []string{"三元路", "北城街", "新民街", "东大街", "凤台路", "文化路", "南街", "西街", "月河路", "滨河路"}
	benchFirms    = []string{"商贸有限公司", "食品有限公司", "农业专业合作社", "建材经营部", "运输有限公司", "餐饮店", "超市", "药店", "加油站", "汽车修理厂", "养殖场", "服装店"}
	benchFirmName = []string{"汉阴县", "安康市", "汉阴", "月河", "凤凰", "秦巴", "汉江", "双河", "龙岗", "金桥", "顺达", "兴隆", "鑫源", "永盛"}
	// benchGoods run from common to rare (zipf): "食品" is everywhere,
	// "蜂蜜" in one decision of many thousands.
	benchGoods = []string{"预包装食品", "散装白酒", "食用植物油", "大米", "猪肉", "蔬菜", "饮料", "调味品", "乳制品", "糕点", "腊肉", "魔芋制品",
		"茶叶", "农药", "化肥", "兽药", "种子", "药品", "医疗器械", "化妆品", "电线电缆", "建筑钢材", "水泥", "电动自行车", "儿童玩具", "燃气灶具",
		"液化石油气", "成品油", "眼镜", "计量器具", "富硒茶", "香菇木耳", "核桃", "蜂蜜", "桑蚕丝被", "油菜籽"}
	benchActs = []string{"销售超过保质期的%s", "经营标签不符合规定的%s", "未按规定查验供货者许可证和%s合格证明文件", "生产经营不符合食品安全标准的%s",
		"销售掺杂掺假的%s", "以不合格%s冒充合格产品销售", "未取得许可擅自从事%s经营活动", "使用未经检定的计量器具经营%s", "虚假宣传%s的功效",
		"未建立%s进货查验记录制度"}
	benchBases = []string{"《中华人民共和国食品安全法》第一百二十四条第一款第(五)项", "《中华人民共和国食品安全法》第一百二十六条第一款第(三)项",
		"《中华人民共和国产品质量法》第五十条", "《中华人民共和国计量法》第二十七条", "《中华人民共和国反不正当竞争法》第二十条",
		"《中华人民共和国广告法》第五十五条第一款", "《中华人民共和国药品管理法》第一百一十七条第二款", "《农药管理条例》第五十六条",
		"《中华人民共和国安全生产法》第九十九条", "《城市市容和环境卫生管理条例》第三十六条", "《中华人民共和国道路运输条例》第六十三条"}
	benchCategories = []string{registry.MatterPenalty, registry.MatterPenalty, registry.MatterPenalty, registry.MatterPenalty, registry.MatterPenalty,
		registry.MatterPenalty, registry.MatterPenalty, registry.MatterPenalty, "行政强制", "行政检查"}
)

func (g *benchGen) personName() string { return g.pick(benchSurnames) + g.pick(benchGiven) }

// residentID is a valid synthetic 身份证号 of 汉阴县 (610921).
func (g *benchGen) residentID() string {
	y := 1955 + g.rnd.IntN(50)
	s := fmt.Sprintf("610921%04d%02d%02d%03d", y, 1+g.rnd.IntN(12), 1+g.rnd.IntN(28), g.rnd.IntN(1000))
	return s + string(idcode.ResidentCheckDigit(s))
}

// creditCode is a valid synthetic 统一社会信用代码 of a company of the county.
func (g *benchGen) creditCode() string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	var b strings.Builder
	b.WriteString("91610921")
	for range 9 {
		b.WriteByte(chars[g.rnd.IntN(len(chars))])
	}
	s := b.String()
	return s + string(idcode.CreditCheckChar(s))
}

// decision generates one closed case and its published decision.
func (g *benchGen) decision() (*zhifa.Case, *publicity.Publication) {
	a := &g.agencies[g.rnd.IntN(len(g.agencies))]
	m := a.matters[g.rnd.IntN(len(a.matters))]
	g.serial++
	// Decisions over six years up to last month, more in recent years.
	days := int(2190 * (1 - g.rnd.Float64()*g.rnd.Float64()))
	decided := zhifa.CivilDate(time.Date(2020, 12, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days))
	y := decided.Year()
	town, street := g.pick(benchTowns), g.pick(benchStreets)
	var party zhifa.Party
	if g.rnd.IntN(3) == 0 {
		party = zhifa.Party{Kind: zhifa.PartyPerson, Name: g.personName(), IDNumber: g.residentID(),
			Phone:   fmt.Sprintf("1%d%09d", 3+g.rnd.IntN(7), g.rnd.IntN(1000000000)),
			Address: fmt.Sprintf("陕西省安康市汉阴县%s%s%d号%d单元%d室", town, street, 1+g.rnd.IntN(200), 1+g.rnd.IntN(4), 101+g.rnd.IntN(1500))}
	} else {
		party = zhifa.Party{Kind: zhifa.PartyOrganization, Name: g.pick(benchFirmName) + g.pick(benchFirmName) + g.pick(benchFirms),
			IDNumber: g.creditCode(), LegalRep: g.personName(), Address: fmt.Sprintf("陕西省安康市汉阴县%s%s%d号", town, street, 1+g.rnd.IntN(300))}
	}
	c := &zhifa.Case{AgencyID: a.ag.ID, AgencyName: a.ag.Name, Number: fmt.Sprintf("%s案〔%d〕B%d号", a.ag.ShortName, y, g.serial),
		MatterID: m.ID, Stage: string(penalty.Closed), Source: "日常检查", Summary: "执法人员在日常检查中发现当事人涉嫌违法,依法立案调查。", Party: party,
		HandlerIDs: []int64{a.officer[0], a.officer[1]}, RegisteredBy: a.user, OpenedOn: decided.AddDate(0, 0, -30-g.rnd.IntN(40)), DecidedOn: decided}

	goods := benchGoods[g.zipf(len(benchGoods))]
	act := fmt.Sprintf(g.pick(benchActs), goods)
	amount := (1 + g.rnd.IntN(200)) * 50
	income := g.rnd.IntN(3) * (100 + g.rnd.IntN(5000))
	fine := int64(0)
	kind := "警告"
	category := g.pick(benchCategories)
	switch r := g.rnd.IntN(10); {
	case category != registry.MatterPenalty:
		kind = map[string]string{"行政强制": "查封、扣押", "行政检查": "责令改正"}[category]
	case r < 7:
		kind, fine = "罚款", int64(1000*(1+g.rnd.IntN(100)))
	case r < 9:
		kind, fine = "没收违法所得、罚款", int64(500*(1+g.rnd.IntN(200)))
	}
	var partyRef string
	if party.Kind == zhifa.PartyPerson {
		partyRef = "当事人" + party.Name
	} else {
		partyRef = "当事人" + party.Name + "(法定代表人" + party.LegalRep + ")"
	}
	checked := decided.AddDate(0, 0, -45-g.rnd.IntN(30))
	var facts strings.Builder
	fmt.Fprintf(&facts, "%d年%d月%d日,%s执法人员依法对位于汉阴县%s%s的%s经营场所进行检查,发现%s%s,现场查获涉案%s共计%d件(箱)。",
		checked.Year(), checked.Month(), checked.Day(), a.ag.Name, town, street, partyRef, partyRef, act, goods, 1+g.rnd.IntN(80))
	fmt.Fprintf(&facts, "经立案调查查明:当事人自%d年%d月起从%s购进上述%s,进货单价%d元,销售单价%d元,截至案发时已销售%d件,货值金额%d元,违法所得%d元。",
		checked.Year(), checked.Month(), g.pick(benchFirmName)+g.pick(benchFirms), goods, amount/10+5, amount/8+9, g.rnd.IntN(60), amount, income)
	for i, n := 0, 1+g.rnd.IntN(4); i < n; i++ {
		facts.WriteString(g.pick([]string{
			"上述事实有现场检查笔录、询问笔录、当事人营业执照复印件、进货票据、销售记录、现场照片及执法记录仪视频等证据为证,证据确实充分。",
			"当事人在陈述申辩期内未提出陈述、申辩意见,亦未申请听证。",
			"当事人在陈述申辩中称系初次违法且货值金额较小,本机关经复核认为其申辩理由部分成立,依法予以采纳。",
			"本案经本机关法制审核机构审核,认为事实清楚、证据确凿、定性准确、适用依据正确、程序合法、处罚适当。",
			"当事人积极配合调查,主动下架并封存涉案产品,如实陈述违法事实,具有从轻处罚情节。",
			"检验报告显示涉案产品的标签标识、净含量等项目不符合国家标准的规定,检验结论为不合格。",
			"当事人的上述行为违反了相关法律法规的规定,事实清楚,证据确凿,依法应当予以行政处罚。",
		}))
	}
	basis := g.pick(benchBases)
	var penalty string
	switch kind {
	case "罚款":
		penalty = fmt.Sprintf("依据%s的规定,决定对当事人处以罚款人民币%d元。", basis, fine)
	case "没收违法所得、罚款":
		penalty = fmt.Sprintf("依据%s的规定,决定没收当事人违法所得人民币%d元,并处罚款人民币%d元。", basis, income, fine)
	case "警告":
		penalty = "依据" + basis + "的规定,决定对当事人给予警告,并责令立即改正违法行为。"
	default:
		penalty = "依据" + basis + "的规定,决定" + kind + "涉案" + goods + ",责令当事人限期改正。"
	}
	pol, _ := redact.PolicyFor("处罚")
	known := redact.Known{PartyName: party.Name, PartyIDNumber: party.IDNumber, PartyPhone: party.Phone, PartyAddress: party.Address}
	if party.Kind == zhifa.PartyOrganization {
		known = redact.Known{Keep: []string{party.Name, party.IDNumber, party.LegalRep}}
	}
	var reports []string
	mask := func(field, s string) string {
		out, rep := redact.Redact(s, pol, known)
		reports = append(reports, field+":"+rep.Digest())
		return out
	}
	published := decided.AddDate(0, 0, 1+g.rnd.IntN(6)).Add(time.Duration(9+g.rnd.IntN(8)) * time.Hour)
	p := &publicity.Publication{AgencyID: a.ag.ID, AgencyName: a.ag.Name, Category: category,
		Number: fmt.Sprintf("%s罚〔%d〕B%d号", a.ag.ShortName, y, g.serial), PartyKind: party.Kind,
		Facts: mask("facts", facts.String()), Basis: basis, PenaltyKind: kind, Penalty: mask("penalty", penalty), Fine: fine,
		Payment:   "当事人应自收到本决定书之日起十五日内,到指定银行或者通过电子支付系统缴纳罚没款。",
		Remedy:    "当事人如不服本处罚决定,可以在收到本决定书之日起六十日内依法申请行政复议,或者在六个月内依法向人民法院提起行政诉讼。",
		DecidedOn: decided, DueOn: decided.AddDate(0, 0, 9), Status: publicity.StatusPublished, PublishedAt: published.UTC(),
	}
	if party.Kind == zhifa.PartyOrganization {
		p.PartyName, p.PartyIDNo, p.LegalRep, p.Address = party.Name, party.IDNumber, party.LegalRep, party.Address
	} else {
		p.PartyName, _ = redact.Redact(party.Name, pol, redact.Known{PartyName: party.Name})
		p.PartyIDNo = redact.MaskValue(redact.KindID, party.IDNumber)
		p.PartyPhone = redact.MaskValue(redact.KindMobile, party.Phone)
		p.Address = redact.MaskValue(redact.KindAddress, party.Address)
	}
	p.Report, _ = ledger.ContentDigest(reports)
	return c, p
}
