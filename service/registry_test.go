package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

func regDate(s string) time.Time {
	t, ok := zhifa.ParseDate(s)
	if !ok {
		panic(s)
	}
	return t
}

// registryFixture returns a service with one agency.
func registryFixture(t *testing.T, db *store.DB) (*service.Service, *zhifa.Agency) {
	t.Helper()
	s := MustService(t, db)
	ag := &zhifa.Agency{Name: "汉阴县市场监督管理局", Kind: zhifa.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
	if err := s.CreateAgency(context.Background(), zhifa.Console, ag); err != nil {
		t.Fatal(err)
	}
	return s, ag
}

func goodOfficer(agencyID int64) *zhifa.Officer {
	return &zhifa.Officer{AgencyID: agencyID, Name: "王志强", Gender: "男", Post: "科员", CertNo: "61092100123", Category: "市场监管",
		ValidFrom: regDate("2024-01-01"), ValidTo: regDate("2029-12-31")}
}

func TestOfficerValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, ag := registryFixture(t, db)
		tests := []struct {
			name   string
			change func(o *zhifa.Officer)
			field  string
			msg    string
		}{
			{"name required", func(o *zhifa.Officer) { o.Name = "  " }, "name", "请填写姓名"},
			{"gender", func(o *zhifa.Officer) { o.Gender = "M" }, "gender", "性别须为“男”或“女”"},
			{"cert required", func(o *zhifa.Officer) { o.CertNo = "" }, "cert_no", "请填写执法证号"},
			{"cert too short", func(o *zhifa.Officer) { o.CertNo = "12345" }, "cert_no", "执法证号须为 6 至 20 位字母或数字"},
			{"cert too long", func(o *zhifa.Officer) { o.CertNo = strings.Repeat("1", 21) }, "cert_no", "执法证号须为 6 至 20 位字母或数字"},
			{"cert punctuation", func(o *zhifa.Officer) { o.CertNo = "6109-2100" }, "cert_no", "执法证号须为 6 至 20 位字母或数字"},
			{"valid_from required", func(o *zhifa.Officer) { o.ValidFrom = time.Time{} }, "valid_from", "请填写有效期起始日期(格式 YYYY-MM-DD)"},
			{"valid_to after from", func(o *zhifa.Officer) { o.ValidTo = o.ValidFrom }, "valid_to", "有效期截止日期须晚于起始日期"},
			{"status", func(o *zhifa.Officer) { o.Status = "停用" }, "status", "证件状态须为:有效、暂扣或注销"},
			{"agency required", func(o *zhifa.Officer) { o.AgencyID = 0 }, "agency_id", "请选择所属执法主体"},
			{"agency exists", func(o *zhifa.Officer) { o.AgencyID = 999 }, "agency_id", "所选执法主体不存在"},
			{"category", func(o *zhifa.Officer) { o.Category = "" }, "category", "请填写执法类别(领域)"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, _ := db.LogSize()
				o := goodOfficer(ag.ID)
				tt.change(o)
				err := s.CreateOfficer(ctx, zhifa.Console, o)
				e, ok := err.(*zhifa.Error)
				if !ok || e.Code != zhifa.EINVALID {
					t.Fatalf("CreateOfficer = %v, want EINVALID", err)
				}
				if got := e.Problems[tt.field]; got != tt.msg {
					t.Fatalf("problems[%s] = %q, want %q (all: %v)", tt.field, got, tt.msg, e.Problems)
				}
				if after, _ := db.LogSize(); after != before {
					t.Fatalf("refused input wrote %d ledger events", after-before)
				}
				if os, _ := s.Officers(ctx, service.OfficerFilter{}); len(os) != 0 {
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
		good := func() *zhifa.Matter {
			return &zhifa.Matter{AgencyID: ag.ID, Name: "对未取得食品经营许可从事食品经营活动的处罚", Category: "行政处罚",
				Basis: "《中华人民共和国食品安全法》第一百二十二条", PenaltyKinds: []string{"罚款"}}
		}
		tests := []struct {
			name   string
			change func(m *zhifa.Matter)
			field  string
			msg    string
		}{
			{"name required", func(m *zhifa.Matter) { m.Name = "" }, "name", "请填写事项名称"},
			{"basis required", func(m *zhifa.Matter) { m.Basis = " " }, "basis", "请填写法律依据(法律法规名称及条款)"},
			{"category", func(m *zhifa.Matter) { m.Category = "行政指导" }, "category", "事项类别须为:" + strings.Join(zhifa.MatterCategories, "、")},
			{"penalty kind", func(m *zhifa.Matter) { m.PenaltyKinds = []string{"游街"} }, "penalty_kinds", "“游街”不是《行政处罚法》第九条规定的处罚种类"},
			{"penalty kinds only for penalties", func(m *zhifa.Matter) { m.Category = "行政许可" }, "penalty_kinds", "只有行政处罚事项可填写处罚种类"},
			{"agency exists", func(m *zhifa.Matter) { m.AgencyID = 999 }, "agency_id", "所选执法主体不存在"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, _ := db.LogSize()
				m := good()
				tt.change(m)
				err := s.CreateMatter(ctx, zhifa.Console, m)
				e, ok := err.(*zhifa.Error)
				if !ok || e.Code != zhifa.EINVALID {
					t.Fatalf("CreateMatter = %v, want EINVALID", err)
				}
				if got := e.Problems[tt.field]; got != tt.msg {
					t.Fatalf("problems[%s] = %q, want %q (all: %v)", tt.field, got, tt.msg, e.Problems)
				}
				if after, _ := db.LogSize(); after != before {
					t.Fatalf("refused input wrote %d ledger events", after-before)
				}
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
		if o.CertNo != "SX61092100123" || o.Status != zhifa.OfficerValid {
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
		for _, tt := range []struct{ status, state string }{
			{zhifa.OfficerSuspended, zhifa.CertSuspended},
			{zhifa.OfficerRevoked, zhifa.CertRevoked},
			{zhifa.OfficerValid, zhifa.CertValid},
		} {
			o.Status = tt.status
			if err := s.UpdateOfficer(ctx, zhifa.Console, o); err != nil {
				t.Fatal(err)
			}
			got, err := s.OfficerByCert(ctx, " sx61092100123 ")
			if err != nil {
				t.Fatal(err)
			}
			if st := got.CertState(regDate("2026-06-01")); st != tt.state {
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
		if err := s.UpdateOfficer(ctx, zhifa.Console, &zhifa.Officer{ID: 999}); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			t.Fatalf("update unknown: %v", err)
		}
	})
}

func TestCertState(t *testing.T) {
	o := zhifa.Officer{ValidFrom: regDate("2024-01-01"), ValidTo: regDate("2026-12-31"), Status: zhifa.OfficerValid}
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		status string
		today  time.Time
		want   string
	}{
		{zhifa.OfficerValid, regDate("2023-12-31"), zhifa.CertNotYetValid},
		{zhifa.OfficerValid, regDate("2024-01-01"), zhifa.CertValid},
		{zhifa.OfficerValid, regDate("2026-12-31"), zhifa.CertValid},
		{zhifa.OfficerValid, regDate("2027-01-01"), zhifa.CertExpired},
		// 2026-12-31T17:00Z is already 2027-01-01 in China.
		{zhifa.OfficerValid, time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), zhifa.CertExpired},
		{zhifa.OfficerValid, time.Date(2026, 12, 31, 23, 59, 0, 0, cst), zhifa.CertValid},
		{zhifa.OfficerSuspended, regDate("2025-01-01"), zhifa.CertSuspended},
		{zhifa.OfficerRevoked, regDate("2025-01-01"), zhifa.CertRevoked},
		{zhifa.OfficerRevoked, regDate("2030-01-01"), zhifa.CertRevoked},
	}
	for _, tt := range tests {
		o.Status = tt.status
		if got := o.CertState(tt.today); got != tt.want {
			t.Errorf("CertState(%s, %v) = %s, want %s", tt.status, tt.today, got, tt.want)
		}
	}
}
