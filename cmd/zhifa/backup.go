package main

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
)

// The archive a backup writes is a plain tar (evidence is mostly photos,
// video and PDF, which do not compress; gzip would only cost time, and
// restore accepts a .tar.gz anyway). Its first entry is the manifest, so
// that a restore knows every digest before it reads the first byte of
// data.
const (
	manifestName    = "manifest.json"
	manifestFormat  = "zhifa-backup"
	manifestVersion = 1
	sqliteEntry     = "database/zhifa.db"
)

// Kinds of file in a backup.
const (
	kindDatabase = "database" // the SQLite database file
	kindTable    = "table"    // one PostgreSQL table, COPY text format
	kindEvidence = "evidence" // an evidence file of the content-addressed store
	kindKey      = "key"      // the log's signing key (a secret)
	kindDataKey  = "data_key" // the personal data key ring (a secret), only with --with-data-key
)

// manifest describes a backup: what it holds, with digests, and the state
// of the log at the snapshot.
type manifest struct {
	Format        string    `json:"format"`  // manifestFormat
	Version       int       `json:"version"` // manifestVersion
	Created       time.Time `json:"created"`
	Engine        string    `json:"engine"` // store.SQLite or store.Postgres
	SchemaVersion int       `json:"schema_version"`
	// DatabaseSHA256 is the SHA-256 of the SQLite database file; for
	// PostgreSQL each table's file has its own in Files.
	DatabaseSHA256  string                `json:"database_sha256,omitempty"`
	Log             manifestLog           `json:"log"`
	KeyIncluded     bool                  `json:"key_included"`
	DataKeyIncluded bool                  `json:"data_key_included,omitempty"`
	Files           []manifestFile        `json:"files"`
	Sequences       []store.SequenceValue `json:"sequences,omitempty"`
}

// manifestLog is the log at the snapshot: its size and the newest signed
// checkpoint, which a restore must reproduce.
type manifestLog struct {
	Size           int64  `json:"size"`
	CheckpointSize int64  `json:"checkpoint_size"`
	Checkpoint     string `json:"checkpoint"` // the signed note; "" if none yet
	Origin         string `json:"origin,omitempty"`
	VerifierKey    string `json:"verifier_key,omitempty"`
}

// manifestFile is one file of the archive.
type manifestFile struct {
	Path   string `json:"path"`
	Kind   string `json:"kind"`
	SHA256 string `json:"sha256"` // hex
	Size   int64  `json:"size"`
	Table  string `json:"table,omitempty"` // kindTable
	Rows   int64  `json:"rows,omitempty"`  // kindTable
}

// backupOptions are the flags of zhifa backup beside the shared ones.
type backupOptions struct {
	out         string
	withoutKey  bool
	withDataKey bool
}

func runBackup(ctx context.Context, e *env, args []string) error {
	var c config
	var o backupOptions
	fs := newFlagSet(e, "backup", "backup --data 目录 [--db 连接串] [--key 文件] [--without-key] [--with-data-key] --out 备份文件.tar\n\n"+
		"在服务运行时做一致的在线备份:数据库快照、数据库引用的全部证据文件(复制时逐一核对 SHA-256)、\n"+
		"签名密钥(--without-key 时不含)和清单(各文件摘要、备份时的台账大小与最新签名检查点),写成一个 tar 文件。")
	c.register(fs, e, false)
	fs.StringVar(&o.out, "out", "", "备份文件(tar),不得已存在")
	fs.BoolVar(&o.withoutKey, "without-key", false, "不把签名密钥放入备份(密钥须另行妥善保管)")
	fs.BoolVar(&o.withDataKey, "with-data-key", false, "把数据加密密钥(--data-key,默认 <数据目录>/data.key)也放入备份;默认不含:它须与备份分开保管")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("backup 不接受位置参数 %q;参数请以 -- 开头", fs.Arg(0))}
	}
	if o.out == "" {
		fs.Usage()
		return &exitError{code: 2, err: errors.New("缺少 --out:备份文件的路径")}
	}
	return backup(ctx, e, &c, o)
}

// backup writes the backup of c's data to o.out. It never leaves a partial
// archive at o.out: the archive is written beside it and renamed when
// complete.
func backup(ctx context.Context, e *env, c *config, o backupOptions) (err error) {
	if _, err := os.Lstat(o.out); err == nil {
		return fmt.Errorf("备份文件 %s 已存在:请换一个文件名(不覆盖已有的备份)", o.out)
	}
	if p, ok := store.SQLitePath(c.db, c.data); ok {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("无法备份:SQLite 数据库文件 %s:%w", p, fileReason(err))
		}
	}
	db, err := store.Open(ctx, c.db, c.data)
	if err != nil {
		return err
	}
	defer db.Close()
	if cur, latest, err := db.SchemaVersion(ctx); err != nil {
		return fmt.Errorf("读取数据库结构版本: %w", err)
	} else if cur == 0 || cur > latest {
		return fmt.Errorf("无法备份 %s:数据库结构版本为 %d,本程序支持 1..%d", db.Display, cur, latest)
	}
	now := time.Now
	if c.now != nil {
		now = c.now
	}

	stage, err := os.MkdirTemp(filepath.Dir(o.out), ".zhifa-backup-")
	if err != nil {
		return fmt.Errorf("无法在 %s 创建临时目录:%w", filepath.Dir(o.out), ioReason(err))
	}
	defer os.RemoveAll(stage)

	m := &manifest{Format: manifestFormat, Version: manifestVersion, Created: now().UTC(), Engine: db.Dialect()}
	// staged are the database files, written to stage first: a tar entry
	// needs its size before its content.
	type staged struct {
		file manifestFile
		src  string
	}
	var dbFiles []staged
	var st *store.BackupState
	if db.Dialect() == store.SQLite {
		p := filepath.Join(stage, "zhifa.db")
		if st, err = db.BackupSQLite(ctx, p); err != nil {
			return fmt.Errorf("数据库快照: %w", err)
		}
		sum, size, err := hashFile(p)
		if err != nil {
			return err
		}
		m.DatabaseSHA256 = sum
		dbFiles = append(dbFiles, staged{manifestFile{Path: sqliteEntry, Kind: kindDatabase, SHA256: sum, Size: size}, p})
	} else {
		var dumps []store.TableDump
		if st, dumps, m.Sequences, err = db.DumpPostgres(ctx, stage); err != nil {
			return fmt.Errorf("数据库快照: %w", err)
		}
		for _, d := range dumps {
			dbFiles = append(dbFiles, staged{manifestFile{Path: "database/" + d.Table + ".copy", Kind: kindTable, SHA256: d.SHA256, Size: d.Size, Table: d.Table, Rows: d.Rows}, d.Path})
		}
	}
	m.SchemaVersion = st.SchemaVersion
	m.Log = manifestLog{Size: st.LogSize, CheckpointSize: st.CheckpointSize, Checkpoint: string(st.Checkpoint)}
	if st.Identity != nil {
		m.Log.Origin, m.Log.VerifierKey = st.Identity.Origin, st.Identity.VerifierKey
	}
	for _, f := range dbFiles {
		m.Files = append(m.Files, f.file)
	}

	var key []byte
	var keySum string
	if !o.withoutKey {
		if key, err = readKeyFor(c.keyPath(), st.Identity); err != nil {
			return err
		}
		sum := sha256.Sum256(key)
		keySum = hex.EncodeToString(sum[:])
		m.KeyIncluded = true
		m.Files = append(m.Files, manifestFile{Path: "log-signing.key", Kind: kindKey, SHA256: keySum, Size: int64(len(key))})
	}

	var dataKey []byte
	var dataKeySum string
	if o.withDataKey {
		if _, err := store.LoadFieldKeyFile(c.dataKeyPath()); err != nil {
			return fmt.Errorf("--with-data-key:数据加密密钥文件 %s:%w", c.dataKeyPath(), fileReason(err))
		}
		if dataKey, err = os.ReadFile(c.dataKeyPath()); err != nil {
			return fmt.Errorf("--with-data-key:数据加密密钥文件 %s:%w", c.dataKeyPath(), fileReason(err))
		}
		sum := sha256.Sum256(dataKey)
		dataKeySum = hex.EncodeToString(sum[:])
		m.DataKeyIncluded = true
		m.Files = append(m.Files, manifestFile{Path: "data.key", Kind: kindDataKey, SHA256: dataKeySum, Size: int64(len(dataKey))})
	}

	var bs *blob.Store
	var evidence []manifestFile
	if len(st.Evidence) > 0 {
		// Opening the store creates it; a wrong --data must not get an
		// empty one.
		dir, err := c.blobDir()
		if err != nil {
			return err
		}
		if _, err := os.Stat(dir); err != nil {
			return fmt.Errorf("备份失败:数据库引用了 %d 个证据文件,但证据目录 %s 无法读取:%w(请检查 --data)", len(st.Evidence), dir, fileReason(err))
		}
		if bs, err = blobStore(c); err != nil {
			return err
		}
		if evidence, err = evidenceFiles(bs, st.Evidence); err != nil {
			return err
		}
	}
	var evidenceBytes int64
	for _, f := range evidence {
		m.Files = append(m.Files, f)
		evidenceBytes += f.Size
	}

	// Write the archive beside o.out and rename it when complete.
	part := o.out + ".partial"
	out, err := os.OpenFile(part, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("无法创建备份文件 %s:%w", part, ioReason(err))
	}
	defer func() {
		if err != nil {
			out.Close()
			os.Remove(part)
		}
	}()
	tw := tar.NewWriter(out)
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := writeEntry(tw, manifestName, m.Created, int64(len(mj)), strings.NewReader(string(mj)), ""); err != nil {
		return err
	}
	for _, f := range dbFiles {
		if err := copyEntry(tw, f.file, m.Created, f.src); err != nil {
			return err
		}
	}
	if key != nil {
		if err := writeEntry(tw, "log-signing.key", m.Created, int64(len(key)), strings.NewReader(string(key)), keySum); err != nil {
			return err
		}
	}
	if dataKey != nil {
		if err := writeEntry(tw, "data.key", m.Created, int64(len(dataKey)), strings.NewReader(string(dataKey)), dataKeySum); err != nil {
			return err
		}
	}
	for i, f := range evidence {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, err := bs.Open(st.Evidence[i].Digest)
		if err != nil {
			return fmt.Errorf("备份失败:无法读取证据文件 %s:%w", st.Evidence[i].Digest, fileReason(err))
		}
		err = writeEntry(tw, f.Path, m.Created, f.Size, r, f.SHA256)
		r.Close()
		if err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("写备份文件 %s:%w", part, ioReason(err))
	}
	if err := out.Sync(); err != nil {
		return fmt.Errorf("写备份文件 %s:%w", part, ioReason(err))
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("写备份文件 %s:%w", part, ioReason(err))
	}
	if err := os.Rename(part, o.out); err != nil {
		return fmt.Errorf("备份文件改名为 %s:%w", o.out, ioReason(err))
	}
	if d, err := os.Open(filepath.Dir(o.out)); err == nil {
		d.Sync()
		d.Close()
	}

	fmt.Fprintf(e.stdout, "备份完成:%s\n", o.out)
	fmt.Fprintf(e.stdout, "数据库:%s(结构版本 %d),一致性快照", db.Display, m.SchemaVersion)
	if m.DatabaseSHA256 != "" {
		fmt.Fprintf(e.stdout, ",文件 SHA-256 %s", m.DatabaseSHA256)
	} else {
		fmt.Fprintf(e.stdout, ",%d 张表", len(dbFiles))
	}
	fmt.Fprintln(e.stdout)
	fmt.Fprintf(e.stdout, "证据文件:%d 个,共 %d 字节,复制时已逐一核对 SHA-256\n", len(evidence), evidenceBytes)
	printManifestLog(e, m)
	if m.KeyIncluded {
		fmt.Fprintf(e.stdout, "签名密钥:已包含(%s)。注意:密钥是机密,持有它就能以本机关名义签署台账检查点;"+
			"检查点能否核验全靠它。此备份文件须按机密保管,并另在安全处单独保存一份密钥。\n", c.keyPath())
	} else {
		fmt.Fprintf(e.stdout, "签名密钥:未包含(--without-key)。密钥是机密,也是台账检查点能够核验的依据:请把 %s 另行妥善保管,恢复时以 --key 指定或复制到新数据目录。\n", c.keyPath())
	}
	if m.DataKeyIncluded {
		fmt.Fprintf(e.stdout, "数据加密密钥:已包含(--with-data-key,%s)。注意:此备份同时含有加密的当事人信息和解密它的密钥,须按机密保管。\n", c.dataKeyPath())
	} else {
		fmt.Fprintf(e.stdout, "数据加密密钥:未包含。当事人身份号码、电话、住址在数据库中加密存放,没有密钥 %s 就无法读取此备份中的这些信息:"+
			"请像签名密钥一样把它与备份分开妥善保管,恢复时以 --data-key 指定(或备份时加 --with-data-key 一并放入)。\n", c.dataKeyPath())
	}
	return nil
}

// printManifestLog prints the log's state at the snapshot.
func printManifestLog(e *env, m *manifest) {
	fmt.Fprintf(e.stdout, "台账:%d 个事件", m.Log.Size)
	if m.Log.Origin != "" {
		fmt.Fprintf(e.stdout, ",origin %s,验证公钥 %s", m.Log.Origin, m.Log.VerifierKey)
	}
	fmt.Fprintln(e.stdout)
	if m.Log.Checkpoint == "" {
		fmt.Fprintln(e.stdout, "最新签名检查点:尚无(服务尚未签署过检查点)")
		return
	}
	fmt.Fprintf(e.stdout, "最新签名检查点(%d 个事件):\n%s", m.Log.CheckpointSize, indent(m.Log.Checkpoint))
}

func indent(s string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		if l != "" {
			b.WriteString("    " + l)
		}
	}
	if !strings.HasSuffix(b.String(), "\n") {
		b.WriteString("\n")
	}
	return b.String()
}

// readKeyFor reads the signing key file and checks that it is the key of
// the log (id, when recorded): a backup with another key could not sign
// the restored log's checkpoints.
func readKeyFor(path string, id *store.LedgerIdentity) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取签名密钥文件 %s:%w(密钥另行保管时请加 --without-key)", path, fileReason(err))
	}
	s, err := ledger.NewSigner(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("签名密钥文件 %s:%w", path, err)
	}
	if id != nil && s.VerifierKey() != id.VerifierKey {
		return nil, fmt.Errorf("签名密钥文件 %s 的验证公钥 %s 与台账记录的 %s 不符:请以 --key 指定签署本台账的密钥文件", path, s.VerifierKey(), id.VerifierKey)
	}
	return b, nil
}

// evidenceFiles checks that every referenced evidence file is in the store
// with its recorded size, and returns their manifest entries. Every
// missing or wrong-sized file is named before anything is written: a
// backup without them would restore cases whose evidence is gone.
func evidenceFiles(bs *blob.Store, refs []store.EvidenceFile) ([]manifestFile, error) {
	var out []manifestFile
	var bad []string
	for _, r := range refs {
		hexsum, ok := strings.CutPrefix(r.Digest, "sha256:")
		if !ok || len(hexsum) != 64 {
			bad = append(bad, fmt.Sprintf("%s(摘要格式错误)", r.Digest))
			continue
		}
		var fi os.FileInfo
		f, err := bs.Open(r.Digest)
		if err == nil {
			fi, err = f.Stat()
			f.Close()
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			bad = append(bad, fmt.Sprintf("%s(文件不存在)", r.Digest))
			continue
		case err != nil:
			bad = append(bad, fmt.Sprintf("%s(%v)", r.Digest, fileReason(err)))
			continue
		case fi.Size() != r.Size:
			bad = append(bad, fmt.Sprintf("%s(大小 %d 字节,记录为 %d 字节)", r.Digest, fi.Size(), r.Size))
			continue
		}
		// The name mirrors the store's layout for someone reading the
		// archive with tar; restore goes by the digest, not the name.
		out = append(out, manifestFile{Path: path.Join("blobs", "sha256", hexsum[0:2], hexsum[2:4], hexsum), Kind: kindEvidence, SHA256: hexsum, Size: r.Size})
	}
	if len(bad) > 0 {
		list := bad
		if len(list) > 10 {
			list = list[:10]
		}
		return nil, fmt.Errorf("备份失败:数据库引用的证据文件中有 %d 个在证据目录中缺失或损坏,未生成备份文件。首先的几个:\n  %s\n"+
			"请从其他副本找回这些文件后再备份;在此之前 zhifa verify 也会报告它们", len(bad), strings.Join(list, "\n  "))
	}
	return out, nil
}

// copyEntry adds the file src to the archive as f, checking its SHA-256
// on the way: a file that changed or rotted fails the backup.
func copyEntry(tw *tar.Writer, f manifestFile, mod time.Time, src string) error {
	r, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("备份失败:无法读取 %s:%w", src, fileReason(err))
	}
	defer r.Close()
	return writeEntry(tw, f.Path, mod, f.Size, r, f.SHA256)
}

// writeEntry writes one archive entry of size bytes from r; when sum is
// set, the content must have that SHA-256.
func writeEntry(tw *tar.Writer, name string, mod time.Time, size int64, r io.Reader, sum string) error {
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o600, Size: size, ModTime: mod, Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("写备份文件:%w", ioReason(err))
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tw, h), io.LimitReader(r, size))
	if err != nil {
		return fmt.Errorf("备份失败:复制 %s:%w", name, ioReason(err))
	}
	if n != size {
		return fmt.Errorf("备份失败:%s 只有 %d 字节,应为 %d 字节", name, n, size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); sum != "" && got != sum {
		return fmt.Errorf("备份失败:%s 的 SHA-256 为 %s,应为 %s:文件在存储中被改动或损坏", name, got, sum)
	}
	return nil
}

// ioReason says in Chinese why a file could not be written: the disk is
// full, the quota is used up, the file exists, or fileReason's reasons.
func ioReason(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return errors.New("磁盘空间不足")
	case errors.Is(err, syscall.EDQUOT):
		return errors.New("超出磁盘配额")
	case errors.Is(err, os.ErrExist):
		return errors.New("文件已存在(可能是未完成的备份或恢复留下的,确认没有正在进行的操作后删除它)")
	}
	return fileReason(err)
}

// hashFile returns the hex SHA-256 and the size of a file.
func hashFile(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// blobStore opens the evidence store of a data directory.
func blobStore(c *config) (*blob.Store, error) {
	dir, err := c.blobDir()
	if err != nil {
		return nil, err
	}
	bs, err := blob.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("打开证据文件目录 %s: %w", dir, err)
	}
	return bs, nil
}
