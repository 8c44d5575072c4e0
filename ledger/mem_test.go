package ledger

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// memLog is an in-memory store of the log for tests: it implements Tx,
// Source and TileSource the way the SQL stores do over their tables.
type memLog struct {
	mu          sync.Mutex
	leaves      [][]byte
	hashes      map[int64]tlog.Hash
	checkpoints []StoredCheckpoint
	reads       int // hashes read through ReadHashes
}

func newMemLog() *memLog { return &memLog{hashes: make(map[int64]tlog.Hash)} }

func (m *memLog) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reads += len(indexes)
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		h, ok := m.hashes[x]
		if !ok {
			return nil, fmt.Errorf("memLog: no hash at %d", x)
		}
		out[i] = h
	}
	return out, nil
}

func (m *memLog) LogSize() (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return int64(len(m.leaves)), nil
}

func (m *memLog) PutLeaf(index int64, data []byte, hashes []StoredHash) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if index != int64(len(m.leaves)) {
		return fmt.Errorf("memLog: put leaf %d, size %d", index, len(m.leaves))
	}
	for _, h := range hashes {
		if _, ok := m.hashes[h.Index]; ok {
			return fmt.Errorf("memLog: hash %d already stored", h.Index)
		}
	}
	m.leaves = append(m.leaves, append([]byte(nil), data...))
	for _, h := range hashes {
		m.hashes[h.Index] = h.Hash
	}
	return nil
}

func (m *memLog) ReadLeaves(start, end int64) ([][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if start < 0 || end > int64(len(m.leaves)) || start > end {
		return nil, fmt.Errorf("memLog: leaves [%d,%d) out of range %d", start, end, len(m.leaves))
	}
	return append([][]byte(nil), m.leaves[start:end]...), nil
}

func (m *memLog) Checkpoints() ([]StoredCheckpoint, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]StoredCheckpoint(nil), m.checkpoints...), nil
}

// latest returns the latest stored checkpoint, for Handler.
func (m *memLog) latest() ([]byte, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.checkpoints) == 0 {
		return nil, 0, fmt.Errorf("memLog: no checkpoint")
	}
	cp := m.checkpoints[len(m.checkpoints)-1]
	return cp.Note, cp.Size, nil
}

const testOrigin = "example.org/zhifa"

// testSkey is a fixed key so that golden checkpoints are stable.
var testSkey string

func init() {
	// A fixed Ed25519 seed of 32 bytes 0x01..0x20.
	s, err := newSignerFromSeed(testOrigin, func() []byte {
		seed := make([]byte, 32)
		for i := range seed {
			seed[i] = byte(i + 1)
		}
		return seed
	}())
	if err != nil {
		panic(err)
	}
	testSkey = s
}

// MustSigner returns the test signer.
func MustSigner(tb testing.TB) *Signer {
	tb.Helper()
	s, err := NewSigner(testSkey)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// newSignerFromSeed returns a note private key for an Ed25519 seed.
func newSignerFromSeed(name string, seed []byte) (string, error) {
	pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(name, pub)
	if err != nil {
		return "", err
	}
	hash := strings.SplitN(vkey, "+", 3)[1]
	return "PRIVATE+KEY+" + name + "+" + hash + "+" + base64.StdEncoding.EncodeToString(append([]byte{1}, seed...)), nil
}

// MustVerifier returns the test signer's note verifier.
func MustVerifier(tb testing.TB) note.Verifier {
	tb.Helper()
	v, err := MustSigner(tb).Verifier()
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// testEvent returns a distinct, valid event for index i.
func testEvent(i int) Event {
	return Event{
		Type:   "case.opened",
		Object: fmt.Sprintf("case/%d", i),
		Agency: "3",
		Actor:  fmt.Sprintf("user/%d", i%7),
		Time:   time.Date(2025, 1, 2, 3, 4, 5, i, time.UTC),
		Digest: "sha256:" + fmt.Sprintf("%064x", i),
		Prev:   int64(i) - 1,
		Attrs:  map[string]string{"state": "opened"},
	}
}

// MustLog returns a log of n events with a signed checkpoint at each size in
// cps (and none if cps is empty).
func MustLog(tb testing.TB, n int, cps ...int64) *memLog {
	tb.Helper()
	s := MustSigner(tb)
	m := newMemLog()
	next := 0
	for i := 0; i < n; i++ {
		idx, err := Append(m, testEvent(i))
		if err != nil {
			tb.Fatal(err)
		}
		if idx != int64(i) {
			tb.Fatalf("Append index = %d, want %d", idx, i)
		}
		for next < len(cps) && cps[next] == int64(i+1) {
			m.signCheckpoint(tb, s, cps[next])
			next++
		}
	}
	if next != len(cps) {
		tb.Fatalf("checkpoint sizes %v beyond log size %d", cps[next:], n)
	}
	return m
}

func (m *memLog) signCheckpoint(tb testing.TB, s *Signer, size int64) {
	tb.Helper()
	root, err := tlog.TreeHash(size, m)
	if err != nil {
		tb.Fatal(err)
	}
	msg, err := SignCheckpoint(s, testOrigin, size, root)
	if err != nil {
		tb.Fatal(err)
	}
	m.checkpoints = append(m.checkpoints, StoredCheckpoint{Size: size, Note: msg})
}
