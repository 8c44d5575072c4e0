package registry_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

func regDate(s string) zhifa.Date {
	d, ok := zhifa.ParseCivilDate(s)
	if !ok {
		panic(s)
	}
	return d
}

// MustService returns the registry's service over db, on the test date.
func MustService(tb testing.TB, db *store.DB) *registry.Service {
	tb.Helper()
	db.Now = testdate.Clock(tb)
	return &registry.Service{Store: store.RegistryStore(db), Guard: access.Guard{Denials: db}, Now: db.Now}
}

// registryFixture returns a service with one agency.
func registryFixture(t *testing.T, db *store.DB) (*registry.Service, *registry.Agency) {
	t.Helper()
	s := MustService(t, db)
	return s, mustWrite(t, s.CreateAgency, &registry.Agency{Name: "汉阴县市场监督管理局", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"})
}

// mustWrite writes row with write as the console and returns it.
func mustWrite[R any](t *testing.T, write func(context.Context, zhifa.Actor, R) error, row R) R {
	t.Helper()
	if err := write(context.Background(), zhifa.Console, row); err != nil {
		t.Fatal(err)
	}
	return row
}

// refused checks that err is EINVALID with msg for field, and that the
// ledger did not grow from before.
func refused(t *testing.T, db *store.DB, before int64, err error, field, msg string) {
	t.Helper()
	e, ok := err.(*zhifa.Error)
	if !ok || e.Code != zhifa.EINVALID {
		t.Fatalf("write = %v, want EINVALID", err)
	}
	if got := e.Problems[field]; got != msg {
		t.Fatalf("problems[%s] = %q, want %q (all: %v)", field, got, msg, e.Problems)
	}
	if after, _ := db.LogSize(); after != before {
		t.Fatalf("refused input wrote %d ledger events", after-before)
	}
}

func goodOfficer(agencyID int64) *registry.Officer {
	return &registry.Officer{AgencyID: agencyID, Name: "王志强", Gender: "男", Post: "科员", CertNo: "61092100123", Category: "市场监管",
		ValidFrom: regDate("2024-01-01"), ValidTo: regDate("2029-12-31")}
}

func TestOfficerValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, ag := registryFixture(t, db)
		tests := []struct {
			name   string
			change func(o *registry.Officer)
			field  string
			msg    string
		}{
			{"name required", func(o *registry.Officer) { o.Name = "  " }, "name", "请填写姓名"},
			{"gender", func(o *registry.Officer) { o.Gender = "M" }, "gender", "性别须为“男”或“女”"},
			{"cert required", func(o *registry.Officer) { o.CertNo = "" }, "cert_no", "请填写执法证号"},
			{"cert too short", func(o *registry.Officer) { o.CertNo = "12345" }, "cert_no", "执法证号须为 6 至 20 位字母或数字"},
			{"cert too long", func(o *registry.Officer) { o.CertNo = strings.Repeat("1", 21) }, "cert_no", "执法证号须为 6 至 20 位字母或数字"},
			{"cert punctuation", func(o *registry.Officer) { o.CertNo = "6109-2100" }, "cert_no", "执法证号须为 6 至 20 位字母或数字"},
			{"valid_from required", func(o *registry.Officer) { o.ValidFrom = zhifa.Date{} }, "valid_from", "请填写有效期起始日期(格式 YYYY-MM-DD)"},
			{"valid_to after from", func(o *registry.Officer) { o.ValidTo = o.ValidFrom }, "valid_to", "有效期截止日期须晚于起始日期"},
			{"status", func(o *registry.Officer) { o.Status = "停用" }, "status", "证件状态须为:有效、暂扣或注销"},
			{"agency required", func(o *registry.Officer) { o.AgencyID = 0 }, "agency_id", "请选择所属执法主体"},
			{"agency exists", func(o *registry.Officer) { o.AgencyID = 999 }, "agency_id", "所选执法主体不存在"},
			{"category", func(o *registry.Officer) { o.Category = "" }, "category", "请填写执法类别(领域)"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, _ := db.LogSize()
				o := goodOfficer(ag.ID)
				tt.change(o)
				refused(t, db, before, s.CreateOfficer(ctx, zhifa.Console, o), tt.field, tt.msg)
				if os, _ := s.Officers(ctx, registry.OfficerFilter{}); len(os) != 0 {
					t.Fatalf("refused input wrote %d officers", len(os))
				}
			})
		}
	})
}

func TestMatterValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, ag := registryFixture(t, db)
		good := func() *registry.Matter {
			return &registry.Matter{AgencyID: ag.ID, Name: "对未取得食品经营许可从事食品经营活动的处罚", Category: "行政处罚",
				Basis: "《中华人民共和国食品安全法》第一百二十二条", PenaltyKinds: []string{"罚款"}}
		}
		tests := []struct {
			name   string
			change func(m *registry.Matter)
			field  string
			msg    string
		}{
			{"name required", func(m *registry.Matter) { m.Name = "" }, "name", "请填写事项名称"},
			{"basis required", func(m *registry.Matter) { m.Basis = " " }, "basis", "请填写法律依据(法律法规名称及条款)"},
			{"category", func(m *registry.Matter) { m.Category = "行政指导" }, "category", "事项类别须为:" + strings.Join(registry.MatterCategories, "、")},
			{"penalty kind", func(m *registry.Matter) { m.PenaltyKinds = []string{"游街"} }, "penalty_kinds", "“游街”不是《行政处罚法》第九条规定的处罚种类"},
			{"penalty kinds only for penalties", func(m *registry.Matter) { m.Category = "行政许可" }, "penalty_kinds", "只有行政处罚事项可填写处罚种类"},
			{"agency exists", func(m *registry.Matter) { m.AgencyID = 999 }, "agency_id", "所选执法主体不存在"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, _ := db.LogSize()
				m := good()
				tt.change(m)
				refused(t, db, before, s.CreateMatter(ctx, zhifa.Console, m), tt.field, tt.msg)
			})
		}
		m := good()
		if err := s.CreateMatter(ctx, zhifa.Console, m); err != nil {
			t.Fatal(err)
		}
		m.Name = "改名"
		if err := s.UpdateMatter(ctx, zhifa.Console, m); err != nil {
			t.Fatal(err)
		}
		got, err := s.Matter(ctx, m.ID)
		if err != nil || got.Name != "改名" {
			t.Fatalf("Matter = %+v, %v", got, err)
		}
	})
}

func TestOfficerLifecycleAndLedger(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, ag := registryFixture(t, db)
		before, _ := db.LogSize()
		o := goodOfficer(ag.ID)
		o.CertNo = "sx61092100123"
		if err := s.CreateOfficer(ctx, zhifa.Console, o); err != nil {
			t.Fatal(err)
		}
		if o.CertNo != "SX61092100123" || o.Status != registry.OfficerValid {
			t.Fatalf("normalized officer = %q %q", o.CertNo, o.Status)
		}
		after, _ := db.LogSize()
		if after != before+1 {
			t.Fatalf("CreateOfficer appended %d events, want 1", after-before)
		}
		leaves, err := db.ReadLeaves(before, after)
		if err != nil {
			t.Fatal(err)
		}
		leaf := string(leaves[0])
		if !strings.Contains(leaf, `"officer.created"`) || !strings.Contains(leaf, "sha256:") {
			t.Fatalf("leaf = %s", leaf)
		}
		for _, secret := range []string{"王志强", "SX61092100123", "61092100123"} {
			if strings.Contains(leaf, secret) {
				t.Fatalf("ledger leaf contains %q: %s", secret, leaf)
			}
		}

		// Suspension and revocation show in the public verification.
		for _, tt := range []struct {
			status string
			state  registry.CertState
		}{
			{registry.OfficerSuspended, registry.CertSuspended},
			{registry.OfficerRevoked, registry.CertRevoked},
			{registry.OfficerValid, registry.CertValid},
		} {
			o.Status = tt.status
			if err := s.UpdateOfficer(ctx, zhifa.Console, o); err != nil {
				t.Fatal(err)
			}
			got, err := s.OfficerByCert(ctx, " sx61092100123 ")
			if err != nil {
				t.Fatal(err)
			}
			if st := got.Certificate().State(regDate("2026-06-01")); st != tt.state {
				t.Errorf("after %s: state %s, want %s", tt.status, st, tt.state)
			}
		}
		if _, err := s.OfficerByCert(ctx, "00000000"); zhifa.ErrorCode(err) != zhifa.ENOTFOUND || !strings.Contains(err.Error(), "未查到该执法证号") {
			t.Fatalf("unknown cert: %v", err)
		}

		// A second officer may not take the same certificate number.
		dup := goodOfficer(ag.ID)
		dup.CertNo = o.CertNo
		if err := s.CreateOfficer(ctx, zhifa.Console, dup); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Fatalf("duplicate cert: %v", err)
		}

		// The public and non-administrators may not change the registry.
		if err := s.UpdateOfficer(ctx, zhifa.Actor{}, o); zhifa.ErrorCode(err) != zhifa.EUNAUTHORIZED {
			t.Fatalf("public update: %v", err)
		}
		officer := zhifa.Actor{UserID: 42, AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}}
		if err := s.CreateOfficer(ctx, officer, goodOfficer(ag.ID)); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("officer creates officer: %v", err)
		}
		if err := s.UpdateOfficer(ctx, zhifa.Console, &registry.Officer{ID: 999}); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			t.Fatalf("update unknown: %v", err)
		}
	})
}

// TestOfficerCertificate checks the officer's certificate against the one
// state function on the civil day in China.
func TestOfficerCertificate(t *testing.T) {
	o := registry.Officer{ValidFrom: regDate("2024-01-01"), ValidTo: regDate("2026-12-31"), Status: registry.OfficerValid}
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		status string
		today  zhifa.Date
		want   registry.CertState
	}{
		{registry.OfficerValid, regDate("2023-12-31"), registry.CertNotYetValid},
		{registry.OfficerValid, regDate("2024-01-01"), registry.CertValid},
		{registry.OfficerValid, regDate("2026-12-31"), registry.CertValid},
		{registry.OfficerValid, regDate("2027-01-01"), registry.CertExpired},
		// 2026-12-31T17:00Z is already 2027-01-01 in China.
		{registry.OfficerValid, zhifa.DateOf(time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC)), registry.CertExpired},
		{registry.OfficerValid, zhifa.DateOf(time.Date(2026, 12, 31, 23, 59, 0, 0, cst)), registry.CertValid},
		{registry.OfficerSuspended, regDate("2025-01-01"), registry.CertSuspended},
		{registry.OfficerRevoked, regDate("2025-01-01"), registry.CertRevoked},
		{registry.OfficerRevoked, regDate("2030-01-01"), registry.CertRevoked},
	}
	for _, tt := range tests {
		o.Status = tt.status
		if got := o.Certificate().State(tt.today); got != tt.want {
			t.Errorf("Certificate().State(%s, %v) = %s, want %s", tt.status, tt.today, got, tt.want)
		}
	}
}

// TestRegistryEvents checks the one write shape on every kind of row: each
// change appends one event of its kind and verb, naming its agency, and a
// change of a certificate's status is recorded as such, with the status it
// had.
func TestRegistryEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, ag := registryFixture(t, db)
		before, _ := db.LogSize()
		ag.Phone = "0915-5212345"
		mustWrite(t, s.UpdateAgency, ag)
		o := mustWrite(t, s.CreateOfficer, goodOfficer(ag.ID))
		o.Post = "副队长"
		mustWrite(t, s.UpdateOfficer, o)
		o.Status = registry.OfficerSuspended
		mustWrite(t, s.UpdateOfficer, o)
		m := mustWrite(t, s.CreateMatter, &registry.Matter{AgencyID: ag.ID, Name: "食品经营许可", Category: "行政许可", Basis: "《中华人民共和国食品安全法》第三十五条"})
		m.Unit = "行政审批股"
		mustWrite(t, s.UpdateMatter, m)
		after, _ := db.LogSize()
		leaves, err := db.ReadLeaves(before, after)
		if err != nil {
			t.Fatal(err)
		}
		agency := `"agency":"` + strconv.FormatInt(ag.ID, 10) + `"`
		want := [][]string{
			{`"agency.updated"`, `"agency/` + strconv.FormatInt(ag.ID, 10) + `"`},
			{`"officer.created"`, `"status":"有效"`},
			{`"officer.updated"`, `"status":"有效"`},
			{`"officer.status_changed"`, `"from":"有效"`, `"status":"暂扣"`},
			{`"matter.created"`, `"matter/` + strconv.FormatInt(m.ID, 10) + `"`},
			{`"matter.updated"`},
		}
		if len(leaves) != len(want) {
			t.Fatalf("%d events, want %d", len(leaves), len(want))
		}
		for i, parts := range want {
			for _, p := range append(parts, agency) {
				if !strings.Contains(string(leaves[i]), p) {
					t.Errorf("event %d = %s, want %s", i, leaves[i], p)
				}
			}
		}
		got, err := s.Officer(ctx, o.ID)
		if err != nil || got.Post != "副队长" || got.Status != registry.OfficerSuspended || !got.Created.Equal(o.Created) {
			t.Errorf("Officer = %+v, %v", got, err)
		}

		// A missing row is reported only to those who may manage the
		// registry; a parent must exist.
		officer := zhifa.Actor{UserID: 42, AgencyID: ag.ID, Roles: []zhifa.Role{zhifa.RoleOfficer}}
		for _, tt := range []struct {
			name string
			err  error
			code string
		}{
			{"unknown agency, console", s.UpdateAgency(ctx, zhifa.Console, &registry.Agency{ID: 999}), zhifa.ENOTFOUND},
			{"unknown agency, officer", s.UpdateAgency(ctx, officer, &registry.Agency{ID: 999}), zhifa.EFORBIDDEN},
			{"unknown matter, public", s.UpdateMatter(ctx, zhifa.Actor{}, &registry.Matter{ID: 999}), zhifa.EUNAUTHORIZED},
			{"unknown matter, console", s.UpdateMatter(ctx, zhifa.Console, &registry.Matter{ID: 999}), zhifa.ENOTFOUND},
			{"officer edits agency", s.UpdateAgency(ctx, officer, ag), zhifa.EFORBIDDEN},
		} {
			if got := zhifa.ErrorCode(tt.err); got != tt.code {
				t.Errorf("%s: %v, want %s", tt.name, tt.err, tt.code)
			}
		}
		child := &registry.Agency{Name: "汉阴县市场监督管理局城关所", Kind: registry.AgencyEntrusted, CreditCode: "11610921MB1A00025T", Region: "610921", ParentID: 999}
		before, _ = db.LogSize()
		refused(t, db, before, s.CreateAgency(ctx, zhifa.Console, child), "parent_id", "上级机关不存在")
	})
}
