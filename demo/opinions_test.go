package demo

import (
	"context"
	"testing"

	"github.com/zhifa/zhifa/store/storetest"
	"github.com/zhifa/zhifa/supervision"
)

// TestDemoOpinions: the demo's opinions are in every state, the 司法局 sees
// them all, each agency head only its own.
func TestDemoOpinions(t *testing.T) {
	db := storetest.MustOpenSQLite(t)
	svc := mustService(t, db)
	ctx := context.Background()
	if _, err := Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	all, err := svc.Supervision.Opinions(ctx, mustActor(t, db, "jiandu"), supervision.OpinionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[supervision.OpinionStatus]int{}
	for _, o := range all {
		states[o.Status]++
	}
	for _, s := range supervision.OpinionStatuses {
		if states[s] == 0 {
			t.Errorf("no demo opinion is %s: %v", s.Name(), states)
		}
	}
	own, err := svc.Supervision.Opinions(ctx, mustActor(t, db, "jtj-juzhang"), supervision.OpinionFilter{})
	if err != nil || len(own) != 1 || own[0].Status != supervision.Issued {
		t.Fatalf("jtj's head lists %+v (%v)", own, err)
	}
}

// TestDemoReport: the demo has last year's annual report on the portal.
func TestDemoReport(t *testing.T) {
	db := storetest.MustOpenSQLite(t)
	svc := mustService(t, db)
	ctx := context.Background()
	if _, err := Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	rs, err := svc.Supervision.PublishedReports(ctx, nil)
	if err != nil || len(rs) != 1 || rs[0].Year >= svc.Today().Y || len(rs[0].Agencies) == 0 || rs[0].Total.Officers == 0 {
		t.Fatalf("published reports %+v, %v", rs, err)
	}
}
