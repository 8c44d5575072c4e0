package staff

import (
	"strconv"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/web/ui"
)

// MaxSchedule bounds an uploaded schedule: a year is a few kilobytes.
const MaxSchedule = 256 << 10

// Today is the civil date in China now, by the clock now (the service's).
func Today(now func() time.Time) calendar.Date { return calendar.DateOf(now().In(ui.CST)) }

// ParseYear parses a year of a schedule.
func ParseYear(v string) (int, error) {
	y, err := strconv.Atoi(v)
	if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
		return 0, zhifa.Invalid(map[string]string{"year": "年份“" + v + "”无效,应为 " + strconv.Itoa(calendar.MinYear) + " 至 " + strconv.Itoa(calendar.MaxYear) + " 之间的四位数字"})
	}
	return y, nil
}
