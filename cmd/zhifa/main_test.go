package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// runCmd runs the zhifa command line in-process.
func runCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	err = run(context.Background(), e, args)
	return out.String(), errb.String(), err
}

// serverSetup is what a test may set on the serve process it starts.
type serverSetup struct {
	now       func() time.Time // the server's clock; nil is the real one
	serve     serveOptions     // serve's limits and upkeep
	noMigrate bool             // refuse an outdated schema, as serve without --migrate
}

// startTestServer runs `zhifa serve <args>` in-process until stop is called
// or the test ends, and returns its base URL. stop waits for the server's
// shutdown (its final checkpoint signed, its database closed) and returns
// its error; it may be called more than once.
func startTestServer(t *testing.T, o serverSetup, args ...string) (base string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	go func() {
		c := config{now: o.now, serve: o.serve}
		fs := newFlagSet(e, "serve", "")
		c.register(fs, e, true)
		if err := fs.Parse(args); err != nil {
			done <- err
			return
		}
		db, err := c.openDB(ctx, !o.noMigrate)
		if err != nil {
			done <- err
			return
		}
		err = serve(ctx, e, &c, db, func(addr string) { addrc <- addr })
		db.Close() // before stop returns: the test may open the file next
		done <- err
	}()
	var once sync.Once
	var stopErr error
	stop = func() error {
		once.Do(func() { cancel(); stopErr = <-done })
		return stopErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("server %v: %v", args, err)
		}
	})
	select {
	case addr := <-addrc:
		return "http://" + addr, stop
	case err := <-done:
		once.Do(func() { cancel() }) // done is drained: stop must not wait
		t.Fatalf("server %v did not start: %v", args, err)
	case <-time.After(30 * time.Second):
		t.Fatalf("server %v did not start in 30s", args)
	}
	return "", stop
}

// startServer runs `zhifa serve <args>` until the test ends and returns its
// base URL.
func startServer(t *testing.T, args ...string) string {
	t.Helper()
	base, _ := startTestServer(t, serverSetup{}, args...)
	return base
}

// seedLedger creates users so that the ledger holds a few hundred events.
func seedLedger(t *testing.T, data string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		_, _, err := runCmd(t, "Zhifa-Test-2026\n", "user", "create", "--data", data, "--origin", "test.example/zhifa",
			"--username", fmt.Sprintf("admin%d", i), "--name", "管理员", "--roles", "sysadmin", "--password-stdin")
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestVerifyNamesTamperedIndex(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatal(err)
	}
	seedLedger(t, data, 5)
	// A checkpoint covers the log once a server has run; verify from a
	// stopped server's data.
	base := startServer(t, "--addr", "127.0.0.1:0", "--data", data, "--origin", "test.example/zhifa")
	resp, err := http.Get(base + "/log/checkpoint")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("checkpoint: %v %v", resp, err)
	}
	resp.Body.Close()

	out, _, err := runCmd(t, "", "verify", "--data", data, "--origin", "test.example/zhifa")
	if err != nil {
		t.Fatalf("verify clean log: %v\n%s", err, out)
	}
	if !strings.Contains(out, "结果:通过") {
		t.Fatalf("verify output:\n%s", out)
	}

	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "zhifa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var leaf []byte
	if err := db.QueryRow(`SELECT data FROM ledger_leaves WHERE idx = 3`).Scan(&leaf); err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Replace(leaf, []byte("user.created"), []byte("user.deleted"), 1)
	if _, err := db.Exec(`UPDATE ledger_leaves SET data = ? WHERE idx = 3`, tampered); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCmd(t, "", "verify", "--data", data, "--origin", "test.example/zhifa")
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("verify tampered leaf: err = %v\n%s", err, out)
	}
	if !strings.Contains(out, "[leaf] 序号 3") {
		t.Errorf("verify does not name leaf 3:\n%s", out)
	}
	if _, err := db.Exec(`UPDATE ledger_leaves SET data = ? WHERE idx = 3`, leaf); err != nil {
		t.Fatal(err)
	}

	// Stored hash 7 is leaf 4's record hash (tlog.StoredHashIndex(0, 4)).
	if _, err := db.Exec(`UPDATE ledger_hashes SET hash = ? WHERE idx = 7`, bytes.Repeat([]byte{0xAB}, 32)); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCmd(t, "", "verify", "--data", data, "--origin", "test.example/zhifa")
	if err == nil {
		t.Fatalf("verify accepted a tampered hash:\n%s", out)
	}
	if !strings.Contains(out, "序号 4") && !strings.Contains(out, "序号 7") {
		t.Errorf("verify does not name the tampered hash:\n%s", out)
	}
}

func TestVerifyRemote(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatal(err)
	}
	seedLedger(t, data, 3)
	base := startServer(t, "--addr", "127.0.0.1:0", "--data", data, "--origin", "test.example/zhifa")
	resp, err := http.Get(base + "/log/key")
	if err != nil {
		t.Fatal(err)
	}
	key, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	out, _, err := runCmd(t, "", "verify", "--url", base, "--vkey", strings.TrimSpace(string(key)), "--origin", "test.example/zhifa")
	if err != nil {
		t.Fatalf("verify --url: %v\n%s", err, out)
	}
	if !strings.Contains(out, "结果:通过") {
		t.Fatalf("verify --url output:\n%s", out)
	}
}

func TestUsageAndBadSubcommand(t *testing.T) {
	out, _, err := runCmd(t, "", "help")
	if err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "verify") {
		t.Fatalf("help: %v\n%s", err, out)
	}
	_, errOut, err := runCmd(t, "", "frobnicate")
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 2 || !strings.Contains(errOut, "用法") {
		t.Fatalf("bad subcommand: %v %q", err, errOut)
	}
}

func TestServeRefusesOutdatedSchema(t *testing.T) {
	data := t.TempDir()
	_, _, err := runCmd(t, "", "serve", "--addr", "127.0.0.1:0", "--data", data)
	if err == nil || !strings.Contains(err.Error(), "zhifa migrate") {
		t.Fatalf("serve on empty db = %v, want a refusal naming zhifa migrate", err)
	}
}
