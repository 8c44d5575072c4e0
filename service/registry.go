package service

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/store"
)

// OfficerFilter and MatterFilter select registry rows for the read methods;
// nil fields do not filter.
type (
	OfficerFilter = store.OfficerFilter
	MatterFilter  = store.MatterFilter
)

var certNoRe = regexp.MustCompile(`^[0-9A-Z]{6,20}$`)

// validOfficer trims o's fields and returns per-field problems.
func validOfficer(o *zhifa.Officer) map[string]string {
	p := map[string]string{}
	o.Name = strings.TrimSpace(o.Name)
	o.Post = strings.TrimSpace(o.Post)
	o.CertNo = strings.ToUpper(strings.TrimSpace(o.CertNo))
	o.Category = strings.TrimSpace(o.Category)
	if o.AgencyID == 0 {
		p["agency_id"] = "请选择所属执法主体"
	}
	if o.Name == "" {
		p["name"] = "请填写姓名"
	} else if len([]rune(o.Name)) > 50 {
		p["name"] = "姓名不得超过 50 个字"
	}
	if o.Gender != zhifa.GenderMale && o.Gender != zhifa.GenderFemale {
		p["gender"] = "性别须为“男”或“女”"
	}
	switch {
	case o.CertNo == "":
		p["cert_no"] = "请填写执法证号"
	case !certNoRe.MatchString(o.CertNo):
		p["cert_no"] = "执法证号须为 6 至 20 位字母或数字"
	}
	if o.Category == "" {
		p["category"] = "请填写执法类别(领域)"
	}
	if o.ValidFrom.IsZero() {
		p["valid_from"] = "请填写有效期起始日期(格式 YYYY-MM-DD)"
	}
	if o.ValidTo.IsZero() {
		p["valid_to"] = "请填写有效期截止日期(格式 YYYY-MM-DD)"
	} else if !o.ValidFrom.IsZero() && !o.ValidTo.After(o.ValidFrom) {
		p["valid_to"] = "有效期截止日期须晚于起始日期"
	}
	o.ValidFrom, o.ValidTo = zhifa.CivilDate(o.ValidFrom), zhifa.CivilDate(o.ValidTo)
	if o.Status == "" {
		o.Status = zhifa.OfficerValid
	}
	if !slices.Contains(zhifa.OfficerStatuses, o.Status) {
		p["status"] = "证件状态须为:有效、暂扣或注销"
	}
	return p
}

// validMatter trims m's fields and returns per-field problems.
func validMatter(m *zhifa.Matter) map[string]string {
	p := map[string]string{}
	m.Code = strings.TrimSpace(m.Code)
	m.Name = strings.TrimSpace(m.Name)
	m.Basis = strings.TrimSpace(m.Basis)
	m.Procedure = strings.TrimSpace(m.Procedure)
	m.TimeLimit = strings.TrimSpace(m.TimeLimit)
	m.Unit = strings.TrimSpace(m.Unit)
	if m.AgencyID == 0 {
		p["agency_id"] = "请选择所属执法主体"
	}
	if m.Name == "" {
		p["name"] = "请填写事项名称"
	}
	if strings.ContainsAny(m.Code, " \t,") || len(m.Code) > 64 {
		p["code"] = "事项编码不得含空格或逗号,且不超过 64 个字符"
	}
	if !slices.Contains(zhifa.MatterCategories, m.Category) {
		p["category"] = "事项类别须为:" + strings.Join(zhifa.MatterCategories, "、")
	}
	if m.Basis == "" {
		p["basis"] = "请填写法律依据(法律法规名称及条款)"
	}
	var kinds []string
	for _, k := range m.PenaltyKinds {
		k = strings.TrimSpace(k)
		switch {
		case k == "" || slices.Contains(kinds, k):
		case !slices.Contains(zhifa.PenaltyKinds, k):
			p["penalty_kinds"] = "“" + k + "”不是《行政处罚法》第九条规定的处罚种类"
		default:
			kinds = append(kinds, k)
		}
	}
	m.PenaltyKinds = kinds
	if len(kinds) > 0 && m.Category != zhifa.MatterPenalty {
		p["penalty_kinds"] = "只有行政处罚事项可填写处罚种类"
	}
	return p
}

// agencyProblem adds a problem if the agency does not exist.
func (s *Service) agencyProblem(ctx context.Context, id int64, p map[string]string) error {
	if id == 0 || p["agency_id"] != "" {
		return nil
	}
	_, err := s.DB.FindAgency(ctx, id)
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		p["agency_id"] = "所选执法主体不存在"
		return nil
	}
	return err
}

// CreateOfficer registers an officer and his or her certificate. Errors:
// EUNAUTHORIZED, EFORBIDDEN, EINVALID (with per-field problems).
func (s *Service) CreateOfficer(ctx context.Context, a zhifa.Actor, o *zhifa.Officer) error {
	if err := s.authorize(ctx, a, access.RegistryManage, o.AgencyID, "officer/new"); err != nil {
		return err
	}
	p := validOfficer(o)
	if err := s.agencyProblem(ctx, o.AgencyID, p); err != nil {
		return err
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateOfficer(o); err != nil {
			return err
		}
		// The leaf carries the digest of the record and the status, never
		// the officer's name or certificate number.
		return recordRecord(tx, "officer.created", "officer/"+itoa(o.ID), a, o.AgencyID, map[string]string{"status": o.Status})
	})
}

// UpdateOfficer changes an officer's registry data, including the status of
// the certificate (暂扣 suspends it, 注销 revokes it). Errors: EUNAUTHORIZED,
// EFORBIDDEN, ENOTFOUND, EINVALID.
func (s *Service) UpdateOfficer(ctx context.Context, a zhifa.Actor, o *zhifa.Officer) error {
	object := "officer/" + itoa(o.ID)
	old, err := s.DB.FindOfficer(ctx, store.OfficerFilter{ID: &o.ID})
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
			// Do not tell the public which ids exist before authorizing.
			if aerr := s.authorize(ctx, a, access.RegistryManage, 0, object); aerr != nil {
				return aerr
			}
		}
		return err
	}
	if err := s.authorize(ctx, a, access.RegistryManage, old.AgencyID, object); err != nil {
		return err
	}
	if o.AgencyID != old.AgencyID && o.AgencyID != 0 {
		if err := s.authorize(ctx, a, access.RegistryManage, o.AgencyID, object); err != nil {
			return err
		}
	}
	p := validOfficer(o)
	if err := s.agencyProblem(ctx, o.AgencyID, p); err != nil {
		return err
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	attrs := map[string]string{"status": o.Status}
	typ := "officer.updated"
	if o.Status != old.Status {
		typ = "officer.status_changed"
		attrs["from"] = old.Status
	}
	o.Created = old.Created
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateOfficer(o); err != nil {
			return err
		}
		return recordRecord(tx, typ, object, a, o.AgencyID, attrs)
	})
}

// Officers returns the officers matching f. The registry of officers is
// published by law (姓名、性别、职务、执法证号及有效期); it holds nothing more.
func (s *Service) Officers(ctx context.Context, f OfficerFilter) ([]*zhifa.Officer, error) {
	return s.DB.FindOfficers(ctx, f)
}

// Officer returns one officer, or ENOTFOUND.
func (s *Service) Officer(ctx context.Context, id int64) (*zhifa.Officer, error) {
	return s.DB.FindOfficer(ctx, store.OfficerFilter{ID: &id})
}

// OfficerByCert returns the officer holding certificate certNo, for the
// public verification of a 执法证 (DOMAIN §4 事中公示), or ENOTFOUND.
func (s *Service) OfficerByCert(ctx context.Context, certNo string) (*zhifa.Officer, error) {
	certNo = strings.ToUpper(strings.TrimSpace(certNo))
	if !certNoRe.MatchString(certNo) {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "未查到该执法证号")
	}
	o, err := s.DB.FindOfficer(ctx, store.OfficerFilter{CertNo: &certNo})
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "未查到该执法证号“%s”", certNo)
	}
	return o, err
}

// Today returns the current civil date in China, for CertState.
func (s *Service) Today() time.Time { return zhifa.CivilDate(s.Now()) }

// CreateMatter adds a matter to an agency's 权责清单. Errors: EUNAUTHORIZED,
// EFORBIDDEN, EINVALID.
func (s *Service) CreateMatter(ctx context.Context, a zhifa.Actor, m *zhifa.Matter) error {
	if err := s.authorize(ctx, a, access.RegistryManage, m.AgencyID, "matter/new"); err != nil {
		return err
	}
	p := validMatter(m)
	if err := s.agencyProblem(ctx, m.AgencyID, p); err != nil {
		return err
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateMatter(m); err != nil {
			return err
		}
		return recordRecord(tx, "matter.created", "matter/"+itoa(m.ID), a, m.AgencyID, nil)
	})
}

// UpdateMatter changes a matter. Errors: EUNAUTHORIZED, EFORBIDDEN,
// ENOTFOUND, EINVALID.
func (s *Service) UpdateMatter(ctx context.Context, a zhifa.Actor, m *zhifa.Matter) error {
	object := "matter/" + itoa(m.ID)
	old, err := s.DB.FindMatter(ctx, m.ID)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
			if aerr := s.authorize(ctx, a, access.RegistryManage, 0, object); aerr != nil {
				return aerr
			}
		}
		return err
	}
	if err := s.authorize(ctx, a, access.RegistryManage, old.AgencyID, object); err != nil {
		return err
	}
	if m.AgencyID != old.AgencyID && m.AgencyID != 0 {
		if err := s.authorize(ctx, a, access.RegistryManage, m.AgencyID, object); err != nil {
			return err
		}
	}
	p := validMatter(m)
	if err := s.agencyProblem(ctx, m.AgencyID, p); err != nil {
		return err
	}
	if len(p) > 0 {
		return zhifa.Invalid(p)
	}
	m.Created = old.Created
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateMatter(m); err != nil {
			return err
		}
		return recordRecord(tx, "matter.updated", object, a, m.AgencyID, nil)
	})
}

// Matters returns the matters matching f; the 权责清单 is public.
func (s *Service) Matters(ctx context.Context, f MatterFilter) ([]*zhifa.Matter, error) {
	return s.DB.FindMatters(ctx, f)
}

// Matter returns one matter, or ENOTFOUND.
func (s *Service) Matter(ctx context.Context, id int64) (*zhifa.Matter, error) {
	return s.DB.FindMatter(ctx, id)
}
