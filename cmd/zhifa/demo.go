package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/zhifa/zhifa/demo"
	"github.com/zhifa/zhifa/service"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "demo", "demo [--addr 地址] [--data 目录]")
	c.register(fs, e, true)
	fs.Lookup("data").Usage = "演示数据目录 (环境变量 ZHIFA_DATA;默认 zhifa-demo,与正式数据分开)"
	if err := fs.Parse(args); err != nil {
		return err
	}
	explicit := e.getenv("ZHIFA_DATA") != ""
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "data" })
	if !explicit {
		c.data = "zhifa-demo"
	}
	if c.db != "" && !strings.HasPrefix(c.db, "sqlite:") {
		return fmt.Errorf("demo 只使用内置 SQLite(数据目录 %s);要用 PostgreSQL 请运行 zhifa serve --db …", c.data)
	}
	db, err := c.openDB(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := service.New(db, newLogger(e), nil)
	blobDir, _ := c.blobDir()
	if err := svc.OpenBlobs(blobDir); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "正在准备演示数据(数据目录 %s)…\n", c.data)
	accounts, err := demo.Load(ctx, svc)
	if err != nil {
		return fmt.Errorf("载入演示数据: %w", err)
	}
	return serve(ctx, e, &c, db, func(addr string) {
		fmt.Fprintf(e.stdout, "\nzhifa 演示已启动:\n  公示门户  http://%s/\n  工作台    http://%s/login\n\n演示账号(密码均为 %s):\n", addr, addr, demo.Password)
		for _, a := range accounts {
			var roles []string
			for _, r := range a.Roles {
				roles = append(roles, r.Name())
			}
			fmt.Fprintf(e.stdout, "  %-12s %s  %s %s\n", a.Username, a.Name, a.Agency, strings.Join(roles, "、"))
		}
		fmt.Fprintln(e.stdout, "\n按 Ctrl+C 停止。")
	})
}
