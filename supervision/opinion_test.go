package supervision

import (
	"errors"
	"strings"
	"testing"

	"github.com/zhifa/zhifa"
)

func problems(err error) map[string]string {
	var e *zhifa.Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

func TestDraftValidate(t *testing.T) {
	today := zhifa.Date{Y: 2026, M: 11, D: 26}
	ok := Draft{Kind: KindRectify, AgencyID: 2, Subject: "案卷评查发现的问题", Findings: "3件案件未告知听证权利。", Demands: "逐案纠正并建立告知清单。", ReplyDue: today.Add(30)}
	for _, tc := range []struct {
		name  string
		edit  func(*Draft)
		field string
	}{
		{"valid", func(*Draft) {}, ""},
		{"no kind", func(d *Draft) { d.Kind = "" }, "kind"},
		{"no agency", func(d *Draft) { d.AgencyID = 0 }, "agency_id"},
		{"no subject", func(d *Draft) { d.Subject = "  " }, "subject"},
		{"findings too long", func(d *Draft) { d.Findings = strings.Repeat("查", MaxText+1) }, "findings"},
		{"no demands", func(d *Draft) { d.Demands = "" }, "demands"},
		{"no due", func(d *Draft) { d.ReplyDue = zhifa.Date{} }, "reply_due"},
		{"due today", func(d *Draft) { d.ReplyDue = today }, "reply_due"},
		{"due too far", func(d *Draft) { d.ReplyDue = today.Add(181) }, "reply_due"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := ok
			tc.edit(&d)
			err := d.Validate(today)
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if problems(err)[tc.field] == "" {
				t.Fatalf("err %v, want a problem on %s", err, tc.field)
			}
		})
	}
}

func TestApplyOpinion(t *testing.T) {
	today := zhifa.Date{Y: 2026, M: 12, D: 1}
	base := Opinion{Kind: KindRectify, Status: Issued, ReplyDue: today.Add(10)}
	reply := "已逐案补正告知程序,建立听证权利告知清单并组织培训。"
	for _, tc := range []struct {
		name   string
		status OpinionStatus
		step   OpinionStep
		want   OpinionStatus
		code   string
		field  string
	}{
		{"reply", Issued, OpinionStep{Action: ReplyOpinion, Text: reply, Today: today}, Replied, "", ""},
		{"reply too short", Issued, OpinionStep{Action: ReplyOpinion, Text: "已整改", Today: today}, "", zhifa.EINVALID, "text"},
		{"accept", Replied, OpinionStep{Action: AcceptReply, Text: "整改到位", Today: today}, Closed, "", ""},
		{"return", Replied, OpinionStep{Action: ReturnOpinion, Text: "未附整改后的案卷", Today: today, ReplyDue: today.Add(15)}, Issued, "", ""},
		{"return without new due", Replied, OpinionStep{Action: ReturnOpinion, Text: "未附整改后的案卷", Today: today}, "", zhifa.EINVALID, "reply_due"},
		{"accept before reply", Issued, OpinionStep{Action: AcceptReply, Today: today}, "", zhifa.ECONFLICT, ""},
		{"reply twice", Replied, OpinionStep{Action: ReplyOpinion, Text: reply, Today: today}, "", zhifa.ECONFLICT, ""},
		{"reply after close", Closed, OpinionStep{Action: ReplyOpinion, Text: reply, Today: today}, "", zhifa.ECONFLICT, ""},
		{"unknown", Issued, OpinionStep{Action: "delete", Today: today}, "", zhifa.EINVALID, "action"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := base
			o.Status = tc.status
			got, err := ApplyOpinion(o, tc.step)
			if tc.code != "" {
				if zhifa.ErrorCode(err) != tc.code || (tc.field != "" && problems(err)[tc.field] == "") || got != o {
					t.Fatalf("err %v (problems %v), opinion changed: %v", err, problems(err), got != o)
				}
				return
			}
			if err != nil || got.Status != tc.want {
				t.Fatalf("got %s, %v; want %s", got.Status, err, tc.want)
			}
			if tc.step.Action == ReturnOpinion && (got.Rounds != 1 || got.ReplyDue != tc.step.ReplyDue) {
				t.Fatalf("return: rounds %d due %s", got.Rounds, got.ReplyDue)
			}
		})
	}
}

func TestNextOpinionAndLate(t *testing.T) {
	if got := NextOpinion(Issued, true); len(got) != 1 || got[0] != ReplyOpinion {
		t.Errorf("agency on issued: %v", got)
	}
	if got := NextOpinion(Issued, false); len(got) != 0 {
		t.Errorf("supervisor on issued: %v", got)
	}
	if got := NextOpinion(Replied, false); len(got) != 2 {
		t.Errorf("supervisor on replied: %v", got)
	}
	if !ByAgency(ReplyOpinion) || ByAgency(AcceptReply) {
		t.Error("ByAgency")
	}
	due := zhifa.Date{Y: 2026, M: 12, D: 10}
	o := Opinion{Status: Issued, ReplyDue: due}
	if o.Late(due) || !o.Late(due.Add(1)) {
		t.Error("Late while issued")
	}
	o.Status, o.RepliedOn = Replied, due.Add(2)
	if !o.Late(due) {
		t.Error("a late reply is late")
	}
}
