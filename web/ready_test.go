package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa/web"
)

// TestWatchDiskLogs: the disk watch logs a warning below the warning line,
// an error below the reserve, and a notice when space comes back.
func TestWatchDiskLogs(t *testing.T) {
	_, svc := coreServer(t)
	var logBuf lockedBuffer
	h := newTestHandler(t, svc, serverOpts{Log: &logBuf, Limits: web.Limits{MinFree: 1 << 20, WarnFree: 4 << 20}})
	done, cancel := context.WithCancel(context.Background())
	cancel() // one check per call
	for _, tt := range []struct {
		free uint64
		want string
	}{
		{100 << 20, ""},
		{3 << 20, "level=WARN msg=数据盘可用空间不足"},
		{3 << 20, ""}, // said once
		{512 << 10, "level=ERROR msg=数据盘可用空间低于保留线"},
		{100 << 20, "level=INFO msg=数据盘可用空间已恢复"},
	} {
		svc.Blobs.Statfs = func(string) (uint64, error) { return tt.free, nil }
		before := len(logBuf.String())
		h.WatchDisk(done, time.Hour)
		got := logBuf.String()[before:]
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("free %d: log %q, want %q", tt.free, got, tt.want)
		}
	}
}
