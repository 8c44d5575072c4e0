package publicity

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/redact"
	"github.com/zhifa/zhifa/registry"
)

// publicParty returns the party's public fields under policy pol (DOMAIN
// §9): a natural person's name by the policy's style, the ID number, phone
// and address masked; an organisation's name, 统一社会信用代码 and 法定代表人
// in full.
func publicParty(p zhifa.Party, pol redact.Policy) (name, idNo, phone, address string) {
	if p.Kind == zhifa.PartyOrganization {
		return p.Name, p.IDNumber, "", p.Address
	}
	name, _ = redact.Redact(p.Name, pol, redact.Known{PartyName: p.Name})
	phoneKind := redact.KindMobile
	if strings.HasPrefix(p.Phone, "0") {
		phoneKind = redact.KindLandline
	}
	return name, redact.MaskValue(redact.KindID, p.IDNumber), redact.MaskValue(phoneKind, p.Phone), redact.MaskValue(redact.KindAddress, p.Address)
}

// penaltyPolicy is the redaction policy of penalty publications.
func penaltyPolicy() redact.Policy {
	pol, err := redact.PolicyFor("处罚")
	if err != nil { // cannot happen: a fixed, known type
		panic(err)
	}
	return pol
}

// publicText returns the public copy of a free text of a penalty
// decision about party (a field of the decision, a correction, a reason
// for a withdrawal) and its redaction report: the text through the
// redaction engine under the 处罚 policy, with the party's particulars as
// known values — a natural person's ID number, phone and address masked
// wherever they recur, an organisation's name, 统一社会信用代码 and
// 法定代表人 kept.
func publicText(party zhifa.Party, text string) (string, redact.Report) {
	return maskText(party, text, penaltyPolicy())
}

// maskText is publicText under policy pol.
func maskText(party zhifa.Party, text string, pol redact.Policy) (string, redact.Report) {
	known := redact.Known{PartyName: party.Name, PartyIDNumber: party.IDNumber, PartyPhone: party.Phone, PartyAddress: party.Address}
	if party.Kind == zhifa.PartyOrganization {
		known = redact.Known{Keep: []string{party.Name, party.IDNumber, party.LegalRep}}
	}
	return redact.Redact(text, pol, known)
}

// CreateFromDecision makes the publication of a decision, inside the
// decision step's transaction tx: the structured fields masked per the 处罚
// policy, the free-text fields through the redaction engine with the
// party's data as known values (publicText); due when the case's G4
// deadline (7 working days after the decision), which the step has set, is
// due. The event "publication.created" is recorded.
func (s *Service) CreateFromDecision(tx Tx, a zhifa.Actor, c *zhifa.Case, st *zhifa.Step) (*Publication, error) {
	var err error
	pol := penaltyPolicy()
	party := c.Party
	var reports []string
	text := func(field string) string {
		out, rep := publicText(party, st.Fields[field])
		reports = append(reports, field+":"+rep.Digest())
		return out
	}
	p := &Publication{CaseID: c.ID, AgencyID: c.AgencyID, AgencyName: c.AgencyName, Category: registry.MatterPenalty,
		Number: st.Fields["number"], PartyKind: party.Kind, Basis: text("basis"), PenaltyKind: st.Fields["penalty_kind"],
		Facts: text("facts"), Penalty: text("penalty"), Payment: text("payment"), Remedy: text("remedy"),
		DecidedOn: c.DecidedOn, Status: StatusPending}
	p.PartyName, p.PartyIDNo, p.PartyPhone, p.Address = publicParty(party, pol)
	if party.Kind == zhifa.PartyOrganization {
		p.LegalRep = party.LegalRep
	}
	p.Fine, _ = strconv.ParseInt(st.Fields["fine"], 10, 64)
	if p.Report, err = ledger.ContentDigest(reports); err != nil {
		return nil, err
	}
	if due, err := s.Deadlines.Due(tx, c.Object(), "G4"); err == nil {
		p.DueOn = due.Time(time.UTC)
	}
	if err := tx.CreatePublication(p); err != nil {
		return nil, err
	}
	return p, record(tx, "publication.created", "publication/"+itoa(p.ID), a, c.AgencyID, map[string]string{"case": itoa(c.ID), "report": p.Report})
}

// Publish makes a pending publication public on the portal and meets its
// publication deadline (G4). Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND,
// ECONFLICT (already published or withdrawn).
func (s *Service) Publish(ctx context.Context, a zhifa.Actor, id int64) (*Publication, error) {
	p, object, err := s.find(ctx, a, access.PublicationEdit, id)
	if err != nil {
		return nil, err
	}
	today := s.today()
	err = s.Store.Write(ctx, func(tx Tx) error {
		p, err = tx.FindPublication(ctx, PublicationFilter{ID: id})
		if err != nil {
			return err
		}
		if !p.Pending() {
			return zhifa.Errorf(zhifa.ECONFLICT, "公示信息当前为“%s”,不能再次公示", p.Status)
		}
		p.Status, p.PublishedAt = StatusPublished, tx.Time()
		if err := tx.SetPublicationStatus(p); err != nil {
			return err
		}
		if err := s.meet(tx, "case/"+itoa(p.CaseID), "G4", today); err != nil {
			return err
		}
		return record(tx, "publication.published", object, a, p.AgencyID, map[string]string{"case": itoa(p.CaseID)})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// PublicPublications lists decisions for anyone (the portal reads nothing
// else), with the total matching f: the published ones, or with f.Status
// StatusWithdrawn the withdrawn ones — of which only what
// publicCopy keeps, and whose Keyword matches the 文号 alone (the taken-down
// content is not searchable). Pending publications are never listed.
//
// The count stops at f.CountCap+1, or at PublicCountCap+1 when unset: a
// list at a province's scale is never counted in full.
func (s *Service) PublicPublications(ctx context.Context, f PublicationFilter) ([]*Publication, int, error) {
	f.ID, f.CaseID = 0, 0
	if f.CountCap <= 0 {
		f.CountCap = PublicCountCap
	}
	if f.Status == StatusWithdrawn {
		f.Number, f.Keyword = f.Keyword, ""
	} else {
		f.Status = StatusPublished
	}
	ps, n, err := s.Store.FindPublications(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	for i, p := range ps {
		ps[i] = publicCopy(p)
	}
	return ps, n, nil
}

// PublicCountCap is the largest count of a public list (above it, the
// portal says "more than").
const PublicCountCap = 1000

// Version names the state of the public data: Seq grows with every
// change (the ledger's size) and At is the time of the latest one.
type Version struct {
	Seq int64
	At  time.Time
}

// PublicVersion returns the version of what the portal shows, for its
// caching headers (ETag, Last-Modified).
func (s *Service) PublicVersion(ctx context.Context) (Version, error) {
	return s.Store.PublicationsVersion(ctx)
}

// PublicPublication returns a published or withdrawn decision as the public
// may see it (publicCopy), or ENOTFOUND (pending or unknown).
func (s *Service) PublicPublication(ctx context.Context, id int64) (*Publication, error) {
	p, err := s.Store.FindPublication(ctx, PublicationFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if !p.Published() && !p.Withdrawn() {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "公示信息不存在")
	}
	return publicCopy(p), nil
}

// AgencyPublications lists the publications of the actor's agency in any
// status, for the workbench. Errors: EUNAUTHORIZED, EFORBIDDEN.
func (s *Service) AgencyPublications(ctx context.Context, a zhifa.Actor, status string) ([]*Publication, error) {
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, a.AgencyID, "publications"); err != nil {
		return nil, err
	}
	ps, _, err := s.Store.FindPublications(ctx, PublicationFilter{AgencyID: a.AgencyID, Status: status})
	return ps, err
}
