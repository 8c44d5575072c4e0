package service_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/recording"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestRecordingOpenings: a recording marked 个人隐私 opens for the officer
// who made it and the agency head, every opening a ledger event; an officer
// of another agency and a colleague who did not make it are refused, and
// each refusal is recorded. Devices of another agency and interruptions
// without a reason are refused at creation. The records verify.
func TestRecordingOpenings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, a := registryFixture(t, db)
		b := &registry.Agency{Name: "汉阴县城市管理执法局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00033M", Region: "610921"}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(s.CreateAgency(ctx, zhifa.Console, b))
		d := func(years int) zhifa.Date { return zhifa.DateFromTime(testdate.Today(t).AddDate(years, 0, 0)) }
		actor := func(username string, ag *registry.Agency, cert string, role zhifa.Role) zhifa.Actor {
			in := identity.UserInput{Username: username, Name: username, AgencyID: ag.ID, Roles: []zhifa.Role{role}, Password: testPassword}
			if cert != "" {
				o := &registry.Officer{AgencyID: ag.ID, Name: username, Gender: "男", Post: "科员", CertNo: cert, Category: "市场监管", ValidFrom: d(-2), ValidTo: d(3)}
				must(s.CreateOfficer(ctx, zhifa.Console, o))
				in.OfficerID = o.ID
			}
			u, err := s.CreateUser(ctx, zhifa.Console, in)
			must(err)
			return zhifa.Actor{UserID: u.ID, Username: username, AgencyID: ag.ID, OfficerID: in.OfficerID, Roles: in.Roles}
		}
		maker := actor("maker", a, "61092100101", zhifa.RoleOfficer)
		colleague := actor("colleague", a, "61092100102", zhifa.RoleOfficer)
		head := actor("head", a, "", zhifa.RoleAgencyHead)
		other := actor("other", b, "61092100201", zhifa.RoleOfficer)

		devA := &registry.Device{AgencyID: a.ID, Number: "DSJ-0001", Kind: registry.DeviceBodyCamera, Model: "DSJ-V9", CustodianID: maker.OfficerID}
		must(s.Devices.CreateDevice(ctx, zhifa.Console, devA))
		devB := &registry.Device{AgencyID: b.ID, Number: "DSJ-0001", Kind: registry.DeviceBodyCamera, Model: "DSJ-V9"}
		must(s.Devices.CreateDevice(ctx, zhifa.Console, devB))
		if err := s.Devices.CreateDevice(ctx, zhifa.Console, &registry.Device{AgencyID: a.ID, Number: "DSJ-0001", Kind: registry.DeviceBodyCamera, Model: "X"}); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Fatalf("duplicate device number: %v", err)
		}

		data := bytes.Repeat([]byte("现场检查录像"), 5000)
		info, err := s.Blobs.Put(bytes.NewReader(data), 0)
		must(err)
		sha, sm := sha256.Sum256(data), sm3.Sum(data)
		if info.SM3 != hex.EncodeToString(sm[:]) {
			t.Fatalf("Put SM3 = %s", info.SM3)
		}
		start := testdate.Today(t).Add(-2 * time.Hour)
		rec := func() *recording.Record {
			return &recording.Record{Kind: recording.Video, DeviceID: devA.ID, OfficerIDs: []int64{maker.OfficerID}, Start: start, End: start.Add(30 * time.Minute),
				Place: "汉阴县城关镇某超市", Mark: recording.Privacy, Name: "现场检查.mp4", ContentType: "video/mp4",
				Interruptions: []recording.Interruption{{From: start.Add(10 * time.Minute), To: start.Add(12 * time.Minute), Reason: "电池电量耗尽,更换电池", Technical: true}}}
		}
		bad := rec()
		bad.DeviceID = devB.ID
		bad.Interruptions[0].Reason = ""
		err = s.Recordings.Create(ctx, maker, bad, recording.Source{Stored: &info})
		var ze *zhifa.Error
		if !errors.As(err, &ze) || ze.Problems["device_id"] == "" || ze.Problems["interruptions.0"] == "" {
			t.Fatalf("bad record: %v", err)
		}
		if err := s.Recordings.Create(ctx, head, rec(), recording.Source{Stored: &info}); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("agency head creates: %v", err)
		}
		r := rec()
		must(s.Recordings.Create(ctx, maker, r, recording.Source{Stored: &info}))
		if r.SHA256 != hex.EncodeToString(sha[:]) || r.Size != int64(len(data)) || r.RetainUntil != recording.DefaultRetention(r) || r.RetainUntil.Sub(zhifa.DateOf(r.End)) < 180 {
			t.Fatalf("record = %+v", r)
		}

		if ok, err := db.DigestAttached(ctx, info.Digest); !ok || err != nil {
			t.Fatalf("a recording's file is not attached for the upload sweep: %v %v", ok, err)
		}

		logSize := func() int64 { n, err := db.LogSize(); must(err); return n }
		for _, tc := range []struct {
			who   string
			a     zhifa.Actor
			code  string
			event string
		}{
			{"other agency's officer", other, zhifa.EFORBIDDEN, "access.denied"},
			{"colleague not on the record", colleague, zhifa.EFORBIDDEN, "access.denied"},
			{"the officer who made it", maker, "", "recording.opened"},
			{"the agency head", head, "", "recording.opened"},
		} {
			before := logSize()
			got, err := s.Recordings.Open(ctx, tc.a, r.ID, "bytes=0-")
			if zhifa.ErrorCode(err) != tc.code || (err == nil) != (got != nil) {
				t.Errorf("%s: %v, want code %q", tc.who, err, tc.code)
				continue
			}
			if after := logSize(); after != before+1 {
				t.Errorf("%s: log %d → %d, want one event", tc.who, before, after)
				continue
			}
			_, e, err := s.Event(ctx, before)
			must(err)
			if e.Type != tc.event || e.Actor != tc.a.Ref() || e.Object != r.Object() {
				t.Errorf("%s: event %s %s %s", tc.who, e.Type, e.Actor, e.Object)
			}
			if tc.event == "recording.opened" && (e.Attrs["range"] != "bytes=0-" || len(e.Files) != 1 || e.Files[0] != info.Digest) {
				t.Errorf("%s: opening event %+v", tc.who, e)
			}
		}
		rep, err := db.VerifyState(ctx)
		must(err)
		if len(rep.Findings) > 0 || rep.Records["av_records"] != 1 || rep.Records["devices"] != 2 {
			t.Fatalf("verify: %+v", rep)
		}
	})
}
