package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/demo"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
)

// backupEngine makes a source holding the demo and an empty restore target
// on one engine.
type backupEngine struct {
	source func(t *testing.T) *testLog
	target func(t *testing.T) *testLog
}

// backupEngines returns SQLite always and PostgreSQL (fresh schemas,
// dropped at the end) when ZHIFA_TEST_POSTGRES is set; the PostgreSQL
// subtest skips with a message otherwise.
func backupEngines() map[string]backupEngine {
	pgSchema := func(t *testing.T) string {
		if os.Getenv("ZHIFA_TEST_POSTGRES") == "" {
			t.Skip("未设置 ZHIFA_TEST_POSTGRES,跳过 PostgreSQL 的备份与恢复测试(例:ZHIFA_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
		}
		return postgresSchema(t)
	}
	return map[string]backupEngine{
		"sqlite": {
			source: func(t *testing.T) *testLog { return &testLog{data: copyDir(t, demoData(t))} },
			target: func(t *testing.T) *testLog { return &testLog{data: filepath.Join(t.TempDir(), "restored")} },
		},
		"postgres": {
			source: func(t *testing.T) *testLog {
				l := &testLog{data: filepath.Join(t.TempDir(), "data"), db: pgSchema(t)}
				if err := loadDemoAt(l.db, l.data); err != nil {
					t.Fatalf("load the demo into PostgreSQL: %v", err)
				}
				return l
			},
			target: func(t *testing.T) *testLog {
				return &testLog{data: filepath.Join(t.TempDir(), "restored"), db: pgSchema(t)}
			},
		},
	}
}

// loadDemoAt loads the demo into the database dsn ("" for SQLite in dir),
// with its evidence files in dir/blobs, on the test clock.
func loadDemoAt(dsn, dir string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	// As zhifa demo does: the parties' personal data encrypted under a
	// new <dir>/data.key.
	c := config{data: dir}
	if _, err := c.useDataKeys(ctx, db); err != nil {
		return err
	}
	svc := service.New(db, nil, testClock())
	if err := svc.OpenBlobs(filepath.Join(dir, "blobs")); err != nil {
		return err
	}
	_, err = demo.Load(ctx, svc)
	return err
}

// writers writes to a database while a test does something else: one
// goroutine records evidence steps with new files on a case under
// investigation, another creates users. Each write is a ledger event.
type writers struct {
	n        atomic.Int64 // writes done
	evidence atomic.Int64 // of which evidence steps
	stop     chan struct{}
	wg       sync.WaitGroup
}

func startWriters(t *testing.T, l *testLog) *writers {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, l.db, l.data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	kc := config{data: l.data} // the demo's data key, as a serve process would
	if _, err := kc.useDataKeys(ctx, db); err != nil {
		t.Fatal(err)
	}
	svc := service.New(db, nil, testClock())
	if err := svc.OpenBlobs(filepath.Join(l.data, "blobs")); err != nil {
		t.Fatal(err)
	}
	c, officer := caseUnderInvestigation(t, db)
	// A large file first, so that copying the evidence takes a while and
	// the writers go on meanwhile: their steps are after the snapshot, and
	// their files must not be taken for part of it.
	big := make([]byte, 24<<20)
	for i := range big {
		big[i] = byte(i*7 + i>>10)
	}
	fi, err := svc.UploadFile(ctx, officer, c.ID, "执法记录仪视频.mp4", "video/mp4", bytes.NewReader(big))
	if err == nil {
		_, err = svc.RecordStep(ctx, officer, c.ID, penalty.StepInput{Action: penalty.EvidenceEntry,
			Fields: map[string]string{"title": "执法记录仪视频", "description": "现场全程录像"}, Files: []penalty.FileInput{fi}})
	}
	if err != nil {
		t.Fatal(err)
	}
	w := &writers{stop: make(chan struct{})}
	loop := func(name string, write func(i int) error) {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for i := 0; ; i++ {
				select {
				case <-w.stop:
					return
				default:
				}
				if err := write(i); err != nil {
					t.Errorf("%s %d: %v", name, i, err)
					return
				}
				w.n.Add(1)
				if name == "evidence" {
					w.evidence.Add(1)
				}
			}
		}()
	}
	loop("evidence", func(i int) error {
		body := bytes.Repeat([]byte(fmt.Sprintf("备份期间写入的证据 %d;", i)), 200+i)
		fi, err := svc.UploadFile(ctx, officer, c.ID, fmt.Sprintf("现场照片%d.jpg", i), "image/jpeg", bytes.NewReader(body))
		if err != nil {
			return err
		}
		_, err = svc.RecordStep(ctx, officer, c.ID, penalty.StepInput{Action: penalty.EvidenceEntry,
			Fields: map[string]string{"title": fmt.Sprintf("现场照片 %d", i), "description": "备份期间写入"}, Files: []penalty.FileInput{fi}})
		return err
	})
	loop("user", func(i int) error {
		_, err := svc.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: fmt.Sprintf("backup-writer-%d", i), Name: "并发写入",
			Roles: []zhifa.Role{zhifa.RoleAuditor}, Password: "Zhifa-Test-2026"})
		return err
	})
	t.Cleanup(w.halt)
	return w
}

// wait waits until at least n more writes are done than now.
func (w *writers) wait(t *testing.T, n int64) {
	t.Helper()
	goal := w.n.Load() + n
	for i := 0; w.n.Load() < goal; i++ {
		if i > 6000 {
			t.Fatalf("writers did %d writes, want %d", w.n.Load(), goal)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (w *writers) halt() {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
	w.wg.Wait()
}

// caseUnderInvestigation returns a case of the demo in which evidence may
// be recorded, and one of its handlers.
func caseUnderInvestigation(t *testing.T, db *store.DB) (*zhifa.Case, zhifa.Actor) {
	t.Helper()
	ctx := context.Background()
	cases, err := db.FindCases(ctx, store.CaseFilter{Stages: []string{string(penalty.Opened), string(penalty.Investigating)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		users, err := db.FindUsers(ctx, identity.UserFilter{AgencyID: &c.AgencyID})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range users {
			if u.OfficerID != 0 && slices.Contains(c.HandlerIDs, u.OfficerID) && slices.Contains(u.Roles, zhifa.RoleOfficer) {
				return c, zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
			}
		}
	}
	t.Fatal("the demo has no case under investigation with a handler")
	return nil, zhifa.Actor{}
}

// readArchive returns the manifest of a backup and the names of its
// entries, in order.
func readArchive(t *testing.T, file string) (*manifest, []string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr := tar.NewReader(f)
	var m *manifest
	var names []string
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return m, names
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, hdr.Name)
		if hdr.Name == manifestName {
			m = new(manifest)
			if err := json.NewDecoder(tr).Decode(m); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// evidenceDigests returns every digest the evidence table of l references.
func evidenceDigests(t *testing.T, l *testLog) []string {
	t.Helper()
	db, _ := l.sql(t)
	rows, err := db.Query(`SELECT DISTINCT digest FROM evidence ORDER BY digest`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func blobFile(data, digest string) string {
	h := strings.TrimPrefix(digest, "sha256:")
	return filepath.Join(data, "blobs", "sha256", h[0:2], h[2:4], h)
}

// TestBackupDuringWrites takes `zhifa backup` of the demo while a server
// runs (signing checkpoints) and two goroutines write evidence steps with
// new files and users; it restores the backup into a new place, and
// `zhifa verify` passes there, every evidence file the restored database
// references is present and identical to the original, and the restored
// log ends at the manifest's checkpoint: a snapshot taken in the middle
// of the writes, not before them and not after.
func TestBackupDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	for name, eng := range backupEngines() {
		t.Run(name, func(t *testing.T) {
			src := eng.source(t)
			demoFiles := len(evidenceDigests(t, src))
			startStoppable(t, src.args([]string{"--addr", "127.0.0.1:0"}, "--origin", remoteOrigin)...)
			w := startWriters(t, src)
			w.wait(t, 6)
			before := src.size(t)

			out := filepath.Join(t.TempDir(), "zhifa-backup.tar")
			var stdout bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: io.Discard, getenv: func(string) string { return "" }}
			c := &config{data: src.data, db: src.db, now: testClock()}
			n0 := w.n.Load()
			// The data key: kept apart (the default) on SQLite and given
			// back to restore with --data-key; in the backup on PostgreSQL.
			withDataKey := name == "postgres"
			if err := backup(context.Background(), e, c, backupOptions{out: out, withDataKey: withDataKey}); err != nil {
				t.Fatalf("backup: %v\n%s", err, stdout.String())
			}
			t.Logf("backup (%d writes were done while it ran):\n%s", w.n.Load()-n0, stdout.String())
			w.wait(t, 6)
			w.halt()
			after := src.size(t)
			t.Logf("writes: %d, of which %d evidence steps; log %d events when the backup began, %d when the writers stopped", w.n.Load(), w.evidence.Load(), before, after)

			m, names := readArchive(t, out)
			if m == nil || names[0] != manifestName {
				t.Fatalf("archive entries %v: want the manifest first", names)
			}
			// Whether a write lands between the start of the backup and its
			// snapshot is up to the scheduler; that every write acknowledged
			// before it is in, and those after are not, is not.
			if m.Log.Size < before || m.Log.Size >= after {
				t.Errorf("backup holds %d events; the log had %d when the backup began and %d when the writers stopped", m.Log.Size, before, after)
			}
			if m.Log.Checkpoint == "" || m.Log.CheckpointSize == 0 || m.Log.CheckpointSize > m.Log.Size {
				t.Errorf("manifest checkpoint %d of %d events: %q", m.Log.CheckpointSize, m.Log.Size, m.Log.Checkpoint)
			}
			if !m.KeyIncluded || !slices.Contains(names, "log-signing.key") {
				t.Errorf("key not in the backup: %v", names)
			}
			if !strings.Contains(stdout.String(), "机密") {
				t.Errorf("backup does not say the key is a secret:\n%s", stdout.String())
			}
			if want := map[bool]string{false: "数据加密密钥:未包含", true: "数据加密密钥:已包含"}[withDataKey]; !strings.Contains(stdout.String(), want) ||
				m.DataKeyIncluded != withDataKey || slices.Contains(names, "data.key") != withDataKey {
				t.Errorf("data key in the backup %v (%v), want %v; output does not say %q?\n%s", m.DataKeyIncluded, names, withDataKey, want, stdout.String())
			}
			wantEngine := map[string]string{"sqlite": store.SQLite, "postgres": store.Postgres}[name]
			if m.Engine != wantEngine || m.Created != testClock()().UTC() {
				t.Errorf("manifest engine %q created %v", m.Engine, m.Created)
			}

			dst := eng.target(t)
			srcDataKey := filepath.Join(src.data, "data.key")
			restoreArgs := []string{"restore", out}
			if !withDataKey {
				restoreArgs = append(restoreArgs, "--data-key", srcDataKey)
			}
			rout, rerr, err := runCmd(t, "", dst.args(restoreArgs)...)
			if err != nil {
				t.Fatalf("restore: %v\n%s%s", err, rout, rerr)
			}
			if want := map[bool]string{false: "所给密钥", true: "已恢复到 " + filepath.Join(dst.data, "data.key")}[withDataKey]; !strings.Contains(rout, want) {
				t.Errorf("restore does not say %q of the data key:\n%s", want, rout)
			}
			if !withDataKey { // as the operator does with the key kept apart
				b, err := os.ReadFile(srcDataKey)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dst.data, "data.key"), b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			t.Logf("restore:\n%s", rout)
			if !strings.Contains(rout, indent(m.Log.Checkpoint)) {
				t.Errorf("restore does not print the manifest's checkpoint:\n%s", rout)
			}
			vout := wantVerify(t, nil, dst.args(nil)...)
			t.Logf("verify of the restored data:\n%s", vout)
			if got := dst.size(t); got != m.Log.Size {
				t.Errorf("restored log has %d events, manifest %d", got, m.Log.Size)
			}
			rdb, _ := dst.sql(t)
			var note []byte
			if err := rdb.QueryRow(`SELECT note FROM ledger_checkpoints ORDER BY size DESC LIMIT 1`).Scan(&note); err != nil {
				t.Fatal(err)
			}
			if string(note) != m.Log.Checkpoint {
				t.Errorf("restored latest checkpoint\n%s\nmanifest's\n%s", note, m.Log.Checkpoint)
			}

			digests := evidenceDigests(t, dst)
			inManifest := 0
			for _, f := range m.Files {
				if f.Kind == kindEvidence {
					inManifest++
				}
			}
			if len(digests) != inManifest || len(digests) <= demoFiles {
				t.Errorf("restored database references %d evidence files, the manifest lists %d, the demo has %d", len(digests), inManifest, demoFiles)
			}
			for _, d := range digests {
				want, err := os.ReadFile(blobFile(src.data, d))
				if err != nil {
					t.Fatal(err)
				}
				got, err := os.ReadFile(blobFile(dst.data, d))
				if err != nil {
					t.Errorf("evidence file %s missing after restore: %v", d, err)
					continue
				}
				if !bytes.Equal(got, want) {
					t.Errorf("evidence file %s differs after restore", d)
				}
			}
			key, _ := os.ReadFile(filepath.Join(src.data, "log-signing.key"))
			rkey, err := os.ReadFile(filepath.Join(dst.data, "log-signing.key"))
			if err != nil || !bytes.Equal(key, rkey) {
				t.Errorf("restored key differs: %v", err)
			}
			if fi, err := os.Stat(filepath.Join(dst.data, "log-signing.key")); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("restored key mode: %v %v", fi, err)
			}

			if dst.db != "" {
				// The foreign keys dropped for the load are all back.
				fks := func(l *testLog) int64 {
					db, _ := l.sql(t)
					var n int64
					if err := db.QueryRow(`SELECT COUNT(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
						WHERE c.contype = 'f' AND n.nspname = current_schema()`).Scan(&n); err != nil {
						t.Fatal(err)
					}
					return n
				}
				if got, want := fks(dst), fks(src); got != want || want == 0 {
					t.Errorf("restored schema has %d foreign keys, the source %d", got, want)
				}
			}

			// The restored place takes new writes (its id sequences go on
			// after the restored rows) and a server signs on with the
			// restored key and identity.
			dst.addUsers(t, "after-restore-", 2)
			_, stop := startStoppable(t, dst.args([]string{"--addr", "127.0.0.1:0"})...)
			stop()
			out2 := wantVerify(t, nil, dst.args(nil)...)
			if got := dst.size(t); got <= m.Log.Size {
				t.Errorf("restored log did not grow: %d events", got)
			}
			t.Logf("verify after new writes:\n%s", out2)
		})
	}
}

// TestBackupRefusesMissingEvidence removes one evidence file the database
// references: the backup fails naming it, and leaves no archive behind.
func TestBackupRefusesMissingEvidence(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	l := &testLog{data: copyDir(t, demoData(t))}
	ds := evidenceDigests(t, l)
	gone := ds[len(ds)/2]
	if err := os.Remove(blobFile(l.data, gone)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "b.tar")
	stdout, _, err := runCmd(t, "", l.args([]string{"backup"}, "--out", out, "--without-key")...)
	if err == nil {
		t.Fatalf("backup with a missing evidence file succeeded:\n%s", stdout)
	}
	for _, s := range []string{"备份失败", "缺失", gone, "未生成备份文件"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error does not say %q: %v", s, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed backup left %v", entries)
	}
}

// TestRestoreRefusesNonEmptyTarget restores only into empty places: a data
// directory with a file in it, an existing SQLite file, a PostgreSQL
// schema with tables; each is refused in Chinese and left as it was. A
// backup whose evidence was changed in the archive is refused and what was
// written removed. A backup without the key says where to put it.
func TestRestoreRefusesNonEmptyTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	src := &testLog{data: copyDir(t, demoData(t))}
	out := filepath.Join(t.TempDir(), "b.tar")
	stdout, _, err := runCmd(t, "", src.args([]string{"backup"}, "--out", out, "--without-key")...)
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, stdout)
	}
	if !strings.Contains(stdout, "未包含") || !strings.Contains(stdout, "另行妥善保管") {
		t.Errorf("backup --without-key does not say to keep the key apart:\n%s", stdout)
	}
	if _, _, err := runCmd(t, "", src.args([]string{"backup"}, "--out", out, "--without-key")...); err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Errorf("backup over an existing file: %v", err)
	}

	full := t.TempDir()
	note := filepath.Join(full, "notes.txt")
	os.WriteFile(note, []byte("keep me"), 0o600)
	_, _, err = runCmd(t, "", "restore", out, "--data", full)
	if err == nil || !strings.Contains(err.Error(), "不是空的") {
		t.Errorf("restore into a non-empty directory: %v", err)
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("refused restore changed the directory: %v", entries)
	}

	existing := filepath.Join(t.TempDir(), "other.db")
	os.WriteFile(existing, []byte("not empty"), 0o600)
	newData := filepath.Join(t.TempDir(), "new")
	_, _, err = runCmd(t, "", "restore", out, "--data", newData, "--db", "sqlite:"+existing)
	if err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Errorf("restore over an existing SQLite file: %v", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "not empty" {
		t.Errorf("refused restore changed %s", existing)
	}
	if _, err := os.Stat(newData); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("refused restore left %s: %v", newData, err)
	}

	// Flip one byte of an evidence file inside the archive.
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	ds := evidenceDigests(t, src)
	content, err := os.ReadFile(blobFile(src.data, ds[0]))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, content)
	if i < 0 {
		t.Fatal("evidence file not found in the archive")
	}
	b[i+len(content)/2] ^= 0x01
	bad := filepath.Join(t.TempDir(), "bad.tar")
	os.WriteFile(bad, b, 0o600)
	target := filepath.Join(t.TempDir(), "restored")
	_, _, err = runCmd(t, "", "restore", bad, "--data", target)
	if err == nil || !strings.Contains(err.Error(), "与清单不符") {
		t.Errorf("restore of a changed archive: %v", err)
	}
	if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("failed restore left %s: %v", target, err)
	}

	// The intact backup restores, gzipped too; without the key it says
	// where to put it.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if b, err = os.ReadFile(out); err != nil {
		t.Fatal(err)
	}
	zw.Write(b)
	zw.Close()
	outGz := out + ".gz"
	if err := os.WriteFile(outGz, gz.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, _, err = runCmd(t, "", "restore", outGz, "--data", target)
	if err != nil {
		t.Fatalf("restore: %v\n%s", err, stdout)
	}
	if !strings.Contains(stdout, "备份中没有") {
		t.Errorf("restore without a key does not say so:\n%s", stdout)
	}
	wantVerify(t, nil, "--data", target)

	t.Run("postgres", func(t *testing.T) {
		pg := &testLog{data: t.TempDir(), db: backupEngines()["postgres"].target(t).db}
		if _, _, err := runCmd(t, "", pg.args([]string{"migrate"})...); err != nil {
			t.Fatal(err)
		}
		pgOut := filepath.Join(t.TempDir(), "pg.tar")
		if _, _, err := runCmd(t, "", pg.args([]string{"backup"}, "--out", pgOut, "--without-key")...); err != nil {
			t.Fatalf("backup: %v", err)
		}
		// Restore into the very schema it came from: it has tables.
		again := &testLog{data: filepath.Join(t.TempDir(), "new"), db: pg.db}
		_, _, err := runCmd(t, "", again.args([]string{"restore", pgOut})...)
		if err == nil || !strings.Contains(err.Error(), "已有表") {
			t.Errorf("restore into a schema with tables: %v", err)
		}
		// A SQLite backup does not go into PostgreSQL.
		_, _, err = runCmd(t, "", again.args([]string{"restore", out})...)
		if err == nil || !strings.Contains(err.Error(), "不能恢复到 PostgreSQL") {
			t.Errorf("restore of a SQLite backup into PostgreSQL: %v", err)
		}
	})
}
