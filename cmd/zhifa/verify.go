package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/zhifa/zhifa/ledger"
	"golang.org/x/mod/sumdb/note"
)

func runVerify(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "verify", "verify [--data 目录] [--db 连接串] [--key 文件] | verify --url http://主机:端口 [--vkey 验证公钥]")
	c.register(fs, e, false)
	u := fs.String("url", "", "改为校验运行中的服务:仅使用其公开的 /log/ 接口")
	vkey := fs.String("vkey", e.getenv("ZHIFA_VERIFIER_KEY"), "--url 时使用的验证公钥(note 格式);留空则取服务器 /log/key 的公钥(首次信任) (环境变量 ZHIFA_VERIFIER_KEY)")
	pub := fs.String("publication", "", "改为核验一条公示:公示页面地址(如 http://主机:端口/publications/12),以台账公钥核验其内容与存在证明")
	files := fs.Bool("files", true, "本地校验时重新计算每个证据文件的 SHA-256(--files=false 跳过,快速检查)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pub != "" {
		return verifyPublication(ctx, e, *pub, *vkey, c.origin)
	}
	findings := 0
	var rep *ledger.Report
	if *u != "" {
		client := &http.Client{Timeout: 60 * time.Second}
		base := strings.TrimRight(*u, "/")
		if !strings.HasSuffix(base, "/log") {
			base += "/log"
		}
		var err error
		if rep, err = ledger.VerifyRemote(ctx, client, base, *vkey, *originFlag(&c)); err != nil {
			return err
		}
	} else {
		db, err := c.openDB(ctx, false)
		if err != nil {
			return err
		}
		defer db.Close()
		signer, err := c.signer()
		if err != nil {
			return err
		}
		v, err := note.NewVerifier(signer.VerifierKey())
		if err != nil {
			return err
		}
		if rep, err = ledger.Verify(db, v, c.logOrigin()); err != nil {
			return err
		}
		if findings, err = verifyState(ctx, e, &c, db, *files); err != nil {
			return err
		}
	}
	printReport(e, rep)
	if !rep.OK() {
		return &exitError{code: 1, err: fmt.Errorf("台账校验失败:%s", rep.Problems[0].Msg)}
	}
	if findings > 0 {
		fmt.Fprintf(e.stdout, "结果:不通过。当前记录与台账不符,共 %d 处(见上)。\n", findings)
		return &exitError{code: 1, err: fmt.Errorf("记录核验失败:%d 处不符", findings)}
	}
	return nil
}

// originFlag returns the origin to expect from a remote log: the one given,
// or "" to accept the origin the checkpoint names.
func originFlag(c *config) *string { return &c.origin }

func printReport(e *env, rep *ledger.Report) {
	fmt.Fprintf(e.stdout, "台账事件数:%d\n树根:%s\n已核验检查点:%d 个\n", rep.Size, rep.Root, rep.Checkpoints)
	for _, n := range rep.Notes {
		fmt.Fprintf(e.stdout, "说明:%s\n", n)
	}
	if rep.OK() {
		fmt.Fprintln(e.stdout, "结果:通过。全部哈希、树根、检查点签名与检查点一致性均已核验。")
		return
	}
	fmt.Fprintf(e.stdout, "结果:不通过,发现 %d 个问题(首个问题在前):\n", len(rep.Problems))
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stdout, "  [%s] 序号 %d:%s\n", p.Kind, p.Index, p.Msg)
	}
	if rep.Truncated {
		fmt.Fprintln(e.stdout, "  (问题过多,其余未列出)")
	}
}
