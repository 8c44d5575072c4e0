package registry

import (
	"slices"
	"strings"
	"time"
)

// Counsel kinds (seed 四(一): 法律顾问、公职律师).
const (
	CounselAdviser = "法律顾问"
	CounselLawyer  = "公职律师"
)

// CounselKinds lists the kinds of counsel.
var CounselKinds = []string{CounselAdviser, CounselLawyer}

// Counsel statuses.
const (
	CounselActive   = "在岗"
	CounselInactive = "离任"
)

// Counsel is a 法律顾问 or 公职律师 of an agency, who may be assigned to a
// legal review as an adviser (package review); LegalQualification is the
// 法律职业资格.
type Counsel struct {
	ID                 int64
	AgencyID           int64
	AgencyName         string // read-only, filled by the store
	Kind               string // one of CounselKinds
	Name               string
	Organization       string // 律师事务所 or unit
	LicenseNo          string // 律师执业证号 / 公职律师证号
	LegalQualification bool
	Status             string // CounselActive or CounselInactive
	Created, Updated   time.Time
}

// ValidCounsel trims c's fields, defaults the status to 在岗 and returns
// per-field problems.
func ValidCounsel(c *Counsel) map[string]string {
	p := map[string]string{}
	c.Name, c.Organization = strings.TrimSpace(c.Name), strings.TrimSpace(c.Organization)
	c.LicenseNo = strings.ToUpper(strings.TrimSpace(c.LicenseNo))
	if c.AgencyID == 0 {
		p["agency_id"] = "请选择所属执法主体"
	}
	if c.Name == "" {
		p["name"] = "请填写姓名"
	}
	if !slices.Contains(CounselKinds, c.Kind) {
		p["kind"] = "类别须为法律顾问或公职律师"
	}
	if c.Status == "" {
		c.Status = CounselActive
	}
	if c.Status != CounselActive && c.Status != CounselInactive {
		p["status"] = "状态须为在岗或离任"
	}
	if c.Kind == CounselLawyer && c.LicenseNo == "" {
		p["license_no"] = "公职律师须填写公职律师证号"
	}
	return p
}
