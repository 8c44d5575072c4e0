package demo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa/publicity"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// mustService returns a service over db whose clock reads the test date
// (testdate), as `zhifa demo --today` runs it, with a discarded log.
func mustService(tb testing.TB, db *store.DB) *service.Service {
	tb.Helper()
	svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), testdate.Clock(tb))
	if err := svc.OpenBlobs(tb.TempDir()); err != nil {
		tb.Fatal(err)
	}
	return svc
}

func TestLoad(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := mustService(t, db)
		now := testdate.Now(t)
		accounts, err := Load(ctx, svc)
		if err != nil {
			t.Fatal(err)
		}
		today := svc.Today()
		if got := svc.Now(); !got.Equal(now) {
			t.Errorf("after Load the service clock reads %v, want the clock it had (%v)", got, now)
		}
		if got := db.Now(); !got.Equal(now) {
			t.Errorf("after Load the database clock reads %v, want the clock it had (%v)", got, now)
		}

		users, err := db.FindUsers(ctx, identity.UserFilter{})
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
			if got := o.Certificate().State(today); got != registry.CertValid {
				t.Errorf("%s: certificate %s is %s on %s, want %s", u.Username, o.CertNo, got, today, registry.CertValid)
			}
			if slices.Contains(u.Roles, zhifa.RoleReviewer) && !o.LegalQualification {
				t.Errorf("reviewer %s: officer %s has no 法律职业资格", u.Username, o.CertNo)
			}
		}

		officers, err := svc.Officers(ctx, registry.OfficerFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(officers) != len(officerSeeds)+1 { // and the city's reviewer (catalog.go)
			t.Errorf("%d officers, want %d", len(officers), len(officerSeeds)+1)
		}
		states := map[registry.CertState]int{}
		for _, o := range officers {
			states[o.Certificate().State(today)]++
		}
		for _, s := range []registry.CertState{registry.CertValid, registry.CertExpired, registry.CertRevoked, registry.CertSuspended} {
			if states[s] == 0 {
				t.Errorf("no certificate is %s on %s (states: %v)", s, today, states)
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
			ms, err := svc.Matters(ctx, registry.MatterFilter{AgencyID: &ag.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) < 3 {
				t.Errorf("%s: %d matters, want at least 3", ag.Name, len(ms))
			}
			if !slices.ContainsFunc(ms, func(m *registry.Matter) bool { return m.Category != registry.MatterPenalty }) {
				t.Errorf("%s: every matter is a penalty, want an inspection or licence too", ag.Name)
			}
			os, err := svc.Officers(ctx, registry.OfficerFilter{AgencyID: &ag.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(os) == 0 {
				t.Errorf("%s: no officers", ag.Name)
			}
		}

		checkCases(t, svc)
		checkLedger(t, svc, now)

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
		if os, _ := svc.Officers(ctx, registry.OfficerFilter{}); len(os) != len(officers) {
			t.Errorf("second load: %d officers, want %d", len(os), len(officers))
		}
		if us, _ := db.FindUsers(ctx, identity.UserFilter{}); len(us) != len(users) {
			t.Errorf("second load: %d users, want %d", len(us), len(users))
		}
		if ms, _ := svc.Matters(ctx, registry.MatterFilter{}); len(ms) != len(matterSeeds)+len(cityMatters) {
			t.Errorf("second load: %d matters, want %d", len(ms), len(matterSeeds)+len(cityMatters))
		}
		if cs, _ := db.FindCases(ctx, store.CaseFilter{}); len(cs) != len(stories)+simpleStories+1+inspectionReferrals {
			t.Errorf("second load: %d cases, want %d", len(cs), len(stories)+simpleStories+1+inspectionReferrals)
		}
	})
}

// mustActor returns the demo user username as an actor.
func mustActor(tb testing.TB, db *store.DB, username string) zhifa.Actor {
	tb.Helper()
	u, err := db.FindUser(context.Background(), identity.UserFilter{Username: &username})
	if err != nil {
		tb.Fatalf("user %s: %v", username, err)
	}
	return zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
}

// checkCases checks the loaded cases as the supervisor sees them: every
// stage, the hearing, the returned review, the evidence files, decisions
// numbered per agency, publications published and pending with the
// party's ID number and phone masked, and time limits overdue and due soon.
func checkCases(t *testing.T, svc *service.Service) {
	t.Helper()
	ctx := context.Background()
	db := svc.DB
	jiandu := mustActor(t, db, "jiandu")
	cases, err := svc.Cases(ctx, jiandu, penalty.CaseListFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 20 || len(cases) != len(stories)+simpleStories+1+inspectionReferrals {
		t.Errorf("%d cases, want %d (at least 20)", len(cases), len(stories)+simpleStories+1+inspectionReferrals)
	}
	stages, agencies := map[string]int{}, map[int64]bool{}
	var hearings, returns, resubmitted, files, waived, organisations int
	numbers := map[string]bool{}
	numberRe := regexp.MustCompile(`^(汉阴\p{Han}+)罚〔(20\d\d)〕(\d+)号$`)
	series := map[string]map[string]int{} // lowest serial by agency, then year
	var secrets []string                  // what no published text may hold
	for _, c := range cases {
		stages[c.Stage]++
		agencies[c.AgencyID] = true
		if c.Party.Kind == zhifa.PartyOrganization {
			organisations++
		} else {
			// The address below the county, in full or as it recurs in texts.
			secrets = append(secrets, c.Party.IDNumber, c.Party.Address, strings.TrimPrefix(c.Party.Address, "陕西省安康市汉阴县"))
		}
		secrets = append(secrets, c.Party.Phone)
		steps, err := db.FindSteps(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		reviews, prev := 0, int64(0)
		for _, st := range steps {
			if st.LedgerIndex <= prev {
				t.Errorf("%s step %d (%s): ledger index %d after %d", c.Number, st.Seq, st.Action, st.LedgerIndex, prev)
			}
			prev = st.LedgerIndex
			files += len(st.Files)
			switch penalty.Action(st.Action) {
			case penalty.Hearing:
				if st.Fields["host_officer_id"] != "" {
					hearings++
				}
			case penalty.Statement:
				if st.Fields["waived"] == "true" {
					waived++
				}
			case penalty.Review:
				reviews++
				if !st.Review.Passed {
					returns++
					if !slices.ContainsFunc(st.Review.Checklist, func(f zhifa.ReviewFinding) bool { return !f.Passed && f.Remark != "" }) {
						t.Errorf("%s: review %s without a finding 存在问题", c.Number, st.Review.Outcome)
					}
				}
			case penalty.Decide:
				n := st.Fields["number"]
				if !numberRe.MatchString(n) || numbers[n] {
					t.Errorf("%s: decision number %q is malformed or taken", c.Number, n)
				}
				numbers[n] = true
				if m := numberRe.FindStringSubmatch(n); m != nil {
					serial, _ := strconv.Atoi(m[3])
					if series[m[1]] == nil {
						series[m[1]] = map[string]int{}
					}
					if low, ok := series[m[1]][m[2]]; !ok || serial < low {
						series[m[1]][m[2]] = serial
					}
				}
			}
		}
		if reviews > 1 && c.Stage != string(penalty.Returned) && c.Stage != string(penalty.InReview) {
			resubmitted++
		}
	}
	// A story told across 元旦 starts each agency's series again at 1.
	for agency, years := range series {
		if len(years) > 1 {
			last := slices.Max(slices.Collect(maps.Keys(years)))
			if years[last] != 1 {
				t.Errorf("%s: decisions of %s start at serial %d, want 1 in a new year", agency, last, years[last])
			}
		}
	}
	for _, s := range penalty.Stages {
		if stages[string(s)] == 0 {
			t.Errorf("no case in stage %s (%s); stages: %v", s, penalty.StageName(s), stages)
		}
	}
	for what, n := range map[string]int{"agencies": len(agencies) - 3, "hearings held": hearings, "returned reviews": returns,
		"cases resubmitted and passed": resubmitted, "evidence files": files, "waived statements": waived, "organisation parties": organisations} {
		if n < 1 {
			t.Errorf("%s: %d, want at least 1", what, n)
		}
	}

	pubs, _, err := db.FindPublications(ctx, publicity.PublicationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]int{}
	today := calendar.DateOf(zhifa.CivilDate(svc.Now()))
	var late int
	for _, p := range pubs {
		status[p.Status]++
		if p.Status == publicity.StatusPending && calendar.DateOf(p.DueOn).Before(today) {
			late++
		}
		if p.Status != publicity.StatusPublished {
			continue
		}
		text := fmt.Sprintf("%+v", *p)
		for _, s := range secrets {
			if s != "" && strings.Contains(text, s) {
				t.Errorf("publication %s holds %q", p.Number, s)
			}
		}
	}
	if status[publicity.StatusPublished] < 5 || status[publicity.StatusPending] < 1 || late < 1 || status[publicity.StatusWithdrawn] < 1 {
		t.Errorf("publications %v, %d pending past due; want 5 published, a pending one past due, a withdrawn one", status, late)
	}
	corrected := 0
	for _, p := range pubs {
		for _, c := range p.Corrections {
			if c.Public && p.Status == publicity.StatusPublished {
				corrected++
			}
		}
	}
	if corrected == 0 {
		t.Errorf("no published decision shows a correction")
	}
	if _, n, _ := svc.PublicPublications(ctx, publicity.PublicationFilter{Keyword: "公民身份号码"}); n == 0 {
		t.Errorf("no published decision cites the party's particulars: the redaction is not exercised")
	}

	items, err := svc.DeadlineItems(ctx, jiandu, today)
	if err != nil {
		t.Fatal(err)
	}
	dl := map[deadline.Status]int{}
	for _, it := range items {
		dl[it.Status]++
	}
	if dl[deadline.Overdue] == 0 || dl[deadline.DueSoon] == 0 {
		t.Errorf("deadline monitoring on %s: %d overdue, %d due soon; want some of each", today, dl[deadline.Overdue], dl[deadline.DueSoon])
	}
}

// checkLedger checks that the ledger verifies and that the story's time
// went forward from sixty days or a little more before now (a holiday block
// there moves the start earlier), never past now.
func checkLedger(t *testing.T, svc *service.Service, now time.Time) {
	t.Helper()
	ctx := context.Background()
	db := svc.DB
	const origin = "demo.test/zhifa"
	signer, err := ledger.LoadOrCreateKey(filepath.Join(t.TempDir(), "log.key"), origin)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.Checkpoint(ctx, signer, origin); err != nil {
		t.Fatal(err)
	}
	v, err := signer.Verifier()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ledger.Verify(db, v, origin)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Size == 0 {
		t.Errorf("ledger: %d events, problems %v", rep.Size, rep.Problems)
	}
	leaves, err := db.ReadLeaves(0, rep.Size)
	if err != nil {
		t.Fatal(err)
	}
	var prev time.Time
	for i, leaf := range leaves {
		e, err := ledger.DecodeEvent(leaf)
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if back := now.Sub(e.Time); i == 0 && (back < storyDays*24*time.Hour || back > (storyDays+14)*24*time.Hour) {
			t.Errorf("first event at %v, %v before %v; want 60 to 74 days before", e.Time, back, now)
		}
		if e.Time.Before(prev) || e.Time.After(now) {
			t.Errorf("event %d (%s) at %v, after %v and with the load begun at %v", i, e.Type, e.Time, prev, now)
		}
		prev = e.Time
		for _, s := range stories {
			for _, secret := range []string{s.party.IDNumber, s.party.Phone} {
				if strings.Contains(string(leaf), secret) {
					t.Errorf("event %d holds %q", i, secret)
				}
			}
		}
	}
}

// TestStories checks the story table without a database: synthetic but
// valid identities of 汉阴县 and nearby, each matter the agency's own, and
// every stage of the procedure told.
func TestStories(t *testing.T) {
	phoneRe := regexp.MustCompile(`^1[3-9]\d{9}$`)
	towns := []string{"城关镇", "涧池镇", "蒲溪镇", "平梁镇", "双乳镇", "铁佛寺镇", "漩涡镇", "汉阳镇", "双河口镇", "观音河镇"}
	stages := map[penalty.Stage]bool{}
	for i, s := range stories {
		name := fmt.Sprintf("story %d (%s)", i, s.party.Name)
		stages[s.stop] = true
		p := s.party
		switch p.Kind {
		case zhifa.PartyPerson:
			if !idcode.ValidResident(p.IDNumber) || !strings.HasPrefix(p.IDNumber, "6109") {
				t.Errorf("%s: 公民身份号码 %s invalid or not of 安康", name, p.IDNumber)
			}
			if !phoneRe.MatchString(p.Phone) {
				t.Errorf("%s: mobile %s", name, p.Phone)
			}
		case zhifa.PartyOrganization:
			if !idcode.ValidCredit(p.IDNumber) || p.LegalRep == "" {
				t.Errorf("%s: 统一社会信用代码 %s or 法定代表人 %q", name, p.IDNumber, p.LegalRep)
			}
		}
		if !strings.HasPrefix(p.Address, "陕西省安康市汉阴县") || !slices.ContainsFunc(towns, func(town string) bool { return strings.Contains(p.Address, town) }) {
			t.Errorf("%s: address %s is not in a town of 汉阴县", name, p.Address)
		}
		if !slices.ContainsFunc(matterSeeds, func(m matterSeed) bool {
			return m.code == s.matter && m.agency == s.agency && m.category == registry.MatterPenalty
		}) {
			t.Errorf("%s: %s is not a penalty matter of %s", name, s.matter, s.agency)
		}
		if s.returned != nil && s.returned.outcome == review.OutcomeAgree {
			t.Errorf("%s: a return with outcome 同意", name)
		}
	}
	for _, s := range penalty.Stages {
		if !stages[s] {
			t.Errorf("no story stops at %s (%s)", s, penalty.StageName(s))
		}
	}
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

// TestCertValidity checks, for the test date and the days around the year's
// ends, that every certificate is in its intended state from the story's
// first day to a year after today: the users' valid throughout, the lapsed
// ones lapsed before the story began, and each one five years long.
func TestCertValidity(t *testing.T) {
	test := calendar.DateOf(testdate.Today(t))
	for _, today := range []calendar.Date{test, {Y: test.Y, M: time.December, D: 31}, {Y: test.Y, M: time.January, D: 1}, {Y: test.Y, M: time.February, D: 28}} {
		start := today.Add(-storyDays - 14) // the earliest the story can begin
		for _, s := range officerSeeds {
			from, to := s.certValidity(today)
			if got, want := to.Add(1).Time(time.UTC), from.Time(time.UTC).AddDate(certTerm, 0, 0); !got.Equal(want) {
				t.Errorf("%s on %s: valid %s–%s, want %d years", s.certNo, today, from, to, certTerm)
			}
			o := registry.Officer{ValidFrom: from, ValidTo: to, Status: registry.OfficerValid}
			first, later := o.Certificate().State(zhifa.DateFromTime(start.Time(time.UTC))), o.Certificate().State(zhifa.DateFromTime(today.Add(366).Time(time.UTC)))
			switch {
			case s.user != "" && (first != registry.CertValid || later != registry.CertValid):
				t.Errorf("%s (%s) on %s: %s at the story's start, %s a year on; want valid throughout", s.certNo, s.user, today, first, later)
			case s.certNo == "61092111006" || s.certNo == "61092116003":
				if first != registry.CertExpired {
					t.Errorf("%s on %s: %s when the story begins, want lapsed (%s)", s.certNo, today, first, to)
				}
			}
		}
	}
}
