package service

import (
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/penalty"
)

// Penalty is penalty.Service under the name of its embedded field in
// Service.
type Penalty = penalty.Service

// Rule is penalty.Deadlines' rule of a case page: ruleID for an agency
// whose legal review takes reviewDays working days.
func (deadlines) Rule(ruleID string, reviewDays int) (deadline.Rule, error) {
	return ruleOf(ruleID, func() (int, error) { return reviewDays, nil })
}

// penaltyMetrics hands the penalty context's upload counts to s.Metrics.
type penaltyMetrics struct{ s *Service }

func (m penaltyMetrics) Uploaded(size int64) { m.s.metrics().Uploaded(size) }

var _ penalty.Deadlines = deadlines{}
