package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/zhifa/zhifa/redact"
)

// runRedact masks the text on stdin for publication and writes the public
// copy to stdout and, with --report, the redaction report as JSON to a file.
func runRedact(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "redact", "redact [--policy 处罚|强制|检查|许可|征收] [--party-name 姓名] [--name-style full|surname-mou|surname-star] [--keep 保留项,…] [--report 文件] < 原文.txt > 公示文本.txt")
	policy := fs.String("policy", "处罚", "公示类型:处罚、强制、检查(脱敏)或 许可、征收(全文公开);也接受 penalty、coercion、inspection、licence、levy")
	partyName := fs.String("party-name", "", "当事人(自然人)姓名,按 --name-style 公示,并在全文中统一处理")
	nameStyle := fs.String("name-style", "full", "当事人姓名的公示方式:full(全名)、surname-mou(姓+某)、surname-star(姓+*)")
	keep := fs.String("keep", "", "必须保留的字符串,以逗号分隔(如执法人员姓名、机关举报电话)")
	reportFile := fs.String("report", "", "将脱敏报告(JSON,不含原文)写入此文件")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("多余的参数 %q:原文从标准输入读取", fs.Arg(0))}
	}
	p, err := redact.PolicyFor(*policy)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if p.PartyName, err = redact.ParseNameStyle(*nameStyle); err != nil {
		return &exitError{code: 2, err: err}
	}
	k := redact.Known{PartyName: strings.TrimSpace(*partyName)}
	for _, s := range strings.FieldsFunc(*keep, func(r rune) bool { return r == ',' || r == '，' }) {
		if s = strings.TrimSpace(s); s != "" {
			k.Keep = append(k.Keep, s)
		}
	}
	in, err := io.ReadAll(e.stdin)
	if err != nil {
		return fmt.Errorf("读取标准输入: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	out, rep := redact.Redact(string(in), p, k)
	if *reportFile != "" {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return fmt.Errorf("编码脱敏报告: %w", err)
		}
		if err := os.WriteFile(*reportFile, append(b, '\n'), 0o600); err != nil {
			return fmt.Errorf("写入脱敏报告: %w", err)
		}
	}
	if _, err := io.WriteString(e.stdout, out); err != nil {
		return fmt.Errorf("写入标准输出: %w", err)
	}
	if *reportFile != "" {
		fmt.Fprintf(e.stderr, "脱敏 %d 处,报告摘要 %s\n", len(rep.Findings), rep.Digest())
	}
	return nil
}
