package main

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/ledger"
)

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// testClock is a fixed clock at 10:00 China time on the test date
// (internal/testdate: ZHIFA_TEST_TODAY or its default), for code that runs
// outside a test's own goroutine (the demo loaded once per binary). No test
// reads the wall clock.
func testClock() func() time.Time {
	day := os.Getenv(testdate.Env)
	if day == "" {
		day = testdate.Default
	}
	d, err := testdate.Parse(day)
	if err != nil {
		panic(err)
	}
	now := d.Add(10 * time.Hour)
	return func() time.Time { return now }
}

// demoData loads the demo into a new data directory once per test binary
// and returns it; tests copy it before changing anything.
func demoData(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "zhifa-demo-verify-")
		if err != nil {
			demoErr = err
			return
		}
		demoDir = filepath.Join(dir, "data")
		demoErr = loadDemoInto(demoDir)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoDir
}

func loadDemoInto(dir string) error { return loadDemoAt("", dir) }

// copyDir copies the data directory src (database and evidence files).
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "data")
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if fi.IsDir() {
			return os.MkdirAll(to, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, fi.Mode())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// rawSQL opens the copy's SQLite file directly, as someone with access to
// the server's disk would.
func rawSQL(t *testing.T, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "zhifa.db")+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	res, err := db.Exec(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatalf("%s changed no row", q)
	}
}

func queryInt(t *testing.T, db *sql.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func queryString(t *testing.T, db *sql.DB, q string, args ...any) string {
	t.Helper()
	var s string
	if err := db.QueryRow(q, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

// TestVerifyCatchesEveryEdit applies each edit an auditor found passing
// verify — and a deleted event, a row without an event, a forked chain, a
// rollback and byte flips — to a copy of the demo's data, and `zhifa
// verify` exits 1 naming it; the unchanged copy verifies.
func TestVerifyCatchesEveryEdit(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	src := demoData(t)
	t.Run("unchanged", func(t *testing.T) {
		out, _, err := runCmd(t, "", "verify", "--data", copyDir(t, src))
		if err != nil {
			t.Fatalf("verify of the unchanged demo: %v\n%s", err, out)
		}
		if !strings.Contains(out, "结果:通过") || strings.Contains(out, "不通过") {
			t.Errorf("verify output:\n%s", out)
		}
	})
	edits := []struct {
		name string
		edit func(t *testing.T, dir string, db *sql.DB)
		want []string // every one must appear in the output
	}{
		{"a step's fields", func(t *testing.T, dir string, db *sql.DB) {
			id := queryInt(t, db, `SELECT MIN(id) FROM case_steps WHERE action = 'inquiry'`)
			mustExec(t, db, `UPDATE case_steps SET fields = '{"record":"当事人承认全部事实"}' WHERE id = ?`, id)
		}, []string{"case_steps 第", "fields"}},
		{"a case's party and stage", func(t *testing.T, dir string, db *sql.DB) {
			mustExec(t, db, `UPDATE cases SET party_name = '李四', stage = 'closed' WHERE id = 1`)
		}, []string{"cases 第 1 行", "stage、party_name"}},
		{"a deleted evidence step", func(t *testing.T, dir string, db *sql.DB) {
			id := queryInt(t, db, `SELECT MIN(step_id) FROM evidence`)
			mustExec(t, db, `DELETE FROM evidence WHERE step_id = ?`, id)
			mustExec(t, db, `DELETE FROM case_steps WHERE id = ?`, id)
		}, []string{"case_steps 第", "已不存在", "evidence 第"}},
		{"a case's rule state", func(t *testing.T, dir string, db *sql.DB) {
			mustExec(t, db, `UPDATE cases SET rule_state = REPLACE(rule_state, '"hearing_held":false', '"hearing_held":true') WHERE id = 1 AND rule_state LIKE '%"hearing_held":false%'`)
		}, []string{"cases 第 1 行", "rule_state", "规则状态"}},
		{"a published decision's facts and fine", func(t *testing.T, dir string, db *sql.DB) {
			mustExec(t, db, `UPDATE publications SET facts = '经查无违法事实', fine = 100 WHERE id = (SELECT MIN(id) FROM publications WHERE status = '已公示')`)
		}, []string{"publications 第", "facts、fine"}},
		{"a publication set back to unpublished", func(t *testing.T, dir string, db *sql.DB) {
			mustExec(t, db, `UPDATE publications SET status = '待公示' WHERE id = (SELECT MIN(id) FROM publications WHERE status = '已公示')`)
		}, []string{"publications 第", "status"}},
		{"a role added to a user", func(t *testing.T, dir string, db *sql.DB) {
			uid := queryInt(t, db, `SELECT id FROM users WHERE username = 'scj-zhifa1'`)
			mustExec(t, db, `INSERT INTO user_roles (user_id, role) VALUES (?, 'sysadmin')`, uid)
		}, []string{"user_roles 第", "role"}},
		{"a revoked certificate set back to valid", func(t *testing.T, dir string, db *sql.DB) {
			mustExec(t, db, `UPDATE officers SET status = '有效' WHERE id = (SELECT MIN(id) FROM officers WHERE status = '注销')`)
		}, []string{"officers 第", "status"}},
		{"an evidence digest pointed at another file", func(t *testing.T, dir string, db *sql.DB) {
			other := queryString(t, db, `SELECT digest FROM evidence ORDER BY id DESC LIMIT 1`)
			mustExec(t, db, `UPDATE evidence SET digest = ? WHERE id = (SELECT MIN(id) FROM evidence) AND digest <> ?`, other, other)
		}, []string{"evidence 第", "digest"}},
		{"a replaced evidence file", func(t *testing.T, dir string, db *sql.DB) {
			d := queryString(t, db, `SELECT digest FROM evidence ORDER BY id LIMIT 1`)
			hex := strings.TrimPrefix(d, "sha256:")
			p := filepath.Join(dir, "blobs", "sha256", hex[:2], hex[2:4], hex)
			if err := os.WriteFile(p, []byte("另一份文件"), 0o600); err != nil {
				t.Fatal(err)
			}
		}, []string{"证据文件", "内容与记录的摘要不符"}},
		{"a deleted event", func(t *testing.T, dir string, db *sql.DB) {
			mustExec(t, db, `DELETE FROM ledger_leaves WHERE idx = 100`)
		}, []string{"100"}},
		{"a row without an event", func(t *testing.T, dir string, db *sql.DB) {
			mustExec(t, db, `INSERT INTO matters (agency_id, code, name, category, basis, created, updated) VALUES (2, 'X-1', '伪造的执法事项', '行政处罚', '无', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
		}, []string{"matters 第", "没有任何台账事件"}},
		{"a forked chain", func(t *testing.T, dir string, db *sql.DB) {
			// The last event of case 1 claims an earlier one as its
			// previous event, as a second writer that read the chain
			// without the lock would.
			idx := queryInt(t, db, `SELECT MAX(idx) FROM ledger_leaves WHERE object = 'case/1'`)
			var data []byte
			if err := db.QueryRow(`SELECT data FROM ledger_leaves WHERE idx = ?`, idx).Scan(&data); err != nil {
				t.Fatal(err)
			}
			e, err := ledger.DecodeEvent(data)
			if err != nil {
				t.Fatal(err)
			}
			first := queryInt(t, db, `SELECT MIN(idx) FROM ledger_leaves WHERE object = 'case/1'`)
			e.Prev = first
			b, _ := e.Encode()
			mustExec(t, db, `UPDATE ledger_leaves SET data = ? WHERE idx = ?`, b, idx)
		}, []string{"事件链", "分叉"}},
		{"a rollback of the last 20 events", func(t *testing.T, dir string, db *sql.DB) {
			n := queryInt(t, db, `SELECT size FROM ledger_head`)
			mustExec(t, db, `DELETE FROM ledger_leaves WHERE idx >= ?`, n-20)
			// The stored hashes of the cut leaves stay harmlessly; the
			// checkpoints beyond the new size go with them.
			db.Exec(`DELETE FROM ledger_checkpoints WHERE size > ?`, n-20)
			mustExec(t, db, `UPDATE ledger_head SET size = ?`, n-20)
		}, []string{"回滚"}},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			dir := copyDir(t, src)
			db := rawSQL(t, dir)
			e.edit(t, dir, db)
			db.Close()
			out, _, err := runCmd(t, "", "verify", "--data", dir)
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != 1 {
				// A leaf that cannot be read at all is an error too; it
				// still must exit non-zero and say where.
				if err == nil {
					t.Fatalf("verify passed the edit:\n%s", out)
				}
				out += err.Error()
			}
			for _, w := range e.want {
				if !strings.Contains(out, w) {
					t.Errorf("verify output does not name %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestVerifyCatchesByteFlips flips bytes of the database file where
// SQLite's own integrity check notices, and verify fails.
func TestVerifyCatchesByteFlips(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	src := demoData(t)
	info, err := os.Stat(filepath.Join(src, "zhifa.db"))
	if err != nil {
		t.Fatal(err)
	}
	// Flip the header of b-tree pages spread over the file (page size 4096):
	// SQLite's integrity check reads those.
	flipped := 0
	pages := info.Size() / 4096
	for page := int64(2); page < pages && flipped < 3; page += max(pages/9, 1) {
		off := page*4096 + 1
		dir := copyDir(t, src)
		p := filepath.Join(dir, "zhifa.db")
		b, _ := os.ReadFile(p)
		for i := off; i < off+6 && i < int64(len(b)); i++ {
			b[i] ^= 0x5a
		}
		os.WriteFile(p, b, 0o600)
		db := rawSQL(t, dir)
		var res string
		err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res)
		db.Close()
		if err == nil && res == "ok" {
			continue // this flip hit free space or a value only the records check sees
		}
		flipped++
		out, _, verr := runCmd(t, "", "verify", "--data", dir, "--files=false")
		if verr == nil {
			t.Errorf("flip at %d (integrity_check: %q, %v) passed verify:\n%s", off, res, err, out)
		}
	}
	if flipped == 0 {
		t.Fatal("no flip reached a page SQLite checks; the test checked nothing")
	}
}

// TestVerifyPublication checks a published decision of the demo from
// outside; after its row is edited behind the store's back (the portal then
// serves the edited text), the check fails naming what no longer matches.
func TestVerifyPublication(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo")
	}
	dir := copyDir(t, demoData(t))
	db := rawSQL(t, dir)
	id := queryInt(t, db, `SELECT MIN(id) FROM publications WHERE status = '已公示'`)
	withdrawn := queryInt(t, db, `SELECT MIN(id) FROM publications WHERE status = '已撤回'`)
	base := startServer(t, "--addr", "127.0.0.1:0", "--data", dir)
	page := fmt.Sprintf("%s/publications/%d", base, id)

	out, _, err := runCmd(t, "", "verify", "--publication", page)
	if err != nil || !strings.Contains(out, "结果:通过") || strings.Contains(out, "不通过") {
		t.Fatalf("verify --publication %s: %v\n%s", page, err, out)
	}
	for _, w := range []string{"规范记录的 SHA-256", "存在证明", "门户公示的文号"} {
		if !strings.Contains(out, w) {
			t.Errorf("output does not say %q:\n%s", w, out)
		}
	}
	// A withdrawn decision's content was taken down: no record is offered.
	if _, _, err := runCmd(t, "", "verify", "--publication", fmt.Sprintf("%s/publications/%d", base, withdrawn)); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("verify of a withdrawn publication: %v", err)
	}

	mustExec(t, db, `UPDATE publications SET facts = '经查,当事人无违法事实。', fine = 1 WHERE id = ?`, id)
	out, _, err = runCmd(t, "", "verify", "--publication", page)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("verify of an edited publication: %v\n%s", err, out)
	}
	if !strings.Contains(out, "不通过:事件") || !strings.Contains(out, "没有该记录的这一摘要") {
		t.Errorf("output does not name the mismatch:\n%s", out)
	}
	if _, _, err := runCmd(t, "", "verify", "--publication", "ftp://x/publications/1"); err == nil || !strings.Contains(err.Error(), "--publication") {
		t.Errorf("bad URL: %v", err)
	}
}
