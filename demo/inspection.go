package demo

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/inspection"
)

// The 行政检查 of the demo (package inspection), for 汉阴县市场监督管理局:
// two published items of its 检查事项清单 (one in its second version) and a
// draft, a directory of eight enterprises imported from an Excel workbook,
// an approved plan with a published 双随机 draw, and inspections in several
// stages: started, notified, inspected, one referred to a penalty case and
// published, one clean and published, and a repeated inspection that shows
// the warning.

// inspectionReferrals is how many penalty cases the demo's inspections
// open (案源登记 from a finding), beside the stories of cases.go.
const inspectionReferrals = 1

// inspectionObjects are the demo's inspection objects (organisations only).
var inspectionObjects = []struct{ kind, name, org, address, industry string }{
	{"企业", "汉阴县城关镇好再来餐馆", "MA7G1A2B3", "汉阴县城关镇和平路 12 号", "餐饮服务"},
	{"企业", "汉阴县月河食品有限公司", "MA7G1A2C4", "汉阴县涧池镇月河路 3 号", "食品生产"},
	{"个体工商户", "汉阴县平梁镇惠民超市", "MA7G1A2D5", "汉阴县平梁镇街道 45 号", "食品销售"},
	{"企业", "汉阴县凤亭茶业有限公司", "MA7G1A2E6", "汉阴县凤亭镇茶园路 8 号", "茶叶加工"},
	{"企业", "汉阴县蒲溪镇放心药房", "MA7G1A2F7", "汉阴县蒲溪镇新街 21 号", "药品零售"},
	{"企业", "汉阴县双乳镇农家乐餐饮店", "MA7G1A2G8", "汉阴县双乳镇三柳村", "餐饮服务"},
	{"个体工商户", "汉阴县铁佛寺镇便民商店", "MA7G1A2H9", "汉阴县铁佛寺镇街道 7 号", "食品销售"},
	{"企业", "汉阴县漩涡镇富硒米业有限公司", "MA7G1A2J1", "汉阴县漩涡镇东河村", "粮食加工"},
}

func loadInspections(ctx context.Context, l *loader) error {
	ins := l.svc.Inspections
	head, o1, o2 := l.actors["scj-kezhang"], l.actors["scj-zhifa1"], l.actors["scj-zhifa2"]
	fail := func(what string, err error) error { return fmt.Errorf("demo inspection: %s: %w", what, err) }

	food := &inspection.Item{Code: "SCJ-JC-001", Name: "食品经营者监督检查", Basis: "《中华人民共和国食品安全法》第一百一十条", Subject: "汉阴县市场监督管理局",
		Object: "辖区内食品经营者(含餐饮服务、食品销售)", Method: "双随机抽查", Frequency: "每年1次", Ratio: 5,
		Standard: "食品经营许可证、从业人员健康证明、进货查验记录、食品贮存与保质期、餐饮具清洗消毒"}
	if err := ins.CreateItem(ctx, head, food); err != nil {
		return fail("item", err)
	}
	if _, err := ins.PublishItem(ctx, head, food.ID, zhifa.Date{}); err != nil {
		return fail("publish item", err)
	}
	// Its second version raises the ratio (动态调整); the first is kept, dated.
	food2 := *food
	food2.ID, food2.Ratio = 0, 10
	if err := ins.CreateItem(ctx, head, &food2); err != nil {
		return fail("item v2", err)
	}
	if _, err := ins.PublishItem(ctx, head, food2.ID, zhifa.Date{}); err != nil {
		return fail("publish item v2", err)
	}
	drug := &inspection.Item{Code: "SCJ-JC-002", Name: "药品零售企业监督检查", Basis: "《中华人民共和国药品管理法》第九十九条", Subject: "汉阴县市场监督管理局",
		Object: "辖区内药品零售企业", Method: "重点检查", Frequency: "每年2次", Ratio: 100, Standard: "药品经营许可证、执业药师在岗、处方药销售登记、药品储存条件"}
	if err := ins.CreateItem(ctx, head, drug); err != nil {
		return fail("item 2", err)
	}
	if _, err := ins.PublishItem(ctx, head, drug.ID, zhifa.Date{}); err != nil {
		return fail("publish item 2", err)
	}
	draft := &inspection.Item{Code: "SCJ-JC-003", Name: "特种设备使用单位监督检查", Basis: "《中华人民共和国特种设备安全法》第五十七条", Subject: "汉阴县市场监督管理局",
		Object: "辖区内特种设备使用单位", Method: "专项检查", Frequency: "每年1次", Ratio: 20, Standard: "设备登记、定期检验、作业人员持证"}
	if err := ins.CreateItem(ctx, head, draft); err != nil { // not published: cannot be used
		return fail("draft item", err)
	}

	var rows []*inspection.Object
	for _, o := range inspectionObjects {
		rows = append(rows, &inspection.Object{Kind: o.kind, Name: o.name, CreditCode: creditCode("92", "610921", o.org), Address: o.address, Industry: o.industry})
	}
	var buf bytes.Buffer
	if err := inspection.ObjectsXLSX(&buf, rows); err != nil {
		return fail("workbook", err)
	}
	if _, err := ins.ImportObjects(ctx, head, 0, &buf); err != nil {
		return fail("import", err)
	}
	objs, err := ins.Objects(ctx, head, 0)
	if err != nil {
		return fail("objects", err)
	}

	plan := &inspection.Plan{ItemID: food2.ID, Title: strconv.Itoa(l.tl.today().Y) + "年度食品经营者双随机抽查", Year: l.tl.today().Y}
	if err := ins.CreatePlan(ctx, head, plan); err != nil {
		return fail("plan", err)
	}
	if _, err := ins.ApprovePlan(ctx, head, plan.ID); err != nil {
		return fail("approve", err)
	}
	var foodObjects []int64
	for _, o := range objs {
		if o.Industry == "餐饮服务" || o.Industry == "食品销售" || o.Industry == "食品生产" {
			foodObjects = append(foodObjects, o.ID)
		}
	}
	byOfficer := map[int64]zhifa.Actor{}
	var drawOfficers []int64
	for _, u := range []string{"scj-zhifa1", "scj-zhifa2", "scj-zhifa3"} {
		byOfficer[l.actors[u].OfficerID] = l.actors[u]
		drawOfficers = append(drawOfficers, l.actors[u].OfficerID)
	}
	d, err := ins.AnnounceDraw(ctx, head, plan.ID, inspection.DrawInput{Objects: 3, OfficersPerObject: 2, ObjectIDs: foodObjects,
		OfficerIDs: drawOfficers, SeedGap: 2})
	if err != nil {
		return fail("announce", err)
	}
	// A second plan's draft is the event after the announcement that
	// brings the log to the seed size.
	if err := ins.CreatePlan(ctx, head, &inspection.Plan{ItemID: drug.ID, Title: strconv.Itoa(l.tl.today().Y) + "年度药品零售企业重点检查", Year: l.tl.today().Y}); err != nil {
		return fail("plan 2", err)
	}
	if d, err = ins.PerformDraw(ctx, head, d.ID); err != nil {
		return fail("draw", err)
	}

	officers := []int64{o1.OfficerID, o2.OfficerID}
	step := func(a zhifa.Actor, id int64, act inspection.Action, offs []int64, f map[string]string) error {
		_, err := ins.RecordStep(ctx, a, id, inspection.StepInput{Action: act, OfficerIDs: offs, Fields: f})
		if err != nil {
			return fail(string(act), err)
		}
		return nil
	}
	start := func(item, object, draw int64, reason string) (int64, error) {
		r, err := ins.Start(ctx, o1, inspection.StartInput{ItemID: item, ObjectID: object, DrawID: draw, Reason: reason})
		if err != nil {
			return 0, fail("start", err)
		}
		return r.Inspection.ID, nil
	}
	today := l.tl.today().String()
	notice := map[string]string{"manner": "书面通知", "notice_no": "汉市监检通〔" + strconv.Itoa(l.tl.today().Y) + "〕", "notified_on": today}
	site := func(content string, signed bool) map[string]string {
		f := map[string]string{"place": "经营场所", "certs_shown": "是", "rights_told": "是", "content": content, "party_signed": "是"}
		if !signed {
			f["party_signed"], f["refusal"] = "否", "当事人拒绝在笔录上签名,执法人员已在笔录中注明,见证人在场"
		}
		return f
	}
	// 1. From the draw: a violation referred to a penalty case, published.
	a, err := start(food2.ID, d.Result[0].ObjectID, d.ID, "双随机抽查")
	if err != nil {
		return err
	}
	ra := byOfficer[d.Result[0].OfficerIDs[0]] // a drawn officer records on site and refers
	for _, s := range []struct {
		a    zhifa.Actor
		act  inspection.Action
		offs []int64
		f    map[string]string
	}{
		{o1, inspection.Notify, nil, with(notice, "notice_no", notice["notice_no"]+"1号")},
		{ra, inspection.OnSite, d.Result[0].OfficerIDs, site("后厨冷藏柜内发现超过保质期的熟食制品 2 袋,进货查验记录不全", false)},
		{o1, inspection.Result, nil, map[string]string{"outcome": inspection.OutcomeViolation, "findings": "经营超过保质期的食品,进货查验记录不全",
			"public_summary": "发现经营超过保质期的食品、进货查验记录不全,已移送立案查处"}},
		{ra, inspection.Refer, nil, map[string]string{"summary": "双随机抽查中发现经营超过保质期的熟食制品 2 袋", "matter": strconv.FormatInt(l.matters["SCJ-CF-001"], 10)}},
		{head, inspection.Publish, nil, nil},
	} {
		if err := step(s.a, a, s.act, s.offs, s.f); err != nil {
			return err
		}
	}
	// 2. From the draw: clean, published.
	b, err := start(food2.ID, d.Result[1].ObjectID, d.ID, "双随机抽查")
	if err != nil {
		return err
	}
	rb := byOfficer[d.Result[1].OfficerIDs[0]]
	for _, s := range []struct {
		a    zhifa.Actor
		act  inspection.Action
		offs []int64
		f    map[string]string
	}{
		{o1, inspection.Notify, nil, with(notice, "notice_no", notice["notice_no"]+"2号")},
		{rb, inspection.OnSite, d.Result[1].OfficerIDs, site("证照齐全,进货查验记录完整,未发现问题", true)},
		{o1, inspection.Result, nil, map[string]string{"outcome": inspection.OutcomeClean, "findings": "未发现问题", "public_summary": "未发现问题"}},
		{head, inspection.Publish, nil, nil},
	} {
		if err := step(s.a, b, s.act, s.offs, s.f); err != nil {
			return err
		}
	}
	// 3. From the draw: notified, on site next.
	c, err := start(food2.ID, d.Result[2].ObjectID, d.ID, "双随机抽查")
	if err != nil {
		return err
	}
	if err := step(o1, c, inspection.Notify, nil, with(notice, "notice_no", notice["notice_no"]+"3号")); err != nil {
		return err
	}
	// 4. The pharmacy: inspected, its result to be written.
	var pharmacy int64
	for _, o := range objs {
		if o.Industry == "药品零售" {
			pharmacy = o.ID
		}
	}
	e, err := start(drug.ID, pharmacy, 0, "重点检查")
	if err != nil {
		return err
	}
	if err := step(o1, e, inspection.Notify, nil, with(notice, "manner", "现场告知")); err != nil {
		return err
	}
	if err := step(o1, e, inspection.OnSite, officers, site("执业药师在岗,处方药销售登记完整", true)); err != nil {
		return err
	}
	// 5. A second inspection of the pharmacy this year: started, with the
	// repeated-inspection warning.
	if _, err := start(drug.ID, pharmacy, 0, "投诉核查"); err != nil {
		return err
	}
	return nil
}

// with returns a copy of m with k set to v.
func with(m map[string]string, k, v string) map[string]string {
	out := map[string]string{}
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}
