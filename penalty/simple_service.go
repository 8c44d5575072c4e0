package penalty

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/registry"
)

// SimpleCaseInput is a 简易程序 case: the matter, the party, the officers
// present (two or more with valid certificates, the acting one among
// them) and the on-the-spot decision's form (SimpleTable's SimpleDecide).
type SimpleCaseInput struct {
	AgencyID   int64 // 0: the actor's agency
	MatterID   int64
	Party      zhifa.Party
	HandlerIDs []int64
	Fields     map[string]string
}

// DecideOnTheSpot records a 简易程序 case and its decision made on the spot
// (处罚法 Arts 51, 52) in one transaction: the case, its decision numbered
// like every 决定书, the publication (published like other decisions), the
// service and publication time limits, and the ledger event. Art 51's
// limits by the party's kind are checked (警告, or ≤200 元 for a person,
// ≤3,000 元 for an organisation); there is no legal review. Errors:
// EUNAUTHORIZED, EFORBIDDEN, EINVALID (matter_id, party_…, handler_ids, the
// form's fields), ERULE (Art 51, certificates, two officers).
func (s *Service) DecideOnTheSpot(ctx context.Context, a zhifa.Actor, in SimpleCaseInput) (*StepResult, error) {
	if in.AgencyID == 0 {
		in.AgencyID = a.AgencyID
	}
	if err := s.Guard.Authorize(ctx, a, access.CaseCreate, in.AgencyID, "case/new"); err != nil {
		return nil, err
	}
	problems := map[string]string{}
	var matter *registry.Matter
	if m, err := s.Registry.FindMatter(ctx, in.MatterID); in.MatterID == 0 || err != nil || m.AgencyID != in.AgencyID {
		problems["matter_id"] = "请选择本机关的行政处罚事项"
	} else if m.Category != registry.MatterPenalty {
		problems["matter_id"] = "简易程序案件须选择行政处罚事项,“" + m.Name + "”属于" + m.Category
	} else {
		matter = m
	}
	validParty(&in.Party, problems)
	handlers := slices.Compact(slices.Sorted(slices.Values(in.HandlerIDs)))
	if a.OfficerID != 0 && !slices.Contains(handlers, a.OfficerID) {
		problems["handler_ids"] = "当场作出决定的执法人员须为在场执法人员之一"
	}
	if len(problems) > 0 {
		return nil, zhifa.Invalid(problems)
	}
	officers, err := s.agencyOfficers(ctx, in.AgencyID, handlers, "handler_ids")
	if err != nil {
		return nil, err
	}
	actorOfficer, err := s.actorOfficer(ctx, a)
	if err != nil {
		return nil, err
	}
	res, err := procedure.Apply(SimpleTable, Case{State: procedure.State{Stage: Unregistered, AgencyID: in.AgencyID}, Simple: true, PartyKind: in.Party.Kind},
		Request{Action: SimpleDecide, ActorRoles: a.Roles, ActorUserID: a.UserID, ActorOfficer: actorOfficer, Officers: officers,
			Today: s.date().Time(time.UTC), Fields: in.Fields})
	if err != nil {
		return nil, err
	}
	ag, err := s.Registry.FindAgency(ctx, in.AgencyID)
	if err != nil {
		return nil, err
	}
	short := ag.ShortName
	if short == "" {
		short = ag.Name
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today, _ := s.today()
	c := &zhifa.Case{AgencyID: in.AgencyID, AgencyName: ag.Name, MatterID: matter.ID, MatterName: matter.Name, Stage: string(res.Next),
		Source: "监督检查", Summary: "简易程序当场处罚:" + res.Fields["facts"], Party: in.Party, HandlerIDs: handlers, RegisteredBy: a.UserID,
		OpenedOn: s.date().Time(time.UTC), DecidedOn: s.date().Time(time.UTC)}
	prefix := fmt.Sprintf("%s案〔%d〕", short, today.Y)
	var out StepResult
	err = s.Store.Write(ctx, func(tx Tx) error {
		n, err := tx.NextCaseSerial(c.AgencyID, prefix)
		if err != nil {
			return err
		}
		c.Number = prefix + strconv.Itoa(n) + "号"
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		st := &zhifa.Step{CaseID: c.ID, Action: string(SimpleDecide), Stage: c.Stage, ActorUserID: a.UserID, OfficerIDs: handlers, Fields: res.Fields}
		number, err := s.allocateNumber(tx, Decide, c, short, today.Y)
		if err != nil {
			return err
		}
		st.Fields["number"] = number
		h := HistoryOf(nil)
		h.add(st)
		rules, err := h.Encode()
		if err != nil {
			return err
		}
		if err := tx.SetCaseRules(c, rules); err != nil {
			return err
		}
		if err := s.recordStep(tx, a, c, st, map[string]string{"matter": itoa(c.MatterID), "procedure": "simple"}); err != nil {
			return err
		}
		for _, d := range SimpleTable.Effects(SimpleDecide, st.Fields).Starts {
			if _, err := s.Deadlines.Set(tx, cal, c.Object(), c.AgencyID, d.Rule, today, c.RegisteredBy); err != nil {
				return err
			}
		}
		if _, err := s.Publicity.CreateFromDecision(tx, a, c, st); err != nil {
			return err
		}
		out = StepResult{Step: st, Case: c, Notice: "决定书已编号,请当场交付当事人并记录送达(《行政处罚法》第五十二条)"}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
