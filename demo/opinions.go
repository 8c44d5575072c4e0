package demo

import (
	"context"
	"fmt"

	"github.com/zhifa/zhifa/supervision"
)

// The demo's supervision opinions of the county 司法局: one closed after a
// sufficient reply, one awaiting the supervisor's review of a reply, one
// awaiting the agency's reply — so that the supervisor's and the agency
// heads' lists each hold something to do.

type opinionSeed struct {
	agency            string
	kind              supervision.OpinionKind
	subject, findings string
	demands           string
	days              int    // reply deadline, days after issue
	replyBy, reply    string // the agency head who replies; "" leaves it issued
	close             string // the supervisor's conclusion; "" leaves it replied
}

var opinionSeeds = []opinionSeed{
	{agency: "scj", kind: supervision.KindRectify, subject: "罚款案件未告知听证权利",
		findings: "案卷评查中抽查的罚款数额较大案件,有 2 件事先告知书未载明当事人要求听证的权利。",
		demands:  "逐案补正告知程序;建立事先告知书审核清单;三十日内书面回复整改情况。", days: 30,
		replyBy: "scj-juzhang", reply: "已对 2 件案件重新履行告知程序,当事人均未要求听证;已印发事先告知书审核清单并组织全局执法人员培训。",
		close: "整改措施具体,案卷已补正,予以办结。"},
	{agency: "cgj", kind: supervision.KindOpinion, subject: "当场处罚未出具决定书",
		findings: "群众反映北城街占道经营当场处罚未出具当场处罚决定书。",
		demands:  "核查当场处罚程序,规范当场处罚决定书的填写和交付,十五日内书面回复。", days: 15,
		replyBy: "cgj-juzhang", reply: "经核查,当日系口头警告未作罚款;已重申当场处罚必须当场交付决定书,并配发执法记录仪。"},
	{agency: "jtj", kind: supervision.KindTalk, subject: "超限运输案件办理超期",
		findings: "本季度有 3 件超限运输案件自立案之日起超过九十日未作出处理决定。",
		demands:  "约谈机关负责人,说明超期原因,提出整改措施,二十日内书面回复。", days: 20},
}

// loadOpinions issues, answers and closes the demo's opinions on the
// timeline's last day.
func loadOpinions(ctx context.Context, l *loader) error {
	last := len(l.tl.days) - 1
	sup := l.actors["jiandu"]
	for i, o := range opinionSeeds {
		l.tl.set(last, 17*60+30+i*3)
		issued, err := l.svc.Supervision.Issue(ctx, sup, supervision.Draft{Kind: o.kind, AgencyID: l.agencies[o.agency], Subject: o.subject,
			Findings: o.findings, Demands: o.demands, ReplyDue: l.tl.today().Add(o.days)})
		if err != nil {
			return fmt.Errorf("demo opinion %q: %w", o.subject, err)
		}
		if o.replyBy == "" {
			continue
		}
		if _, err := l.svc.Supervision.Act(ctx, l.actors[o.replyBy], issued.ID, supervision.OpinionStep{Action: supervision.ReplyOpinion, Text: o.reply}); err != nil {
			return fmt.Errorf("demo opinion %q, reply: %w", o.subject, err)
		}
		if o.close == "" {
			continue
		}
		if _, err := l.svc.Supervision.Act(ctx, sup, issued.ID, supervision.OpinionStep{Action: supervision.AcceptReply, Text: o.close}); err != nil {
			return fmt.Errorf("demo opinion %q, close: %w", o.subject, err)
		}
	}
	return nil
}

// loadReport generates last year's annual report of the county 司法局 from
// the records and publishes it, as the 司法局 must by 31 January.
func loadReport(ctx context.Context, l *loader) error {
	last := len(l.tl.days) - 1
	l.tl.set(last, 17*60+50)
	sup := l.actors["jiandu"]
	r, err := l.svc.Supervision.GenerateReport(ctx, sup, l.tl.today().Y-1)
	if err != nil {
		return fmt.Errorf("demo annual report: %w", err)
	}
	if _, err := l.svc.Supervision.PublishReport(ctx, sup, r.ID); err != nil {
		return fmt.Errorf("demo annual report: %w", err)
	}
	return nil
}
