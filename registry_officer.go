package zhifa

import (
	"time"
)

// Genders of an officer, as published (姓名、性别、职务、执法证号及有效期).
const (
	GenderMale   = "男"
	GenderFemale = "女"
)

// Officer statuses (执法证状态) as set by the issuing authority.
const (
	OfficerValid     = "有效"
	OfficerSuspended = "暂扣"
	OfficerRevoked   = "注销"
)

// OfficerStatuses lists the statuses an officer record may hold.
var OfficerStatuses = []string{OfficerValid, OfficerSuspended, OfficerRevoked}

// Certificate states shown to the public by CertState: the stored status
// combined with the validity period on a given day.
const (
	CertValid       = "有效"
	CertExpired     = "已过期"
	CertSuspended   = "暂扣"
	CertRevoked     = "注销"
	CertNotYetValid = "尚未生效"
)

// Officer is a 执法人员 and his or her 执法证 (Certificate). Name, gender,
// post, certificate number and validity are published by law (DOMAIN §4 事前
// 公开); nothing else about the person is kept here.
type Officer struct {
	ID                 int64
	AgencyID           int64
	AgencyName         string // read-only, filled by the store
	Name               string
	Gender             string // 男 or 女
	Post               string // 职务
	CertNo             string // 执法证号, unique
	Category           string // 执法类别/领域
	ValidFrom          time.Time
	ValidTo            time.Time // civil dates, UTC midnight
	Status             string    // 有效, 暂扣 or 注销
	LegalQualification bool      // 法律职业资格 (for legal reviewers, 处罚法 Art 58 ¶2)
	Created            time.Time
	Updated            time.Time
}

// CertState returns the state of the officer's certificate on the civil day
// of today (in China time): 注销 or 暂扣 when so recorded, otherwise 尚未生效
// before ValidFrom, 已过期 after ValidTo, and 有效 in between (both ends
// included). Only 有效 allows enforcement actions.
func (o Officer) CertState(today time.Time) string {
	switch o.Status {
	case OfficerRevoked:
		return CertRevoked
	case OfficerSuspended:
		return CertSuspended
	}
	d := CivilDate(today)
	switch {
	case !o.ValidFrom.IsZero() && d.Before(o.ValidFrom):
		return CertNotYetValid
	case !o.ValidTo.IsZero() && d.After(o.ValidTo):
		return CertExpired
	}
	return CertValid
}

// Matter categories (执法事项类别, DOMAIN §2).
var MatterCategories = []string{"行政许可", "行政处罚", "行政强制", "行政征收", "行政收费", "行政检查", "行政确认", "行政给付", "行政裁决", "行政奖励", "其他"}

// MatterPenalty is the category of penalty matters, the only ones with
// PenaltyKinds.
const MatterPenalty = "行政处罚"

// PenaltyKinds lists the kinds of administrative penalty of 《行政处罚法》
// Art 9, in the statute's order.
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
