package zhifa

import "time"

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
