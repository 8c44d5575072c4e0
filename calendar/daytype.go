package calendar

// DayType is the kind of a day in the official working-day calendar.
type DayType int8

// Day types. Workday and WorkSwap are working days; the others are rest days
// (法定休假日 in the sense of 民事诉讼法 Art 85).
const (
	Workday  DayType = iota + 1 // 工作日: Monday–Friday, no holiday
	Weekend                     // 周末: Saturday or Sunday, not a make-up working day
	Holiday                     // 法定节假日: a statutory holiday day (全国年节及纪念日放假办法 Art 2), on any weekday
	RestSwap                    // 调休休息: a Monday–Friday rest day that is not itself a statutory holiday day
	WorkSwap                    // 调休上班: a Saturday or Sunday made a working day
)

var dayTypeNames = [...]string{"", "工作日", "周末", "法定节假日", "调休休息", "调休上班"}

// String returns the Chinese name: 工作日, 周末, 法定节假日, 调休休息 or 调休上班.
func (t DayType) String() string {
	if t < Workday || t > WorkSwap {
		return "未知"
	}
	return dayTypeNames[t]
}

// Working reports whether a day of this type is a working day.
func (t DayType) Working() bool { return t == Workday || t == WorkSwap }

// parseDayType is the inverse of String for the three kinds a schedule lists.
func parseKind(s string) (DayType, bool) {
	switch s {
	case "法定节假日":
		return Holiday, true
	case "调休休息":
		return RestSwap, true
	case "调休上班":
		return WorkSwap, true
	}
	return 0, false
}
