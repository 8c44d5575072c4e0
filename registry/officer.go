package registry

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
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
	ValidFrom          zhifa.Date
	ValidTo            zhifa.Date
	Status             string // 有效, 暂扣 or 注销
	LegalQualification bool   // 法律职业资格 (for legal reviewers, 处罚法 Art 58 ¶2)
	Created            time.Time
	Updated            time.Time
}

// Certificate returns the officer's 执法证, whose State says whether he or
// she may enforce on a given day.
func (o Officer) Certificate() Certificate {
	return Certificate{Number: o.CertNo, Status: o.Status, ValidFrom: o.ValidFrom, ValidTo: o.ValidTo}
}

// OfficerFilter selects officers; nil fields do not filter.
type OfficerFilter struct {
	ID       *int64
	AgencyID *int64
	CertNo   *string
	Category *string
	Status   *string
}

var certNoRe = regexp.MustCompile(`^[0-9A-Z]{6,20}$`)

// validOfficer trims o's fields, sets the default status (有效) and returns
// per-field problems.
func validOfficer(o *Officer) map[string]string {
	p := map[string]string{}
	o.Name = strings.TrimSpace(o.Name)
	o.Post = strings.TrimSpace(o.Post)
	o.CertNo = strings.ToUpper(strings.TrimSpace(o.CertNo))
	o.Category = strings.TrimSpace(o.Category)
	if o.AgencyID == 0 {
		p["agency_id"] = "请选择所属执法主体"
	}
	if o.Name == "" {
		p["name"] = "请填写姓名"
	} else if len([]rune(o.Name)) > 50 {
		p["name"] = "姓名不得超过 50 个字"
	}
	if o.Gender != GenderMale && o.Gender != GenderFemale {
		p["gender"] = "性别须为“男”或“女”"
	}
	switch {
	case o.CertNo == "":
		p["cert_no"] = "请填写执法证号"
	case !certNoRe.MatchString(o.CertNo):
		p["cert_no"] = "执法证号须为 6 至 20 位字母或数字"
	}
	if o.Category == "" {
		p["category"] = "请填写执法类别(领域)"
	}
	switch {
	case o.ValidFrom.IsZero():
		p["valid_from"] = "请填写有效期起始日期(格式 YYYY-MM-DD)"
	case !o.ValidFrom.Valid():
		p["valid_from"] = "有效期起始日期无效:须为存在的日期,格式 YYYY-MM-DD"
	}
	if o.ValidTo.IsZero() {
		p["valid_to"] = "请填写有效期截止日期(格式 YYYY-MM-DD)"
	} else if !o.ValidTo.Valid() {
		p["valid_to"] = "有效期截止日期无效:须为存在的日期,格式 YYYY-MM-DD"
	} else if o.ValidFrom.Valid() && !o.ValidTo.After(o.ValidFrom) {
		p["valid_to"] = "有效期截止日期须晚于起始日期"
	}
	if o.Status == "" {
		o.Status = OfficerValid
	}
	if !slices.Contains(OfficerStatuses, o.Status) {
		p["status"] = "证件状态须为:有效、暂扣或注销"
	}
	return p
}
