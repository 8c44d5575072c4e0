package demo

import (
	"context"
	"fmt"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/complaint"
)

// The demo's 投诉举报, filed on the story's last working day after the
// cases: one of each kind and state, so that every handler's list and the
// portal's tracking page have something to show. The complainants are
// synthetic; their contacts never appear on the portal.

type complaintSeed struct {
	agency          string
	kind            complaint.Kind
	channel, ref    string
	subject         string
	content         string
	name, phone     string
	handler         string // the user who handles it; "" leaves it received
	action          complaint.Action
	reply, declined string
}

var complaintSeeds = []complaintSeed{
	{agency: "scj", kind: complaint.KindReport, subject: "检查时未出示执法证件",
		content: "城关镇三元路一家超市,两名自称市场监管的人员检查时未出示执法证件,也未说明检查依据。",
		name:    "林秀英", phone: "13809150011"},
	{agency: "cgj", kind: complaint.KindComplaint, subject: "占道经营处罚程序有疑问",
		content: "本人在北城街摆摊被城管当场罚款,没有给我陈述申辩的机会,也没有出具决定书。",
		name:    "韩春生", phone: "15991520022", handler: "cgj-kezhang", action: complaint.Accept},
	{agency: "jtj", kind: complaint.KindComplaint, subject: "对罚款数额不服", channel: complaint.ChannelHotline, ref: "12345-20261127-0381",
		content: "热线转来:来电人称其货车超限被处罚,认为罚款过重,要求复查。",
		name:    "宋建平", phone: "18691530033", handler: "jtj-kezhang", action: complaint.Decline,
		declined: "来电人反映的是对行政处罚决定本身不服,应依法申请行政复议或者提起行政诉讼,不属于投诉举报受理范围;已电话告知其复议、诉讼途径和期限。"},
	{agency: "scj", kind: complaint.KindReport, subject: "执法人员态度问题",
		content: "今年十一月在城关镇检查时,一名执法人员言语粗暴。",
		name:    "", phone: "", handler: "jiandu", action: complaint.Reply,
		reply: "经县司法局会同县市场监督管理局调查核实,该执法人员在检查中确有言语不当,已对其批评教育并责令书面检讨,县市场监督管理局已组织全体执法人员开展文明执法培训。感谢您的监督。"},
}

// loadComplaints files the demo's complaints and handles those with a
// handler, on the timeline's last day.
func loadComplaints(ctx context.Context, l *loader) error {
	last := len(l.tl.days) - 1
	for i, c := range complaintSeeds {
		l.tl.set(last, 17*60+i*3)
		channel, actor := c.channel, zhifa.Actor{}
		if channel == complaint.ChannelHotline {
			actor = l.actors[c.handler]
		}
		_, filed, err := l.svc.Complaints.File(ctx, actor, complaint.Filing{Kind: c.kind, AgencyID: l.agencies[c.agency], Subject: c.subject,
			Content: c.content, ContactName: c.name, ContactPhone: c.phone, Channel: channel, ExternalRef: c.ref})
		if err != nil {
			return fmt.Errorf("demo complaint %q: %w", c.subject, err)
		}
		if c.handler == "" {
			continue
		}
		h := l.actors[c.handler]
		steps := []complaint.Action{c.action}
		if c.action == complaint.Reply {
			steps = []complaint.Action{complaint.Accept, complaint.Reply}
		}
		for _, a := range steps {
			text := map[complaint.Action]string{complaint.Decline: c.declined, complaint.Reply: c.reply}[a]
			if _, err := l.svc.Complaints.Handle(ctx, h, filed.ID, a, text); err != nil {
				return fmt.Errorf("demo complaint %q, %s: %w", c.subject, a.Name(), err)
			}
		}
	}
	return nil
}
