package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zhifa/zhifa"
	"github.com/zhifa/zhifa/identity"
	"github.com/zhifa/zhifa/internal/stopwatch"
	"github.com/zhifa/zhifa/internal/testdate"
	"github.com/zhifa/zhifa/penalty"
	"github.com/zhifa/zhifa/registry"
	"github.com/zhifa/zhifa/service"
	"github.com/zhifa/zhifa/store"
	"github.com/zhifa/zhifa/store/storetest"
)

// The write benchmarks of issue 18 item 5: steps recorded through the real
// JSON API by concurrent clients, and the step rate of one case as it
// grows. Figures are recorded in docs/benchmarks.md beside
// store.BenchmarkLedgerAppendSQLiteConcurrent, measured in the same run.

// benchSite is the real server over one database with an agency, a penalty
// matter, two officers who handle every case (o1 records the steps), and a
// unit head who opens the cases. The clock is fixed on Thursday 2026-11-26.
type benchSite struct {
	tb       testing.TB
	srv      *httptest.Server
	svc      *service.Service
	agency   *registry.Agency
	matter   *registry.Matter
	off1     *registry.Officer
	off2     *registry.Officer
	o1, head zhifa.Actor
	client   *http.Client
}

func newBenchSite(tb testing.TB, db *store.DB) *benchSite {
	tb.Helper()
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(db, discard, testdate.Clock(tb))
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(svc.OpenBlobs(tb.TempDir()))
	srv := newTestServer(tb, svc, serverOpts{})
	ctx := context.Background()
	s := &benchSite{tb: tb, svc: svc}
	s.agency = &registry.Agency{Name: "汉阴县市场监督管理局", ShortName: "汉阴市监", Kind: registry.AgencyAdministrative, CreditCode: "11610921MB1A00025T", Region: "610921", ReviewDays: 5}
	must(svc.CreateAgency(ctx, zhifa.Console, s.agency))
	s.matter = &registry.Matter{AgencyID: s.agency.ID, Name: "生产经营不符合食品安全标准的食品", Category: registry.MatterPenalty,
		Basis: "《中华人民共和国食品安全法》第一百二十四条", PenaltyKinds: []string{"警告", "罚款"}}
	must(svc.CreateMatter(ctx, zhifa.Console, s.matter))
	officer := func(name, cert string) *registry.Officer {
		o := &registry.Officer{AgencyID: s.agency.ID, Name: name, Gender: "男", Post: "科员", CertNo: cert, Category: "市场监管",
			ValidFrom: zhifa.DateFromTime(testdate.Today(tb).AddDate(-2, 0, 0)), ValidTo: zhifa.DateFromTime(testdate.Today(tb).AddDate(3, 0, 0))}
		must(svc.CreateOfficer(ctx, zhifa.Console, o))
		return o
	}
	s.off1, s.off2 = officer("王志强", "61092100101"), officer("李晓燕", "61092100102")
	user := func(username string, o *registry.Officer, roles ...zhifa.Role) zhifa.Actor {
		in := identity.UserInput{Username: username, Name: username, AgencyID: s.agency.ID, Roles: roles, Password: "Zhifa-Test-2026"}
		if o != nil {
			in.OfficerID = o.ID
		}
		u, err := svc.CreateUser(ctx, zhifa.Console, in)
		must(err)
		return zhifa.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, AgencyID: u.AgencyID, OfficerID: u.OfficerID, Roles: u.Roles}
	}
	s.o1 = user("o1", s.off1, zhifa.RoleOfficer)
	s.head = user("head", nil, zhifa.RoleUnitHead)
	s.srv = srv
	// One keep-alive connection per client, as officers' browsers hold.
	s.client = &http.Client{Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}}
	tb.Cleanup(s.client.CloseIdleConnections)
	return s
}

// login returns an API session token of username.
func (s *benchSite) login(username string) string {
	s.tb.Helper()
	resp, err := s.client.Post(s.srv.URL+"/api/v1/session", "application/json", strings.NewReader(`{"username":"`+username+`","password":"Zhifa-Test-2026"}`))
	if err != nil {
		s.tb.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != http.StatusCreated || out.Token == "" {
		s.tb.Fatalf("login %s: %d", username, resp.StatusCode)
	}
	return out.Token
}

// openCase registers and opens a case handled by o1 and o2 (two steps).
func (s *benchSite) openCase() int64 {
	s.tb.Helper()
	ctx := context.Background()
	c, err := s.svc.RegisterCase(ctx, s.o1, penalty.CaseInput{MatterID: s.matter.ID, Source: "投诉举报", Summary: "群众举报销售过期食品",
		Party: zhifa.Party{Kind: zhifa.PartyPerson, Name: "张建华"}, HandlerIDs: []int64{s.off1.ID, s.off2.ID}})
	if err != nil {
		s.tb.Fatal(err)
	}
	if _, err := s.svc.RecordStep(ctx, s.head, c.ID, penalty.StepInput{Action: penalty.Open, Fields: map[string]string{"opinion": "同意立案"}}); err != nil {
		s.tb.Fatal(err)
	}
	return c.ID
}

// investigation alternates the two investigation steps that may repeat
// while a case is being investigated: 询问笔录 and 证据登记.
func investigation(i int) (penalty.Action, map[string]string) {
	if i%2 == 0 {
		return penalty.Inquiry, map[string]string{"subject": "张建华", "place": "县市场监督管理局询问室", "content": fmt.Sprintf("第 %d 次询问:当事人承认销售过期食品。", i)}
	}
	return penalty.EvidenceEntry, map[string]string{"title": fmt.Sprintf("过期食品照片 %d", i), "description": "现场拍摄的照片 3 张"}
}

// grow records investigation steps on case id through the service until it
// has n steps (it has two after openCase).
func (s *benchSite) grow(id int64, n int) {
	s.tb.Helper()
	for i := 2; i < n; i++ {
		act, f := investigation(i)
		if _, err := s.svc.RecordStep(context.Background(), s.o1, id, penalty.StepInput{Action: act, Fields: f}); err != nil {
			s.tb.Fatal(err)
		}
	}
}

// postStep records step i of case id through POST /api/v1/cases/{id}/steps.
func (s *benchSite) postStep(token string, id int64, i int) error {
	act, f := investigation(i)
	body, _ := json.Marshal(map[string]any{"action": act, "fields": f})
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/cases/%d/steps", s.srv.URL, id), bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("step %d of case %d: %d %s", i, id, resp.StatusCode, b)
	}
	return nil
}

// eachEngine runs fn as a sub-benchmark on SQLite and, when
// ZHIFA_TEST_POSTGRES is set, on PostgreSQL, each over one server.
func eachEngine(b *testing.B, fn func(b *testing.B, s *benchSite)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, newBenchSite(b, storetest.MustOpenSQLite(b))) })
	b.Run("postgres", func(b *testing.B) {
		db := storetest.MustOpenPostgres(b)
		if db == nil {
			b.Skip("未设置 ZHIFA_TEST_POSTGRES,跳过 PostgreSQL 基准(例:ZHIFA_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
		}
		fn(b, newBenchSite(b, db))
	})
}

// BenchmarkAPIRecordStep records b.N investigation steps through the JSON
// API with 1, 8 and 32 concurrent clients, each its own officer session on
// its own case (officers recording at once, each on a case of theirs).
func BenchmarkAPIRecordStep(b *testing.B) {
	eachEngine(b, func(b *testing.B, s *benchSite) {
		for _, clients := range []int{1, 8, 32} {
			b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
				tokens := make([]string, clients)
				cases := make([]int64, clients)
				for i := range clients {
					tokens[i], cases[i] = s.login("o1"), s.openCase()
				}
				var next atomic.Int64
				var wg sync.WaitGroup
				errs := make(chan error, clients)
				c0 := processCPU()
				b.ResetTimer()
				for c := range clients {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for i := 2; next.Add(1) <= int64(b.N); i++ {
							if err := s.postStep(tokens[c], cases[c], i); err != nil {
								errs <- err
								return
							}
						}
					}()
				}
				wg.Wait()
				b.StopTimer()
				cpu := processCPU() - c0
				close(errs)
				for err := range errs {
					b.Fatal(err)
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
				// The CPU time of the process (server and clients) per
				// step: less at the mercy of a shared machine's load.
				b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/step")
			})
		}
	})
}

// BenchmarkAPIStepAtLength measures, through the JSON API with one client,
// the next 100 steps of a case that already has 10 steps and of one that
// already has 1,000: the cost of a step must not grow with the case's
// history. Each iteration grows two fresh cases (untimed, through the
// service), then records their 100 steps in alternating runs of 10 (in turn first), so
// that both see the same load of the machine; it reports the step rate of
// each (from the median run of 10), how much slower the long case is
// (negative: faster), and the process's CPU time per step of each.
func BenchmarkAPIStepAtLength(b *testing.B) {
	const short, long, window, run = 10, 1000, 100, 10
	eachEngine(b, func(b *testing.B, s *benchSite) {
		token := s.login("o1")
		var took, cpu [2][]time.Duration // of each run of steps
		for range b.N {
			b.StopTimer()
			ids := [2]int64{s.openCase(), s.openCase()}
			s.grow(ids[0], short)
			s.grow(ids[1], long)
			b.StartTimer()
			for from := 0; from < window; from += run {
				order := []int{0, 1}
				if from/run%2 == 1 { // neither case always runs first
					order = []int{1, 0}
				}
				for _, k := range order {
					at := []int{short, long}[k]
					// A benchmark's latency: a monotonic duration, no date.
					w, c0 := stopwatch.Start(), processCPU()
					for i := at + from; i < at+from+run; i++ {
						if err := s.postStep(token, ids[k], i); err != nil {
							b.Fatal(err)
						}
					}
					took[k] = append(took[k], w.Elapsed())
					cpu[k] = append(cpu[k], processCPU()-c0)
				}
			}
		}
		// The median run: the machine is shared, and a run that met a WAL
		// checkpoint or another process's burst says nothing of the case.
		rate := func(ds []time.Duration) float64 {
			slices.Sort(ds)
			return run / ds[len(ds)/2].Seconds()
		}
		// The CPU the process (server and client) spent per step.
		perStep := func(ds []time.Duration) float64 {
			slices.Sort(ds)
			return float64(ds[len(ds)/2].Microseconds()) / run
		}
		r10, r1000 := rate(took[0]), rate(took[1])
		b.ReportMetric(r10, "steps/s@10")
		b.ReportMetric(r1000, "steps/s@1000")
		b.ReportMetric(100*(1-r1000/r10), "%slower")
		b.ReportMetric(perStep(cpu[0]), "cpu-µs/step@10")
		b.ReportMetric(perStep(cpu[1]), "cpu-µs/step@1000")
	})
}
