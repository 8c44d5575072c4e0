package web_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/zhifa/zhifa/internal/stopwatch"
)

// BenchmarkTusUpload sends one file of ZHIFA_BENCH_TUS_MB megabytes (default
// 256; 2048 for the 2 GB) through tus in one PATCH over loopback,
// and writes the same bytes straight to a file on the same disk (with
// fsync, as the upload's completion does) as the reference. It reports both
// speeds, their ratio and the process's peak RSS (client and server
// together during the upload, so an upper bound for the server). The bytes come from a
// generator: nothing is held in memory.
//
//	ZHIFA_BENCH_TUS_MB=2048 go test ./web -run '^$' -bench BenchmarkTusUpload -benchtime 1x
func BenchmarkTusUpload(b *testing.B) {
	mb := 256
	if v, err := strconv.Atoi(os.Getenv("ZHIFA_BENCH_TUS_MB")); err == nil && v > 0 {
		mb = v
	}
	size := int64(mb) << 20
	srv, svc := coreServerWith(b, nil)
	lr, err := http.Post(srv.URL+"/api/v1/session", "application/json", strings.NewReader(`{"username":"officer","password":"Zhifa-Test-2026"}`))
	if err != nil {
		b.Fatal(err)
	}
	var sess struct{ Token string }
	json.NewDecoder(lr.Body).Decode(&sess)
	lr.Body.Close()
	officer := sess.Token
	for i := 0; i < b.N; i++ {
		// Reference: the disk's own sequential write speed.
		ref := filepath.Join(svc.Blobs.Dir(), "reference.bin")
		start := stopwatch.Start()
		f, err := os.Create(ref)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		if _, err := io.Copy(w, &pattern{n: size}); err != nil {
			b.Fatal(err)
		}
		w.Flush()
		f.Sync()
		f.Close()
		disk := start.Elapsed()
		os.Remove(ref)

		// The peak RSS from here on: the login's argon2 memory and the
		// reference's buffers are not the upload's (Linux: clear_refs 5
		// resets VmHWM).
		debug.FreeOSMemory()
		os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
		base := procStatus("VmRSS:")
		start = stopwatch.Start()
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/uploads/", nil)
		req.Header.Set("Tus-Resumable", "1.0.0")
		req.Header.Set("Authorization", "Bearer "+officer)
		req.Header.Set("Upload-Length", strconv.FormatInt(size, 10))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode != 201 {
			msg, _ := io.ReadAll(resp.Body)
			b.Fatalf("create: %d %s", resp.StatusCode, msg)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		req, _ = http.NewRequest("PATCH", loc, &pattern{n: size})
		req.ContentLength = size
		req.Header.Set("Tus-Resumable", "1.0.0")
		req.Header.Set("Authorization", "Bearer "+officer)
		req.Header.Set("Upload-Offset", "0")
		req.Header.Set("Content-Type", "application/offset+octet-stream")
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode != 204 {
			msg, _ := io.ReadAll(resp.Body)
			b.Fatalf("patch: %d %s", resp.StatusCode, msg)
		}
		resp.Body.Close()
		tus := start.Elapsed()
		b.ReportMetric(float64(size)/1e6/disk.Seconds(), "disk-MB/s")
		b.ReportMetric(float64(size)/1e6/tus.Seconds(), "tus-MB/s")
		b.ReportMetric(disk.Seconds()/tus.Seconds()*100, "%-of-disk")
		b.ReportMetric(float64(procStatus("VmHWM:"))/(1<<20), "peak-RSS-MB")
		b.ReportMetric(float64(procStatus("VmHWM:")-base)/(1<<20), "RSS-growth-MB")
		// Free the disk for the next round: the upload and its stored copy.
		req, _ = http.NewRequest("DELETE", loc, nil)
		req.Header.Set("Tus-Resumable", "1.0.0")
		req.Header.Set("Authorization", "Bearer "+officer)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
		os.RemoveAll(filepath.Join(svc.Blobs.Dir(), "sha256"))
	}
}

// pattern yields n bytes cycling through a fixed pseudo-random block of
// 1 MB + 7 bytes (so that chunks do not repeat on 1 MB boundaries).
type pattern struct{ n, off int64 }

var patternBlock = func() []byte {
	b := make([]byte, 1<<20+7)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = byte(x)
	}
	return b
}()

func (p *pattern) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	if int64(len(b)) > p.n-p.off {
		b = b[:p.n-p.off]
	}
	n := 0
	for n < len(b) {
		i := int((p.off + int64(n)) % int64(len(patternBlock)))
		n += copy(b[n:], patternBlock[i:])
	}
	p.off += int64(n)
	return n, nil
}

// procStatus is a memory line of /proc/self/status (VmHWM: the peak
// resident set, VmRSS: the current one), in bytes.
func procStatus(key string) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb << 10
		}
	}
	return 0
}
