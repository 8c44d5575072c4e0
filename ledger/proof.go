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
		return nil, fmt.Errorf("ledger: inclusion proof: index %d not in tree of size %d", index, size)
	}
	p, err := tlog.ProveRecord(size, index, r)
	if err != nil {
		return nil, fmt.Errorf("ledger: inclusion proof: %w", err)
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
	bad := func(why string) error { return fmt.Errorf("ledger: malformed tlog-proof: %s", why) }
	head, checkpoint, ok := bytes.Cut(text, []byte("\n\n"))
	if !ok {
		return 0, nil, nil, bad("no empty line before the checkpoint")
	}
	lines := strings.Split(string(head), "\n")
	if lines[0] != proofHeader {
		return 0, nil, nil, bad("first line is not " + proofHeader)
	}
	lines = lines[1:]
	if len(lines) > 0 && strings.HasPrefix(lines[0], "extra ") {
		if _, err := base64.StdEncoding.DecodeString(lines[0][len("extra "):]); err != nil {
			return 0, nil, nil, bad("extra is not base64")
		}
		lines = lines[1:]
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "index ") {
		return 0, nil, nil, bad("no index line")
	}
	s := lines[0][len("index "):]
	index, err = strconv.ParseInt(s, 10, 64)
	if err != nil || index < 0 || s != strconv.FormatInt(index, 10) {
		return 0, nil, nil, bad(fmt.Sprintf("bad index %q", s))
	}
	if len(lines)-1 > 64 {
		return 0, nil, nil, bad("too many hashes")
	}
	for _, l := range lines[1:] {
		h, err := base64.StdEncoding.DecodeString(l)
		if err != nil || len(h) != tlog.HashSize {
			return 0, nil, nil, bad(fmt.Sprintf("bad hash line %q", l))
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
		return 0, err
	}
	if index >= size {
		return 0, fmt.Errorf("ledger: proof index %d not in checkpoint of size %d", index, size)
	}
	if err := tlog.CheckRecord(proof, size, root, index, tlog.RecordHash(leaf)); err != nil {
		return 0, fmt.Errorf("ledger: inclusion proof for index %d does not verify: %w", index, err)
	}
	return index, nil
}

// ConsistencyProof returns the proof that the tree of oldSize leaves is a
// prefix of the tree of newSize leaves.
func ConsistencyProof(r tlog.HashReader, oldSize, newSize int64) (tlog.TreeProof, error) {
	if oldSize < 0 || oldSize > newSize {
		return nil, fmt.Errorf("ledger: consistency proof: bad sizes %d, %d", oldSize, newSize)
	}
	if oldSize == 0 {
		return tlog.TreeProof{}, nil
	}
	p, err := tlog.ProveTree(newSize, oldSize, r)
	if err != nil {
		return nil, fmt.Errorf("ledger: consistency proof: %w", err)
	}
	return p, nil
}

// CheckConsistency checks a proof from ConsistencyProof: the tree of oldSize
// leaves with root oldRoot is a prefix of the tree of newSize leaves with
// root newRoot.
func CheckConsistency(p tlog.TreeProof, oldSize int64, oldRoot tlog.Hash, newSize int64, newRoot tlog.Hash) error {
	if oldSize < 0 || oldSize > newSize {
		return fmt.Errorf("ledger: consistency: bad sizes %d, %d", oldSize, newSize)
	}
	if oldSize == 0 {
		// Every tree extends the empty tree; there is nothing to prove but
		// the empty tree's root.
		if oldRoot != emptyRoot {
			return errors.New("ledger: consistency: root of the empty tree is wrong")
		}
		return nil
	}
	if err := tlog.CheckTree(p, newSize, newRoot, oldSize, oldRoot); err != nil {
		return errors.New("ledger: consistency proof does not verify")
	}
	return nil
}
