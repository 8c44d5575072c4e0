package service

import (
	"context"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/inspection"
	"github.com/zhifa/zhifa/penalty"
)

// referrals opens a penalty case from an inspection finding through the
// penalty context's 案源登记 (inspection.Cases): the source is 监督检查,
// the party the inspected organisation, the handlers the officers on site,
// and the summary names the inspection record.
type referrals struct{ s *Service }

func (r referrals) RegisterReferral(ctx context.Context, a zhifa.Actor, in inspection.Referral) (int64, error) {
	c, err := r.s.Penalty.RegisterCase(ctx, a, penalty.CaseInput{AgencyID: in.AgencyID, MatterID: in.MatterID, Source: "监督检查", Summary: in.Summary,
		Party:      zhifa.Party{Kind: zhifa.PartyOrganization, Name: in.PartyName, IDNumber: in.CreditCode, Address: in.Address},
		HandlerIDs: in.HandlerIDs})
	if err != nil {
		return 0, err
	}
	return c.ID, nil
}
