package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
)

// config is what serve, demo, migrate, verify and user share: where the
// data lives and which log this server signs.
type config struct {
	addr    string
	data    string
	db      string
	origin  string
	keyFile string

	// now is the clock the service runs on; nil is the real clock.
	// `zhifa demo --today` sets one shifted to the demo's date.
	now func() time.Time
}

// register adds the shared flags to fs, with defaults from ZHIFA_…
// environment variables.
func (c *config) register(fs *flag.FlagSet, e *env, withAddr bool) {
	get := func(name, def string) string {
		if v := e.getenv(name); v != "" {
			return v
		}
		return def
	}
	if withAddr {
		fs.StringVar(&c.addr, "addr", get("ZHIFA_ADDR", "127.0.0.1:8080"), "监听地址 (环境变量 ZHIFA_ADDR)")
	}
	fs.StringVar(&c.data, "data", get("ZHIFA_DATA", "zhifa-data"), "数据目录:SQLite 数据库、证据文件、签名密钥 (环境变量 ZHIFA_DATA)")
	fs.StringVar(&c.db, "db", get("ZHIFA_DB", ""), "数据库:留空为数据目录中的 SQLite;或 postgres://用户@主机:端口/库名 (环境变量 ZHIFA_DB)")
	fs.StringVar(&c.origin, "origin", get("ZHIFA_LOG_ORIGIN", ""), "台账日志的 origin 行,默认 <主机名>/zhifa (环境变量 ZHIFA_LOG_ORIGIN)")
	fs.StringVar(&c.keyFile, "key", get("ZHIFA_KEY_FILE", ""), "检查点签名私钥文件,默认 <数据目录>/log-signing.key,不存在时创建 (环境变量 ZHIFA_KEY_FILE)")
}

func (c *config) logOrigin() string {
	if c.origin != "" {
		return c.origin
	}
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	return host + "/zhifa"
}

func (c *config) keyPath() string {
	if c.keyFile != "" {
		return c.keyFile
	}
	return filepath.Join(c.data, "log-signing.key")
}

// openDB opens the configured database. migrate: apply pending migrations;
// otherwise refuse an outdated schema.
func (c *config) openDB(ctx context.Context, migrate bool) (*store.DB, error) {
	db, err := store.Open(ctx, c.db, c.data)
	if err != nil {
		return nil, err
	}
	if migrate {
		if _, err := db.Migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := db.CheckSchema(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (c *config) signer() (*ledger.Signer, error) {
	s, err := ledger.LoadOrCreateKey(c.keyPath(), c.logOrigin())
	if err != nil {
		return nil, fmt.Errorf("签名密钥 %s: %w", c.keyPath(), err)
	}
	return s, nil
}

func newLogger(e *env) *slog.Logger {
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// blobDir is where evidence files are stored: <data>/blobs.
func (c *config) blobDir() (string, error) {
	return filepath.Join(c.data, "blobs"), nil
}
