package demo

import (
	"context"
	"io"
	"log/slog"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// mustService returns a service over db on the real clock, as `zhifa demo`
// runs it, with a discarded log.
func mustService(tb testing.TB, db *store.DB) *service.Service {
	tb.Helper()
	svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err := svc.OpenBlobs(tb.TempDir()); err != nil {
		tb.Fatal(err)
	}
	return svc
}

func TestLoad(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := mustService(t, db)
		accounts, err := Load(ctx, svc)
		if err != nil {
			t.Fatal(err)
		}
		today := svc.Today()

		users, err := db.FindUsers(ctx, store.UserFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(users) != len(accounts) {
			t.Errorf("%d users in the database, %d accounts returned", len(users), len(accounts))
		}
		for _, u := range users {
			if !enforces(u.Roles) {
				if u.OfficerID != 0 {
					t.Errorf("%s (%v) is linked to officer %d, want none", u.Username, u.Roles, u.OfficerID)
				}
				continue
			}
			o, err := svc.Officer(ctx, u.OfficerID)
			if err != nil {
				t.Errorf("%s: officer %d: %v", u.Username, u.OfficerID, err)
				continue
			}
			if o.Name != u.Name || o.AgencyID != u.AgencyID {
				t.Errorf("%s (%s, agency %d) is linked to officer %s of agency %d", u.Username, u.Name, u.AgencyID, o.Name, o.AgencyID)
			}
			if got := o.CertState(today); got != zhifa.CertValid {
				t.Errorf("%s: certificate %s is %s on %s, want %s", u.Username, o.CertNo, got, zhifa.FormatDate(today), zhifa.CertValid)
			}
			if slices.Contains(u.Roles, zhifa.RoleReviewer) && !o.LegalQualification {
				t.Errorf("reviewer %s: officer %s has no 法律职业资格", u.Username, o.CertNo)
			}
		}

		officers, err := svc.Officers(ctx, service.OfficerFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(officers) != len(officerSeeds) {
			t.Errorf("%d officers, want %d", len(officers), len(officerSeeds))
		}
		states := map[string]int{}
		for _, o := range officers {
			states[o.CertState(today)]++
		}
		for _, s := range []string{zhifa.CertValid, zhifa.CertExpired, zhifa.CertRevoked, zhifa.CertSuspended} {
			if states[s] == 0 {
				t.Errorf("no certificate is %s on %s (states: %v)", s, zhifa.FormatDate(today), states)
			}
		}

		agencies, err := svc.Agencies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ag := range agencies {
			if ag.Supervisor {
				continue
			}
			ms, err := svc.Matters(ctx, service.MatterFilter{AgencyID: &ag.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) < 3 {
				t.Errorf("%s: %d matters, want at least 3", ag.Name, len(ms))
			}
			if !slices.ContainsFunc(ms, func(m *zhifa.Matter) bool { return m.Category != zhifa.MatterPenalty }) {
				t.Errorf("%s: every matter is a penalty, want an inspection or licence too", ag.Name)
			}
			os, err := svc.Officers(ctx, service.OfficerFilter{AgencyID: &ag.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(os) == 0 {
				t.Errorf("%s: no officers", ag.Name)
			}
		}

		// A second load changes nothing, not even the ledger.
		events, _ := db.LogSize()
		again, err := Load(ctx, svc)
		if err != nil {
			t.Fatalf("second load: %v", err)
		}
		if !reflect.DeepEqual(again, accounts) {
			t.Errorf("second load returned other accounts:\n got %v\nwant %v", again, accounts)
		}
		if n, _ := db.LogSize(); n != events {
			t.Errorf("second load appended %d ledger events", n-events)
		}
		if os, _ := svc.Officers(ctx, service.OfficerFilter{}); len(os) != len(officers) {
			t.Errorf("second load: %d officers, want %d", len(os), len(officers))
		}
		if us, _ := db.FindUsers(ctx, store.UserFilter{}); len(us) != len(users) {
			t.Errorf("second load: %d users, want %d", len(us), len(users))
		}
		if ms, _ := svc.Matters(ctx, service.MatterFilter{}); len(ms) != len(matterSeeds) {
			t.Errorf("second load: %d matters, want %d", len(ms), len(matterSeeds))
		}
	})
}

// TestOfficerSeeds checks the certificate numbering scheme without a
// database: uniqueness alone is enforced by the store.
func TestOfficerSeeds(t *testing.T) {
	codes := map[string]string{"scj": "11", "cgj": "12", "zrj": "13", "jtj": "14", "wjj": "15", "nyj": "16", "yjj": "17"}
	certRe := regexp.MustCompile(`^610921(\d\d)\d{3}$`)
	for _, s := range officerSeeds {
		m := certRe.FindStringSubmatch(s.certNo)
		if m == nil || m[1] != codes[s.agency] {
			t.Errorf("%s (%s): certificate %s, want 610921%s + 3-digit serial", s.name, s.agency, s.certNo, codes[s.agency])
		}
		if officerCategory[s.agency] == "" {
			t.Errorf("%s: no 执法类别 for agency %s", s.certNo, s.agency)
		}
	}
}
