package publicity

import (
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
)

// Open data (issue 17 item 5): the 双公示 (信用中国) penalty format of DOMAIN
// §10. Each field is filled from the publication and its agency; a field
// that does not apply to a decision is an empty cell (no 统一社会信用代码 or
// 法定代表人 for a natural person, no 罚款金额 without a fine, no 暂扣或吊销证照
// without such a penalty). Amounts are in 万元 with six decimals, as the
// standard writes them.

// CreditPenaltyFields are the 双公示 penalty fields, in the standard's order
// (DOMAIN §10).
var CreditPenaltyFields = []string{
	"行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "决定书文号", "违法行为类型", "违法事实", "处罚依据",
	"处罚类别", "处罚内容", "罚款金额(万元)", "没收金额(万元)", "暂扣或吊销证照", "处罚决定日期", "处罚有效期", "公示截止期",
	"处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码",
}

// LowFineMax is the largest fine, in 元, whose publication ends after three
// months (《市场监督管理行政处罚信息公示规定》第十三条: "较低数额罚款" is set by
// the province; this default stands until an agency's policy sets it).
const LowFineMax = 10000

// DisplayEnd is the last day a published decision stays on public view,
// counted from its publication (第十三条): three months for 通报批评 or a low fine alone,
// three years otherwise.
func DisplayEnd(p *Publication) time.Time {
	start := p.PublishedAt
	if start.IsZero() {
		start = p.DecidedOn
	}
	start = zhifa.CivilDate(start)
	short := true
	for _, k := range strings.FieldsFunc(p.PenaltyKind, func(r rune) bool { return r == '、' || r == ',' || r == '\uFF0C' || r == ';' }) {
		switch k {
		case "通报批评", "警告":
		case "罚款":
			short = short && p.Fine <= LowFineMax
		default:
			short = false
		}
	}
	if short {
		return start.AddDate(0, 3, -1)
	}
	return start.AddDate(3, 0, -1)
}

// WanYuan formats yuan in 万元 with the six decimals of the 双公示 standard
// ("1.230000" for 12,300 元); "" for no amount.
func WanYuan(yuan int64) string {
	if yuan <= 0 {
		return ""
	}
	return strconv.FormatInt(yuan/10000, 10) + "." + strconv.FormatInt(10000+yuan%10000, 10)[1:] + "00"
}

// CreditPartyKind is the 双公示 standard's name of a party kind.
func CreditPartyKind(kind string) string {
	if kind == zhifa.PartyOrganization {
		return "法人及非法人组织"
	}
	return kind
}

// CreditPenaltyRow is p in the 双公示 penalty fields (CreditPenaltyFields),
// for an agency whose 统一社会信用代码 is agencyCode; the agency is also the
// 数据来源单位. 违法行为类型 and 没收金额 are not held by a publication yet
// and stay empty.
func CreditPenaltyRow(p *Publication, agencyCode string) []string {
	var credit, rep, licence string
	if p.PartyKind == zhifa.PartyOrganization {
		credit, rep = p.PartyIDNo, p.LegalRep
	}
	if strings.Contains(p.PenaltyKind, "暂扣许可证件") || strings.Contains(p.PenaltyKind, "吊销许可证件") {
		licence = p.Penalty
	}
	end := zhifa.FormatDate(DisplayEnd(p))
	return []string{p.PartyName, CreditPartyKind(p.PartyKind), credit, rep, p.Number, "", p.Facts, p.Basis,
		p.PenaltyKind, p.Penalty, WanYuan(p.Fine), "", licence, zhifa.FormatDate(p.DecidedOn), end, end,
		p.AgencyName, agencyCode, p.AgencyName, agencyCode}
}
