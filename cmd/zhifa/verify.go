package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/zhifa/zhifa/ledger"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// remoteFlags are the flags of `zhifa verify --url`.
type remoteFlags struct {
	url            string // service root, e.g. http://host:8080 (or …/log)
	vkey           string // note verifier key; "" takes the server's (信任首次使用)
	since          string // file of a signed checkpoint saved earlier; "" for none
	saveCheckpoint string // file to write the verified checkpoint to; "" for none
}

// runVerify checks the ledger, either in the local database (verifyLocal:
// the log, and every current record, derived table and evidence file
// against it) or from outside through a running service's public /log/
// endpoints (verifyRemote), or one publication from outside
// (verifyPublication); it prints the report and fails with exit status 1
// when a problem was found.
func runVerify(ctx context.Context, e *env, args []string) error {
	var c config
	var r remoteFlags
	fs := newFlagSet(e, "verify", "verify [--data 目录] [--db 连接串] [--key 文件] [--origin 名称]\n"+
		"       zhifa verify --url http://主机:端口 [--vkey 验证公钥] [--origin 名称] [--since 检查点文件] [--save-checkpoint 文件]\n"+
		"       zhifa verify --publication http://主机:端口/publications/编号 [--vkey 验证公钥]\n"+
		"       zhifa verify [--vkey 验证公钥] 案卷包.zip")
	c.register(fs, e, false)
	fs.StringVar(&r.url, "url", "", "改为从外部校验运行中的服务:仅使用其公开的 /log/ 接口")
	fs.StringVar(&r.vkey, "vkey", e.getenv("ZHIFA_VERIFIER_KEY"), "--url 时使用的验证公钥(note 格式,即 /log/key 的内容);留空则取服务器 /log/key 的公钥(首次信任) (环境变量 ZHIFA_VERIFIER_KEY)")
	fs.StringVar(&r.since, "since", "", "--url 时:此前保存的已签名检查点文件(如 curl -s http://主机:端口/log/checkpoint > checkpoint.txt);证明现在的台账是它的延续,发现回滚或分叉则不通过")
	fs.StringVar(&r.saveCheckpoint, "save-checkpoint", "", "--url 时:校验通过后把服务器现在的已签名检查点写入此文件,供日后 --since 核对")
	pub := fs.String("publication", "", "改为核验一条公示:公示页面地址(如 http://主机:端口/publications/12),以台账公钥核验其内容与存在证明")
	metricsFile := fs.String("metrics-file", "", "把校验结果写成 Prometheus 指标文件(node_exporter textfile 格式,文件名宜以 .prom 结尾),供监控告警;通过与否都写")
	files := fs.Bool("files", true, "本地校验时重新计算每个证据文件的 SHA-256(--files=false 跳过,快速检查)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 1 && strings.HasSuffix(strings.ToLower(fs.Arg(0)), ".zip") {
		return verifyCaseFile(e, fs.Arg(0), r.vkey) // a case file package (casefile.go)
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("verify 不接受位置参数 %q;参数请以 -- 开头", fs.Arg(0))}
	}
	if *pub != "" {
		if *metricsFile != "" {
			return &exitError{code: 2, err: errors.New("--metrics-file 不能与 --publication 一起使用")}
		}
		return verifyPublication(ctx, e, *pub, strings.TrimSpace(r.vkey), c.origin)
	}
	var rep *ledger.Report
	var err error
	findings := 0
	if r.url != "" {
		rep, err = verifyRemote(ctx, &c, r)
	} else {
		if r.since != "" || r.saveCheckpoint != "" {
			return &exitError{code: 2, err: errors.New("--since 与 --save-checkpoint 只能与 --url 一起使用")}
		}
		rep, findings, err = verifyLocal(ctx, e, &c, *files)
	}
	if *metricsFile != "" {
		now := time.Now
		if c.now != nil {
			now = c.now
		}
		if werr := writeVerifyMetrics(*metricsFile, rep, findings, err == nil, now()); werr != nil {
			return errors.Join(err, fmt.Errorf("无法写入指标文件 %s:%w", *metricsFile, fileReason(werr)))
		}
	}
	if err != nil {
		return err
	}
	printReport(e, rep, findings)
	if !rep.OK() {
		return &exitError{code: 1, err: fmt.Errorf("台账校验失败:%s", rep.Problems[0].Msg)}
	}
	if findings > 0 {
		return &exitError{code: 1, err: fmt.Errorf("记录核验失败:当前记录与台账不符 %d 处", findings)}
	}
	if r.saveCheckpoint != "" {
		if err := os.WriteFile(r.saveCheckpoint, rep.Checkpoint, 0o644); err != nil {
			return fmt.Errorf("无法把检查点写入 %s:%w", r.saveCheckpoint, fileReason(err))
		}
		fmt.Fprintf(e.stdout, "已将核验通过的检查点(%d 条事件)保存到 %s;日后可用 zhifa verify --url %s --since %s 核对台账没有被回滚或改写。\n",
			rep.Size, r.saveCheckpoint, r.url, r.saveCheckpoint)
	}
	return nil
}

// verifyLocal recomputes the ledger in the configured database and checks
// its stored checkpoints with the local signing key (under the origin the
// log recorded when --origin is not given), then checks the current
// records, derived tables and, with files, the evidence files against the
// log (verifyState). It returns the ledger report and the number of state
// findings.
func verifyLocal(ctx context.Context, e *env, c *config, files bool) (*ledger.Report, int, error) {
	db, err := c.openDB(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer db.Close()
	// The deadline check reads the steps, stored encrypted; without the
	// key the rest is still checked (digests cover the ciphertext).
	if _, err := c.readDataKeys(ctx, db); errors.Is(err, errNoDataKey) {
		c.noDataKey = true
		fmt.Fprintf(e.stdout, "说明:数据加密密钥文件 %s 不存在(可以 --data-key 指定):台账、记录摘要与证据文件照常核验,期限表的重新计算需读取加密的环节记录,本次未做。\n", c.dataKeyPath())
	} else if err != nil {
		return nil, 0, err
	}
	rec, err := c.useRecordedOrigin(ctx, db)
	if err != nil {
		return nil, 0, err
	}
	var vkey string
	if _, err := os.Stat(c.keyPath()); errors.Is(err, os.ErrNotExist) && rec != nil {
		// Verifying must not create a key; the recorded one is only a
		// cross-check, so say so.
		vkey = rec.VerifierKey
		fmt.Fprintf(e.stdout, "说明:签名密钥文件 %s 不存在,使用数据库记录的验证公钥 %s;请与机关公布的公钥比对。\n", c.keyPath(), vkey)
	} else {
		signer, err := c.signer()
		if err != nil {
			return nil, 0, err
		}
		vkey = signer.VerifierKey()
		if rec != nil && rec.VerifierKey != vkey {
			fmt.Fprintf(e.stdout, "说明:签名密钥文件 %s 的验证公钥 %s 与数据库记录的 %s 不同。\n", c.keyPath(), vkey, rec.VerifierKey)
		}
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, 0, fmt.Errorf("验证公钥 %s 无效:%w", vkey, err)
	}
	rep, err := ledger.Verify(db, v, c.logOrigin())
	if err != nil {
		return nil, 0, err
	}
	findings, err := verifyState(ctx, e, c, db, files)
	if err != nil {
		return nil, 0, err
	}
	return rep, findings, nil
}

// verifyRemote checks the log a service serves at r.url/log/, and its
// consistency with the checkpoint in r.since if given. The expected origin
// is --origin (or ZHIFA_LOG_ORIGIN) if set; otherwise the served
// checkpoint's own, which the report then names.
func verifyRemote(ctx context.Context, c *config, r remoteFlags) (*ledger.Report, error) {
	var since []byte
	if r.since != "" {
		b, err := os.ReadFile(r.since)
		if err != nil {
			return nil, fmt.Errorf("无法读取保存的检查点 %s:%w", r.since, fileReason(err))
		}
		// A checkpoint copied through an editor on Windows gains CRs; signed
		// notes never contain one, so removing them cannot forge anything.
		since = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	client := &http.Client{Timeout: 60 * time.Second}
	base := strings.TrimRight(r.url, "/")
	if !strings.HasSuffix(base, "/log") {
		base += "/log"
	}
	return ledger.VerifyRemoteSince(ctx, client, base, strings.TrimSpace(r.vkey), c.origin, since)
}

// writeVerifyMetrics writes the outcome of a verify run to file in the
// Prometheus text format, for node_exporter's textfile collector (written
// to a temporary file and renamed, so a scrape never reads half a file):
// zhifa_verify_ok is 1 only when the run completed and found nothing;
// zhifa_verify_findings counts the ledger's problems and the records that
// disagree with it; zhifa_verify_events is the size of the verified log.
// A run that could not complete (done false, or no report) writes
// zhifa_verify_ok 0 and the time only, so that an alert on it fires.
func writeVerifyMetrics(file string, rep *ledger.Report, findings int, done bool, at time.Time) error {
	reg := prometheus.NewRegistry()
	gauge := func(name, help string, v float64) {
		g := prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
		g.Set(v)
		reg.MustRegister(g)
	}
	ok := 0.0
	if done && rep != nil {
		problems := len(rep.Problems) + findings
		if problems == 0 && rep.OK() {
			ok = 1
		}
		gauge("zhifa_verify_findings", "最近一次 zhifa verify 发现的问题数(台账问题与记录不符之处)。", float64(problems))
		gauge("zhifa_verify_events", "最近一次 zhifa verify 核验的台账事件数。", float64(rep.Size))
	}
	gauge("zhifa_verify_ok", "最近一次 zhifa verify 是否通过:1 通过,0 不通过或未能完成。", ok)
	gauge("zhifa_verify_timestamp_seconds", "最近一次 zhifa verify 结束的时间(Unix 秒)。", float64(at.UnixNano())/1e9)
	return prometheus.WriteToTextfile(file, reg)
}

// fileReason says in Chinese why a file could not be read or written.
func fileReason(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("文件或目录不存在")
	case errors.Is(err, os.ErrPermission):
		return errors.New("没有权限")
	}
	return err
}

// printReport prints the ledger report and the verdict; findings is the
// number of state findings verifyState printed before (0 for a remote
// check).
func printReport(e *env, rep *ledger.Report, findings int) {
	if rep.Root == (tlog.Hash{}) {
		// No tree was recomputed: the served checkpoint or an entry bundle
		// was refused before.
		fmt.Fprintln(e.stdout, "台账未能核验完毕(原因见下文问题)")
	} else {
		fmt.Fprintf(e.stdout, "台账事件数:%d\n树根:%s\n已核验检查点:%d 个\n", rep.Size, rep.Root, rep.Checkpoints)
	}
	if rep.Origin != "" {
		fmt.Fprintf(e.stdout, "台账 origin:%s\n", rep.Origin)
	}
	if rep.Since != nil {
		fmt.Fprintf(e.stdout, "保存的检查点:%d 条事件,树根 %s\n", rep.Since.Size, rep.Since.Root)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(e.stdout, "说明:%s\n", n)
	}
	if rep.OK() && findings > 0 {
		fmt.Fprintln(e.stdout, "台账本身:全部哈希、树根、检查点签名与检查点一致性均已核验。")
		fmt.Fprintf(e.stdout, "结果:不通过。当前记录与台账不符,共 %d 处(见上)。\n", findings)
		return
	}
	if rep.OK() {
		fmt.Fprintln(e.stdout, "结果:通过。全部哈希、树根、检查点签名与检查点一致性均已核验。")
		if rep.Since != nil {
			fmt.Fprintf(e.stdout, "现在的台账(%d 条事件)是保存的检查点(%d 条事件)的延续:没有回滚,也没有改写。\n", rep.Size, rep.Since.Size)
		}
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
