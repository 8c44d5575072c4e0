package penalty

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/review"
)

// StepInput is a step someone records on a case: the action, the form's
// fields, the officers present (for investigation and on-site steps; the
// handlers when empty), the reviewer's opinion for a review, and files
// already stored with UploadFile.
type StepInput struct {
	Action     Action
	Fields     map[string]string
	OfficerIDs []int64
	Review     *ReviewForm
	Files      []FileInput
}

// ReviewForm is the legal reviewer's form (法制审核表), which RecordStep
// turns into the rules' ReviewInput.
type ReviewForm struct {
	Checklist []review.Item
	Outcome   string
	Opinion   string
}

// FileInput is a file attached to a step, stored before by UploadFile.
type FileInput struct {
	Name        string
	ContentType string
	Digest      string
}

// StepResult is the recorded step and what the user must know next.
type StepResult struct {
	Step   *zhifa.Step
	Case   *zhifa.Case
	Notice string
}

// RecordStep records one step of a case's procedure: it checks the right
// (package access), the rules of law (Apply) and the form, then
// in one transaction stores the step and its files, moves the case, sets or
// meets its deadlines, makes the publication on a decision, and appends the
// step's ledger event. Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND,
// ECONFLICT (stage), ERULE (a rule of law, with its article), EINVALID
// (Problems keyed by field code).
func (s *Service) RecordStep(ctx context.Context, a zhifa.Actor, caseID int64, in StepInput) (*StepResult, error) {
	object := "case/" + itoa(caseID)
	c, err := s.Store.FindCase(ctx, caseID)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND && a.Public() {
			return nil, zhifa.Errorf(zhifa.EUNAUTHORIZED, "请先登录")
		}
		return nil, err
	}
	if !ValidAction(in.Action) {
		return nil, zhifa.Invalid(map[string]string{"action": fmt.Sprintf("未知的办案环节 %q", in.Action)})
	}
	if in.Action == Register {
		return nil, zhifa.Invalid(map[string]string{"action": "案源登记请使用登记案件"})
	}
	if err := s.Guard.Authorize(ctx, a, opOf(in.Action), c.AgencyID, object); err != nil {
		return nil, err
	}
	actorOfficer, err := s.actorOfficer(ctx, a)
	if err != nil {
		return nil, err
	}
	t := transitionOf(in.Action)
	officerIDs := in.OfficerIDs
	if len(officerIDs) == 0 && t.OnSite {
		officerIDs = c.HandlerIDs
	}
	officers, err := s.agencyOfficers(ctx, c.AgencyID, officerIDs, "officer_ids")
	if err != nil {
		return nil, err
	}
	// Officers named in the form (a hearing's host and 记录员) are officers
	// of the case's agency.
	for _, fd := range t.Fields {
		if v := strings.TrimSpace(in.Fields[fd.Code]); fd.Kind == procedure.KindOfficer && v != "" {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
				if _, err := s.agencyOfficers(ctx, c.AgencyID, []int64{id}, fd.Code); err != nil {
					return nil, err
				}
			}
		}
	}
	files, err := s.checkFiles(ctx, c.AgencyID, in.Files, a.UserID)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today, todayS := s.today()
	req := Request{Action: in.Action, ActorRoles: a.Roles, ActorUserID: a.UserID, ActorOfficer: actorOfficer, Officers: officers,
		Today: s.date().Time(time.UTC), Fields: in.Fields}
	if in.Action == Review {
		if in.Review == nil {
			return nil, zhifa.Invalid(map[string]string{"review": "请填写法制审核表"})
		}
		n, err := s.Store.CountReviews(ctx, a.UserID)
		if err != nil {
			return nil, err
		}
		rv := &ReviewInput{ReviewerUserID: a.UserID, FirstTimeReviewer: n == 0,
			Checklist: in.Review.Checklist, Outcome: in.Review.Outcome, Opinion: in.Review.Opinion}
		if actorOfficer != nil {
			rv.ReviewerQualified = actorOfficer.LegalQualification
		}
		req.Form = rv
	}
	scope, err := s.loadScope(ctx, c, in.Action)
	if err != nil {
		return nil, err
	}
	if _, numbered := DocTypeOf(in.Action); numbered {
		if _, typed := in.Fields["number"]; typed {
			return nil, zhifa.Invalid(map[string]string{"number": "文号由系统在签发文书时按本机关文号格式编号,不能手工填写"})
		}
	}
	short := ""
	if _, numbered := DocTypeOf(in.Action); numbered {
		ag, err := s.Registry.FindAgency(ctx, c.AgencyID)
		if err != nil {
			return nil, err
		}
		if short = ag.ShortName; short == "" {
			short = ag.Name
		}
	}
	var out StepResult
	err = s.Store.Write(ctx, func(tx Tx) error {
		// The case row is read again under its lock: a concurrent step may
		// have moved its stage and rule state since the read above. What
		// was read before the write (officers, files, the calendar) is not
		// written by steps, so the single writer need not wait on it.
		c, stored, err := tx.LockCaseRules(caseID)
		if err != nil {
			return err
		}
		h, ok := DecodeHistory(stored)
		if !ok { // kept since migration 0010: computed once from the steps
			steps, err := tx.FindSteps(ctx, caseID)
			if err != nil {
				return err
			}
			h = HistoryOf(steps)
		}
		deadlines, err := tx.CaseDeadlines(object)
		if err != nil {
			return err
		}
		pc := h.rules(c, deadlines)
		scope.apply(&pc, c, h, in.Fields)
		res, err := Apply(pc, req)
		if err != nil {
			return err
		}
		if scope != nil {
			res.Fields[ScopeField] = pc.ReviewRule
		}
		st := &zhifa.Step{CaseID: c.ID, Action: string(in.Action), Stage: string(res.Next), ActorUserID: a.UserID, OfficerIDs: officerIDs,
			Fields: res.Fields, Files: files}
		if in.Action == Review {
			op := &zhifa.ReviewOpinion{Outcome: res.Fields["outcome"], Opinion: res.Fields["opinion"], Passed: res.ReviewPassed}
			names := map[string]string{}
			for _, d := range review.Checklist() {
				names[d.Code] = d.Name
			}
			for _, it := range res.Checklist {
				op.Checklist = append(op.Checklist, zhifa.ReviewFinding{Code: it.Code, Name: names[it.Code], Passed: it.Passed, Remark: it.Remark})
			}
			st.Review, st.Fields = op, map[string]string{}
		}
		number, err := s.allocateNumber(tx, in.Action, c, short, s.date().Y)
		if err != nil {
			return err
		}
		if number != "" {
			st.Fields["number"] = number
		}
		c.Stage = st.Stage
		switch in.Action {
		case Open:
			c.OpenedOn = s.date().Time(time.UTC)
		case Decide:
			c.DecidedOn = s.date().Time(time.UTC)
		}
		h.add(st)
		rules, err := h.Encode()
		if err != nil {
			return err
		}
		if err := tx.SetCaseRules(c, rules); err != nil {
			return err
		}
		attrs := map[string]string{}
		if st.Review != nil {
			attrs["outcome"] = st.Review.Outcome
		}
		if err := s.recordStep(tx, a, c, st, attrs); err != nil {
			return err
		}
		if err := s.stepDeadlines(tx, cal, c, h, st, today, todayS); err != nil {
			return err
		}
		if in.Action == Decide {
			if _, err := s.Publicity.CreateFromDecision(tx, a, c, st); err != nil {
				return err
			}
		}
		out = StepResult{Step: st, Case: c, Notice: res.Notice}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// tookPart reports whether a took part in the case pc describes: recorded
// a step other than a review, or is an officer who handled it. Such a user
// may not review it; the review queue and the case page do not offer it.
func tookPart(pc Case, a zhifa.Actor) bool {
	return slices.Contains(pc.ParticipantIDs, a.UserID) || a.OfficerID != 0 && slices.Contains(pc.HandlerIDs, a.OfficerID)
}

func transitionOf(act Action) Transition {
	for _, t := range Actions() {
		if t.Action == act {
			return t
		}
	}
	return Transition{}
}

// meet marks the open deadline of object under rule met, if there is one.
func (s *Service) meet(tx Tx, object, rule string, today calendar.Date) error {
	err := s.Deadlines.Meet(tx, object, rule, today)
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		return nil
	}
	return err
}

// stepDeadlines starts and stops the case's time limits (DOMAIN §3) as
// DeadlineEffects says for the step: the one table of which step
// starts and meets which limit, which verify replays to recompute them.
func (s *Service) stepDeadlines(tx Tx, cal *calendar.Calendar, c *zhifa.Case, h *History, st *zhifa.Step, today calendar.Date, _ string) error {
	object := c.Object()
	set := func(rule string, responsible int64) error {
		_, err := s.Deadlines.Set(tx, cal, object, c.AgencyID, rule, today, responsible)
		return err
	}
	meet := func(rules ...string) error {
		for _, r := range rules {
			if err := s.meet(tx, object, r, today); err != nil {
				return err
			}
		}
		return nil
	}
	eff := DeadlineEffects(Action(st.Action), st.Fields, h.Fined)
	if err := meet(eff.Meets...); err != nil {
		return err
	}
	for _, d := range eff.Starts {
		responsible := int64(0)
		if d.Registrant {
			responsible = c.RegisteredBy
		}
		if err := set(d.Rule, responsible); err != nil {
			return err
		}
	}
	return nil
}

// checkFiles turns uploaded file references into evidence records for a
// case of agencyID; each must be in the file store. A file that is already
// evidence only in other agencies' cases is refused: file digests are public
// in the ledger, and a digest alone must not let another agency's officer
// attach, and then download, a file of a case he or she may not read.
func (s *Service) checkFiles(ctx context.Context, agencyID int64, in []FileInput, userID int64) ([]zhifa.Evidence, error) {
	var out []zhifa.Evidence
	for i, f := range in {
		field := "files." + strconv.Itoa(i)
		name := strings.TrimSpace(f.Name)
		if name == "" || len(name) > 255 || strings.ContainsAny(name, "/\\\x00") {
			return nil, zhifa.Invalid(map[string]string{field: "文件名须为 1 至 255 字节,且不含斜杠"})
		}
		blobs, err := s.blobs()
		if err != nil {
			return nil, err
		}
		fh, err := blobs.Open(f.Digest)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, blob.ErrBadDigest) {
				return nil, zhifa.Invalid(map[string]string{field: "文件“" + name + "”尚未上传或摘要有误"})
			}
			return nil, err
		}
		info, err := fh.Stat()
		fh.Close()
		if err != nil {
			return nil, err
		}
		owners, err := s.Store.EvidenceAgencies(ctx, f.Digest)
		if err != nil {
			return nil, err
		}
		if len(owners) > 0 && !slices.Contains(owners, agencyID) {
			return nil, zhifa.Invalid(map[string]string{field: "文件“" + name + "”是其他执法主体案件的证据,不能引用;请上传本案取得的文件"})
		}
		ct := strings.TrimSpace(f.ContentType)
		if ct == "" {
			ct = "application/octet-stream"
		}
		out = append(out, zhifa.Evidence{Name: name, ContentType: ct, Size: info.Size(), Digest: f.Digest, UploadedBy: userID})
	}
	return out, nil
}
