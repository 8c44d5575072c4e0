package review_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestPublishCatalog: a county catalog must include its city's floor; the
// refusal names the missing rule; versions count up; only the agency's
// reviewer (or the administrator) publishes; the event is in the ledger.
func TestPublishCatalog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		reg := &registry.Service{Store: store.RegistryStore(db), Guard: access.Guard{Denials: db, Log: log}, Now: testdate.Clock(t), Log: log}
		s := &review.Service{Store: store.ReviewStore(db), Guard: access.Guard{Denials: db, Log: log}, Now: testdate.Clock(t), Log: log}
		city := &registry.Agency{Name: "安康市市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610900MB1A00010W", Region: "610900", Level: "市级"}
		if err := reg.CreateAgency(ctx, zhifa.Console, city); err != nil {
			t.Fatal(err)
		}
		county := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", ParentID: city.ID}
		if err := reg.CreateAgency(ctx, zhifa.Console, county); err != nil {
			t.Fatal(err)
		}
		today := zhifa.DateOf(testdate.Now(t))
		cityReviewer := zhifa.Actor{UserID: 1, AgencyID: city.ID, Roles: []zhifa.Role{zhifa.RoleReviewer}}
		reviewer := zhifa.Actor{UserID: 2, AgencyID: county.ID, Roles: []zhifa.Role{zhifa.RoleReviewer}}
		officer := zhifa.Actor{UserID: 3, AgencyID: county.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}}
		amount := registry.CatalogRule{Name: "较大数额罚款", ActionType: "行政强制", PersonAmount: 10000, OrgAmount: 100000}
		revoke := registry.CatalogRule{Name: "吊销许可证件、责令停产停业", PenaltyKinds: []string{"吊销许可证件", "责令停产停业"}}
		floor := &registry.ReviewCatalog{AgencyID: city.ID, Floor: true, EffectiveOn: today, Rules: []registry.CatalogRule{amount, revoke}}
		if err := s.PublishCatalog(ctx, cityReviewer, floor); err != nil {
			t.Fatal(err)
		}
		n0, _ := db.LogSize()
		weak := &registry.ReviewCatalog{AgencyID: county.ID, EffectiveOn: today, Rules: []registry.CatalogRule{amount,
			{Name: "吊销", PenaltyKinds: []string{"吊销许可证件"}}}}
		err := s.PublishCatalog(ctx, reviewer, weak)
		if zhifa.ErrorCode(err) != zhifa.ERULE || !strings.Contains(zhifa.ErrorMessage(err), "缺少规则“R2 吊销许可证件、责令停产停业”") ||
			!strings.Contains(zhifa.ErrorMessage(err), "安康市市场监督管理局") {
			t.Errorf("weak catalog: %v", err)
		}
		tests := []struct {
			name string
			a    zhifa.Actor
			c    registry.ReviewCatalog
			code string
			msg  string
		}{
			{"officer", officer, registry.ReviewCatalog{AgencyID: county.ID, EffectiveOn: today, AllDecisions: true}, zhifa.EFORBIDDEN, "制定法制审核目录清单"},
			{"another agency's reviewer", cityReviewer, registry.ReviewCatalog{AgencyID: county.ID, EffectiveOn: today, AllDecisions: true}, zhifa.EFORBIDDEN, ""},
			{"retroactive", reviewer, registry.ReviewCatalog{AgencyID: county.ID, EffectiveOn: today.Add(-1), AllDecisions: true}, zhifa.EINVALID, ""},
			{"no rules", reviewer, registry.ReviewCatalog{AgencyID: county.ID, EffectiveOn: today}, zhifa.EINVALID, ""},
		}
		for _, tt := range tests {
			err := s.PublishCatalog(ctx, tt.a, &tt.c)
			if zhifa.ErrorCode(err) != tt.code || !strings.Contains(zhifa.ErrorMessage(err), tt.msg) {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			}
		}
		if cs, _ := s.Catalogs(ctx, county.ID); len(cs) != 0 {
			t.Fatalf("a refused catalog was stored: %+v", cs)
		}
		n1, _ := db.LogSize()
		if n1 != n0+2 { // the two EFORBIDDEN denials
			t.Errorf("log grew by %d on refusals, want the 2 denials", n1-n0)
		}
		good := &registry.ReviewCatalog{AgencyID: county.ID, EffectiveOn: today, Rules: []registry.CatalogRule{amount, revoke,
			{Name: "经听证", Triggers: []string{registry.TriggerHearing}}}}
		if err := s.PublishCatalog(ctx, reviewer, good); err != nil {
			t.Fatal(err)
		}
		next := &registry.ReviewCatalog{AgencyID: county.ID, EffectiveOn: today.Add(30), AllDecisions: true}
		if err := s.PublishCatalog(ctx, zhifa.Console, next); err != nil {
			t.Fatal(err)
		}
		if good.Version != 1 || next.Version != 2 || good.AgencyName != county.Name {
			t.Errorf("versions %d %d, agency %q", good.Version, next.Version, good.AgencyName)
		}
		if n2, _ := db.LogSize(); n2 != n1+2 {
			t.Errorf("log grew by %d on two publications", n2-n1)
		}
		cs, err := s.Applicable(ctx, county.ID, today)
		if err != nil || len(cs) != 2 || cs[0].ID != good.ID || cs[1].ID != floor.ID {
			t.Fatalf("applicable today: %+v %v", cs, err)
		}
		req, rule, err := s.Scope(ctx, county.ID, today, review.Facts{ActionType: "行政许可", Triggers: []string{registry.TriggerHearing}})
		if err != nil || !req || rule.String() != "汉阴县市场监督管理局 目录清单第1版 R3 经听证" {
			t.Errorf("scope: %v %q %v", req, rule.String(), err)
		}
		cs, _ = s.Applicable(ctx, county.ID, today.Add(30))
		if len(cs) != 2 || cs[0].ID != next.ID {
			t.Errorf("applicable in 30 days: %+v", cs)
		}
		if fl, _ := s.Floors(ctx, county.ID, today); len(fl) != 1 || fl[0].ID != floor.ID {
			t.Errorf("floors %+v", fl)
		}
	})
}
