package penalty

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/procedure"
)

// History is what the procedure rules need of a case's steps, folded step
// by step (add). It is kept on the case row (its rule state, JSON) and
// updated in the transaction of each step, so that recording a step reads
// the case row and its deadlines, never its whole history: the cost of a
// step does not grow with the case.
type History struct {
	V                int     `json:"v"`
	ReviewPassed     bool    `json:"review_passed"`
	StatementWaived  bool    `json:"statement_waived"`
	HearingRight     bool    `json:"hearing_right"`
	HearingWaived    bool    `json:"hearing_waived"`
	HearingRequested bool    `json:"hearing_requested"`
	HearingHeld      bool    `json:"hearing_held"`
	HearingDate      string  `json:"hearing_date,omitempty"` // of the hearing notice, YYYY-MM-DD
	Simple           bool    `json:"simple,omitempty"`       // 简易程序: the first step was SimpleDecide
	Participants     []int64 `json:"participants"`           // users who recorded a step other than a review, in order
	Officers         []int64 `json:"officers"`               // officers present at a step, in order of first presence
	Fined            bool    `json:"fined"`                  // a decision imposed a fine (> 0 元)
	// Notified is the penalty of the last 事先告知, nil before one or when
	// it was recorded before penalties were structured.
	Notified *Sanction `json:"notified,omitempty"`
}

// historyVersion is the version of the stored rule state; a stored state of
// another version is recomputed from the steps.
const historyVersion = 4

// HistoryOf folds steps, in order.
func HistoryOf(steps []*zhifa.Step) *History {
	h := &History{V: historyVersion}
	for _, st := range steps {
		h.add(st)
	}
	return h
}

// add folds the next step of the case into h.
func (h *History) add(st *zhifa.Step) {
	switch Action(st.Action) {
	case Review:
		h.ReviewPassed = st.Review != nil && st.Review.Passed
		return
	case SubmitReview, Resubmit:
		h.ReviewPassed = false
	case Statement:
		if procedure.Yes(st.Fields["waived"]) {
			h.StatementWaived = true
		}
		if procedure.Yes(st.Fields["hearing_requested"]) {
			h.HearingRequested = true
		}
		if procedure.Yes(st.Fields["hearing_waived"]) {
			h.HearingWaived = true
		}
	case Notify:
		// A new notice gives the party its rights afresh, and the review
		// must see it: what the party waived, requested or was heard on
		// and the review passed concerned the earlier notice.
		h.ReviewPassed, h.StatementWaived, h.HearingRequested, h.HearingHeld, h.HearingWaived = false, false, false, false, false
		h.HearingRight = procedure.Yes(st.Fields["hearing_right"])
		h.HearingDate = ""
		h.Notified = nil
		if s, ok := SanctionOf(st.Fields); ok {
			h.Notified = &s
		}
	case HearingNotice:
		h.HearingDate = st.Fields["hearing_date"]
	case Hearing:
		h.HearingHeld = true
	case SimpleDecide:
		h.Simple = true
		if n, _ := strconv.ParseInt(st.Fields["fine"], 10, 64); n > 0 {
			h.Fined = true
		}
	case Decide:
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

// Encode returns h as stored on the case row.
func (h *History) Encode() (string, error) {
	b, err := json.Marshal(h)
	return string(b), err
}

// DecodeHistory reads a stored rule state; ok is false when there is none
// (a case last written before rule states were kept) or it is of another
// version, and the caller computes it from the steps.
func DecodeHistory(s string) (h *History, ok bool) {
	if s == "" {
		return nil, false
	}
	h = new(History)
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
func (h *History) rules(c *zhifa.Case, deadlines []Deadline) Case {
	pc := Case{State: procedure.State{Stage: Stage(c.Stage), AgencyID: c.AgencyID, HandlerIDs: slices.Clone(c.HandlerIDs),
		ParticipantIDs: slices.Clone(h.Participants)}, ReviewRequired: true,
		ReviewPassed: h.ReviewPassed, StatementWaived: h.StatementWaived, HearingRequested: h.HearingRequested, HearingHeld: h.HearingHeld,
		Notified: h.Notified, HearingRight: h.HearingRight, HearingWaived: h.HearingWaived,
		Simple: h.Simple, PartyKind: c.Party.Kind}
	// 简易程序: no legal review (DOMAIN §6).
	pc.ReviewRequired = !h.Simple
	if d, ok := zhifa.ParseDate(h.HearingDate); ok {
		pc.HearingDate = d
	}
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
	// The hearing-request period ends with an explicit waiver of the
	// hearing, never with a waiver of 陈述申辩 (two rights, Arts 45 and 64(1)).
	if pc.HearingWaived && !pc.HearingRequested || !pc.HearingRight {
		pc.HearingDue = time.Time{}
	}
	return pc
}

// ruleState builds what the procedure rules know of a case from its steps
// and its deadlines (see History.rules).
func ruleState(c *zhifa.Case, steps []*zhifa.Step, deadlines []Deadline) Case {
	return HistoryOf(steps).rules(c, deadlines)
}
