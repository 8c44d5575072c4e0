package demo

import (
	"context"
	"testing"

	"github.com/zhifa/zhifa/complaint"
	"github.com/zhifa/zhifa/store/storetest"
)

// TestDemoComplaints: the demo has a complaint in every state, the
// supervisor sees them all and each agency's unit head only its own.
func TestDemoComplaints(t *testing.T) {
	db := storetest.MustOpenSQLite(t)
	svc := mustService(t, db)
	ctx := context.Background()
	if _, err := Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	all, err := svc.Complaints.List(ctx, mustActor(t, db, "jiandu"), complaint.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[complaint.Status]int{}
	for _, c := range all {
		states[c.Status]++
	}
	for _, s := range complaint.Statuses {
		if states[s] == 0 {
			t.Errorf("no demo complaint is %s (%s): %v", s, s.Name(), states)
		}
	}
	own, err := svc.Complaints.List(ctx, mustActor(t, db, "cgj-kezhang"), complaint.Filter{})
	if err != nil || len(own) != 1 || own[0].AgencyName != "汉阴县城市管理执法局" {
		t.Fatalf("cgj's unit head lists %d complaints (%v)", len(own), err)
	}
}

func complaintFilter() complaint.Filter { return complaint.Filter{} }
