package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// regWrite runs fn in a write that records a test event.
func regWrite(t *testing.T, db *store.DB, fn func(tx *store.Tx) error) error {
	t.Helper()
	return db.Write(context.Background(), func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "test", Object: "test/1", Actor: "system/test"})
		return err
	})
}

func regDay(s string) time.Time {
	t, ok := zhifa.ParseDate(s)
	if !ok {
		panic(s)
	}
	return t
}

func TestOfficers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
		o := &registry.Officer{Name: "王志强", Gender: registry.GenderMale, Post: "科员", CertNo: "61092100123", Category: "市场监管",
			ValidFrom: zhifa.DateFromTime(regDay("2024-01-01")), ValidTo: zhifa.DateFromTime(regDay("2029-12-31")), Status: registry.OfficerValid, LegalQualification: true}
		if err := regWrite(t, db, func(tx *store.Tx) error {
			if err := tx.CreateAgency(ag); err != nil {
				return err
			}
			o.AgencyID = ag.ID
			return tx.CreateOfficer(o)
		}); err != nil {
			t.Fatal(err)
		}
		if o.ID == 0 {
			t.Fatal("CreateOfficer set no ID")
		}
		cert := "61092100123"
		got, err := db.FindOfficer(ctx, registry.OfficerFilter{CertNo: &cert})
		if err != nil {
			t.Fatal(err)
		}
		want := *o
		want.AgencyName = ag.Name
		want.Created, want.Updated = got.Created, got.Updated
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("FindOfficer = %+v\nwant %+v", *got, want)
		}
		if got.Created.Sub(o.Created).Abs() > time.Millisecond {
			t.Fatalf("created = %v, want %v", got.Created, o.Created)
		}

		dup := *o
		dup.ID = 0
		err = regWrite(t, db, func(tx *store.Tx) error { return tx.CreateOfficer(&dup) })
		if zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Fatalf("duplicate cert number: %v, want EINVALID", err)
		}

		o.Status, o.Post = registry.OfficerSuspended, "副科长"
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.UpdateOfficer(o) }); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name string
			f    registry.OfficerFilter
			n    int
		}{
			{"all", registry.OfficerFilter{}, 1},
			{"by id", registry.OfficerFilter{ID: &o.ID}, 1},
			{"by agency", registry.OfficerFilter{AgencyID: &ag.ID}, 1},
			{"by category", registry.OfficerFilter{Category: regPtr("市场监管")}, 1},
			{"other category", registry.OfficerFilter{Category: regPtr("交通运输")}, 0},
			{"suspended", registry.OfficerFilter{Status: regPtr(registry.OfficerSuspended)}, 1},
			{"valid", registry.OfficerFilter{Status: regPtr(registry.OfficerValid)}, 0},
			{"unknown cert", registry.OfficerFilter{CertNo: regPtr("X")}, 0},
		} {
			os, err := db.FindOfficers(ctx, tt.f)
			if err != nil || len(os) != tt.n {
				t.Errorf("%s: %d officers, %v; want %d", tt.name, len(os), err, tt.n)
			}
		}
		got, err = db.FindOfficer(ctx, registry.OfficerFilter{ID: &o.ID})
		if err != nil || got.Status != registry.OfficerSuspended || got.Post != "副科长" {
			t.Fatalf("after update: %+v, %v", got, err)
		}
		if _, err := db.FindOfficer(ctx, registry.OfficerFilter{CertNo: regPtr("none")}); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			t.Fatalf("unknown officer: %v, want ENOTFOUND", err)
		}
	})
}

func TestMatters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag := &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
		m := &registry.Matter{Code: "CF-001", Name: "对未取得食品生产经营许可从事食品生产经营活动的处罚", Category: registry.MatterPenalty,
			Basis: "《中华人民共和国食品安全法》第一百二十二条", PenaltyKinds: []string{"没收违法所得", "罚款"}, Procedure: "一般程序", TimeLimit: "立案之日起九十日", Unit: "执法大队"}
		lic := &registry.Matter{Name: "食品经营许可", Category: "行政许可", Basis: "《中华人民共和国食品安全法》第三十五条"}
		if err := regWrite(t, db, func(tx *store.Tx) error {
			if err := tx.CreateAgency(ag); err != nil {
				return err
			}
			m.AgencyID, lic.AgencyID = ag.ID, ag.ID
			if err := tx.CreateMatter(m); err != nil {
				return err
			}
			return tx.CreateMatter(lic)
		}); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindMatter(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := *m
		want.AgencyName = ag.Name
		want.Created, want.Updated = got.Created, got.Updated
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("FindMatter = %+v\nwant %+v", *got, want)
		}
		dup := &registry.Matter{AgencyID: ag.ID, Code: "CF-001", Name: "重复", Category: "其他", Basis: "x"}
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.CreateMatter(dup) }); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Fatalf("duplicate code: %v, want EINVALID", err)
		}
		m.PenaltyKinds, m.TimeLimit = []string{"警告"}, "六十日"
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.UpdateMatter(m) }); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindMatter(ctx, m.ID)
		if !reflect.DeepEqual(got.PenaltyKinds, []string{"警告"}) || got.TimeLimit != "六十日" {
			t.Fatalf("after update: %+v", got)
		}
		for _, tt := range []struct {
			name string
			f    registry.MatterFilter
			n    int
		}{
			{"all", registry.MatterFilter{}, 2},
			{"by agency", registry.MatterFilter{AgencyID: &ag.ID}, 2},
			{"penalty", registry.MatterFilter{Category: regPtr(registry.MatterPenalty)}, 1},
			{"licence", registry.MatterFilter{Category: regPtr("行政许可")}, 1},
			{"other agency", registry.MatterFilter{AgencyID: regPtr(ag.ID + 1)}, 0},
		} {
			ms, err := db.FindMatters(ctx, tt.f)
			if err != nil || len(ms) != tt.n {
				t.Errorf("%s: %d matters, %v; want %d", tt.name, len(ms), err, tt.n)
			}
		}
		if lic2, _ := db.FindMatter(ctx, lic.ID); lic2.PenaltyKinds != nil {
			t.Errorf("licence penalty kinds = %q, want none", lic2.PenaltyKinds)
		}
		if _, err := db.FindMatter(ctx, 9999); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			t.Fatalf("unknown matter: %v", err)
		}
	})
}

func regPtr[T any](v T) *T { return &v }
