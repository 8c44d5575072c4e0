package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/emmansun/gmsm/sm4"
	"github.com/zhifa/zhifa/ledger"
)

// Personal data at rest (个人信息保护法 Art 51; 等保 2.0 level 3): the
// parties' ID numbers, phones and addresses of the cases table, and the
// steps' fields and review opinions that restate them, are stored
// encrypted per field (encryptedTables). The store encrypts when it writes
// them and decrypts when it reads them, so services and pages see
// plaintext; the database file or a dump alone holds only ciphertext. The record digests of
// store/record.go cover the stored (encrypted) columns.
//
// A stored value is "enc1:" + key id + ":" + base64(nonce || ciphertext),
// the ciphertext sealed with "table.column" as additional data (a value
// moved to another column does not open). An empty value stays empty. A
// value without the prefix is plaintext written before encryption (or with
// no keys set) and is read as it is; RotateFieldKeys encrypts it.
//
// No query looks a case up by a party's ID number, phone or address, so no
// blind index is kept.

// Field ciphers: AES-256-GCM (the standard library; the default) and
// SM4-GCM (GB/T 32907, github.com/emmansun/gmsm; 128-bit key), for
// deployments held to the national algorithms (密码应用 of 等保 2.0).
const (
	FieldAES = "aes-256-gcm"
	FieldSM4 = "sm4-gcm"
)

// fieldKeySize is the key length of each cipher.
var fieldKeySize = map[string]int{FieldAES: 32, FieldSM4: 16}

func newFieldAEAD(alg string, key []byte) (cipher.AEAD, error) {
	var block cipher.Block
	var err error
	switch alg {
	case FieldAES:
		block, err = aes.NewCipher(key)
	case FieldSM4:
		block, err = sm4.NewCipher(key)
	default:
		return nil, fmt.Errorf("unknown cipher %s", alg)
	}
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

const fieldPrefix = "enc1:"

// FieldKeys is a key ring: every key version a stored value may name, and
// the current one that new values are written with. The zero value is not
// usable; see ParseFieldKeys, LoadFieldKeyFile and CreateFieldKeyFile.
type FieldKeys struct {
	keys    map[string]cipher.AEAD
	algs    map[string]string // cipher by key id
	order   []string          // as in the key file, oldest first
	current string
	lines   []string // the key file's key lines
}

// fieldKeyID names a key: the first 8 hex digits of a digest of the
// algorithm and the key, so that a value sealed with another key file's
// key is told apart from a damaged one.
func fieldKeyID(alg string, key []byte) string {
	h := sha256.New()
	h.Write([]byte("zhifa field key\x00" + alg + "\x00"))
	h.Write(key)
	return hex.EncodeToString(h.Sum(nil)[:4])
}

// newFieldKeyLine returns a key file line with a new random key of
// cipher alg (FieldAES or FieldSM4).
func newFieldKeyLine(alg string) (string, error) {
	n, ok := fieldKeySize[alg]
	if !ok {
		return "", fmt.Errorf("算法“%s”不受支持(支持 %s、%s)", alg, FieldAES, FieldSM4)
	}
	key := make([]byte, n)
	if _, err := rand.Read(key); err != nil {
		return "", err
	}
	return alg + " " + fieldKeyID(alg, key) + " " + base64.StdEncoding.EncodeToString(key), nil
}

// ParseFieldKeys parses a key file: one key a line, "<cipher> <id>
// <base64 key>" (cipher aes-256-gcm or sm4-gcm), the last line the current
// key; lines starting with # are comments. A line may also be a bare
// base64 32-byte key (an AES-256-GCM key given in an environment variable).
func ParseFieldKeys(text string) (*FieldKeys, error) {
	k := &FieldKeys{keys: map[string]cipher.AEAD{}, algs: map[string]string{}}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		alg, id, b64 := FieldAES, "", line
		if len(f) == 3 {
			alg, id, b64 = f[0], f[1], f[2]
		} else if len(f) != 1 {
			return nil, fmt.Errorf("第 %d 行应为“算法 密钥编号 密钥”", n+1)
		}
		size, ok := fieldKeySize[alg]
		if !ok {
			return nil, fmt.Errorf("第 %d 行的算法“%s”不受支持(支持 %s、%s)", n+1, alg, FieldAES, FieldSM4)
		}
		key, err := base64.StdEncoding.DecodeString(b64)
		if err != nil || len(key) != size {
			return nil, fmt.Errorf("第 %d 行的密钥应为 %d 字节的 base64", n+1, size)
		}
		want := fieldKeyID(alg, key)
		if id == "" {
			id = want
		} else if id != want {
			return nil, fmt.Errorf("第 %d 行的密钥编号 %s 与密钥不符(应为 %s):文件可能已损坏", n+1, id, want)
		}
		aead, err := newFieldAEAD(alg, key)
		if err != nil {
			return nil, err
		}
		if _, dup := k.keys[id]; !dup {
			k.order = append(k.order, id)
			k.lines = append(k.lines, alg+" "+id+" "+base64.StdEncoding.EncodeToString(key))
		}
		k.keys[id] = aead
		k.algs[id] = alg
		k.current = id
	}
	if k.current == "" {
		return nil, errors.New("没有任何密钥")
	}
	return k, nil
}

// Current returns the id of the key new values are written with.
func (k *FieldKeys) Current() string { return k.current }

// Cipher returns the cipher of key id ("" if the ring lacks it).
func (k *FieldKeys) Cipher(id string) string { return k.algs[id] }

// IDs returns the ids of the ring's keys, oldest first.
func (k *FieldKeys) IDs() []string { return append([]string(nil), k.order...) }

// Has reports whether the ring holds key id.
func (k *FieldKeys) Has(id string) bool { _, ok := k.keys[id]; return ok }

const fieldKeyHeader = "# zhifa 个人信息字段加密密钥(当事人身份号码、电话、住址)。机密:与数据库分开保管;丢失则这些信息无法读取。\n" +
	"# 每行一个密钥版本:算法 密钥编号 密钥;最后一行为当前密钥,较早的行用于读取尚未轮换的数据。\n"

func (k *FieldKeys) fileText() string {
	return fieldKeyHeader + strings.Join(k.lines, "\n") + "\n"
}

// seal encrypts v for column col under the current key.
func (k *FieldKeys) seal(col, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	aead := k.keys[k.current]
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(v)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	out := aead.Seal(nonce, nonce, []byte(v), []byte(col))
	return fieldPrefix + k.current + ":" + base64.RawStdEncoding.EncodeToString(out), nil
}

// fieldKeyOf returns the key id a stored value names, "" for plaintext.
func fieldKeyOf(stored string) string {
	rest, ok := strings.CutPrefix(stored, fieldPrefix)
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, ":")
	return id
}

// openField decrypts stored value v of column col; plaintext (no prefix)
// is returned as it is. k may be nil when no keys are set: then an
// encrypted value is an error.
func openField(k *FieldKeys, col, v string) (string, error) {
	rest, ok := strings.CutPrefix(v, fieldPrefix)
	if !ok {
		return v, nil
	}
	id, b64, ok := strings.Cut(rest, ":")
	if !ok {
		return "", fmt.Errorf("store: %s: malformed encrypted value", col)
	}
	if k == nil {
		return "", fmt.Errorf("store: %s is encrypted with data key %s, but no data key is set", col, id)
	}
	aead := k.keys[id]
	if aead == nil {
		return "", fmt.Errorf("store: %s is encrypted with data key %s, which the key ring does not hold (it holds %s)", col, id, strings.Join(k.order, ", "))
	}
	b, err := base64.RawStdEncoding.DecodeString(b64)
	if err != nil || len(b) < aead.NonceSize() {
		return "", fmt.Errorf("store: %s: malformed encrypted value", col)
	}
	pt, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], []byte(col))
	if err != nil {
		return "", fmt.Errorf("store: %s: encrypted value does not open with data key %s", col, id)
	}
	return string(pt), nil
}

// sealField is seal when keys are set, plaintext otherwise (databases
// opened by tests and tools that never set keys).
func sealField(k *FieldKeys, col, v string) (string, error) {
	if k == nil {
		return v, nil
	}
	return k.seal(col, v)
}

// SetFieldKeys makes the database encrypt the parties' personal data it
// writes with k's current key, and read values under any of k's keys. It
// is called right after Open, before any read or write.
func (db *DB) SetFieldKeys(k *FieldKeys) { db.conn.fields = k }

// FieldKeys returns the key ring set by SetFieldKeys, nil if none.
func (db *DB) FieldKeys() *FieldKeys { return db.conn.fields }

// encryptedTable is a table with columns stored encrypted.
type encryptedTable struct {
	name string
	cols []string
}

// encryptedTables are the columns stored encrypted: the parties' ID
// numbers, phones and addresses, and the steps' fields and review opinions,
// whose documents (a decision's facts, an inquiry record) restate them.
// Each column's additional data is "table.column".
var encryptedTables = []encryptedTable{
	{"cases", []string{"party_id_number", "party_phone", "party_address"}},
	{"case_steps", []string{"fields", "review"}},
	{"complaints", []string{"subject", "content", "contact_name", "contact_phone", "decline_reason", "reply"}},
	{"inspection_steps", []string{"fields"}}, // 现场检查笔录 may name people
}

// FieldKeyUse counts the stored values of the encrypted columns by the key
// that encrypts them; "" counts the plaintext ones (empty values are not
// counted). The database groups them: a start-up check, not a scan.
func (c *conn) FieldKeyUse(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	prefix := len(fieldPrefix) + 8 + 1 // "enc1:" + key id + ":"
	for _, t := range encryptedTables {
		for _, col := range t.cols {
			q := fmt.Sprintf(`SELECT CASE WHEN %[1]s LIKE 'enc1:%%' THEN substr(%[1]s, 1, %[2]d) ELSE '' END, COUNT(*) FROM %[3]s WHERE %[1]s <> '' GROUP BY 1`, col, prefix, t.name)
			rows, err := c.query(ctx, q)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var p string
				var n int
				if err := rows.Scan(&p, &n); err != nil {
					rows.Close()
					return nil, err
				}
				out[fieldKeyOf(p)] += n
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// RotateFieldKeys re-encrypts under k's current key every stored value of
// the encrypted columns that is not yet under it (plaintext included), in
// write transactions of up to batch rows, each recording one
// "data_key.rotated" event by actor that digests the rows it rewrote. k
// must hold every key the rows name. It returns how many rows of each
// table were rewritten.
func (db *DB) RotateFieldKeys(ctx context.Context, k *FieldKeys, actor string, batch int) (map[string]int, error) {
	if batch <= 0 {
		batch = 200
	}
	total := map[string]int{}
	for _, t := range encryptedTables {
		after := int64(0)
		for {
			var done bool
			err := db.Write(ctx, func(tx *Tx) error {
				n, last, more, err := tx.rotateBatch(t, k, after, batch)
				if err != nil {
					return err
				}
				after, done = last, !more
				if n == 0 {
					return errNothingRotated // no event, nothing written
				}
				_, err = tx.Record(ledger.Event{Type: "data_key.rotated", Object: "data_key/" + k.Current(), Actor: actor,
					Attrs: map[string]string{"key": k.Current(), "table": t.name, "rows": strconv.Itoa(n)}})
				if err == nil {
					total[t.name] += n
				}
				return err
			})
			if err != nil && !errors.Is(err, errNothingRotated) {
				return total, err
			}
			if done {
				break
			}
		}
	}
	return total, nil
}

var errNothingRotated = errors.New("store: nothing to rotate")

// rotateBatch rewrites, among the batch rows of t after id after, those
// with a value not under k's current key; last is the last id read and
// more whether rows may follow.
func (tx *Tx) rotateBatch(t encryptedTable, k *FieldKeys, after int64, batch int) (n int, last int64, more bool, err error) {
	rows, err := tx.query(tx.ctx, fmt.Sprintf(`SELECT id, %s FROM %s WHERE id > ? ORDER BY id LIMIT %d`, strings.Join(t.cols, ", "), t.name, batch), after)
	if err != nil {
		return 0, 0, false, err
	}
	type row struct {
		id int64
		v  []string
	}
	var todo []row
	read := 0
	for rows.Next() {
		r := row{v: make([]string, len(t.cols))}
		dest := []any{&r.id}
		for i := range r.v {
			dest = append(dest, &r.v[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return 0, 0, false, err
		}
		read++
		last = r.id
		for _, s := range r.v {
			if s != "" && fieldKeyOf(s) != k.Current() {
				todo = append(todo, r)
				break
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, false, err
	}
	set := strings.Join(t.cols, " = ?, ") + " = ?"
	for _, r := range todo {
		args := make([]any, 0, len(t.cols)+1)
		for i, col := range t.cols {
			pt, err := openField(k, t.name+"."+col, r.v[i])
			if err != nil {
				return 0, 0, false, fmt.Errorf("%s %d: %w", t.name, r.id, err)
			}
			ct, err := k.seal(t.name+"."+col, pt)
			if err != nil {
				return 0, 0, false, err
			}
			args = append(args, ct)
		}
		if _, err := tx.exec(tx.ctx, `UPDATE `+t.name+` SET `+set+` WHERE id = ?`, append(args, r.id)...); err != nil {
			return 0, 0, false, err
		}
		tx.touch(t.name, r.id)
	}
	return len(todo), last, read == batch, nil
}

// Key files. The data key file is a secret like the log's signing key:
// created 0600, refused when others may read it.

// LoadFieldKeyFile reads the key file at path.
func LoadFieldKeyFile(path string) (*FieldKeys, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("数据加密密钥文件 %s 的权限为 %04o,组用户或其他用户可以读取;请执行 chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := ParseFieldKeys(string(b))
	if err != nil {
		return nil, fmt.Errorf("数据加密密钥文件 %s:%w", path, err)
	}
	return k, nil
}

// CreateFieldKeyFile writes a new key file with one new key of cipher alg
// at path; it never overwrites a file (an error wrapping fs.ErrExist when
// one is there). The file appears complete or not at all: it is written
// beside and linked into place, so a process starting at the same moment
// never reads half a key.
func CreateFieldKeyFile(path, alg string) (*FieldKeys, error) {
	line, err := newFieldKeyLine(alg)
	if err != nil {
		return nil, err
	}
	k, err := ParseFieldKeys(line)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".data-key-*")
	if err != nil {
		return nil, err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err = f.Chmod(0o600); err == nil {
		if _, err = f.WriteString(k.fileText()); err == nil {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp, path)
	}
	if err != nil {
		return nil, err
	}
	syncDir(filepath.Dir(path))
	return k, nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// AddFieldKey appends a new key version of cipher alg to the key file at
// path, which becomes the current key, and returns the new ring. The file is replaced
// atomically (a new file renamed over it); the old keys stay, to read
// values not yet rotated and older backups.
func AddFieldKey(path, alg string) (*FieldKeys, error) {
	old, err := LoadFieldKeyFile(path)
	if err != nil {
		return nil, err
	}
	line, err := newFieldKeyLine(alg)
	if err != nil {
		return nil, err
	}
	k, err := ParseFieldKeys(strings.Join(append(old.lines, line), "\n"))
	if err != nil {
		return nil, err
	}
	tmp := path + ".new"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString(k.fileText()); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return nil, err
	}
	syncDir(filepath.Dir(path))
	return k, nil
}
