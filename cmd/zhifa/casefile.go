package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/document"
	"github.com/zhifa/zhifa/service"
)

// runCasefile is `zhifa casefile export --case ID --out FILE.zip`: the
// offline-verifiable package of one case (document.WritePack), checked by
// `zhifa verify FILE.zip` with no server and no database.
func runCasefile(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "export" {
		return &exitError{code: 2, err: errors.New("用法:zhifa casefile export --case 案件ID --out 文件.zip [--digests-only]")}
	}
	var c config
	fs := newFlagSet(e, "casefile export", "casefile export --case 案件ID --out 文件.zip [--digests-only] [--data 目录] [--db 连接串] [--key 文件] [--origin 名称]")
	c.register(fs, e, false)
	caseID := fs.Int64("case", 0, "案件 ID(工作台案件页地址中的编号)")
	out := fs.String("out", "", "写入的 zip 文件")
	digestsOnly := fs.Bool("digests-only", false, "证据文件只列摘要,不放入包内(文件过大或不宜外传时)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *caseID <= 0 || *out == "" {
		return &exitError{code: 2, err: errors.New("请用 --case 指定案件 ID,用 --out 指定输出文件")}
	}
	db, err := c.openDB(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := c.readDataKeys(ctx, db); err != nil {
		return err
	}
	signer, err := c.logSigner(ctx, db)
	if err != nil {
		return err
	}
	svc := service.New(db, newLogger(e), c.now)
	dir, err := c.blobDir()
	if err != nil {
		return err
	}
	if err := svc.OpenBlobs(dir); err != nil {
		return err
	}
	var buf bytes.Buffer
	// The console exports as the system: the package is the log's, proven
	// by the log's key; the export is recorded like any other.
	if err := svc.ExportCaseFile(ctx, zhifa.Console, signer, c.logOrigin(), *caseID, *digestsOnly, &buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("无法写入 %s:%w", *out, fileReason(err))
	}
	fmt.Fprintf(e.stdout, "已导出案件 %d 的案卷包:%s(%d 字节)。用 zhifa verify %s 离线核验。\n", *caseID, *out, buf.Len(), filepath.Base(*out))
	return nil
}

// configureDocuments sets where the document templates an agency adjusts
// and its seal images are (ZHIFA_DOCUMENT_DIR: <kind>.tmpl files and
// seal-<agency id>.png) and the portal address the QR codes lead to
// (ZHIFA_PUBLIC_URL, e.g. https://zhifa.example.gov.cn), and checks the
// templates at start.
func configureDocuments(e *env, svc *service.Service) error {
	svc.Documents.Templates = &document.Templates{Dir: e.getenv("ZHIFA_DOCUMENT_DIR")}
	svc.Documents.PublicURL = strings.TrimRight(e.getenv("ZHIFA_PUBLIC_URL"), "/")
	if err := svc.Documents.Templates.Check(); err != nil {
		return fmt.Errorf("ZHIFA_DOCUMENT_DIR:%w", err)
	}
	return nil
}

// verifyCaseFile is `zhifa verify FILE.zip`: the offline check of a case
// file package, which names every changed, missing or added file.
func verifyCaseFile(e *env, path, vkey string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("无法读取 %s:%w", path, fileReason(err))
	}
	rep, err := document.CheckPack(bytes.NewReader(b), int64(len(b)), strings.TrimSpace(vkey))
	if err != nil {
		return &exitError{code: 1, err: fmt.Errorf("%s:%w", path, err)}
	}
	if m := rep.Manifest; m != nil {
		fmt.Fprintf(e.stdout, "案卷包 %s:案件 %s(ID %d),台账 %s\n", path, m.CaseNumber, m.CaseID, m.Origin)
	}
	fmt.Fprintf(e.stdout, "验证公钥:%s(请与执法主体公布的 /log/key 比对)\n", rep.VerifierKey)
	fmt.Fprintf(e.stdout, "核对文件 %d 个,证明台账事件 %d 条。\n", rep.Files, rep.Events)
	if rep.OK() {
		fmt.Fprintln(e.stdout, "通过:文件与清单一致,清单签名有效,每条事件都包含在已签名的检查点中,每份文书和证据都对应本案的台账事件。")
		return nil
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(e.stdout, "问题:"+p)
	}
	return &exitError{code: 1, err: fmt.Errorf("案卷包未通过核验:%d 个问题", len(rep.Problems))}
}
