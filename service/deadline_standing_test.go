package service_test

import (
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/deadline"
	"github.com/zhifa/zhifa/service"
)

// Overdue time on a limit in natural days (T9 罚款缴纳期限, 15 日) is counted
// in natural days, on a working-day limit in working days.
func TestDeadlineItemStanding(t *testing.T) {
	rule := func(id string) deadline.Rule {
		for _, r := range deadline.Rules() {
			if r.ID == id {
				return r
			}
		}
		t.Fatalf("no rule %s", id)
		return deadline.Rule{}
	}
	today := zhifa.Date{Y: 2026, M: time.December, D: 7} // a Monday
	due := zhifa.Date{Y: 2026, M: time.November, D: 27}  // a Friday: 10 days, 6 working days before
	for _, tt := range []struct {
		name string
		it   service.DeadlineItem
		want string
	}{
		{"T9 overdue in days", service.DeadlineItem{Rule: rule("T9"), Due: due, Status: deadline.Overdue, WorkdaysOverdue: 6}, "已逾期 10 日"},
		{"T8 overdue in working days", service.DeadlineItem{Rule: rule("T8"), Due: due, Status: deadline.Overdue, WorkdaysOverdue: 6}, "已逾期 6 个工作日"},
		{"T9 due soon in days", service.DeadlineItem{Rule: rule("T9"), Due: today.Add(3), Status: deadline.DueSoon, WorkdaysLeft: 2}, "剩余 3 日"},
		{"T8 due soon", service.DeadlineItem{Rule: rule("T8"), Due: today.Add(3), Status: deadline.DueSoon, WorkdaysLeft: 2}, "剩余 2 个工作日"},
		{"due today", service.DeadlineItem{Rule: rule("T9"), Due: today, Status: deadline.DueSoon}, "今日到期"},
	} {
		if got := tt.it.Standing(today); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
