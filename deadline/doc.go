// Package deadline holds the statutory time limits of zhifa as data (Rules,
// shared/DOMAIN.md §3) and computes due dates on the official working-day
// calendar (package calendar).
//
// A Rule says how many units (工作日, 自然日 or 月) run from which start event,
// whether a natural-day or month period ending on a rest day rolls to the
// next working day (民事诉讼法 Art 85 ¶3), and its legal source. Due computes
// the due date; Classify tells whether a step is pending, due soon, overdue or
// met. Counting never includes the start day (民事诉讼法 Art 85 ¶2).
//
// 处罚法 Art 85, 强制法 Art 69 and 许可法 Art 82 make the short periods of those
// laws working days; the table encodes that per rule. Agency-configurable
// limits (L5 法制审核) are rules the caller copies and adjusts:
//
//	r, _ := deadline.Lookup("L5")
//	r.N = agency.ReviewWorkdays
//
// The package imports only the standard library and package calendar.
package deadline
