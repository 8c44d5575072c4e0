package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
	"github.com/zhifa/zhifa/supervision"
)

// TestAnnualReport: last year's report is generated from the records, may
// be generated again while a draft, is published once and then never
// changes; the portal's list holds only published reports; the records
// verify on both engines.
func TestAnnualReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sfj, scj, _ := supervisionAgencies(t, db)
		svc, clock := supervisionService(t, db)
		sup := zhifa.Actor{UserID: 1, AgencyID: sfj.ID, Roles: []zhifa.Role{zhifa.RoleSupervisor}}
		year := zhifa.DateOf(clock()).Y - 1
		if _, err := svc.GenerateReport(ctx, sup, year+1); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Fatalf("this year's report: %v", err)
		}
		head := zhifa.Actor{UserID: 2, AgencyID: scj.ID, Roles: []zhifa.Role{zhifa.RoleAgencyHead}}
		if _, err := svc.GenerateReport(ctx, head, year); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("an agency head generated a report: %v", err)
		}
		r, err := svc.GenerateReport(ctx, sup, year)
		if err != nil || len(r.Agencies) != 1 || r.Agencies[0].AgencyName != scj.Name || r.Status != supervision.ReportDraft {
			t.Fatalf("generate: %+v %v", r, err)
		}
		if pub, _ := svc.PublishedReports(ctx, nil); len(pub) != 0 {
			t.Fatal("a draft is on the portal")
		}
		r2, err := svc.GenerateReport(ctx, sup, year)
		if err != nil || r2.ID != r.ID {
			t.Fatalf("generate again: %+v %v", r2, err)
		}
		if r, err = svc.PublishReport(ctx, sup, r.ID); err != nil || r.Status != supervision.ReportPublished {
			t.Fatalf("publish: %+v %v", r, err)
		}
		if _, err := svc.GenerateReport(ctx, sup, year); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Fatalf("generate after publication: %v", err)
		}
		if _, err := svc.PublishReport(ctx, sup, r.ID); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Fatalf("publish twice: %v", err)
		}
		pub, err := svc.PublishedReports(ctx, nil)
		if err != nil || len(pub) != 1 || pub[0].Year != year || pub[0].SupervisorName != sfj.Name || pub[0].Agencies[0].Officers != 0 {
			t.Fatalf("published: %+v %v", pub, err)
		}
		checkVerifies(t, db)
	})
}

// supervisionAgencies creates a county 司法局, one agency of its county and
// one of another county.
func supervisionAgencies(t *testing.T, db *store.DB) (sfj, scj, far *registry.Agency) {
	t.Helper()
	sfj = &registry.Agency{Name: "汉阴县司法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A000170", Region: "610921", Supervisor: true}
	scj = &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
	far = &registry.Agency{Name: "石泉县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610922MB1A00025T", Region: "610922"}
	if err := regWrite(t, db, func(tx *store.Tx) error {
		for _, ag := range []*registry.Agency{sfj, scj, far} {
			if err := tx.CreateAgency(ag); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return sfj, scj, far
}

// supervisionService is the supervision context over db, on the test's clock.
func supervisionService(t *testing.T, db *store.DB) (*supervision.Service, func() time.Time) {
	clock := testdate.Clock(t)
	reg := &registry.Service{Store: store.RegistryStore(db), Now: clock}
	return &supervision.Service{Store: store.SupervisionStore(db), Reports: store.ReportStore(db), Agencies: reg, Guard: access.Guard{Denials: db}, Now: clock}, clock
}
