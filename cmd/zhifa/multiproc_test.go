package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
)

// multiprocNow is the clock of the servers these tests start: Thursday
// 2026-11-26, 10:00 in China (inside the built-in calendar).
func multiprocNow() time.Time { return time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC) }

// startServe runs `zhifa serve <args>` in-process on the fixed clock, not
// migrating, until stop is called or the test ends (see startTestServer).
func startServe(t *testing.T, args ...string) (base string, stop func() error) {
	t.Helper()
	return startTestServer(t, serverSetup{now: multiprocNow, noMigrate: true}, args...)
}

// postgresSchema creates a fresh schema in the ZHIFA_TEST_POSTGRES
// database, dropped when the test ends, and returns a DSN whose
// search_path is that schema; it skips the test when the variable is unset.
func postgresSchema(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("ZHIFA_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("未设置 ZHIFA_TEST_POSTGRES,跳过 PostgreSQL 测试(例:ZHIFA_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "zhifa_multiproc_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("ZHIFA_TEST_POSTGRES=%s: %v", dsn, err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("pgx", dsn); err == nil {
			a.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			a.Close()
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

const multiprocPassword = "Zhifa-Test-2026"

// multiprocWorld is what the servers are started on: one agency with a
// matter, three certified officers and their users.
type multiprocWorld struct {
	matterID int64
	officers []int64 // o1, o2 (the handlers), head
}

// seedAgency creates the agency, its matter, officers and users through
// the service, on the database at dsn (or SQLite in data).
func seedAgency(t *testing.T, dsn, data string) multiprocWorld {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), multiprocNow)
	ag := &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", ReviewDays: 5}
	if err := svc.CreateAgency(ctx, zhifa.Console, ag); err != nil {
		t.Fatal(err)
	}
	m := &registry.Matter{AgencyID: ag.ID, Name: "生产经营不符合食品安全标准的食品", Category: registry.MatterPenalty,
		Basis: "《中华人民共和国食品安全法》第一百二十四条", PenaltyKinds: []string{"警告", "罚款"}}
	if err := svc.CreateMatter(ctx, zhifa.Console, m); err != nil {
		t.Fatal(err)
	}
	w := multiprocWorld{matterID: m.ID}
	for i, p := range []struct {
		username, name, cert string
		roles                []zhifa.Role
	}{
		{"o1", "王志强", "61092100101", []zhifa.Role{zhifa.RoleOfficer}},
		{"o2", "李晓燕", "61092100102", []zhifa.Role{zhifa.RoleOfficer}},
		{"head", "刘德华", "61092100104", []zhifa.Role{zhifa.RoleUnitHead, zhifa.RoleOfficer}},
	} {
		o := &registry.Officer{AgencyID: ag.ID, Name: p.name, Gender: "男", Post: "科员", CertNo: p.cert, Category: "市场监管",
			ValidFrom: zhifa.Date{Y: 2024, M: time.January, D: 1}, ValidTo: zhifa.Date{Y: 2029, M: time.December, D: 31}}
		if err := svc.CreateOfficer(ctx, zhifa.Console, o); err != nil {
			t.Fatalf("officer %d: %v", i, err)
		}
		if _, err := svc.CreateUser(ctx, zhifa.Console, identity.UserInput{Username: p.username, Name: p.name, AgencyID: ag.ID,
			OfficerID: o.ID, Roles: p.roles, Password: multiprocPassword}); err != nil {
			t.Fatal(err)
		}
		w.officers = append(w.officers, o.ID)
	}
	return w
}

// apiCall sends a JSON request with a bearer token and returns the status
// and body.
func apiCall(base, token, method, path string, body any) (int, string, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, "", err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		return 0, "", err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// apiLogin logs username in through the server at base and returns the
// session token.
func apiLogin(t *testing.T, base, username string) string {
	t.Helper()
	status, body, err := apiCall(base, "", "POST", "/api/v1/session", map[string]string{"username": username, "password": multiprocPassword})
	var s struct{ Token string }
	json.Unmarshal([]byte(body), &s)
	if err != nil || status != 201 || s.Token == "" {
		t.Fatalf("login %s at %s: %d %v %s", username, base, status, err, body)
	}
	return s.Token
}

// TestTwoServeProcessesOnePostgres starts two serve processes on one
// PostgreSQL database with one key file, and registers cases and records
// their steps through both at once (sessions opened on the other server,
// two steps of one case at a time, a file uploaded through one server and
// attached through the other): every request succeeds, the case
// numbers are 1…n without a gap, both servers serve one log under one key,
// and zhifa verify passes on the database.
func TestTwoServeProcessesOnePostgres(t *testing.T) {
	dsn := postgresSchema(t)
	// One data directory for both: it stands for the shared mount the
	// README asks for (evidence files), and holds the one key file.
	data := t.TempDir()
	const origin = "multiproc.test/zhifa"
	w := seedAgency(t, dsn, data)
	common := []string{"--addr", "127.0.0.1:0", "--db", dsn, "--data", data, "--origin", origin}
	baseA, stopA := startServe(t, common...)
	baseB, stopB := startServe(t, common...)
	bases := []string{baseA, baseB}

	// Both sign with the one recorded key.
	var keys []string
	for _, base := range bases {
		status, key, err := apiCall(base, "", "GET", "/log/key", nil)
		if err != nil || status != 200 {
			t.Fatalf("%s/log/key: %d %v", base, status, err)
		}
		keys = append(keys, strings.TrimSpace(key))
	}
	if keys[0] != keys[1] {
		t.Fatalf("the two servers serve different keys:\n%s\n%s", keys[0], keys[1])
	}
	// A third process with another key is refused, and says what to do.
	other := filepath.Join(t.TempDir(), "other.key")
	if _, err := ledger.LoadOrCreateKey(other, origin); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCmd(t, "", "serve", "--addr", "127.0.0.1:0", "--db", dsn, "--data", data, "--origin", origin, "--key", other)
	if err == nil || !strings.Contains(err.Error(), "拒绝启动") || !strings.Contains(err.Error(), keys[0]) {
		t.Fatalf("serve with another key = %v; want a refusal naming the recorded key %s", err, keys[0])
	}

	// Each user logs in through both servers (sessions live in the database).
	tokens := map[string][]string{}
	for _, u := range []string{"o1", "o2", "head"} {
		for _, base := range bases {
			tokens[u] = append(tokens[u], apiLogin(t, base, u))
		}
	}

	const workers, casesPerWorker = 8, 3
	var mu sync.Mutex
	var failures []string
	var numbers []string
	fail := func(format string, args ...any) {
		mu.Lock()
		failures = append(failures, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	// call sends a request through server i%2, with the session opened on
	// the other server, and wants status 201.
	call := func(i int, user, path string, body any) (string, bool) {
		status, resp, err := apiCall(bases[i%2], tokens[user][(i+1)%2], "POST", path, body)
		if err != nil || status != 201 {
			fail("%s %s %v via server %d: %d %v %s", user, path, body, i%2, status, err, resp)
			return "", false
		}
		return resp, true
	}
	var wg sync.WaitGroup
	for wk := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range casesPerWorker {
				i := wk + n // alternates the servers between steps and workers
				resp, ok := call(i, "o1", "/api/v1/cases", map[string]any{"matter_id": w.matterID, "source": "监督检查",
					"summary": fmt.Sprintf("第 %d 组第 %d 件:销售超过保质期的食品", wk, n),
					"party":   map[string]any{"kind": "自然人", "name": "张建华", "id_number": "610921198503124517"}, "handler_ids": w.officers[:2]})
				if !ok {
					return
				}
				var c struct {
					ID     int64  `json:"id"`
					Number string `json:"number"`
				}
				json.Unmarshal([]byte(resp), &c)
				mu.Lock()
				numbers = append(numbers, c.Number)
				mu.Unlock()
				steps := fmt.Sprintf("/api/v1/cases/%d/steps", c.ID)
				if _, ok := call(i+1, "head", steps, map[string]any{"action": "open", "fields": map[string]string{"opinion": "同意立案"}}); !ok {
					return
				}
				// Two steps of one case at once, one through each server.
				var both sync.WaitGroup
				both.Add(2)
				go func() {
					defer both.Done()
					call(i, "o1", steps, map[string]any{"action": "inspection", "fields": map[string]string{"place": "城关镇新民街餐馆", "content": "现场查见超过保质期的食品。"}})
				}()
				go func() {
					defer both.Done()
					call(i+1, "o2", steps, map[string]any{"action": "inquiry", "fields": map[string]string{"subject": "张建华", "place": "询问室", "content": "当事人承认销售过期食品。"}})
				}()
				both.Wait()
				if n == 0 {
					// A file uploaded through one server and attached
					// through the other: the shared evidence store.
					record := fmt.Sprintf("现场照片 %d-%d", wk, n)
					req, _ := http.NewRequest("POST", bases[i%2]+fmt.Sprintf("/api/v1/cases/%d/files?name=photo.jpg", c.ID), strings.NewReader(record))
					req.Header.Set("Authorization", "Bearer "+tokens["o1"][i%2])
					req.Header.Set("Content-Type", "image/jpeg")
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						fail("upload: %v", err)
						return
					}
					var file map[string]any
					json.NewDecoder(resp.Body).Decode(&file)
					resp.Body.Close()
					if resp.StatusCode != 201 {
						fail("upload via server %d: %d %v", i%2, resp.StatusCode, file)
						return
					}
					call(i+1, "o1", steps, map[string]any{"action": "evidence", "files": []any{file},
						"fields": map[string]string{"title": "现场照片", "description": "现场拍摄的过期食品"}})
				}
				call(i, "o1", steps, map[string]any{"action": "conclude", "fields": map[string]string{"facts": "销售超过保质期的食品", "proposal": "警告,并处罚款 5000 元"}})
			}
		}()
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Fatalf("%d requests failed, first:\n%s", len(failures), strings.Join(failures[:min(5, len(failures))], "\n"))
	}
	sort.Slice(numbers, func(i, j int) bool {
		return len(numbers[i]) < len(numbers[j]) || len(numbers[i]) == len(numbers[j]) && numbers[i] < numbers[j]
	})
	var want []string
	for n := 1; n <= workers*casesPerWorker; n++ {
		want = append(want, fmt.Sprintf("汉阴市监案〔2026〕%d号", n))
	}
	if fmt.Sprint(numbers) != fmt.Sprint(want) {
		t.Errorf("case numbers:\n%v\nwant\n%v", numbers, want)
	}

	// Stopping signs a last checkpoint; then the log verifies as one.
	if err := errors.Join(stopA(), stopB()); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, "", "verify", "--db", dsn, "--data", data, "--origin", origin)
	if err != nil || !strings.Contains(out, "结果:通过") {
		t.Fatalf("verify: %v\n%s", err, out)
	}
}

// TestServeRefusesAnotherIdentity: the first server records the log's key
// and origin; a later one with another key file, a missing key file or
// another --origin refuses to start and names what to use, creating no key;
// one without --origin uses the recorded origin.
func TestServeRefusesAnotherIdentity(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatal(err)
	}
	const origin = "first.test/zhifa"
	seedLedger(t, data, 1) // a checkpoint needs an event
	base, stop := startServe(t, "--addr", "127.0.0.1:0", "--data", data, "--origin", origin)
	_, vkey, err := apiCall(base, "", "GET", "/log/key", nil)
	if err != nil {
		t.Fatal(err)
	}
	vkey = strings.TrimSpace(vkey)
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	other := filepath.Join(t.TempDir(), "other.key")
	if _, err := ledger.LoadOrCreateKey(other, origin); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "missing.key")
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"another key", []string{"--origin", origin, "--key", other}, []string{"拒绝启动", "不一致", vkey, "复制到 " + other}},
		{"no key file", []string{"--key", missing}, []string{"拒绝启动", "不存在", vkey, "复制到 " + missing}},
		{"another origin", []string{"--origin", "second.test/zhifa"}, []string{"拒绝启动", "second.test/zhifa", "--origin " + origin, vkey}},
	} {
		args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data}, c.args...)
		_, _, err := runCmd(t, "", args...)
		if err == nil {
			t.Errorf("%s: serve started", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v\nwant it to say %q", c.name, err, w)
			}
		}
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused start created the key file %s: %v", missing, err)
	}

	// Without --origin the recorded one is used: the same key, checkpoints
	// under the first origin.
	base, _ = startServe(t, "--addr", "127.0.0.1:0", "--data", data)
	_, key2, _ := apiCall(base, "", "GET", "/log/key", nil)
	_, cp, _ := apiCall(base, "", "GET", "/log/checkpoint", nil)
	if strings.TrimSpace(key2) != vkey || !strings.HasPrefix(cp, origin+"\n") {
		t.Errorf("restart without --origin: key %q, checkpoint %q; want key %q, origin %s", key2, cp, vkey, origin)
	}
}

// TestServeRefusesUnrecordedLogSignedByAnother: a log from before
// identities were recorded is claimed only by the key that signed its
// checkpoints.
func TestServeRefusesUnrecordedLogSignedByAnother(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatal(err)
	}
	const origin = "first.test/zhifa"
	seedLedger(t, data, 1)
	_, stop := startServe(t, "--addr", "127.0.0.1:0", "--data", data, "--origin", origin)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	// Forget the identity, as in a database migrated from before 0009.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "zhifa.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM ledger_identity`); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.key")
	if _, err := ledger.LoadOrCreateKey(other, origin); err != nil {
		t.Fatal(err)
	}
	_, _, err = runCmd(t, "", "serve", "--addr", "127.0.0.1:0", "--data", data, "--origin", origin, "--key", other)
	if err == nil || !strings.Contains(err.Error(), "已有检查点") {
		t.Fatalf("serve with another key on an unrecorded, signed log = %v; want a refusal", err)
	}
	// The original key claims it.
	startServe(t, "--addr", "127.0.0.1:0", "--data", data, "--origin", origin)
}
