package penalty

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/registry"
)

// CaseSources are the sources of a case (案件来源).
var CaseSources = []string{"监督检查", "投诉举报", "上级交办", "其他部门移送", "媒体曝光", "其他"}

// CaseInput is a 案源登记: the matter, where the case came from, the party
// and the officers who will handle it.
type CaseInput struct {
	AgencyID   int64 // 0: the actor's agency
	MatterID   int64
	Source     string
	Summary    string
	Party      zhifa.Party
	HandlerIDs []int64 // 承办人: two or more officers, the registering officer among them
}

var phoneRe = regexp.MustCompile(`^[0-9][0-9-]{6,19}$`)

// validParty trims p and adds per-field problems under "party_…".
func validParty(p *zhifa.Party, problems map[string]string) {
	p.Kind, p.Name = strings.TrimSpace(p.Kind), strings.TrimSpace(p.Name)
	p.IDNumber = strings.ToUpper(strings.TrimSpace(p.IDNumber))
	p.LegalRep, p.Phone, p.Address = strings.TrimSpace(p.LegalRep), strings.TrimSpace(p.Phone), strings.TrimSpace(p.Address)
	switch p.Kind {
	case zhifa.PartyPerson:
		if p.IDNumber != "" && !idcode.ValidResident(p.IDNumber) {
			problems["party_id_number"] = "公民身份号码“" + p.IDNumber + "”无效:须为 18 位且校验码正确(GB 11643)"
		}
		if p.LegalRep != "" {
			problems["party_legal_rep"] = "自然人当事人没有法定代表人"
		}
	case zhifa.PartyOrganization:
		if p.IDNumber == "" {
			problems["party_id_number"] = "请填写当事人的统一社会信用代码"
		} else if !idcode.ValidCredit(p.IDNumber) {
			problems["party_id_number"] = "统一社会信用代码“" + p.IDNumber + "”无效:须为 18 位且校验码正确(GB 32100)"
		}
	default:
		problems["party_kind"] = "当事人类别须为“自然人”或“法人或其他组织”"
	}
	if p.Name == "" {
		problems["party_name"] = "请填写当事人姓名或名称"
	} else if utf8.RuneCountInString(p.Name) > 100 {
		problems["party_name"] = "当事人姓名或名称不得超过 100 个字"
	}
	if p.Phone != "" && !phoneRe.MatchString(p.Phone) {
		problems["party_phone"] = "联系电话只能包含数字和连字符"
	}
	if utf8.RuneCountInString(p.Address) > 200 {
		problems["party_address"] = "住址不得超过 200 个字"
	}
}

// opOf is the authorization of each procedure action.
func opOf(act Action) access.Op {
	switch act {
	case Register:
		return access.CaseCreate
	case Open, Reject, SubmitReview, Resubmit, Close:
		return access.CaseApprove
	case Review:
		return access.CaseReview
	case Decide, Dismiss:
		return access.CaseDecide
	}
	return access.CaseStep
}

// officerOf converts a registry officer for the rules.
func officerOf(o *registry.Officer) Officer {
	return Officer{ID: o.ID, Name: o.Name, Cert: o.Certificate(), LegalQualification: o.LegalQualification}
}

// actorOfficer returns the acting user's officer record, nil if none.
func (s *Service) actorOfficer(ctx context.Context, a zhifa.Actor) (*Officer, error) {
	if a.OfficerID == 0 {
		return nil, nil
	}
	o, err := s.Registry.FindOfficer(ctx, registry.OfficerFilter{ID: &a.OfficerID})
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	po := officerOf(o)
	return &po, nil
}

// agencyOfficers loads officers by id, all of them of agency; problems go
// under field.
func (s *Service) agencyOfficers(ctx context.Context, agencyID int64, ids []int64, field string) ([]Officer, error) {
	var out []Officer
	for _, id := range ids {
		o, err := s.Registry.FindOfficer(ctx, registry.OfficerFilter{ID: &id})
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
			return nil, zhifa.Invalid(map[string]string{field: fmt.Sprintf("执法人员 %d 不存在", id)})
		} else if err != nil {
			return nil, err
		}
		if o.AgencyID != agencyID {
			return nil, zhifa.Invalid(map[string]string{field: "执法人员" + o.Name + "不属于本案执法主体"})
		}
		out = append(out, officerOf(o))
	}
	return out, nil
}

// RegisterCase records a 案源登记 (the first step of a case) by an officer
// with a valid certificate, with two or more handling officers whose
// certificates are valid. Errors: EUNAUTHORIZED, EFORBIDDEN, EINVALID
// (Problems keyed matter_id, source, summary, party_…, handler_ids), ERULE
// (certificates).
func (s *Service) RegisterCase(ctx context.Context, a zhifa.Actor, in CaseInput) (*zhifa.Case, error) {
	if in.AgencyID == 0 {
		in.AgencyID = a.AgencyID
	}
	if err := s.Guard.Authorize(ctx, a, access.CaseCreate, in.AgencyID, "case/new"); err != nil {
		return nil, err
	}
	problems := map[string]string{}
	in.Source, in.Summary = strings.TrimSpace(in.Source), strings.TrimSpace(in.Summary)
	var matter *registry.Matter
	if in.MatterID == 0 {
		problems["matter_id"] = "请选择执法事项"
	} else if m, err := s.Registry.FindMatter(ctx, in.MatterID); err != nil || m.AgencyID != in.AgencyID {
		problems["matter_id"] = "所选执法事项不存在或不属于本机关"
	} else if m.Category != registry.MatterPenalty {
		problems["matter_id"] = "一般程序案件须选择行政处罚事项,“" + m.Name + "”属于" + m.Category
	} else {
		matter = m
	}
	if !slices.Contains(CaseSources, in.Source) {
		problems["source"] = "案件来源须为" + strings.Join(CaseSources, "、") + "之一"
	}
	if in.Summary == "" {
		problems["summary"] = "请填写案源简况"
	}
	validParty(&in.Party, problems)
	handlers := slices.Compact(slices.Sorted(slices.Values(in.HandlerIDs)))
	if len(handlers) < 2 {
		problems["handler_ids"] = "请指定两名以上承办人(《行政处罚法》第四十二条、第五十五条)"
	} else if a.OfficerID != 0 && !slices.Contains(handlers, a.OfficerID) {
		problems["handler_ids"] = "登记案源的执法人员须为承办人之一"
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
	today, _ := s.today()
	res, err := Apply(Case{State: procedure.State{Stage: Unregistered, AgencyID: in.AgencyID}}, Request{
		Action: Register, ActorRoles: a.Roles, ActorUserID: a.UserID, ActorOfficer: actorOfficer, Officers: officers,
		Today: s.date().Time(time.UTC), Fields: map[string]string{"matter": matter.Name, "source": in.Source, "summary": in.Summary, "party": in.Party.Name}})
	if err != nil {
		return nil, err
	}
	ag, err := s.Registry.FindAgency(ctx, in.AgencyID)
	if err != nil {
		return nil, err
	}
	c := &zhifa.Case{AgencyID: in.AgencyID, AgencyName: ag.Name, MatterID: matter.ID, MatterName: matter.Name, Stage: string(res.Next),
		Source: in.Source, Summary: in.Summary, Party: in.Party, HandlerIDs: handlers, RegisteredBy: a.UserID}
	short := ag.ShortName
	if short == "" {
		short = ag.Name
	}
	prefix := fmt.Sprintf("%s案〔%d〕", short, today.Y)
	err = s.Store.Write(ctx, func(tx Tx) error {
		n, err := tx.NextCaseSerial(c.AgencyID, prefix)
		if err != nil {
			return err
		}
		c.Number = prefix + strconv.Itoa(n) + "号"
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		st := &zhifa.Step{CaseID: c.ID, Action: string(Register), Stage: c.Stage, ActorUserID: a.UserID, OfficerIDs: handlers, Fields: res.Fields}
		return s.recordStep(tx, a, c, st, map[string]string{"matter": itoa(c.MatterID)})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// recordStep appends the step's ledger event ("case.<action>", its files)
// and stores the step with the event's index. The store digests into the
// event the rows the transaction wrote — the case, the step, its evidence
// — as stored, so each can be checked against the log at any time.
func (s *Service) recordStep(tx Tx, a zhifa.Actor, c *zhifa.Case, st *zhifa.Step, attrs map[string]string) error {
	if attrs == nil {
		attrs = map[string]string{}
	}
	attrs["stage"] = st.Stage
	var files []string
	for _, f := range st.Files {
		files = append(files, f.Digest)
	}
	idx, err := tx.Record(ledger.Event{Type: "case." + st.Action, Object: c.Object(), Actor: a.Ref(), Agency: itoa(c.AgencyID), Files: files, Attrs: attrs})
	if err != nil {
		return err
	}
	st.LedgerIndex = idx
	return tx.AddStep(st)
}
