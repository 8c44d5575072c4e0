package inspection

import (
	"fmt"

	"github.com/zhifa/zhifa"
)

// DefaultYearlyCap is the default number of inspections one agency may
// make of one enterprise in a calendar year (Service.YearlyCap).
const DefaultYearlyCap = 5

// Past is an inspection already started, as the yearly cap counts it.
type Past struct {
	ID       int64
	AgencyID int64
	ObjectID int64
	Year     int
	// Joint is the key of a joint inspection (综合查一次): every
	// inspection of one object under one key counts once.
	Joint string
}

// CountYear returns how many inspections of object by agency in year the
// cap counts: the inspections without a joint key, plus one per joint key.
func CountYear(past []Past, agencyID, objectID int64, year int) int {
	n := 0
	joint := map[string]bool{}
	for _, p := range past {
		if p.AgencyID != agencyID || p.ObjectID != objectID || p.Year != year {
			continue
		}
		if p.Joint == "" {
			n++
		} else if !joint[p.Joint] {
			joint[p.Joint] = true
			n++
		}
	}
	return n
}

// CheckCap applies the yearly cap to a new inspection next: it returns a
// refusal (ERULE, with 国办发〔2024〕54号) when it would be inspection
// cap+1 of the object by the agency in the year — a joint inspection whose
// key is already counted adds nothing — and otherwise a warning when the
// object was already inspected that year (repeated inspection, 重复检查),
// "" if not. cap ≤ 0 means DefaultYearlyCap.
func CheckCap(past []Past, next Past, cap int) (warning string, err error) {
	if cap <= 0 {
		cap = DefaultYearlyCap
	}
	n := CountYear(past, next.AgencyID, next.ObjectID, next.Year)
	adds := true
	if next.Joint != "" {
		for _, p := range past {
			if p.AgencyID == next.AgencyID && p.ObjectID == next.ObjectID && p.Year == next.Year && p.Joint == next.Joint {
				adds = false
			}
		}
	}
	if adds && n+1 > cap {
		return "", zhifa.Errorf(zhifa.ERULE, "本机关 %d 年已对该检查对象检查 %d 次,达到年度上限 %d 次,不得再次检查;确需检查的,应纳入综合查一次(%s:严格控制检查频次,避免重复检查)",
			next.Year, n, cap, Basis54)
	}
	switch {
	case !adds:
		return fmt.Sprintf("与同一综合查一次的检查合并计数,本年度计 %d 次", n), nil
	case n > 0:
		return fmt.Sprintf("重复检查提示:本机关 %d 年已对该检查对象检查 %d 次,本次为第 %d 次(年度上限 %d 次)", next.Year, n, n+1, cap), nil
	}
	return "", nil
}
