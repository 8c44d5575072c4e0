package web

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/zhifa/zhifa"
)

// metrics are the server's Prometheus metrics, in a registry of its own
// (not the process-wide default) so that every Server — and every test —
// counts apart.
//
// Every label value comes from a bounded set: the route is the ServeMux
// pattern of routes.go (never the raw path), the method one of the
// standard ones, the code an HTTP status.
//
// The ledger's size is read from the store at scrape time
// (zhifa_ledger_events), so it also counts events appended by other
// processes (the CLI, a second server on PostgreSQL); its append rate is
// computed in Prometheus, e.g. deriv(zhifa_ledger_events[5m]) events per
// second, rather than counted here, because the store appends in many
// places and its semantics are not this package's to change.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	failures *prometheus.CounterVec
	refused  prometheus.Counter
	uploads  prometheus.Counter
	upBytes  prometheus.Counter
	store    *storeCollector
	handler  http.Handler
}

// newMetrics registers the server's metrics; db is read at scrape time.
// HELP texts are Chinese like every other answer of the server.
func newMetrics(s *Server, db ledgerReader) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zhifa_http_requests_total", Help: "按路由、方法和状态码统计的 HTTP 请求数(路由为 routes.go 中的模式)。",
	}, []string{"route", "method", "code"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "zhifa_http_request_duration_seconds", Help: "按路由和方法统计的 HTTP 请求耗时(秒)。",
		Buckets: prometheus.DefBuckets,
	}, []string{"route", "method"})
	m.failures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zhifa_login_failures_total", Help: "登录失败次数,按原因(unknown_user 用户名不存在、bad_password 密码错误、disabled 账号停用)统计。",
	}, []string{"reason"})
	for _, reason := range []string{"unknown_user", "bad_password", "disabled"} {
		m.failures.WithLabelValues(reason) // exposed at 0 before the first failure
	}
	m.refused = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "zhifa_login_refused_total", Help: "因频率限制或锁定而未核对密码即被拒绝的登录次数。",
	})
	m.uploads = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "zhifa_uploads_total", Help: "已保存的证据文件上传个数。",
	})
	m.upBytes = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "zhifa_upload_bytes_total", Help: "已保存的证据文件上传字节数。",
	})
	m.store = &storeCollector{s: s, db: db,
		events:  prometheus.NewDesc("zhifa_ledger_events", "台账中的事件数(抓取时从数据库读取);追加速率可用 deriv(zhifa_ledger_events[5m]) 计算。", nil, nil),
		cpSize:  prometheus.NewDesc("zhifa_checkpoint_size", "最新已签名检查点覆盖的事件数(抓取时从数据库读取)。", nil, nil),
		cpTime:  prometheus.NewDesc("zhifa_checkpoint_timestamp_seconds", "本进程最近一次签署检查点的时间(Unix 秒);本进程启动后尚未签署时不输出。", nil, nil),
		scrapes: prometheus.NewDesc("zhifa_metrics_store_errors", "本次抓取中读取数据库失败的指标数。", nil, nil),
	}
	// The process collector gives CPU, memory and open file descriptors
	// (which bound slow clients). Go's runtime collector is left out: its
	// English HELP texts name runtime internals.
	m.reg.MustRegister(m.requests, m.duration, m.failures, m.refused, m.uploads, m.upBytes, m.store,
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      promLogger{s},
		ErrorHandling: promhttp.ContinueOnError,
		Timeout:       10 * time.Second,
	})
	return m
}

// promLogger logs promhttp's errors through the server's log.
type promLogger struct{ s *Server }

func (l promLogger) Println(v ...any) {
	l.s.log.Error("metrics", "err", strings.TrimSpace(fmt.Sprintln(v...)))
}

// LoginFailed implements service.Metrics.
func (m *metrics) LoginFailed(reason string) { m.failures.WithLabelValues(reason).Inc() }

// LoginRefused implements service.Metrics.
func (m *metrics) LoginRefused() { m.refused.Inc() }

// Uploaded implements service.Metrics.
func (m *metrics) Uploaded(size int64) {
	m.uploads.Inc()
	m.upBytes.Add(float64(size))
}

// CheckpointSigned implements service.Metrics.
func (m *metrics) CheckpointSigned(size int64, at time.Time) { m.store.signed(at) }

// ledgerReader is what the metrics read of the store (the service's
// database): web does not import store.
type ledgerReader interface {
	LogSize() (int64, error)
	LatestCheckpoint(ctx context.Context) ([]byte, int64, error)
}

// storeCollector reads the ledger's size and the latest checkpoint from the
// store at scrape time. A failed read is logged and counted in
// zhifa_metrics_store_errors; the rest of the scrape is still served.
type storeCollector struct {
	s  *Server
	db ledgerReader

	events, cpSize, cpTime, scrapes *prometheus.Desc

	mu       sync.Mutex
	signedAt time.Time // zero until this process signs a checkpoint
}

func (c *storeCollector) signed(at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if at.After(c.signedAt) {
		c.signedAt = at
	}
}

// Describe implements prometheus.Collector.
func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.events
	ch <- c.cpSize
	ch <- c.cpTime
	ch <- c.scrapes
}

// Collect implements prometheus.Collector.
func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	errs := 0
	if n, err := c.db.LogSize(); err != nil {
		errs++
		c.s.log.Error("metrics: ledger size", "err", err)
	} else {
		ch <- prometheus.MustNewConstMetric(c.events, prometheus.GaugeValue, float64(n))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, size, err := c.db.LatestCheckpoint(ctx); err != nil {
		errs++
		c.s.log.Error("metrics: latest checkpoint", "err", err)
	} else {
		ch <- prometheus.MustNewConstMetric(c.cpSize, prometheus.GaugeValue, float64(size))
	}
	c.mu.Lock()
	at := c.signedAt
	c.mu.Unlock()
	if !at.IsZero() {
		ch <- prometheus.MustNewConstMetric(c.cpTime, prometheus.GaugeValue, float64(at.UnixNano())/1e9)
	}
	ch <- prometheus.MustNewConstMetric(c.scrapes, prometheus.GaugeValue, float64(errs))
}

// measure counts every request and its duration by route: the ServeMux
// pattern that serves it (from m, as the request passed down the chain is
// a copy whose r.Pattern this handler never sees), "/api/" for unknown API
// paths and "unmatched" for the rest, so that scanning random URLs cannot
// make new series.
func (s *Server) measure(m *http.ServeMux) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now() // a duration, not a date: the real clock is right here
			_, route := m.Handler(r)
			if route == "" {
				route = "unmatched"
			}
			method := metricMethod(r.Method)
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			defer func() {
				// A panic that escaped the recoverer (ErrAbortHandler) is
				// still counted, with the status sent so far.
				s.metrics.requests.WithLabelValues(route, method, strconv.Itoa(sw.status)).Inc()
				s.metrics.duration.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
			}()
			next.ServeHTTP(sw, r)
		})
	}
}

// metricMethod is a request method as a label: one of the standard ones,
// else "other".
func metricMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "other"
}

// handleMetrics serves the metrics in Prometheus' text format to a client
// on the loopback interface or one that shows the configured token; anyone
// else gets 403 (JSON, like the API's errors).
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) error {
	if !s.metricsAllowed(r) {
		msg := "监控指标(/metrics)仅允许从本机访问;远程采集须由管理员以 --metrics-token 配置访问令牌,并在请求头 Authorization: Bearer 中携带"
		if s.metricsToken != "" {
			msg = "监控指标(/metrics)须从本机访问,或在请求头 Authorization: Bearer 中携带正确的访问令牌"
		}
		return zhifa.Errorf(zhifa.EFORBIDDEN, "%s", msg)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.metrics.handler.ServeHTTP(w, r)
	return nil
}

// metricsAllowed reports whether r may read the metrics: it carries the
// configured token (compared in constant time), or it comes from
// loopback. Loopback follows the trusted-proxy rule of clientAddress: a
// request through a trusted proxy counts by the client the proxy names,
// so a request forwarded from outside is not local; and a loopback
// request that carries a forwarding header (X-Forwarded-For or Forwarded)
// from a proxy not configured as trusted is not local either, since it was
// forwarded from somewhere this server cannot tell.
func (s *Server) metricsAllowed(r *http.Request) bool {
	if s.metricsToken != "" {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok &&
			subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.metricsToken)) == 1 {
			return true
		}
	}
	remote := addrOf(r.RemoteAddr)
	if !remote.IsValid() || !remote.IsLoopback() {
		return false
	}
	xff := r.Header.Get("X-Forwarded-For") != ""
	if !xff && r.Header.Get("Forwarded") == "" {
		return true
	}
	if !xff || !s.trustedProxy(remote) {
		return false // forwarded, by a proxy whose word is not taken
	}
	client, err := netip.ParseAddr(s.clientAddress(r))
	return err == nil && client.Unmap().IsLoopback()
}

// addrOf is the IP address of a RemoteAddr ("host:port"); invalid if none.
func addrOf(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}
