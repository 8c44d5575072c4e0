package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/web"
)

// serveOptions are serve's limits on clients and its upkeep of the
// evidence store.
type serveOptions struct {
	limits web.Limits
	// expire is how long an upload may stay unattached to any step before
	// it is deleted; 0 means 24 hours.
	expire time.Duration
	// minFree and warnFree are the disk reserve and warning line (bytes).
	minFree, warnFree int64
	// statfs, if set, replaces the evidence store's free-space query (tests).
	statfs func(dir string) (uint64, error)
}

// webLimits are the limits handed to web.
func (o *serveOptions) webLimits() web.Limits {
	l := o.limits
	l.MinFree, l.WarnFree = uint64(max(o.minFree, 0)), uint64(max(o.warnFree, 0))
	return l
}

func (o *serveOptions) expiry() time.Duration {
	if o.expire <= 0 {
		return 24 * time.Hour
	}
	return o.expire
}

// register adds serve's limit flags, with defaults from ZHIFA_… variables.
func (o *serveOptions) register(fs *flag.FlagSet, e *env) {
	d := web.DefaultLimits
	dur := func(p *time.Duration, name, env string, def time.Duration, usage string) {
		*p = def
		if v := e.getenv(env); v != "" {
			if x, err := time.ParseDuration(v); err == nil {
				*p = x
			}
		}
		fs.DurationVar(p, name, *p, usage+" (环境变量 "+env+")")
	}
	size := func(p *int64, name, env string, def int64, usage string) {
		*p = def
		if v := e.getenv(env); v != "" {
			if x, err := parseSize(v); err == nil {
				*p = x
			}
		}
		fs.Func(name, usage+",如 512MiB、4GiB;默认 "+formatSize(def)+" (环境变量 "+env+")", func(s string) error {
			x, err := parseSize(s)
			if err != nil {
				return err
			}
			*p = x
			return nil
		})
	}
	dur(&o.limits.ReadTimeout, "read-timeout", "ZHIFA_READ_TIMEOUT", d.ReadTimeout, "普通请求读取请求体的时限")
	dur(&o.limits.WriteTimeout, "write-timeout", "ZHIFA_WRITE_TIMEOUT", d.WriteTimeout, "普通请求写出应答的时限")
	size(&o.limits.MinRate, "min-rate", "ZHIFA_MIN_RATE", d.MinRate, "上传下载每秒须传输的最少字节数(按窗口计)")
	dur(&o.limits.RateWindow, "rate-window", "ZHIFA_RATE_WINDOW", d.RateWindow, "上传下载最低速率的计量窗口")
	size(&o.limits.MaxBody, "max-body", "ZHIFA_MAX_BODY", d.MaxBody, "普通请求体上限")
	size(&o.limits.MaxUpload, "max-upload", "ZHIFA_MAX_UPLOAD", d.MaxUpload, "单次上传上限")
	size(&o.limits.UserDaily, "user-daily-upload", "ZHIFA_USER_DAILY_UPLOAD", d.UserDaily, "每名用户每日上传上限")
	size(&o.limits.AgencyDaily, "agency-daily-upload", "ZHIFA_AGENCY_DAILY_UPLOAD", d.AgencyDaily, "每个执法主体每日上传上限")
	size(&o.minFree, "min-free", "ZHIFA_MIN_FREE", int64(d.MinFree), "数据盘须保留的可用空间;低于此值拒绝上传,/readyz 报未就绪")
	size(&o.warnFree, "warn-free", "ZHIFA_WARN_FREE", int64(d.WarnFree), "数据盘可用空间预警线;低于此值在日志和系统管理员工作台预警")
	dur(&o.expire, "expire-unattached", "ZHIFA_EXPIRE_UNATTACHED", 24*time.Hour, "上传后未被任何环节引用的文件保留多久后删除")
}

// parseSize reads "1048576", "512KiB", "64MiB", "4GiB" or "1TiB".
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}} {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(n), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("大小 %q 无效:应为非负整数,可带 KiB、MiB、GiB、TiB 单位", s)
	}
	return n * mult, nil
}

func formatSize(n int64) string {
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.mult && n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// upkeep sweeps the temporary files of uploads that stopped (not written
// for ten minutes: another server sharing the directory may be receiving
// one) and deletes uploads left unattached for longer than expire. File
// times are the file system's, so the cutoffs are wall-clock times, not
// the service's clock.
func upkeep(ctx context.Context, svc *service.Service, log *slog.Logger, expire time.Duration) {
	now := time.Now()
	if n, err := svc.Blobs.SweepTmp(now.Add(-10 * time.Minute)); err != nil {
		log.Error("清理上传临时文件", "err", err)
	} else if n > 0 {
		log.Info("已清理中断上传留下的临时文件", "count", n)
	}
	gone, err := svc.Blobs.Expire(now.Add(-expire), func(digest string) (bool, error) {
		return svc.DB.DigestAttached(ctx, digest)
	})
	if err != nil {
		log.Error("清理未引用的上传文件", "err", err)
	}
	if len(gone) > 0 {
		log.Info("已删除逾期未被引用的上传文件", "count", len(gone), "expire", expire.String())
	}
}
