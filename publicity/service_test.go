package publicity

import (
	"context"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/ledger"
)

// fakeStore is a Store in memory: the context's rules run without a
// database. A write works on copies and keeps them only when its function
// succeeds and records an event, as the store does.
type fakeStore struct {
	now       time.Time
	pubs      map[int64]*Publication
	cases     map[int64]*zhifa.Case
	deadlines map[string]calendar.Date // object+" "+rule → due
	met       map[string]calendar.Date
	events    []ledger.Event
	denials   []string
}

func newFakeStore(now time.Time) *fakeStore {
	return &fakeStore{now: now, pubs: map[int64]*Publication{}, cases: map[int64]*zhifa.Case{},
		deadlines: map[string]calendar.Date{}, met: map[string]calendar.Date{}}
}

func (s *fakeStore) PublicationsVersion(context.Context) (Version, error) { return Version{}, nil }

func (s *fakeStore) FindPublications(_ context.Context, f PublicationFilter) ([]*Publication, int, error) {
	var out []*Publication
	for _, p := range s.pubs {
		if (f.ID == 0 || p.ID == f.ID) && (f.CaseID == 0 || p.CaseID == f.CaseID) && (f.Status == "" || p.Status == f.Status) &&
			(f.AgencyID == 0 || p.AgencyID == f.AgencyID) && strings.Contains(p.Number, f.Number) {
			c := *p
			out = append(out, &c)
		}
	}
	return out, len(out), nil
}

func (s *fakeStore) FindPublication(ctx context.Context, f PublicationFilter) (*Publication, error) {
	ps, _, _ := s.FindPublications(ctx, f)
	if len(ps) == 0 {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "公示信息不存在")
	}
	return ps[0], nil
}

func (s *fakeStore) FindCase(_ context.Context, id int64) (*zhifa.Case, error) {
	if c, ok := s.cases[id]; ok {
		return c, nil
	}
	return nil, zhifa.Errorf(zhifa.ENOTFOUND, "案件不存在")
}

func (s *fakeStore) Write(ctx context.Context, fn func(Tx) error) error {
	tx := &fakeTx{ctx: ctx, s: &fakeStore{now: s.now, pubs: map[int64]*Publication{}, cases: s.cases,
		deadlines: maps.Clone(s.deadlines), met: maps.Clone(s.met)}}
	for id, p := range s.pubs {
		c := *p
		tx.s.pubs[id] = &c
	}
	if err := fn(tx); err != nil {
		return err
	}
	if len(tx.s.events) == 0 {
		return zhifa.Errorf(zhifa.EINTERNAL, "no event")
	}
	s.pubs, s.deadlines, s.met, s.events = tx.s.pubs, tx.s.deadlines, tx.s.met, append(s.events, tx.s.events...)
	return nil
}

func (s *fakeStore) RecordDenial(_ context.Context, a zhifa.Actor, op access.Op, _ int64, object string) error {
	s.denials = append(s.denials, a.Ref()+" "+string(op)+" "+object)
	return nil
}

type fakeTx struct {
	ctx context.Context
	s   *fakeStore
}

func (tx *fakeTx) Context() context.Context { return tx.ctx }
func (tx *fakeTx) Time() time.Time          { return tx.s.now }
func (tx *fakeTx) FindPublication(ctx context.Context, f PublicationFilter) (*Publication, error) {
	return tx.s.FindPublication(ctx, f)
}

func (tx *fakeTx) CreatePublication(p *Publication) error {
	for _, q := range tx.s.pubs {
		if q.CaseID == p.CaseID {
			return zhifa.Errorf(zhifa.ECONFLICT, "该案件已有公示记录")
		}
	}
	p.ID = int64(len(tx.s.pubs) + 1)
	c := *p
	tx.s.pubs[p.ID] = &c
	return nil
}

func (tx *fakeTx) put(p *Publication) error { c := *p; tx.s.pubs[p.ID] = &c; return nil }

func (tx *fakeTx) SetPublicationStatus(p *Publication) error { return tx.put(p) }
func (tx *fakeTx) WithdrawPublication(p *Publication) error  { return tx.put(p) }
func (tx *fakeTx) CorrectPublication(p *Publication, corr *Correction) error {
	p.Corrections = append(p.Corrections, *corr)
	return tx.put(p)
}

func (tx *fakeTx) Record(e ledger.Event) (int64, error) {
	tx.s.events = append(tx.s.events, e)
	return int64(len(tx.s.events)), nil
}

// fakeDeadlines keeps deadlines in the fake store, due by the rules of
// package deadline.
type fakeDeadlines struct{}

func (fakeDeadlines) Set(tx Tx, cal *calendar.Calendar, object string, _ int64, ruleID string, start calendar.Date, _ int64) (calendar.Date, error) {
	r, _ := deadline.Lookup(ruleID)
	due, err := deadline.Due(cal, r, start, nil)
	if err == nil {
		tx.(*fakeTx).s.deadlines[object+" "+ruleID] = due
	}
	return due, err
}

func (fakeDeadlines) Meet(tx Tx, object, ruleID string, date calendar.Date) error {
	s := tx.(*fakeTx).s
	if _, ok := s.deadlines[object+" "+ruleID]; !ok {
		return zhifa.Errorf(zhifa.ENOTFOUND, "no deadline")
	}
	s.met[object+" "+ruleID] = date
	return nil
}

func (fakeDeadlines) Due(tx Tx, object, ruleID string) (calendar.Date, error) {
	if d, ok := tx.(*fakeTx).s.deadlines[object+" "+ruleID]; ok {
		return d, nil
	}
	return calendar.Date{}, zhifa.Errorf(zhifa.ENOTFOUND, "no deadline")
}

func (fakeDeadlines) CalendarError(err error, _ string) error { return err }

// TestServiceWithFakeStore runs a publication's life on the fake store: the
// decision's publication masked and due with G4, published (G4 met),
// corrected, and withdrawn (G7 set and met), each with its event, and
// what the public sees at each point.
func TestServiceWithFakeStore(t *testing.T) {
	ctx := context.Background()
	now := testdate.Now(t)
	today := calendar.DateOf(zhifa.CivilDate(now))
	cal, err := calendar.New(calendar.Builtin()...)
	if err != nil {
		t.Fatal(err)
	}
	st := newFakeStore(now)
	s := &Service{Store: st, Guard: access.Guard{Denials: st}, Deadlines: fakeDeadlines{}, Now: func() time.Time { return now },
		Calendar: func(context.Context) (*calendar.Calendar, error) { return cal, nil }}
	officer := zhifa.Actor{UserID: 3, AgencyID: 1, Roles: []zhifa.Role{zhifa.RoleOfficer}}
	boss := zhifa.Actor{UserID: 4, AgencyID: 1, Roles: []zhifa.Role{zhifa.RoleAgencyHead}}
	stranger := zhifa.Actor{UserID: 5, AgencyID: 2, Roles: []zhifa.Role{zhifa.RoleOfficer}}
	c := &zhifa.Case{ID: 7, AgencyID: 1, AgencyName: "汉阴县市场监督管理局", DecidedOn: zhifa.CivilDate(now),
		Party: zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华", IDNumber: "610921198503124517", Phone: "13891534567", Address: "汉阴县城关镇新民街 12 号"}}
	st.cases[c.ID] = c
	step := &zhifa.Step{Fields: map[string]string{"number": "汉阴市监罚〔2026〕15号", "facts": "当事人张建华(身份证号 610921198503124517)销售过期食品。",
		"penalty_kind": "罚款", "penalty": "罚款 5000 元", "fine": "5000"}}

	// The decision's write: the step has set G4, then the publication. A
	// penalty publication names the person in full (the 处罚 policy) and
	// masks the ID number wherever it occurs.
	var p *Publication
	err = st.Write(ctx, func(tx Tx) error {
		if _, err := s.Deadlines.Set(tx, cal, c.Object(), c.AgencyID, "G4", today, 0); err != nil {
			return err
		}
		p, err = s.CreateFromDecision(tx, boss, c, step)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Pending() || p.PartyName != c.Party.Name || strings.Contains(p.Facts, c.Party.IDNumber) || strings.Contains(p.PartyIDNo, "03124517") ||
		p.Fine != 5000 || p.DueOn.IsZero() || p.Report == "" {
		t.Fatalf("publication of the decision: %+v", p)
	}
	if e := st.events[len(st.events)-1]; e.Type != "publication.created" || e.Object != "publication/1" || e.Attrs["case"] != "7" {
		t.Errorf("event %+v", e)
	}
	if _, err := s.PublicPublication(ctx, p.ID); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
		t.Errorf("pending publication public: %v", err)
	}

	if _, err := s.Publish(ctx, stranger, p.ID); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN || len(st.denials) != 1 {
		t.Errorf("another agency's officer publishes: %v, denials %v", err, st.denials)
	}
	if p, err = s.Publish(ctx, officer, p.ID); err != nil || !p.Published() || !p.PublishedAt.Equal(now) {
		t.Fatalf("publish: %+v, %v", p, err)
	}
	if _, ok := st.met[c.Object()+" G4"]; !ok {
		t.Error("G4 not met")
	}
	if _, err := s.Publish(ctx, officer, p.ID); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
		t.Errorf("publish twice: %v", err)
	}

	in := CorrectInput{Field: "facts", Value: "当事人张建华(电话 13891534567)销售超过保质期的食品。", Reason: "笔误"}
	if p, err = s.CorrectPublication(ctx, officer, p.ID, in); err != nil || strings.Contains(p.Facts, "13891534567") ||
		len(p.Corrections) != 1 || !p.Corrections[0].Public {
		t.Fatalf("correct: %+v, %v", p, err)
	}
	if _, err := s.CorrectPublication(ctx, officer, p.ID, in); zhifa.ErrorCode(err) != zhifa.EINVALID {
		t.Errorf("the same correction again: %v", err)
	}
	list, n, err := s.PublicPublications(ctx, PublicationFilter{})
	if err != nil || n != 1 || list[0].CaseID != 0 || list[0].Report != "" || list[0].Corrections[0].CorrectedBy != 0 {
		t.Errorf("public list: %+v, %d, %v", list, n, err)
	}

	w := WithdrawInput{Cause: WithdrawRevoked, ChangedOn: zhifa.CivilDate(now), Reason: "张建华申请复议,决定被撤销"}
	if _, err := s.WithdrawPublication(ctx, officer, p.ID, w); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
		t.Errorf("an officer withdraws: %v", err)
	}
	if p, err = s.WithdrawPublication(ctx, boss, p.ID, w); err != nil || !p.Withdrawn() || p.WithdrawLateDays != 0 ||
		strings.Contains(p.WithdrawReason, "张建华") || p.WithdrawDue.IsZero() {
		t.Fatalf("withdraw: %+v, %v", p, err)
	}
	if d, ok := st.met[c.Object()+" G7"]; !ok || d != today {
		t.Errorf("G7 met %v %v", d, ok)
	}
	if e := st.events[len(st.events)-1]; e.Type != "publication.withdrawn" || e.Attrs["late"] != "false" || e.Attrs["cause"] != WithdrawRevoked {
		t.Errorf("event %+v", e)
	}
	pub, err := s.PublicPublication(ctx, p.ID)
	if err != nil || pub.Facts != "" || pub.PartyName != "" || pub.WithdrawCause != WithdrawRevoked {
		t.Errorf("public withdrawn publication: %+v, %v", pub, err)
	}
	if _, err := s.CorrectPublication(ctx, officer, p.ID, in); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
		t.Errorf("correct a withdrawn publication: %v", err)
	}
}
