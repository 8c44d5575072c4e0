package calendar

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/zhifa/zhifa"
)

// MissingYearError is returned by every computation that needs a day of a
// year whose schedule is not loaded. The calendar never guesses a year from
// weekdays alone: a deadline computed without the official schedule may be
// wrong by a week.
type MissingYearError struct {
	Year int
}

func (e *MissingYearError) Error() string {
	return fmt.Sprintf("未载入 %d 年的法定节假日安排，无法计算期限；请管理员导入国务院办公厅公布的 %d 年节假日安排", e.Year, e.Year)
}

// Interval is a period of days, both ends included, that stops the clock of a
// deadline (中止, 听证, 鉴定, 公告…): its days are not counted.
type Interval struct {
	From, To Date
}

// Calendar is the official working-day calendar over the loaded years. It is
// immutable and safe for concurrent use.
type Calendar struct {
	schedules map[int]Schedule
	years     []int
	segs      []segment
}

// segment covers a run of consecutive loaded years with per-day tables, so
// that working-day arithmetic is a couple of array reads.
type segment struct {
	first, last int // years
	start, end  int // day numbers of first-01-01 and last-12-31
	types       []DayType
	cum         []int32 // cum[i]: working days among days start..start+i
	work        []int32 // work[k]: offset of the (k+1)-th working day
}

// New builds a calendar from schedules, each validated. A later schedule for
// the same year replaces an earlier one (an administrator's correction).
func New(schedules ...Schedule) (*Calendar, error) {
	c := &Calendar{schedules: make(map[int]Schedule)}
	for _, s := range schedules {
		if err := s.Validate(); err != nil {
			return nil, err
		}
		c.schedules[s.Year] = s.clone()
	}
	for y := range c.schedules {
		c.years = append(c.years, y)
	}
	slices.Sort(c.years)
	for i := 0; i < len(c.years); {
		j := i
		for j+1 < len(c.years) && c.years[j+1] == c.years[j]+1 {
			j++
		}
		c.segs = append(c.segs, c.buildSegment(c.years[i], c.years[j]))
		i = j + 1
	}
	return c, nil
}

func (c *Calendar) buildSegment(first, last int) segment {
	s := segment{
		first: first, last: last,
		start: Date{Y: first, M: 1, D: 1}.Days(),
		end:   Date{Y: last, M: 12, D: 31}.Days(),
	}
	n := s.end - s.start + 1
	s.types = make([]DayType, n)
	for i := range s.types {
		if w := ((s.start+i+4)%7 + 7) % 7; w == 0 || w == 6 {
			s.types[i] = Weekend
		} else {
			s.types[i] = Workday
		}
	}
	for y := first; y <= last; y++ {
		sc := c.schedules[y]
		for _, l := range []struct {
			ds []Date
			k  DayType
		}{{sc.Holidays, Holiday}, {sc.RestSwaps, RestSwap}, {sc.WorkSwaps, WorkSwap}} {
			for _, d := range l.ds {
				s.types[d.Days()-s.start] = l.k
			}
		}
	}
	s.cum = make([]int32, n)
	var k int32
	for i, t := range s.types {
		if t.Working() {
			k++
			s.work = append(s.work, int32(i))
		}
		s.cum[i] = k
	}
	return s
}

// Years returns the loaded years in ascending order.
func (c *Calendar) Years() []int { return slices.Clone(c.years) }

// Schedule returns a copy of the loaded schedule of year.
func (c *Calendar) Schedule(year int) (Schedule, bool) {
	s, ok := c.schedules[year]
	if !ok {
		return Schedule{}, false
	}
	return s.clone(), true
}

// locate returns the segment holding d and d's offset in it.
func (c *Calendar) locate(d Date) (*segment, int, error) {
	if !d.Valid() {
		return nil, 0, fmt.Errorf("%w：%s", ErrInvalidDate, d)
	}
	dn := d.Days()
	for i := range c.segs {
		s := &c.segs[i]
		if dn >= s.start && dn <= s.end {
			return s, dn - s.start, nil
		}
	}
	return nil, 0, &MissingYearError{Year: d.Y}
}

// DayType returns the type of d. Errors: *MissingYearError, ErrInvalidDate.
func (c *Calendar) DayType(d Date) (DayType, error) {
	s, i, err := c.locate(d)
	if err != nil {
		return 0, err
	}
	return s.types[i], nil
}

// IsWorkday reports whether d is a working day (工作日 or 调休上班).
func (c *Calendar) IsWorkday(d Date) (bool, error) {
	t, err := c.DayType(d)
	return t.Working(), err
}

// Name returns the name a schedule gives d (e.g. "春节"), or "".
func (c *Calendar) Name(d Date) string {
	return c.schedules[d.Y].Names[d]
}

// AddWorkdays returns the n-th working day after d; the start day is not
// counted (民事诉讼法 Art 85) and d itself may be a rest day. n = 0 returns d;
// n < 0 returns the |n|-th working day before d. Errors: *MissingYearError when
// the count leaves the loaded years, ErrInvalidDate.
func (c *Calendar) AddWorkdays(d Date, n int) (Date, error) {
	s, i, err := c.locate(d)
	if err != nil || n == 0 {
		return d, err
	}
	var k int // 1-based rank of the wanted working day in the segment
	if n > 0 {
		k = int(s.cum[i]) + n
		if k > len(s.work) {
			return Date{}, &MissingYearError{Year: s.last + 1}
		}
	} else {
		before := int(s.cum[i])
		if s.types[i].Working() {
			before--
		}
		k = before + n + 1
		if k < 1 {
			return Date{}, &MissingYearError{Year: s.first - 1}
		}
	}
	return zhifa.DateFromDays(s.start + int(s.work[k-1])), nil
}

// WorkdaysBetween returns the number of working days after a up to and
// including b; 0 if b is not after a. Both dates must be in loaded years, and
// so must every year between them.
func (c *Calendar) WorkdaysBetween(a, b Date) (int, error) {
	sa, ia, err := c.locate(a)
	if err != nil {
		return 0, err
	}
	sb, ib, err := c.locate(b)
	if err != nil {
		return 0, err
	}
	switch {
	case b.Compare(a) <= 0:
		return 0, nil
	case sa != sb:
		return 0, &MissingYearError{Year: sa.last + 1}
	}
	return int(sa.cum[ib] - sa.cum[ia]), nil
}

// NextWorkday returns the first working day strictly after d.
func (c *Calendar) NextWorkday(d Date) (Date, error) { return c.AddWorkdays(d, 1) }

// WorkdayOnOrAfter returns d if it is a working day, else the next one.
func (c *Calendar) WorkdayOnOrAfter(d Date) (Date, error) {
	s, i, err := c.locate(d)
	if err != nil {
		return Date{}, err
	}
	if s.types[i].Working() {
		return d, nil
	}
	return c.AddWorkdays(d, 1)
}

// AddDays returns the date n natural days after d (start day not counted).
// With roll, a period ending on a rest day (法定节假日, 调休休息, or a weekend
// that is not 调休上班) ends on the next working day (民事诉讼法 Art 85). Only
// rolling needs the schedule: without roll no year need be loaded.
func (c *Calendar) AddDays(d Date, n int, roll bool) (Date, error) {
	if !d.Valid() {
		return Date{}, fmt.Errorf("%w：%s", ErrInvalidDate, d)
	}
	return c.roll(d.Add(n), roll)
}

// AddMonths returns the same day n months after d, clamped to the month's last
// day (01-31 + 1 month = 02-28 or 02-29), rolled like AddDays when roll is set.
func (c *Calendar) AddMonths(d Date, n int, roll bool) (Date, error) {
	if !d.Valid() {
		return Date{}, fmt.Errorf("%w：%s", ErrInvalidDate, d)
	}
	m := int(d.M) - 1 + n
	y := d.Y + m/12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	e := Date{Y: y, M: time.Month(m + 1), D: min(d.D, zhifa.DaysIn(y, time.Month(m+1)))}
	if !e.Valid() {
		return Date{}, fmt.Errorf("%w：%s 加 %d 个月超出范围", ErrInvalidDate, d, n)
	}
	return c.roll(e, roll)
}

func (c *Calendar) roll(e Date, roll bool) (Date, error) {
	if !e.Valid() {
		return Date{}, fmt.Errorf("%w：期限届满日超出范围", ErrInvalidDate)
	}
	if !roll {
		return e, nil
	}
	return c.WorkdayOnOrAfter(e)
}

// ErrBadInterval is wrapped by errors about excluded intervals and counts.
var ErrBadInterval = errors.New("期限参数有误")

// merge validates intervals and returns them sorted, overlapping and adjacent
// ones joined.
func merge(excl []Interval) ([]Interval, error) {
	out := make([]Interval, 0, len(excl))
	for i, iv := range excl {
		if !iv.From.Valid() || !iv.To.Valid() {
			return nil, fmt.Errorf("%w：第 %d 个扣除期间的日期无效（%s 至 %s）", ErrBadInterval, i+1, iv.From, iv.To)
		}
		if iv.To.Before(iv.From) {
			return nil, fmt.Errorf("%w：第 %d 个扣除期间起止颠倒（%s 至 %s）", ErrBadInterval, i+1, iv.From, iv.To)
		}
		out = append(out, iv)
	}
	slices.SortFunc(out, func(a, b Interval) int { return a.From.Compare(b.From) })
	m := out[:0]
	for _, iv := range out {
		if n := len(m); n > 0 && iv.From.Days() <= m[n-1].To.Days()+1 {
			if iv.To.After(m[n-1].To) {
				m[n-1].To = iv.To
			}
			continue
		}
		m = append(m, iv)
	}
	return m, nil
}

// AddWorkdaysExcluding is AddWorkdays (n ≥ 0) where days inside the excluded
// intervals are not counted: the clock stops on From and restarts after To.
func (c *Calendar) AddWorkdaysExcluding(d Date, n int, excl []Interval) (Date, error) {
	if n < 0 {
		return Date{}, fmt.Errorf("%w：扣除期间时工作日数不能为负（%d）", ErrBadInterval, n)
	}
	ivs, err := merge(excl)
	if err != nil {
		return Date{}, err
	}
	if _, _, err := c.locate(d); err != nil || n == 0 {
		return d, err
	}
	cur, rem := d, n
	for _, iv := range ivs {
		if !iv.To.After(cur) {
			continue
		}
		if iv.From.After(cur) {
			e, err := c.AddWorkdays(cur, rem)
			if err != nil {
				return Date{}, err
			}
			if e.Before(iv.From) {
				return e, nil
			}
			k, err := c.WorkdaysBetween(cur, iv.From.Add(-1))
			if err != nil {
				return Date{}, err
			}
			rem -= k
		}
		cur = iv.To
	}
	return c.AddWorkdays(cur, rem)
}

// AddDaysExcluding is AddDays (n ≥ 0) where days inside the excluded intervals
// are not counted.
func (c *Calendar) AddDaysExcluding(d Date, n int, roll bool, excl []Interval) (Date, error) {
	if n < 0 {
		return Date{}, fmt.Errorf("%w：扣除期间时天数不能为负（%d）", ErrBadInterval, n)
	}
	if !d.Valid() {
		return Date{}, fmt.Errorf("%w：%s", ErrInvalidDate, d)
	}
	ivs, err := merge(excl)
	if err != nil {
		return Date{}, err
	}
	cur, rem := d.Days(), n
	for _, iv := range ivs {
		from, to := iv.From.Days(), iv.To.Days()
		if to <= cur {
			continue
		}
		if from > cur {
			if cur+rem < from {
				break
			}
			rem -= from - 1 - cur
		}
		cur = to
	}
	return c.roll(zhifa.DateFromDays(cur+rem), roll)
}
