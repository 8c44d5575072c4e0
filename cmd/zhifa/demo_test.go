package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zhifa/zhifa/demo"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDemoServesAndVerifies runs `zhifa demo` as a newcomer would, fetches
// the portal and a workbench login, stops it, and checks that `zhifa
// verify` passes on the demo database — then runs the demo again on the
// same data, which must reuse it.
func TestDemoServesAndVerifies(t *testing.T) {
	data := t.TempDir()
	for round := 0; round < 2; round++ {
		ctx, cancel := context.WithCancel(context.Background())
		var out syncBuffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard, getenv: func(string) string { return "" }}
		done := make(chan error, 1)
		go func() { done <- run(ctx, e, []string{"demo", "--addr", "127.0.0.1:0", "--data", data}) }()
		addrRe := regexp.MustCompile(`公示门户\s+(http://[0-9.:]+)/`)
		var base string
		for deadline := time.Now().Add(60 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if m := addrRe.FindStringSubmatch(out.String()); m != nil {
				base = m[1]
			}
			select {
			case err := <-done:
				t.Fatalf("demo stopped: %v\n%s", err, out.String())
			default:
			}
		}
		if base == "" {
			cancel()
			t.Fatalf("demo did not start in 60 s:\n%s", out.String())
		}
		for _, path := range []string{"/", "/login", "/agencies", "/matters"} {
			resp, err := http.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s = %d", path, resp.StatusCode)
			}
		}
		if !strings.Contains(out.String(), demo.Password) {
			t.Errorf("demo output does not give the password:\n%s", out.String())
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("demo: %v", err)
		}
		stdout, stderr, err := runCmd(t, "", "verify", "--data", data)
		if err != nil {
			t.Fatalf("verify after demo (round %d): %v\n%s%s", round, err, stdout, stderr)
		}
	}
}
