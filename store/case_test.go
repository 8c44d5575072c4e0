package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/zhifa/zhifa/publicity"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestCasesStepsPublications round-trips a case, two steps (one with a
// review and a file) and a publication, and checks the filters, on both
// engines.
func TestCasesStepsPublications(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag := &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
		m := &registry.Matter{Name: "销售过期食品", Category: registry.MatterPenalty, Basis: "《中华人民共和国食品安全法》第一百二十四条"}
		u := &identity.User{Username: "o1", Name: "王志强"}
		c := &zhifa.Case{Number: "汉阴市监案〔2026〕1号", Stage: "registered", Source: "监督检查", Summary: "销售过期食品",
			Party:      zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华", IDNumber: "610921198503124517", Phone: "13891534567", Address: "汉阴县城关镇"},
			HandlerIDs: []int64{3, 5}}
		if err := regWrite(t, db, func(tx *store.Tx) error {
			if err := tx.CreateAgency(ag); err != nil {
				return err
			}
			m.AgencyID, u.AgencyID, c.AgencyID = ag.ID, ag.ID, ag.ID
			if err := tx.CreateMatter(m); err != nil {
				return err
			}
			if err := tx.CreateUser(u, "x"); err != nil {
				return err
			}
			c.MatterID, c.RegisteredBy = m.ID, u.ID
			n, err := tx.NextCaseSerial(ag.ID, "汉阴市监案〔2026〕")
			if err != nil || n != 1 {
				t.Errorf("NextCaseSerial = %d, %v; want 1", n, err)
			}
			return tx.CreateCase(c)
		}); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindCase(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := *c
		want.AgencyName, want.MatterName, want.Created, want.Updated = ag.Name, m.Name, got.Created, got.Updated
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("FindCase =\n%+v\nwant\n%+v", *got, want)
		}
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.CreateCase(&zhifa.Case{Number: c.Number}) }); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Errorf("duplicate case number: %v, want ECONFLICT", err)
		}

		s1 := &zhifa.Step{CaseID: c.ID, Action: "open", Stage: "opened", ActorUserID: u.ID, Fields: map[string]string{"opinion": "同意立案"}, LedgerIndex: 7}
		s2 := &zhifa.Step{CaseID: c.ID, Action: "review", Stage: "reviewed", ActorUserID: u.ID, OfficerIDs: []int64{3, 5}, Fields: map[string]string{},
			Review:      &zhifa.ReviewOpinion{Outcome: "同意", Opinion: "同意", Passed: true, Checklist: []zhifa.ReviewFinding{{Code: "facts", Name: "事实", Passed: true}}},
			Files:       []zhifa.Evidence{{Name: "照片.jpg", ContentType: "image/jpeg", Size: 3, Digest: "sha256:" + string(make([]byte, 0)) + "00", UploadedBy: u.ID}},
			LedgerIndex: 8}
		c.Stage = "reviewed"
		if err := regWrite(t, db, func(tx *store.Tx) error {
			if _, err := tx.LockCase(c.ID); err != nil {
				return err
			}
			if err := tx.AddStep(s1); err != nil {
				return err
			}
			if err := tx.AddStep(s2); err != nil {
				return err
			}
			return tx.SetCaseStage(c)
		}); err != nil {
			t.Fatal(err)
		}
		if s1.Seq != 1 || s2.Seq != 2 || s2.Files[0].ID == 0 {
			t.Fatalf("seq %d %d, file id %d", s1.Seq, s2.Seq, s2.Files[0].ID)
		}
		steps, err := db.FindSteps(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(steps) != 2 || steps[0].Fields["opinion"] != "同意立案" || steps[1].Review == nil || !steps[1].Review.Passed ||
			len(steps[1].Files) != 1 || steps[1].Files[0].Name != "照片.jpg" || steps[1].ActorName != "王志强" || !reflect.DeepEqual(steps[1].OfficerIDs, []int64{3, 5}) {
			t.Fatalf("FindSteps = %+v %+v", steps[0], steps[1])
		}
		if cs, _ := db.FindCases(ctx, store.CaseFilter{AgencyID: ag.ID, Stages: []string{"reviewed", "opened"}}); len(cs) != 1 {
			t.Errorf("FindCases by stage = %d", len(cs))
		}
		if cs, _ := db.FindCases(ctx, store.CaseFilter{Stages: []string{"archived"}}); len(cs) != 0 {
			t.Errorf("FindCases archived = %d", len(cs))
		}

		p := &publicity.Publication{CaseID: c.ID, AgencyID: ag.ID, Category: registry.MatterPenalty, Number: "汉阴市监罚〔2026〕15号", PartyKind: zhifa.PartyPerson,
			PartyName: "张建华", PartyIDNo: "610921************", Facts: "销售100%过期的食品", Basis: "《食品安全法》", PenaltyKind: "罚款", Penalty: "罚款 5000 元",
			Fine: 5000, DecidedOn: regDay("2026-11-20"), DueOn: regDay("2026-12-01"), Status: publicity.StatusPending}
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.CreatePublication(p) }); err != nil {
			t.Fatal(err)
		}
		p.Status, p.PublishedAt = publicity.StatusPublished, db.Now().UTC().Truncate(1000)
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.SetPublicationStatus(p) }); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name string
			f    publicity.PublicationFilter
			want int
		}{
			{"all", publicity.PublicationFilter{}, 1},
			{"published", publicity.PublicationFilter{Status: publicity.StatusPublished}, 1},
			{"pending", publicity.PublicationFilter{Status: publicity.StatusPending}, 0},
			{"agency", publicity.PublicationFilter{AgencyID: ag.ID + 1}, 0},
			{"from", publicity.PublicationFilter{From: "2026-11-20"}, 1},
			{"to before", publicity.PublicationFilter{To: "2026-11-19"}, 0},
			{"keyword number", publicity.PublicationFilter{Keyword: "〔2026〕15"}, 1},
			{"keyword facts", publicity.PublicationFilter{Keyword: "过期"}, 1},
			{"keyword percent is literal", publicity.PublicationFilter{Keyword: "100%过"}, 1},
			{"keyword percent no wildcard", publicity.PublicationFilter{Keyword: "%罚款%x"}, 0},
			{"keyword underscore literal", publicity.PublicationFilter{Keyword: "_"}, 0},
			{"keyword miss", publicity.PublicationFilter{Keyword: "占道"}, 0},
			{"category", publicity.PublicationFilter{Category: "行政许可"}, 0},
		} {
			ps, n, err := db.FindPublications(ctx, tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if n != tt.want || len(ps) != tt.want {
				t.Errorf("%s: %d (%d rows), want %d", tt.name, n, len(ps), tt.want)
			}
		}
		got2, err := db.FindPublication(ctx, publicity.PublicationFilter{CaseID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got2.Status != publicity.StatusPublished || got2.PublishedAt.IsZero() || got2.Fine != 5000 || got2.AgencyName != ag.Name {
			t.Errorf("FindPublication = %+v", got2)
		}

		// A correction: the field and the correction row in one write; a
		// stale old value (someone corrected first) changes nothing.
		correct := func(old, value string) error {
			return regWrite(t, db, func(tx *store.Tx) error {
				p.Facts = value
				return tx.CorrectPublication(p, &publicity.Correction{Field: "facts", Old: old, New: value, Reason: "更正", Public: true, CorrectedBy: u.ID})
			})
		}
		if err := correct("销售100%过期的食品", "销售过期的食品 12 袋"); err != nil {
			t.Fatal(err)
		}
		if err := correct("销售100%过期的食品", "销售过期的食品 13 袋"); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Errorf("stale correction: %v, want conflict", err)
		}
		err = regWrite(t, db, func(tx *store.Tx) error {
			return tx.CorrectPublication(p, &publicity.Correction{Field: "status", Old: "已公示", New: "x"})
		})
		if zhifa.ErrorCode(err) != zhifa.EINVALID {
			t.Errorf("correcting a column outside the list: %v", err)
		}
		// A withdrawal, once.
		p.Status, p.WithdrawnAt, p.WithdrawCause, p.WithdrawReason = publicity.StatusWithdrawn, db.Now().UTC().Truncate(1000), publicity.WithdrawRevoked, "经复议撤销"
		p.ChangedOn, p.WithdrawDue, p.WithdrawLateDays = regDay("2026-12-01"), regDay("2026-12-04"), 2
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.WithdrawPublication(p) }); err != nil {
			t.Fatal(err)
		}
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.WithdrawPublication(p) }); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Errorf("second withdrawal: %v, want conflict", err)
		}
		if err := correct("销售过期的食品 12 袋", "销售过期的食品 14 袋"); zhifa.ErrorCode(err) != zhifa.ECONFLICT {
			t.Errorf("correcting a withdrawn publication: %v, want conflict", err)
		}
		got3, err := db.FindPublication(ctx, publicity.PublicationFilter{ID: p.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got3.Status != publicity.StatusWithdrawn || !got3.WithdrawnAt.Equal(p.WithdrawnAt) || got3.WithdrawCause != publicity.WithdrawRevoked ||
			got3.WithdrawReason != "经复议撤销" || zhifa.FormatDate(got3.ChangedOn) != "2026-12-01" || zhifa.FormatDate(got3.WithdrawDue) != "2026-12-04" ||
			got3.WithdrawLateDays != 2 || got3.Facts != "销售过期的食品 12 袋" {
			t.Errorf("after withdrawal %+v", got3)
		}
		if cs := got3.Corrections; len(cs) != 1 || cs[0].Old != "销售100%过期的食品" || cs[0].New != "销售过期的食品 12 袋" || cs[0].FieldName != "违法事实" ||
			!cs[0].Public || cs[0].CorrectedBy != u.ID || cs[0].Created.IsZero() {
			t.Errorf("corrections %+v", cs)
		}
		if ps, n, _ := db.FindPublications(ctx, publicity.PublicationFilter{Number: "15号"}); n != 1 || len(ps[0].Corrections) != 1 {
			t.Errorf("number filter %d", n)
		}
		if _, n, _ := db.FindPublications(ctx, publicity.PublicationFilter{Number: "过期"}); n != 0 {
			t.Errorf("number filter matches the facts")
		}
	})
}
