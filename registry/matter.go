package registry

import (
	"slices"
	"strings"
	"time"
)

// MatterCategories are the categories of 执法事项 (DOMAIN §2).
var MatterCategories = []string{"行政许可", "行政处罚", "行政强制", "行政征收", "行政收费", "行政检查", "行政确认", "行政给付", "行政裁决", "行政奖励", "其他"}

// MatterPenalty is the category of penalty matters, the only ones with
// PenaltyKinds.
const MatterPenalty = "行政处罚"

// PenaltyKinds lists the kinds of administrative penalty of 《行政处罚法》
// Art 9, in the statute's order: the one list of penalty kinds of the
// product (matters and decisions alike).
var PenaltyKinds = []string{"警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件",
	"限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "法律、行政法规规定的其他行政处罚"}

// Matter is a 执法事项 of an agency's 权责清单: what it may do and on which
// legal basis.
type Matter struct {
	ID           int64
	AgencyID     int64
	AgencyName   string // read-only, filled by the store
	Code         string // 事项编码, unique within the agency when set
	Name         string
	Category     string   // one of MatterCategories
	Basis        string   // 法律依据, e.g. 《中华人民共和国食品安全法》第一百二十二条
	PenaltyKinds []string // 处罚种类 (Art 9), for penalty matters only
	Procedure    string   // 办理流程
	TimeLimit    string   // 办理时限
	Unit         string   // 承办机构
	Created      time.Time
	Updated      time.Time
}

// MatterFilter selects matters; nil fields do not filter.
type MatterFilter struct {
	ID       *int64
	AgencyID *int64
	Category *string
}

// validMatter trims m's fields, drops empty and repeated penalty kinds and
// returns per-field problems.
func validMatter(m *Matter) map[string]string {
	p := map[string]string{}
	m.Code = strings.TrimSpace(m.Code)
	m.Name = strings.TrimSpace(m.Name)
	m.Basis = strings.TrimSpace(m.Basis)
	m.Procedure = strings.TrimSpace(m.Procedure)
	m.TimeLimit = strings.TrimSpace(m.TimeLimit)
	m.Unit = strings.TrimSpace(m.Unit)
	if m.AgencyID == 0 {
		p["agency_id"] = "请选择所属执法主体"
	}
	if m.Name == "" {
		p["name"] = "请填写事项名称"
	}
	if strings.ContainsAny(m.Code, " \t,") || len(m.Code) > 64 {
		p["code"] = "事项编码不得含空格或逗号,且不超过 64 个字符"
	}
	if !slices.Contains(MatterCategories, m.Category) {
		p["category"] = "事项类别须为:" + strings.Join(MatterCategories, "、")
	}
	if m.Basis == "" {
		p["basis"] = "请填写法律依据(法律法规名称及条款)"
	}
	var kinds []string
	for _, k := range m.PenaltyKinds {
		k = strings.TrimSpace(k)
		switch {
		case k == "" || slices.Contains(kinds, k):
		case !slices.Contains(PenaltyKinds, k):
			p["penalty_kinds"] = "“" + k + "”不是《行政处罚法》第九条规定的处罚种类"
		default:
			kinds = append(kinds, k)
		}
	}
	m.PenaltyKinds = kinds
	if len(kinds) > 0 && m.Category != MatterPenalty {
		p["penalty_kinds"] = "只有行政处罚事项可填写处罚种类"
	}
	return p
}
