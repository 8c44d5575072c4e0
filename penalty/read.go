package penalty

import (
	"context"
	"errors"
	"io"
	"os"
	"slices"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/publicity"
	"github.com/zhifa/zhifa/registry"
)

// CaseDeadline is a time limit of a case as shown on its page.
type CaseDeadline struct {
	Rule  deadline.Rule
	Start string
	Due   string
	MetAt string // "" while open
	// Standing is where the limit stands today (deadline.StandingOf): the
	// case page shows it and compares no dates itself.
	Standing deadline.Standing
}

// CaseDetail is a case as its page and the API show it.
type CaseDetail struct {
	Case        *zhifa.Case
	Steps       []*zhifa.Step
	Deadlines   []CaseDeadline
	Officers    map[int64]*registry.Officer // handlers and officers of steps, by id
	Next        []Action                    // what the actor may do now
	Publication *publicity.Publication      // nil before the decision
}

// readCase loads case id and checks the actor may read it.
func (s *Service) readCase(ctx context.Context, a zhifa.Actor, id int64) (*zhifa.Case, error) {
	c, err := s.Store.FindCase(ctx, id)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND && a.Public() {
			return nil, zhifa.Errorf(zhifa.EUNAUTHORIZED, "请先登录")
		}
		return nil, err
	}
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, c.AgencyID, c.Object()); err != nil {
		return nil, err
	}
	return c, nil
}

// Case returns a case with its steps, deadlines and the actions the actor
// may take next. Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
func (s *Service) Case(ctx context.Context, a zhifa.Actor, id int64) (*CaseDetail, error) {
	c, err := s.readCase(ctx, a, id)
	if err != nil {
		return nil, err
	}
	d := &CaseDetail{Case: c, Officers: map[int64]*registry.Officer{}}
	if d.Steps, err = s.Store.FindSteps(ctx, id); err != nil {
		return nil, err
	}
	object := c.Object()
	ds, err := s.Store.FindDeadlines(ctx, object)
	if err != nil {
		return nil, err
	}
	ag, err := s.Registry.FindAgency(ctx, c.AgencyID)
	if err != nil {
		return nil, err
	}
	today := s.date()
	for _, x := range ds {
		r, _ := s.Deadlines.Rule(x.RuleID, ag.ReviewDays)
		due, _ := zhifa.ParseCivilDate(x.Due)
		met, _ := zhifa.ParseCivilDate(x.MetAt)
		d.Deadlines = append(d.Deadlines, CaseDeadline{Rule: r, Start: x.Start, Due: x.Due, MetAt: x.MetAt,
			Standing: deadline.StandingOf(due, met, today)})
	}
	ids := slices.Clone(c.HandlerIDs)
	for _, st := range d.Steps {
		ids = append(ids, st.OfficerIDs...)
	}
	for _, oid := range ids {
		if d.Officers[oid] != nil {
			continue
		}
		if o, err := s.Registry.FindOfficer(ctx, registry.OfficerFilter{ID: &oid}); err == nil {
			d.Officers[oid] = o
		}
	}
	if access.Allowed(a, access.CaseRead, c.AgencyID) {
		d.Next = Next(ruleState(c, d.Steps, ds), a.Roles)
		if slices.Contains(d.Next, Review) {
			if tookPart(ruleState(c, d.Steps, ds), a) {
				d.Next = slices.DeleteFunc(d.Next, func(x Action) bool { return x == Review })
			}
		}
	}
	if p, err := s.Store.FindPublication(ctx, publicity.PublicationFilter{CaseID: id}); err == nil {
		d.Publication = p
	} else if zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
		return nil, err
	}
	return d, nil
}

// CaseListFilter selects the cases of a list.
type CaseListFilter struct {
	AgencyID int64    // supervisors may pick any agency; others get their own
	Stages   []string // empty: all
	Limit    int
}

// Cases lists cases newest first: the actor's agency's, or for a supervisor
// any agency's. Errors: EUNAUTHORIZED, EFORBIDDEN.
func (s *Service) Cases(ctx context.Context, a zhifa.Actor, f CaseListFilter) ([]*zhifa.Case, error) {
	if !a.Has(zhifa.RoleSupervisor) {
		f.AgencyID = a.AgencyID
	}
	if err := s.Guard.Authorize(ctx, a, access.CaseRead, f.AgencyID, "cases"); err != nil {
		return nil, err
	}
	return s.Store.FindCases(ctx, f)
}

// ReviewQueue lists the cases of the reviewer's agency waiting for legal
// review, oldest first, without those the reviewer took part in (a reviewer
// never reviews a case he or she handled). Errors: EUNAUTHORIZED, EFORBIDDEN.
func (s *Service) ReviewQueue(ctx context.Context, a zhifa.Actor) ([]*zhifa.Case, error) {
	if err := s.Guard.Authorize(ctx, a, access.CaseReview, a.AgencyID, "reviews"); err != nil {
		return nil, err
	}
	cs, err := s.Store.FindCases(ctx, CaseListFilter{AgencyID: a.AgencyID, Stages: []string{string(InReview)}})
	if err != nil {
		return nil, err
	}
	var out []*zhifa.Case
	for _, c := range cs {
		steps, err := s.Store.FindSteps(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		if !tookPart(ruleState(c, steps, nil), a) {
			out = append(out, c)
		}
	}
	slices.Reverse(out)
	return out, nil
}

// MaxUpload bounds one evidence file (64 GiB): large enough for a day of
// body-camera video, small enough that a runaway upload stops.
const MaxUpload = 64 << 30

// UploadFile streams a file for a step of case caseID into the
// content-addressed store, computing its SHA-256 on the way, and returns
// the reference to attach to the step; nothing is recorded until the step
// is. Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND, EINVALID (too large).
func (s *Service) UploadFile(ctx context.Context, a zhifa.Actor, caseID int64, name, contentType string, r io.Reader) (FileInput, error) {
	c, err := s.readCase(ctx, a, caseID)
	if err != nil {
		return FileInput{}, err
	}
	if !access.Allowed(a, access.CaseStep, c.AgencyID) && !access.Allowed(a, access.CaseApprove, c.AgencyID) &&
		!access.Allowed(a, access.CaseDecide, c.AgencyID) && !access.Allowed(a, access.CaseReview, c.AgencyID) {
		return FileInput{}, s.Guard.Authorize(ctx, a, access.CaseStep, c.AgencyID, c.Object())
	}
	blobs, err := s.blobs()
	if err != nil {
		return FileInput{}, err
	}
	info, err := blobs.Put(r, MaxUpload)
	if errors.Is(err, blob.ErrTooLarge) {
		return FileInput{}, zhifa.Invalid(map[string]string{"file": "文件超过 64 GiB 上限"})
	} else if err != nil {
		return FileInput{}, err
	}
	if s.Metrics != nil {
		s.Metrics.Uploaded(info.Size)
	}
	return FileInput{Name: name, ContentType: contentType, Digest: info.Digest}, nil
}

// OpenEvidence opens an evidence file of a case for download by someone
// allowed to read the case, and records the download in the ledger
// ("evidence.downloaded") before returning the file. The caller closes it.
// Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
func (s *Service) OpenEvidence(ctx context.Context, a zhifa.Actor, caseID, evidenceID int64) (*zhifa.Evidence, *os.File, error) {
	c, err := s.readCase(ctx, a, caseID)
	if err != nil {
		return nil, nil, err
	}
	es, err := s.Store.FindEvidence(ctx, caseID, evidenceID)
	if err != nil {
		return nil, nil, err
	}
	if len(es) == 0 {
		return nil, nil, zhifa.Errorf(zhifa.ENOTFOUND, "证据文件不存在")
	}
	e := es[0]
	blobs, err := s.blobs()
	if err != nil {
		return nil, nil, err
	}
	f, err := blobs.Open(e.Digest)
	if err != nil {
		return nil, nil, zhifa.Errorf(zhifa.EINTERNAL, "证据文件 %s 在文件库中缺失: %v", e.Digest, err)
	}
	err = s.Store.Write(ctx, func(tx Tx) error {
		_, err := tx.Record(ledger.Event{Type: "evidence.downloaded", Object: c.Object(), Actor: a.Ref(), Agency: itoa(c.AgencyID),
			Files: []string{e.Digest}, Attrs: map[string]string{"evidence": itoa(e.ID)}})
		return err
	})
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return e, f, nil
}
