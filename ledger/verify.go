package ledger

import (
	"fmt"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Source is read-only access to everything the store holds of the log.
type Source interface {
	// LogSize returns the number of leaves.
	LogSize() (int64, error)
	// ReadLeaves returns the leaf data of leaves [start, end).
	ReadLeaves(start, end int64) ([][]byte, error)
	// ReadHashes returns stored hashes by stored hash index.
	tlog.HashReader
	// Checkpoints returns the stored signed checkpoints, ascending by size.
	Checkpoints() ([]StoredCheckpoint, error)
}

// StoredCheckpoint is a signed checkpoint as stored, with the size the store
// recorded for it.
type StoredCheckpoint struct {
	Size int64
	Note []byte
}

// Problem kinds.
const (
	ProblemLeaf        = "leaf"        // a leaf's record hash differs from its stored (or served) leaf hash
	ProblemHash        = "hash"        // a stored (or served) interior tree hash differs from the recomputed one
	ProblemCheckpoint  = "checkpoint"  // bad signature or format, or root differs from the recomputed tree
	ProblemConsistency = "consistency" // two checkpoints are not consistent
	ProblemRollback    = "rollback"    // the log is smaller than a checkpoint saved earlier (VerifyRemoteSince)
	ProblemFork        = "fork"        // the log does not extend a checkpoint saved earlier (VerifyRemoteSince)
)

// Problem is one finding of Verify or VerifyRemote. Index is the leaf index
// for "leaf", the stored hash index for "hash", and the checkpoint's size for
// "checkpoint", "consistency", "rollback" and "fork". Msg is Chinese and
// precise.
type Problem struct {
	Kind  string
	Index int64
	Msg   string
}

// Report is the result of a verification.
type Report struct {
	Size          int64       // leaves verified
	Root          tlog.Hash   // tree hash recomputed from the leaves
	Checkpoints   int         // checkpoints checked
	KeyFromServer bool        // VerifyRemote took the verifier key from the server (信任首次使用)
	Origin        string      // VerifyRemote: the origin the served checkpoint names
	Checkpoint    []byte      // VerifyRemote: the served signed checkpoint, verbatim, as verified
	Since         *Checkpoint // VerifyRemoteSince: the saved checkpoint the log was checked against
	Notes         []string    // remarks for the reader, in Chinese
	Problems      []Problem   // first problem first
	Truncated     bool        // more than maxProblems problems; the rest were not listed
}

// OK reports whether no problem was found.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// maxProblems bounds a report: after one tampered leaf, every later
// checkpoint fails too, and a listing of thousands helps nobody.
const maxProblems = 1000

func (r *Report) add(kind string, index int64, format string, args ...any) {
	if len(r.Problems) >= maxProblems {
		r.Truncated = true
		return
	}
	r.Problems = append(r.Problems, Problem{Kind: kind, Index: index, Msg: fmt.Sprintf(format, args...)})
}

// leafBatch is how many leaves Verify reads at a time.
const leafBatch = 1024

// Verify recomputes the whole tree from the stored leaves and compares every
// stored hash with its recomputed value, then checks every stored checkpoint
// (signature by v, origin, root equal to the recomputed tree hash at its
// size) and the consistency of each checkpoint with the one before. It
// returns an error only when src cannot be read; findings are in the report,
// first problem first.
//
// It streams: leaves and stored hashes are read in batches and the tree is
// recomputed keeping only its right edge, so memory does not grow with the
// log. Two stored checkpoints are consistent when both roots equal the
// recomputed ones (they then cover one history).
func Verify(src Source, v note.Verifier, origin string) (*Report, error) {
	size, err := src.LogSize()
	if err != nil {
		return nil, fmt.Errorf("读取台账大小失败:%w", err)
	}
	rep := &Report{Size: size}
	cps, err := src.Checkpoints()
	if err != nil {
		return nil, fmt.Errorf("读取已存储的检查点失败:%w", err)
	}
	cc := newCheckpointChecker(rep, cps, v, origin, size)
	t := newFrontier()
	lastBadLeaf := int64(-1)
	for start := int64(0); start < size; start += leafBatch {
		end := min(start+leafBatch, size)
		leaves, err := src.ReadLeaves(start, end)
		if err != nil {
			return nil, fmt.Errorf("读取第 %d 至第 %d 条事件失败:%w", start, end-1, err)
		}
		if int64(len(leaves)) != end-start {
			return nil, fmt.Errorf("读取第 %d 至第 %d 条事件时只读到 %d 条:存储中缺少事件", start, end-1, len(leaves))
		}
		lo := tlog.StoredHashIndex(0, start)
		var computed []tlog.Hash
		for _, leaf := range leaves {
			hs, err := t.append(tlog.RecordHash(leaf))
			if err != nil {
				return nil, err
			}
			computed = append(computed, hs...)
			if err := cc.at(t); err != nil {
				return nil, err
			}
		}
		indexes := make([]int64, len(computed))
		for i := range indexes {
			indexes[i] = lo + int64(i)
		}
		stored, err := src.ReadHashes(indexes)
		if err != nil {
			return nil, fmt.Errorf("读取第 %d 至第 %d 个树哈希失败:%w", lo, lo+int64(len(indexes))-1, err)
		}
		if len(stored) != len(indexes) {
			return nil, fmt.Errorf("读取第 %d 至第 %d 个树哈希时只读到 %d 个:存储中缺少树哈希", lo, lo+int64(len(indexes))-1, len(stored))
		}
		for i, h := range stored {
			if h == computed[i] {
				continue
			}
			lastBadLeaf = compareProblem(rep, "存储的", lo+int64(i), lastBadLeaf)
		}
		cc.flush()
	}
	rep.Root, err = tlog.TreeHash(size, t)
	if err != nil {
		return nil, fmt.Errorf("计算大小为 %d 的树根失败:%w", size, err)
	}
	cc.beyond()
	if lastBadLeaf >= 0 && len(rep.Problems) > 0 {
		rep.Notes = append(rep.Notes, "叶子被改动后,其上各层哈希和此后的检查点都会随之不符;请先看第一个问题。")
	}
	return rep, nil
}

// frontier recomputes a tree leaf by leaf keeping only the hashes later
// leaves and tree heads need: per level, the last left child whose sibling
// is not complete yet. Its memory is O(log n): Verify streams.
type frontier struct {
	n      int64
	hashes map[int64]tlog.Hash // by stored hash index
}

func newFrontier() *frontier { return &frontier{hashes: map[int64]tlog.Hash{}} }

// append adds leaf n's record hash and returns the stored hashes it
// completes, in stored index order.
func (t *frontier) append(h tlog.Hash) ([]tlog.Hash, error) {
	n := t.n
	hs, err := tlog.StoredHashesForRecordHash(n, h, t)
	if err != nil {
		return nil, fmt.Errorf("重算第 %d 条事件的树哈希失败:%w", n, err)
	}
	for level, h := range hs {
		k := n >> uint(level)
		if k%2 == 0 {
			t.hashes[tlog.StoredHashIndex(level, k)] = h
		} else {
			delete(t.hashes, tlog.StoredHashIndex(level, k-1))
		}
	}
	t.n++
	return hs, nil
}

// ReadHashes serves the frontier's hashes: what StoredHashesForRecordHash
// and TreeHash of the current size read.
func (t *frontier) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		h, ok := t.hashes[x]
		if !ok {
			return nil, fmt.Errorf("第 %d 个树哈希不在重算的树的边缘上", x)
		}
		out[i] = h
	}
	return out, nil
}

// checkpointChecker checks each stored checkpoint when the recomputed tree
// reaches its size: signature, origin, root. Two checkpoints whose roots
// are both signed are consistent exactly when both equal the recomputed
// roots; when one does and the other does not, the log was rewritten
// between them.
type checkpointChecker struct {
	rep     *Report // problems wait in pending until flush
	pending Report
	cps     []StoredCheckpoint
	next    int
	v       note.Verifier
	origin  string
	size    int64
	prev    *checkedCheckpoint
	good    int64 // size of the last checkpoint that matched
}

type checkedCheckpoint struct {
	size  int64
	match bool
}

func newCheckpointChecker(rep *Report, cps []StoredCheckpoint, v note.Verifier, origin string, size int64) *checkpointChecker {
	return &checkpointChecker{rep: rep, cps: cps, v: v, origin: origin, size: size}
}

// flush reports the checkpoint problems found since the last flush, after
// the leaf and hash problems of the same batch: the first problem listed
// is the cause.
func (c *checkpointChecker) flush() {
	for _, p := range c.pending.Problems {
		c.rep.add(p.Kind, p.Index, "%s", p.Msg)
	}
	c.rep.Truncated = c.rep.Truncated || c.pending.Truncated
	c.pending = Report{}
}

// at checks the checkpoints of the tree's current size.
func (c *checkpointChecker) at(t *frontier) error {
	for c.next < len(c.cps) && c.cps[c.next].Size <= t.n {
		cp := c.cps[c.next]
		c.next++
		c.rep.Checkpoints++
		n, root, err := OpenCheckpoint(cp.Note, c.v, c.origin)
		if err != nil {
			c.pending.add(ProblemCheckpoint, cp.Size, "大小为 %d 的检查点无效:%v", cp.Size, err)
			continue
		}
		if n != cp.Size {
			c.pending.add(ProblemCheckpoint, cp.Size, "存储时记为大小 %d 的检查点,签名内容中的大小却是 %d", cp.Size, n)
			continue
		}
		if n != t.n {
			continue // size 0 or out of order: nothing to compare at this size
		}
		want, err := tlog.TreeHash(n, t)
		if err != nil {
			return fmt.Errorf("计算大小为 %d 的树哈希失败:%w", n, err)
		}
		match := root == want
		if !match {
			c.pending.add(ProblemCheckpoint, n, "大小为 %d 的已签名检查点的根哈希与由事件重新计算的根哈希不符(第 %d 至第 %d 条事件被改写,或检查点本身有误)", n, c.good, n-1)
		} else {
			c.good = n
		}
		if c.prev != nil && c.prev.match != match {
			c.pending.add(ProblemConsistency, n, "大小为 %d 的检查点与此前大小为 %d 的检查点不一致(日志被改写)", n, c.prev.size)
		}
		c.prev = &checkedCheckpoint{n, match}
	}
	return nil
}

// beyond reports the checkpoints larger than the log.
func (c *checkpointChecker) beyond() {
	for ; c.next < len(c.cps); c.next++ {
		cp := c.cps[c.next]
		c.rep.Checkpoints++
		if _, _, err := OpenCheckpoint(cp.Note, c.v, c.origin); err != nil {
			c.rep.add(ProblemCheckpoint, cp.Size, "大小为 %d 的检查点无效:%v", cp.Size, err)
			continue
		}
		c.rep.add(ProblemCheckpoint, cp.Size, "大小为 %d 的检查点超出了日志现有的 %d 条事件(事件被删除?)", cp.Size, c.size)
	}
}

// compareProblem records a mismatch at stored hash index x between the
// recomputed tree and the stored (or served) hash. Interior hashes over a
// leaf already reported are consequences of that leaf and are not listed.
// It returns the last bad leaf.
func compareProblem(rep *Report, what string, x, lastBadLeaf int64) int64 {
	level, n := tlog.SplitStoredHashIndex(x)
	if level == 0 {
		rep.add(ProblemLeaf, n, "第 %d 条事件的叶子哈希与%s哈希不符(事件内容或%s叶子哈希被改动)", n, what, what)
		return n
	}
	first := n << uint(level)
	last := first + 1<<uint(level) - 1
	if lastBadLeaf >= first && lastBadLeaf <= last {
		return lastBadLeaf
	}
	rep.add(ProblemHash, x, "%s第 %d 个树哈希(第 %d 层第 %d 个节点,覆盖第 %d 至第 %d 条事件)与由事件重新计算的值不符",
		what, x, level, n, first, last)
	return lastBadLeaf
}

// memTree holds every stored hash of a tree recomputed from its leaves.
type memTree struct {
	hashes []tlog.Hash
	n      int64 // leaves
}

func newMemTree(size int64) *memTree {
	return &memTree{hashes: make([]tlog.Hash, 0, tlog.StoredHashCount(size))}
}

func (t *memTree) append(h tlog.Hash) error {
	n := t.n
	hs, err := tlog.StoredHashesForRecordHash(n, h, t)
	if err != nil {
		return fmt.Errorf("重算第 %d 条事件的树哈希失败:%w", n, err)
	}
	t.hashes = append(t.hashes, hs...)
	t.n++
	return nil
}

func (t *memTree) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(t.hashes)) {
			return nil, fmt.Errorf("第 %d 个树哈希不在重算的树中", x)
		}
		out[i] = t.hashes[x]
	}
	return out, nil
}
