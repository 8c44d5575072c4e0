// Package zhifa is the shared kernel of the zhifa platform
// (行政执法公示、执法全过程记录、重大执法决定法制审核): roles and the Actor,
// the Error type with its codes, the one civil Date, and the case file's
// records (Case, Party, Step, Evidence, ReviewOpinion in case.go), which
// every procedure and the publicity context read.
//
// It imports the standard library only. Rules live in the context packages
// that apply them (registry, penalty, review, publicity, identity) and the
// engine (procedure); SQL lives in store; HTTP in web.
package zhifa

// Role is one of the roles of DOMAIN.md §1. A user may hold several roles,
// except that nobody holds two of the three administrator roles.
type Role string

// Roles.
const (
	RoleOfficer    Role = "officer"     // 执法人员
	RoleUnitHead   Role = "unit_head"   // 承办机构负责人
	RoleReviewer   Role = "reviewer"    // 法制审核人员
	RoleAgencyHead Role = "agency_head" // 机关负责人
	RoleSupervisor Role = "supervisor"  // 执法监督人员(司法局)
	RoleSysAdmin   Role = "sysadmin"    // 系统管理员
	RoleSecAdmin   Role = "secadmin"    // 安全管理员
	RoleAuditor    Role = "auditor"     // 审计管理员
)

// AllRoles lists every role in display order.
var AllRoles = []Role{RoleOfficer, RoleUnitHead, RoleReviewer, RoleAgencyHead, RoleSupervisor, RoleSysAdmin, RoleSecAdmin, RoleAuditor}

var roleNames = map[Role]string{
	RoleOfficer:    "执法人员",
	RoleUnitHead:   "承办机构负责人",
	RoleReviewer:   "法制审核人员",
	RoleAgencyHead: "机关负责人",
	RoleSupervisor: "执法监督人员",
	RoleSysAdmin:   "系统管理员",
	RoleSecAdmin:   "安全管理员",
	RoleAuditor:    "审计管理员",
}

// Name returns the Chinese name of the role, or "" for an unknown role.
func (r Role) Name() string { return roleNames[r] }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleNames[r]; return ok }

// IsAdmin reports whether r is one of the three separated administrator
// roles (三员分立).
func (r Role) IsAdmin() bool {
	return r == RoleSysAdmin || r == RoleSecAdmin || r == RoleAuditor
}

// ParseRole returns the role with code name or Chinese name s.
func ParseRole(s string) (Role, bool) {
	if Role(s).Valid() {
		return Role(s), true
	}
	for r, n := range roleNames {
		if n == s {
			return r, true
		}
	}
	return "", false
}

// Actor is who performs an operation: an authenticated user, or the public
// (the zero Actor). Services decide what an actor may do; pages never do.
type Actor struct {
	UserID     int64
	Username   string
	Name       string
	AgencyID   int64 // 0 for nobody (public)
	Supervisor bool  // the user's organisation is the supervising 司法局
	OfficerID  int64 // the officer record (执法证) of the user, 0 if none
	Roles      []Role
	// System names a non-human actor: "console" for the operator at the
	// server's console (zhifa user, zhifa calendar import). It may administer
	// users, roles, the registry and the calendar, and nothing else.
	System string
}

// Console is the operator at the server console.
var Console = Actor{System: "console"}

// Public reports whether the actor is an anonymous member of the public.
func (a Actor) Public() bool { return a.UserID == 0 && a.System == "" }

// Has reports whether the actor holds role r.
func (a Actor) Has(r Role) bool {
	for _, x := range a.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Ref is the actor as written into ledger events: "user/<id>" or "public".
func (a Actor) Ref() string {
	if a.System != "" {
		return "system/" + a.System
	}
	if a.Public() {
		return "public"
	}
	return "user/" + itoa(a.UserID)
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
