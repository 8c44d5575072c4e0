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
