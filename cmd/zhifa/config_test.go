package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/service"
)

// TestServeFlags: Secure cookies follow --public-url unless set; every
// serve flag has its environment variable; bad values are refused.
func TestServeFlags(t *testing.T) {
	tests := []struct {
		args    []string
		env     map[string]string
		secure  bool
		proxies string
		maxAge  time.Duration
		err     string
	}{
		{args: nil, secure: false, proxies: "[]", maxAge: 12 * time.Hour},
		{args: []string{"--public-url", "https://zhifa.hanyin.gov.cn"}, secure: true, proxies: "[]", maxAge: 12 * time.Hour},
		{args: []string{"--public-url", "http://10.0.0.5:8080"}, secure: false, proxies: "[]", maxAge: 12 * time.Hour},
		{args: []string{"--public-url", "https://zhifa.hanyin.gov.cn", "--secure-cookies=false"}, secure: false, proxies: "[]", maxAge: 12 * time.Hour},
		{args: []string{"--secure-cookies"}, secure: true, proxies: "[]", maxAge: 12 * time.Hour},
		{env: map[string]string{"ZHIFA_SECURE_COOKIES": "1", "ZHIFA_SESSION_MAX_AGE": "8h", "ZHIFA_TRUSTED_PROXIES": "10.0.0.1, 10.1.0.0/16"},
			secure: true, proxies: "[10.0.0.1/32 10.1.0.0/16]", maxAge: 8 * time.Hour},
		{env: map[string]string{"ZHIFA_PUBLIC_URL": "https://zhifa.example"}, args: []string{"--session-max-age", "4h"}, secure: true, proxies: "[]", maxAge: 4 * time.Hour},
		{args: []string{"--trusted-proxies", "proxy.example"}, err: "不是 IP 地址或网段"},
		{env: map[string]string{"ZHIFA_SECURE_COOKIES": "maybe"}, err: "ZHIFA_SECURE_COOKIES"},
		{args: []string{"--public-url", "zhifa.example"}, err: "--public-url"},
		{args: []string{"--session-max-age", "0s"}, err: "--session-max-age"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " ")+fmt.Sprint(tt.env), func(t *testing.T) {
			e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return tt.env[k] }}
			var c config
			fs := newFlagSet(e, "serve", "")
			err := c.registerServe(fs, e)
			if err == nil {
				err = fs.Parse(tt.args)
			}
			if err == nil {
				err = c.checkServe()
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one naming %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.secure() != tt.secure || fmt.Sprint(c.trustedProxies) != tt.proxies || c.sessionMaxAge != tt.maxAge {
				t.Errorf("secure %v, proxies %v, max age %v; want %v, %v, %v", c.secure(), c.trustedProxies, c.sessionMaxAge, tt.secure, tt.proxies, tt.maxAge)
			}
		})
	}
}

// TestUserUnlock: `zhifa user unlock` lets a locked address log in again.
func TestUserUnlock(t *testing.T) {
	data := t.TempDir()
	if _, _, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatal(err)
	}
	seedLedger(t, data, 1) // admin0
	ctx := context.Background()
	withService := func(fn func(s *service.Service)) {
		c := config{data: data}
		db, err := c.openDB(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		s := service.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) })
		s.LoginLimits.RefuseDelay = 0
		fn(s)
	}
	withService(func(s *service.Service) {
		for range s.MaxFailedLogins {
			s.LoginFrom(ctx, "192.0.2.1", "admin0", "wrong-password")
		}
		if _, err := s.LoginFrom(ctx, "192.0.2.1", "admin0", "Zhifa-Test-2026"); zhifa.ErrorCode(err) != zhifa.ELOCKED {
			t.Fatalf("locked = %v", err)
		}
	})
	out, _, err := runCmd(t, "", "user", "unlock", "--data", data, "admin0")
	if err != nil || !strings.Contains(out, "已解除用户 admin0 的登录锁定") {
		t.Fatalf("unlock: %v %s", err, out)
	}
	withService(func(s *service.Service) {
		if _, err := s.LoginFrom(ctx, "192.0.2.1", "admin0", "Zhifa-Test-2026"); err != nil {
			t.Fatalf("after unlock: %v", err)
		}
	})
}
