package store_test

import (
	"context"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
)

// inspectionFixture writes one record of each 行政检查 table through the
// inspection context's store adapter, each with its event, for
// stateFixture.
func inspectionFixture(t *testing.T, db *store.DB, agencyID, officerID int64) {
	t.Helper()
	st := store.InspectionStore(db)
	write := func(typ, object string, fn func(tx inspection.Tx) error) {
		t.Helper()
		if err := st.Write(context.Background(), func(tx inspection.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			_, err := tx.Record(ledger.Event{Type: typ, Object: object, Actor: "user/1", Agency: "1"})
			return err
		}); err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
	}
	it := &inspection.Item{AgencyID: agencyID, Code: "JC-01", Version: 1, Name: "食品经营者监督检查", Basis: "《中华人民共和国食品安全法》第一百一十条",
		Subject: "汉阴县市场监督管理局", Object: "食品经营者", Method: "双随机抽查", Frequency: "每年1次", Ratio: 5, Standard: "进货查验记录",
		Status: inspection.ItemPublished, EffectiveOn: zhifa.Date{Y: 2026, M: 3, D: 2}}
	write("inspection_item.created", "inspection_item/1", func(tx inspection.Tx) error { return tx.CreateItem(it) })
	o := &inspection.Object{AgencyID: agencyID, Kind: "企业", Name: "汉阴县甲食品店", CreditCode: "91610921MA70000007"}
	write("inspection_object.created", "inspection_object/1", func(tx inspection.Tx) error { return tx.CreateObject(o) })
	p := &inspection.Plan{AgencyID: agencyID, ItemID: it.ID, Title: "2026年抽查", Year: 2026, Status: inspection.PlanApproved, ApprovedBy: 1, ApprovedOn: zhifa.Date{Y: 2026, M: 3, D: 2}}
	write("inspection_plan.created", "inspection_plan/1", func(tx inspection.Tx) error { return tx.CreatePlan(p) })
	objs := []inspection.Entry{o.Entry()}
	offs := []inspection.Entry{{ID: officerID, Name: "王志强 61092100123"}, {ID: officerID + 1, Name: "李晓燕 61092100124"}}
	d := &inspection.RandomDraw{PlanID: p.ID, AgencyID: agencyID, Algorithm: inspection.DrawAlgorithm, Rule: inspection.DrawRule{Objects: 1, OfficersPerObject: 2},
		Objects: objs, ObjectsDigest: inspection.ListDigest(objs), Officers: offs, OfficersDigest: inspection.ListDigest(offs), SeedSize: 100, AnnounceIndex: -1,
		Status: inspection.DrawAnnounced}
	write("inspection_draw.announced", "inspection_draw/1", func(tx inspection.Tx) error { return tx.CreateDraw(d) })
	n := &inspection.Inspection{AgencyID: agencyID, ItemID: it.ID, ObjectID: o.ID, Year: 2026, Stage: inspection.Started, OpenedOn: zhifa.Date{Y: 2026, M: 3, D: 2}}
	write("inspection.start", "inspection/1", func(tx inspection.Tx) error {
		if err := tx.CreateInspection(n); err != nil {
			return err
		}
		return tx.CreateInspectionStep(&inspection.Step{InspectionID: n.ID, Action: inspection.Start, Stage: inspection.Started, ActorUserID: 1,
			Fields: map[string]string{"reason": "日常检查"}})
	})
}
