package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/zhifa/zhifa/store"
)

func runRestore(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "restore", "restore 备份文件.tar --data 新数据目录 [--db 连接串] [--key 文件] [--data-key 文件]\n\n"+
		"把 zhifa backup 生成的备份恢复到空的数据目录(和空的数据库)中,逐一核对清单中的摘要;\n"+
		"完成后请执行 zhifa verify --data 新数据目录 [--db 连接串],并核对打印的最新签名检查点。")
	c.register(fs, e, false)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return &exitError{code: 2, err: errors.New("restore 需要一个参数:备份文件的路径")}
	}
	return restore(ctx, e, &c, pos[0])
}

// restore restores the backup in file into c's data directory and
// database, both of which must be empty. Every file is checked against the
// manifest's digest as it is written; the database is put in place only
// after every file checked, and the restored log must end at the
// manifest's checkpoint. On failure what restore wrote is removed (a
// PostgreSQL schema it loaded is named in the error).
func restore(ctx context.Context, e *env, c *config, file string) (err error) {
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("无法打开备份文件 %s:%w", file, fileReason(err))
	}
	defer f.Close()
	tr, err := openArchive(f)
	if err != nil {
		return fmt.Errorf("备份文件 %s:%w", file, err)
	}
	m, err := readManifest(tr)
	if err != nil {
		return fmt.Errorf("备份文件 %s:%w", file, err)
	}

	engine := store.Postgres
	dbPath, isSQLite := store.SQLitePath(c.db, c.data)
	if isSQLite {
		engine = store.SQLite
	}
	if engine != m.Engine {
		return fmt.Errorf("备份来自 %s 数据库,不能恢复到 %s 数据库:请用 --db 指定同类数据库", engineName(m.Engine), engineName(engine))
	}
	latest, err := store.LatestSchemaVersion(engine)
	if err != nil {
		return err
	}
	if m.SchemaVersion < 1 || m.SchemaVersion > latest {
		return fmt.Errorf("备份的数据库结构版本为 %d,本程序支持 1..%d:请用更新的 zhifa 恢复", m.SchemaVersion, latest)
	}

	// The target must be empty: a restore never mixes with what is there.
	createdData, err := emptyDir(c.data)
	if err != nil {
		return err
	}
	var written []string // files outside c.data that restore created
	defer func() {
		if err == nil {
			return
		}
		for _, p := range written {
			os.Remove(p)
		}
		if createdData {
			os.RemoveAll(c.data)
		} else if entries, rerr := os.ReadDir(c.data); rerr == nil {
			// It was empty before: everything in it is this restore's.
			for _, en := range entries {
				os.RemoveAll(filepath.Join(c.data, en.Name()))
			}
		}
	}()
	if isSQLite {
		if _, err := os.Lstat(dbPath); err == nil {
			return fmt.Errorf("拒绝恢复:数据库文件 %s 已存在;恢复只写入空的位置,请指定新的 --data 或 --db", dbPath)
		}
	}
	keyPath := c.keyPath()
	if m.KeyIncluded {
		if _, err := os.Lstat(keyPath); err == nil {
			return fmt.Errorf("拒绝恢复:签名密钥文件 %s 已存在;恢复不覆盖密钥,请指定新的 --key 或移走该文件", keyPath)
		}
	}
	dataKeyPath := c.dataKeyPath()
	if m.DataKeyIncluded {
		if _, err := os.Lstat(dataKeyPath); err == nil {
			return fmt.Errorf("拒绝恢复:数据加密密钥文件 %s 已存在;恢复不覆盖密钥,请指定新的 --data-key 或移走该文件", dataKeyPath)
		}
	}
	var db *store.DB
	if !isSQLite {
		if db, err = store.Open(ctx, c.db, c.data); err != nil {
			return err
		}
		defer db.Close()
		empty, err := db.PostgresEmpty(ctx)
		if err != nil {
			return fmt.Errorf("检查目标数据库: %w", err)
		}
		if !empty {
			return fmt.Errorf("拒绝恢复:目标数据库 %s 的 schema 中已有表;恢复只写入空的数据库(或新建的 schema)", db.Display)
		}
	}

	bs, err := blobStore(c)
	if err != nil {
		return err
	}
	stage, err := os.MkdirTemp(c.data, ".restore-")
	if err != nil {
		return fmt.Errorf("无法在 %s 创建临时目录:%w", c.data, ioReason(err))
	}
	defer os.RemoveAll(stage)

	want := map[string]manifestFile{}
	for _, mf := range m.Files {
		want[mf.Path] = mf
	}
	seen := map[string]string{} // path → where it was written (database, tables, key)
	var evidenceN, evidenceBytes int64
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("读取备份文件 %s:%w", file, err)
		}
		if hdr.Typeflag == tar.TypeDir {
			continue
		}
		mf, ok := want[hdr.Name]
		if !ok {
			return fmt.Errorf("备份文件中的 %s 不在清单中:备份文件不完整或被改动", hdr.Name)
		}
		if _, dup := seen[hdr.Name]; dup {
			return fmt.Errorf("备份文件中的 %s 出现了两次:备份文件被改动", hdr.Name)
		}
		if hdr.Size != mf.Size {
			return fmt.Errorf("备份文件中的 %s 为 %d 字节,清单记录为 %d 字节", hdr.Name, hdr.Size, mf.Size)
		}
		switch mf.Kind {
		case kindEvidence:
			info, err := bs.Put(tr, 0)
			if err != nil {
				return fmt.Errorf("写入证据文件 %s:%w", mf.SHA256, ioReason(err))
			}
			if info.Digest != "sha256:"+mf.SHA256 || info.Size != mf.Size {
				return fmt.Errorf("备份文件中的证据文件 %s 的内容与清单不符(SHA-256 %s):备份文件损坏或被改动", hdr.Name, info.Digest)
			}
			seen[hdr.Name] = ""
			evidenceN++
			evidenceBytes += info.Size
		case kindDatabase, kindTable, kindKey, kindDataKey:
			p := filepath.Join(stage, fmt.Sprintf("%d", len(seen)))
			if err := writeChecked(p, tr, mf); err != nil {
				return err
			}
			seen[hdr.Name] = p
		default:
			return fmt.Errorf("清单中的 %s 类型 %q 未知", mf.Path, mf.Kind)
		}
	}
	var missing []string
	for _, mf := range m.Files {
		if _, ok := seen[mf.Path]; !ok {
			missing = append(missing, mf.Path)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("备份文件不完整:清单中的 %d 个文件缺失,首个为 %s", len(missing), missing[0])
	}

	// Every byte checked: put the key and the database in place.
	for _, mf := range m.Files {
		to := keyPath
		switch mf.Kind {
		case kindKey:
		case kindDataKey:
			to = dataKeyPath
		default:
			continue
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
			return err
		}
		if err := os.Rename(seen[mf.Path], to); err != nil {
			if err := copyFile(seen[mf.Path], to); err != nil {
				return fmt.Errorf("写入密钥 %s:%w", to, ioReason(err))
			}
		}
		if !strings.HasPrefix(to, filepath.Clean(c.data)+string(filepath.Separator)) {
			written = append(written, to)
		}
	}
	if isSQLite {
		if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
			return err
		}
		if err := os.Rename(seen[sqliteEntry], dbPath); err != nil {
			if err := copyFile(seen[sqliteEntry], dbPath); err != nil {
				return fmt.Errorf("写入数据库文件 %s:%w", dbPath, ioReason(err))
			}
		}
		written = append(written, dbPath, dbPath+"-wal", dbPath+"-shm")
		if db, err = store.Open(ctx, c.db, c.data); err != nil {
			return err
		}
		defer db.Close()
	} else {
		tables := map[string]string{}
		for _, mf := range m.Files {
			if mf.Kind == kindTable {
				tables[mf.Table] = seen[mf.Path]
			}
		}
		if err := db.RestorePostgres(ctx, m.SchemaVersion, tables, m.Sequences); err != nil {
			return fmt.Errorf("%w(目标 %s 中可能已建了部分表:请删除后重试)", err, db.Display)
		}
	}
	migrated, err := db.Migrate(ctx)
	if err != nil {
		return err
	}

	// The restored log must be the one the manifest describes.
	size, err := db.LogSize()
	if err != nil {
		return fmt.Errorf("读取恢复后的台账: %w", err)
	}
	note, cpSize, err := db.LatestCheckpoint(ctx)
	if err != nil {
		return fmt.Errorf("读取恢复后的检查点: %w", err)
	}
	if size != m.Log.Size || cpSize != m.Log.CheckpointSize || string(note) != m.Log.Checkpoint {
		return fmt.Errorf("恢复后的台账(%d 个事件,检查点 %d)与清单记录的(%d 个事件,检查点 %d)不符", size, cpSize, m.Log.Size, m.Log.CheckpointSize)
	}

	fmt.Fprintf(e.stdout, "恢复完成:%s(备份于 %s)\n", file, m.Created.Format("2006-01-02 15:04:05 UTC"))
	fmt.Fprintf(e.stdout, "数据库:%s(结构版本 %d", db.Display, m.SchemaVersion)
	if migrated > 0 {
		fmt.Fprintf(e.stdout, ",恢复后已迁移 %d 步", migrated)
	}
	fmt.Fprintln(e.stdout, "),摘要已核对")
	fmt.Fprintf(e.stdout, "证据文件:%d 个,共 %d 字节,已逐一核对 SHA-256,写入 %s\n", evidenceN, evidenceBytes, filepath.Join(c.data, "blobs"))
	if m.KeyIncluded {
		fmt.Fprintf(e.stdout, "签名密钥:已恢复到 %s(权限 0600;密钥是机密)\n", keyPath)
	} else {
		fmt.Fprintf(e.stdout, "签名密钥:备份中没有。请把另行保管的密钥复制到 %s(权限 0600)或启动时以 --key 指定,否则服务不能继续签署这本台账\n", keyPath)
	}
	if err := restoredDataKey(ctx, e, c, db, m); err != nil {
		return err
	}
	printManifestLog(e, m)
	fmt.Fprintln(e.stdout, "恢复后的台账与清单一致:事件数和最新签名检查点相同。")
	verify := "zhifa verify --data " + c.data
	if c.db != "" {
		verify += " --db '" + c.db + "'"
	}
	if c.keyFile != "" {
		verify += " --key " + c.keyFile
	}
	fmt.Fprintf(e.stdout, "下一步:执行 %s,核对其结果为“通过”,并把上面的检查点与备份时记下的(或机关公布的)检查点比对。\n", verify)
	return nil
}

func engineName(engine string) string {
	if engine == store.Postgres {
		return "PostgreSQL"
	}
	return "SQLite"
}

// openArchive returns a tar reader of f, a tar or a gzipped tar.
func openArchive(f io.Reader) (*tar.Reader, error) {
	br := bufio.NewReader(f)
	magic, err := br.Peek(2)
	if err != nil {
		return nil, errors.New("不是 zhifa 备份文件(文件过短)")
	}
	if bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip 格式错误:%w", err)
		}
		return tar.NewReader(zr), nil
	}
	return tar.NewReader(br), nil
}

// readManifest reads the first entry of the archive, which must be the
// manifest.
func readManifest(tr *tar.Reader) (*manifest, error) {
	hdr, err := tr.Next()
	if err != nil || hdr.Name != manifestName {
		return nil, errors.New("不是 zhifa 备份文件:首个条目不是 " + manifestName)
	}
	b, err := io.ReadAll(io.LimitReader(tr, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("读取清单:%w", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != manifestFormat {
		return nil, errors.New("不是 zhifa 备份文件:清单格式错误")
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("备份清单的格式版本为 %d,本程序只认识版本 %d:请用相应版本的 zhifa 恢复", m.Version, manifestVersion)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("备份清单有误:%w", err)
	}
	return &m, nil
}

// check checks that the manifest describes a database restore can load:
// one SQLite file whose digest is the one recorded, or PostgreSQL tables,
// and files of known kinds under distinct names.
func (m *manifest) check() error {
	paths := map[string]bool{}
	var dbFiles, tables, keys, dataKeys int
	for _, f := range m.Files {
		if paths[f.Path] {
			return fmt.Errorf("%s 列出了两次", f.Path)
		}
		paths[f.Path] = true
		switch f.Kind {
		case kindDatabase:
			dbFiles++
			if f.Path != sqliteEntry || f.SHA256 != m.DatabaseSHA256 {
				return fmt.Errorf("数据库文件 %s 的记录不一致", f.Path)
			}
		case kindTable:
			tables++
			if f.Table == "" || f.Path != "database/"+f.Table+".copy" {
				return fmt.Errorf("表文件 %s 的记录不一致", f.Path)
			}
		case kindKey:
			keys++
		case kindDataKey:
			dataKeys++
		case kindEvidence:
		default:
			return fmt.Errorf("%s 的类型 %q 未知", f.Path, f.Kind)
		}
	}
	switch {
	case m.Engine == store.SQLite && (dbFiles != 1 || tables != 0):
		return errors.New("SQLite 备份应恰有一个数据库文件")
	case m.Engine == store.Postgres && (dbFiles != 0 || tables == 0):
		return errors.New("PostgreSQL 备份应有各表的文件")
	case m.Engine != store.SQLite && m.Engine != store.Postgres:
		return fmt.Errorf("数据库类型 %q 未知", m.Engine)
	case keys > 1 || m.KeyIncluded != (keys == 1):
		return errors.New("签名密钥的记录不一致")
	case dataKeys > 1 || m.DataKeyIncluded != (dataKeys == 1):
		return errors.New("数据加密密钥的记录不一致")
	}
	return nil
}

// emptyDir makes sure dir is an empty directory, creating it if it does
// not exist, and reports whether it created it.
func emptyDir(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return false, fmt.Errorf("无法创建数据目录 %s:%w", dir, ioReason(err))
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("数据目录 %s:%w", dir, fileReason(err))
	case len(entries) > 0:
		return false, fmt.Errorf("拒绝恢复:数据目录 %s 不是空的(有 %s 等 %d 项);恢复只写入空目录,请指定新的 --data", dir, entries[0].Name(), len(entries))
	}
	return false, nil
}

// writeChecked writes r to a new file p (mode 0600), checking its size and
// SHA-256 against mf.
func writeChecked(p string, r io.Reader, mf manifestFile) error {
	out, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("写入 %s:%w", mf.Path, ioReason(err))
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), r)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("写入 %s:%w", mf.Path, ioReason(err))
	}
	if got := hex.EncodeToString(h.Sum(nil)); n != mf.Size || got != mf.SHA256 {
		return fmt.Errorf("备份文件中的 %s 与清单不符(SHA-256 %s,应为 %s):备份文件损坏或被改动", mf.Path, got, mf.SHA256)
	}
	return nil
}

// copyFile copies src to a new file dst (mode 0600), fsynced.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// restoredDataKey checks that the data key ring restored from the backup,
// or given by --data-key or ZHIFA_DATA_KEY, holds every key the restored
// personal data is encrypted with, and says what to do when the backup had
// none and none was given.
func restoredDataKey(ctx context.Context, e *env, c *config, db *store.DB, m *manifest) error {
	use, err := db.FieldKeyUse(ctx)
	if err != nil {
		return fmt.Errorf("读取恢复后的个人信息加密状态: %w", err)
	}
	ids := usedKeyIDs(use)
	encrypted := 0
	for _, id := range ids {
		encrypted += use[id]
	}
	if !m.DataKeyIncluded && c.dataKeyFile == "" && c.dataKeyEnv == "" {
		if encrypted > 0 {
			fmt.Fprintf(e.stdout, "数据加密密钥:备份中没有(默认不含)。恢复的当事人身份号码、电话、住址(%d 项)以密钥 %s 加密:"+
				"请把另行保管的数据加密密钥文件复制到 %s(权限 0600)或启动时以 --data-key 指定,否则服务拒绝启动\n", encrypted, strings.Join(ids, "、"), c.dataKeyPath())
		}
		return nil
	}
	var keys *store.FieldKeys
	if c.dataKeyFile == "" && c.dataKeyEnv != "" && !m.DataKeyIncluded {
		keys, err = store.ParseFieldKeys(c.dataKeyEnv)
	} else {
		keys, err = store.LoadFieldKeyFile(c.dataKeyPath())
	}
	if err != nil {
		return fmt.Errorf("数据加密密钥:%w", err)
	}
	for _, id := range ids {
		if !keys.Has(id) {
			return fmt.Errorf("所给数据加密密钥不能读取恢复的当事人信息:它们以密钥 %s 加密,而所给密钥只有 %s", id, strings.Join(keys.IDs(), "、"))
		}
	}
	where := "已恢复到 " + c.dataKeyPath() + "(权限 0600;密钥是机密)"
	if !m.DataKeyIncluded {
		where = "所给密钥(--data-key 或 ZHIFA_DATA_KEY)可以读取;启动服务时同样指定它,或把它复制到 " + filepath.Join(c.data, "data.key") + "(权限 0600)"
	}
	fmt.Fprintf(e.stdout, "数据加密密钥:%s;恢复的 %d 项加密的当事人信息均可读取\n", where, encrypted)
	return nil
}
