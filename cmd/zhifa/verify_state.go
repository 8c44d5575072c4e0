package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
)

// verifyState checks the current records against the log (store.VerifyState),
// the derived deadlines against their recomputation, and, when files is
// set, every evidence file against its recorded digest. It prints what it
// checked and each finding, and returns the number of findings.
func verifyState(ctx context.Context, e *env, c *config, db *store.DB, files bool) (int, error) {
	rep, err := db.VerifyState(ctx)
	if err != nil {
		return 0, fmt.Errorf("核验记录: %w", err)
	}
	deadlines := ",期限表重新计算比对"
	if c.noDataKey {
		deadlines = ",期限表未核验(无数据加密密钥)"
	} else if err := service.New(db, newLogger(e), nil).VerifyDeadlines(ctx, rep); err != nil {
		return 0, fmt.Errorf("核验期限: %w", err)
	}
	checked := 0
	for _, t := range store.RecordedTables() {
		checked += rep.Records[t]
	}
	fmt.Fprintf(e.stdout, "记录核验:%d 个事件的记录摘要,%d 张记录表中的 %d 条当前记录%s\n", rep.Events, len(store.RecordedTables()), checked, deadlines)
	if files {
		n, err := verifyFiles(ctx, e, c, db, rep)
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(e.stdout, "证据文件:已重新计算 %d 个文件的 SHA-256\n", n)
	} else {
		fmt.Fprintln(e.stdout, "证据文件:未核验(--files=false)")
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(e.stdout, "说明:%s\n", n)
	}
	for _, f := range rep.Findings {
		where := ""
		if f.Index >= 0 {
			where = fmt.Sprintf(" 事件 %d", f.Index)
		}
		fmt.Fprintf(e.stdout, "  [%s]%s %s\n", findingName(f.Kind), where, f.Msg)
	}
	if rep.Truncated {
		fmt.Fprintln(e.stdout, "  (问题过多,其余未列出)")
	}
	return len(rep.Findings), nil
}

func findingName(kind string) string {
	switch kind {
	case store.FindingIntegrity:
		return "数据库完整性"
	case store.FindingEvent:
		return "事件记录"
	case store.FindingChain:
		return "事件链"
	case store.FindingRow:
		return "当前记录"
	case store.FindingDerived:
		return "派生数据"
	case store.FindingFile:
		return "证据文件"
	}
	return kind
}

// verifyFiles re-hashes every evidence file, printing a progress line every
// few seconds on long runs.
func verifyFiles(ctx context.Context, e *env, c *config, db *store.DB, rep *store.StateReport) (int, error) {
	dir, err := c.blobDir()
	if err != nil {
		return 0, err
	}
	bs, err := blob.Open(dir)
	if err != nil {
		return 0, fmt.Errorf("打开证据文件目录 %s: %w", dir, err)
	}
	n, after := 0, ""
	last := time.Now()
	for {
		digests, _, err := db.EvidenceDigestsAfter(ctx, after, 500)
		if err != nil {
			return 0, err
		}
		for _, d := range digests {
			ok, err := bs.Verify(d)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				rep.Add(store.Finding{Kind: store.FindingFile, Table: "evidence", Index: -1, Msg: "证据文件 " + d + " 不存在(目录 " + dir + ")"})
			case err != nil:
				rep.Add(store.Finding{Kind: store.FindingFile, Table: "evidence", Index: -1, Msg: "证据文件 " + d + " 无法读取:" + err.Error()})
			case !ok:
				rep.Add(store.Finding{Kind: store.FindingFile, Table: "evidence", Index: -1, Msg: "证据文件 " + d + " 的内容与记录的摘要不符:文件被替换或损坏"})
			}
			n++
			if time.Since(last) > 3*time.Second {
				fmt.Fprintf(e.stdout, "  已核验证据文件 %d 个…\n", n)
				last = time.Now()
			}
		}
		if len(digests) < 500 {
			return n, nil
		}
		after = digests[len(digests)-1]
	}
}
