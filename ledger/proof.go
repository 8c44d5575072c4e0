package ledger

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// emptyRoot is the RFC 6962 root of the empty tree, SHA-256 of "".
var emptyRoot, _ = tlog.TreeHash(0, nil)

// proofHeader is the first line of a C2SP tlog-proof.
const proofHeader = "c2sp.org/tlog-proof@v1"

// InclusionProof returns the RFC 6962 audit path proving that leaf index is
// in the tree of the given size.
func InclusionProof(r tlog.HashReader, index, size int64) (tlog.RecordProof, error) {
	if index < 0 || index >= size {
		return nil, fmt.Errorf("无法证明第 %d 条事件的包含性:大小为 %d 的树中没有这一条", index, size)
	}
	p, err := tlog.ProveRecord(size, index, r)
	if err != nil {
		return nil, fmt.Errorf("构造第 %d 条事件的包含性证明失败:%w", index, err)
	}
	return p, nil
}

// FormatProof returns the C2SP tlog-proof text for the leaf at index: the
// header line, "index N", one base64 hash per line from the leaf's sibling up,
// an empty line, and the signed checkpoint verbatim. It is the receipt a party
// keeps; it verifies offline with VerifyProof and the log's verifier key.
func FormatProof(index int64, proof tlog.RecordProof, signedCheckpoint []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nindex %d\n", proofHeader, index)
	for _, h := range proof {
		b.WriteString(base64.StdEncoding.EncodeToString(h[:]))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.Write(signedCheckpoint)
	return b.Bytes()
}

// ParseProof splits a C2SP tlog-proof into its index, audit path and signed
// checkpoint, without checking anything cryptographically. An "extra" line,
// which is not authenticated, is skipped.
func ParseProof(text []byte) (index int64, proof tlog.RecordProof, checkpoint []byte, err error) {
	bad := func(why string) error { return fmt.Errorf("包含性证明(C2SP tlog-proof)格式错误:%s", why) }
	head, checkpoint, ok := bytes.Cut(text, []byte("\n\n"))
	if !ok {
		return 0, nil, nil, bad("检查点前缺少空行")
	}
	lines := strings.Split(string(head), "\n")
	if lines[0] != proofHeader {
		return 0, nil, nil, bad("第 1 行应为 " + proofHeader)
	}
	lines = lines[1:]
	if len(lines) > 0 && strings.HasPrefix(lines[0], "extra ") {
		if _, err := base64.StdEncoding.DecodeString(lines[0][len("extra "):]); err != nil {
			return 0, nil, nil, bad("extra 行不是 base64")
		}
		lines = lines[1:]
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "index ") {
		return 0, nil, nil, bad("缺少 index 行")
	}
	s := lines[0][len("index "):]
	index, err = strconv.ParseInt(s, 10, 64)
	if err != nil || index < 0 || s != strconv.FormatInt(index, 10) {
		return 0, nil, nil, bad(fmt.Sprintf("index 行的序号 %q 不是非负整数", s))
	}
	if len(lines)-1 > 64 {
		return 0, nil, nil, bad("哈希超过 64 行")
	}
	for _, l := range lines[1:] {
		h, err := base64.StdEncoding.DecodeString(l)
		if err != nil || len(h) != tlog.HashSize {
			return 0, nil, nil, bad(fmt.Sprintf("%q 不是 base64 编码的 32 字节哈希", l))
		}
		proof = append(proof, tlog.Hash(h))
	}
	return index, proof, checkpoint, nil
}

// VerifyProof checks a C2SP tlog-proof for leaf: the checkpoint must be
// signed by v for origin and the audit path must lead from the leaf's record
// hash at the stated index to the checkpoint's root. It returns the index.
func VerifyProof(proofText []byte, leaf []byte, v note.Verifier, origin string) (index int64, err error) {
	index, proof, checkpoint, err := ParseProof(proofText)
	if err != nil {
		return 0, err
	}
	size, root, err := OpenCheckpoint(checkpoint, v, origin)
	if err != nil {
		return 0, fmt.Errorf("包含性证明所附的%w", err)
	}
	if index >= size {
		return 0, fmt.Errorf("包含性证明的序号 %d 不在所附大小为 %d 的检查点之内", index, size)
	}
	if err := tlog.CheckRecord(proof, size, root, index, tlog.RecordHash(leaf)); err != nil {
		return 0, fmt.Errorf("第 %d 条事件的包含性证明不成立:事件内容与证明不符,或证明被改动", index)
	}
	return index, nil
}

// ConsistencyProof returns the proof that the tree of oldSize leaves is a
// prefix of the tree of newSize leaves.
func ConsistencyProof(r tlog.HashReader, oldSize, newSize int64) (tlog.TreeProof, error) {
	if oldSize < 0 || oldSize > newSize {
		return nil, fmt.Errorf("无法证明一致性:旧的大小 %d 应在 0 与新的大小 %d 之间", oldSize, newSize)
	}
	if oldSize == 0 {
		return tlog.TreeProof{}, nil
	}
	p, err := tlog.ProveTree(newSize, oldSize, r)
	if err != nil {
		return nil, fmt.Errorf("构造从大小 %d 到大小 %d 的一致性证明失败:%w", oldSize, newSize, err)
	}
	return p, nil
}

// CheckConsistency checks a proof from ConsistencyProof: the tree of oldSize
// leaves with root oldRoot is a prefix of the tree of newSize leaves with
// root newRoot.
func CheckConsistency(p tlog.TreeProof, oldSize int64, oldRoot tlog.Hash, newSize int64, newRoot tlog.Hash) error {
	if oldSize < 0 || oldSize > newSize {
		return fmt.Errorf("无法核验一致性:旧的大小 %d 应在 0 与新的大小 %d 之间", oldSize, newSize)
	}
	if oldSize == 0 {
		// Every tree extends the empty tree; there is nothing to prove but
		// the empty tree's root.
		if oldRoot != emptyRoot {
			return errors.New("大小为 0 的检查点的根哈希不是空树的根哈希")
		}
		return nil
	}
	if err := tlog.CheckTree(p, newSize, newRoot, oldSize, oldRoot); err != nil {
		return fmt.Errorf("一致性证明不成立:大小为 %d 的树不是大小为 %d 的树的前缀(日志被改写)", oldSize, newSize)
	}
	return nil
}
