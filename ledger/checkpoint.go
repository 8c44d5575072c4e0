package ledger

import (
	"bytes"
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
		return nil, fmt.Errorf("签名私钥格式错误(应为 note 私钥 PRIVATE+KEY+名称+哈希+密钥):%w", err)
	}
	// The verifier key is derived from the Ed25519 seed in the private key;
	// note.NewSigner has already checked the format and the key hash.
	// "PRIVATE+KEY+<name>+<hash>+<base64>"; names hold no '+', base64 may.
	f := strings.SplitN(skey, "+", 5)
	if len(f) != 5 {
		return nil, errors.New("签名私钥格式错误(应为 note 私钥 PRIVATE+KEY+名称+哈希+密钥)")
	}
	raw, err := base64.StdEncoding.DecodeString(f[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize {
		return nil, errors.New("签名私钥不是 Ed25519 密钥")
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(s.Name(), pub)
	if err != nil {
		return nil, fmt.Errorf("无法由签名私钥导出验证公钥:%w", err)
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
		return nil, fmt.Errorf("无法读取签名密钥文件 %s:%w", path, err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("日志签名密钥文件 %s 的权限为 %04o,组用户或其他用户可以读取;请执行 chmod 600 %s 后再启动", path, fi.Mode().Perm(), path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取签名密钥文件 %s:%w", path, err)
	}
	s, err := NewSigner(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("签名密钥文件 %s:%w", path, err)
	}
	if s.Name() != name {
		return nil, fmt.Errorf("签名密钥文件 %s 中的密钥名为 %q,与台账的 origin %q 不符:origin 即密钥名,换 origin 就是另起一本台账,须用新的密钥文件(或改回原来的 --origin)", path, s.Name(), name)
	}
	return s, nil
}

func createKey(path, name string) (*Signer, error) {
	skey, _, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		return nil, fmt.Errorf("无法生成名为 %q 的签名密钥:%w", name, err)
	}
	s, err := NewSigner(skey)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("无法创建签名密钥目录:%w", err)
	}
	// O_EXCL: never overwrite a key another process has just written.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("无法创建签名密钥文件:%w", err)
	}
	if _, err := f.WriteString(skey + "\n"); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("无法写入签名密钥文件:%w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("无法写入签名密钥文件:%w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("无法写入签名密钥文件:%w", err)
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
		return nil, fmt.Errorf("检查点的 origin %q 无效:不能为空,也不能含换行", origin)
	}
	if size < 0 {
		return nil, fmt.Errorf("检查点的大小 %d 无效:不能为负数", size)
	}
	text := fmt.Sprintf("%s\n%d\n%s\n", origin, size, base64.StdEncoding.EncodeToString(root[:]))
	msg, err := note.Sign(&note.Note{Text: text}, s.signer)
	if err != nil {
		return nil, fmt.Errorf("签署检查点失败:%w", err)
	}
	return msg, nil
}

// Checkpoint is the content of a C2SP tlog-checkpoint: the log's origin,
// its size and the root hash of the tree of that size.
type Checkpoint struct {
	Origin string
	Size   int64
	Root   tlog.Hash
}

// ParseCheckpoint checks that msg is a signed note with a valid signature by
// v and that its text is a tlog-checkpoint, and returns it whatever origin it
// names; the caller decides whether that origin is the expected one.
// Extension lines after the root are allowed and ignored. Errors are Chinese
// sentences fit for the user: they say what is wrong with the checkpoint.
func ParseCheckpoint(msg []byte, v note.Verifier) (Checkpoint, error) {
	if len(bytes.TrimSpace(msg)) == 0 {
		return Checkpoint{}, errors.New("检查点为空(台账尚无事件,或文件不是检查点)")
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return Checkpoint{}, signatureError(err, v)
	}
	signed := false
	for _, sig := range n.Sigs {
		if sig.Name == v.Name() && sig.Hash == v.KeyHash() {
			signed = true
		}
	}
	if !signed {
		return Checkpoint{}, fmt.Errorf("检查点没有验证密钥 %q 的签名", v.Name())
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		return Checkpoint{}, fmt.Errorf("检查点格式错误:正文只有 %d 行,应至少有 origin、大小、根哈希 3 行", len(lines)-1)
	}
	cp := Checkpoint{Origin: lines[0]}
	if cp.Origin == "" {
		return Checkpoint{}, errors.New("检查点格式错误:第 1 行(origin)为空")
	}
	cp.Size, err = strconv.ParseInt(lines[1], 10, 64)
	if err != nil || cp.Size < 0 || lines[1] != strconv.FormatInt(cp.Size, 10) {
		return Checkpoint{}, fmt.Errorf("检查点格式错误:第 2 行应为树的大小(非负整数),实为 %q", lines[1])
	}
	h, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(h) != tlog.HashSize {
		return Checkpoint{}, fmt.Errorf("检查点格式错误:第 3 行应为 base64 编码的 32 字节根哈希,实为 %q", lines[2])
	}
	copy(cp.Root[:], h)
	return cp, nil
}

// signatureError says in Chinese why note.Open refused a checkpoint.
func signatureError(err error, v note.Verifier) error {
	var unverified *note.UnverifiedNoteError
	var invalid *note.InvalidSignatureError
	switch {
	case errors.As(err, &invalid):
		return fmt.Errorf("检查点上密钥 %q 的签名无效:签名后正文被改动,或签名是伪造的", invalid.Name)
	case errors.As(err, &unverified):
		var by []string
		for _, s := range unverified.Note.UnverifiedSigs {
			by = append(by, fmt.Sprintf("%q(密钥哈希 %08x)", s.Name, s.Hash))
		}
		if len(by) == 0 {
			return errors.New("检查点上没有签名")
		}
		return fmt.Errorf("检查点不是由验证密钥 %q(密钥哈希 %08x)签名的,签名者为 %s:验证密钥有误,或日志已换了密钥",
			v.Name(), v.KeyHash(), strings.Join(by, "、"))
	default:
		return errors.New("检查点不是格式正确的签名注记(C2SP signed-note):应为正文、一个空行和以 \"— \" 开头的签名行")
	}
}

// OpenCheckpoint is ParseCheckpoint for a checkpoint that must name origin;
// it returns the tree size and root hash.
func OpenCheckpoint(msg []byte, v note.Verifier, origin string) (size int64, root tlog.Hash, err error) {
	cp, err := ParseCheckpoint(msg, v)
	if err != nil {
		return 0, tlog.Hash{}, err
	}
	if cp.Origin != origin {
		return 0, tlog.Hash{}, fmt.Errorf("检查点的 origin 为 %q,应为 %q:这是另一本台账的检查点,或 --origin 有误", cp.Origin, origin)
	}
	return cp.Size, cp.Root, nil
}
