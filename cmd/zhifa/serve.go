package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/zhifa/zhifa/blob"
	"github.com/zhifa/zhifa/ledger"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	var c config
	fs := newFlagSet(e, "serve", "serve [--addr 地址] [--data 目录] [--db 连接串] [--origin 名称] [--key 文件] [--public-url 地址] [--secure-cookies] [--trusted-proxies 地址] [--metrics-token 令牌] [--migrate]")
	c.register(fs, e, true)
	c.serve.register(fs, e)
	if err := c.registerServe(fs, e); err != nil {
		return err
	}
	fs.StringVar(&c.metricsToken, "metrics-token", e.getenv("ZHIFA_METRICS_TOKEN"), "允许从本机以外读取 /metrics 的访问令牌(请求头 Authorization: Bearer 令牌),至少 16 个字符;留空则仅本机可读。宜用环境变量 ZHIFA_METRICS_TOKEN,命令行参数他人可见")
	fs.StringVar(&c.blobs, "blobs", e.getenv("ZHIFA_BLOBS"), "文件对象存储:留空为数据目录下的磁盘;或 s3://存储桶?endpoint=主机:端口[&secure=false][&retain=30y],文件先存本地再复制到存储桶,存储桶启用对象锁定时以合规模式锁定;访问密钥见环境变量 ZHIFA_S3_ACCESS_KEY、ZHIFA_S3_SECRET_KEY (环境变量 ZHIFA_BLOBS)")
	migrate := fs.Bool("migrate", e.getenv("ZHIFA_MIGRATE") == "1", "启动前执行待执行的数据库迁移;否则结构过旧时拒绝启动 (环境变量 ZHIFA_MIGRATE=1)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := c.checkServe(); err != nil {
		return err
	}
	if n := len([]rune(c.metricsToken)); n > 0 && n < 16 {
		return &exitError{code: 2, err: fmt.Errorf("--metrics-token 至少 16 个字符(现为 %d 个),以免被猜中", n)}
	}
	db, err := c.openDB(ctx, *migrate)
	if err != nil {
		return err
	}
	defer db.Close()
	return serve(ctx, e, &c, db, nil)
}

// serve runs the HTTP server until ctx ends. ready, if not nil, receives the
// listening address once the server accepts connections.
func serve(ctx context.Context, e *env, c *config, db *store.DB, ready func(addr string)) error {
	log := newLogger(e)
	if db.FieldKeys() == nil { // personal data at rest; demo sets them before loading
		if _, err := c.useDataKeys(ctx, db); err != nil {
			return err
		}
	}
	svc := service.New(db, log, c.now) // first: it sets the database's clock
	if c.sessionIdle > 0 {
		svc.SessionIdle = c.sessionIdle
	}
	if c.sessionMaxAge > 0 {
		svc.SessionMaxAge = c.sessionMaxAge
	}
	signer, err := c.logSigner(ctx, db)
	if err != nil {
		return err
	}
	blobDir, err := c.blobDir()
	if err != nil {
		return err
	}
	if err := svc.OpenBlobs(blobDir); err != nil {
		return err
	}
	if c.serve.statfs != nil {
		svc.Blobs.Statfs = c.serve.statfs
	}
	if err := configureDocuments(e, svc); err != nil { // casefile.go
		return err
	}
	if c.blobs != "" {
		remote, err := blob.OpenS3(ctx, c.blobs, e.getenv)
		if err != nil {
			return err
		}
		svc.Blobs.UseS3(remote)
		log.Info("文件对象存储", "blobs", c.blobs, "object_lock", remote.Locked)
	}
	h, err := web.New(web.Config{Service: svc, Log: log, Signer: signer, Origin: c.logOrigin(), Limits: c.serve.webLimits(),
		SecureCookies: c.secure(), TrustedProxies: c.trustedProxies, MetricsToken: c.metricsToken})
	if err != nil {
		return err
	}
	upkeep(ctx, svc, log, c.serve.expiry()) // at start, before the first upload
	go func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				upkeep(ctx, svc, log, c.serve.expiry())
			}
		}
	}()
	go h.WatchDisk(ctx, time.Minute)
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("监听 %s: %w", c.addr, err)
	}
	// ReadTimeout and WriteTimeout stay zero: web sets the deadlines per
	// route (a whole-request timeout would cut every long upload).
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	go checkpointer(ctx, svc, signer, c.logOrigin(), log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	addr := ln.Addr().String()
	log.Info("zhifa 已启动", "addr", "http://"+addr, "db", db.Display, "origin", c.logOrigin(), "key", signer.VerifierKey(), "secure_cookies", c.secure())
	if ready != nil {
		ready(addr)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("正在关闭服务")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	// A last checkpoint so that everything written is covered by a signature.
	if _, _, err := svc.Checkpoint(context.Background(), signer, c.logOrigin()); err != nil {
		log.Error("final checkpoint", "err", err)
	}
	return nil
}

// checkpointer signs a checkpoint every second while the log grows.
func checkpointer(ctx context.Context, svc *service.Service, signer *ledger.Signer, origin string, log *slog.Logger) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if _, _, err := svc.Checkpoint(ctx, signer, origin); err != nil && ctx.Err() == nil {
			log.Error("checkpoint", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
