package registry

import (
	"regexp"
	"strings"
	"time"

	"github.com/zhifa/zhifa/idcode"
)

// Agency kinds (执法主体类型).
const (
	AgencyAdministrative = "行政机关"
	AgencyAuthorized     = "法律法规授权组织"
	AgencyEntrusted      = "受委托组织"
)

// AgencyKinds lists the kinds of 执法主体.
var AgencyKinds = []string{AgencyAdministrative, AgencyAuthorized, AgencyEntrusted}

// Agency is a 执法主体, or the supervising 司法局 (Supervisor).
type Agency struct {
	ID         int64
	Name       string
	ShortName  string // for 文号, e.g. 汉阴市监
	Kind       string
	CreditCode string // 统一社会信用代码
	Region     string // 行政区划代码, e.g. 610921
	Level      string // 县级, 市级…
	ParentID   int64
	Basis      string // legal basis of its powers
	Supervisor bool   // the 司法局 that supervises enforcement
	Address    string
	Phone      string
	ReviewDays int // 法制审核时限 (工作日), DOMAIN L5
	Created    time.Time
	Updated    time.Time
}

// AgencyFilter selects agencies; nil fields do not filter.
type AgencyFilter struct {
	ID         *int64
	Supervisor *bool
}

var regionRe = regexp.MustCompile(`^[1-8][0-9]{5}$`)

// validAgency trims a's fields, fills the defaults (县级, 5 working days of
// review) and returns per-field problems.
func validAgency(a *Agency) map[string]string {
	p := map[string]string{}
	a.Name = strings.TrimSpace(a.Name)
	a.ShortName = strings.TrimSpace(a.ShortName)
	a.CreditCode = strings.ToUpper(strings.TrimSpace(a.CreditCode))
	a.Region = strings.TrimSpace(a.Region)
	if a.Name == "" {
		p["name"] = "请填写执法主体名称"
	}
	ok := false
	for _, k := range AgencyKinds {
		ok = ok || a.Kind == k
	}
	if !ok {
		p["kind"] = "主体类型须为:行政机关、法律法规授权组织或受委托组织"
	}
	if !idcode.ValidCredit(a.CreditCode) {
		p["credit_code"] = "统一社会信用代码“" + a.CreditCode + "”无效:须为 18 位且校验码正确(GB 32100)"
	}
	if !regionRe.MatchString(a.Region) {
		p["region"] = "行政区划代码须为 6 位数字,如 610921"
	}
	if a.ReviewDays == 0 {
		a.ReviewDays = 5
	}
	if a.ReviewDays < 1 || a.ReviewDays > 30 {
		p["review_days"] = "法制审核时限须在 1 至 30 个工作日之间"
	}
	if a.Level == "" {
		a.Level = "县级"
	}
	return p
}
