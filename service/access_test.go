package service_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

const testPassword = "Zhifa-Test-2026"

// MustService returns a service over db with a discarded log.
func MustService(tb testing.TB, db *store.DB) *service.Service {
	tb.Helper()
	s := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), testdate.Clock(tb))
	if err := s.OpenBlobs(tb.TempDir()); err != nil {
		tb.Fatal(err)
	}
	return s
}

func regDate(s string) time.Time {
	t, ok := zhifa.ParseDate(s)
	if !ok {
		panic(s)
	}
	return t
}

// registryFixture returns a service with one agency.
func registryFixture(t *testing.T, db *store.DB) (*service.Service, *registry.Agency) {
	t.Helper()
	s := MustService(t, db)
	ag := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
	if err := s.CreateAgency(context.Background(), zhifa.Console, ag); err != nil {
		t.Fatal(err)
	}
	return s, ag
}

// expected lists, per role, the operations allowed on the actor's own agency
// and on another agency. Written out by hand, not derived from the grants
// table, so that a change to the grants must change this table too.
var expected = map[zhifa.Role]struct{ own, other []access.Op }{
	zhifa.RoleOfficer:    {own: []access.Op{access.PortalRead, access.WorkbenchEnter, access.CaseRead, access.CaseCreate, access.CaseStep, access.PublicationEdit, access.InspectionRead, access.InspectionStep}, other: []access.Op{access.PortalRead, access.WorkbenchEnter}},
	zhifa.RoleUnitHead:   {own: []access.Op{access.PortalRead, access.WorkbenchEnter, access.CaseRead, access.CaseApprove, access.PublicationEdit, access.ComplaintHandle, access.InspectionRead, access.InspectionManage, access.InspectionStep}, other: []access.Op{access.PortalRead, access.WorkbenchEnter}},
	zhifa.RoleReviewer:   {own: []access.Op{access.PortalRead, access.WorkbenchEnter, access.CaseRead, access.CaseReview, access.CatalogManage, access.InspectionRead}, other: []access.Op{access.PortalRead, access.WorkbenchEnter}},
	zhifa.RoleAgencyHead: {own: []access.Op{access.PortalRead, access.WorkbenchEnter, access.CaseRead, access.CaseDecide, access.PublicationEdit, access.PublicationWithdraw, access.ComplaintHandle, access.OpinionReply, access.ReviewExtend, access.InspectionRead, access.InspectionManage}, other: []access.Op{access.PortalRead, access.WorkbenchEnter}},
	zhifa.RoleSupervisor: {own: []access.Op{access.PortalRead, access.WorkbenchEnter, access.CaseRead, access.Supervise, access.AuditRead, access.ComplaintHandle, access.InspectionRead}, other: []access.Op{access.PortalRead, access.WorkbenchEnter, access.CaseRead, access.Supervise, access.AuditRead, access.ComplaintHandle, access.InspectionRead}},
	zhifa.RoleSysAdmin:   {own: []access.Op{access.PortalRead, access.WorkbenchEnter, access.RegistryManage, access.UserManage, access.CalendarManage, access.CatalogManage}, other: []access.Op{access.PortalRead, access.WorkbenchEnter, access.RegistryManage, access.UserManage, access.CalendarManage, access.CatalogManage}},
	zhifa.RoleSecAdmin:   {own: []access.Op{access.PortalRead, access.WorkbenchEnter, access.RoleAssign}, other: []access.Op{access.PortalRead, access.WorkbenchEnter, access.RoleAssign}},
	zhifa.RoleAuditor:    {own: []access.Op{access.PortalRead, access.WorkbenchEnter, access.AuditRead}, other: []access.Op{access.PortalRead, access.WorkbenchEnter, access.AuditRead}},
}

func contains(ops []access.Op, op access.Op) bool {
	for _, o := range ops {
		if o == op {
			return true
		}
	}
	return false
}

// TestAuthorizationTable checks every role × operation, on the actor's own
// agency and across agencies, through real logins on both databases, and
// that every denial is recorded in the ledger.
func TestAuthorizationTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := MustService(t, db)
		sfj := &registry.Agency{Name: "汉阴县司法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A000170", Region: "610921", Supervisor: true}
		a1 := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
		a2 := &registry.Agency{Name: "汉阴县城市管理执法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00033M", Region: "610921"}
		for _, ag := range []*registry.Agency{sfj, a1, a2} {
			if err := s.CreateAgency(ctx, zhifa.Console, ag); err != nil {
				t.Fatalf("%s: %v", ag.Name, err)
			}
		}
		for _, role := range zhifa.AllRoles {
			agency := a1.ID
			switch {
			case role == zhifa.RoleSupervisor:
				agency = sfj.ID
			case role.IsAdmin():
				agency = 0
			}
			in := identity.UserInput{Username: "u-" + string(role), Name: "测试" + role.Name(), AgencyID: agency, Roles: []zhifa.Role{role}, Password: testPassword}
			if _, err := s.CreateUser(ctx, zhifa.Console, in); err != nil {
				t.Fatalf("create %s: %v", role, err)
			}
			sess, err := s.Login(ctx, in.Username, testPassword)
			if err != nil {
				t.Fatalf("login %s: %v", role, err)
			}
			actor, err := s.Authenticate(ctx, sess.Token)
			if err != nil {
				t.Fatal(err)
			}
			own := actor.AgencyID
			if own == 0 {
				own = a1.ID
			}
			other := a2.ID
			if own == a2.ID {
				other = a1.ID
			}
			for _, op := range access.Ops {
				for _, tc := range []struct {
					where  string
					agency int64
					allow  []access.Op
				}{{"own", own, expected[role].own}, {"other", other, expected[role].other}} {
					before, _ := db.LogSize()
					err := s.Authorize(ctx, actor, op, tc.agency, "test/"+string(op))
					after, _ := db.LogSize()
					want := contains(tc.allow, op)
					if got := err == nil; got != want {
						t.Errorf("%s %s on %s agency: allowed = %v, want %v (%v)", role, op, tc.where, got, want, err)
						continue
					}
					if want {
						continue
					}
					if zhifa.ErrorCode(err) != zhifa.EFORBIDDEN || after != before+1 {
						t.Errorf("%s %s on %s: err %v, events %d→%d; want forbidden and one recorded denial", role, op, tc.where, err, before, after)
						continue
					}
					leaf, e, _ := s.Event(ctx, after-1)
					if e.Type != "access.denied" || e.Actor != actor.Ref() {
						t.Errorf("denial event = %s", leaf)
					}
				}
			}
		}
	})
}
