package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/demo"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
)

// mountSmallDisk mounts a tmpfs of size bytes on a new directory and
// unmounts it when the test ends; the test is skipped where mounting is
// not allowed (the injected-statfs tests in web cover the rule there).
func mountSmallDisk(t *testing.T, size int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.FormatInt(size, 10)); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v); web's TestRequestLimits tests the same rule with an injected statfs", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			exec.Command("umount", "-l", dir).Run()
		}
	})
	return dir
}

func freeBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	return int64(st.Bavail) * int64(st.Bsize)
}

// fill writes a file in dir until dir has about leave bytes free.
func fill(t *testing.T, dir string, leave int64) string {
	t.Helper()
	p := filepath.Join(dir, "ballast")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for freeBytes(t, dir) > leave+int64(len(chunk)) {
		if _, err := f.Write(chunk); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				break
			}
			t.Fatal(err)
		}
	}
	for leave == 0 { // to the last byte
		if _, err := f.Write(chunk[:512]); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				break
			}
			t.Fatal(err)
		}
	}
	return p
}

// TestSmallDataDisk fills a real small data disk (tmpfs) under a running
// server: the upload gets 507 with a Chinese message, /readyz fails,
// /healthz and reads still work; once space is freed writes work again and
// zhifa verify passes.
func TestSmallDataDisk(t *testing.T) {
	data := mountSmallDisk(t, 48<<20)
	ctx := context.Background()

	// Seed the demo data, then serve it with a 6 MiB reserve.
	db, err := store.Open(ctx, "", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := service.New(db, newLogger(&env{stderr: io.Discard}), nil)
	if err := svc.OpenBlobs(filepath.Join(data, "blobs")); err != nil {
		t.Fatal(err)
	}
	accounts, err := demo.Load(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	officer := ""
	for _, a := range accounts {
		if slices.Contains(a.Roles, zhifa.RoleOfficer) {
			officer = a.Username
			break
		}
	}
	base := startServerWith(t, serveOptions{minFree: 6 << 20, warnFree: 12 << 20}, "--addr", "127.0.0.1:0", "--data", data, "--origin", "test.example/zhifa")

	do := func(method, path, token, ctype string, body io.Reader) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, body)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	login := func() (int, string) {
		st, body := do("POST", "/api/v1/session", "", "application/json", strings.NewReader(`{"username":"`+officer+`","password":"`+demo.Password+`"}`))
		var s struct{ Token string }
		json.Unmarshal([]byte(body), &s)
		return st, s.Token
	}
	st, token := login()
	if st != 201 {
		t.Fatalf("login: %d", st)
	}
	st, body := do("GET", "/api/v1/cases", token, "", nil)
	var list struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if json.Unmarshal([]byte(body), &list); st != 200 || len(list.Items) == 0 {
		t.Fatalf("cases: %d %.200s", st, body)
	}
	casePath := "/api/v1/cases/" + strconv.FormatInt(list.Items[0].ID, 10)
	upload := func(content []byte) (int, string) {
		return do("POST", casePath+"/files?name=photo.jpg", token, "image/jpeg", bytes.NewReader(content))
	}
	if st, body := do("GET", "/readyz", "", "", nil); st != 200 {
		t.Fatalf("readyz before: %d %s", st, body)
	}

	// Fill the disk to 2 MiB free: under the 6 MiB reserve.
	ballast := fill(t, data, 2<<20)
	st, body = upload(bytes.Repeat([]byte("现场照片"), 1000))
	if st != 507 || !strings.Contains(body, "存储空间不足") || !strings.Contains(body, "须保留 6 MiB") {
		t.Fatalf("upload on a full disk: %d %s", st, body)
	}
	t.Logf("upload with %d bytes free: %d %s", freeBytes(t, data), st, body)
	if st, body := do("GET", "/readyz", "", "", nil); st != 503 || !strings.Contains(body, "低于须保留") {
		t.Fatalf("readyz on a full disk: %d %s", st, body)
	}
	if st, _ := do("GET", "/healthz", "", "", nil); st != 200 {
		t.Fatalf("healthz on a full disk: %d", st)
	}
	if st, body := do("GET", casePath, token, "", nil); st != 200 {
		t.Fatalf("read on a full disk: %d %.200s", st, body)
	}
	if st, _ := do("GET", "/publications", "", "", nil); st != 200 {
		t.Fatalf("portal on a full disk: %d", st)
	}

	// Fill it to the last byte: a database write is refused in Chinese, not
	// with a 500 (or succeeds, if the WAL had room).
	ballast2 := fill(t, data, 0)
	refused := 0
	for range 8 { // under the per-address login rate limit (20 at once)
		st, body = do("POST", "/api/v1/session", "", "application/json", strings.NewReader(`{"username":"`+officer+`","password":"`+demo.Password+`"}`))
		if st != 201 && (st != 507 || !strings.Contains(body, "存储空间不足")) {
			t.Fatalf("login on a disk with no byte free: %d %s", st, body)
		}
		if st == 507 {
			refused++
		}
	}
	t.Logf("8 logins with %d bytes free: %d refused with 507 (%.150s)", freeBytes(t, data), refused, body)

	// Space freed: writes work again.
	os.Remove(ballast2)
	os.Remove(ballast)
	if st, body := do("GET", "/readyz", "", "", nil); st != 200 {
		t.Fatalf("readyz after freeing: %d %s", st, body)
	}
	if st, body := upload(bytes.Repeat([]byte("现场照片"), 1000)); st != 201 {
		t.Fatalf("upload after freeing: %d %s", st, body)
	}
	if st, _ := login(); st != 201 {
		t.Fatalf("login after freeing: %d", st)
	}
	stopServers(t)
	out, _, err := runCmd(t, "", "verify", "--data", data, "--origin", "test.example/zhifa")
	if err != nil {
		t.Fatalf("verify after a full disk: %v\n%s", err, out)
	}
}

// startServerWith is startServer with serve's options set; stopServers
// stops the ones a test started.
func startServerWith(t *testing.T, opts serveOptions, args ...string) string {
	t.Helper()
	base, stop := startTestServer(t, serverSetup{serve: opts}, args...)
	serverStops[t] = append(serverStops[t], func() {
		if err := stop(); err != nil {
			t.Errorf("server: %v", err)
		}
	})
	return base
}

var serverStops = map[*testing.T][]func(){}

// stopServers stops the servers startServerWith started for t.
func stopServers(t *testing.T) {
	for _, stop := range serverStops[t] {
		stop()
	}
	delete(serverStops, t)
}

// TestServeSweepsAtStart: a server starting on a data folder removes the
// temporary files that killed uploads left, and uploads that no step
// attached within the expiry, but keeps a fresh temporary file (another
// server may be receiving it).
func TestServeSweepsAtStart(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(data, "blobs", "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	// Ancient file times: the sweep compares them with the wall clock, and
	// these are before any clock this test runs under.
	ancient := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	killed := filepath.Join(tmp, "upload-killed")
	os.WriteFile(killed, []byte("half an upload"), 0o600)
	os.Chtimes(killed, ancient, ancient)
	receiving := filepath.Join(tmp, "upload-receiving")
	os.WriteFile(receiving, []byte("being written"), 0o600)
	hex := strings.Repeat("ab", 32)
	loose := filepath.Join(data, "blobs", "sha256", "ab", "ab", hex)
	os.MkdirAll(filepath.Dir(loose), 0o700)
	os.WriteFile(loose, []byte("never attached"), 0o600)
	os.Chtimes(loose, ancient, ancient)

	startServerWith(t, serveOptions{}, "--addr", "127.0.0.1:0", "--data", data, "--origin", "test.example/zhifa")
	for path, want := range map[string]bool{killed: false, receiving: true, loose: false} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s present = %v, want %v", filepath.Base(path), err == nil, want)
		}
	}
}
