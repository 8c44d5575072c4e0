package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestReviewCatalogs: versions number per agency and kind (catalog or
// floor), and a catalog reads back as written.
func TestReviewCatalogs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
		on := zhifa.DateFromTime(regDay("2026-12-01"))
		mk := func(floor bool, all bool) *registry.ReviewCatalog {
			return &registry.ReviewCatalog{AgencyID: ag.ID, Floor: floor, EffectiveOn: on, AllDecisions: all, Note: "说明", PublishedBy: 7,
				Rules: []registry.CatalogRule{{Code: "R1", Name: "较大数额", ActionType: "行政处罚", PersonAmount: 10000, OrgAmount: 100000,
					PenaltyKinds: []string{"吊销许可证件"}, Triggers: []string{registry.TriggerHearing}, Basis: "本局规定"}}}
		}
		var cs []*registry.ReviewCatalog
		if err := regWrite(t, db, func(tx *store.Tx) error {
			if err := tx.CreateAgency(ag); err != nil {
				return err
			}
			for _, c := range []*registry.ReviewCatalog{mk(false, false), mk(true, false), mk(false, true)} {
				if err := tx.CreateReviewCatalog(c); err != nil {
					return err
				}
				cs = append(cs, c)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if cs[0].Version != 1 || cs[1].Version != 1 || cs[2].Version != 2 {
			t.Errorf("versions %d %d %d", cs[0].Version, cs[1].Version, cs[2].Version)
		}
		got, err := db.FindReviewCatalogs(ctx, ag.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].ID != cs[0].ID || got[1].ID != cs[2].ID || got[2].ID != cs[1].ID {
			t.Fatalf("order %+v", got)
		}
		want := *cs[0]
		want.AgencyName = ag.Name
		if d := want.Created.Sub(got[0].Created); d < 0 || d > time.Millisecond {
			t.Errorf("created %v, want %v", got[0].Created, want.Created)
		}
		want.Created = got[0].Created
		if !reflect.DeepEqual(got[0], want) {
			t.Errorf("read\n%+v\nwant\n%+v", got[0], want)
		}
		if all, err := db.FindReviewCatalogs(ctx); err != nil || len(all) != 3 {
			t.Errorf("all: %d %v", len(all), err)
		}
		if none, err := db.FindReviewCatalogs(ctx, ag.ID+100); err != nil || len(none) != 0 {
			t.Errorf("other agency: %v %v", none, err)
		}
	})
}
