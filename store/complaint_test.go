package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/complaint"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

func complaintService(t *testing.T, db *store.DB) *complaint.Service {
	t.Helper()
	return &complaint.Service{Store: store.ComplaintStore(db), Guard: access.Guard{Denials: db},
		Calendar: func(context.Context) (*calendar.Calendar, error) { return calendar.New(calendar.Builtin()...) },
		Now:      testdate.Clock(t)}
}

// TestComplaintLife: a complaint filed by the public is stored encrypted,
// opened by its query code alone (which is not stored), accepted and
// answered by the agency's head, each step in the ledger, and the records
// verify; another agency's head can neither read nor handle it.
func TestComplaintLife(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		keys, err := store.CreateFieldKeyFile(filepath.Join(t.TempDir(), "data.key"), store.FieldAES)
		if err != nil {
			t.Fatal(err)
		}
		db.SetFieldKeys(keys)
		var ags [2]*registry.Agency
		if err := regWrite(t, db, func(tx *store.Tx) error {
			for i, name := range []string{"汉阴县市场监督管理局", "汉阴县交通运输局"} {
				ags[i] = &registry.Agency{Name: name, Kind: registry.AgencyAdministrative, CreditCode: []string{"11610921MB1A00025T", "11610921MB1A00033L"}[i], Region: "610921"}
				if err := tx.CreateAgency(ags[i]); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		svc := complaintService(t, db)
		code, c, err := svc.File(ctx, zhifa.Actor{}, complaint.Filing{Kind: complaint.KindReport, AgencyID: ags[0].ID,
			Subject: "检查时未出示执法证", Content: "11月20日在城关镇,两名执法人员检查时未出示执法证。", ContactName: "李明", ContactPhone: "13912345678"})
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != complaint.Received || c.AcceptDue.IsZero() || !c.AcceptDue.After(c.ReceivedOn) {
			t.Fatalf("filed complaint %+v", c)
		}
		// Nothing the complainant wrote, nor the code, is stored in the clear.
		var row string
		if err := rawDB(t, db).QueryRow(`SELECT subject || content || contact_name || contact_phone || code_digest FROM complaints`).Scan(&row); err != nil {
			t.Fatal(err)
		}
		for _, plain := range []string{"执法证", "城关镇", "李明", "13912345678", strings.ReplaceAll(code, "-", "")} {
			if strings.Contains(row, plain) {
				t.Errorf("stored row holds %q in the clear", plain)
			}
		}
		v, err := svc.Track(ctx, strings.ToLower(code))
		if err != nil || v.Status != complaint.Received || v.AgencyName != ags[0].Name {
			t.Fatalf("Track = %+v, %v", v, err)
		}
		if _, err := svc.Track(ctx, "2345-6789-ABCD-EFGH"); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			t.Fatalf("Track of another code: %v", err)
		}
		other := zhifa.Actor{UserID: 99, AgencyID: ags[1].ID, Roles: []zhifa.Role{zhifa.RoleAgencyHead}}
		if _, err := svc.Handle(ctx, other, c.ID, complaint.Accept, ""); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("another agency's head handled it: %v", err)
		}
		if cs, err := svc.List(ctx, other, complaint.Filter{}); err != nil || len(cs) != 0 {
			t.Fatalf("another agency's head lists %d complaints, %v", len(cs), err)
		}
		head := zhifa.Actor{UserID: 7, AgencyID: ags[0].ID, Roles: []zhifa.Role{zhifa.RoleAgencyHead}}
		if _, err := svc.Handle(ctx, head, c.ID, complaint.Reply, "经查,情况属实,已责令改正。"); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Fatalf("reply before acceptance: %v", err)
		}
		if c, err = svc.Handle(ctx, head, c.ID, complaint.Accept, ""); err != nil || c.Status != complaint.Accepted || c.ReplyDue.IsZero() {
			t.Fatalf("accept: %+v %v", c, err)
		}
		if c, err = svc.Handle(ctx, head, c.ID, complaint.Reply, "经查,情况属实,已对相关执法人员批评教育并责令改正。"); err != nil || c.Status != complaint.Replied {
			t.Fatalf("reply: %+v %v", c, err)
		}
		if v, err = svc.Track(ctx, code); err != nil || v.Status != complaint.Replied || !strings.Contains(v.Reply, "责令改正") {
			t.Fatalf("Track after reply = %+v, %v", v, err)
		}
		sup := zhifa.Actor{UserID: 8, AgencyID: ags[1].ID, Roles: []zhifa.Role{zhifa.RoleSupervisor}}
		if cs, err := svc.List(ctx, sup, complaint.Filter{}); err != nil || len(cs) != 1 || cs[0].ContactName != "李明" {
			t.Fatalf("supervisor lists %+v, %v", cs, err)
		}
		var events int
		if err := rawDB(t, db).QueryRow(`SELECT COUNT(*) FROM ledger_leaves WHERE object = '` + c.Object() + `' AND type LIKE 'complaint.%'`).Scan(&events); err != nil {
			t.Fatal(err)
		}
		if events != 3 {
			t.Errorf("%d ledger events of %s, want 3 (received, accepted, replied)", events, c.Object())
		}
		checkVerifies(t, db)
	})
}

// TestComplaintRegion: a supervisor handles the complaints about the
// agencies of its region only.
func TestComplaintRegion(t *testing.T) {
	db := storetest.MustOpenSQLite(t)
	ctx := context.Background()
	var ags [2]*registry.Agency
	if err := regWrite(t, db, func(tx *store.Tx) error {
		for i, name := range []string{"汉阴县市场监督管理局", "石泉县市场监督管理局"} {
			ags[i] = &registry.Agency{Name: name, Kind: registry.AgencyAdministrative, CreditCode: []string{"11610921MB1A00025T", "11610922MB1A000259"}[i], Region: []string{"610921", "610922"}[i]}
			if err := tx.CreateAgency(ags[i]); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	svc := complaintService(t, db)
	svc.Region = func(context.Context, zhifa.Actor) ([]int64, error) { return []int64{ags[0].ID}, nil }
	var ids [2]int64
	for i, ag := range ags {
		_, c, err := svc.File(ctx, zhifa.Actor{}, complaint.Filing{Kind: complaint.KindReport, AgencyID: ag.ID, Subject: "未出示证件", Content: "检查时未出示执法证件。"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = c.ID
	}
	sup := zhifa.Actor{UserID: 8, AgencyID: 99, Roles: []zhifa.Role{zhifa.RoleSupervisor}}
	cs, err := svc.List(ctx, sup, complaint.Filter{})
	if err != nil || len(cs) != 1 || cs[0].AgencyID != ags[0].ID {
		t.Fatalf("the supervisor lists %d complaints (%v), want its county's one", len(cs), err)
	}
	if _, err := svc.Handle(ctx, sup, ids[1], complaint.Accept, ""); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
		t.Fatalf("another county's complaint handled: %v", err)
	}
	if _, err := svc.Handle(ctx, sup, ids[0], complaint.Accept, ""); err != nil {
		t.Fatal(err)
	}
}

// TestHotlineImportAllOrNothing: a file of work orders is imported whole;
// one order imported before refuses the whole file, naming it, and leaves
// nothing of it behind.
func TestHotlineImportAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag := &registry.Agency{Name: "汉阴县交通运输局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A0005X8", Region: "610921"}
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.CreateAgency(ag) }); err != nil {
			t.Fatal(err)
		}
		svc := complaintService(t, db)
		head := zhifa.Actor{UserID: 3, AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleUnitHead}}
		file := func(refs ...string) []complaint.Filing {
			var fs []complaint.Filing
			for _, r := range refs {
				fs = append(fs, complaint.Filing{Kind: complaint.KindComplaint, Channel: complaint.ChannelHotline, ExternalRef: r, AgencyID: ag.ID,
					Subject: "罚款过重", Content: "来电人称货车超限被罚款过重。"})
			}
			return fs
		}
		got, err := svc.ImportHotline(ctx, head, file("12345-1", "12345-2"))
		if err != nil || len(got) != 2 || got[0].Code == "" || got[0].Code == got[1].Code {
			t.Fatalf("import: %+v %v", got, err)
		}
		_, err = svc.ImportHotline(ctx, head, file("12345-3", "12345-1"))
		if err == nil || !strings.Contains(err.Error(), "12345-1") {
			t.Fatalf("re-import: %v", err)
		}
		cs, _ := svc.List(ctx, head, complaint.Filter{})
		if len(cs) != 2 {
			t.Fatalf("%d complaints after a refused import, want 2 (nothing of it kept)", len(cs))
		}
		officer := zhifa.Actor{UserID: 4, AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}}
		if _, err := svc.ImportHotline(ctx, officer, file("12345-9")); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("an officer imported: %v", err)
		}
	})
}
