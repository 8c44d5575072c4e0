package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/store"
)

// config is what serve, demo, migrate, verify and user share: where the
// data lives and which log this server signs.
type config struct {
	blobs   string // serve --blobs: "" (the data directory's disk) or s3://bucket?endpoint=… (serve.go)
	addr    string
	data    string
	db      string
	origin  string
	keyFile string
	// dataKeyFile is --data-key; dataKeyEnv is ZHIFA_DATA_KEY (a key
	// ring's text, used when no --data-key is given). See dataKeys.
	dataKeyFile string
	dataKeyEnv  string
	// noDataKey: verify found encrypted data and no key file; it checks
	// what it can without reading the data (verifyLocal).
	noDataKey bool
	// now is the clock the service runs on; nil is the real clock. Tests
	// fix it; `zhifa demo --today` sets one shifted to the demo's date.
	now   func() time.Time
	serve serveOptions // serve's limits and upkeep (serve.go); zero values take defaults

	// Serve only (registerServe); zero values keep the service's defaults.
	publicURL      string
	secureCookies  autoBool
	trustedProxies []netip.Prefix
	sessionIdle    time.Duration
	sessionMaxAge  time.Duration
	metricsToken   string // /metrics from outside loopback (serve.go)
}

// autoBool is a boolean flag that may be left to a default decided later.
type autoBool struct{ set, v bool }

func (b *autoBool) String() string {
	if b == nil || !b.set {
		return "auto"
	}
	return strconv.FormatBool(b.v)
}

func (b *autoBool) Set(s string) error {
	if s == "auto" || s == "" {
		*b = autoBool{}
		return nil
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("应为 true、false 或 auto,而不是 %q", s)
	}
	*b = autoBool{set: true, v: v}
	return nil
}

func (b *autoBool) IsBoolFlag() bool { return true }

// registerServe adds the flags of a serving process: its public address,
// cookies and proxies, and the session timeouts, with defaults from ZHIFA_…
// environment variables (an invalid variable is refused like a flag).
func (c *config) registerServe(fs *flag.FlagSet, e *env) error {
	fs.StringVar(&c.publicURL, "public-url", "", "对外访问地址,如 https://zhifa.hanyin.gov.cn;为 https 时默认启用 --secure-cookies (环境变量 ZHIFA_PUBLIC_URL)")
	fs.Var(&c.secureCookies, "secure-cookies", "会话 Cookie 标记 Secure 并发送 HSTS,用于经 HTTPS 访问的部署;默认 auto:--public-url 为 https 时启用 (环境变量 ZHIFA_SECURE_COOKIES)")
	fs.Func("trusted-proxies", "可信反向代理的地址或网段,逗号分隔;仅来自这些地址的请求才采信 X-Forwarded-For 作为客户端地址 (环境变量 ZHIFA_TRUSTED_PROXIES)", func(v string) error {
		c.trustedProxies = nil
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			if p, err := netip.ParsePrefix(part); err == nil {
				c.trustedProxies = append(c.trustedProxies, p.Masked())
				continue
			}
			a, err := netip.ParseAddr(part)
			if err != nil {
				return fmt.Errorf("%q 不是 IP 地址或网段", part)
			}
			c.trustedProxies = append(c.trustedProxies, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
		}
		return nil
	})
	fs.DurationVar(&c.sessionIdle, "session-idle", 30*time.Minute, "会话空闲超时 (环境变量 ZHIFA_SESSION_IDLE)")
	fs.DurationVar(&c.sessionMaxAge, "session-max-age", 12*time.Hour, "会话最长有效期,自登录起计,无论是否活动 (环境变量 ZHIFA_SESSION_MAX_AGE)")
	for name, env := range map[string]string{"public-url": "ZHIFA_PUBLIC_URL", "secure-cookies": "ZHIFA_SECURE_COOKIES",
		"trusted-proxies": "ZHIFA_TRUSTED_PROXIES", "session-idle": "ZHIFA_SESSION_IDLE", "session-max-age": "ZHIFA_SESSION_MAX_AGE"} {
		if v := e.getenv(env); v != "" {
			if err := fs.Set(name, v); err != nil {
				return fmt.Errorf("环境变量 %s: %w", env, err)
			}
		}
	}
	return nil
}

// checkServe checks the serve flags once parsed.
func (c *config) checkServe() error {
	if c.publicURL != "" {
		u, err := url.Parse(c.publicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--public-url %q 应为 http:// 或 https:// 开头的地址", c.publicURL)
		}
	}
	if c.sessionIdle <= 0 || c.sessionMaxAge <= 0 {
		return errors.New("--session-idle 和 --session-max-age 须为正的时长,如 30m、12h")
	}
	return nil
}

// secure reports whether cookies are marked Secure (and HSTS sent): as
// configured, else when the public URL is https.
func (c *config) secure() bool {
	if c.secureCookies.set {
		return c.secureCookies.v
	}
	return strings.HasPrefix(strings.ToLower(c.publicURL), "https://")
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
	fs.StringVar(&c.origin, "origin", get("ZHIFA_LOG_ORIGIN", ""), "台账日志的 origin 行;默认为数据库中台账记录的 origin,尚无记录时为 <主机名>/zhifa (环境变量 ZHIFA_LOG_ORIGIN)")
	fs.StringVar(&c.keyFile, "key", get("ZHIFA_KEY_FILE", ""), "检查点签名私钥文件,默认 <数据目录>/log-signing.key,不存在时创建 (环境变量 ZHIFA_KEY_FILE)")
	fs.StringVar(&c.dataKeyFile, "data-key", get("ZHIFA_DATA_KEY_FILE", ""), "当事人个人信息字段加密密钥文件,默认 <数据目录>/data.key,不存在时创建;也可由环境变量 ZHIFA_DATA_KEY 给出密钥内容 (环境变量 ZHIFA_DATA_KEY_FILE)")
	c.dataKeyEnv = e.getenv("ZHIFA_DATA_KEY")
}

// dataKeyPath is the data key file: --data-key, else <data>/data.key,
// beside the signing key.
func (c *config) dataKeyPath() string {
	if c.dataKeyFile != "" {
		return c.dataKeyFile
	}
	return filepath.Join(c.data, "data.key")
}

// useDataKeys loads the key ring that encrypts the parties' personal data
// (ZHIFA_DATA_KEY when set and no --data-key is given, else the key file)
// and sets it on db. A missing key file is created, unless db already
// holds values encrypted under a key: a new key could not read them. Keys
// the stored values name but the ring lacks are refused by name.
func (c *config) useDataKeys(ctx context.Context, db *store.DB) (*store.FieldKeys, error) {
	return c.dataKeys(ctx, db, true)
}

// readDataKeys is useDataKeys for commands that only read: a missing key
// file is not created, and none is needed while nothing is encrypted
// (then it returns nil).
func (c *config) readDataKeys(ctx context.Context, db *store.DB) (*store.FieldKeys, error) {
	return c.dataKeys(ctx, db, false)
}

func (c *config) dataKeys(ctx context.Context, db *store.DB, create bool) (*store.FieldKeys, error) {
	use, err := db.FieldKeyUse(ctx)
	if err != nil {
		return nil, fmt.Errorf("读取个人信息加密状态: %w", err)
	}
	var keys *store.FieldKeys
	what := "数据加密密钥文件 " + c.dataKeyPath()
	if c.dataKeyFile == "" && c.dataKeyEnv != "" {
		what = "环境变量 ZHIFA_DATA_KEY"
		if keys, err = store.ParseFieldKeys(c.dataKeyEnv); err != nil {
			return nil, fmt.Errorf("环境变量 ZHIFA_DATA_KEY:%w", err)
		}
	} else if keys, err = store.LoadFieldKeyFile(c.dataKeyPath()); errors.Is(err, os.ErrNotExist) {
		if ids := usedKeyIDs(use); len(ids) > 0 {
			return nil, fmt.Errorf("%w:数据加密密钥文件 %s 不存在,而数据库 %s 中的当事人身份号码、电话、住址已以密钥 %s 加密,新密钥无法读取它们。"+
				"请把原数据加密密钥文件复制到 %s(权限 0600),或以 --data-key 指定该文件", errNoDataKey, c.dataKeyPath(), db.Display, strings.Join(ids, "、"), c.dataKeyPath())
		}
		if !create {
			return nil, nil
		}
		keys, err = store.CreateFieldKeyFile(c.dataKeyPath(), store.FieldAES)
		if errors.Is(err, os.ErrExist) { // another process starting on the same data made it first
			keys, err = store.LoadFieldKeyFile(c.dataKeyPath())
		}
		if err != nil {
			return nil, fmt.Errorf("创建数据加密密钥文件 %s: %w", c.dataKeyPath(), err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("数据加密密钥文件 %s: %w", c.dataKeyPath(), err)
	}
	var missing []string
	for _, id := range usedKeyIDs(use) {
		if !keys.Has(id) {
			missing = append(missing, fmt.Sprintf("%s(%d 项)", id, use[id]))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("拒绝启动:数据库 %s 中有当事人信息以密钥 %s 加密,而%s只有密钥 %s。请使用加密这些数据的密钥文件(--data-key)",
			db.Display, strings.Join(missing, "、"), what, strings.Join(keys.IDs(), "、"))
	}
	db.SetFieldKeys(keys)
	return keys, nil
}

// errNoDataKey: the data key file is missing while the database holds
// encrypted data.
var errNoDataKey = errors.New("拒绝启动")

// usedKeyIDs returns the key ids of use (FieldKeyUse), sorted, without the
// plaintext count.
func usedKeyIDs(use map[string]int) []string {
	var ids []string
	for id := range use {
		if id != "" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
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

// logSigner returns the signer of the log held by db, after checking it
// against the identity the log recorded: several serve processes on one
// database must sign its checkpoints with one key under one origin, or
// verifiers would see a log signed by strangers. Without --origin, the
// recorded origin is used. The first process to serve records its key and
// origin; an existing log without a record is claimed only by the key that
// signed its latest checkpoint. A mismatch is refused with what to do.
func (c *config) logSigner(ctx context.Context, db *store.DB) (*ledger.Signer, error) {
	rec, err := c.useRecordedOrigin(ctx, db)
	if err != nil {
		return nil, err
	}
	if rec != nil {
		if c.origin != rec.Origin {
			return nil, fmt.Errorf("拒绝启动:本进程的 --origin 为“%s”,但数据库 %s 的台账记录的 origin 为“%s”(验证公钥 %s,%s 由首个服务进程记录)。"+
				"同一台账的所有 serve 进程必须使用同一 origin 和签名密钥:请以 --origin %s 启动(或不指定 --origin)",
				c.origin, db.Display, rec.Origin, rec.VerifierKey, rec.Created.UTC().Format("2006-01-02 15:04:05 UTC"), rec.Origin)
		}
		if _, err := os.Stat(c.keyPath()); errors.Is(err, os.ErrNotExist) {
			// Creating a new key here would only make a key the log refuses.
			return nil, fmt.Errorf("拒绝启动:签名密钥文件 %s 不存在,而数据库 %s 的台账已由验证公钥 %s 签名。"+
				"请把首个服务进程的签名密钥文件复制到 %s(权限 0600),或以 --key 指定该文件", c.keyPath(), db.Display, rec.VerifierKey, c.keyPath())
		}
	}
	signer, err := c.signer()
	if err != nil {
		if rec != nil {
			return nil, fmt.Errorf("%w(数据库的台账记录的 origin 为“%s”,验证公钥 %s:请使用签署该台账的签名密钥文件)", err, rec.Origin, rec.VerifierKey)
		}
		return nil, err
	}
	if rec == nil {
		if err := c.checkLatestCheckpoint(ctx, db, signer); err != nil {
			return nil, err
		}
		if rec, err = db.ClaimLedgerIdentity(ctx, c.logOrigin(), signer.VerifierKey()); err != nil {
			return nil, fmt.Errorf("记录台账签名身份: %w", err)
		}
	}
	if rec.Origin != c.logOrigin() || rec.VerifierKey != signer.VerifierKey() {
		return nil, fmt.Errorf("拒绝启动:签名密钥文件 %s 的验证公钥为 %s(origin“%s”),与数据库 %s 的台账记录的验证公钥 %s(origin“%s”)不一致,"+
			"同一台账只能由一个密钥签名。请把首个服务进程的签名密钥文件复制到 %s(权限 0600)或以 --key 指定它,并以 --origin %s 启动",
			c.keyPath(), signer.VerifierKey(), c.logOrigin(), db.Display, rec.VerifierKey, rec.Origin, c.keyPath(), rec.Origin)
	}
	return signer, nil
}

// useRecordedOrigin returns the identity recorded by the log in db (nil if
// none is yet) and, when no --origin was given, makes its origin the
// configured one: the origin is the log's, not the host's.
func (c *config) useRecordedOrigin(ctx context.Context, db *store.DB) (*store.LedgerIdentity, error) {
	rec, err := db.LedgerIdentity(ctx)
	if err != nil {
		return nil, fmt.Errorf("读取台账签名身份: %w", err)
	}
	if rec != nil && c.origin == "" {
		c.origin = rec.Origin
	}
	return rec, nil
}

// checkLatestCheckpoint refuses to claim a log whose latest checkpoint was
// not signed by signer under the configured origin (a database from before
// identities were recorded, started with another key).
func (c *config) checkLatestCheckpoint(ctx context.Context, db *store.DB, signer *ledger.Signer) error {
	note, size, err := db.LatestCheckpoint(ctx)
	if err != nil || note == nil {
		return err
	}
	v, err := signer.Verifier()
	if err != nil {
		return err
	}
	if _, _, err := ledger.OpenCheckpoint(note, v, c.logOrigin()); err != nil {
		return fmt.Errorf("拒绝启动:数据库 %s 的台账已有检查点(%d 个事件),但它不是由签名密钥文件 %s(验证公钥 %s)以 origin“%s”签署的。"+
			"请使用签署原检查点的签名密钥文件(--key)和 origin(--origin)启动", db.Display, size, c.keyPath(), signer.VerifierKey(), c.logOrigin())
	}
	return nil
}

func newLogger(e *env) *slog.Logger {
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// blobDir is where evidence files are stored: <data>/blobs.
func (c *config) blobDir() (string, error) {
	return filepath.Join(c.data, "blobs"), nil
}
