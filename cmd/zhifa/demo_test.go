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

	"github.com/zhifa/zhifa/calendar"
	"github.com/zhifa/zhifa/demo"
	"github.com/zhifa/zhifa/internal/testdate"
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

// startDemo runs `zhifa demo --today <the test date>` on data until stop is
// called, and returns the portal's base URL and what the demo printed.
func startDemo(t *testing.T, data string, extra ...string) (base string, out *syncBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	e := &env{stdin: strings.NewReader(""), stdout: out, stderr: io.Discard, getenv: func(string) string { return "" }}
	done := make(chan error, 1)
	args := append([]string{"demo", "--addr", "127.0.0.1:0", "--data", data, "--today", testdate.String(t)}, extra...)
	go func() { done <- run(ctx, e, args) }()
	var once sync.Once
	stop = func() { // idempotent; also run at the test's end
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("demo: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	// Loading the demo takes a few seconds; a minute means it is stuck.
	wait, cancelWait := context.WithTimeout(ctx, 60*time.Second)
	defer cancelWait()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	addrRe := regexp.MustCompile(`公示门户\s+(http://[0-9.:]+)/`)
	for {
		if m := addrRe.FindStringSubmatch(out.String()); m != nil {
			return m[1], out, stop
		}
		select {
		case err := <-done:
			cancel()
			once.Do(func() {}) // done is drained: stop must not wait for it
			t.Fatalf("demo stopped: %v\n%s", err, out.String())
		case <-wait.Done():
			cancel()
			<-done
			once.Do(func() {})
			t.Fatalf("demo did not start in 60 s:\n%s", out.String())
		case <-tick.C:
		}
	}
}

// get fetches base+path and returns its status and body.
func get(t *testing.T, base, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestDemoServesAndVerifies runs `zhifa demo` as a newcomer would, fetches
// the portal and a workbench login and checks what they show, stops it, and
// checks that `zhifa verify` passes on the demo database — then runs the
// demo again on the same data, which must reuse it.
func TestDemoServesAndVerifies(t *testing.T) {
	data := t.TempDir()
	today := calendar.DateOf(testdate.Today(t))
	dateRe := regexp.MustCompile(`\b20\d\d-\d\d-\d\d\b`)
	for round := 0; round < 2; round++ {
		base, out, stop := startDemo(t, data)
		for _, tt := range []struct {
			path string
			want []string
		}{
			{"/", []string{"汉阴县行政执法公示平台"}},
			{"/login", []string{"工作台登录", `name="username"`, `name="password"`}},
			{"/agencies", []string{"汉阴县市场监督管理局", "汉阴县城市管理执法局", "汉阴县自然资源局"}},
			{"/matters", []string{"对发布虚假广告的行政处罚", "《中华人民共和国广告法》第五十五条"}},
			{"/verify/officer/61092111001", []string{"王志强", "有效"}},
			{"/verify/officer/61092111006", []string{"钱卫东", "已过期"}},
			{"/publications", []string{"汉阴市监罚〔", "汉阴城管罚〔"}},
			{"/publications?status=withdrawn", []string{"汉阴卫健罚〔", "决定被撤销"}},
		} {
			status, body := get(t, base, tt.path)
			if status != http.StatusOK {
				t.Errorf("GET %s = %d, want 200", tt.path, status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s does not show %q", tt.path, w)
				}
			}
		}
		// The published decisions are dated within the story: the two months
		// before the demo's today, never after it.
		_, body := get(t, base, "/publications")
		dates := dateRe.FindAllString(body, -1)
		if len(dates) == 0 {
			t.Errorf("/publications shows no date")
		}
		for _, s := range dates {
			d := calendar.MustParseDate(s)
			if d.After(today) || d.Before(today.Add(-80)) {
				t.Errorf("/publications shows %s, outside the story (%s to %s)", s, today.Add(-80), today)
			}
		}
		for _, w := range []string{demo.Password, "演示日期 " + today.String()} {
			if !strings.Contains(out.String(), w) {
				t.Errorf("demo output does not give %q:\n%s", w, out.String())
			}
		}
		stop()
		stdout, stderr, err := runCmd(t, "", "verify", "--data", data)
		if err != nil {
			t.Fatalf("verify after demo (round %d): %v\n%s%s", round, err, stdout, stderr)
		}
	}

	// The same data on an earlier day would date new events before the
	// story's: refused, saying why.
	_, _, err := runCmd(t, "", "demo", "--addr", "127.0.0.1:0", "--data", data, "--today", today.Add(-30).String())
	if err == nil || !strings.Contains(err.Error(), "晚于演示日期") || !strings.Contains(err.Error(), "--today") {
		t.Errorf("demo on an earlier --today over the same data: %v, want a refusal naming --today", err)
	}
}

// TestDemoToday checks the --today flag without loading anything: a bad
// date and a date whose calendar years are not loaded get a Chinese error
// naming what is wrong.
func TestDemoToday(t *testing.T) {
	for _, tt := range []struct {
		today string
		want  []string
	}{
		{"2026-13-01", []string{"--today", "演示日期", "不存在"}},
		{"2026/10/09", []string{"--today", "格式有误"}},
		{"2026-02-30", []string{"--today", "不存在"}},
		{"2031-05-06", []string{"演示日期 2031-05-06 无法使用", "未载入 2031 年的法定节假日安排", "zhifa calendar import"}},
	} {
		_, _, err := runCmd(t, "", "demo", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--today", tt.today)
		if err == nil {
			t.Errorf("demo --today %s: no error", tt.today)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("demo --today %s: %q, want it to say %q", tt.today, err, w)
			}
		}
	}
}

// TestDemoClock is the table of demoClock: the clock keeps the real time
// of day on the demo's date, and no --today is the real clock.
func TestDemoClock(t *testing.T) {
	real := time.Date(2026, 12, 1, 17, 30, 0, 0, time.UTC) // 2026-12-02 01:30 in China
	for _, tt := range []struct {
		today, wantDate, wantNow string
	}{
		{"", "2026-12-02", "2026-12-02T01:30:00+08:00"},
		{"2026-10-09", "2026-10-09", "2026-10-09T01:30:00+08:00"},
		{"2027-02-04", "2027-02-04", "2027-02-04T01:30:00+08:00"},
		{"2026-12-31", "2026-12-31", "2026-12-31T01:30:00+08:00"},
	} {
		clock, d, err := demoClock(tt.today, func() time.Time { return real })
		if err != nil {
			t.Errorf("demoClock(%q): %v", tt.today, err)
			continue
		}
		if got := clock().In(china).Format(time.RFC3339); d.String() != tt.wantDate || got != tt.wantNow {
			t.Errorf("demoClock(%q) = %s, clock %s; want %s, %s", tt.today, d, got, tt.wantDate, tt.wantNow)
		}
	}
}
