package service

import (
	"context"
	"encoding/json"
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
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/procedure"
	"github.com/zhifa/zhifa/review"
	"github.com/zhifa/zhifa/store"
)

// StepInput is a step someone records on a case: the action, the form's
// fields, the officers present (for investigation and on-site steps; the
// handlers when empty), the reviewer's opinion for a review, and files
// already stored with UploadFile.
type StepInput struct {
	Action     penalty.Action
	Fields     map[string]string
	OfficerIDs []int64
	Review     *ReviewInput
	Files      []FileInput
}

// ReviewInput is the legal reviewer's form (法制审核表).
type ReviewInput struct {
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

// history is what the procedure rules need of a case's steps, folded step
// by step (add). It is kept on the case row (its rule state, JSON) and
// updated in the transaction of each step, so that recording a step reads
// the case row and its deadlines, never its whole history: the cost of a
// step does not grow with the case.
type history struct {
	V                int     `json:"v"`
	ReviewPassed     bool    `json:"review_passed"`
	StatementWaived  bool    `json:"statement_waived"`
	HearingRequested bool    `json:"hearing_requested"`
	HearingHeld      bool    `json:"hearing_held"`
	Participants     []int64 `json:"participants"` // users who recorded a step other than a review, in order
	Officers         []int64 `json:"officers"`     // officers present at a step, in order of first presence
	Fined            bool    `json:"fined"`        // a decision imposed a fine (> 0 元)
}

// historyVersion is the version of the stored rule state; a stored state of
// another version is recomputed from the steps.
const historyVersion = 1

// historyOf folds steps, in order.
func historyOf(steps []*zhifa.Step) *history {
	h := &history{V: historyVersion}
	for _, st := range steps {
		h.add(st)
	}
	return h
}

// add folds the next step of the case into h.
func (h *history) add(st *zhifa.Step) {
	switch penalty.Action(st.Action) {
	case penalty.Review:
		h.ReviewPassed = st.Review != nil && st.Review.Passed
		return
	case penalty.SubmitReview, penalty.Resubmit:
		h.ReviewPassed = false
	case penalty.Statement:
		if procedure.Yes(st.Fields["waived"]) {
			h.StatementWaived = true
		}
		if procedure.Yes(st.Fields["hearing_requested"]) {
			h.HearingRequested = true
		}
	case penalty.Hearing:
		h.HearingHeld = true
	case penalty.Decide:
		if n, _ := strconv.ParseInt(st.Fields["fine"], 10, 64); n > 0 {
			h.Fined = true
		}
	}
	if !slices.Contains(h.Participants, st.ActorUserID) {
		h.Participants = append(h.Participants, st.ActorUserID)
	}
	for _, id := range st.OfficerIDs {
		if !slices.Contains(h.Officers, id) {
			h.Officers = append(h.Officers, id)
		}
	}
}

// encode returns h as stored on the case row.
func (h *history) encode() (string, error) {
	b, err := json.Marshal(h)
	return string(b), err
}

// decodeHistory reads a stored rule state; ok is false when there is none
// (a case last written before rule states were kept) or it is of another
// version, and the caller computes it from the steps.
func decodeHistory(s string) (h *history, ok bool) {
	if s == "" {
		return nil, false
	}
	h = new(history)
	if err := json.Unmarshal([]byte(s), h); err != nil || h.V != historyVersion {
		return nil, false
	}
	return h, true
}

// rules builds what the procedure rules know of case c with history h and
// its deadlines.
//
// HandlerIDs holds the assigned handlers and also every officer present at
// a step (the second officer of an inquiry, say): each of them handled the
// case, so may neither review it (审核人员不得审核本人承办或参与办理的案件,
// DOMAIN §6) nor preside over its hearing (非本案调查人员, 处罚法 Art 64(4)).
func (h *history) rules(c *zhifa.Case, deadlines []*store.Deadline) penalty.Case {
	pc := penalty.Case{State: procedure.State{Stage: penalty.Stage(c.Stage), AgencyID: c.AgencyID, HandlerIDs: slices.Clone(c.HandlerIDs),
		ParticipantIDs: slices.Clone(h.Participants)}, ReviewRequired: true,
		ReviewPassed: h.ReviewPassed, StatementWaived: h.StatementWaived, HearingRequested: h.HearingRequested, HearingHeld: h.HearingHeld}
	for _, id := range h.Officers {
		if !slices.Contains(pc.HandlerIDs, id) {
			pc.HandlerIDs = append(pc.HandlerIDs, id)
		}
	}
	for _, d := range deadlines {
		due, ok := zhifa.ParseDate(d.Due)
		if !ok {
			continue
		}
		switch d.RuleID {
		case "T3":
			pc.StatementDue = due
		case "T4":
			pc.HearingDue = due
		}
	}
	if pc.StatementWaived && !pc.HearingRequested {
		pc.HearingDue = time.Time{}
	}
	return pc
}

// ruleState builds what the procedure rules know of a case from its steps
// and its deadlines (see history.rules).
func ruleState(c *zhifa.Case, steps []*zhifa.Step, deadlines []*store.Deadline) penalty.Case {
	return historyOf(steps).rules(c, deadlines)
}

// RecordStep records one step of a case's procedure: it checks the right
// (package access), the rules of law (penalty.Apply) and the form, then
// in one transaction stores the step and its files, moves the case, sets or
// meets its deadlines, makes the publication on a decision, and appends the
// step's ledger event. Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND,
// ECONFLICT (stage), ERULE (a rule of law, with its article), EINVALID
// (Problems keyed by field code).
func (s *Service) RecordStep(ctx context.Context, a zhifa.Actor, caseID int64, in StepInput) (*StepResult, error) {
	object := "case/" + itoa(caseID)
	c, err := s.DB.FindCase(ctx, caseID)
	if err != nil {
		if zhifa.ErrorCode(err) == zhifa.ENOTFOUND && a.Public() {
			return nil, zhifa.Errorf(zhifa.EUNAUTHORIZED, "请先登录")
		}
		return nil, err
	}
	if !penalty.ValidAction(in.Action) {
		return nil, zhifa.Invalid(map[string]string{"action": fmt.Sprintf("未知的办案环节 %q", in.Action)})
	}
	if in.Action == penalty.Register {
		return nil, zhifa.Invalid(map[string]string{"action": "案源登记请使用登记案件"})
	}
	if err := s.authorize(ctx, a, opOf(in.Action), c.AgencyID, object); err != nil {
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
	files, err := s.checkFiles(ctx, c.AgencyID, in.Files, a.UserID)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today, todayS := s.today()
	req := penalty.Request{Action: in.Action, ActorRoles: a.Roles, ActorUserID: a.UserID, ActorOfficer: actorOfficer, Officers: officers,
		Today: s.Today().Time(time.UTC), Fields: in.Fields}
	if in.Action == penalty.Review {
		if in.Review == nil {
			return nil, zhifa.Invalid(map[string]string{"review": "请填写法制审核表"})
		}
		n, err := s.DB.CountReviews(ctx, a.UserID)
		if err != nil {
			return nil, err
		}
		rv := &penalty.ReviewInput{ReviewerUserID: a.UserID, FirstTimeReviewer: n == 0,
			Checklist: in.Review.Checklist, Outcome: in.Review.Outcome, Opinion: in.Review.Opinion}
		if actorOfficer != nil {
			rv.ReviewerQualified = actorOfficer.LegalQualification
		}
		req.Form = rv
	}
	var out StepResult
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		// The case row is read again under its lock: a concurrent step may
		// have moved its stage and rule state since the read above. What
		// was read before the write (officers, files, the calendar) is not
		// written by steps, so the single writer need not wait on it.
		c, stored, err := tx.LockCaseRules(caseID)
		if err != nil {
			return err
		}
		h, ok := decodeHistory(stored)
		if !ok { // kept since migration 0010: computed once from the steps
			steps, err := tx.FindSteps(ctx, caseID)
			if err != nil {
				return err
			}
			h = historyOf(steps)
		}
		deadlines, err := tx.FindDeadlines(ctx, store.DeadlineFilter{Object: &object})
		if err != nil {
			return err
		}
		res, err := penalty.Apply(h.rules(c, deadlines), req)
		if err != nil {
			return err
		}
		st := &zhifa.Step{CaseID: c.ID, Action: string(in.Action), Stage: string(res.Next), ActorUserID: a.UserID, OfficerIDs: officerIDs,
			Fields: res.Fields, Files: files}
		if in.Action == penalty.Review {
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
		c.Stage = st.Stage
		switch in.Action {
		case penalty.Open:
			c.OpenedOn = s.Today().Time(time.UTC)
		case penalty.Decide:
			c.DecidedOn = s.Today().Time(time.UTC)
		}
		h.add(st)
		rules, err := h.encode()
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
		if in.Action == penalty.Decide {
			if _, err := s.CreateFromDecision(tx, a, c, st); err != nil {
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
func tookPart(pc penalty.Case, a zhifa.Actor) bool {
	return slices.Contains(pc.ParticipantIDs, a.UserID) || a.OfficerID != 0 && slices.Contains(pc.HandlerIDs, a.OfficerID)
}

func transitionOf(act penalty.Action) penalty.Transition {
	for _, t := range penalty.Actions() {
		if t.Action == act {
			return t
		}
	}
	return penalty.Transition{}
}

// meet marks the open deadline of object under rule met, if there is one.
func (s *Service) meet(tx *store.Tx, object, rule string, today calendar.Date) error {
	err := s.MeetDeadline(tx, object, rule, today)
	if zhifa.ErrorCode(err) == zhifa.ENOTFOUND {
		return nil
	}
	return err
}

// stepDeadlines starts and stops the case's time limits (DOMAIN §3) as
// penalty.DeadlineEffects says for the step: the one table of which step
// starts and meets which limit, which verify replays to recompute them.
func (s *Service) stepDeadlines(tx *store.Tx, cal *calendar.Calendar, c *zhifa.Case, h *history, st *zhifa.Step, today calendar.Date, _ string) error {
	object := c.Object()
	set := func(rule string, responsible int64) error {
		_, err := s.SetDeadline(tx, cal, object, c.AgencyID, rule, today, responsible)
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
	eff := penalty.DeadlineEffects(penalty.Action(st.Action), st.Fields, h.Fined)
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
		if s.Blobs == nil {
			return nil, zhifa.Errorf(zhifa.EINTERNAL, "证据文件库未配置")
		}
		fh, err := s.Blobs.Open(f.Digest)
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
		owners, err := s.DB.EvidenceAgencies(ctx, f.Digest)
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
