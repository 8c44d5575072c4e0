package penalty_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

func simpleForm(kind, fine string) map[string]string {
	return map[string]string{"place": "城关镇新民街", "facts": "当事人在店外占道摆放商品。", "basis": "《陕西省城市市容和环境卫生管理条例》第四十条",
		"penalty_kind": kind, "fine": fine, "penalty": "罚款 " + fine + " 元", "payment": "当场缴纳或十五日内缴至指定银行", "remedy": "可在六十日内申请行政复议,或者在六个月内提起行政诉讼"}
}

// TestSimpleProcedure is the case: a 简易程序 fine of 150 元 against
// a person is decided on the spot, numbered, served, and published with no
// legal review; 250 元 is refused naming Art 51; 3,000 元 against an
// organisation is allowed.
func TestSimpleProcedure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newCaseWorld(t, db)
		in := func(p zhifa.Party, kind, fine string) penalty.SimpleCaseInput {
			return penalty.SimpleCaseInput{MatterID: w.matter.ID, Party: p, HandlerIDs: []int64{w.off1.ID, w.off2.ID}, Fields: simpleForm(kind, fine)}
		}
		_, err := w.svc.DecideOnTheSpot(ctx, w.o1, in(person, "罚款", "250"))
		if zhifa.ErrorCode(err) != zhifa.ERULE || !strings.Contains(err.Error(), "《行政处罚法》第五十一条") || !strings.Contains(err.Error(), "200") {
			t.Fatalf("250 元 against a person: %v", err)
		}
		if _, err := w.svc.DecideOnTheSpot(ctx, w.o1, in(person, "警告、没收违法所得", "0")); zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Errorf("没收 on the spot: %v", err)
		}
		one := in(person, "罚款", "150")
		one.HandlerIDs = []int64{w.off1.ID}
		if _, err := w.svc.DecideOnTheSpot(ctx, w.o1, one); zhifa.ErrorCode(err) != zhifa.ERULE {
			t.Errorf("one officer: %v", err)
		}
		r, err := w.svc.DecideOnTheSpot(ctx, w.o1, in(person, "罚款", "150"))
		must(t, err)
		if want := fmt.Sprintf("汉阴市监罚〔%d〕1号", w.now.Year()); r.Case.Stage != string(penalty.Decided) || r.Step.Fields["number"] != want {
			t.Fatalf("on the spot: stage %s number %q, want %q", r.Case.Stage, r.Step.Fields["number"], want)
		}
		w.mustStep(w.o1, r.Case, penalty.Serve, map[string]string{"method": "直接送达", "recipient": person.Name})
		d, err := w.svc.Case(ctx, w.o1, r.Case.ID)
		must(t, err)
		for _, st := range d.Steps {
			if st.Action == string(penalty.Review) {
				t.Error("a review on a 简易程序 case")
			}
		}
		if d.Publication == nil {
			t.Fatal("no publication")
		}
		p, err := w.svc.Publish(ctx, w.o1, d.Publication.ID)
		must(t, err)
		if p.Status != publicity.StatusPublished || p.Fine != 150 {
			t.Errorf("publication %s fine %d", p.Status, p.Fine)
		}
		// verify recomputes the case's time limits from its steps.
		rep := &store.StateReport{Records: map[string]int{}}
		must(t, w.svc.VerifyDeadlines(ctx, rep))
		if len(rep.Findings) > 0 {
			t.Errorf("deadlines of a 简易程序 case do not verify: %+v", rep.Findings)
		}
		org := zhifa.Party{Kind: zhifa.PartyOrganization, Name: "汉阴县好味道餐饮店", IDNumber: "91610921MA6YX0012" + string(idcode.CreditCheckChar("91610921MA6YX0012"))}
		if _, err := w.svc.DecideOnTheSpot(ctx, w.o1, in(org, "警告、罚款", "3000")); err != nil {
			t.Errorf("3000 元 against an organisation: %v", err)
		}
	})
}
