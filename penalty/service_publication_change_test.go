package penalty_test

import (
	"context"
	"maps"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa/publicity"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// decided takes a new case against person to its decision (n only labels
// the call: the number is the system's), on
// the world's clock, and returns its publication, published if publish.
func (w *caseWorld) decided(n int, publish bool) *publicity.Publication {
	w.t.Helper()
	ctx := context.Background()
	c := w.register()
	w.throughNotice(c)
	w.mustStep(w.o1, c, penalty.Statement, map[string]string{"waived": "是", "hearing_waived": "是"})
	w.mustStep(w.head, c, penalty.SubmitReview, nil)
	if _, err := w.svc.RecordStep(ctx, w.reviewer, c.ID, penalty.StepInput{Action: penalty.Review, Review: passAll(review.OutcomeAgree)}); err != nil {
		w.t.Fatal(err)
	}
	fields := maps.Clone(decision)
	w.mustStep(w.boss, c, penalty.Decide, fields)
	d, err := w.svc.Case(ctx, w.o1, c.ID)
	must(w.t, err)
	p := d.Publication
	if publish {
		p, err = w.svc.Publish(ctx, w.o1, p.ID)
		must(w.t, err)
	}
	return p
}

// at moves the world's clock to 10:00 in China on the civil date s.
func (w *caseWorld) at(s string) {
	d, _ := zhifa.ParseDate(s)
	w.now = d.Add(2 * time.Hour)
}

// lastEvent returns the latest ledger event of type typ about object.
func lastEvent(t *testing.T, svc *service.Service, typ, object string) (map[string]string, bool) {
	t.Helper()
	n, err := svc.DB.LogSize()
	must(t, err)
	for i := n - 1; i >= 0; i-- {
		_, e, err := svc.Event(context.Background(), i)
		must(t, err)
		if e.Type == typ && e.Object == object {
			return e.Attrs, true
		}
	}
	return nil, false
}

func wantCode(t *testing.T, what string, err error, code, problem string) {
	t.Helper()
	if got := zhifa.ErrorCode(err); got != code {
		t.Fatalf("%s: error %v (%s), want %s", what, err, got, code)
	}
	if problem != "" {
		e, _ := err.(*zhifa.Error)
		if e == nil || e.Problems[problem] == "" {
			t.Fatalf("%s: problems %v, want one under %q", what, e, problem)
		}
	}
}

// TestWithdrawPublication: the rules of a withdrawal (处罚法 Art 48 ¶2) and
// its time limit G7 (3 working days) counted on the official calendar: the
// decisions are made on Tuesday 2026-09-22 and withdrawn on Friday
// 2026-10-09, after 中秋 and 国庆 (2026-09-25…27 and 10-01…07 rest days).
func TestWithdrawPublication(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newCaseWorld(t, db)
		w.at("2026-09-22")
		pending := w.decided(20, false)
		errs := w.decided(21, true)
		inTime := w.decided(22, true)
		late := w.decided(23, true)
		w.at("2026-10-09")

		good := publicity.WithdrawInput{Cause: publicity.WithdrawRevoked, ChangedOn: regDate("2026-09-30"), Reason: "经行政复议,本决定被撤销。"}
		with := func(f func(*publicity.WithdrawInput)) publicity.WithdrawInput { in := good; f(&in); return in }
		for _, tt := range []struct {
			name    string
			a       zhifa.Actor
			id      int64
			in      publicity.WithdrawInput
			code    string
			problem string
		}{
			{"not published", w.boss, pending.ID, good, zhifa.ECONFLICT, ""},
			{"missing reason", w.boss, errs.ID, with(func(in *publicity.WithdrawInput) { in.Reason = "  " }), zhifa.EINVALID, "reason"},
			{"reason too long", w.boss, errs.ID, with(func(in *publicity.WithdrawInput) { in.Reason = strings.Repeat("长", 501) }), zhifa.EINVALID, "reason"},
			{"missing cause", w.boss, errs.ID, with(func(in *publicity.WithdrawInput) { in.Cause = "" }), zhifa.EINVALID, "cause"},
			{"unknown cause", w.boss, errs.ID, with(func(in *publicity.WithdrawInput) { in.Cause = "当事人申请" }), zhifa.EINVALID, "cause"},
			{"missing date", w.boss, errs.ID, with(func(in *publicity.WithdrawInput) { in.ChangedOn = time.Time{} }), zhifa.EINVALID, "changed_on"},
			{"future date", w.boss, errs.ID, with(func(in *publicity.WithdrawInput) { in.ChangedOn = regDate("2026-10-10") }), zhifa.EINVALID, "changed_on"},
			{"before the decision", w.boss, errs.ID, with(func(in *publicity.WithdrawInput) { in.ChangedOn = regDate("2026-09-21") }), zhifa.EINVALID, "changed_on"},
			{"officer", w.o1, errs.ID, good, zhifa.EFORBIDDEN, ""},
			{"unit head", w.head, errs.ID, good, zhifa.EFORBIDDEN, ""},
			{"reviewer", w.reviewer, errs.ID, good, zhifa.EFORBIDDEN, ""},
			{"public", zhifa.Actor{}, errs.ID, good, zhifa.EUNAUTHORIZED, ""},
			{"unknown", w.boss, 99999, good, zhifa.ENOTFOUND, ""},
		} {
			t.Run(tt.name, func(t *testing.T) {
				_, err := w.svc.WithdrawPublication(ctx, tt.a, tt.id, tt.in)
				wantCode(t, tt.name, err, tt.code, tt.problem)
				if e, ok := err.(*zhifa.Error); ok && tt.problem != "" && !strings.Contains(e.Message, "输入有误") {
					t.Errorf("message %q", e.Message)
				}
			})
		}
		// Nothing changed by the refusals.
		p, err := w.svc.PublicPublication(ctx, errs.ID)
		must(t, err)
		if p.Status != publicity.StatusPublished || p.Facts == "" {
			t.Fatalf("after refusals: %+v", p)
		}
		if _, err := db.FindDeadline(ctx, "case/"+strconv.FormatInt(errs.CaseID, 10), "G7"); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			t.Fatalf("refusals set G7: %v", err)
		}

		for _, tt := range []struct {
			name     string
			p        *publicity.Publication
			changed  string
			cause    string
			wantDue  string
			wantLate int
		}{
			// 09-30 + 3 working days: 10-08, 10-09, 10-10 (a 调休上班
			// Saturday); in time on 10-09 although nine days passed.
			{"in time over 国庆", inTime, "2026-09-30", publicity.WithdrawIllegal, "2026-10-10", 0},
			// 09-24 + 3 working days: 09-28, 09-29, 09-30; 10-09 is the
			// second working day after it, not the ninth day.
			{"late over 国庆", late, "2026-09-24", publicity.WithdrawChanged, "2026-09-30", 2},
		} {
			t.Run(tt.name, func(t *testing.T) {
				in := publicity.WithdrawInput{Cause: tt.cause, ChangedOn: regDate(tt.changed),
					Reason: "经汉阴县人民政府行政复议,本决定被确认违法。当事人张建华(身份证号 610921198503124517,电话 13891534567)已收到复议决定书。"}
				p, err := w.svc.WithdrawPublication(ctx, w.boss, tt.p.ID, in)
				must(t, err)
				if p.Status != publicity.StatusWithdrawn || zhifa.FormatDate(p.WithdrawDue) != tt.wantDue || p.WithdrawLateDays != tt.wantLate ||
					zhifa.FormatDate(p.ChangedOn) != tt.changed || p.WithdrawCause != tt.cause || !p.WithdrawnAt.Equal(w.now) {
					t.Fatalf("withdrawn: status %s due %s late %d changed %s cause %s at %s", p.Status, zhifa.FormatDate(p.WithdrawDue),
						p.WithdrawLateDays, zhifa.FormatDate(p.ChangedOn), p.WithdrawCause, p.WithdrawnAt)
				}
				// The public reason is masked like the decision's texts.
				for _, leak := range []string{person.IDNumber, person.Phone} {
					if strings.Contains(p.WithdrawReason, leak) {
						t.Errorf("reason leaks %q: %s", leak, p.WithdrawReason)
					}
				}
				if !strings.Contains(p.WithdrawReason, "610921************") || !strings.Contains(p.WithdrawReason, "138****4567") ||
					strings.Contains(p.WithdrawReason, person.Name) || !strings.Contains(p.WithdrawReason, "张某") {
					t.Errorf("reason %q", p.WithdrawReason)
				}
				// The case's G7 records whether the withdrawal was in time.
				d, err := db.FindDeadline(ctx, "case/"+strconv.FormatInt(p.CaseID, 10), "G7")
				must(t, err)
				if d.Start != tt.changed || d.Due != tt.wantDue || d.MetAt != "2026-10-09" || d.Responsible != w.boss.UserID {
					t.Errorf("G7 %+v", d)
				}
				attrs, ok := lastEvent(t, w.svc, "publication.withdrawn", "publication/"+strconv.FormatInt(p.ID, 10))
				if !ok || attrs["late"] != strconv.FormatBool(tt.wantLate > 0) || attrs["cause"] != tt.cause || attrs["case"] != strconv.FormatInt(p.CaseID, 10) {
					t.Errorf("ledger event %v, %v", ok, attrs)
				}
				// The portal: the content is taken down, the row kept.
				pub, err := w.svc.PublicPublication(ctx, p.ID)
				must(t, err)
				if pub.Facts != "" || pub.Penalty != "" || pub.PartyName != "" || pub.PartyIDNo != "" || pub.Basis != "" || pub.Fine != 0 ||
					pub.Number != p.Number || pub.WithdrawCause != tt.cause || pub.WithdrawReason != p.WithdrawReason || pub.WithdrawLateDays != tt.wantLate {
					t.Errorf("public copy %+v", pub)
				}
				stored, err := db.FindPublication(ctx, publicity.PublicationFilter{ID: p.ID})
				must(t, err)
				if stored.Facts == "" || stored.PartyName != person.Name {
					t.Errorf("withdrawal deleted the record: %+v", stored)
				}
				_, err = w.svc.WithdrawPublication(ctx, w.boss, p.ID, in)
				wantCode(t, "withdraw twice", err, zhifa.ECONFLICT, "")
			})
		}

		list, n, err := w.svc.PublicPublications(ctx, publicity.PublicationFilter{})
		must(t, err)
		if n != 1 || len(list) != 1 || list[0].ID != errs.ID {
			t.Errorf("published list: %d %v", n, list)
		}
		wl, n, err := w.svc.PublicPublications(ctx, publicity.PublicationFilter{Status: publicity.StatusWithdrawn})
		must(t, err)
		if n != 2 || len(wl) != 2 || wl[0].Facts != "" || wl[0].PartyName != "" {
			t.Errorf("withdrawn list: %d %+v", n, wl)
		}
		// Over withdrawn decisions the keyword matches the 文号 only: the
		// taken-down content is not searchable.
		if _, n, _ := w.svc.PublicPublications(ctx, publicity.PublicationFilter{Status: publicity.StatusWithdrawn, Keyword: "保质期"}); n != 0 {
			t.Errorf("withdrawn content searchable: %d", n)
		}
		if _, n, _ := w.svc.PublicPublications(ctx, publicity.PublicationFilter{Status: publicity.StatusWithdrawn, Keyword: late.Number}); n != 1 || late.Number == "" {
			t.Errorf("withdrawn by number: %d", n)
		}
		if _, err := w.svc.PublicPublication(ctx, pending.ID); zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			t.Errorf("pending is public: %v", err)
		}
	})
}

// TestCorrectPublication: the rules of a correction (seed 二(一) 纠错机制)
// and the masking of what is typed.
func TestCorrectPublication(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newCaseWorld(t, db)
		pending := w.decided(30, false)
		pub := w.decided(31, true)
		gone := w.decided(32, true)
		_, err := w.svc.WithdrawPublication(ctx, w.boss, gone.ID, publicity.WithdrawInput{Cause: publicity.WithdrawVoid, ChangedOn: regDate(testdate.String(t)), Reason: "决定被确认无效"})
		must(t, err)

		good := publicity.CorrectInput{Field: "penalty", Value: "警告,并处罚款 4000 元", Reason: "罚款金额笔误,依决定书原文更正"}
		with := func(f func(*publicity.CorrectInput)) publicity.CorrectInput { in := good; f(&in); return in }
		for _, tt := range []struct {
			name    string
			a       zhifa.Actor
			id      int64
			in      publicity.CorrectInput
			code    string
			problem string
		}{
			{"unknown field", w.o1, pub.ID, with(func(in *publicity.CorrectInput) { in.Field = "party_name" }), zhifa.EINVALID, "field"},
			{"no field", w.o1, pub.ID, with(func(in *publicity.CorrectInput) { in.Field = "" }), zhifa.EINVALID, "field"},
			{"empty reason", w.o1, pub.ID, with(func(in *publicity.CorrectInput) { in.Reason = " " }), zhifa.EINVALID, "reason"},
			{"empty value", w.o1, pub.ID, with(func(in *publicity.CorrectInput) { in.Value = "" }), zhifa.EINVALID, "value"},
			{"number too long", w.o1, pub.ID, with(func(in *publicity.CorrectInput) { in.Field, in.Value = "number", strings.Repeat("号", 101) }), zhifa.EINVALID, "value"},
			// The decision's own facts, ID number and phone in full: masked,
			// they equal what is published.
			{"unchanged value", w.o1, pub.ID, with(func(in *publicity.CorrectInput) { in.Field, in.Value = "facts", decision["facts"] }), zhifa.EINVALID, "value"},
			{"withdrawn", w.o1, gone.ID, good, zhifa.ECONFLICT, ""},
			{"reviewer", w.reviewer, pub.ID, good, zhifa.EFORBIDDEN, ""},
			{"public", zhifa.Actor{}, pub.ID, good, zhifa.EUNAUTHORIZED, ""},
			{"unknown", w.o1, 99999, good, zhifa.ENOTFOUND, ""},
		} {
			t.Run(tt.name, func(t *testing.T) {
				_, err := w.svc.CorrectPublication(ctx, tt.a, tt.id, tt.in)
				wantCode(t, tt.name, err, tt.code, tt.problem)
			})
		}
		if p, _ := db.FindPublication(ctx, publicity.PublicationFilter{ID: pub.ID}); len(p.Corrections) != 0 || p.Penalty != pub.Penalty {
			t.Fatalf("refusals changed the publication: %+v", p)
		}

		t.Run("masking", func(t *testing.T) {
			in := publicity.CorrectInput{Field: "facts",
				Value:  "当事人张建华(身份证号 610921198503124517,联系电话 13891534567)于2026年11月20日在城关镇三元村四组 12 号的餐馆销售超过保质期的食品 12 袋。",
				Reason: "漏记日期和数量;已电话 13891534567 与当事人核实"}
			p, err := w.svc.CorrectPublication(ctx, w.head, pub.ID, in)
			must(t, err)
			if len(p.Corrections) != 1 {
				t.Fatalf("%d corrections", len(p.Corrections))
			}
			c := p.Corrections[0]
			if c.Old != pub.Facts || c.New != p.Facts || c.Field != "facts" || c.FieldName != "违法事实" || !c.Public || c.CorrectedBy != w.head.UserID {
				t.Errorf("correction %+v", c)
			}
			for _, s := range []string{c.New, c.Reason, p.Facts} {
				for _, leak := range []string{person.IDNumber, person.Phone} {
					if strings.Contains(s, leak) {
						t.Errorf("public text leaks %q: %s", leak, s)
					}
				}
			}
			if !strings.Contains(c.New, "610921************") || !strings.Contains(c.New, "138****4567") || !strings.Contains(c.New, "食品 12 袋") ||
				!strings.Contains(c.Reason, "138****4567") {
				t.Errorf("new %q reason %q", c.New, c.Reason)
			}
			attrs, ok := lastEvent(t, w.svc, "publication.corrected", "publication/"+strconv.FormatInt(pub.ID, 10))
			if !ok || attrs["field"] != "facts" || attrs["report"] != c.Report || c.Report == "" {
				t.Errorf("ledger event %v %v", ok, attrs)
			}
			public, err := w.svc.PublicPublication(ctx, pub.ID)
			must(t, err)
			if len(public.Corrections) != 1 || public.Corrections[0].New != c.New || public.Corrections[0].CorrectedBy != 0 || public.Facts != c.New {
				t.Errorf("public corrections %+v", public.Corrections)
			}
			if _, err := w.svc.CorrectPublication(ctx, w.o1, pub.ID, in); zhifa.ErrorCode(err) != zhifa.EINVALID {
				t.Errorf("the same correction again: %v", err)
			}
		})
		t.Run("number", func(t *testing.T) {
			p, err := w.svc.CorrectPublication(ctx, w.boss, pub.ID, publicity.CorrectInput{Field: "number", Value: "汉阴市监罚〔2026〕131号", Reason: "文号笔误"})
			must(t, err)
			if p.Number != "汉阴市监罚〔2026〕131号" || len(p.Corrections) != 2 {
				t.Errorf("number %q, %d corrections", p.Number, len(p.Corrections))
			}
		})
		t.Run("before publication", func(t *testing.T) {
			p, err := w.svc.CorrectPublication(ctx, w.o1, pending.ID, good)
			must(t, err)
			if p.Penalty != good.Value || len(p.Corrections) != 1 || p.Corrections[0].Public {
				t.Fatalf("pending correction %+v", p.Corrections)
			}
			if _, err := w.svc.Publish(ctx, w.o1, pending.ID); err != nil {
				t.Fatal(err)
			}
			public, err := w.svc.PublicPublication(ctx, pending.ID)
			must(t, err)
			if public.Penalty != good.Value || len(public.Corrections) != 0 {
				t.Errorf("the public sees a correction of what it never saw: %+v", public.Corrections)
			}
		})
	})
}
