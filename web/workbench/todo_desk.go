package workbench

import (
	"context"
	"strconv"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/complaint"
	"github.com/zhifa/zhifa/supervision"
)

// The to-do items of the complaint and supervision desks: complaints to
// accept or answer, and supervision opinions to answer (the agency's head)
// or to review (the 司法局's supervisor).

// DeskService lists the complaints and opinions a user handles
// (*complaint.Service and *supervision.Service).
type DeskService interface {
	List(ctx context.Context, a zhifa.Actor, f complaint.Filter) ([]*complaint.Complaint, error)
}

// OpinionDesk lists a user's supervision opinions (*supervision.Service).
type OpinionDesk interface {
	Opinions(ctx context.Context, a zhifa.Actor, f supervision.OpinionFilter) ([]*supervision.Opinion, error)
}

// WithDesks adds the complaints and opinions to the to-do lists.
func (t *Todos) WithDesks(complaints DeskService, opinions OpinionDesk) *Todos {
	t.complaints, t.opinions = complaints, opinions
	return t
}

// deskTodos appends a's complaints and opinions to do.
func (t *Todos) deskTodos(ctx context.Context, a zhifa.Actor, today zhifa.Date, l *TodoList) error {
	if t.complaints != nil && access.Allowed(a, access.ComplaintHandle, a.AgencyID) {
		cs, err := t.complaints.List(ctx, a, complaint.Filter{})
		if err != nil {
			return err
		}
		for _, c := range cs {
			acts := complaint.Next(c.Status)
			if len(acts) == 0 {
				continue
			}
			what := "决定是否受理"
			if c.Status == complaint.Accepted {
				what = "答复"
			}
			due := c.Due()
			l.Now = append(l.Now, Todo{Kind: c.Kind.Name(), Title: c.Subject + ":" + what, Detail: c.AgencyName + " · " + c.Status.Name(),
				Href: "/workbench/complaints/" + strconv.FormatInt(c.ID, 10), Due: due.String(), Overdue: today.After(due)})
		}
	}
	if t.opinions != nil && (access.Allowed(a, access.Supervise, a.AgencyID) || access.Allowed(a, access.OpinionReply, a.AgencyID)) {
		os, err := t.opinions.Opinions(ctx, a, supervision.OpinionFilter{})
		if err != nil {
			return err
		}
		supervisor := access.Allowed(a, access.Supervise, a.AgencyID)
		for _, o := range os {
			if len(supervision.NextOpinion(o.Status, !supervisor)) == 0 {
				continue
			}
			what := "提交整改回复"
			if supervisor {
				what = "审核整改回复"
			}
			l.Now = append(l.Now, Todo{Kind: "执法监督", Title: o.Kind.Name() + " " + o.Subject + ":" + what, Detail: o.AgencyName + " · " + o.Status.Name(),
				Href: "/workbench/opinions/" + strconv.FormatInt(o.ID, 10), Due: o.ReplyDue.String(), Overdue: o.Late(today)})
		}
	}
	return nil
}
