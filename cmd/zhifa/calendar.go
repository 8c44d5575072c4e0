package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/service"
)

const calendarSynopsis = `calendar <add|day|between|import|show> [参数]

  zhifa calendar add 2025-09-26 7工作日        起算日不计入,加 7 个工作日
  zhifa calendar add 2025-09-01 30日 --roll    加 30 个自然日;末日为法定休假日的顺延至下一个工作日
  zhifa calendar add 2025-01-31 1月            加 1 个月(月末对齐)
  zhifa calendar day 2025-10-01                日期类型:工作日、周末、法定节假日、调休休息、调休上班
  zhifa calendar between 2025-09-26 2025-10-13 前一日之后至后一日(含)的工作日数
  zhifa calendar import 2027.json|2027.csv     导入或更正一年的国务院放假安排(JSON 或 CSV,格式见 calendar 包文档)
  zhifa calendar show 2026                     列出一年的休息日与调休上班日

计算使用内置的 2024–2027 年官方安排,加上管理员导入的年份(若数据目录中已有数据库)。`

var periodRe = regexp.MustCompile(`^(\d{1,4})(工作日|日|天|个月|月)$`)

func runCalendar(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "calendar", calendarSynopsis)
	c.register(fs, e, false)
	roll := fs.Bool("roll", false, "add:自然日或月的期限末日为法定休假日的,顺延至其后第一个工作日(民事诉讼法第八十五条)")
	if len(args) == 0 {
		fs.Usage()
		return &exitError{code: 2, err: errors.New("缺少 calendar 的操作:add、day、between、import 或 show")}
	}
	op := args[0]
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return err
	}
	arg := func(i int) string {
		if i < len(pos) {
			return pos[i]
		}
		return ""
	}
	usageErr := func(format string, a ...any) error { return &exitError{code: 2, err: fmt.Errorf(format, a...)} }
	date := func(i int, name string) (calendar.Date, error) {
		d, err := calendar.ParseDate(arg(i))
		if err != nil {
			return d, usageErr("%s“%s”不是有效日期,应为 YYYY-MM-DD", name, arg(i))
		}
		return d, nil
	}
	svc, closeDB, err := calendarService(ctx, e, &c, op == "import")
	if err != nil {
		return err
	}
	defer closeDB()
	var cal *calendar.Calendar
	if svc != nil {
		if cal, err = svc.Calendar(ctx); err != nil {
			return err
		}
	} else if cal, err = calendar.New(calendar.Builtin()...); err != nil {
		return err
	}
	switch op {
	case "add":
		if len(pos) != 2 {
			return usageErr("用法:zhifa calendar add 日期 N工作日|N日|N月 [--roll]")
		}
		d, err := date(0, "起算日")
		if err != nil {
			return err
		}
		m := periodRe.FindStringSubmatch(arg(1))
		if m == nil {
			return usageErr("期限“%s”无效,应为 N工作日、N日 或 N月,如 7工作日", arg(1))
		}
		n, _ := strconv.Atoi(m[1])
		var due calendar.Date
		switch m[2] {
		case "工作日":
			due, err = cal.AddWorkdays(d, n)
		case "日", "天":
			due, err = cal.AddDays(d, n, *roll)
		default:
			due, err = cal.AddMonths(d, n, *roll)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, due)
	case "day":
		if len(pos) != 1 {
			return usageErr("用法:zhifa calendar day 日期")
		}
		d, err := date(0, "日期")
		if err != nil {
			return err
		}
		t, err := cal.DayType(d)
		if err != nil {
			return err
		}
		line := d.String() + " " + t.String()
		if name := cal.Name(d); name != "" {
			line += " " + name
		}
		fmt.Fprintln(e.stdout, line)
	case "between":
		if len(pos) != 2 {
			return usageErr("用法:zhifa calendar between 日期 日期")
		}
		a, err := date(0, "开始日期")
		if err != nil {
			return err
		}
		b, err := date(1, "结束日期")
		if err != nil {
			return err
		}
		n, err := cal.WorkdaysBetween(a, b)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, n)
	case "show":
		year, err := strconv.Atoi(arg(0))
		if len(pos) != 1 || err != nil {
			return usageErr("用法:zhifa calendar show 年份")
		}
		sc, ok := cal.Schedule(year)
		if !ok {
			return &calendar.MissingYearError{Year: year}
		}
		e.stdout.Write(sc.MarshalCSV())
	case "import":
		if len(pos) != 1 {
			return usageErr("用法:zhifa calendar import 文件(.json 或 .csv)")
		}
		data, err := os.ReadFile(arg(0))
		if err != nil {
			return fmt.Errorf("读取 %s: %w", arg(0), err)
		}
		var sc calendar.Schedule
		if strings.EqualFold(filepath.Ext(arg(0)), ".json") || strings.HasPrefix(strings.TrimSpace(string(data)), "{") {
			sc, err = calendar.ParseScheduleJSON(data)
		} else {
			sc, err = calendar.ParseScheduleCSV(data)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", arg(0), err)
		}
		if err := svc.ImportSchedule(ctx, zhifa.Console, sc); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已导入 %d 年放假安排:法定节假日 %d 天,调休休息 %d 天,调休上班 %d 天;已记入台账,立即生效。\n",
			sc.Year, len(sc.Holidays), len(sc.RestSwaps), len(sc.WorkSwaps))
	default:
		fs.Usage()
		return usageErr("未知的 calendar 操作 %q", op)
	}
	return nil
}

// calendarService opens the database if there is one (import needs it);
// computations without a database use the built-in schedules.
func calendarService(ctx context.Context, e *env, c *config, need bool) (*service.Service, func(), error) {
	if c.db == "" && !need {
		if _, err := os.Stat(filepath.Join(c.data, "zhifa.db")); err != nil {
			return nil, func() {}, nil
		}
	}
	db, err := c.openDB(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	return service.New(db, newLogger(e), nil), func() { db.Close() }, nil
}
