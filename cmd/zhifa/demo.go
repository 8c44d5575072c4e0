package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/demo"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "demo", "demo [--addr 地址] [--data 目录] [--today YYYY-MM-DD]")
	c.register(fs, e, true)
	demoData := demoDataDir(e.getenv)
	fs.Lookup("data").Usage = "演示数据目录,与正式数据分开,放在用户缓存目录中,不写入当前目录 (环境变量 ZHIFA_DATA)"
	fs.Lookup("data").DefValue = demoData // what -h prints as the default
	todayFlag := fs.String("today", "", "演示日期 YYYY-MM-DD:演示案件在这一天之前约六十天内逐个工作日展开,服务的时钟也按这一天运行 (默认今天,中国时间;须在已载入法定节假日安排的年度内)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	explicit := e.getenv("ZHIFA_DATA") != ""
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "data" })
	if !explicit {
		c.data = demoData
	}
	if c.db != "" && !strings.HasPrefix(c.db, "sqlite:") {
		return fmt.Errorf("demo 只使用内置 SQLite(数据目录 %s);要用 PostgreSQL 请运行 zhifa serve --db …", c.data)
	}
	now, today, err := demoClock(*todayFlag, time.Now)
	if err != nil {
		return err
	}
	c.now = now
	db, err := c.openDB(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := c.useDataKeys(ctx, db); err != nil { // personal data at rest
		return err
	}
	svc := service.New(db, newLogger(e), c.now)
	blobDir, _ := c.blobDir()
	if err := svc.OpenBlobs(blobDir); err != nil {
		return err
	}
	if err := checkDemoTime(db, now(), c.data); err != nil {
		return err
	}
	if signer, err := c.signer(); err == nil {
		svc.Documents.Signer = signer // the demo's archived cases issue their documents, signed with the log's key
	}
	fmt.Fprintf(e.stdout, "正在准备演示数据(数据目录 %s,演示日期 %s)…\n", c.data, today)
	accounts, err := demo.Load(ctx, svc)
	var my *calendar.MissingYearError
	if errors.As(err, &my) {
		return fmt.Errorf("演示日期 %s 无法使用:%v(内置 %d–%d 年的安排,其他年度可先用 zhifa calendar import 导入)", today, my, calendar.BuiltinFirstYear, calendar.BuiltinLastYear)
	} else if err != nil {
		return fmt.Errorf("载入演示数据: %w", err)
	}
	return serve(ctx, e, &c, db, func(addr string) {
		fmt.Fprintf(e.stdout, "\nzhifa 演示已启动(演示日期 %s):\n  公示门户  http://%s/\n  工作台    http://%s/login\n\n演示账号(密码均为 %s):\n", today, addr, addr, demo.Password)
		for _, a := range accounts {
			var roles []string
			for _, r := range a.Roles {
				roles = append(roles, r.Name())
			}
			if len(roles) == 0 {
				roles = []string{"尚无角色(待安全管理员授予)"}
			}
			fmt.Fprintf(e.stdout, "  %-12s %s  %s %s\n", a.Username, a.Name, a.Agency, strings.Join(roles, "、"))
		}
		fmt.Fprintln(e.stdout, "\n按 Ctrl+C 停止。")
	})
}

// demoDataDir is the demo's default data folder: zhifa/demo in the user's
// cache folder ($XDG_CACHE_HOME, else ~/.cache), so that the README's `go run
// ./cmd/zhifa demo` leaves nothing in the repository and a second run reuses
// the data; the system's temporary folder when there is no home.
func demoDataDir(getenv func(string) string) string {
	base := getenv("XDG_CACHE_HOME")
	if base == "" || !filepath.IsAbs(base) {
		base = ""
		if home := getenv("HOME"); home != "" {
			base = filepath.Join(home, ".cache")
		}
	}
	if base == "" {
		return filepath.Join(os.TempDir(), "zhifa-demo")
	}
	return filepath.Join(base, "zhifa", "demo")
}

// demoClock returns the clock the demo runs on and its date for --today
// value s: real itself and today's date in China for "", otherwise real
// moved by whole days to the same time of day on date s, so the story and
// the server both live on that day. Errors are Chinese and name the flag.
func demoClock(s string, real func() time.Time) (func() time.Time, calendar.Date, error) {
	today := calendar.DateOf(real().In(china))
	if s == "" {
		return real, today, nil
	}
	d, err := calendar.ParseDate(s)
	if err != nil {
		return nil, calendar.Date{}, fmt.Errorf("--today(演示日期):%v", err)
	}
	shift := d.Time(china).Sub(today.Time(china))
	return func() time.Time { return real().Add(shift) }, d, nil
}

// china is the zone of civil dates in China.
var china = time.FixedZone("CST", 8*3600)

// checkDemoTime refuses to serve demo data whose ledger ends after now: data
// made with a later --today would otherwise get events dated before the
// ones it holds, and the log's time would run backwards.
func checkDemoTime(db *store.DB, now time.Time, data string) error {
	n, err := db.LogSize()
	if err != nil || n == 0 {
		return err
	}
	leaves, err := db.ReadLeaves(n-1, n)
	if err != nil {
		return err
	}
	e, err := ledger.DecodeEvent(leaves[0])
	if err != nil {
		return err
	}
	if e.Time.After(now) {
		return fmt.Errorf("数据目录 %s 中的演示数据记到 %s,晚于演示日期 %s:请用更晚的 --today,或换一个数据目录(--data)重新生成",
			data, e.Time.In(china).Format("2006-01-02 15:04"), now.In(china).Format("2006-01-02 15:04"))
	}
	return nil
}
