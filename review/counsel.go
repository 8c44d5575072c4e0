package review

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
)

// 法律顾问 and 公职律师 (registry.Counsel) assigned to a review as advisers,
// with their opinion recorded, and the staffing report of the review body
// per agency (seed 四(一): 法制审核人员、法律顾问、公职律师; DOMAIN §6 People).

// Adviser is a counsel assigned to the review of a case.
type Adviser struct {
	ID                 int64
	CaseID             int64
	CounselID          int64
	Name, Kind         string // the counsel's, read-only
	LegalQualification bool   // the counsel's, read-only
	AssignedBy         int64
	Opinion            string // "" until recorded
	OpinionBy          int64
	OpinionAt          time.Time
	Created            time.Time
}

// Staffing is an agency's review staffing.
type Staffing struct {
	AgencyID   int64
	AgencyName string
	Reviewers  int // enabled users with the reviewer role
	Qualified  int // of them, holding 法律职业资格
	Officers   int // officers with a certificate in force
	Advisers   int // 法律顾问 in post
	Lawyers    int // 公职律师 in post
}

// QualifiedShare is the share of reviewers holding 法律职业资格, in percent
// (0 without reviewers).
func (s Staffing) QualifiedShare() int {
	if s.Reviewers == 0 {
		return 0
	}
	return s.Qualified * 100 / s.Reviewers
}

// PerHundredOfficers is the number of reviewers per 100 officers, one
// decimal ("—" without officers).
func (s Staffing) PerHundredOfficers() string {
	if s.Officers == 0 {
		return "—"
	}
	n := s.Reviewers * 1000 / s.Officers
	return strconv.Itoa(n/10) + "." + strconv.Itoa(n%10)
}

// CounselStore is the storage of counsel and advisers; package store
// implements it (store.ReviewStore).
type CounselStore interface {
	// FindCounsels returns the counsel of agency agencyID (0: all), or only
	// counsel id when id is not 0.
	FindCounsels(ctx context.Context, agencyID, id int64) ([]*registry.Counsel, error)
	FindAdvisers(ctx context.Context, caseID int64) ([]Adviser, error)
	ReviewStaffing(ctx context.Context, today zhifa.Date) ([]Staffing, error)
}

// CounselTx writes counsel and advisers.
type CounselTx interface {
	CreateCounsel(c *registry.Counsel) error
	CreateAdviser(x *Adviser) error
	SetAdviserOpinion(x *Adviser) error
}

// CreateCounsel registers a 法律顾问 or 公职律师 of an agency
// (access.RegistryManage). Errors: EUNAUTHORIZED, EFORBIDDEN, EINVALID.
func (s *Service) CreateCounsel(ctx context.Context, a zhifa.Actor, c *registry.Counsel) error {
	if err := s.Guard.Authorize(ctx, a, access.RegistryManage, c.AgencyID, "counsel/new"); err != nil {
		return err
	}
	if p := registry.ValidCounsel(c); len(p) > 0 {
		return zhifa.Invalid(p)
	}
	if _, err := s.Store.FindAgency(ctx, c.AgencyID); err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
			return zhifa.Invalid(map[string]string{"agency_id": "所选执法主体不存在"})
		}
		return err
	}
	return s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreateCounsel(c); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "counsel.created", Object: "counsel/" + strconv.FormatInt(c.ID, 10), Actor: a.Ref(),
			Agency: strconv.FormatInt(c.AgencyID, 10)})
		return err
	})
}

// Counsels lists the counsel of an agency (0: of all); the registry is
// public.
func (s *Service) Counsels(ctx context.Context, agencyID int64) ([]*registry.Counsel, error) {
	return s.Store.FindCounsels(ctx, agencyID, 0)
}

// inReview returns case caseID, authorized for op, when it is in review
// (has an open review limit); ECONFLICT otherwise.
func (s *Service) inReview(ctx context.Context, a zhifa.Actor, op access.Op, caseID int64) (*zhifa.Case, error) {
	c, err := s.Store.FindCase(ctx, caseID)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND && a.Public() {
			return nil, zhifa.Errorf(zhifa.EUNAUTHORIZED, "请先登录")
		}
		return nil, err
	}
	if err := s.Guard.Authorize(ctx, a, op, c.AgencyID, "case/"+strconv.FormatInt(c.ID, 10)); err != nil {
		return nil, err
	}
	ds, err := s.Store.ReviewDeadlines(ctx, 0, c.ID, true)
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, zhifa.Errorf(zhifa.ECONFLICT, "案件%s不在法制审核中,不能指派法律顾问或记录其意见", c.Number)
	}
	return c, nil
}

// AssignAdviser assigns counsel counselID of the case's agency, in post, to
// the review of case caseID (the reviewer, access.CaseReview, while the
// case is in review). Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND,
// ECONFLICT, EINVALID (counsel_id).
func (s *Service) AssignAdviser(ctx context.Context, a zhifa.Actor, caseID, counselID int64) (*Adviser, error) {
	c, err := s.inReview(ctx, a, access.CaseReview, caseID)
	if err != nil {
		return nil, err
	}
	ks, err := s.Store.FindCounsels(ctx, c.AgencyID, counselID)
	if err != nil {
		return nil, err
	}
	if len(ks) == 0 || counselID == 0 {
		return nil, zhifa.Invalid(map[string]string{"counsel_id": "所选法律顾问(公职律师)不是本机关的"})
	}
	if ks[0].Status != registry.CounselActive {
		return nil, zhifa.Invalid(map[string]string{"counsel_id": ks[0].Kind + ks[0].Name + "已离任,不能指派"})
	}
	x := &Adviser{CaseID: c.ID, CounselID: counselID, Name: ks[0].Name, Kind: ks[0].Kind, LegalQualification: ks[0].LegalQualification, AssignedBy: a.UserID}
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.CreateAdviser(x); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "case.adviser_assigned", Object: "case/" + strconv.FormatInt(c.ID, 10), Actor: a.Ref(),
			Agency: strconv.FormatInt(c.AgencyID, 10), Attrs: map[string]string{"counsel": strconv.FormatInt(counselID, 10)}})
		return err
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// RecordAdviserOpinion records the written opinion of adviser adviserID of
// case caseID's review, once, while the case is in review (the reviewer
// files it). Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND, ECONFLICT,
// EINVALID (opinion).
func (s *Service) RecordAdviserOpinion(ctx context.Context, a zhifa.Actor, caseID, adviserID int64, opinion string) (*Adviser, error) {
	c, err := s.inReview(ctx, a, access.CaseReview, caseID)
	if err != nil {
		return nil, err
	}
	opinion = strings.TrimSpace(opinion)
	if opinion == "" {
		return nil, zhifa.Invalid(map[string]string{"opinion": "请填写法律顾问(公职律师)的书面意见"})
	}
	xs, err := s.Store.FindAdvisers(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var x *Adviser
	for i := range xs {
		if xs[i].ID == adviserID {
			x = &xs[i]
		}
	}
	if x == nil {
		return nil, zhifa.Errorf(zhifa.ENOTFOUND, "本案没有该法律顾问(公职律师)")
	}
	if x.Opinion != "" {
		return nil, zhifa.Errorf(zhifa.ECONFLICT, "%s的意见已记录,不能更改", x.Name)
	}
	x.Opinion, x.OpinionBy = opinion, a.UserID
	err = s.Store.Write(ctx, func(tx Tx) error {
		if err := tx.SetAdviserOpinion(x); err != nil {
			return err
		}
		_, err := tx.Record(ledger.Event{Type: "case.adviser_opinion", Object: "case/" + strconv.FormatInt(c.ID, 10), Actor: a.Ref(),
			Agency: strconv.FormatInt(c.AgencyID, 10), Attrs: map[string]string{"counsel": strconv.FormatInt(x.CounselID, 10)}})
		return err
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// Advisers returns the advisers of case caseID (access.CaseRead).
func (s *Service) Advisers(ctx context.Context, a zhifa.Actor, caseID int64) ([]Adviser, error) {
	c, err := s.Store.FindCase(ctx, caseID)
	if err != nil {
		return nil, err
	}
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, c.AgencyID, "case/"+strconv.FormatInt(c.ID, 10)); err != nil {
		return nil, err
	}
	return s.Store.FindAdvisers(ctx, c.ID)
}

// Staffing returns the review staffing of every agency, for the 司法局
// (access.Supervise).
func (s *Service) Staffing(ctx context.Context, a zhifa.Actor) ([]Staffing, error) {
	if err := s.Guard.Authorize(ctx, a, access.Supervise, 0, "reviews/staffing"); err != nil {
		return nil, err
	}
	return s.Store.ReviewStaffing(ctx, s.Today())
}
