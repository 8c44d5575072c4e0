package ledger

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// logWith returns a log of n events, testEvent(i) except where forge(i)
// says, with a signed checkpoint at n.
func logWith(tb testing.TB, n int, forge func(i int) bool) *memLog {
	tb.Helper()
	m := newMemLog()
	for i := range n {
		e := testEvent(i)
		if forge != nil && forge(i) {
			e.Object = "case/forged"
		}
		if _, err := Append(m, e); err != nil {
			tb.Fatal(err)
		}
	}
	m.signCheckpoint(tb, MustSigner(tb), int64(n))
	return m
}

// tamperedHashes serves stored hash x changed, everything else as stored.
type tamperedHashes struct {
	*memLog
	x int64
}

func (s tamperedHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	hs, err := s.memLog.ReadHashes(indexes)
	for i, x := range indexes {
		if err == nil && x == s.x {
			hs[i][0] ^= 1
		}
	}
	return hs, err
}

// TestVerifyRemoteSince checks a served log against checkpoints saved from
// the genuine log of 1000 events: the same log grown, rolled back, forked at
// the same size or longer, or with its tiles changed; and saved checkpoints
// that are not the log's.
func TestVerifyRemoteSince(t *testing.T) {
	genuine := MustLog(t, 1000, 1, 255, 256, 257, 600, 1000)
	saved := func(size int64) []byte {
		for _, cp := range genuine.checkpoints {
			if cp.Size == size {
				return cp.Note
			}
		}
		t.Fatalf("no saved checkpoint of size %d", size)
		return nil
	}
	s := MustSigner(t)
	empty, _ := SignCheckpoint(s, testOrigin, 0, emptyRoot)
	emptyBadRoot, _ := SignCheckpoint(s, testOrigin, 0, tlog.RecordHash(nil))
	otherOrigin, _ := SignCheckpoint(s, "other.example/zhifa", 600, tlog.Hash{})
	other, _ := NewSigner(mustSkey(t))
	otherKey, _ := SignCheckpoint(other, testOrigin, 600, tlog.Hash{})

	grown := logWith(t, 1300, nil)
	rolledBack := logWith(t, 700, nil)
	forkedAt10 := logWith(t, 1000, func(i int) bool { return i == 10 })
	forkedAfter600 := logWith(t, 1300, func(i int) bool { return i >= 600 })

	tests := []struct {
		name      string
		served    TileSource
		latest    *memLog // whose latest checkpoint is served
		since     []byte
		wantKind  string // "" for no problem
		wantIndex int64
		wantMsg   string
	}{
		{name: "same log", served: genuine, since: saved(1000)},
		{name: "grown from 1000", served: grown, since: saved(1000)},
		{name: "grown from 600", served: grown, since: saved(600)},
		{name: "grown from 1", served: grown, since: saved(1)},
		{name: "grown from a full tile", served: grown, since: saved(256)},
		{name: "grown from 257", served: grown, since: saved(257)},
		{name: "grown from empty", served: grown, since: empty},
		{name: "empty with a bad root", served: grown, since: emptyBadRoot,
			wantKind: ProblemFork, wantIndex: 0, wantMsg: "其根哈希却不是空树的根哈希"},

		{name: "rolled back to 700", served: rolledBack, since: saved(1000),
			wantKind: ProblemRollback, wantIndex: 1000,
			wantMsg: "日志被回滚:保存的检查点有 1000 条事件,服务器现在的已签名检查点只有 700 条——第 700 至第 999 条事件已被删除"},
		{name: "rolled back, still extends 600", served: rolledBack, since: saved(600)},

		{name: "event 10 changed, same size", served: forkedAt10, since: saved(1000),
			wantKind: ProblemFork, wantIndex: 1000,
			wantMsg: "日志被改写(分叉):保存的检查点与服务器现在的检查点同为 1000 条事件,根哈希却不同"},
		{name: "event 10 changed, saved at 600", served: forkedAt10, since: saved(600),
			wantKind: ProblemFork, wantIndex: 600,
			wantMsg: "服务器现在的 1000 条事件不是保存的检查点(600 条事件)的延续,一致性证明不成立——第 0 至第 599 条事件中至少有一条"},
		{name: "event 10 changed, saved at 1", served: forkedAt10, since: saved(1)},
		{name: "event 10 changed, saved at 255", served: forkedAt10, since: saved(255),
			wantKind: ProblemFork, wantIndex: 255},

		{name: "rewritten after 600, saved at 1000", served: forkedAfter600, since: saved(1000),
			wantKind: ProblemFork, wantIndex: 1000, wantMsg: "不是保存的检查点(1000 条事件)的延续"},
		{name: "rewritten after 600, saved at 600", served: forkedAfter600, since: saved(600)},

		// Tile 0/002 (leaves 512–767) is needed to prove 600 → 1000; a
		// changed hash in it fails its authentication by the signed root.
		{name: "served hash tile changed", served: tamperedHashes{genuine, tlog.StoredHashIndex(0, 550)}, latest: genuine, since: saved(600),
			wantKind: ProblemConsistency, wantIndex: 600, wantMsg: "服务器提供的哈希瓦片与其已签名的根哈希不符"},

		{name: "saved by another key", served: genuine, since: otherKey,
			wantKind: ProblemCheckpoint, wantIndex: 0, wantMsg: "保存的检查点无效:检查点不是由验证密钥"},
		{name: "saved for another origin", served: genuine, since: otherOrigin,
			wantKind: ProblemCheckpoint, wantIndex: 600,
			wantMsg: fmt.Sprintf("保存的检查点属于 origin 为 %q 的台账,服务器提供的是 origin 为 %q 的台账", "other.example/zhifa", testOrigin)},
		{name: "saved file is not a checkpoint", served: genuine, since: []byte("<html></html>"),
			wantKind: ProblemCheckpoint, wantIndex: 0, wantMsg: "保存的检查点无效:检查点不是格式正确的签名注记"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			latest := tt.latest
			if latest == nil {
				latest = tt.served.(*memLog)
			}
			srv := httptest.NewServer(Handler(tt.served, latest.latest, s.VerifierKey()))
			defer srv.Close()
			for _, key := range []string{s.VerifierKey(), ""} {
				rep, err := VerifyRemoteSince(context.Background(), srv.Client(), srv.URL+"/log", key, "", tt.since)
				if err != nil {
					t.Fatal(err)
				}
				if tt.wantKind == "" {
					if !rep.OK() {
						t.Fatalf("problems: %+v", rep.Problems)
					}
					if rep.Since == nil || rep.Checkpoints != 2 {
						t.Errorf("Report.Since = %v, Checkpoints = %d; want the saved checkpoint, 2", rep.Since, rep.Checkpoints)
					}
					continue
				}
				var found *Problem
				for i, p := range rep.Problems {
					if p.Kind == tt.wantKind {
						found = &rep.Problems[i]
						break
					}
				}
				if found == nil || found.Index != tt.wantIndex || !strings.Contains(found.Msg, tt.wantMsg) {
					t.Errorf("problems = %+v, want kind %q index %d saying %q", rep.Problems, tt.wantKind, tt.wantIndex, tt.wantMsg)
				}
			}
		})
	}
}

// TestVerifyRemoteOrigin: without an expected origin, the checkpoint's is
// taken and named; with one, it must match.
func TestVerifyRemoteOrigin(t *testing.T) {
	m := MustLog(t, 10, 10)
	key := MustSigner(t).VerifierKey()
	srv := httptest.NewServer(Handler(m, m.latest, key))
	defer srv.Close()
	tests := []struct {
		origin   string
		wantOK   bool
		wantNote string
	}{
		{"", true, fmt.Sprintf("采用检查点所列的 origin %q", testOrigin)},
		{testOrigin, true, ""},
		{"other.example/zhifa", false, ""},
	}
	for _, tt := range tests {
		rep, err := VerifyRemote(context.Background(), srv.Client(), srv.URL+"/log", key, tt.origin)
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK() != tt.wantOK {
			t.Errorf("origin %q: problems %+v, want OK %v", tt.origin, rep.Problems, tt.wantOK)
		}
		if notes := strings.Join(rep.Notes, "\n"); tt.wantNote != "" && !strings.Contains(notes, tt.wantNote) || tt.wantNote == "" && strings.Contains(notes, "采用检查点所列的") {
			t.Errorf("origin %q: notes %q, want %q", tt.origin, notes, tt.wantNote)
		}
		if tt.wantOK && (rep.Origin != testOrigin || string(rep.Checkpoint) != string(m.checkpoints[0].Note)) {
			t.Errorf("origin %q: Report.Origin %q, Checkpoint %q", tt.origin, rep.Origin, rep.Checkpoint)
		}
	}
}
