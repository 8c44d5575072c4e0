package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestPublicationSearch checks the province-scale reads on both engines:
// a keyword through the trigram index (rare and, with a lowered threshold,
// common), a two-character keyword, the capped count, the keyset cursor,
// the offset page, and the index following a correction.
func TestPublicationSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ag := &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921"}
		m := &registry.Matter{Name: "销售过期食品", Category: registry.MatterPenalty, Basis: "《中华人民共和国食品安全法》第一百二十四条"}
		u := &identity.User{Username: "o1", Name: "王志强"}
		var pubs []*publicity.Publication // in list order: latest decision first
		if err := regWrite(t, db, func(tx *store.Tx) error {
			if err := tx.CreateAgency(ag); err != nil {
				return err
			}
			m.AgencyID, u.AgencyID = ag.ID, ag.ID
			if err := tx.CreateMatter(m); err != nil {
				return err
			}
			if err := tx.CreateUser(u, "x"); err != nil {
				return err
			}
			for i := range 30 {
				c := &zhifa.Case{AgencyID: ag.ID, Number: fmt.Sprintf("汉阴市监案〔2026〕%d号", i+1), MatterID: m.ID, Stage: "closed", Source: "监督检查",
					Summary: "检查", Party: zhifa.Party{Kind: zhifa.PartyOrganization, Name: fmt.Sprintf("汉阴县第%d商店", i+1)}, HandlerIDs: []int64{1, 2}, RegisteredBy: u.ID}
				if err := tx.CreateCase(c); err != nil {
					return err
				}
				facts := "当事人销售过期食品。"
				if i%3 == 0 {
					facts = "当事人销售掺假蜂蜜制品。"
				}
				p := &publicity.Publication{CaseID: c.ID, AgencyID: ag.ID, Category: registry.MatterPenalty, Number: fmt.Sprintf("汉阴市监罚〔2026〕%d号", i+1),
					PartyKind: zhifa.PartyOrganization, PartyName: c.Party.Name, Facts: facts, Basis: "《食品安全法》", PenaltyKind: "警告", Penalty: "警告",
					DecidedOn: regDay(fmt.Sprintf("2026-%02d-%02d", 1+i%10, 1+i%7)), Status: publicity.StatusPublished, PublishedAt: db.Now()}
				if err := tx.CreatePublication(p); err != nil {
					return err
				}
				pubs = append(pubs, p)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(pubs, func(a, b *publicity.Publication) int {
			if c := b.DecidedOn.Compare(a.DecidedOn); c != 0 {
				return c
			}
			return int(b.ID - a.ID)
		})
		want := func(pred func(*publicity.Publication) bool) []int64 {
			var out []int64
			for _, p := range pubs {
				if pred(p) {
					out = append(out, p.ID)
				}
			}
			return out
		}
		ids := func(ps []*publicity.Publication) []int64 {
			var out []int64
			for _, p := range ps {
				out = append(out, p.ID)
			}
			return out
		}
		honey := func(p *publicity.Publication) bool { return p.Facts == "当事人销售掺假蜂蜜制品。" }
		find := func(name string, f publicity.PublicationFilter, wantIDs []int64, wantTotal int) {
			t.Helper()
			ps, total, err := db.FindPublications(ctx, f)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !slices.Equal(ids(ps), wantIDs) || total != wantTotal {
				t.Errorf("%s: ids %v total %d, want %v total %d", name, ids(ps), total, wantIDs, wantTotal)
			}
		}
		find("rare word, index", publicity.PublicationFilter{Keyword: "掺假蜂蜜"}, want(honey), 10)
		restore := store.SetFTSDriveMax(3)
		find("common word, walk", publicity.PublicationFilter{Keyword: "掺假蜂蜜"}, want(honey), 10)
		find("common word, known to exceed the cap", publicity.PublicationFilter{Keyword: "掺假蜂蜜", Status: publicity.StatusPublished, CountCap: 4, Limit: 3},
			want(honey)[:3], 5)
		find("common word, counted through the index", publicity.PublicationFilter{Keyword: "掺假蜂蜜", AgencyID: ag.ID, CountCap: 20}, want(honey), 10)
		restore()
		find("two characters", publicity.PublicationFilter{Keyword: "蜂蜜"}, want(honey), 10)
		find("one character, capped", publicity.PublicationFilter{Keyword: "蜜", CountCap: 4, Limit: 2}, want(honey)[:2], -1)
		find("three characters, capped", publicity.PublicationFilter{Keyword: "蜂蜜制", CountCap: 4, Limit: 2}, want(honey)[:2], 5)
		find("party name", publicity.PublicationFilter{Keyword: "第12商店"}, want(func(p *publicity.Publication) bool { return p.PartyName == "汉阴县第12商店" }), 1)
		find("no match", publicity.PublicationFilter{Keyword: "不存在的词"}, nil, 0)
		all := want(func(*publicity.Publication) bool { return true })
		find("offset page", publicity.PublicationFilter{Limit: 5, Offset: 10}, all[10:15], 30)
		after := publicity.CursorOf(pubs[9])
		find("cursor page", publicity.PublicationFilter{Limit: 5, After: &after}, all[10:15], 30)
		find("cursor and keyword", publicity.PublicationFilter{Keyword: "蜂蜜制品", After: &after}, want(func(p *publicity.Publication) bool {
			return honey(p) && slices.Index(all, p.ID) > 9
		}), 10)

		// A correction of the facts moves the decision in the index.
		p := pubs[1]
		corr := &publicity.Correction{Field: "facts", Old: p.Facts, New: "当事人经营无证腊肉。", Reason: "笔误", Public: true, CorrectedBy: u.ID}
		p.Facts = corr.New
		if err := regWrite(t, db, func(tx *store.Tx) error { return tx.CorrectPublication(p, corr) }); err != nil {
			t.Fatal(err)
		}
		find("corrected, new word", publicity.PublicationFilter{Keyword: "无证腊肉"}, []int64{p.ID}, 1)
		find("corrected, old word", publicity.PublicationFilter{Keyword: "过期食品", ID: p.ID}, nil, 0)
	})
}
