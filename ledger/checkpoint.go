package ledger

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Signer signs checkpoints with an Ed25519 note key. Its name is the log's
// origin.
type Signer struct {
	signer note.Signer
	vkey   string
}

// NewSigner returns a Signer for a note private key
// ("PRIVATE+KEY+<name>+<hash>+<base64>").
func NewSigner(skey string) (*Signer, error) {
	s, err := note.NewSigner(skey)
	if err != nil {
		return nil, fmt.Errorf("ledger: signer key: %w", err)
	}
	// The verifier key is derived from the Ed25519 seed in the private key;
	// note.NewSigner has already checked the format and the key hash.
	// "PRIVATE+KEY+<name>+<hash>+<base64>"; names hold no '+', base64 may.
	f := strings.SplitN(skey, "+", 5)
	if len(f) != 5 {
		return nil, errors.New("ledger: signer key: malformed")
	}
	raw, err := base64.StdEncoding.DecodeString(f[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize {
		return nil, errors.New("ledger: signer key: not an Ed25519 key")
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(s.Name(), pub)
	if err != nil {
		return nil, fmt.Errorf("ledger: signer key: %w", err)
	}
	return &Signer{signer: s, vkey: vkey}, nil
}

// LoadOrCreateKey reads the note private key in the file at path, creating
// the file (mode 0600, its directory 0700) with a new Ed25519 key named name
// if it does not exist. It refuses a key file that group or others may
// access, and a key whose name is not name (the origin changed: a new log
// needs a new key).
func LoadOrCreateKey(path, name string) (*Signer, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createKey(path, name)
	} else if err != nil {
		return nil, fmt.Errorf("ledger: key file: %w", err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("ledger: 日志签名密钥文件 %s 的权限为 %04o,组用户或其他用户可以读取;请执行 chmod 600 %s 后再启动", path, fi.Mode().Perm(), path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ledger: key file: %w", err)
	}
	s, err := NewSigner(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("ledger: key file %s: %w", path, err)
	}
	if s.Name() != name {
		return nil, fmt.Errorf("ledger: key file %s holds a key named %q, want %q (the log origin)", path, s.Name(), name)
	}
	return s, nil
}

func createKey(path, name string) (*Signer, error) {
	skey, _, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		return nil, fmt.Errorf("ledger: generate key %q: %w", name, err)
	}
	s, err := NewSigner(skey)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("ledger: key dir: %w", err)
	}
	// O_EXCL: never overwrite a key another process has just written.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("ledger: create key file: %w", err)
	}
	if _, err := f.WriteString(skey + "\n"); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("ledger: write key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("ledger: write key file: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("ledger: write key file: %w", err)
	}
	return s, nil
}

// Name returns the key name, which is the log's origin.
func (s *Signer) Name() string { return s.signer.Name() }

// VerifierKey returns the note verifier key "<name>+<hash>+<base64>", public,
// served at /log/key.
func (s *Signer) VerifierKey() string { return s.vkey }

// Verifier returns the note verifier for s's key.
func (s *Signer) Verifier() (note.Verifier, error) { return note.NewVerifier(s.vkey) }

// SignCheckpoint returns the C2SP tlog-checkpoint "origin\nsize\nbase64(root)\n"
// signed as a C2SP signed-note by s.
func SignCheckpoint(s *Signer, origin string, size int64, root tlog.Hash) ([]byte, error) {
	if origin == "" || strings.ContainsAny(origin, "\n") {
		return nil, fmt.Errorf("ledger: bad checkpoint origin %q", origin)
	}
	if size < 0 {
		return nil, fmt.Errorf("ledger: bad checkpoint size %d", size)
	}
	text := fmt.Sprintf("%s\n%d\n%s\n", origin, size, base64.StdEncoding.EncodeToString(root[:]))
	msg, err := note.Sign(&note.Note{Text: text}, s.signer)
	if err != nil {
		return nil, fmt.Errorf("ledger: sign checkpoint: %w", err)
	}
	return msg, nil
}

// OpenCheckpoint checks that msg is a signed note with a valid signature by v
// and that its text is a tlog-checkpoint for origin, and returns the tree
// size and root hash. Extension lines after the root are allowed and ignored.
func OpenCheckpoint(msg []byte, v note.Verifier, origin string) (size int64, root tlog.Hash, err error) {
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return 0, tlog.Hash{}, fmt.Errorf("ledger: checkpoint signature: %w", err)
	}
	signed := false
	for _, sig := range n.Sigs {
		if sig.Name == v.Name() && sig.Hash == v.KeyHash() {
			signed = true
		}
	}
	if !signed {
		return 0, tlog.Hash{}, errors.New("ledger: checkpoint not signed by the log key")
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		return 0, tlog.Hash{}, errors.New("ledger: malformed checkpoint: fewer than three lines")
	}
	if lines[0] != origin {
		return 0, tlog.Hash{}, fmt.Errorf("ledger: checkpoint origin %q, want %q", lines[0], origin)
	}
	size, err = strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || lines[1] != strconv.FormatInt(size, 10) {
		return 0, tlog.Hash{}, fmt.Errorf("ledger: malformed checkpoint size %q", lines[1])
	}
	h, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(h) != tlog.HashSize {
		return 0, tlog.Hash{}, fmt.Errorf("ledger: malformed checkpoint root %q", lines[2])
	}
	copy(root[:], h)
	return size, root, nil
}
