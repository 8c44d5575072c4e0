package ledger

import (
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func TestVerify(t *testing.T) {
	const n = 1000
	cps := []int64{1, 100, 256, 700, 1000}
	tamperLeaf := func(i int) func(*memLog) {
		return func(m *memLog) {
			e := testEvent(i)
			e.Actor = "user/666"
			m.leaves[i], _ = e.Encode()
		}
	}
	tests := []struct {
		name      string
		tamper    func(m *memLog)
		wantKind  string
		wantIndex int64
		wantMsg   string
	}{
		{name: "clean"},
		{
			name:      "leaf changed",
			tamper:    tamperLeaf(17),
			wantKind:  ProblemLeaf,
			wantIndex: 17,
			wantMsg:   "第 17 条事件的叶子哈希与存储的哈希不符",
		},
		{
			name:      "last leaf changed",
			tamper:    tamperLeaf(999),
			wantKind:  ProblemLeaf,
			wantIndex: 999,
		},
		{
			name:      "stored leaf hash changed",
			tamper:    func(m *memLog) { m.hashes[tlog.StoredHashIndex(0, 500)] = tlog.Hash{1} },
			wantKind:  ProblemLeaf,
			wantIndex: 500,
		},
		{
			name:      "interior hash changed",
			tamper:    func(m *memLog) { m.hashes[tlog.StoredHashIndex(3, 5)] = tlog.Hash{1} },
			wantKind:  ProblemHash,
			wantIndex: tlog.StoredHashIndex(3, 5),
			wantMsg:   "第 3 层第 5 个节点,覆盖第 40 至第 47 条事件",
		},
		{
			name: "leaf changed and all hashes recomputed",
			tamper: func(m *memLog) {
				tamperLeaf(300)(m)
				fresh := newMemLog()
				for _, l := range m.leaves {
					if _, err := AppendData(fresh, l); err != nil {
						panic(err)
					}
				}
				m.hashes = fresh.hashes
			},
			wantKind:  ProblemCheckpoint,
			wantIndex: 700,
			wantMsg:   "第 256 至第 699 条事件被改写",
		},
		{
			name: "checkpoint signed by another key",
			tamper: func(m *memLog) {
				skey, _, _ := note.GenerateKey(zeroReader{}, testOrigin)
				other, _ := NewSigner(skey)
				root, _ := tlog.TreeHash(256, m)
				m.checkpoints[2].Note, _ = SignCheckpoint(other, testOrigin, 256, root)
			},
			wantKind:  ProblemCheckpoint,
			wantIndex: 256,
		},
		{
			name: "checkpoint root mismatch",
			tamper: func(m *memLog) {
				m.checkpoints[3].Note, _ = SignCheckpoint(MustSigner(t), testOrigin, 700, tlog.Hash{7})
			},
			wantKind:  ProblemCheckpoint,
			wantIndex: 700,
			wantMsg:   "根哈希与由事件重新计算的根哈希不符",
		},
		{
			name: "checkpoint beyond the log",
			tamper: func(m *memLog) {
				m.leaves = m.leaves[:999]
			},
			wantKind:  ProblemCheckpoint,
			wantIndex: 1000,
		},
		{
			name: "stored size differs from signed size",
			tamper: func(m *memLog) {
				m.checkpoints[1].Size = 99
			},
			wantKind:  ProblemCheckpoint,
			wantIndex: 99,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MustLog(t, n, cps...)
			if tt.tamper != nil {
				tt.tamper(m)
			}
			rep, err := Verify(m, MustVerifier(t), testOrigin)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Checkpoints != len(cps) {
				t.Errorf("Checkpoints = %d, want %d", rep.Checkpoints, len(cps))
			}
			if tt.wantKind == "" {
				if !rep.OK() {
					t.Fatalf("problems in a clean log: %+v", rep.Problems)
				}
				if rep.Size != n {
					t.Errorf("Size = %d, want %d", rep.Size, n)
				}
				want, _ := tlog.TreeHash(n, m)
				if rep.Root != want {
					t.Errorf("Root = %v, want %v", rep.Root, want)
				}
				return
			}
			if rep.OK() {
				t.Fatal("no problem found")
			}
			got := rep.Problems[0]
			if got.Kind != tt.wantKind || got.Index != tt.wantIndex {
				t.Errorf("first problem = %+v, want kind %q index %d", got, tt.wantKind, tt.wantIndex)
			}
			if !strings.Contains(got.Msg, tt.wantMsg) {
				t.Errorf("first problem message %q, want it to contain %q", got.Msg, tt.wantMsg)
			}
			t.Logf("%d problems, first: %+v", len(rep.Problems), got)
		})
	}
}

func TestVerifyConsistency(t *testing.T) {
	// Two checkpoints whose roots are each signed, but for different
	// histories: the log was rewritten between them.
	m := MustLog(t, 100, 100)
	old := m.checkpoints[0]
	rewritten := newMemLog()
	for i := range 100 {
		e := testEvent(i)
		if i == 10 {
			e.Type = "case.deleted"
		}
		Append(rewritten, e)
	}
	for i := 100; i < 200; i++ {
		Append(rewritten, testEvent(i))
	}
	rewritten.checkpoints = []StoredCheckpoint{old}
	rewritten.signCheckpoint(t, MustSigner(t), 200)
	rep, err := Verify(rewritten, MustVerifier(t), testOrigin)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, p := range rep.Problems {
		kinds[p.Kind] = true
	}
	if !kinds[ProblemConsistency] || !kinds[ProblemCheckpoint] {
		t.Errorf("problems = %+v, want a checkpoint and a consistency problem", rep.Problems)
	}
}

func TestVerifyEmpty(t *testing.T) {
	rep, err := Verify(newMemLog(), MustVerifier(t), testOrigin)
	if err != nil || !rep.OK() || rep.Size != 0 {
		t.Errorf("Verify(empty) = %+v, %v", rep, err)
	}
}
