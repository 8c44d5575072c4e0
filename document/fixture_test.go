package document

import (
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
)

// fixture is a decided, served and closed case of an organisation, every
// step recorded, as the templates read it.
func fixture() Source {
	// A fixed day, not today: the golden files show the dates.
	day := time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
	at := func(n int) time.Time { return day.AddDate(0, 0, -40+n) }
	c := &zhifa.Case{ID: 7, AgencyID: 1, AgencyName: "汉阴县市场监督管理局", Number: "汉阴市监案〔2026〕7号",
		MatterID: 3, MatterName: "销售不符合食品安全标准的食品", Stage: "closed", Source: "投诉举报",
		Summary: "群众举报某超市销售过期食品。",
		Party: zhifa.Party{Kind: zhifa.PartyOrganization, Name: "汉阴县城关镇惠民超市有限公司", IDNumber: "91610921MA70XXXX1K",
			LegalRep: "王建国", Phone: "0915-5212345", Address: "陕西省安康市汉阴县城关镇和平路12号"},
		HandlerIDs: []int64{11, 12}, OpenedOn: at(1), DecidedOn: at(30)}
	step := func(id int64, seq int, action string, n int, f map[string]string) *zhifa.Step {
		return &zhifa.Step{ID: id, CaseID: 7, Seq: seq, Action: action, Fields: f, OfficerIDs: []int64{11, 12}, Created: at(n)}
	}
	steps := []*zhifa.Step{
		step(101, 1, "register", 0, map[string]string{"matter": "3", "source": "投诉举报", "summary": c.Summary}),
		step(102, 2, "open", 1, map[string]string{"opinion": "符合立案条件，同意立案。"}),
		step(103, 3, "inquiry", 3, map[string]string{"subject": "王建国", "place": "汉阴县市场监督管理局询问室", "content": "问：货架上的过期牛奶是谁采购的？\n答：是店里采购员采购的，我们没有及时下架。"}),
		step(104, 4, "inspection", 2, map[string]string{"place": "汉阴县城关镇和平路12号", "content": "现场货架上发现超过保质期的纯牛奶12盒。"}),
		step(112, 5, "evidence", 4, map[string]string{"title": "现场照片", "description": "货架上的过期牛奶"}),
		step(105, 5, "conclude", 10, map[string]string{"facts": "当事人销售超过保质期的纯牛奶12盒。", "proposal": "罚款"}),
		step(106, 6, "notify", 12, map[string]string{"content": "经查，当事人销售超过保质期的纯牛奶12盒，违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。",
			"proposed_penalty": "没收超过保质期的纯牛奶12盒，罚款人民币5000元。", "hearing_right": "是"}),
		step(107, 7, "statement", 14, map[string]string{"content": "当事人称系初次违法，已全部下架。", "waived": "否", "hearing_requested": "是"}),
		step(113, 8, "hearing", 20, map[string]string{"host": "周敏", "place": "汉阴县市场监督管理局听证室", "content": "当事人陈述了初次违法、及时改正的情况。"}),
		step(114, 9, "review", 25, map[string]string{}),
		step(108, 8, "decide", 30, map[string]string{"number": "汉阴市监罚〔2026〕7号",
			"facts":        "2026年10月8日，执法人员在当事人经营场所检查时发现，当事人货架上摆放销售超过保质期的纯牛奶12盒，货值金额120元。以上事实有现场检查笔录、询问笔录、照片等证据证实。",
			"basis":        "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
			"discretion":   "《陕西省市场监督管理行政处罚裁量权基准》食品类第12项：货值金额不足一万元的，处五千元以上三万元以下罚款；初次违法且及时改正的，从轻处罚。",
			"penalty_kind": "罚款", "penalty": "没收超过保质期的纯牛奶12盒。", "fine": "5000",
			"payment":           "自收到本决定书之日起十五日内，到指定银行缴纳罚款。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。",
			"remedy":            "如不服本决定，可以在收到本决定书之日起六十日内向汉阴县人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
			"statement_adopted": "当事人所称初次违法、及时改正属实，予以采纳，从轻处罚。"}),
		step(109, 9, "serve", 31, map[string]string{"method": "直接送达", "recipient": "王建国"}),
		step(110, 10, "execute", 40, map[string]string{"result": "已缴纳罚款"}),
		step(111, 11, "close", 40, map[string]string{"summary": "当事人已履行处罚决定，建议结案。"}),
		step(115, 12, "archive", 41, map[string]string{"archive_number": "汉阴市监罚档〔2026〕7号"}),
	}
	steps[4].Files = []zhifa.Evidence{{ID: 1, Name: "现场照片.jpg", Digest: "sha256:" + strings.Repeat("ab", 32), Created: at(4)}}
	steps[9].Review = &zhifa.ReviewOpinion{Outcome: "同意", Opinion: "事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。", Passed: true,
		Checklist: []zhifa.ReviewFinding{{Code: "facts", Name: "违法事实是否清楚", Passed: true}, {Code: "basis", Name: "适用依据是否正确", Passed: true}}}
	issued := []*Document{{ID: 1, Kind: "filing", Number: c.Number, Status: StatusIssued, Created: at(1)},
		{ID: 2, Kind: "decision", Number: "汉阴市监罚〔2026〕7号", Status: StatusIssued, Created: at(30)}}
	return Source{Case: c, Steps: steps, Issued: issued,
		Agency: &registry.Agency{ID: 1, Name: "汉阴县市场监督管理局", Address: "汉阴县城关镇北城街1号", Phone: "0915-5211000"},
		Officers: map[int64]*registry.Officer{
			11: {ID: 11, Name: "李明", CertNo: "61092100123"},
			12: {ID: 12, Name: "赵芳", CertNo: "61092100456"},
		}}
}

// stepOf returns the fixture's step for kind k.
func stepOf(src Source, k Kind) *zhifa.Step {
	for _, s := range src.Steps {
		if s.Action == k.Action {
			return s
		}
	}
	return nil
}
