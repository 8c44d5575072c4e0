package ledger

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func TestAppendHashes(t *testing.T) {
	m := newMemLog()
	var leaves [][]byte
	for i := range 300 {
		m.reads = 0
		if _, err := Append(m, testEvent(i)); err != nil {
			t.Fatal(err)
		}
		// Append reads only the right edge: at most log₂ n hashes.
		if m.reads > 9 {
			t.Errorf("Append %d read %d hashes", i, m.reads)
		}
		b, _ := testEvent(i).Encode()
		leaves = append(leaves, b)
		n := int64(i + 1)
		got, err := tlog.TreeHash(n, m)
		if err != nil {
			t.Fatal(err)
		}
		if want := rfc6962Root(leaves); got != want {
			t.Fatalf("TreeHash(%d) = %v, want %v", n, got, want)
		}
		if c := int64(len(m.hashes)); c != tlog.StoredHashCount(n) {
			t.Fatalf("stored %d hashes, want %d", c, tlog.StoredHashCount(n))
		}
	}
	if _, err := Append(m, Event{Type: "x"}); err == nil {
		t.Error("Append of an invalid event succeeded")
	}
	if size, _ := m.LogSize(); size != 300 {
		t.Errorf("size after failed append = %d, want 300", size)
	}
}

// rfc6962Root computes the Merkle tree hash of RFC 6962 §2.1 directly.
func rfc6962Root(leaves [][]byte) tlog.Hash {
	if len(leaves) == 1 {
		return tlog.RecordHash(leaves[0])
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	return tlog.NodeHash(rfc6962Root(leaves[:k]), rfc6962Root(leaves[k:]))
}

func TestInclusionProofs(t *testing.T) {
	const n = 70
	m := MustLog(t, n)
	for size := int64(1); size <= n; size++ {
		root, err := tlog.TreeHash(size, m)
		if err != nil {
			t.Fatal(err)
		}
		for i := int64(0); i < size; i++ {
			p, err := InclusionProof(m, i, size)
			if err != nil {
				t.Fatal(err)
			}
			if err := tlog.CheckRecord(p, size, root, i, tlog.RecordHash(m.leaves[i])); err != nil {
				t.Fatalf("proof of %d in %d: %v", i, size, err)
			}
		}
	}
	for _, bad := range [][2]int64{{-1, 5}, {5, 5}, {6, 5}} {
		if _, err := InclusionProof(m, bad[0], bad[1]); err == nil {
			t.Errorf("InclusionProof(%d, %d) succeeded", bad[0], bad[1])
		}
	}
}

func TestProofRoundTrip(t *testing.T) {
	const n = 1000
	m := MustLog(t, n, n)
	cp, _, _ := m.latest()
	v := MustVerifier(t)
	for _, i := range []int64{0, 1, 255, 256, 511, 777, 998, 999} {
		p, err := InclusionProof(m, i, n)
		if err != nil {
			t.Fatal(err)
		}
		text := FormatProof(i, p, cp)
		got, err := VerifyProof(text, m.leaves[i], v, testOrigin)
		if err != nil {
			t.Fatalf("VerifyProof(%d): %v\n%s", i, err, text)
		}
		if got != i {
			t.Errorf("VerifyProof index = %d, want %d", got, i)
		}
	}

	p, _ := InclusionProof(m, 17, n)
	good := FormatProof(17, p, cp)
	if !bytes.HasPrefix(good, []byte("c2sp.org/tlog-proof@v1\nindex 17\n")) {
		t.Errorf("proof starts %q", good[:40])
	}
	lines := strings.Split(string(good), "\n")
	flipped := []byte(lines[2])
	if flipped[0] == 'A' {
		flipped[0] = 'B'
	} else {
		flipped[0] = 'A'
	}
	tests := []struct {
		name   string
		text   string
		leaf   []byte
		origin string
	}{
		{"other leaf", string(good), m.leaves[18], testOrigin},
		{"other index", strings.Replace(string(good), "index 17\n", "index 18\n", 1), m.leaves[17], testOrigin},
		{"index leading zero", strings.Replace(string(good), "index 17\n", "index 017\n", 1), m.leaves[17], testOrigin},
		{"hash changed", strings.Replace(string(good), lines[2], string(flipped), 1), m.leaves[17], testOrigin},
		{"hash dropped", strings.Replace(string(good), lines[2]+"\n", "", 1), m.leaves[17], testOrigin},
		{"wrong origin", string(good), m.leaves[17], "other.example/zhifa"},
		{"bad header", strings.Replace(string(good), "@v1", "@v2", 1), m.leaves[17], testOrigin},
		{"checkpoint size changed", strings.Replace(string(good), "\n1000\n", "\n1001\n", 1), m.leaves[17], testOrigin},
		{"no checkpoint", strings.SplitN(string(good), "\n\n", 2)[0], m.leaves[17], testOrigin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := VerifyProof([]byte(tt.text), tt.leaf, v, tt.origin); err == nil {
				t.Errorf("VerifyProof succeeded for\n%s", tt.text)
			}
		})
	}

	// An "extra" line is allowed and ignored.
	extra := strings.Replace(string(good), "\nindex", "\nextra aGVsbG8=\nindex", 1)
	if _, err := VerifyProof([]byte(extra), m.leaves[17], v, testOrigin); err != nil {
		t.Errorf("VerifyProof with extra: %v", err)
	}
}

func TestConsistency(t *testing.T) {
	const n = 300
	m := MustLog(t, n)
	roots := make([]tlog.Hash, n+1)
	for i := range roots {
		roots[i], _ = tlog.TreeHash(int64(i), m)
	}
	for _, sizes := range [][2]int64{{0, 5}, {1, 1}, {1, 2}, {3, 7}, {8, 8}, {100, 256}, {255, 300}, {256, 257}} {
		o, nn := sizes[0], sizes[1]
		p, err := ConsistencyProof(m, o, nn)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckConsistency(p, o, roots[o], nn, roots[nn]); err != nil {
			t.Errorf("CheckConsistency(%d, %d): %v", o, nn, err)
		}
		if o > 0 && o < nn {
			if err := CheckConsistency(p, o, roots[o-1], nn, roots[nn]); err == nil {
				t.Errorf("CheckConsistency(%d, %d) with a wrong old root succeeded", o, nn)
			}
		}
	}
	if _, err := ConsistencyProof(m, 5, 4); err == nil {
		t.Error("ConsistencyProof(5, 4) succeeded")
	}
}

func TestCheckpoint(t *testing.T) {
	s := MustSigner(t)
	v := MustVerifier(t)
	root := tlog.RecordHash([]byte("x"))
	msg, err := SignCheckpoint(s, testOrigin, 42, root)
	if err != nil {
		t.Fatal(err)
	}
	wantText := testOrigin + "\n42\n" + root.String() + "\n\n— " + testOrigin + " "
	if !bytes.HasPrefix(msg, []byte(wantText)) {
		t.Errorf("checkpoint = %q, want prefix %q", msg, wantText)
	}
	size, gotRoot, err := OpenCheckpoint(msg, v, testOrigin)
	if err != nil || size != 42 || gotRoot != root {
		t.Errorf("OpenCheckpoint = %d, %v, %v; want 42, %v", size, gotRoot, err, root)
	}

	otherSkey, otherVkey, err := note.GenerateKey(zeroReader{}, testOrigin)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := NewSigner(otherSkey)
	if other.VerifierKey() != otherVkey {
		t.Errorf("VerifierKey = %q, want %q", other.VerifierKey(), otherVkey)
	}
	otherMsg, _ := SignCheckpoint(other, testOrigin, 42, root)
	withExt := signText(t, s, testOrigin+"\n42\n"+root.String()+"\nextension line\n")
	tests := []struct {
		name    string
		msg     []byte
		origin  string
		wantErr string // "" for none, else a part of the Chinese message
	}{
		{"ok", msg, testOrigin, ""},
		{"extension line", withExt, testOrigin, ""},
		{"other key", otherMsg, testOrigin, fmt.Sprintf("检查点不是由验证密钥 %q(密钥哈希 %08x)签名的,签名者为 %q", testOrigin, v.KeyHash(), testOrigin)},
		{"other origin", msg, "evil.example/zhifa", fmt.Sprintf("检查点的 origin 为 %q,应为 %q", testOrigin, "evil.example/zhifa")},
		{"size changed", bytes.Replace(msg, []byte("\n42\n"), []byte("\n43\n"), 1), testOrigin, fmt.Sprintf("检查点上密钥 %q 的签名无效", testOrigin)},
		{"leading zero", signText(t, s, testOrigin+"\n042\n"+root.String()+"\n"), testOrigin, `第 2 行应为树的大小(非负整数),实为 "042"`},
		{"negative", signText(t, s, testOrigin+"\n-1\n"+root.String()+"\n"), testOrigin, `第 2 行应为树的大小(非负整数),实为 "-1"`},
		{"short root", signText(t, s, testOrigin+"\n42\nAAAA\n"), testOrigin, `第 3 行应为 base64 编码的 32 字节根哈希,实为 "AAAA"`},
		{"two lines", signText(t, s, testOrigin+"\n42\n"), testOrigin, "正文只有 2 行"},
		{"empty origin", signText(t, s, "\n42\n"+root.String()+"\n"), testOrigin, "第 1 行(origin)为空"},
		{"garbage", []byte("hello"), testOrigin, "不是格式正确的签名注记"},
		{"empty", []byte("\n"), testOrigin, "检查点为空"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := OpenCheckpoint(tt.msg, v, tt.origin)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("OpenCheckpoint err = %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("OpenCheckpoint err = %v, want it to say %q", err, tt.wantErr)
			}
		})
	}
	if _, err := SignCheckpoint(s, "", 1, root); err == nil {
		t.Error("SignCheckpoint with empty origin succeeded")
	}
	if _, err := SignCheckpoint(s, "a\nb", 1, root); err == nil {
		t.Error("SignCheckpoint with a newline in origin succeeded")
	}
}

func signText(t *testing.T, s *Signer, text string) []byte {
	t.Helper()
	msg, err := note.Sign(&note.Note{Text: text}, s.signer)
	if err != nil {
		t.Fatal(err)
	}
	return msg
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestLoadOrCreateKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keys", "log.key")
	s1, err := LoadOrCreateKey(path, testOrigin)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if got, want := fi.Mode().Perm(), os.FileMode(0o600); got != want {
			t.Errorf("key file mode = %v, want %v", got, want)
		}
		di, _ := os.Stat(filepath.Dir(path))
		if got, want := di.Mode().Perm(), os.FileMode(0o700); got != want {
			t.Errorf("key dir mode = %v, want %v", got, want)
		}
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "PRIVATE+KEY+"+testOrigin+"+") {
		t.Errorf("key file = %q", b)
	}
	if !strings.HasPrefix(s1.VerifierKey(), testOrigin+"+") {
		t.Errorf("VerifierKey = %q", s1.VerifierKey())
	}

	// Loading again gives the same key.
	s2, err := LoadOrCreateKey(path, testOrigin)
	if err != nil {
		t.Fatal(err)
	}
	if s1.VerifierKey() != s2.VerifierKey() {
		t.Errorf("reloaded key %q, want %q", s2.VerifierKey(), s1.VerifierKey())
	}
	// A signature by the loaded key verifies with the verifier.
	v, err := s2.Verifier()
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := SignCheckpoint(s2, testOrigin, 0, emptyRoot)
	if _, _, err := OpenCheckpoint(msg, v, testOrigin); err != nil {
		t.Errorf("OpenCheckpoint: %v", err)
	}

	if _, err := LoadOrCreateKey(path, "other.example/zhifa"); err == nil {
		t.Error("LoadOrCreateKey with another name succeeded")
	}
	if runtime.GOOS != "windows" {
		os.Chmod(path, 0o644)
		_, err := LoadOrCreateKey(path, testOrigin)
		if err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("LoadOrCreateKey of a 0644 key file: err = %v, want a chmod 600 hint", err)
		}
	}
	bad := filepath.Join(dir, "bad.key")
	os.WriteFile(bad, []byte("not a key"), 0o600)
	if _, err := LoadOrCreateKey(bad, testOrigin); err == nil {
		t.Error("LoadOrCreateKey of garbage succeeded")
	}
}
