package publicity

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/access"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/redact"
)

// Changes to a publication after it was made (DOMAIN §4 事后公开): the
// withdrawal of a published decision that was changed, revoked or
// confirmed illegal or void (撤回, 处罚法 Art 48 ¶2, time limit G7), and the
// correction of a public field found wrong (更正, seed 二(一) 纠错机制).
// Whatever is typed goes through the redaction engine before it is stored:
// the reasons and the corrected values are public.

// Limits of the typed texts, in characters.
const (
	maxReasonRunes     = 500   // 撤回理由, 更正理由
	maxNumberRunes     = 100   // 决定书文号
	maxCorrectionRunes = 20000 // other corrected fields (a decision is a few pages)
)

// WithdrawInput is the withdrawal of a published decision.
type WithdrawInput struct {
	Cause     string    // one of WithdrawCauses
	ChangedOn time.Time // civil date the decision was changed, revoked or confirmed illegal or void
	Reason    string    // 撤回理由, published (masked)
}

// validReason trims *reason and adds a problem under "reason".
func validReason(reason *string, what string, problems map[string]string) {
	*reason = strings.TrimSpace(*reason)
	switch n := utf8.RuneCountInString(*reason); {
	case n == 0:
		problems["reason"] = "请填写" + what
	case n > maxReasonRunes:
		problems["reason"] = what + "不得超过 " + strconv.Itoa(maxReasonRunes) + " 个字"
	}
}

// Valid returns the problems of in for a decision made on decidedOn, as of
// today, keyed cause, changed_on and reason.
func (in *WithdrawInput) Valid(decidedOn, today time.Time) map[string]string {
	problems := map[string]string{}
	in.Cause = strings.TrimSpace(in.Cause)
	if !slices.Contains(WithdrawCauses, in.Cause) {
		problems["cause"] = "请选择撤回事由:" + strings.Join(WithdrawCauses, "、") + "之一"
	}
	in.ChangedOn = zhifa.CivilDate(in.ChangedOn)
	switch {
	case in.ChangedOn.IsZero():
		problems["changed_on"] = "请填写决定被变更、撤销或确认违法、无效的日期"
	case in.ChangedOn.After(today):
		problems["changed_on"] = "决定被变更、撤销或确认违法、无效的日期(" + zhifa.FormatDate(in.ChangedOn) + ")不能晚于今天"
	case in.ChangedOn.Before(decidedOn):
		problems["changed_on"] = "决定被变更、撤销或确认违法、无效的日期(" + zhifa.FormatDate(in.ChangedOn) + ")不能早于决定日期 " + zhifa.FormatDate(decidedOn)
	}
	validReason(&in.Reason, "撤回理由", problems)
	return problems
}

// WithdrawPublication withdraws a published decision that was changed,
// revoked or confirmed illegal or void (处罚法 Art 48 ¶2): the portal takes
// its content down (the row stays) and shows the cause and the reason,
// which is masked like the decision's texts and besides names a natural
// person only as 姓+某. The withdrawal has 3 working
// days from ChangedOn (G7): the deadline is set and met today in the same
// write, so that the case's time limits record whether it was in time, and
// the returned publication's WithdrawLateDays says by how many working days
// it was late (0: in time). The event "publication.withdrawn" is recorded.
// Only the agency head may withdraw (access.PublicationWithdraw): it undoes a public
// act of the agency.
// Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND, EINVALID (cause,
// changed_on, reason), ECONFLICT (not 已公示), ERULE (the calendar lacks a
// year involved).
func (s *Service) WithdrawPublication(ctx context.Context, a zhifa.Actor, id int64, in WithdrawInput) (*Publication, error) {
	p, object, err := s.find(ctx, a, access.PublicationWithdraw, id)
	if err != nil {
		return nil, err
	}
	if problems := in.Valid(p.DecidedOn, zhifa.CivilDate(s.Now())); len(problems) > 0 {
		return nil, zhifa.Invalid(problems)
	}
	c, err := s.Store.FindCase(ctx, p.CaseID)
	if err != nil {
		return nil, err
	}
	// The withdrawn decision no longer names its party: in the reason a
	// natural person is 姓+某.
	pol := penaltyPolicy()
	pol.PartyName = redact.NameSurnameMou
	reason, report := maskText(c.Party, in.Reason, pol)
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today := s.today()
	changed := calendar.DateOf(in.ChangedOn)
	err = s.Store.Write(ctx, func(tx Tx) error {
		p, err = tx.FindPublication(ctx, PublicationFilter{ID: id})
		if err != nil {
			return err
		}
		if !p.Published() {
			return zhifa.Errorf(zhifa.ECONFLICT, "公示信息当前为“%s”,只有已公示的决定信息才能撤回", p.Status)
		}
		caseObject := "case/" + itoa(p.CaseID)
		due, err := s.Deadlines.Set(tx, cal, caseObject, p.AgencyID, "G7", changed, a.UserID)
		if err != nil {
			return err
		}
		if err := s.Deadlines.Meet(tx, caseObject, "G7", today); err != nil {
			return err
		}
		late := 0
		if today.After(due) {
			if late, err = cal.WorkdaysBetween(due, today); err != nil {
				return s.Deadlines.CalendarError(err, "changed_on")
			}
		}
		p.Status, p.WithdrawnAt, p.WithdrawCause, p.WithdrawReason = StatusWithdrawn, tx.Time(), in.Cause, reason
		p.ChangedOn, p.WithdrawDue, p.WithdrawLateDays = in.ChangedOn, due.Time(time.UTC), late
		if err := tx.WithdrawPublication(p); err != nil {
			return err
		}
		return record(tx, "publication.withdrawn", object, a, p.AgencyID,
			map[string]string{"case": itoa(p.CaseID), "cause": p.WithdrawCause, "late": strconv.FormatBool(late > 0), "report": report.Digest()})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// CorrectInput is the correction of one public field of a publication.
type CorrectInput struct {
	Field  string // a code of CorrectableFields
	Value  string // the field's correct text, whole; masked before it is stored
	Reason string // 更正理由, published (masked)
}

// Valid returns the problems of in, keyed field, value and reason.
func (in *CorrectInput) Valid() map[string]string {
	problems := map[string]string{}
	in.Field, in.Value = strings.TrimSpace(in.Field), strings.TrimSpace(in.Value)
	name := CorrectableFieldName(in.Field)
	if name == "" {
		var names []string
		for _, f := range CorrectableFields {
			names = append(names, f.Name)
		}
		if in.Field == "" {
			problems["field"] = "请选择更正项目"
		} else {
			problems["field"] = "更正项目“" + in.Field + "”不可更正;可更正的项目为" + strings.Join(names, "、")
		}
	}
	limit := maxCorrectionRunes
	if in.Field == "number" {
		limit = maxNumberRunes
	}
	switch n := utf8.RuneCountInString(in.Value); {
	case !utf8.ValidString(in.Value):
		problems["value"] = "更正后的内容须为 UTF-8 文本"
	case n == 0:
		problems["value"] = "请填写更正后的内容"
	case n > limit:
		problems["value"] = "更正后的内容不得超过 " + strconv.Itoa(limit) + " 个字"
	}
	validReason(&in.Reason, "更正理由", problems)
	return problems
}

// CorrectPublication corrects one public field of a pending or published
// decision (更正): the new text goes through the redaction engine with the
// party's particulars as known values, exactly as the decision's texts did
// (publicText), and so does the reason; the correction keeps the old and
// new public values, and the portal lists it under the decision when it was
// made while published. The event "publication.corrected" is recorded.
// Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND, EINVALID (field, value —
// also when the public text would not change —, reason), ECONFLICT
// (withdrawn, or changed meanwhile).
func (s *Service) CorrectPublication(ctx context.Context, a zhifa.Actor, id int64, in CorrectInput) (*Publication, error) {
	p, object, err := s.find(ctx, a, access.PublicationEdit, id)
	if err != nil {
		return nil, err
	}
	if problems := in.Valid(); len(problems) > 0 {
		return nil, zhifa.Invalid(problems)
	}
	c, err := s.Store.FindCase(ctx, p.CaseID)
	if err != nil {
		return nil, err
	}
	value, report := publicText(c.Party, in.Value)
	reason, _ := publicText(c.Party, in.Reason)
	err = s.Store.Write(ctx, func(tx Tx) error {
		p, err = tx.FindPublication(ctx, PublicationFilter{ID: id})
		if err != nil {
			return err
		}
		if p.Withdrawn() {
			return zhifa.Errorf(zhifa.ECONFLICT, "公示信息已撤回,不能再更正")
		}
		field := p.TextField(in.Field)
		if *field == value {
			return zhifa.Invalid(map[string]string{"value": "更正后的内容与现在公示的" + CorrectableFieldName(in.Field) + "相同(个人信息按规定脱敏后比较)"})
		}
		corr := &Correction{Field: in.Field, Old: *field, New: value, Reason: reason, Report: report.Digest(),
			Public: p.Published(), CorrectedBy: a.UserID}
		*field = value
		if err := tx.CorrectPublication(p, corr); err != nil {
			return err
		}
		return record(tx, "publication.corrected", object, a, p.AgencyID,
			map[string]string{"case": itoa(p.CaseID), "field": corr.Field, "report": corr.Report})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// AgencyPublication returns a publication in any status, with all its
// corrections, to a user who may read its agency's cases.
// Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
func (s *Service) AgencyPublication(ctx context.Context, a zhifa.Actor, id int64) (*Publication, error) {
	p, _, err := s.find(ctx, a, access.CaseRead, id)
	return p, err
}

// publicCopy is p as the public may see it: a withdrawn decision keeps only
// its 文号, agency, category, dates and the withdrawal (its content is taken
// down); the corrections listed are those made while it was published.
func publicCopy(p *Publication) *Publication {
	if p.Withdrawn() {
		return &Publication{ID: p.ID, AgencyID: p.AgencyID, AgencyName: p.AgencyName, Category: p.Category, Number: p.Number,
			DecidedOn: p.DecidedOn, Status: p.Status, PublishedAt: p.PublishedAt, WithdrawnAt: p.WithdrawnAt, WithdrawCause: p.WithdrawCause,
			WithdrawReason: p.WithdrawReason, ChangedOn: p.ChangedOn, WithdrawDue: p.WithdrawDue, WithdrawLateDays: p.WithdrawLateDays}
	}
	out := *p
	out.CaseID, out.Report, out.Corrections = 0, "", nil
	for _, c := range p.Corrections {
		if c.Public {
			c.CorrectedBy, c.Report = 0, ""
			out.Corrections = append(out.Corrections, c)
		}
	}
	return &out
}
