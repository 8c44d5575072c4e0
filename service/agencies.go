package service

import (
	"context"
	"regexp"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/idcode"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
)

var regionRe = regexp.MustCompile(`^[1-8][0-9]{5}$`)

// validAgency trims a's fields and returns per-field problems.
func validAgency(a *zhifa.Agency) map[string]string {
	p := map[string]string{}
	a.Name = strings.TrimSpace(a.Name)
	a.ShortName = strings.TrimSpace(a.ShortName)
	a.CreditCode = strings.ToUpper(strings.TrimSpace(a.CreditCode))
	a.Region = strings.TrimSpace(a.Region)
	if a.Name == "" {
		p["name"] = "请填写执法主体名称"
	}
	ok := false
	for _, k := range zhifa.AgencyKinds {
		ok = ok || a.Kind == k
	}
	if !ok {
		p["kind"] = "主体类型须为:行政机关、法律法规授权组织或受委托组织"
	}
	if !idcode.ValidCredit(a.CreditCode) {
		p["credit_code"] = "统一社会信用代码“" + a.CreditCode + "”无效:须为 18 位且校验码正确(GB 32100)"
	}
	if !regionRe.MatchString(a.Region) {
		p["region"] = "行政区划代码须为 6 位数字,如 610921"
	}
	if a.ReviewDays == 0 {
		a.ReviewDays = 5
	}
	if a.ReviewDays < 1 || a.ReviewDays > 30 {
		p["review_days"] = "法制审核时限须在 1 至 30 个工作日之间"
	}
	if a.Level == "" {
		a.Level = "县级"
	}
	return p
}

// CreateAgency registers an agency (执法主体) or the supervising 司法局.
func (s *Service) CreateAgency(ctx context.Context, a zhifa.Actor, ag *zhifa.Agency) error {
	if err := s.authorize(ctx, a, access.RegistryManage, 0, "agency/new"); err != nil {
		return err
	}
	if p := validAgency(ag); len(p) > 0 {
		return zhifa.Invalid(p)
	}
	if ag.ParentID != 0 {
		if _, err := s.DB.FindAgency(ctx, ag.ParentID); err != nil {
			return zhifa.Invalid(map[string]string{"parent_id": "上级机关不存在"})
		}
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAgency(ag); err != nil {
			return err
		}
		return recordRecord(tx, "agency.created", "agency/"+itoa(ag.ID), a, ag.ID, nil)
	})
}

// UpdateAgency changes an agency's registry data.
func (s *Service) UpdateAgency(ctx context.Context, a zhifa.Actor, ag *zhifa.Agency) error {
	if err := s.authorize(ctx, a, access.RegistryManage, ag.ID, "agency/"+itoa(ag.ID)); err != nil {
		return err
	}
	if _, err := s.DB.FindAgency(ctx, ag.ID); err != nil {
		return err
	}
	if p := validAgency(ag); len(p) > 0 {
		return zhifa.Invalid(p)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateAgency(ag); err != nil {
			return err
		}
		return recordRecord(tx, "agency.updated", "agency/"+itoa(ag.ID), a, ag.ID, nil)
	})
}

// Agencies lists every agency; the registry is public.
func (s *Service) Agencies(ctx context.Context) ([]*zhifa.Agency, error) {
	return s.DB.FindAgencies(ctx, store.AgencyFilter{})
}

// Agency returns one agency; the registry is public.
func (s *Service) Agency(ctx context.Context, id int64) (*zhifa.Agency, error) {
	return s.DB.FindAgency(ctx, id)
}

// recordRecord appends the event of a registry change. The store gives it
// the digest of the rows the transaction wrote, built from the stored rows:
// the leaf carries no plaintext, and the record can be checked against it
// at any time.
func recordRecord(tx *store.Tx, typ, object string, a zhifa.Actor, agencyID int64, attrs map[string]string) error {
	_, err := tx.Record(ledger.Event{Type: typ, Object: object, Actor: a.Ref(), Agency: itoa(agencyID), Attrs: attrs})
	return err
}
