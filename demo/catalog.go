package demo

import (
	"context"
	"fmt"
	"slices"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/service"
)

// The demo's 法制审核目录清单 (issue 11): the city's 市场监督管理局 (a 市级
// agency, the county 市场监督管理局's superior in the registry) sets the
// floor of its subordinates; the county bureau's catalog includes it and
// adds its own rules, in two versions (the second, published the same
// day, adds the 食品安全 rule and supersedes the first).

// cityAgency is the superior of the county's 市场监督管理局.
var cityAgency = agencySeed{key: "ak-scj", name: "安康市市场监督管理局", short: "安康市监", kind: registry.AgencyAdministrative, org: "MB1A00092",
	basis: "《中华人民共和国行政处罚法》;《市场监督管理行政处罚程序规定》", address: "安康市汉滨区兴安中路 88 号", phone: "0915-3212315"}

// cityMatters are the city bureau's 权责清单, so that it is an agency
// like the others in the registry (it has one officer, its reviewer).
var cityMatters = []registry.Matter{
	{Code: "AK-SCJ-CF-001", Name: "对生产经营不符合食品安全标准食品的处罚", Category: registry.MatterPenalty,
		Basis: "《中华人民共和国食品安全法》第一百二十四条", PenaltyKinds: []string{"警告", "罚款", "没收违法所得", "吊销许可证件"}},
	{Code: "AK-SCJ-CF-002", Name: "对生产销售不符合保障人体健康和人身、财产安全标准产品的处罚", Category: registry.MatterPenalty,
		Basis: "《中华人民共和国产品质量法》第四十九条", PenaltyKinds: []string{"罚款", "没收违法所得", "责令停产停业", "吊销许可证件"}},
	{Code: "AK-SCJ-JC-001", Name: "食品生产经营监督检查", Category: "行政检查", Basis: "《中华人民共和国食品安全法》第一百一十条"},
}

// cityFloor is the floor the city sets for the counties' catalogs.
var cityFloor = []registry.CatalogRule{
	{Name: "吊销许可证件、责令停产停业、责令关闭", PenaltyKinds: []string{"吊销许可证件", "责令停产停业", "责令关闭"},
		Basis: "《行政处罚法》第五十八条;本局重大执法决定法制审核指导意见"},
	{Name: "较大数额罚款", ActionType: "行政处罚", PersonAmount: 10000, OrgAmount: 100000, Basis: "陕西省较大数额罚款标准"},
	{Name: "涉及重大公共利益的行政强制", ActionType: "行政强制", Triggers: []string{registry.TriggerPublicInterest}, Basis: "《行政强制法》"},
	{Name: "经过听证的行政许可", ActionType: "行政许可", Triggers: []string{registry.TriggerHearing}, Basis: "《行政许可法》第四十七条"},
}

// loadCatalogs registers the city bureau as the county bureau's superior,
// publishes its floor and the county bureau's catalog, on the story's last
// day after the cases, then tells the story of an extended review.
func loadCatalogs(ctx context.Context, l *loader) error {
	if err := publishCatalogs(ctx, l.svc, l.agencies); err != nil {
		return err
	}
	return extendedReview(ctx, l)
}

// publishCatalogs is loadCatalogs's registry and catalogs.
func publishCatalogs(ctx context.Context, svc *service.Service, agencies map[string]int64) error {
	a := cityAgency
	city := &registry.Agency{Name: a.name, ShortName: a.short, Kind: a.kind, CreditCode: creditCode("11", "610900", a.org), Region: "610900",
		Level: "市级", Basis: a.basis, Address: a.address, Phone: a.phone, ReviewDays: 5}
	if err := svc.CreateAgency(ctx, zhifa.Console, city); err != nil {
		return fmt.Errorf("demo agency %s: %w", a.name, err)
	}
	agencies[a.key] = city.ID
	today := svc.Registry.Today()
	off := &registry.Officer{AgencyID: city.ID, Name: "郑书文", Gender: registry.GenderMale, Post: "法规科科长", CertNo: "61090011001",
		Category: "市场监管", ValidFrom: today.Add(-2 * 365), ValidTo: today.Add(3 * 365), Status: registry.OfficerValid, LegalQualification: true}
	if err := svc.CreateOfficer(ctx, zhifa.Console, off); err != nil {
		return fmt.Errorf("demo officer %s: %w", off.CertNo, err)
	}
	for _, seed := range cityMatters {
		m := seed
		m.AgencyID = city.ID
		if err := svc.CreateMatter(ctx, zhifa.Console, &m); err != nil {
			return fmt.Errorf("demo matter %s: %w", m.Code, err)
		}
	}
	if err := svc.Reviews.CreateCounsel(ctx, zhifa.Console, &registry.Counsel{AgencyID: agencies["scj"], Kind: registry.CounselLawyer, Name: "吴建平",
		Organization: "汉阴县市场监督管理局法规股", LicenseNo: "G61092120230001", LegalQualification: true}); err != nil {
		return fmt.Errorf("demo counsel: %w", err)
	}
	if err := svc.Reviews.CreateCounsel(ctx, zhifa.Console, &registry.Counsel{AgencyID: agencies["scj"], Kind: registry.CounselAdviser, Name: "孙立新",
		Organization: "陕西汉江律师事务所", LicenseNo: "16109201010123456", LegalQualification: true}); err != nil {
		return fmt.Errorf("demo counsel: %w", err)
	}
	scj, err := svc.Agency(ctx, agencies["scj"])
	if err != nil {
		return err
	}
	scj.ParentID = city.ID
	if err := svc.UpdateAgency(ctx, zhifa.Console, scj); err != nil {
		return fmt.Errorf("demo agency %s: %w", scj.Name, err)
	}
	own := slices.Concat([]registry.CatalogRule{
		{Name: "较大数额罚款(本局标准)", ActionType: "行政处罚", PersonAmount: 5000, OrgAmount: 50000, Basis: "汉阴县市场监督管理局重大执法决定法制审核目录清单"},
		{Name: "经过听证的执法决定", Triggers: []string{registry.TriggerHearing}, Basis: "《行政处罚法》第五十八条第一款第二项"},
		{Name: "案件情况疑难复杂、涉及多个法律关系", Triggers: []string{registry.TriggerComplex}, Basis: "《行政处罚法》第五十八条第一款第三项"},
		{Name: "超出裁量基准", Triggers: []string{registry.TriggerBeyondStandard}, Basis: "汉政办通字〔2017〕136号 三(一)"},
	}, cityFloor)
	for _, c := range []*registry.ReviewCatalog{
		{AgencyID: city.ID, Floor: true, EffectiveOn: today, Rules: slices.Clone(cityFloor), Note: "各县(区)市场监督管理局的目录清单须包含本下限。"},
		{AgencyID: scj.ID, EffectiveOn: today, Rules: slices.Clone(own), Note: "首次制定。"},
		{AgencyID: scj.ID, EffectiveOn: today, Rules: slices.Concat(own, []registry.CatalogRule{{Name: "食品安全领域的行政强制", ActionType: "行政强制",
			Field: "食品安全", Basis: "《中华人民共和国食品安全法》第一百一十条"}}), Note: "增加食品安全领域的行政强制。"},
	} {
		if err := svc.Reviews.PublishCatalog(ctx, zhifa.Console, c); err != nil {
			return fmt.Errorf("demo catalog of agency %d: %w", c.AgencyID, err)
		}
	}
	return nil
}

// extendedReview takes a case of the county bureau to review on the story's
// last day, after office hours, and has the agency head extend its review
// limit: the demo's extended review (queue and /workbench/review-limits).
func extendedReview(ctx context.Context, l *loader) error {
	l.tl.set(len(l.tl.days)-1, 18*60)
	svc := l.svc
	o1, o2 := l.actors["scj-zhifa1"], l.actors["scj-zhifa2"]
	c, err := svc.RegisterCase(ctx, o1, penalty.CaseInput{MatterID: l.matters["SCJ-CF-003"], Source: "监督检查",
		Summary: "城关镇“鲜丰农贸超市”销售的散装熟食无进货查验记录,涉及多家供货商。",
		Party: zhifa.Party{Kind: zhifa.PartyOrganization, Name: "汉阴县鲜丰农贸超市有限公司", IDNumber: creditCode("91", "610921", "MA6YX0011"),
			LegalRep: "杜海峰", Address: "陕西省安康市汉阴县城关镇东大街 58 号"},
		HandlerIDs: []int64{o1.OfficerID, o2.OfficerID}})
	if err != nil {
		return fmt.Errorf("demo extended review: %w", err)
	}
	for _, st := range []struct {
		user string
		in   penalty.StepInput
	}{
		{"scj-kezhang", penalty.StepInput{Action: penalty.Open, Fields: map[string]string{"opinion": "同意立案。"}}},
		{"scj-zhifa1", penalty.StepInput{Action: penalty.SiteRecord, OfficerIDs: []int64{o1.OfficerID, o2.OfficerID},
			Fields: map[string]string{"place": "汉阴县城关镇东大街 58 号鲜丰农贸超市", "content": "熟食柜台在售散装卤肉、凉拌菜 9 种,均无进货查验记录,当事人称分别从 5 家供货商进货。"}}},
		{"scj-zhifa1", penalty.StepInput{Action: penalty.Conclude, Fields: map[string]string{"facts": "当事人未按规定建立进货查验记录制度,涉及 5 家供货商。",
			"proposal": "警告,并处罚款 8000 元"}}},
		{"scj-zhifa1", penalty.StepInput{Action: penalty.Notify, Fields: map[string]string{"content": "拟作出警告并处罚款 8000 元的行政处罚。",
			"proposed_penalty": "警告,并处罚款 8000 元", "penalty_kind": "警告、罚款", "fine": "8000", "hearing_right": "否"}}},
		{"scj-zhifa2", penalty.StepInput{Action: penalty.Statement, Fields: map[string]string{"waived": "是"}}},
		{"scj-kezhang", penalty.StepInput{Action: penalty.SubmitReview, Fields: map[string]string{"materials": "调查终结报告、现场检查笔录、供货商名单"}}},
	} {
		if _, err := svc.RecordStep(ctx, l.actors[st.user], c.ID, st.in); err != nil {
			return fmt.Errorf("demo extended review %s: %w", st.in.Action, err)
		}
	}
	if _, err := svc.Reviews.ExtendReview(ctx, l.actors["scj-juzhang"], c.ID, review.ExtendInput{Days: 3,
		Reason: "涉及 5 家供货商,需向外县市场监管部门协查进货来源,审核需补充核实。"}); err != nil {
		return fmt.Errorf("demo extended review: %w", err)
	}
	return nil
}
