// Package calendar is the official working-day calendar of the People's
// Republic of China, on which every statutory time limit of zhifa rests
// (shared/DOMAIN.md §3, §8).
//
// # Days
//
// A Date is a civil date. Each day of a loaded year has a DayType: 工作日
// (Workday), 周末 (Weekend), 法定节假日 (Holiday), 调休休息 (RestSwap) or 调休上班
// (WorkSwap). Workday and WorkSwap are working days; the others are rest days,
// the 法定休假日 of 民事诉讼法 Art 85.
//
// 法定节假日 are the statutory days of 全国年节及纪念日放假办法 Art 2 (from 2025:
// 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3). 调休休息 are
// the other Monday–Friday rest days of a holiday block (调休, and 补假 for a
// statutory day falling on a weekend, Art 6). 调休上班 are weekend days made
// working days.
//
// # Schedules are data
//
// The State Council publishes each year's arrangement in October or November
// for the next year. A Schedule holds one year; Builtin returns 2024–2027 as
// carried by github.com/6tail/lunar-go; administrators load later years (or
// corrections) with ParseScheduleJSON or ParseScheduleCSV. New builds an
// immutable Calendar from schedules; a later schedule of a year replaces an
// earlier one. A computation that touches a year with no schedule fails with
// *MissingYearError: the calendar never guesses from weekdays. MissingSoon
// (need.go) is the rule that says, ahead of time, which missing years time
// limits will need within WarnDays of today, so that the administrator is
// warned before computations start to fail.
//
// JSON import format (one year per document; unknown fields are errors):
//
//	{
//	  "year": 2026,
//	  "source": "国务院办公厅关于2026年部分节假日安排的通知",
//	  "note": "optional",
//	  "rest": [
//	    {"date": "2026-01-01", "kind": "法定节假日", "name": "元旦"},
//	    {"date": "2026-01-02", "kind": "调休休息", "name": "元旦"}
//	  ],
//	  "work": ["2026-01-04", {"date": "2026-02-14", "name": "春节"}]
//	}
//
// "rest" lists rest days, kind 法定节假日 (a statutory holiday day, on any day
// of the week) or 调休休息 (a Monday–Friday rest day that is not a statutory
// day); Saturdays and Sundays that are neither need not be listed. "work" lists
// 调休上班 days, as date strings or {"date","name"} objects. "name" is optional.
//
// CSV import format (UTF-8, BOM allowed; one year per file; one record per
// line, no multi-line fields):
//
//	# source: 国务院办公厅关于2026年部分节假日安排的通知
//	# note: optional
//	date,kind,name
//	2026-01-01,法定节假日,元旦
//	2026-01-02,调休休息,元旦
//	2026-01-04,调休上班,元旦
//
// kind is 法定节假日, 调休休息 or 调休上班; name is optional; the header line is
// optional ("date" or "日期" in the first column); lines starting with # are
// comments, except "# source:" and "# note:". The year is that of the first
// date.
//
// Both parsers validate (Schedule.Validate): dates exist and lie in the year;
// no date is listed twice, nor as both rest and work; 调休休息 days are
// Monday–Friday; 调休上班 days are Saturday or Sunday; at least one rest day.
// Errors are Chinese and name the line or field ("rest[3].date", "第 5 行").
// Schedule.MarshalJSON and Schedule.MarshalCSV write the same formats.
//
// # Counting
//
// The start day is not counted (民事诉讼法 Art 85): AddWorkdays(d, n) is the
// n-th working day after d. AddDays and AddMonths count natural days and
// months; with roll, a period ending on a rest day ends on the next working
// day (民事诉讼法 Art 85 ¶3). Excluded intervals (中止, 听证, 鉴定, 公告) stop the
// clock. Working-day arithmetic reads precomputed per-day tables (a
// cumulative working-day count and the list of working days), so it costs
// O(1) after locating the date.
//
// The package imports only the standard library and lunar-go.
package calendar
