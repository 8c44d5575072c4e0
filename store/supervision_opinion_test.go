package store_test

import (
	"context"
	"testing"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
	"github.com/zhifa/zhifa/supervision"
)

// TestOpinionLife: a county 司法局 issues a 责令改正通知书 to an agency of its
// county, not to another county's; the agency's head replies, the
// supervisor returns the reply once and then closes it; every step is in
// the ledger and the records verify.
func TestOpinionLife(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sfj, scj, far := supervisionAgencies(t, db)
		svc, clock := supervisionService(t, db)
		sup := zhifa.Actor{UserID: 1, AgencyID: sfj.ID, Roles: []zhifa.Role{zhifa.RoleSupervisor}}
		head := zhifa.Actor{UserID: 2, AgencyID: scj.ID, Roles: []zhifa.Role{zhifa.RoleAgencyHead}}
		today := zhifa.DateOf(clock())
		d := supervision.Draft{Kind: supervision.KindRectify, AgencyID: scj.ID, Subject: "未告知听证权利", Findings: "抽查3件罚款超过1万元的案件,均未告知听证权利。",
			Demands: "逐案纠正,30日内书面回复整改情况。", ReplyDue: today.Add(30)}
		far2 := d
		far2.AgencyID = far.ID
		if _, err := svc.Issue(ctx, sup, far2); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("issue to another county: %v", err)
		}
		if _, err := svc.Issue(ctx, head, d); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("an agency head issued an opinion: %v", err)
		}
		o, err := svc.Issue(ctx, sup, d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Act(ctx, sup, o.ID, supervision.OpinionStep{Action: supervision.ReplyOpinion, Text: "我局已整改完毕,建立告知清单。"}); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("the supervisor replied for the agency: %v", err)
		}
		reply := supervision.OpinionStep{Action: supervision.ReplyOpinion, Text: "已逐案补正告知程序,建立听证告知清单并组织全员培训。"}
		if o, err = svc.Act(ctx, head, o.ID, reply); err != nil || o.Status != supervision.Replied {
			t.Fatalf("reply: %+v %v", o, err)
		}
		if _, err := svc.Act(ctx, head, o.ID, supervision.OpinionStep{Action: supervision.AcceptReply, Text: "好"}); zhifa.ErrorCode(err) != zhifa.EFORBIDDEN {
			t.Fatalf("the agency closed its own opinion: %v", err)
		}
		if o, err = svc.Act(ctx, sup, o.ID, supervision.OpinionStep{Action: supervision.ReturnOpinion, Text: "未附整改后的案卷材料", ReplyDue: today.Add(40)}); err != nil || o.Status != supervision.Issued || o.Rounds != 1 {
			t.Fatalf("return: %+v %v", o, err)
		}
		if o, err = svc.Act(ctx, head, o.ID, reply); err != nil {
			t.Fatal(err)
		}
		if o, err = svc.Act(ctx, sup, o.ID, supervision.OpinionStep{Action: supervision.AcceptReply, Text: "整改到位,予以办结。"}); err != nil || o.Status != supervision.Closed {
			t.Fatalf("accept: %+v %v", o, err)
		}
		for _, a := range []zhifa.Actor{sup, head} {
			if os, err := svc.Opinions(ctx, a, supervision.OpinionFilter{}); err != nil || len(os) != 1 || os[0].Status != supervision.Closed {
				t.Fatalf("%v lists %+v, %v", a.Roles, os, err)
			}
		}
		var events int
		if err := rawDB(t, db).QueryRow(`SELECT COUNT(*) FROM ledger_leaves WHERE object = '` + o.Object() + `' AND type LIKE 'opinion.%'`).Scan(&events); err != nil {
			t.Fatal(err)
		}
		if events != 5 {
			t.Errorf("%d events of %s, want 5 (issued, replied, returned, replied, accepted)", events, o.Object())
		}
		checkVerifies(t, db)
	})
}
