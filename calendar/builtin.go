package calendar

import (
	"fmt"
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
	lunar "github.com/6tail/lunar-go/calendar"
)

// BuiltinFirstYear and BuiltinLastYear bound the years of Builtin.
const (
	BuiltinFirstYear = 2024
	BuiltinLastYear  = 2027
)

var builtin = sync.OnceValue(func() []Schedule {
	var out []Schedule
	for y := BuiltinFirstYear; y <= BuiltinLastYear; y++ {
		out = append(out, builtinYear(y))
	}
	return out
})

// Builtin returns the official schedules of BuiltinFirstYear..BuiltinLastYear
// as carried by github.com/6tail/lunar-go (HolidayUtil), each a fresh copy.
//
// lunar-go lists every day of each holiday block and every make-up day. A
// listed rest day is classified Holiday when it is a statutory holiday day of
// 全国年节及纪念日放假办法 Art 2 for that year (computed with lunar-go's lunar
// calendar and solar terms; see statutoryDays), RestSwap when it is another
// Monday–Friday, and is left out when it is another Saturday or Sunday (it is
// a weekend anyway).
func Builtin() []Schedule {
	b := builtin()
	out := make([]Schedule, len(b))
	for i, s := range b {
		out[i] = s.clone()
	}
	return out
}

func builtinYear(y int) Schedule {
	stat := statutoryDays(y)
	var es []entry
	for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
		h := e.Value.(*HolidayUtil.Holiday)
		d := MustParseDate(h.GetDay())
		switch {
		case d.Y != y:
			continue
		case h.IsWork():
			es = append(es, entry{d: d, kind: WorkSwap, name: lunarName(h.GetName())})
		case stat[d] != "":
			es = append(es, entry{d: d, kind: Holiday, name: stat[d]})
		case !d.IsWeekend():
			es = append(es, entry{d: d, kind: RestSwap, name: lunarName(h.GetName())})
		}
	}
	if err := checkEntries(y, es); err != nil {
		panic(fmt.Sprintf("calendar: lunar-go holiday data for %d: %v", y, err))
	}
	return build(y, es, fmt.Sprintf("国务院办公厅关于%d年部分节假日安排的通知", y),
		"数据取自 github.com/6tail/lunar-go v1.4.7 HolidayUtil；法定节假日与调休休息按《全国年节及纪念日放假办法》第二条区分")
}

// statutoryDays returns the statutory holiday days of year y with their
// names: 全国年节及纪念日放假办法 Art 2 as revised 2024-11-10 (in force from
// 2025: 春节 4 days from 除夕, 劳动节 2 days) and as revised 2013 for earlier
// years (春节 正月初一至初三, 劳动节 1 day).
func statutoryDays(y int) map[Date]string {
	m := map[Date]string{}
	put := func(d Date, name string) { m[d] = name }
	put(Date{Y: y, M: time.January, D: 1}, "元旦")
	ny := lunar.NewLunarFromYmd(y, 1, 1).GetSolar()
	first := Date{Y: ny.GetYear(), M: time.Month(ny.GetMonth()), D: ny.GetDay()}
	if y >= 2025 {
		put(first.Add(-1), "春节")
	}
	for i := 0; i < 3; i++ {
		put(first.Add(i), "春节")
	}
	qm := lunar.NewSolarFromYmd(y, 4, 20).GetLunar().GetJieQiTable()["清明"]
	put(Date{Y: qm.GetYear(), M: time.Month(qm.GetMonth()), D: qm.GetDay()}, "清明节")
	put(Date{Y: y, M: time.May, D: 1}, "劳动节")
	if y >= 2025 {
		put(Date{Y: y, M: time.May, D: 2}, "劳动节")
	}
	dw := lunar.NewLunarFromYmd(y, 5, 5).GetSolar()
	put(Date{Y: dw.GetYear(), M: time.Month(dw.GetMonth()), D: dw.GetDay()}, "端午节")
	zq := lunar.NewLunarFromYmd(y, 8, 15).GetSolar()
	put(Date{Y: zq.GetYear(), M: time.Month(zq.GetMonth()), D: zq.GetDay()}, "中秋节")
	for i := 1; i <= 3; i++ {
		put(Date{Y: y, M: time.October, D: i}, "国庆节")
	}
	return m
}

// lunarName maps lunar-go's holiday names to the names of 放假办法 Art 2.
func lunarName(s string) string {
	switch s {
	case "元旦节":
		return "元旦"
	case "国庆中秋":
		return "国庆节、中秋节"
	}
	return s
}
