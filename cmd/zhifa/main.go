// Command zhifa is the single binary of the zhifa platform (行政执法三项制度).
//
// main only calls run; each subcommand lives in a file of its own with its own
// flag.FlagSet. This is the only package that knows every other package.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// env is what a subcommand may touch of the outside world.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists every subcommand, in the order help shows them.
func commands() []command {
	return []command{
		{"serve", "启动 HTTP 服务(公示门户、工作台、API、台账日志)", runServe},
		{"migrate", "执行数据库结构迁移", runMigrate},
		{"demo", "创建演示数据并启动服务(内置 SQLite)", runDemo},
		{"verify", "校验台账:重算哈希与树根,核验检查点签名与一致性", runVerify},
		{"casefile", "案卷包:导出一个案件可离线核验的 zip(文书、证据、台账证明、验证公钥、清单)", runCasefile},
		{"draw", "从外部验证一次双随机抽取:只用公开数据重新计算", runDraw},
		{"backup", "在线备份:数据库快照、证据文件、签名密钥与清单,写成一个 tar 文件", runBackup},
		{"restore", "从备份文件恢复到空的数据目录和数据库,逐一核对摘要", runRestore},
		{"user", "用户管理:创建、停用、重置密码、列出", runUser},
		{"key", "密钥管理:轮换当事人个人信息的数据加密密钥", runKey},
		{"calendar", "工作日历:日期类型、期限计算、导入年度安排", runCalendar},
		{"bench-data", "生成大量已公示执法决定,供门户性能测试(--publications N)", runBenchData},
		{"redact", "公示脱敏:从标准输入读取文本,输出脱敏结果", runRedact},
		{"version", "显示版本", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	err := run(ctx, e, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "zhifa:", err)
		}
		os.Exit(exitCode(err))
	}
}

// exitError carries a specific exit status (e.g. 1 for a failed verification).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 1
}

func run(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return &exitError{code: 2, err: errors.New("缺少子命令")}
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(e.stderr)
	return &exitError{code: 2, err: fmt.Errorf("未知子命令 %q", args[0])}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "zhifa — 行政执法公示、全过程记录、重大执法决定法制审核平台")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "用法: zhifa <子命令> [参数]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "子命令:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "每个子命令的参数说明: zhifa <子命令> -h")
}

// newFlagSet returns a FlagSet that writes its help to e.stderr and whose
// usage text begins with the given synopsis.
func newFlagSet(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "用法: zhifa %s\n\n参数:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags wherever they stand among the positional arguments
// ("zhifa calendar add 2025-09-26 7工作日 --roll") and leaves the positional
// arguments in fs.Args order as returned.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
