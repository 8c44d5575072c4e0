package deadline

import (
	"errors"
	"fmt"

	"github.com/zhifa/zhifa/calendar"
)

// Unit is the unit a time limit is counted in.
type Unit string

// Units.
const (
	Workdays Unit = "工作日" // working days on the official calendar
	Days     Unit = "自然日" // natural days
	Months   Unit = "月"   // calendar months, clamped to the month's end
)

// Start events a rule counts from. Values are stable identifiers for the
// procedure code.
const (
	CaseOpened          = "case.opened"          // 立案
	NoticeServed        = "notice.served"        // 行政处罚事先告知书送达
	HearingDate         = "hearing.date"         // 听证举行日 (rule counts backwards)
	EvidencePreserved   = "evidence.preserved"   // 先行登记保存
	DecisionMade        = "decision.made"        // 决定作出 (宣告)
	DecisionServed      = "decision.served"      // 决定书送达
	DecisionChanged     = "decision.changed"     // 决定被变更、撤销、确认违法或无效
	MeasureTaken        = "measure.taken"        // 查封、扣押实施
	ApplicationReceived = "application.received" // 许可申请材料收到
	ApplicationAccepted = "application.accepted" // 许可申请受理
	ReviewSubmitted     = "review.submitted"     // 送法制审核
)

// Rule is one statutory time limit: N units after the Start event. A negative
// N counts backwards: the latest day an act may happen before the event (听证
// notice ≥ 7 working days before the hearing).
type Rule struct {
	ID     string // DOMAIN §3 identifier, e.g. "T6"
	Name   string
	N      int
	Unit   Unit
	Start  string // start event, one of the constants above
	Roll   bool   // for 自然日 and 月: a period ending on a rest day ends on the next working day
	Source string // legal source
}

var rules = []Rule{
	{ID: "T3", Name: "陈述、申辩期限", N: 3, Unit: Workdays, Start: NoticeServed,
		Source: "《行政处罚法》第四十四条、第四十五条（陈述申辩权，法律未规定期限）；三个工作日为执法机关常用期限（实务，参照市场监管部门做法），机关另有规定的从其规定"},
	{ID: "T4", Name: "听证申请期限", N: 5, Unit: Workdays, Start: NoticeServed,
		Source: "《行政处罚法》第六十四条第（一）项、第八十五条"},
	{ID: "T4b", Name: "听证通知最迟日期（听证七日前）", N: -7, Unit: Workdays, Start: HearingDate,
		Source: "《行政处罚法》第六十四条第（二）项、第八十五条"},
	{ID: "T5", Name: "先行登记保存处理决定期限", N: 7, Unit: Workdays, Start: EvidencePreserved,
		Source: "《行政处罚法》第五十六条、第八十五条"},
	{ID: "T6", Name: "行政处罚决定期限", N: 90, Unit: Days, Start: CaseOpened,
		Source: "《行政处罚法》第六十条（法律、法规、规章另有规定的从其规定；经批准延长的另计）"},
	{ID: "T8", Name: "行政处罚决定书送达期限", N: 7, Unit: Workdays, Start: DecisionMade,
		Source: "《行政处罚法》第六十一条、第八十五条"},
	{ID: "T9", Name: "罚款缴纳期限", N: 15, Unit: Days, Start: DecisionServed, Roll: true,
		Source: "《行政处罚法》第六十七条第三款；《民事诉讼法》第八十五条"},
	{ID: "T11", Name: "查封、扣押期限", N: 30, Unit: Days, Start: MeasureTaken,
		Source: "《行政强制法》第二十五条（情况复杂的经负责人批准可延长三十日）"},
	{ID: "T12", Name: "行政许可决定期限", N: 20, Unit: Workdays, Start: ApplicationAccepted,
		Source: "《行政许可法》第四十二条、第八十二条（经负责人批准可延长十日）"},
	{ID: "T12b", Name: "许可申请补正告知期限", N: 5, Unit: Workdays, Start: ApplicationReceived,
		Source: "《行政许可法》第三十二条第一款第（四）项、第八十二条"},
	{ID: "T13", Name: "申请行政复议期限", N: 60, Unit: Days, Start: DecisionServed, Roll: true,
		Source: "《行政复议法》第二十条、第八十八条；《民事诉讼法》第八十五条"},
	{ID: "T13b", Name: "提起行政诉讼期限", N: 6, Unit: Months, Start: DecisionServed, Roll: true,
		Source: "《行政诉讼法》第四十六条、第一百零一条；《民事诉讼法》第八十五条"},
	{ID: "G4", Name: "许可、处罚决定公示期限", N: 7, Unit: Workdays, Start: DecisionMade,
		Source: "汉阴县行政执法三项制度实施方案 二（四）；国办发〔2018〕118号"},
	{ID: "G4b", Name: "其他执法决定公示期限", N: 20, Unit: Workdays, Start: DecisionMade,
		Source: "国办发〔2018〕118号；《市场监督管理行政处罚信息公示规定》第九条"},
	{ID: "G7", Name: "撤回已公示处罚决定期限", N: 3, Unit: Workdays, Start: DecisionChanged,
		Source: "《行政处罚法》第四十八条第二款、第八十五条；《市场监督管理行政处罚信息公示规定》第十一条"},
	{ID: "L5", Name: "法制审核期限", N: 5, Unit: Workdays, Start: ReviewSubmitted,
		Source: "汉阴县行政执法三项制度实施方案 四（三）；默认五个工作日，由各机关配置（经批准可延长三个工作日）"},
}

// Rules returns a copy of the table of statutory time limits.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// ErrRule is wrapped by errors about a malformed rule.
var ErrRule = errors.New("期限规则有误")

// Due returns the due date of r for a start event on start: the last day on
// which the act is in time. Days inside excl (中止, 听证, 鉴定, 公告…) are not
// counted. Errors: *calendar.MissingYearError when the schedule of a year
// involved is not loaded; ErrRule; calendar.ErrInvalidDate.
//
// A month period with excluded intervals is converted to the natural days of
// its months and then extended by the excluded days.
func Due(cal *calendar.Calendar, r Rule, start calendar.Date, excl []calendar.Interval) (calendar.Date, error) {
	switch r.Unit {
	case Workdays:
		if len(excl) == 0 {
			return cal.AddWorkdays(start, r.N)
		}
		if r.N < 0 {
			return calendar.Date{}, fmt.Errorf("%w：%s 倒数期限不能扣除期间", ErrRule, r.ID)
		}
		return cal.AddWorkdaysExcluding(start, r.N, excl)
	case Days:
		if r.N < 0 {
			return calendar.Date{}, fmt.Errorf("%w：%s 自然日期限不能为负", ErrRule, r.ID)
		}
		return cal.AddDaysExcluding(start, r.N, r.Roll, excl)
	case Months:
		if r.N < 0 {
			return calendar.Date{}, fmt.Errorf("%w：%s 月期限不能为负", ErrRule, r.ID)
		}
		if len(excl) == 0 {
			return cal.AddMonths(start, r.N, r.Roll)
		}
		end, err := cal.AddMonths(start, r.N, false)
		if err != nil {
			return calendar.Date{}, err
		}
		return cal.AddDaysExcluding(start, end.Sub(start), r.Roll, excl)
	}
	return calendar.Date{}, fmt.Errorf("%w：%s 的单位 %q 无效", ErrRule, r.ID, r.Unit)
}

// Status is where a time-limited step stands.
type Status int

// Statuses.
const (
	Pending Status = iota + 1 // 未到期
	DueSoon                   // 即将到期
	Overdue                   // 已逾期
	Met                       // 已完成
)

var statusNames = [...]string{"", "未到期", "即将到期", "已逾期", "已完成"}

// String returns the Chinese name of s.
func (s Status) String() string {
	if s < Pending || s > Met {
		return "未知"
	}
	return statusNames[s]
}

// DefaultSoonWorkdays is the due-soon window of Classify: the due date is at
// most this many working days after today.
const DefaultSoonWorkdays = 2

// Classify returns Met when the step is done, Overdue when today is after
// due, DueSoon when due is at most soonWorkdays working days after today
// (today itself included; soonWorkdays ≤ 0 means DefaultSoonWorkdays), else
// Pending. Errors: *calendar.MissingYearError.
func Classify(cal *calendar.Calendar, due, today calendar.Date, met bool, soonWorkdays int) (Status, error) {
	switch {
	case met:
		return Met, nil
	case today.After(due):
		return Overdue, nil
	}
	if soonWorkdays <= 0 {
		soonWorkdays = DefaultSoonWorkdays
	}
	left, err := cal.WorkdaysBetween(today, due)
	if err != nil {
		return 0, err
	}
	if left <= soonWorkdays {
		return DueSoon, nil
	}
	return Pending, nil
}
