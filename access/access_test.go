package access

import (
	"testing"

	"github.com/zhifa/zhifa"
)

func TestRolesConflict(t *testing.T) {
	tests := []struct {
		roles []zhifa.Role
		bad   bool
	}{
		{[]zhifa.Role{zhifa.RoleSysAdmin}, false},
		{[]zhifa.Role{zhifa.RoleSysAdmin, zhifa.RoleSecAdmin}, true},
		{[]zhifa.Role{zhifa.RoleSecAdmin, zhifa.RoleAuditor}, true},
		{[]zhifa.Role{zhifa.RoleSysAdmin, zhifa.RoleAuditor}, true},
		{[]zhifa.Role{zhifa.RoleAuditor, zhifa.RoleOfficer}, true},
		{[]zhifa.Role{zhifa.RoleOfficer, zhifa.RoleUnitHead}, false},
	}
	for _, tt := range tests {
		if got := RolesConflict(tt.roles) != ""; got != tt.bad {
			t.Errorf("RolesConflict(%v) conflict = %v, want %v", tt.roles, got, tt.bad)
		}
	}
}

func TestPublicAndConsole(t *testing.T) {
	for _, op := range Ops {
		err := Check(zhifa.Actor{}, op, 1)
		if op == PortalRead {
			if err != nil {
				t.Errorf("public %s: %v", op, err)
			}
		} else if zhifa.ErrorCode(err) != zhifa.EUNAUTHORIZED {
			t.Errorf("public %s = %v, want unauthorized", op, err)
		}
		err = Check(zhifa.Console, op, 1)
		switch op {
		case UserManage, RoleAssign, RegistryManage, CalendarManage, CatalogManage, PortalRead:
			if err != nil {
				t.Errorf("console %s: %v", op, err)
			}
		default:
			if zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
				t.Errorf("console %s = %v, want forbidden", op, err)
			}
		}
	}
}

// A refusal names who may do it, from the grants table (an officer who
// tried to withdraw a publication was told only "无权…").
func TestRefusalNamesWhoMay(t *testing.T) {
	officer := zhifa.Actor{UserID: 5, AgencyID: 1, Roles: []zhifa.Role{zhifa.RoleOfficer}}
	for _, tt := range []struct {
		op   Op
		want string
	}{
		{PublicationWithdraw, "无权撤回公示:只有本机关的机关负责人可以撤回公示"},
		{CaseReview, "无权法制审核:只有本机关的法制审核人员可以法制审核"},
		{AuditRead, "无权查阅审计记录:只有执法监督人员或审计管理员可以查阅审计记录"},
		{PublicationEdit, ""}, // allowed
	} {
		err := Check(officer, tt.op, 1)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.op, got, tt.want)
		}
	}
}

// Complaints about an agency are handled by its unit and agency heads and
// by the 司法局's supervisors, never by the officers complained about.
func TestComplaintHandle(t *testing.T) {
	for _, tc := range []struct {
		role   zhifa.Role
		agency int64
		ok     bool
	}{
		{zhifa.RoleUnitHead, 1, true},
		{zhifa.RoleUnitHead, 2, false},
		{zhifa.RoleAgencyHead, 1, true},
		{zhifa.RoleSupervisor, 2, true},
		{zhifa.RoleOfficer, 1, false},
		{zhifa.RoleReviewer, 1, false},
		{zhifa.RoleSysAdmin, 1, false},
	} {
		a := zhifa.Actor{UserID: 5, AgencyID: 1, Roles: []zhifa.Role{tc.role}}
		if got := Check(a, ComplaintHandle, tc.agency) == nil; got != tc.ok {
			t.Errorf("%s on agency %d: allowed %v, want %v", tc.role, tc.agency, got, tc.ok)
		}
	}
}
