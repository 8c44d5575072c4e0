package service

import (
	"context"
	"fmt"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/store"
)

// calendarChangedSince reports whether the schedule of a year between start
// and the later of two due dates was imported after the deadline was met:
// an import recomputes open deadlines only, so a met one keeps the due date
// of the calendar of its time.
func calendarChangedSince(changed map[int]calendar.Date, start, due calendar.Date, storedDue, met string) bool {
	last := due.Y
	if d, err := calendar.ParseDate(storedDue); err == nil && d.Y > last {
		last = d.Y
	}
	metOn, err := calendar.ParseDate(met)
	if err != nil {
		return false
	}
	for y := start.Y; y <= last; y++ {
		if c, ok := changed[y]; ok && !c.Before(metOn) {
			return true
		}
	}
	return false
}

// expectedDeadline is a deadline as the replay of a case's records makes it.
type expectedDeadline struct {
	start, met  calendar.Date
	responsible int64
	checkResp   bool
	due         calendar.Date // zero when the calendar cannot compute it
}

// VerifyDeadlines recomputes the deadlines table, a derived table, from
// the records: for each case it replays its steps through
// penalty.DeadlineEffects (the rules the service applied when the steps
// were recorded) and its publication (published: G4 met; withdrawn: G7), on
// the calendar in force, and compares every stored deadline of the case
// with its recomputation: start, met date, responsible user and due date.
// The due date is recomputed on today's calendar (an import recomputes open
// deadlines); a met one may differ only when a year it spans was imported
// after it was met. Findings go to rep.
func (s *Service) VerifyDeadlines(ctx context.Context, rep *store.StateReport) error {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	snap, err := s.DB.ReadSnapshot(ctx)
	if err != nil {
		return err
	}
	defer snap.Close()
	scheds, err := snap.Schedules(ctx)
	if err != nil {
		return err
	}
	changed := map[int]calendar.Date{} // year → day its schedule was last imported
	for _, sc := range scheds {
		changed[sc.Year] = calendar.DateOf(zhifa.CivilDate(sc.Updated))
	}
	reviewDays := map[int64]int{}
	after := int64(0)
	for {
		ids, err := snap.CaseIDsAfter(ctx, after, 500)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := s.verifyCaseDeadlines(ctx, snap, cal, changed, reviewDays, id, rep); err != nil {
				return err
			}
		}
		if len(ids) < 500 {
			break
		}
		after = ids[len(ids)-1]
	}
	// Deadlines of objects that are no case.
	all, err := snap.FindDeadlines(ctx, store.DeadlineFilter{})
	if err != nil {
		return err
	}
	for _, d := range all {
		if !validCaseObject(d.Object) {
			rep.Add(store.Finding{Kind: store.FindingDerived, Table: "deadlines", Key: d.ID, Index: -1,
				Msg: "deadlines 第 " + itoa(d.ID) + " 行属于“" + d.Object + "”,该对象不是已登记的案件"})
		}
	}
	return nil
}

func validCaseObject(object string) bool {
	const p = "case/"
	if len(object) <= len(p) || object[:len(p)] != p {
		return false
	}
	_, err := strconv.ParseInt(object[len(p):], 10, 64)
	return err == nil
}

func (s *Service) verifyCaseDeadlines(ctx context.Context, snap *store.Snapshot, cal *calendar.Calendar, changed map[int]calendar.Date,
	reviewDays map[int64]int, id int64, rep *store.StateReport) error {
	c, err := snap.FindCase(ctx, id)
	if err != nil {
		return err
	}
	steps, err := snap.FindSteps(ctx, id)
	if err != nil {
		return err
	}
	days, ok := reviewDays[c.AgencyID]
	if !ok {
		ag, err := snap.FindAgency(ctx, c.AgencyID)
		if err != nil {
			return err
		}
		days, reviewDays[c.AgencyID] = ag.ReviewDays, ag.ReviewDays
	}
	if err := verifyRuleState(ctx, snap, c, steps, rep); err != nil {
		return err
	}
	want := map[string]*expectedDeadline{}
	meet := func(rule string, on calendar.Date) {
		if d := want[rule]; d != nil && !d.met.Valid() {
			d.met = on
		}
	}
	start := func(rule string, on calendar.Date, responsible int64, checkResp bool) {
		d := &expectedDeadline{start: on, responsible: responsible, checkResp: checkResp}
		r, err := ruleOf(rule, func() (int, error) {
			ext, err := snap.ReviewExtensionDays(ctx, c.Object(), on.String()) // approved extensions of the round
			return days + ext, err
		})
		if err == nil {
			if due, err := deadline.Due(cal, r, on, nil); err == nil {
				d.due = due
			}
		}
		want[rule] = d
	}
	fined := false
	for _, st := range steps {
		on := calendar.DateOf(zhifa.CivilDate(st.Created))
		act := penalty.Action(st.Action)
		if act == penalty.Decide || act == penalty.SimpleDecide {
			if n, _ := strconv.ParseInt(st.Fields["fine"], 10, 64); n > 0 {
				fined = true
			}
		}
		eff := penalty.DeadlineEffects(act, st.Fields, fined)
		for _, r := range eff.Meets {
			meet(r, on)
		}
		for _, r := range eff.Starts {
			resp := int64(0)
			if r.Registrant {
				resp = c.RegisteredBy
			}
			start(r.Rule, on, resp, true)
		}
	}
	p, err := snap.FindPublication(ctx, publicity.PublicationFilter{CaseID: id})
	if err != nil && zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
		return err
	}
	if p != nil {
		if !p.PublishedAt.IsZero() {
			meet("G4", calendar.DateOf(zhifa.CivilDate(p.PublishedAt)))
		}
		if !p.WithdrawnAt.IsZero() {
			start("G7", calendar.DateOf(p.ChangedOn), 0, false)
			want["G7"].met = calendar.DateOf(zhifa.CivilDate(p.WithdrawnAt))
			if !p.WithdrawDue.IsZero() {
				want["G7"].due = calendar.DateOf(p.WithdrawDue)
			}
		}
	}
	object := c.Object()
	stored, err := snap.FindDeadlines(ctx, store.DeadlineFilter{Object: &object})
	if err != nil {
		return err
	}
	add := func(d *store.Deadline, format string, args ...any) {
		rep.Add(store.Finding{Kind: store.FindingDerived, Table: "deadlines", Key: d.ID, Index: -1,
			Msg: "deadlines 第 " + itoa(d.ID) + " 行(" + object + " " + d.RuleID + "):" + fmt.Sprintf(format, args...)})
	}
	for _, d := range stored {
		w := want[d.RuleID]
		delete(want, d.RuleID)
		if w == nil {
			add(d, "案件的环节记录不产生该期限")
			continue
		}
		if d.Start != w.start.String() {
			add(d, "起算日为 %s,按环节记录应为 %s", d.Start, w.start)
		}
		wantMet := ""
		if w.met.Valid() {
			wantMet = w.met.String()
		}
		if d.MetAt != wantMet {
			add(d, "完成日为“%s”,按环节记录应为“%s”", d.MetAt, wantMet)
		}
		if w.checkResp && d.Responsible != w.responsible {
			add(d, "责任人为用户 %d,按环节记录应为用户 %d", d.Responsible, w.responsible)
		}
		if w.due.Valid() && d.Due != w.due.String() && !(d.MetAt != "" && d.RuleID != "G7" && calendarChangedSince(changed, w.start, w.due, d.Due, d.MetAt)) {
			add(d, "到期日为 %s,按现行日历重新计算应为 %s", d.Due, w.due)
		}
	}
	for rule := range want {
		rep.Add(store.Finding{Kind: store.FindingDerived, Table: "deadlines", Index: -1,
			Msg: object + " 缺少期限 " + rule + ":环节记录产生了它,期限表中却没有"})
	}
	return nil
}

// verifyRuleState checks the rule state kept on the case row (what the
// rules need of its history, updated with each step) against the fold of
// its steps: a derived column, which the row's digest alone cannot prove
// right.
func verifyRuleState(ctx context.Context, snap *store.Snapshot, c *zhifa.Case, steps []*zhifa.Step, rep *store.StateReport) error {
	stored, err := snap.CaseRuleState(ctx, c.ID)
	if err != nil {
		return err
	}
	have, ok := penalty.DecodeHistory(stored)
	if !ok {
		return nil // never computed, or of another version: computed from the steps at the next step
	}
	got, err := have.Encode()
	if err != nil {
		return err
	}
	want, err := penalty.HistoryOf(steps).Encode()
	if err != nil {
		return err
	}
	if got != want {
		rep.Add(store.Finding{Kind: store.FindingDerived, Table: "cases", Key: c.ID, Index: -1,
			Msg: "cases 第 " + itoa(c.ID) + " 行的规则状态(rule_state)与按其环节记录重新计算的结果不符"})
	}
	return nil
}
