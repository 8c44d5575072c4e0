package penalty_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa/publicity"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// caseWorld is one agency with its people: two officers (o1, o2), a third
// officer with an expired certificate (stale), a unit head, a legal
// reviewer with 法律职业资格, an agency head, and a penalty matter. The clock
// starts at 10:00 in China on the test date (testdate) and can be moved.
type caseWorld struct {
	t      *testing.T
	db     *store.DB
	svc    *service.Service
	now    time.Time
	agency *registry.Agency
	matter *registry.Matter
	// actors
	o1, o2, stale, head, reviewer, boss zhifa.Actor
	// officer records
	off1, off2, offStale, offHead, offReviewer *registry.Officer
}

// certDate is the test date (testdate) moved by years and months, written
// YYYY-MM-DD: the tests' certificates are valid, lapsed or not yet in force
// counted from it, so that they keep their state on any test date.
func certDate(tb testing.TB, years, months int) string {
	tb.Helper()
	return testdate.Today(tb).AddDate(years, months, 0).Format(time.DateOnly)
}

func newCaseWorld(t *testing.T, db *store.DB) *caseWorld {
	t.Helper()
	ctx := context.Background()
	w := &caseWorld{t: t, db: db, now: testdate.Now(t)}
	w.svc = service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return w.now })
	if err := w.svc.OpenBlobs(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	w.agency = &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", ReviewDays: 5}
	must(t, w.svc.CreateAgency(ctx, zhifa.Console, w.agency))
	w.matter = &registry.Matter{AgencyID: w.agency.ID, Name: "生产经营不符合食品安全标准的食品", Category: registry.MatterPenalty,
		Basis: "《中华人民共和国食品安全法》第一百二十四条", PenaltyKinds: []string{"警告", "罚款", "没收违法所得"}}
	must(t, w.svc.CreateMatter(ctx, zhifa.Console, w.matter))
	officer := func(name, cert string, from, to string, legal bool) *registry.Officer {
		o := &registry.Officer{AgencyID: w.agency.ID, Name: name, Gender: "男", Post: "科员", CertNo: cert, Category: "市场监管",
			ValidFrom: zhifa.DateFromTime(regDate(from)), ValidTo: zhifa.DateFromTime(regDate(to)), LegalQualification: legal}
		must(t, w.svc.CreateOfficer(ctx, zhifa.Console, o))
		return o
	}
	user := func(username string, o *registry.Officer, roles ...zhifa.Role) zhifa.Actor {
		in := identity.UserInput{Username: username, Name: username, AgencyID: w.agency.ID, Roles: roles, Password: "Zhifa-Test-2026"}
		if o != nil {
			in.OfficerID = o.ID
		}
		u, err := w.svc.CreateUser(ctx, zhifa.Console, in)
		must(t, err)
		return zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
	}
	from, to := certDate(t, -2, 0), certDate(t, 3, 0)
	w.off1 = officer("王志强", "61092100101", from, to, false)
	w.off2 = officer("李晓燕", "61092100102", from, to, false)
	w.offStale = officer("赵立新", "61092100103", certDate(t, -6, 0), certDate(t, 0, -5), false)
	w.offHead = officer("刘德华", "61092100104", from, to, false)
	w.offReviewer = officer("周敏", "61092100105", from, to, true)
	w.o1 = user("o1", w.off1, zhifa.RoleOfficer)
	w.o2 = user("o2", w.off2, zhifa.RoleOfficer)
	w.stale = user("stale", w.offStale, zhifa.RoleOfficer)
	w.head = user("head", w.offHead, zhifa.RoleUnitHead, zhifa.RoleOfficer)
	w.reviewer = user("reviewer", w.offReviewer, zhifa.RoleReviewer)
	w.boss = user("boss", nil, zhifa.RoleAgencyHead)
	return w
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// person is a synthetic natural-person party (valid check digit).
var person = zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华", IDNumber: "610921198503124517", Phone: "13891534567", Address: "陕西省安康市汉阴县城关镇三元村四组 12 号"}

func (w *caseWorld) register() *zhifa.Case {
	w.t.Helper()
	c, err := w.svc.RegisterCase(context.Background(), w.o1, penalty.CaseInput{MatterID: w.matter.ID, Source: "监督检查",
		Summary: "城关镇一家小餐馆销售超过保质期的食品", Party: person, HandlerIDs: []int64{w.off1.ID, w.off2.ID}})
	must(w.t, err)
	return c
}

func (w *caseWorld) step(a zhifa.Actor, c *zhifa.Case, act penalty.Action, fields map[string]string) (*penalty.StepResult, error) {
	return w.svc.RecordStep(context.Background(), a, c.ID, penalty.StepInput{Action: act, Fields: fields})
}

func (w *caseWorld) mustStep(a zhifa.Actor, c *zhifa.Case, act penalty.Action, fields map[string]string) *penalty.StepResult {
	w.t.Helper()
	r, err := w.step(a, c, act, fields)
	if err != nil {
		w.t.Fatalf("%s: %v", act, err)
	}
	return r
}

func passAll(outcome string) *penalty.ReviewForm {
	in := &penalty.ReviewForm{Outcome: outcome, Opinion: "事实清楚,证据确凿,程序合法,适用依据正确,同意拟处罚意见。"}
	for _, d := range review.Checklist() {
		in.Checklist = append(in.Checklist, review.Item{Code: d.Code, Passed: true})
	}
	return in
}

var decision = map[string]string{"facts": "当事人张建华(身份证号 610921198503124517,电话 13891534567)于2026年11月在其经营的餐馆销售超过保质期的食品。",
	"basis": "《中华人民共和国食品安全法》第一百二十四条第一款", "penalty_kind": "警告、罚款", "penalty": "警告,并处罚款 5000 元",
	"fine": "5000", "payment": "自收到本决定书之日起十五日内缴至指定银行", "remedy": "可在六十日内申请行政复议,或者在六个月内提起行政诉讼"}

// throughNotice takes a fresh case to 已告知.
func (w *caseWorld) throughNotice(c *zhifa.Case) {
	w.t.Helper()
	w.mustStep(w.head, c, penalty.Open, map[string]string{"opinion": "同意立案"})
	w.mustStep(w.o1, c, penalty.SiteRecord, map[string]string{"place": "城关镇新民街餐馆", "content": "现场查见超过保质期的食品 12 袋。"})
	w.mustStep(w.o2, c, penalty.Inquiry, map[string]string{"subject": "张建华", "place": "县市场监督管理局询问室", "content": "当事人承认销售过期食品。"})
	w.mustStep(w.o1, c, penalty.Conclude, map[string]string{"facts": "销售超过保质期的食品", "proposal": "警告,并处罚款 5000 元"})
	w.mustStep(w.o1, c, penalty.Notify, map[string]string{"content": "拟处罚告知", "proposed_penalty": "警告,并处罚款 5000 元", "penalty_kind": "警告、罚款", "fine": "5000", "hearing_right": "是"})
}

func TestCaseEndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newCaseWorld(t, db)
		c := w.register()
		if want := fmt.Sprintf("汉阴市监案〔%d〕1号", w.now.Year()); !strings.HasPrefix(c.Number, want) {
			t.Fatalf("case number %q", c.Number)
		}
		w.throughNotice(c)
		w.mustStep(w.o1, c, penalty.Statement, map[string]string{"waived": "是", "hearing_waived": "是"})
		w.mustStep(w.head, c, penalty.SubmitReview, nil)
		q, err := w.svc.ReviewQueue(ctx, w.reviewer)
		must(t, err)
		if len(q) != 1 || q[0].ID != c.ID {
			t.Fatalf("review queue = %v", q)
		}
		r, err := w.svc.RecordStep(ctx, w.reviewer, c.ID, penalty.StepInput{Action: penalty.Review, Review: passAll(review.OutcomeAgree)})
		must(t, err)
		if r.Case.Stage != string(penalty.Reviewed) {
			t.Fatalf("after review stage %s", r.Case.Stage)
		}
		r = w.mustStep(w.boss, c, penalty.Decide, decision)
		w.mustStep(w.o1, c, penalty.Serve, map[string]string{"method": "直接送达", "recipient": "张建华"})
		w.mustStep(w.o2, c, penalty.Execute, map[string]string{"result": "当事人已缴纳罚款 5000 元"})
		w.mustStep(w.head, c, penalty.Close, map[string]string{"summary": "案件办结"})
		r = w.mustStep(w.o1, c, penalty.Archive, map[string]string{"archive_number": "汉阴市监档〔2026〕15号"})
		if r.Case.Stage != string(penalty.Archived) {
			t.Fatalf("final stage %s", r.Case.Stage)
		}
		d, err := w.svc.Case(ctx, w.o1, c.ID)
		must(t, err)
		if len(d.Steps) != 14 {
			t.Fatalf("%d steps", len(d.Steps))
		}
		for _, dl := range d.Deadlines {
			if dl.MetAt == "" && dl.Rule.ID != "G4" {
				t.Errorf("deadline %s still open", dl.Rule.ID)
			}
		}
		p := d.Publication
		if p == nil || p.Status != publicity.StatusPending {
			t.Fatalf("publication %+v", p)
		}
		// The party's own name is the 执法对象 and is published under the 处罚
		// policy; its ID number, phone and address are not (DOMAIN §9).
		for _, leak := range []string{person.IDNumber, person.Phone, "三元村"} {
			for _, s := range []string{p.PartyName, p.PartyIDNo, p.PartyPhone, p.Address, p.Facts, p.Penalty, p.Payment} {
				if strings.Contains(s, leak) {
					t.Errorf("publication leaks %q in %q", leak, s)
				}
			}
		}
		if p.PartyName != "张建华" || p.PartyIDNo != "610921************" || p.PartyPhone != "138****4567" || p.Address != "陕西省安康市汉阴县****" {
			t.Errorf("party %q %q %q %q", p.PartyName, p.PartyIDNo, p.PartyPhone, p.Address)
		}
		if list, _, _ := w.svc.PublicPublications(ctx, publicity.PublicationFilter{}); len(list) != 0 {
			t.Fatalf("pending publication is public")
		}
		if _, err := w.svc.Publish(ctx, w.o1, p.ID); err != nil {
			t.Fatal(err)
		}
		list, n, err := w.svc.PublicPublications(ctx, publicity.PublicationFilter{Keyword: "保质期"})
		must(t, err)
		if n != 1 || len(list) != 1 {
			t.Fatalf("public list %d", n)
		}
	})
}
