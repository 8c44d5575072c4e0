package ledger

import (
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// Tx is the ledger's view of one open database transaction that holds the
// log's write lock (a row lock on the log head, or SQLite's single writer).
// The store owns the transaction; the ledger only hashes.
type Tx interface {
	// ReadHashes returns stored hashes by stored hash index
	// (tlog.StoredHashIndex). Append asks only for the few hashes on the
	// right edge of the tree, at most log₂ n.
	tlog.HashReader
	// LogSize returns the number of leaves.
	LogSize() (int64, error)
	// PutLeaf persists leaf data at index, the new stored hashes, and sets
	// the log size to index+1.
	PutLeaf(index int64, data []byte, hashes []StoredHash) error
}

// StoredHash is one tree hash to store at its stored hash index
// (see tlog.StoredHashIndex).
type StoredHash struct {
	Index int64
	Hash  tlog.Hash
}

// Append encodes e and appends it as the next leaf of the log inside tx,
// returning its index. The caller commits or rolls back tx together with the
// state change the event records.
func Append(tx Tx, e Event) (index int64, err error) {
	data, err := e.Encode()
	if err != nil {
		return 0, err
	}
	return AppendData(tx, data)
}

// AppendData appends already encoded leaf data. It is Append for callers
// that encoded the event themselves (for instance to keep the bytes).
func AppendData(tx Tx, data []byte) (index int64, err error) {
	if len(data) > MaxEventSize {
		return 0, fmt.Errorf("ledger: leaf is %d bytes, more than %d", len(data), MaxEventSize)
	}
	n, err := tx.LogSize()
	if err != nil {
		return 0, fmt.Errorf("ledger: append: log size: %w", err)
	}
	hashes, err := tlog.StoredHashesForRecordHash(n, tlog.RecordHash(data), tx)
	if err != nil {
		return 0, fmt.Errorf("ledger: append: %w", err)
	}
	base := tlog.StoredHashIndex(0, n)
	stored := make([]StoredHash, len(hashes))
	for i, h := range hashes {
		stored[i] = StoredHash{Index: base + int64(i), Hash: h}
	}
	if err := tx.PutLeaf(n, data, stored); err != nil {
		return 0, fmt.Errorf("ledger: append: put leaf %d: %w", n, err)
	}
	return n, nil
}
