package main

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa/demo"
	"golang.org/x/mod/sumdb/tlog"
)

const remoteOrigin = "test.example/zhifa"

// startStoppable is startServer with a stop function, so that a test can
// change the database between runs; stop waits for the server's final
// checkpoint.
func startStoppable(t *testing.T, args ...string) (base string, stop func()) {
	t.Helper()
	base, stopErr := startTestServer(t, serverSetup{}, args...)
	return base, func() {
		if err := stopErr(); err != nil {
			t.Errorf("server: %v", err)
		}
	}
}

// testLog is a zhifa database for a test, on one engine: the data
// directory, and db, the --db connection string ("" for SQLite in data).
type testLog struct {
	data string
	db   string
}

// engines returns a fresh, migrated database on each available engine:
// SQLite always, PostgreSQL (in a schema of its own, dropped at the end)
// when ZHIFA_TEST_POSTGRES is set.
func engines(t *testing.T) map[string]func(t *testing.T) *testLog {
	fresh := func(t *testing.T, db string) *testLog {
		l := &testLog{data: t.TempDir(), db: db}
		if _, _, err := runCmd(t, "", l.args([]string{"migrate"})...); err != nil {
			t.Fatal(err)
		}
		return l
	}
	return map[string]func(t *testing.T) *testLog{
		"sqlite":   func(t *testing.T) *testLog { return fresh(t, "") },
		"postgres": func(t *testing.T) *testLog { return fresh(t, postgresSchema(t)) },
	}
}

// args returns the command line words, then --data … [--db …], then
// more: args([]string{"user", "create"}, "--username", …).
func (l *testLog) args(words []string, more ...string) []string {
	a := append(append([]string(nil), words...), "--data", l.data)
	if l.db != "" {
		a = append(a, "--db", l.db)
	}
	return append(a, more...)
}

// addUsers records n users named <prefix>0…, one or more ledger events each.
func (l *testLog) addUsers(t *testing.T, prefix string, n int) {
	t.Helper()
	for i := range n {
		_, _, err := runCmd(t, "Zhifa-Test-2026\n", l.args([]string{"user", "create"},
			"--username", fmt.Sprintf("%s%d", prefix, i), "--name", "管理员", "--roles", "sysadmin", "--password-stdin")...)
		if err != nil {
			t.Fatal(err)
		}
	}
}

// sql opens the database directly, as someone with access to the server's
// disk or database would, and returns it with a function that turns "?"
// placeholders into the engine's.
func (l *testLog) sql(t *testing.T) (*sql.DB, func(string) string) {
	t.Helper()
	driver, dsn, bind := "sqlite", "file:"+filepath.Join(l.data, "zhifa.db"), func(q string) string { return q }
	if l.db != "" {
		driver, dsn, bind = "pgx", l.db, func(q string) string { return strings.Replace(q, "?", "$1", 1) }
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, bind
}

func (l *testLog) size(t *testing.T) int64 {
	t.Helper()
	db, _ := l.sql(t)
	var n int64
	if err := db.QueryRow(`SELECT size FROM ledger_head WHERE id = 1`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// rollBack truncates the log to size leaves directly in the database: the
// later leaves, their tree hashes and every checkpoint beyond size go, and
// the head says size. Nothing is left in the database that a check of the
// ledger alone could notice; only a checkpoint kept outside can.
func (l *testLog) rollBack(t *testing.T, size int64) {
	t.Helper()
	db, bind := l.sql(t)
	for _, q := range []struct {
		sql string
		arg int64
	}{
		{`DELETE FROM ledger_leaves WHERE idx >= ?`, size},
		{`DELETE FROM ledger_hashes WHERE idx >= ?`, tlog.StoredHashIndex(0, size)},
		{`DELETE FROM ledger_checkpoints WHERE size > ?`, size},
		{`UPDATE ledger_head SET size = ? WHERE id = 1`, size},
	} {
		if _, err := db.Exec(bind(q.sql), q.arg); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
}

// get returns the body of GET url.
func getBytes(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %v", url, resp.Status, err)
	}
	return b
}

// checkpointSize returns the size line of a checkpoint note.
func checkpointSize(t *testing.T, note []byte) int64 {
	t.Helper()
	lines := strings.SplitN(string(note), "\n", 3)
	if len(lines) < 3 {
		t.Fatalf("checkpoint %q", note)
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		t.Fatalf("checkpoint %q: %v", note, err)
	}
	return n
}

// wantVerify runs `zhifa verify args…` and checks its outcome: pass, or
// exit status 1 with every string of fail in the output.
func wantVerify(t *testing.T, fail []string, args ...string) string {
	t.Helper()
	out, errOut, err := runCmd(t, "", append([]string{"verify"}, args...)...)
	if fail == nil {
		if err != nil || !strings.Contains(out, "结果:通过") {
			t.Fatalf("verify %q: %v\n%s%s", args, err, out, errOut)
		}
		return out
	}
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("verify %q: err = %v, want exit status 1\n%s%s", args, err, out, errOut)
	}
	t.Logf("verify %q (exit status 1):\n%s", args, out)
	for _, s := range fail {
		if !strings.Contains(out, s) && !strings.Contains(err.Error(), s) {
			t.Errorf("verify %q does not say %q:\n%s\nerror: %v", args, s, out, err)
		}
	}
	return out
}

// TestVerifyRemoteSince saves checkpoints as a party would, then rolls the
// log back and forks it directly in the database, and checks that `zhifa
// verify --url --since` names each, while the log still extends the
// checkpoints saved before the change.
func TestVerifyRemoteSince(t *testing.T) {
	for name, open := range engines(t) {
		t.Run(name, func(t *testing.T) { testVerifyRemoteSince(t, open(t)) })
	}
}

func testVerifyRemoteSince(t *testing.T, l *testLog) {
	dir := t.TempDir()
	serveArgs := l.args(nil, "--addr", "127.0.0.1:0", "--origin", remoteOrigin)
	l.addUsers(t, "a", 3)

	// A party saves the checkpoint with curl, and once more with
	// --save-checkpoint after the log has grown.
	base, stop := startStoppable(t, serveArgs...)
	key := strings.TrimSpace(string(getBytes(t, base+"/log/key")))
	saved1 := filepath.Join(dir, "checkpoint1.txt")
	cp1 := getBytes(t, base+"/log/checkpoint")
	if err := os.WriteFile(saved1, cp1, 0o644); err != nil {
		t.Fatal(err)
	}
	size1 := checkpointSize(t, cp1)
	if size1 == 0 || size1 != l.size(t) {
		t.Fatalf("checkpoint size %d, log size %d", size1, l.size(t))
	}
	if out := wantVerify(t, nil, "--url", base, "--vkey", key, "--since", saved1); !strings.Contains(out, "已核验检查点:2 个") {
		t.Errorf("verify --since does not count the saved checkpoint:\n%s", out)
	}
	stop()

	l.addUsers(t, "b", 3)
	size2 := l.size(t)
	base, stop = startStoppable(t, serveArgs...)
	saved2 := filepath.Join(dir, "checkpoint2.txt")
	out := wantVerify(t, nil, "--url", base, "--vkey", key, "--since", saved1, "--save-checkpoint", saved2)
	if want := fmt.Sprintf("现在的台账(%d 条事件)是保存的检查点(%d 条事件)的延续", size2, size1); !strings.Contains(out, want) {
		t.Errorf("verify --since does not say %q:\n%s", want, out)
	}
	cp2, err := os.ReadFile(saved2)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(getBytes(t, base+"/log/checkpoint")); string(cp2) != got || checkpointSize(t, cp2) != size2 {
		t.Fatalf("--save-checkpoint wrote %q, served %q (log size %d)", cp2, got, size2)
	}
	// Without --vkey the server's key is used, but the saved checkpoint
	// must verify with it.
	wantVerify(t, nil, "--url", base, "--since", saved2)
	stop()
	if size2-size1 < 3 {
		t.Fatalf("log grew by %d events, the test needs at least 3", size2-size1)
	}

	tests := []struct {
		name   string
		change func(t *testing.T)
		since1 []string // verify --since checkpoint1: nil = passes
		since2 []string // verify --since checkpoint2
	}{{
		name:   "last 2 events deleted",
		change: func(t *testing.T) { l.rollBack(t, size2-2) },
		since2: []string{"[rollback]", fmt.Sprintf("序号 %d", size2), "日志被回滚",
			fmt.Sprintf("保存的检查点有 %d 条事件,服务器现在的已签名检查点只有 %d 条", size2, size2-2),
			fmt.Sprintf("第 %d 至第 %d 条事件已被删除", size2-2, size2-1)},
	}, {
		name:   "rolled back to the first checkpoint",
		change: func(t *testing.T) { l.rollBack(t, size1) },
		since2: []string{"[rollback]", "日志被回滚"},
	}, {
		// The log is rolled back and as many other events are recorded:
		// same size, another root.
		name:   "forked, same size",
		change: func(t *testing.T) { l.rollBack(t, size1); l.addUsers(t, "c", 3) },
		since2: []string{"[fork]", "日志被改写(分叉)", fmt.Sprintf("同为 %d 条事件,根哈希却不同", size2)},
	}, {
		name:   "forked, longer",
		change: func(t *testing.T) { l.rollBack(t, size1); l.addUsers(t, "d", 5) },
		since2: []string{"[fork]", "日志被改写(分叉)", fmt.Sprintf("不是保存的检查点(%d 条事件)的延续,一致性证明不成立", size2),
			fmt.Sprintf("第 0 至第 %d 条事件中至少有一条与保存检查点时不同", size2-1)},
	}, {
		name: "forked before the first checkpoint",
		change: func(t *testing.T) {
			l.rollBack(t, size1-1)
			l.addUsers(t, "e", 5)
		},
		since1: []string{"[fork]", fmt.Sprintf("不是保存的检查点(%d 条事件)的延续", size1)},
		since2: []string{"[fork]"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change(t)
			base, stop := startStoppable(t, serveArgs...)
			defer stop()
			if tt.name == "forked, same size" && checkpointSize(t, getBytes(t, base+"/log/checkpoint")) != size2 {
				t.Fatalf("forked log has %d events, want %d", checkpointSize(t, getBytes(t, base+"/log/checkpoint")), size2)
			}
			// The changed log agrees with itself: only a saved checkpoint
			// catches the change.
			wantVerify(t, nil, "--url", base, "--vkey", key)
			wantVerify(t, tt.since1, "--url", base, "--vkey", key, "--since", saved1)
			wantVerify(t, tt.since2, "--url", base, "--vkey", key, "--since", saved2)
			wantVerify(t, tt.since2, "--url", base, "--since", saved2)
		})
	}
}

// TestVerifyRemoteOrigin checks that without --origin the checkpoint's
// origin is accepted and named, that --origin must match, and that the
// failures a party may meet are said in Chinese.
func TestVerifyRemoteOrigin(t *testing.T) {
	l := engines(t)["sqlite"](t)
	l.addUsers(t, "a", 2)
	base := startServer(t, "--addr", "127.0.0.1:0", "--data", l.data, "--origin", remoteOrigin)
	key := strings.TrimSpace(string(getBytes(t, base+"/log/key")))

	out := wantVerify(t, nil, "--url", base, "--vkey", key)
	for _, want := range []string{"已核验检查点:1 个", "台账 origin:" + remoteOrigin, fmt.Sprintf("采用检查点所列的 origin %q", remoteOrigin)} {
		if !strings.Contains(out, want) {
			t.Errorf("verify --url without --origin does not say %q:\n%s", want, out)
		}
	}
	out = wantVerify(t, nil, "--url", base+"/log/", "--vkey", key, "--origin", remoteOrigin)
	if strings.Contains(out, "采用检查点所列的") {
		t.Errorf("verify --origin says it took the checkpoint's origin:\n%s", out)
	}

	// A valid key of the same name that did not sign the log: another
	// server's.
	other := engines(t)["sqlite"](t)
	otherKey := strings.TrimSpace(string(getBytes(t, startServer(t, "--addr", "127.0.0.1:0", "--data", other.data, "--origin", remoteOrigin)+"/log/key")))
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.txt")
	if err := os.WriteFile(garbage, []byte("<html>not a checkpoint</html>\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		args []string
		fail []string // exit status 1 and these in the output or error
		err  string   // an error (no report) that says this
	}{
		{name: "other origin", args: []string{"--vkey", key, "--origin", "other.example/zhifa"},
			fail: []string{"[checkpoint]", fmt.Sprintf("检查点的 origin 为 %q,应为 %q", remoteOrigin, "other.example/zhifa")}},
		{name: "other key", args: []string{"--vkey", otherKey},
			fail: []string{"[checkpoint]", "服务器提供的最新检查点无效", "检查点不是由验证密钥", "签名者为"}},
		{name: "saved checkpoint is not one", args: []string{"--vkey", key, "--since", garbage},
			fail: []string{"保存的检查点无效", "不是格式正确的签名注记"}},
		{name: "saved checkpoint missing", args: []string{"--vkey", key, "--since", filepath.Join(dir, "none.txt")},
			err: "无法读取保存的检查点"},
		{name: "bad key", args: []string{"--vkey", "not-a-key"}, err: "验证公钥 \"not-a-key\" 格式错误"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--url", base}, tt.args...)
			if tt.fail != nil {
				wantVerify(t, tt.fail, args...)
				return
			}
			_, _, err := runCmd(t, "", append([]string{"verify"}, args...)...)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("verify %q: err = %v, want it to say %q", args, err, tt.err)
			}
		})
	}

	// A stopped server: the error says so in Chinese, with the address.
	srv := startStoppableAddr(t)
	_, _, err := runCmd(t, "", "verify", "--url", srv, "--vkey", key)
	if err == nil || !strings.Contains(err.Error(), "无法读取 "+srv+"/log/checkpoint") || !strings.Contains(err.Error(), "连接被拒绝") {
		t.Errorf("verify of a stopped server: %v", err)
	}
	_, _, err = runCmd(t, "", "verify", "--since", "x.txt")
	if err == nil || !strings.Contains(err.Error(), "只能与 --url 一起使用") {
		t.Errorf("verify --since without --url: %v", err)
	}
}

// startStoppableAddr returns the URL of a server that has been stopped.
func startStoppableAddr(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	if _, _, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatal(err)
	}
	base, stop := startStoppable(t, "--addr", "127.0.0.1:0", "--data", data, "--origin", remoteOrigin)
	stop()
	return base
}

// readmeCommands returns the shell lines of the code block in README.md's
// section "Verifying the ledger from outside", as written.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	in := false
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "## ") {
			in = l == "## Verifying the ledger from outside"
			continue
		}
		if in && strings.HasPrefix(l, "    ") {
			if cmd := strings.TrimSpace(stripComment(l)); cmd != "" {
				lines = append(lines, cmd)
			}
		}
	}
	if len(lines) == 0 {
		t.Fatal("README.md has no commands under \"## Verifying the ledger from outside\"")
	}
	return lines
}

// stripComment removes a shell comment (" #" outside quotes).
func stripComment(l string) string {
	q := false
	for i, r := range l {
		switch {
		case r == '"':
			q = !q
		case r == '#' && !q && (i == 0 || l[i-1] == ' '):
			return l[:i]
		}
	}
	return l
}

// shell runs one README line the way sh would, for the few forms the
// README uses: `curl -s URL [> FILE]`, `cat FILE` and `zhifa ARGS`, where an argument
// may be "$(curl -s URL)" or "$(cat FILE)". Files are relative to dir. It
// returns the command's standard output and error.
func shell(t *testing.T, dir, line string) (string, error) {
	t.Helper()
	words, redirect := shellWords(t, dir, line)
	file := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	switch words[0] {
	case "curl":
		if len(words) != 3 || words[1] != "-s" {
			t.Fatalf("README line %q: only `curl -s URL` is understood", line)
		}
		body := string(getBytes(t, words[2]))
		if redirect != "" {
			if err := os.WriteFile(file(redirect), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			return "", nil
		}
		return body, nil
	case "cat":
		if len(words) != 2 || redirect != "" {
			t.Fatalf("README line %q: only `cat FILE` is understood", line)
		}
		b, err := os.ReadFile(file(words[1]))
		return string(b), err
	case "zhifa":
		if redirect != "" {
			t.Fatalf("README line %q: redirecting zhifa is not understood", line)
		}
		for i, w := range words {
			if i > 0 && (words[i-1] == "--since" || words[i-1] == "--save-checkpoint") {
				words[i] = file(w)
			}
		}
		out, errOut, err := runCmd(t, "", words[1:]...)
		return out + errOut, err
	}
	t.Fatalf("README line %q: command %q is not understood", line, words[0])
	return "", nil
}

var substRe = regexp.MustCompile(`\$\(([^)]*)\)`)

// shellWords splits line into words, expanding $(…) and removing double
// quotes, and returns the target of a "> FILE" redirection.
func shellWords(t *testing.T, dir, line string) (words []string, redirect string) {
	t.Helper()
	var w strings.Builder
	inWord, q := false, false
	flush := func() {
		if inWord {
			words = append(words, w.String())
		}
		w.Reset()
		inWord = false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			q = !q
			inWord = true
		case c == ' ' && !q:
			flush()
		case c == '$' && strings.HasPrefix(line[i:], "$("):
			m := substRe.FindStringSubmatch(line[i:])
			if m == nil {
				t.Fatalf("README line %q: unclosed $(", line)
			}
			out, err := shell(t, dir, m[1])
			if err != nil {
				t.Fatalf("README line %q: %s: %v", line, m[1], err)
			}
			// Command substitution drops trailing newlines.
			w.WriteString(strings.TrimRight(out, "\n"))
			inWord = true
			i += len(m[0]) - 1
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	flush()
	for i, x := range words {
		if x == ">" && i == len(words)-2 {
			return words[:i], words[i+1]
		}
	}
	return words, ""
}

// TestREADMEVerifyCommands runs the README's commands for checking the
// ledger from outside, as written but for the demo's address, against
// `zhifa demo`: verify, save the checkpoint, and — after the demo has run
// again and the log has grown — check against the saved checkpoint.
func TestREADMEVerifyCommands(t *testing.T) {
	lines := readmeCommands(t)
	const readmeBase = "http://127.0.0.1:8080"
	var verify, since bool
	for _, l := range lines {
		verify = verify || strings.HasPrefix(l, "zhifa verify --url "+readmeBase+" --vkey \"$(curl -s "+readmeBase+"/log/key)\"")
		since = since || strings.HasPrefix(l, "zhifa verify") && strings.Contains(l, "--since")
	}
	if !verify || !since {
		t.Fatalf("README commands lack `zhifa verify --url %s --vkey \"$(curl -s %s/log/key)\"` or a --since check:\n%s",
			readmeBase, readmeBase, strings.Join(lines, "\n"))
	}

	data, dir := t.TempDir(), t.TempDir()
	// The README's lines run in order; the log grows (two logins through the
	// running demo, on the demo's clock) and a new checkpoint is signed
	// before the first line that checks against a saved checkpoint.
	base, _, stop := startDemo(t, data)
	grown := false
	for _, l := range lines {
		if strings.Contains(l, "--since") && !grown {
			before := checkpointSize(t, getBytes(t, base+"/log/checkpoint"))
			for range 2 {
				resp, err := http.Post(base+"/api/v1/session", "application/json",
					strings.NewReader(`{"username":"scj-zhifa1","password":"`+demo.Password+`"}`))
				if err != nil || resp.StatusCode != http.StatusCreated {
					t.Fatalf("demo login: %v %v", resp, err)
				}
				resp.Body.Close()
			}
			// Checkpoints are signed at most once a second: poll, bounded.
			for i := 0; i < 100 && checkpointSize(t, getBytes(t, base+"/log/checkpoint")) <= before; i++ {
				time.Sleep(50 * time.Millisecond)
			}
			grown = true
		}
		line := strings.ReplaceAll(l, readmeBase, base)
		out, err := shell(t, dir, line)
		if err != nil {
			t.Errorf("README line %q: %v\n%s", l, err, out)
			continue
		}
		if strings.HasPrefix(l, "zhifa verify") {
			if !strings.Contains(out, "结果:通过") {
				t.Errorf("README line %q does not pass:\n%s", l, out)
			}
			if strings.Contains(l, "--since") && !strings.Contains(out, "的延续:没有回滚,也没有改写") {
				t.Errorf("README line %q does not check the saved checkpoint:\n%s", l, out)
			}
		}
	}
	stop()
}
