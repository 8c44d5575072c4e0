package penalty_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// The rule tables below show, one table per rule of the penalty procedure,
// that the service refuses what the law forbids with the code and the
// Chinese message the user sees, and that a refused request changes
// nothing: not the ledger (but for the access.denied event an EFORBIDDEN
// records), not the cases, the case's stage, steps or deadlines. A few rows
// whose code is "" show the request the rule lets through, so that no table
// passes by refusing everything.

// ruleWorld is a caseWorld for the rule tables: the clock as it started,
// and people and a second agency that rows add as they need them.
type ruleWorld struct {
	*caseWorld
	start   time.Time
	seq     int
	foreign *foreignAgency
}

// foreignAgency is another agency with an officer and a head, who must not
// touch the first agency's cases.
type foreignAgency struct {
	agency        *registry.Agency
	off           *registry.Officer
	officer, head zhifa.Actor
}

func newRuleWorld(t *testing.T, db *store.DB) *ruleWorld {
	w := &ruleWorld{caseWorld: newCaseWorld(t, db)}
	w.start = w.now
	return w
}

func actorOf(u *identity.User) zhifa.Actor {
	return zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
}

// newUser creates a user of the agency with roles and no officer record.
func (w *ruleWorld) newUser(roles ...zhifa.Role) zhifa.Actor {
	w.t.Helper()
	w.seq++
	name := fmt.Sprintf("u%d", w.seq)
	u, err := w.svc.CreateUser(context.Background(), zhifa.Console, identity.UserInput{Username: name, Name: name, AgencyID: w.agency.ID,
		Roles: roles, Password: "Zhifa-Test-2026"})
	must(w.t, err)
	return actorOf(u)
}

// newOfficer registers an officer of the agency, certificate valid from two
// years before the test date to three years after it, and a user with
// roles linked to it.
func (w *ruleWorld) newOfficer(name string, legal bool, roles ...zhifa.Role) (*registry.Officer, zhifa.Actor) {
	w.t.Helper()
	return w.newOfficerIn(w.agency.ID, name, certDate(w.t, -2, 0), legal, roles...)
}

func (w *ruleWorld) newOfficerIn(agencyID int64, name, validFrom string, legal bool, roles ...zhifa.Role) (*registry.Officer, zhifa.Actor) {
	w.t.Helper()
	ctx := context.Background()
	w.seq++
	o := &registry.Officer{AgencyID: agencyID, Name: name, Gender: "女", Post: "科员", CertNo: fmt.Sprintf("6109210%04d", 500+w.seq),
		Category: "市场监管", ValidFrom: zhifa.DateFromTime(regDate(validFrom)), ValidTo: zhifa.DateFromTime(regDate(certDate(w.t, 3, 0))), LegalQualification: legal}
	must(w.t, w.svc.CreateOfficer(ctx, zhifa.Console, o))
	username := fmt.Sprintf("u%d", w.seq)
	u, err := w.svc.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: username, Name: name, AgencyID: agencyID, OfficerID: o.ID,
		Roles: roles, Password: "Zhifa-Test-2026"})
	must(w.t, err)
	return o, actorOf(u)
}

// setStatus changes the status of an officer's certificate at the console.
func (w *ruleWorld) setStatus(o *registry.Officer, status string) {
	w.t.Helper()
	x := *o
	x.Status = status
	must(w.t, w.svc.UpdateOfficer(context.Background(), zhifa.Console, &x))
}

// other returns the second agency, creating it on first use.
func (w *ruleWorld) other() *foreignAgency {
	w.t.Helper()
	if w.foreign != nil {
		return w.foreign
	}
	ctx := context.Background()
	f := &foreignAgency{agency: &registry.Agency{Name: "汉阴县城市管理执法局", ShortName: "汉阴城管", Kind: registry.AgencyAdministrative,
		CreditCode: "11610921MB1A00033M", Region: "610921"}}
	must(w.t, w.svc.CreateAgency(ctx, zhifa.Console, f.agency))
	f.off, f.officer = w.newOfficerIn(f.agency.ID, "马建军", certDate(w.t, -2, 0), false, zhifa.RoleOfficer)
	_, f.head = w.newOfficerIn(f.agency.ID, "黄海波", certDate(w.t, -2, 0), false, zhifa.RoleAgencyHead)
	w.foreign = f
	return f
}

// Forms of the steps, filled in.
var (
	inspectionForm = map[string]string{"place": "城关镇新民街餐馆", "content": "现场查见超过保质期的食品 12 袋。"}
	inquiryForm    = map[string]string{"subject": "张建华", "place": "县市场监督管理局询问室", "content": "当事人承认销售过期食品。"}
	evidenceForm   = map[string]string{"title": "过期食品照片", "description": "现场拍摄的照片 3 张"}
	conclusionForm = map[string]string{"facts": "销售超过保质期的食品", "proposal": "警告,并处罚款 5000 元"}
	waiverForm     = map[string]string{"waived": "是", "hearing_waived": "是"}
)

func noticeForm(hearing bool) map[string]string {
	right := "否"
	if hearing {
		right = "是"
	}
	return map[string]string{"content": "拟处罚告知", "proposed_penalty": "警告,并处罚款 5000 元", "penalty_kind": "警告、罚款", "fine": "5000", "hearing_right": right}
}

func (w *ruleWorld) mustStepIn(a zhifa.Actor, c *zhifa.Case, in penalty.StepInput) *penalty.StepResult {
	w.t.Helper()
	r, err := w.svc.RecordStep(context.Background(), a, c.ID, in)
	if err != nil {
		w.t.Fatalf("%s: %v", in.Action, err)
	}
	c.Stage = r.Case.Stage
	return r
}

func (w *ruleWorld) review(a zhifa.Actor, c *zhifa.Case, outcome string) {
	w.t.Helper()
	in := passAll(outcome)
	if outcome != review.OutcomeAgree {
		in.Opinion = "证据不足,请补充调查。"
	}
	w.mustStepIn(a, c, penalty.StepInput{Action: penalty.Review, Review: in})
}

// caseWith registers a case handled by the officers handlers (o1 first)
// and takes it along the main line to stage s; see advance.
func (w *ruleWorld) caseWith(s penalty.Stage, handlers ...int64) *zhifa.Case {
	w.t.Helper()
	c, err := w.svc.RegisterCase(context.Background(), w.o1, penalty.CaseInput{MatterID: w.matter.ID, Source: "监督检查",
		Summary: "城关镇一家小餐馆销售超过保质期的食品", Party: person, HandlerIDs: handlers})
	must(w.t, err)
	w.advance(c, s)
	return c
}

// caseAt is caseWith the handlers o1 and o2.
func (w *ruleWorld) caseAt(s penalty.Stage) *zhifa.Case {
	w.t.Helper()
	return w.caseWith(s, w.off1.ID, w.off2.ID)
}

// advance takes c along the main line from its stage to stage s, all on
// today: o1 and o2 inspect, the notice grants no hearing right, and the
// party waives 陈述申辩 so that the case can go to review at once; Returned
// is reached by a 补充 opinion.
func (w *ruleWorld) advance(c *zhifa.Case, s penalty.Stage) {
	w.t.Helper()
	steps := []struct {
		from penalty.Stage
		do   func()
	}{
		{penalty.Registered, func() {
			w.mustStepIn(w.head, c, penalty.StepInput{Action: penalty.Open, Fields: map[string]string{"opinion": "同意立案"}})
		}},
		{penalty.Opened, func() {
			w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.SiteRecord, Fields: inspectionForm, OfficerIDs: []int64{w.off1.ID, w.off2.ID}})
		}},
		{penalty.Investigating, func() { w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Conclude, Fields: conclusionForm}) }},
		{penalty.Investigated, func() { w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Notify, Fields: noticeForm(false)}) }},
		{penalty.Notified, func() {
			w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: waiverForm})
			w.mustStepIn(w.head, c, penalty.StepInput{Action: penalty.SubmitReview})
		}},
		{penalty.InReview, func() {
			if s == penalty.Returned {
				w.review(w.reviewer, c, review.OutcomeSupply)
			} else {
				w.review(w.reviewer, c, review.OutcomeAgree)
			}
		}},
		{penalty.Reviewed, func() { w.mustStepIn(w.boss, c, penalty.StepInput{Action: penalty.Decide, Fields: decision}) }},
		{penalty.Decided, func() {
			w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Serve, Fields: map[string]string{"method": "直接送达", "recipient": "张建华"}})
		}},
		{penalty.Served, func() {
			w.mustStepIn(w.o2, c, penalty.StepInput{Action: penalty.Execute, Fields: map[string]string{"result": "已缴纳罚款"}})
		}},
		{penalty.Executed, func() {
			w.mustStepIn(w.head, c, penalty.StepInput{Action: penalty.Close, Fields: map[string]string{"summary": "案件办结"}})
		}},
		{penalty.Closed, func() {
			w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Archive, Fields: map[string]string{"archive_number": "汉阴市监档〔2026〕15号"}})
		}},
	}
	for _, st := range steps {
		if penalty.Stage(c.Stage) == s {
			return
		}
		if penalty.Stage(c.Stage) == st.from {
			st.do()
		}
	}
	if penalty.Stage(c.Stage) != s {
		w.t.Fatalf("advance: case at %s, cannot reach %s", c.Stage, s)
	}
}

// due returns the due date of the case's deadline under rule.
func (w *ruleWorld) due(c *zhifa.Case, rule string) string {
	w.t.Helper()
	d, err := w.svc.Case(context.Background(), w.o1, c.ID)
	must(w.t, err)
	for _, dl := range d.Deadlines {
		if dl.Rule.ID == rule {
			return dl.Due
		}
	}
	w.t.Fatalf("case %s has no deadline %s", c.Number, rule)
	return ""
}

// setDay moves the clock to 10:00 China time on date (YYYY-MM-DD), plus days.
func (w *ruleWorld) setDay(date string, days int) {
	w.t.Helper()
	d, err := time.Parse(time.DateOnly, date)
	must(w.t, err)
	w.now = d.AddDate(0, 0, days).Add(2 * time.Hour) // 10:00 CST
}

// attempt is the request a row makes once prepared.
type attempt struct {
	actor zhifa.Actor
	c     *zhifa.Case // the case it acts on; nil for a registration
	do    func(ctx context.Context) error
	want  []string // message substrings known only once prepared (dates)
}

func (w *ruleWorld) try(a zhifa.Actor, c *zhifa.Case, act penalty.Action, fields map[string]string) attempt {
	return w.tryIn(a, c, penalty.StepInput{Action: act, Fields: fields})
}

func (w *ruleWorld) tryIn(a zhifa.Actor, c *zhifa.Case, in penalty.StepInput) attempt {
	return attempt{actor: a, c: c, do: func(ctx context.Context) error {
		_, err := w.svc.RecordStep(ctx, a, c.ID, in)
		return err
	}}
}

func (w *ruleWorld) tryReview(a zhifa.Actor, c *zhifa.Case, in *penalty.ReviewForm) attempt {
	return w.tryIn(a, c, penalty.StepInput{Action: penalty.Review, Review: in})
}

// caseInput is a good registration by o1 with the given handlers.
func (w *ruleWorld) caseInput(handlers ...int64) penalty.CaseInput {
	return penalty.CaseInput{MatterID: w.matter.ID, Source: "监督检查", Summary: "城关镇一家小餐馆销售超过保质期的食品", Party: person, HandlerIDs: handlers}
}

func (w *ruleWorld) tryRegister(a zhifa.Actor, in penalty.CaseInput) attempt {
	return attempt{actor: a, do: func(ctx context.Context) error {
		_, err := w.svc.RegisterCase(ctx, a, in)
		return err
	}}
}

// ruleRow is one row of a rule table.
type ruleRow struct {
	name    string
	prepare func(w *ruleWorld) attempt
	code    string   // the refusal's code; "" when the request must succeed
	want    []string // substrings of the message: the article, the stage, the person
	// problems are, for EINVALID, exactly the fields at fault, each message
	// containing the value.
	problems map[string]string
	next     penalty.Stage // on success, the case's stage after
	// check, if set, runs after the attempt (e.g. what the pages offer).
	check func(t *testing.T, w *ruleWorld, c *zhifa.Case)
}

// snapshot is what a refused request must leave as it was.
type snapshot struct {
	size      int64
	cases     int
	stage     string
	steps     int
	deadlines string
}

func (w *ruleWorld) snap(t *testing.T, c *zhifa.Case) snapshot {
	t.Helper()
	ctx := context.Background()
	var s snapshot
	var err error
	if s.size, err = w.db.LogSize(); err != nil {
		t.Fatal(err)
	}
	cs, err := w.db.FindCases(ctx, store.CaseFilter{})
	must(t, err)
	s.cases = len(cs)
	if c == nil {
		return s
	}
	stored, err := w.db.FindCase(ctx, c.ID)
	must(t, err)
	s.stage = stored.Stage
	steps, err := w.db.FindSteps(ctx, c.ID)
	must(t, err)
	s.steps = len(steps)
	object := c.Object()
	ds, err := w.db.FindDeadlines(ctx, store.DeadlineFilter{Object: &object})
	must(t, err)
	for _, d := range ds {
		s.deadlines += d.RuleID + ":" + d.Due + ":" + d.MetAt + ";"
	}
	return s
}

// runRules runs the rows on every database engine, all rows of an engine in
// one world, each row on the clock as it started.
func runRules(t *testing.T, rows []ruleRow) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newRuleWorld(t, db)
		ctx := context.Background()
		for _, tt := range rows {
			t.Run(tt.name, func(t *testing.T) {
				w.t, w.now = t, w.start
				at := tt.prepare(w)
				before := w.snap(t, at.c)
				err := at.do(ctx)
				after := w.snap(t, at.c)
				if tt.code == "" {
					if err != nil {
						t.Fatalf("refused (%s): %v", zhifa.ErrorCode(err), err)
					}
					if at.c != nil {
						if after.stage != string(tt.next) {
							t.Errorf("stage %s, want %s", after.stage, tt.next)
						}
						if after.steps != before.steps+1 {
							t.Errorf("%d steps, want %d", after.steps, before.steps+1)
						}
					}
				} else {
					checkRefusal(t, w, tt, at, err, before, after)
				}
				if tt.check != nil {
					tt.check(t, w, at.c)
				}
			})
		}
	})
}

func checkRefusal(t *testing.T, w *ruleWorld, tt ruleRow, at attempt, err error, before, after snapshot) {
	t.Helper()
	if got := zhifa.ErrorCode(err); got != tt.code {
		t.Fatalf("code %q (%v), want %q", got, err, tt.code)
	}
	msg := zhifa.ErrorMessage(err)
	for _, s := range append(slices.Clone(tt.want), at.want...) {
		if !strings.Contains(msg, s) {
			t.Errorf("message %q\n does not contain %q", msg, s)
		}
	}
	if tt.problems != nil {
		var e *zhifa.Error
		errors.As(err, &e)
		if got, want := slices.Sorted(maps.Keys(e.Problems)), slices.Sorted(maps.Keys(tt.problems)); !slices.Equal(got, want) {
			t.Errorf("problems on %v, want %v (%v)", got, want, e.Problems)
		}
		for k, s := range tt.problems {
			if !strings.Contains(e.Problems[k], s) {
				t.Errorf("problem %s = %q, want it to contain %q", k, e.Problems[k], s)
			}
		}
	}
	want := before
	if tt.code == zhifa.EFORBIDDEN {
		// A denial is recorded, and is the only thing recorded.
		want.size++
		if after.size == want.size {
			_, ev, err := w.svc.Event(context.Background(), before.size)
			must(t, err)
			if ev.Type != "access.denied" || ev.Actor != at.actor.Ref() {
				t.Errorf("event after the denial: %s by %s, want access.denied by %s", ev.Type, ev.Actor, at.actor.Ref())
			}
		}
	}
	if after != want {
		t.Errorf("a refused request changed something:\n before %+v\n after  %+v\n want   %+v", before, after, want)
	}
}

// notOffered checks that the case page does not offer act to a.
func notOffered(act penalty.Action, who func(w *ruleWorld) zhifa.Actor) func(t *testing.T, w *ruleWorld, c *zhifa.Case) {
	return func(t *testing.T, w *ruleWorld, c *zhifa.Case) {
		t.Helper()
		d, err := w.svc.Case(context.Background(), who(w), c.ID)
		must(t, err)
		if slices.Contains(d.Next, act) {
			t.Errorf("the case page offers %s: next = %v", act, d.Next)
		}
	}
}

// TestRuleCertificate: no enforcement action by an officer without a valid
// 执法证 (处罚法 Art 42; DOMAIN §1, §2): expired, not yet valid, suspended,
// revoked, or no officer record at all — whether acting or taking part.
func TestRuleCertificate(t *testing.T) {
	const art = "《行政处罚法》第四十二条"
	expired := []string{"赵立新", "61092100103", "已过期(有效期至 " + certDate(t, 0, -5) + ")", "不得从事执法活动", art}
	future := certDate(t, 0, 1)
	runRules(t, []ruleRow{
		{name: "expired certificate records a step", code: zhifa.ERULE, want: expired,
			prepare: func(w *ruleWorld) attempt {
				return w.try(w.stale, w.caseAt(penalty.Investigating), penalty.Conclude, conclusionForm)
			}},
		{name: "expired certificate registers a case", code: zhifa.ERULE, want: expired,
			prepare: func(w *ruleWorld) attempt { return w.tryRegister(w.stale, w.caseInput(w.offStale.ID, w.off1.ID)) }},
		{name: "expired certificate as a handler", code: zhifa.ERULE, want: expired,
			prepare: func(w *ruleWorld) attempt { return w.tryRegister(w.o1, w.caseInput(w.off1.ID, w.offStale.ID)) }},
		{name: "certificate not yet in force", code: zhifa.ERULE, want: []string{"吴倩", "尚未生效(自 " + future + " 起有效)", art},
			prepare: func(w *ruleWorld) attempt {
				_, a := w.newOfficerIn(w.agency.ID, "吴倩", future, false, zhifa.RoleOfficer)
				return w.try(a, w.caseAt(penalty.Investigating), penalty.Conclude, conclusionForm)
			}},
		{name: "suspended certificate records a step", code: zhifa.ERULE, want: []string{"孙海涛", "执法证已暂扣", art},
			prepare: func(w *ruleWorld) attempt {
				o, a := w.newOfficer("孙海涛", false, zhifa.RoleOfficer)
				w.setStatus(o, registry.OfficerSuspended)
				return w.try(a, w.caseAt(penalty.Investigating), penalty.Conclude, conclusionForm)
			}},
		{name: "suspended certificate registers a case", code: zhifa.ERULE, want: []string{"郑丽", "执法证已暂扣", art},
			prepare: func(w *ruleWorld) attempt {
				o, a := w.newOfficer("郑丽", false, zhifa.RoleOfficer)
				w.setStatus(o, registry.OfficerSuspended)
				return w.tryRegister(a, w.caseInput(o.ID, w.off1.ID))
			}},
		{name: "revoked certificate records a step", code: zhifa.ERULE, want: []string{"钱卫东", "执法证已注销", art},
			prepare: func(w *ruleWorld) attempt {
				o, a := w.newOfficer("钱卫东", false, zhifa.RoleOfficer)
				w.setStatus(o, registry.OfficerRevoked)
				return w.try(a, w.caseAt(penalty.Investigating), penalty.Conclude, conclusionForm)
			}},
		{name: "handler suspended after registration blocks the on-site step", code: zhifa.ERULE, want: []string{"冯涛", "执法证已暂扣", art},
			prepare: func(w *ruleWorld) attempt {
				o, _ := w.newOfficer("冯涛", false, zhifa.RoleOfficer)
				c := w.caseWith(penalty.Opened, w.off1.ID, o.ID)
				w.setStatus(o, registry.OfficerSuspended)
				return w.try(w.o1, c, penalty.SiteRecord, inspectionForm) // the handlers by default
			}},
		{name: "handler revoked after registration blocks the on-site step", code: zhifa.ERULE, want: []string{"褚明", "执法证已注销", art},
			prepare: func(w *ruleWorld) attempt {
				o, _ := w.newOfficer("褚明", false, zhifa.RoleOfficer)
				c := w.caseWith(penalty.Opened, w.off1.ID, o.ID)
				w.setStatus(o, registry.OfficerRevoked)
				return w.try(w.o1, c, penalty.Inquiry, inquiryForm)
			}},
		{name: "unit head with a suspended certificate approves 立案", code: zhifa.ERULE, want: []string{"蒋平", "执法证已暂扣", art},
			prepare: func(w *ruleWorld) attempt {
				o, a := w.newOfficer("蒋平", false, zhifa.RoleUnitHead, zhifa.RoleOfficer)
				w.setStatus(o, registry.OfficerSuspended)
				return w.try(a, w.caseAt(penalty.Registered), penalty.Open, nil)
			}},
		{name: "user without officer record records a step", code: zhifa.ERULE, want: []string{"当前用户无执法证,不得进行“调查终结报告”", art},
			prepare: func(w *ruleWorld) attempt {
				return w.try(w.newUser(zhifa.RoleOfficer), w.caseAt(penalty.Investigating), penalty.Conclude, conclusionForm)
			}},
		{name: "user without officer record registers a case", code: zhifa.ERULE, want: []string{"当前用户无执法证,不得进行“案源登记”", art},
			prepare: func(w *ruleWorld) attempt {
				return w.tryRegister(w.newUser(zhifa.RoleOfficer), w.caseInput(w.off1.ID, w.off2.ID))
			}},
		{name: "certificate restored to 有效 acts again", next: penalty.Investigated,
			prepare: func(w *ruleWorld) attempt {
				o, a := w.newOfficer("卫兰", false, zhifa.RoleOfficer)
				w.setStatus(o, registry.OfficerSuspended)
				w.setStatus(o, registry.OfficerValid)
				return w.try(a, w.caseAt(penalty.Investigating), penalty.Conclude, conclusionForm)
			}},
	})
}

// TestRuleTwoOfficers: investigation and on-site steps need two or more
// officers with valid certificates, the recording officer among them, and
// a case two or more handlers (处罚法 Arts 42, 55).
func TestRuleTwoOfficers(t *testing.T) {
	two := []string{"调查取证须由两名以上持有效执法证的执法人员进行", "《行政处罚法》第四十二条、第五十五条", "本次仅有 1 名"}
	alone := func(act penalty.Action, fields map[string]string, from penalty.Stage) func(w *ruleWorld) attempt {
		return func(w *ruleWorld) attempt {
			return w.tryIn(w.o1, w.caseAt(from), penalty.StepInput{Action: act, Fields: fields, OfficerIDs: []int64{w.off1.ID}})
		}
	}
	handlers := map[string]string{"handler_ids": "请指定两名以上承办人(《行政处罚法》第四十二条、第五十五条)"}
	runRules(t, []ruleRow{
		{name: "inquiry by one officer", code: zhifa.ERULE, want: two, prepare: alone(penalty.Inquiry, inquiryForm, penalty.Opened)},
		{name: "inspection by one officer", code: zhifa.ERULE, want: two, prepare: alone(penalty.SiteRecord, inspectionForm, penalty.Opened)},
		{name: "evidence by one officer", code: zhifa.ERULE, want: two, prepare: alone(penalty.EvidenceEntry, evidenceForm, penalty.Investigating)},
		{name: "supplementary inspection after a return by one officer", code: zhifa.ERULE, want: two,
			prepare: alone(penalty.SiteRecord, inspectionForm, penalty.Returned)},
		{name: "one officer named twice", code: zhifa.ERULE, want: two,
			prepare: func(w *ruleWorld) attempt {
				return w.tryIn(w.o1, w.caseAt(penalty.Opened), penalty.StepInput{Action: penalty.SiteRecord, Fields: inspectionForm,
					OfficerIDs: []int64{w.off1.ID, w.off1.ID}})
			}},
		// The certificate check names the officer at fault before counting
		// the valid ones: the user learns who may not take part.
		{name: "two officers, one expired", code: zhifa.ERULE, want: []string{"赵立新", "已过期", "《行政处罚法》第四十二条"},
			prepare: func(w *ruleWorld) attempt {
				return w.tryIn(w.o1, w.caseAt(penalty.Opened), penalty.StepInput{Action: penalty.Inquiry, Fields: inquiryForm,
					OfficerIDs: []int64{w.off1.ID, w.offStale.ID}})
			}},
		{name: "two officers, one suspended", code: zhifa.ERULE, want: []string{"蒋琳", "已暂扣", "《行政处罚法》第四十二条"},
			prepare: func(w *ruleWorld) attempt {
				o, _ := w.newOfficer("蒋琳", false, zhifa.RoleOfficer)
				w.setStatus(o, registry.OfficerSuspended)
				return w.tryIn(w.o1, w.caseAt(penalty.Investigating), penalty.StepInput{Action: penalty.EvidenceEntry, Fields: evidenceForm,
					OfficerIDs: []int64{w.off1.ID, o.ID}})
			}},
		{name: "recording officer not present", code: zhifa.ERULE, want: []string{"记录“证据登记”的执法人员王志强须为参与本次调查取证的执法人员之一"},
			prepare: func(w *ruleWorld) attempt {
				return w.tryIn(w.o1, w.caseAt(penalty.Investigating), penalty.StepInput{Action: penalty.EvidenceEntry, Fields: evidenceForm,
					OfficerIDs: []int64{w.off2.ID, w.offHead.ID}})
			}},
		{name: "two certified officers", next: penalty.Investigating,
			prepare: func(w *ruleWorld) attempt {
				return w.tryIn(w.o1, w.caseAt(penalty.Opened), penalty.StepInput{Action: penalty.SiteRecord, Fields: inspectionForm,
					OfficerIDs: []int64{w.off1.ID, w.off2.ID}})
			}},
		{name: "registration with one handler", code: zhifa.EINVALID, want: []string{"第五十五条"}, problems: handlers,
			prepare: func(w *ruleWorld) attempt { return w.tryRegister(w.o1, w.caseInput(w.off1.ID)) }},
		{name: "registration naming one handler twice", code: zhifa.EINVALID, want: []string{"第五十五条"}, problems: handlers,
			prepare: func(w *ruleWorld) attempt { return w.tryRegister(w.o1, w.caseInput(w.off1.ID, w.off1.ID)) }},
		{name: "registration without the registering officer", code: zhifa.EINVALID,
			problems: map[string]string{"handler_ids": "登记案源的执法人员须为承办人之一"},
			prepare:  func(w *ruleWorld) attempt { return w.tryRegister(w.o1, w.caseInput(w.off2.ID, w.offHead.ID)) }},
	})
}

// TestRuleSeparationOfDuties: a reviewer never reviews a case he or she
// handled or took part in, and a first-time penalty reviewer holds 法律职业
// 资格 (处罚法 Art 58 ¶2; DOMAIN §1, §6). The queue and the case page do not
// offer such a review either.
func TestRuleSeparationOfDuties(t *testing.T) {
	own := []string{"审核人员不得审核本人承办或参与办理的案件"}
	first := []string{"初次从事行政处罚决定法制审核的人员", "法律职业资格", "《行政处罚法》第五十八条第二款"}
	notQueued := func(who func(w *ruleWorld) zhifa.Actor) func(t *testing.T, w *ruleWorld, c *zhifa.Case) {
		return func(t *testing.T, w *ruleWorld, c *zhifa.Case) {
			t.Helper()
			q, err := w.svc.ReviewQueue(context.Background(), who(w))
			must(t, err)
			for _, x := range q {
				if x.ID == c.ID {
					t.Errorf("case %s is in the review queue of a reviewer who took part in it", c.Number)
				}
			}
			notOffered(penalty.Review, who)(t, w, c)
		}
	}
	var lawyer zhifa.Actor // the officer-reviewer of the first row
	runRules(t, []ruleRow{
		{name: "reviewer who recorded a step", code: zhifa.ERULE, want: own,
			check: notQueued(func(*ruleWorld) zhifa.Actor { return lawyer }),
			prepare: func(w *ruleWorld) attempt {
				var o *registry.Officer
				o, lawyer = w.newOfficer("陈静", true, zhifa.RoleOfficer, zhifa.RoleReviewer)
				c := w.caseAt(penalty.Opened)
				w.mustStepIn(lawyer, c, penalty.StepInput{Action: penalty.SiteRecord, Fields: inspectionForm, OfficerIDs: []int64{o.ID, w.off1.ID}})
				w.advance(c, penalty.InReview)
				return w.tryReview(lawyer, c, passAll(review.OutcomeAgree))
			}},
		{name: "reviewer assigned as a handler", code: zhifa.ERULE, want: own,
			check: notQueued(func(w *ruleWorld) zhifa.Actor { return w.reviewer }),
			prepare: func(w *ruleWorld) attempt {
				c := w.caseWith(penalty.InReview, w.off1.ID, w.off2.ID, w.offReviewer.ID)
				return w.tryReview(w.reviewer, c, passAll(review.OutcomeAgree))
			}},
		{name: "reviewer present at an inquiry", code: zhifa.ERULE, want: own,
			check: notQueued(func(w *ruleWorld) zhifa.Actor { return w.reviewer }),
			prepare: func(w *ruleWorld) attempt {
				c := w.caseAt(penalty.Investigating)
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Inquiry, Fields: inquiryForm, OfficerIDs: []int64{w.off1.ID, w.offReviewer.ID}})
				w.advance(c, penalty.InReview)
				return w.tryReview(w.reviewer, c, passAll(review.OutcomeAgree))
			}},
		{name: "reviewer who submitted the case", code: zhifa.ERULE, want: own,
			check: notQueued(func(*ruleWorld) zhifa.Actor { return lawyer }),
			prepare: func(w *ruleWorld) attempt {
				_, lawyer = w.newOfficer("韩雪", true, zhifa.RoleUnitHead, zhifa.RoleReviewer)
				c := w.caseAt(penalty.Notified)
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: waiverForm})
				w.mustStepIn(lawyer, c, penalty.StepInput{Action: penalty.SubmitReview})
				return w.tryReview(lawyer, c, passAll(review.OutcomeAgree))
			}},
		{name: "first-time reviewer without 法律职业资格", code: zhifa.ERULE, want: first,
			prepare: func(w *ruleWorld) attempt {
				_, a := w.newOfficer("杨帆", false, zhifa.RoleReviewer)
				return w.tryReview(a, w.caseAt(penalty.InReview), passAll(review.OutcomeAgree))
			}},
		{name: "first-time reviewer without officer record", code: zhifa.ERULE, want: first,
			prepare: func(w *ruleWorld) attempt {
				return w.tryReview(w.newUser(zhifa.RoleReviewer), w.caseAt(penalty.InReview), passAll(review.OutcomeAgree))
			}},
		{name: "reviewer who took no part", next: penalty.Reviewed,
			prepare: func(w *ruleWorld) attempt {
				return w.tryReview(w.reviewer, w.caseAt(penalty.InReview), passAll(review.OutcomeAgree))
			}},
		{name: "reviewer who returned the case reviews the resubmission", next: penalty.Reviewed,
			prepare: func(w *ruleWorld) attempt {
				c := w.caseAt(penalty.Returned)
				w.mustStepIn(w.head, c, penalty.StepInput{Action: penalty.Resubmit, Fields: map[string]string{"corrections": "已补充调查"}})
				return w.tryReview(w.reviewer, c, passAll(review.OutcomeAgree))
			}},
	})
}

// TestRuleReviewGate: no decision on a case in the review catalog (every
// general-procedure penalty) without a passed review (处罚法 Art 58; DOMAIN
// §6). From 已告知 the gate answers; after a return or a resubmission the
// stage already refuses (ECONFLICT) and names it.
func TestRuleReviewGate(t *testing.T) {
	gate := []string{"未经法制审核或者审核未通过的,不得作出决定(《行政处罚法》第五十八条)"}
	noDecide := notOffered(penalty.Decide, func(w *ruleWorld) zhifa.Actor { return w.boss })
	returned := []string{"案件当前处于“审核退回(存在问题,待补正)”阶段,不能进行“作出决定”"}
	returnedBy := func(outcome string) func(w *ruleWorld) attempt {
		return func(w *ruleWorld) attempt {
			c := w.caseAt(penalty.InReview)
			w.review(w.reviewer, c, outcome)
			return w.try(w.boss, c, penalty.Decide, decision)
		}
	}
	runRules(t, []ruleRow{
		{name: "decision on the day of the notice", code: zhifa.ERULE, want: gate, check: noDecide,
			prepare: func(w *ruleWorld) attempt {
				return w.try(w.boss, w.caseAt(penalty.Notified), penalty.Decide, decision)
			}},
		{name: "decision after a waiver", code: zhifa.ERULE, want: gate, check: noDecide,
			prepare: func(w *ruleWorld) attempt {
				c := w.caseAt(penalty.Notified)
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: waiverForm})
				return w.try(w.boss, c, penalty.Decide, decision)
			}},
		{name: "decision after the 陈述申辩 period", code: zhifa.ERULE, want: gate, check: noDecide,
			prepare: func(w *ruleWorld) attempt {
				c := w.caseAt(penalty.Notified)
				w.setDay(w.due(c, "T3"), 1)
				return w.try(w.boss, c, penalty.Decide, decision)
			}},
		{name: "decision after 补充", code: zhifa.ECONFLICT, want: returned, check: noDecide, prepare: returnedBy(review.OutcomeSupply)},
		{name: "decision after 变更", code: zhifa.ECONFLICT, want: returned, check: noDecide, prepare: returnedBy(review.OutcomeChange)},
		{name: "decision after 纠正", code: zhifa.ECONFLICT, want: returned, check: noDecide, prepare: returnedBy(review.OutcomeCorrect)},
		{name: "decision after 移送", code: zhifa.ECONFLICT, want: returned, check: noDecide, prepare: returnedBy(review.OutcomeTransfer)},
		{name: "decision after resubmission before the new review", code: zhifa.ECONFLICT, check: noDecide,
			want: []string{"案件当前处于“法制审核中”阶段,不能进行“作出决定”"},
			prepare: func(w *ruleWorld) attempt {
				c := w.caseAt(penalty.Returned)
				w.mustStepIn(w.head, c, penalty.StepInput{Action: penalty.Resubmit, Fields: map[string]string{"corrections": "已补充调查"}})
				return w.try(w.boss, c, penalty.Decide, decision)
			}},
		{name: "同意 with a checklist item in question", code: zhifa.ERULE,
			want: []string{"审核事项“事实是否清楚、证据是否确凿充分合法”存在问题,审核结论不能为“同意”"},
			prepare: func(w *ruleWorld) attempt {
				in := passAll(review.OutcomeAgree)
				for i := range in.Checklist {
					if in.Checklist[i].Code == "facts" {
						in.Checklist[i] = review.Item{Code: "facts", Remark: "缺少进货凭证"}
					}
				}
				return w.tryReview(w.reviewer, w.caseAt(penalty.InReview), in)
			}},
		{name: "decision after a passed review", next: penalty.Decided,
			prepare: func(w *ruleWorld) attempt {
				return w.try(w.boss, w.caseAt(penalty.Reviewed), penalty.Decide, decision)
			}},
		{name: "decision after resubmission and a passed review", next: penalty.Decided,
			prepare: func(w *ruleWorld) attempt {
				c := w.caseAt(penalty.Returned)
				w.mustStepIn(w.head, c, penalty.StepInput{Action: penalty.Resubmit, Fields: map[string]string{"corrections": "已补充调查"}})
				w.review(w.reviewer, c, review.OutcomeAgree)
				return w.try(w.boss, c, penalty.Decide, decision)
			}},
	})
}

// TestRuleStatementPeriod: no submission to review, hence no decision,
// while the 陈述申辩 period (T3) runs unless the party waived it (处罚法
// Arts 44, 45, 62), nor while the party may still request a hearing or a
// requested hearing has not been held (Arts 63–65).
//
// The decision's own 陈述申辩 gate is not reachable through the service:
// every general-procedure penalty needs a passed review, and the review
// gate answers first (row "decision on the day of the notice"); the
// submission gate is what keeps the period.
func TestRuleStatementPeriod(t *testing.T) {
	period := []string{"尚未届满,不得提交法制审核", "《行政处罚法》第四十五条、第六十二条"}
	hearing := []string{"当事人要求听证,听证尚未举行,不得提交法制审核(《行政处罚法》第六十三条至第六十五条)"}
	submit := func(w *ruleWorld, c *zhifa.Case) attempt { return w.try(w.head, c, penalty.SubmitReview, nil) }
	noticed := func(w *ruleWorld, hearing bool) *zhifa.Case {
		c := w.caseAt(penalty.Investigated)
		w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Notify, Fields: noticeForm(hearing)})
		return c
	}
	request := func(w *ruleWorld, c *zhifa.Case, waived bool) {
		f := map[string]string{"content": "当事人要求听证", "hearing_requested": "是"}
		if waived {
			f = map[string]string{"waived": "是", "hearing_requested": "是"}
		}
		w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: f})
	}
	hearingBy := func(w *ruleWorld, host *registry.Officer) map[string]string {
		return map[string]string{"host": host.Name, "host_officer_id": fmt.Sprint(host.ID), "clerk_officer_id": fmt.Sprint(w.offReviewer.ID),
			"place": "听证室", "content": "当事人陈述了意见"}
	}
	// noticeHearing records the hearing notice with host, 7 days ahead, and
	// moves the clock to the hearing's day.
	noticeHearing := func(w *ruleWorld, c *zhifa.Case, host *registry.Officer) {
		w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.HearingNotice, Fields: hearingNoticeBy(w, host, 7)})
		w.now = w.now.AddDate(0, 0, 7)
	}
	runRules(t, []ruleRow{
		{name: "submission on the day of the notice", code: zhifa.ERULE, want: period,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, false)
				at := submit(w, c)
				at.want = []string{"陈述申辩期限至 " + w.due(c, "T3") + " 尚未届满"}
				return at
			}},
		{name: "submission on the last day of the period", code: zhifa.ERULE, want: period,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, false)
				w.setDay(w.due(c, "T3"), 0)
				return submit(w, c)
			}},
		{name: "submission after a statement that waives nothing", code: zhifa.ERULE, want: period,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, false)
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: map[string]string{"content": "当事人称不知食品已过期"}})
				return submit(w, c)
			}},
		{name: "decision on the day of the notice", code: zhifa.ERULE, want: []string{"《行政处罚法》第五十八条"},
			prepare: func(w *ruleWorld) attempt { return w.try(w.boss, noticed(w, false), penalty.Decide, decision) }},
		{name: "submission the day after the period", next: penalty.InReview,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, false)
				w.setDay(w.due(c, "T3"), 1)
				return submit(w, c)
			}},
		{name: "submission on the day of the notice after a waiver", next: penalty.InReview,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: waiverForm})
				return submit(w, c)
			}},
		{name: "decision on the day of the notice after a waiver and a review", next: penalty.Decided,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: waiverForm})
				w.advance(c, penalty.Reviewed)
				return w.try(w.boss, c, penalty.Decide, decision)
			}},
		{name: "submission while a hearing may still be requested", code: zhifa.ERULE,
			want: []string{"尚未届满,不得提交法制审核(《行政处罚法》第六十四条第一项)"},
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				w.setDay(w.due(c, "T3"), 1)
				at := submit(w, c)
				at.want = []string{"当事人要求听证的期限至 " + w.due(c, "T4")}
				return at
			}},
		{name: "submission after the period for requesting a hearing", next: penalty.InReview,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				w.setDay(w.due(c, "T4"), 1)
				return submit(w, c)
			}},
		{name: "hearing requested and not held", code: zhifa.ERULE, want: hearing,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				request(w, c, false)
				w.setDay(w.due(c, "T4"), 1)
				return submit(w, c)
			}},
		{name: "hearing requested with a waiver and not held", code: zhifa.ERULE, want: hearing,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				request(w, c, true)
				return submit(w, c)
			}},
		{name: "hearing presided by a handler", code: zhifa.ERULE, want: []string{"非本案调查人员主持(《行政处罚法》第六十四条第四项)"},
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				request(w, c, false)
				return w.try(w.o1, c, penalty.HearingNotice, hearingNoticeBy(w, w.off1, 7))
			}},
		{name: "hearing notice 6 days ahead", code: zhifa.ERULE, want: []string{"举行听证的七日前", "第六十四条第二项"},
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				request(w, c, true)
				return w.try(w.o1, c, penalty.HearingNotice, hearingNoticeBy(w, w.offHead, 6))
			}},
		{name: "hearing before its notice", code: zhifa.ERULE, want: []string{"听证前须记录听证通知"},
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				request(w, c, false)
				return w.try(w.o1, c, penalty.Hearing, hearingBy(w, w.offHead))
			}},
		{name: "hearing presided by an officer of the investigation", code: zhifa.ERULE, want: []string{"第六十四条第四项"},
			prepare: func(w *ruleWorld) attempt {
				c := w.caseAt(penalty.Investigating)
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Inquiry, Fields: inquiryForm, OfficerIDs: []int64{w.off1.ID, w.offHead.ID}})
				w.advance(c, penalty.Investigated)
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Notify, Fields: noticeForm(true)})
				request(w, c, false)
				return w.try(w.o1, c, penalty.HearingNotice, hearingNoticeBy(w, w.offHead, 7))
			}},
		{name: "submission after the hearing", next: penalty.InReview,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				request(w, c, false)
				noticeHearing(w, c, w.offHead)
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Hearing, Fields: hearingBy(w, w.offHead)})
				w.setDay(w.due(c, "T4"), 1)
				return submit(w, c)
			}},
		{name: "submission after the party failed to attend the hearing", next: penalty.InReview,
			prepare: func(w *ruleWorld) attempt {
				c := noticed(w, true)
				request(w, c, true)
				noticeHearing(w, c, w.offHead)
				f := hearingBy(w, w.offHead)
				delete(f, "content")
				f["absent"] = "是"
				w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Hearing, Fields: f})
				return submit(w, c)
			}},
	})
}

// TestRuleStageAndRole: a step out of its stage is a conflict that names the
// stage; a step by the wrong role, or by anyone of another agency, is
// forbidden (and recorded as access.denied); the public must log in.
func TestRuleStageAndRole(t *testing.T) {
	stage := func(s penalty.Stage, act penalty.Action) []string {
		return []string{fmt.Sprintf("案件当前处于“%s”阶段,不能进行“%s”", penalty.StageName(s), penalty.ActionName(act))}
	}
	at := func(s penalty.Stage, who func(w *ruleWorld) zhifa.Actor, act penalty.Action, fields map[string]string) func(w *ruleWorld) attempt {
		return func(w *ruleWorld) attempt { return w.try(who(w), w.caseAt(s), act, fields) }
	}
	var (
		o1       = func(w *ruleWorld) zhifa.Actor { return w.o1 }
		head     = func(w *ruleWorld) zhifa.Actor { return w.head }
		reviewer = func(w *ruleWorld) zhifa.Actor { return w.reviewer }
		boss     = func(w *ruleWorld) zhifa.Actor { return w.boss }
	)
	runRules(t, []ruleRow{
		{name: "conclusion before 立案", code: zhifa.ECONFLICT, want: stage(penalty.Registered, penalty.Conclude),
			prepare: at(penalty.Registered, o1, penalty.Conclude, conclusionForm)},
		{name: "立案 twice", code: zhifa.ECONFLICT, want: stage(penalty.Opened, penalty.Open),
			prepare: at(penalty.Opened, head, penalty.Open, nil)},
		{name: "notice during the investigation", code: zhifa.ECONFLICT, want: stage(penalty.Investigating, penalty.Notify),
			prepare: at(penalty.Investigating, o1, penalty.Notify, noticeForm(false))},
		{name: "submission before the notice", code: zhifa.ECONFLICT, want: stage(penalty.Investigated, penalty.SubmitReview),
			prepare: at(penalty.Investigated, head, penalty.SubmitReview, nil)},
		{name: "review before the submission", code: zhifa.ECONFLICT, want: stage(penalty.Notified, penalty.Review),
			prepare: func(w *ruleWorld) attempt {
				return w.tryReview(w.reviewer, w.caseAt(penalty.Notified), passAll(review.OutcomeAgree))
			}},
		{name: "service before the decision", code: zhifa.ECONFLICT, want: stage(penalty.Reviewed, penalty.Serve),
			prepare: at(penalty.Reviewed, o1, penalty.Serve, map[string]string{"method": "直接送达", "recipient": "张建华"})},
		{name: "inquiry after the decision", code: zhifa.ECONFLICT, want: stage(penalty.Decided, penalty.Inquiry),
			prepare: at(penalty.Decided, o1, penalty.Inquiry, inquiryForm)},
		{name: "withdrawal of an archived case", code: zhifa.ECONFLICT, want: stage(penalty.Archived, penalty.Dismiss),
			prepare: at(penalty.Archived, boss, penalty.Dismiss, map[string]string{"reason": "撤案"})},
		{name: "立案 of a rejected case", code: zhifa.ECONFLICT, want: stage(penalty.Rejected, penalty.Open),
			prepare: func(w *ruleWorld) attempt {
				c := w.caseAt(penalty.Registered)
				w.mustStepIn(w.head, c, penalty.StepInput{Action: penalty.Reject, Fields: map[string]string{"reason": "不属于本机关管辖"}})
				return w.try(w.head, c, penalty.Open, nil)
			}},
		{name: "hearing not requested", code: zhifa.ECONFLICT, want: []string{"当事人未要求听证,不能记录听证(《行政处罚法》第六十三条)"},
			prepare: at(penalty.Notified, o1, penalty.Hearing, map[string]string{"host": "刘德华", "content": "听证"})},
		{name: "officer decides", code: zhifa.EFORBIDDEN, want: []string{"无权作出决定"},
			prepare: at(penalty.Reviewed, o1, penalty.Decide, decision)},
		{name: "officer approves 立案", code: zhifa.EFORBIDDEN, want: []string{"无权审批(承办机构)"},
			prepare: at(penalty.Registered, o1, penalty.Open, nil)},
		{name: "officer reviews", code: zhifa.EFORBIDDEN, want: []string{"无权法制审核"},
			prepare: func(w *ruleWorld) attempt {
				return w.tryReview(w.o2, w.caseAt(penalty.InReview), passAll(review.OutcomeAgree))
			}},
		{name: "agency head records an inspection", code: zhifa.EFORBIDDEN, want: []string{"无权记录执法环节"},
			prepare: at(penalty.Opened, boss, penalty.SiteRecord, inspectionForm)},
		{name: "reviewer submits for review", code: zhifa.EFORBIDDEN, want: []string{"无权审批(承办机构)"},
			prepare: at(penalty.Notified, reviewer, penalty.SubmitReview, nil)},
		{name: "unit head without the reviewer role reviews", code: zhifa.EFORBIDDEN, want: []string{"无权法制审核"},
			prepare: func(w *ruleWorld) attempt {
				return w.tryReview(w.head, w.caseAt(penalty.InReview), passAll(review.OutcomeAgree))
			}},
		{name: "reviewer registers a case", code: zhifa.EFORBIDDEN, want: []string{"无权登记案件"},
			prepare: func(w *ruleWorld) attempt { return w.tryRegister(w.reviewer, w.caseInput(w.off1.ID, w.off2.ID)) }},
		{name: "another agency's officer records an inspection", code: zhifa.EFORBIDDEN, want: []string{"无权记录执法环节"},
			prepare: func(w *ruleWorld) attempt {
				return w.try(w.other().officer, w.caseAt(penalty.Opened), penalty.SiteRecord, inspectionForm)
			}},
		{name: "another agency's head decides", code: zhifa.EFORBIDDEN, want: []string{"无权作出决定"},
			prepare: func(w *ruleWorld) attempt {
				return w.try(w.other().head, w.caseAt(penalty.Reviewed), penalty.Decide, decision)
			}},
		{name: "another agency's officer registers a case here", code: zhifa.EFORBIDDEN, want: []string{"无权登记案件"},
			prepare: func(w *ruleWorld) attempt {
				in := w.caseInput(w.off1.ID, w.off2.ID)
				in.AgencyID = w.agency.ID
				return w.tryRegister(w.other().officer, in)
			}},
		{name: "another agency's officer reads the case", code: zhifa.EFORBIDDEN, want: []string{"无权查阅案件"},
			prepare: func(w *ruleWorld) attempt {
				a, c := w.other().officer, w.caseAt(penalty.Opened)
				return attempt{actor: a, c: c, do: func(ctx context.Context) error { _, err := w.svc.Case(ctx, a, c.ID); return err }}
			}},
		{name: "another agency's officer uploads evidence", code: zhifa.EFORBIDDEN, want: []string{"无权查阅案件"},
			prepare: func(w *ruleWorld) attempt {
				a, c := w.other().officer, w.caseAt(penalty.Investigating)
				return attempt{actor: a, c: c, do: func(ctx context.Context) error {
					_, err := w.svc.UploadFile(ctx, a, c.ID, "照片.jpg", "image/jpeg", strings.NewReader("jpeg"))
					return err
				}}
			}},
		{name: "another agency's officer as a handler", code: zhifa.EINVALID,
			problems: map[string]string{"handler_ids": "执法人员马建军不属于本案执法主体"},
			prepare:  func(w *ruleWorld) attempt { return w.tryRegister(w.o1, w.caseInput(w.off1.ID, w.other().off.ID)) }},
		{name: "another agency's officer at an inspection", code: zhifa.EINVALID,
			problems: map[string]string{"officer_ids": "执法人员马建军不属于本案执法主体"},
			prepare: func(w *ruleWorld) attempt {
				return w.tryIn(w.o1, w.caseAt(penalty.Opened), penalty.StepInput{Action: penalty.SiteRecord, Fields: inspectionForm,
					OfficerIDs: []int64{w.off1.ID, w.other().off.ID}})
			}},
		{name: "the public records a step", code: zhifa.EUNAUTHORIZED, want: []string{"请先登录后再记录执法环节"},
			prepare: at(penalty.Opened, func(*ruleWorld) zhifa.Actor { return zhifa.Actor{} }, penalty.SiteRecord, inspectionForm)},
	})
}

// TestRuleStepForms: every step's form refuses missing and malformed input
// with EINVALID and a Chinese problem per field code.
func TestRuleStepForms(t *testing.T) {
	form := func(s penalty.Stage, who func(w *ruleWorld) zhifa.Actor, act penalty.Action, fields map[string]string) func(w *ruleWorld) attempt {
		return func(w *ruleWorld) attempt { return w.try(who(w), w.caseAt(s), act, fields) }
	}
	var (
		o1   = func(w *ruleWorld) zhifa.Actor { return w.o1 }
		head = func(w *ruleWorld) zhifa.Actor { return w.head }
		boss = func(w *ruleWorld) zhifa.Actor { return w.boss }
	)
	withDecision := func(kv ...string) map[string]string {
		m := maps.Clone(decision)
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	emptyReview := map[string]string{"outcome": "审核结论须为同意、变更、纠正、补充、移送之一", "opinion": "书面审核意见不能为空"}
	for _, d := range review.Checklist() {
		emptyReview["checklist."+d.Code] = "审核事项“" + d.Name + "”未填写"
	}
	requested := func(w *ruleWorld) *zhifa.Case {
		c := w.caseAt(penalty.Investigated)
		w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Notify, Fields: noticeForm(true)})
		w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.Statement, Fields: map[string]string{"content": "要求听证", "hearing_requested": "是"}})
		w.mustStepIn(w.o1, c, penalty.StepInput{Action: penalty.HearingNotice, Fields: hearingNoticeBy(w, w.offHead, 7)})
		w.now = w.now.AddDate(0, 0, 7)
		return c
	}
	runRules(t, []ruleRow{
		// 案源登记
		{name: "registration: empty", code: zhifa.EINVALID,
			problems: map[string]string{"matter_id": "请选择执法事项", "source": "案件来源须为监督检查、投诉举报", "summary": "请填写案源简况",
				"party_kind": "当事人类别须为“自然人”或“法人或其他组织”", "party_name": "请填写当事人姓名或名称"},
			prepare: func(w *ruleWorld) attempt {
				return w.tryRegister(w.o1, penalty.CaseInput{HandlerIDs: []int64{w.off1.ID, w.off2.ID}})
			}},
		{name: "registration: bad ID number and phone", code: zhifa.EINVALID,
			problems: map[string]string{"party_id_number": "公民身份号码“610921198503124518”无效", "party_phone": "联系电话只能包含数字和连字符"},
			prepare: func(w *ruleWorld) attempt {
				in := w.caseInput(w.off1.ID, w.off2.ID)
				in.Party.IDNumber, in.Party.Phone = "610921198503124518", "138 9153 4567"
				return w.tryRegister(w.o1, in)
			}},
		{name: "registration: organisation without credit code", code: zhifa.EINVALID,
			problems: map[string]string{"party_id_number": "请填写当事人的统一社会信用代码"},
			prepare: func(w *ruleWorld) attempt {
				in := w.caseInput(w.off1.ID, w.off2.ID)
				in.Party = zhifa.Party{Kind: zhifa.PartyOrganization, Name: "汉阴县新民餐馆"}
				return w.tryRegister(w.o1, in)
			}},
		{name: "registration: matter not a penalty", code: zhifa.EINVALID,
			problems: map[string]string{"matter_id": "一般程序案件须选择行政处罚事项"},
			prepare: func(w *ruleWorld) attempt {
				m := &registry.Matter{AgencyID: w.agency.ID, Name: "食品经营日常监督检查", Category: "行政检查", Basis: "《中华人民共和国食品安全法》第一百一十条"}
				must(w.t, w.svc.CreateMatter(context.Background(), zhifa.Console, m))
				in := w.caseInput(w.off1.ID, w.off2.ID)
				in.MatterID = m.ID
				return w.tryRegister(w.o1, in)
			}},
		{name: "registration: unknown handler", code: zhifa.EINVALID, problems: map[string]string{"handler_ids": "执法人员 999999 不存在"},
			prepare: func(w *ruleWorld) attempt { return w.tryRegister(w.o1, w.caseInput(w.off1.ID, 999999)) }},
		// The request itself.
		{name: "unknown action", code: zhifa.EINVALID, problems: map[string]string{"action": `未知的办案环节 "approve"`},
			prepare: form(penalty.Opened, o1, "approve", nil)},
		{name: "registration as a step", code: zhifa.EINVALID, problems: map[string]string{"action": "案源登记请使用登记案件"},
			prepare: form(penalty.Opened, o1, penalty.Register, nil)},
		{name: "unknown field", code: zhifa.EINVALID, problems: map[string]string{"colour": "“立案”没有字段 colour"},
			prepare: form(penalty.Registered, head, penalty.Open, map[string]string{"colour": "红", "opinion": "同意立案"})},
		{name: "立案 without an opinion", code: zhifa.EINVALID, problems: map[string]string{"opinion": "立案意见不能为空"},
			prepare: form(penalty.Registered, head, penalty.Open, map[string]string{"opinion": "  "})},
		{name: "卷宗号 of 51 characters", code: zhifa.EINVALID, problems: map[string]string{"archive_number": "卷宗号不得超过 50 个字"},
			prepare: form(penalty.Closed, o1, penalty.Archive, map[string]string{"archive_number": strings.Repeat("号", 51)})},
		{name: "unknown officer", code: zhifa.EINVALID, problems: map[string]string{"officer_ids": "执法人员 999999 不存在"},
			prepare: func(w *ruleWorld) attempt {
				return w.tryIn(w.o1, w.caseAt(penalty.Opened), penalty.StepInput{Action: penalty.SiteRecord, Fields: inspectionForm,
					OfficerIDs: []int64{w.off1.ID, 999999}})
			}},
		{name: "file not uploaded", code: zhifa.EINVALID, problems: map[string]string{"files.0": "文件“照片.jpg”尚未上传或摘要有误"},
			prepare: func(w *ruleWorld) attempt {
				return w.tryIn(w.o1, w.caseAt(penalty.Investigating), penalty.StepInput{Action: penalty.EvidenceEntry, Fields: evidenceForm,
					Files: []penalty.FileInput{{Name: "照片.jpg", ContentType: "image/jpeg", Digest: "sha256:" + strings.Repeat("0", 64)}}})
			}},
		{name: "file name with a slash", code: zhifa.EINVALID, problems: map[string]string{"files.0": "文件名须为 1 至 255 字节,且不含斜杠"},
			prepare: func(w *ruleWorld) attempt {
				c := w.caseAt(penalty.Investigating)
				f, err := w.svc.UploadFile(context.Background(), w.o1, c.ID, "照片.jpg", "image/jpeg", strings.NewReader("jpeg"))
				must(w.t, err)
				f.Name = "../照片.jpg"
				return w.tryIn(w.o1, c, penalty.StepInput{Action: penalty.EvidenceEntry, Fields: evidenceForm, Files: []penalty.FileInput{f}})
			}},
		// Each step's form, empty, then malformed.
		{name: "不予立案", code: zhifa.EINVALID, problems: map[string]string{"reason": "不予立案理由不能为空"},
			prepare: form(penalty.Registered, head, penalty.Reject, nil)},
		{name: "询问笔录", code: zhifa.EINVALID, problems: map[string]string{"subject": "被询问人不能为空", "place": "地点不能为空", "content": "笔录内容不能为空"},
			prepare: form(penalty.Opened, o1, penalty.Inquiry, nil)},
		{name: "现场检查笔录", code: zhifa.EINVALID, problems: map[string]string{"place": "地点不能为空", "content": "笔录内容不能为空"},
			prepare: form(penalty.Opened, o1, penalty.SiteRecord, map[string]string{"place": "  "})},
		{name: "证据登记", code: zhifa.EINVALID, problems: map[string]string{"title": "证据名称不能为空", "description": "证据说明不能为空"},
			prepare: form(penalty.Investigating, o1, penalty.EvidenceEntry, nil)},
		{name: "调查终结报告", code: zhifa.EINVALID, problems: map[string]string{"facts": "违法事实不能为空", "proposal": "处理意见不能为空"},
			prepare: form(penalty.Investigating, o1, penalty.Conclude, nil)},
		{name: "事先告知", code: zhifa.EINVALID,
			problems: map[string]string{"content": "告知内容不能为空", "proposed_penalty": "拟处罚内容不能为空", "penalty_kind": "处罚种类不能为空", "hearing_right": "是否告知听证权利不能为空"},
			prepare:  form(penalty.Investigated, o1, penalty.Notify, nil)},
		{name: "事先告知: hearing right neither 是 nor 否", code: zhifa.EINVALID, problems: map[string]string{"hearing_right": "是否告知听证权利须为“是”或“否”"},
			prepare: form(penalty.Investigated, o1, penalty.Notify, map[string]string{"content": "拟处罚告知", "proposed_penalty": "警告", "penalty_kind": "警告", "hearing_right": "也许"})},
		{name: "陈述申辩记录", code: zhifa.EINVALID, problems: map[string]string{"content": "陈述申辩内容不能为空;当事人明确放弃陈述申辩的,请勾选“明确放弃陈述申辩”"},
			prepare: form(penalty.Notified, o1, penalty.Statement, nil)},
		{name: "陈述申辩记录: waiver neither 是 nor 否", code: zhifa.EINVALID, problems: map[string]string{"waived": "明确放弃陈述申辩须为“是”或“否”"},
			prepare: form(penalty.Notified, o1, penalty.Statement, map[string]string{"content": "无异议", "waived": "可能"})},
		{name: "听证记录", code: zhifa.EINVALID, problems: map[string]string{"host": "听证主持人姓名不能为空", "host_officer_id": "听证主持人不能为空",
			"clerk_officer_id": "听证记录员不能为空", "content": "听证笔录不能为空"},
			prepare: func(w *ruleWorld) attempt { return w.try(w.o1, requested(w), penalty.Hearing, nil) }},
		{name: "听证记录: host id not a number", code: zhifa.EINVALID, problems: map[string]string{"host_officer_id": "听证主持人须为正整数"},
			prepare: func(w *ruleWorld) attempt {
				return w.try(w.o1, requested(w), penalty.Hearing, map[string]string{"host": "刘德华", "host_officer_id": "刘", "clerk_officer_id": fmt.Sprint(w.offReviewer.ID), "content": "听证"})
			}},
		{name: "法制审核: no form", code: zhifa.EINVALID, problems: map[string]string{"review": "请填写法制审核表"},
			prepare: func(w *ruleWorld) attempt { return w.tryReview(w.reviewer, w.caseAt(penalty.InReview), nil) }},
		{name: "法制审核: empty form", code: zhifa.EINVALID, problems: emptyReview,
			prepare: func(w *ruleWorld) attempt {
				return w.tryReview(w.reviewer, w.caseAt(penalty.InReview), &penalty.ReviewForm{})
			}},
		{name: "法制审核: problem without remark", code: zhifa.EINVALID,
			problems: map[string]string{"checklist.facts": "审核事项“事实是否清楚、证据是否确凿充分合法”存在问题的,须写明问题"},
			prepare: func(w *ruleWorld) attempt {
				in := passAll(review.OutcomeSupply)
				for i := range in.Checklist {
					if in.Checklist[i].Code == "facts" {
						in.Checklist[i].Passed = false
					}
				}
				return w.tryReview(w.reviewer, w.caseAt(penalty.InReview), in)
			}},
		{name: "补正后重新提交", code: zhifa.EINVALID, problems: map[string]string{"corrections": "补正说明不能为空"},
			prepare: form(penalty.Returned, head, penalty.Resubmit, nil)},
		{name: "作出决定", code: zhifa.EINVALID,
			problems: map[string]string{"facts": "违法事实不能为空", "basis": "处罚依据不能为空", "penalty_kind": "处罚种类不能为空",
				"penalty": "处罚内容不能为空", "payment": "履行方式和期限不能为空", "remedy": "救济途径不能为空"},
			prepare: form(penalty.Reviewed, boss, penalty.Decide, nil)},
		{name: "作出决定: kind not in Art 9", code: zhifa.EINVALID, problems: map[string]string{"penalty_kind": "处罚种类“罚金”不是《行政处罚法》第九条规定的种类"},
			prepare: form(penalty.Reviewed, boss, penalty.Decide, withDecision("penalty_kind", "警告、罚金"))},
		{name: "作出决定: fine not a number", code: zhifa.EINVALID, problems: map[string]string{"fine": "罚款金额须为不小于 0 的整数(元)"},
			prepare: form(penalty.Reviewed, boss, penalty.Decide, withDecision("fine", "五千"))},
		{name: "作出决定: 罚款 of 0", code: zhifa.EINVALID, problems: map[string]string{"fine": "处罚种类含罚款的,罚款金额须大于 0"},
			prepare: form(penalty.Reviewed, boss, penalty.Decide, withDecision("fine", "0"))},
		{name: "作出决定: fine without 罚款", code: zhifa.EINVALID, problems: map[string]string{"fine": "处罚种类不含罚款的,罚款金额应为 0"},
			prepare: form(penalty.Reviewed, boss, penalty.Decide, withDecision("penalty_kind", "警告"))},
		{name: "送达", code: zhifa.EINVALID, problems: map[string]string{"method": "送达方式不能为空"},
			prepare: form(penalty.Decided, o1, penalty.Serve, nil)},
		{name: "送达: unknown method", code: zhifa.EINVALID, problems: map[string]string{"method": "送达方式须为直接送达、留置送达、邮寄送达、电子送达、公告送达之一"},
			prepare: form(penalty.Decided, o1, penalty.Serve, map[string]string{"method": "微信送达", "recipient": "张建华"})},
		{name: "送达: 电子送达 without consent", code: zhifa.EINVALID, problems: map[string]string{"consent": "《行政处罚法》第六十一条第二款"},
			prepare: form(penalty.Decided, o1, penalty.Serve, map[string]string{"method": "电子送达", "recipient": "张建华"})},
		{name: "送达: no recipient", code: zhifa.EINVALID, problems: map[string]string{"recipient": "签收人不能为空"},
			prepare: form(penalty.Decided, o1, penalty.Serve, map[string]string{"method": "直接送达"})},
		{name: "执行", code: zhifa.EINVALID, problems: map[string]string{"result": "执行情况不能为空"},
			prepare: form(penalty.Served, o1, penalty.Execute, nil)},
		{name: "结案", code: zhifa.EINVALID, problems: map[string]string{"summary": "结案报告不能为空"},
			prepare: form(penalty.Executed, head, penalty.Close, nil)},
		{name: "归档", code: zhifa.EINVALID, problems: map[string]string{"archive_number": "卷宗号不能为空"},
			prepare: form(penalty.Closed, o1, penalty.Archive, nil)},
		{name: "撤案", code: zhifa.EINVALID, problems: map[string]string{"reason": "撤案理由不能为空"},
			prepare: form(penalty.Investigating, boss, penalty.Dismiss, nil)},
	})
}

// hearingNoticeBy is a hearing notice with host, the reviewer as 记录员, for
// a hearing days ahead of the world's day.
func hearingNoticeBy(w *ruleWorld, host *registry.Officer, days int) map[string]string {
	return map[string]string{"hearing_date": zhifa.DateOf(w.now).Add(days).String(), "place": "听证室",
		"host_officer_id": fmt.Sprint(host.ID), "clerk_officer_id": fmt.Sprint(w.offReviewer.ID)}
}
