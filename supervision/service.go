package supervision

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
)

// OpinionFilter selects opinions; nil fields do not filter.
type OpinionFilter struct {
	ID           *int64
	AgencyID     *int64
	SupervisorID *int64
	Status       *OpinionStatus
}

// Store is the storage supervision needs; package store implements it
// (store.SupervisionStore).
type Store interface {
	FindOpinions(ctx context.Context, f OpinionFilter) ([]*Opinion, error)
	// DashboardFigures counts the dashboard's figures of each agency for a
	// period, as they stand on today, in the order of agencyIDs.
	DashboardFigures(ctx context.Context, agencyIDs []int64, p Period, today zhifa.Date) ([]Figures, error)
	Write(ctx context.Context, fn func(Tx) error) error
}

// Tx is a write transaction; *store.Tx implements it.
type Tx interface {
	CreateOpinion(o *Opinion) error
	// UpdateOpinion stores o's reply and closing, if the stored status is
	// still from; ECONFLICT otherwise.
	UpdateOpinion(o *Opinion, from OpinionStatus) error
	Record(e ledger.Event) (int64, error)
}

// Agencies reads the registry's agencies (*registry.Service).
type Agencies interface {
	Agency(ctx context.Context, id int64) (*registry.Agency, error)
	Agencies(ctx context.Context) ([]*registry.Agency, error)
}

// Service is the supervision context.
type Service struct {
	Store    Store
	Reports  ReportStore
	Agencies Agencies
	Guard    access.Guard
	Now      func() time.Time
	Log      *slog.Logger
}

func (s *Service) today() zhifa.Date { return zhifa.DateOf(s.Now()) }

// supervisorOf returns the 司法局 a supervises for, after checking that it
// covers agencyID's region (agencyID 0: no agency to check).
func (s *Service) supervisorOf(ctx context.Context, a zhifa.Actor, agencyID int64, object string) (*registry.Agency, error) {
	if err := s.Guard.Authorize(ctx, a, access.Supervise, agencyID, object); err != nil {
		return nil, err
	}
	sup, err := s.Agencies.Agency(ctx, a.AgencyID)
	if err != nil {
		return nil, zhifa.Errorf(zhifa.EFORBIDDEN, "您的账号未关联执法监督机构,不能办理执法监督")
	}
	if !sup.Supervisor {
		return nil, zhifa.Errorf(zhifa.EFORBIDDEN, "%s不是执法监督机构,不能办理执法监督", sup.Name)
	}
	if agencyID != 0 {
		ag, err := s.Agencies.Agency(ctx, agencyID)
		if err != nil {
			return nil, err
		}
		if !Covers(sup.Region, ag.Region) {
			return nil, zhifa.Errorf(zhifa.EFORBIDDEN, "%s不在%s的监督范围(行政区划 %s)内", ag.Name, sup.Name, sup.Region)
		}
	}
	return sup, nil
}

// Issue issues an opinion of a's 司法局 to an agency in its region.
func (s *Service) Issue(ctx context.Context, a zhifa.Actor, d Draft) (*Opinion, error) {
	today := s.today()
	if err := d.Validate(today); err != nil {
		return nil, err
	}
	sup, err := s.supervisorOf(ctx, a, d.AgencyID, "opinions")
	if err != nil {
		return nil, err
	}
	o := &Opinion{Kind: d.Kind, AgencyID: d.AgencyID, SupervisorID: sup.ID, CaseID: d.CaseID, Subject: d.Subject, Findings: d.Findings,
		Demands: d.Demands, IssuedBy: a.UserID, IssuedOn: today, ReplyDue: d.ReplyDue, Status: Issued}
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreateOpinion(o); err != nil {
			return err
		}
		return recordOpinion(tx, o, a, "opinion.issued", map[string]string{"kind": string(o.Kind), "reply_due": o.ReplyDue.String()})
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

func recordOpinion(tx Tx, o *Opinion, a zhifa.Actor, typ string, attrs map[string]string) error {
	attrs["status"] = string(o.Status)
	attrs["supervisor"] = strconv.FormatInt(o.SupervisorID, 10)
	if o.CaseID > 0 {
		attrs["case"] = strconv.FormatInt(o.CaseID, 10)
	}
	_, err := tx.Record(ledger.Event{Type: typ, Object: o.Object(), Actor: a.Ref(), Agency: strconv.FormatInt(o.AgencyID, 10), Attrs: attrs})
	return err
}

// Opinions lists the opinions a sees: a supervisor those its 司法局
// issued, an agency head those issued to the agency.
func (s *Service) Opinions(ctx context.Context, a zhifa.Actor, f OpinionFilter) ([]*Opinion, error) {
	if access.Allowed(a, access.Supervise, a.AgencyID) {
		sup, err := s.supervisorOf(ctx, a, 0, "opinions")
		if err != nil {
			return nil, err
		}
		f.SupervisorID = &sup.ID
		return s.Store.FindOpinions(ctx, f)
	}
	if err := s.Guard.Authorize(ctx, a, access.OpinionReply, a.AgencyID, "opinions"); err != nil {
		return nil, err
	}
	own := a.AgencyID
	f.AgencyID = &own
	return s.Store.FindOpinions(ctx, f)
}

// Opinion returns opinion id if a may see it, with the actions a may take.
func (s *Service) Opinion(ctx context.Context, a zhifa.Actor, id int64) (*Opinion, []OpinionAction, error) {
	os, err := s.Store.FindOpinions(ctx, OpinionFilter{ID: &id})
	if err != nil {
		return nil, nil, err
	}
	if len(os) == 0 {
		return nil, nil, zhifa.Errorf(zhifa.ENOTFOUND, "执法监督意见不存在")
	}
	o := os[0]
	if access.Allowed(a, access.Supervise, a.AgencyID) {
		sup, err := s.supervisorOf(ctx, a, 0, o.Object())
		if err != nil {
			return nil, nil, err
		}
		if sup.ID != o.SupervisorID {
			return nil, nil, zhifa.Errorf(zhifa.EFORBIDDEN, "该执法监督意见不是%s作出的", sup.Name)
		}
		return o, NextOpinion(o.Status, false), nil
	}
	if err := s.Guard.Authorize(ctx, a, access.OpinionReply, o.AgencyID, o.Object()); err != nil {
		return nil, nil, err
	}
	return o, NextOpinion(o.Status, true), nil
}

// Act takes a step on opinion id as a: the agency's reply, or the
// supervisor's acceptance or return.
func (s *Service) Act(ctx context.Context, a zhifa.Actor, id int64, st OpinionStep) (*Opinion, error) {
	o, allowed, err := s.Opinion(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(allowed, st.Action) && opinionActionNames[st.Action] != "" {
		// Opinion gave the actions of a's side; an action of the other side
		// is refused as such, a wrong status is left to ApplyOpinion.
		agencySide := !access.Allowed(a, access.Supervise, a.AgencyID)
		if ByAgency(st.Action) != agencySide {
			who := "执法监督机构"
			if ByAgency(st.Action) {
				who = "被监督执法主体的机关负责人"
			}
			return nil, zhifa.Errorf(zhifa.EFORBIDDEN, "“%s”须由%s进行", st.Action.Name(), who)
		}
	}
	st.Today, st.UserID = s.today(), a.UserID
	next, err := ApplyOpinion(*o, st)
	if err != nil {
		return nil, err
	}
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.UpdateOpinion(&next, o.Status); err != nil {
			return err
		}
		attrs := map[string]string{"action": string(st.Action)}
		if st.Action == ReturnOpinion {
			attrs["reply_due"] = next.ReplyDue.String()
		}
		return recordOpinion(tx, &next, a, "opinion."+string(st.Action), attrs)
	})
	if err != nil {
		return nil, err
	}
	return &next, nil
}

// Region returns the agencies a's 司法局 supervises: the enforcement
// agencies (not the 司法局s) whose region it covers, with the 司法局.
func (s *Service) Region(ctx context.Context, a zhifa.Actor) (*registry.Agency, []*registry.Agency, error) {
	sup, err := s.supervisorOf(ctx, a, 0, "dashboard")
	if err != nil {
		return nil, nil, err
	}
	all, err := s.Agencies.Agencies(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []*registry.Agency
	for _, ag := range all {
		if !ag.Supervisor && Covers(sup.Region, ag.Region) {
			out = append(out, ag)
		}
	}
	return sup, out, nil
}

// Dashboard returns the figures of a's region for period p.
func (s *Service) Dashboard(ctx context.Context, a zhifa.Actor, p Period) (*Dashboard, error) {
	sup, ags, err := s.Region(ctx, a)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(ags))
	names := map[int64]string{}
	for i, ag := range ags {
		ids[i], names[ag.ID] = ag.ID, ag.Name
	}
	today := s.today()
	figs, err := s.Store.DashboardFigures(ctx, ids, p, today)
	if err != nil {
		return nil, err
	}
	for i := range figs {
		figs[i].AgencyName = names[figs[i].AgencyID]
	}
	return NewDashboard(sup.Name, sup.Region, p, today, figs), nil
}
