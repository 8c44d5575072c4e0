package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zhifa/zhifa/internal/stopwatch"
	"github.com/zhifa/zhifa/web"
)

// BenchmarkLoginUnderFlood measures another user's login latency (p50, p99,
// max over b.N logins, each from its own address) while 16 clients flood the
// login with wrong passwords and fresh user names as fast as they can:
//
//   - reference: no flood, in the same run;
//   - flood-one-address: every flooding request from one client address
//     (the target of issue 15: p99 under 500 ms);
//   - flood-one-address-no-delay: the same with LoginLimits.RefuseDelay 0,
//     as from a client that does not wait for its answers (informative);
//   - flood-many-addresses: every flooding request from its own address,
//     so that only the hashing pool stands between the flood and the user
//     (informative: the address limits cannot help there);
//   - flood-many-addresses-known-victim: the same, but the user logs in
//     from 20 addresses that have logged in before the flood (the county's
//     own machines), which wait ahead of the flood for the hashing pool.
//
// The client address is given by X-Forwarded-For through a trusted proxy
// (loopback), as behind a load balancer. Run with a fixed count:
//
//	go test -run '^$' -bench LoginUnderFlood -benchtime 200x ./web/
func BenchmarkLoginUnderFlood(b *testing.B) {
	for _, flood := range []string{"reference", "flood-one-address", "flood-one-address-no-delay", "flood-many-addresses", "flood-many-addresses-known-victim"} {
		b.Run(flood, func(b *testing.B) {
			srv, svc := coreServerWith(b, func(c *web.Config) { c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")} })
			if flood == "flood-one-address-no-delay" {
				svc.LoginLimits.RefuseDelay = 0
			}
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			post := func(xff, username, password string) (int, error) {
				body, _ := json.Marshal(map[string]string{"username": username, "password": password})
				req, _ := http.NewRequest("POST", srv.URL+"/api/v1/session", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Forwarded-For", xff)
				resp, err := client.Do(req)
				if err != nil {
					return 0, err
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				return resp.StatusCode, nil
			}
			victim := func(i int) string { return fmt.Sprintf("198.51.%d.%d", i/250%250, i%250) }
			if flood == "flood-many-addresses-known-victim" {
				victim = func(i int) string { return fmt.Sprintf("192.0.2.%d", i%20) }
				for i := range 20 {
					if st, err := post(victim(i), "officer", "Zhifa-Test-2026"); err != nil || st != http.StatusCreated {
						b.Fatalf("warm-up login %d = %d %v", i, st, err)
					}
				}
			}
			ctx, stop := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			var sent, refused atomic.Int64
			if flood != "reference" {
				for f := range 16 {
					wg.Go(func() {
						for i := 0; ctx.Err() == nil; i++ {
							xff := "203.0.113.7"
							if strings.HasPrefix(flood, "flood-many-addresses") {
								xff = fmt.Sprintf("10.%d.%d.%d", f, i/250%250, i%250)
							}
							st, err := post(xff, fmt.Sprintf("guess%d-%d", f, i), "wrong-password")
							if err == nil {
								sent.Add(1)
								if st == http.StatusLocked {
									refused.Add(1)
								}
							}
						}
					})
				}
				time.Sleep(200 * time.Millisecond) // let the flood fill the server
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				w := stopwatch.Start() // a benchmark's latency: a monotonic duration, no date
				st, err := post(victim(i), "officer", "Zhifa-Test-2026")
				if err != nil || st != http.StatusCreated {
					b.Fatalf("victim login %d = %d %v", i, st, err)
				}
				lat = append(lat, w.Elapsed())
			}
			b.StopTimer()
			stop()
			wg.Wait()
			slices.Sort(lat)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
			b.ReportMetric(ms(lat[(len(lat)*99+99)/100-1]), "p99-ms")
			b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
			if n := sent.Load(); n > 0 {
				b.ReportMetric(float64(n), "flood-requests")
				b.ReportMetric(float64(refused.Load())/float64(n)*100, "flood-refused-%")
			}
		})
	}
}
