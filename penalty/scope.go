package penalty

import (
	"context"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/review"
)

// The scope of legal review of a decision (issue 11): at 作出决定 the
// service asks the 法制审核目录清单 in force (the agency's catalog, its
// superiors' floors and the statutory floor, review.Scope) whether the
// decision needs review, reviewGate refuses it before a passed review when
// it does, and the decision step records the rule that decided in its
// fields (ScopeField), which the case's ledger event digests.
//
// Where to change what: which facts of a decision the catalog sees →
// decisionFacts; the rules themselves → package review (scope.go).

// Catalogs returns the review catalogs in force for an agency on a day (its
// own and its superiors' floors); *review.Service implements it.
type Catalogs interface {
	Applicable(ctx context.Context, agencyID int64, day zhifa.Date) ([]registry.ReviewCatalog, error)
}

// ScopeField is the decision step's field that records the rule of the
// review catalog that decided whether the decision needed review.
const ScopeField = "review_scope"

// scopeInput is what the scope of a decision is computed from, read
// before the step's transaction: the catalogs in force and the matter.
type scopeInput struct {
	catalogs []registry.ReviewCatalog
	matter   *registry.Matter
}

// loadScope reads, for a decision, the catalogs in force today and the
// case's matter; nil for any other step (the rules then keep
// ReviewRequired as set, which is the statutory floor).
func (s *Service) loadScope(ctx context.Context, c *zhifa.Case, act Action) (*scopeInput, error) {
	if act != Decide {
		return nil, nil
	}
	in := &scopeInput{}
	if s.Catalogs != nil {
		cs, err := s.Catalogs.Applicable(ctx, c.AgencyID, s.date())
		if err != nil {
			return nil, err
		}
		in.catalogs = cs
	}
	if c.MatterID != 0 {
		m, err := s.Registry.FindMatter(ctx, c.MatterID)
		if err != nil && zhifa.ErrorCode(err) != zhifa.ENOTFOUND {
			return nil, err
		}
		in.matter = m
	}
	return in, nil
}

// apply sets pc's ReviewRequired and ReviewRule for a decision with the
// form's fields; a nil input leaves pc as it is.
func (in *scopeInput) apply(pc *Case, c *zhifa.Case, h *History, fields map[string]string) {
	if in == nil {
		return
	}
	req, rule := review.Scope(in.catalogs, decisionFacts(c, h, in.matter, fields))
	pc.ReviewRequired, pc.ReviewRule = req, rule.String()
}

// decisionFacts reads what the catalog asks of a proposed decision: the
// action type (a general-procedure penalty), the matter, the party's kind,
// the fine and penalty kinds of the decision form, and whether a hearing
// was held (处罚法 Art 58(2)).
func decisionFacts(c *zhifa.Case, h *History, m *registry.Matter, fields map[string]string) review.Facts {
	f := review.Facts{ActionType: registry.MatterPenalty, Person: c.Party.Person()}
	if m != nil {
		f.MatterCode, f.MatterText = m.Code, m.Name+" "+m.Basis
	}
	f.Fine, _ = strconv.ParseInt(strings.TrimSpace(fields["fine"]), 10, 64)
	for _, fd := range transitionOf(Decide).Fields {
		if fd.Code == "penalty_kind" {
			f.PenaltyKinds, _ = fd.Choices(fields["penalty_kind"])
		}
	}
	if h != nil && h.HearingHeld {
		f.Triggers = append(f.Triggers, registry.TriggerHearing)
	}
	return f
}
