package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/valyala/fasthttp"
)

// Query is one Cypher statement an endpoint runs, as the store runs it.
type Query struct {
	Name   string
	Text   string // used instead of a named query when set
	Params map[string]any
	// Fill writes validated values into a template (paths), if the query has one.
	Fill func(string) string
}

// Case pairs an endpoint with the Cypher it runs, so both can be timed in the same run.
type Case struct {
	Name   string
	Method string
	Path   string
	Body   string
	Raw    []Query
}

// Latency is one side of a case at one concurrency.
type Latency struct {
	Case        string  `json:"case"`
	Side        string  `json:"side"` // "api" or "raw"
	Concurrency int     `json:"concurrency"`
	Requests    int     `json:"requests"`
	P50         float64 `json:"p50Ms"`
	P95         float64 `json:"p95Ms"`
	P99         float64 `json:"p99Ms"`
	Throughput  float64 `json:"perSecond"`
	// CPUPerRequest is this process's CPU time (user and system) per request while the side
	// ran, in microseconds: with the API in-process, the client, the API and the driver; with
	// --url, the client alone; on the raw side, the driver.
	CPUPerRequest float64 `json:"processCpuUsPerRequest"`
	// MachineCPUPerRequest is the whole machine's busy CPU time (every process: this one,
	// Neo4j, a server of its own) per request while the side ran, in microseconds, from
	// /proc/stat (Linux; 0 elsewhere). On a machine that runs nothing else, the API side's
	// figure minus the raw side's is what answering through the API costs, Neo4j included.
	MachineCPUPerRequest float64 `json:"machineCpuUsPerRequest,omitempty"`
	// AnswerBytes is the size of an answer's body as sent (gzipped when it was), API side.
	AnswerBytes int64 `json:"answerBytes,omitempty"`
}

// Raw is where the raw side of a case runs: a driver, its database, and the text of the
// store's named queries. *DB is one; *store.Store, which BenchmarkEndpoints passes, is too.
type Raw interface {
	Driver() neo4j.DriverWithContext
	Database() string
	Query(name string) string
}

// RunRaw runs a case's queries through the driver, one after the other.
func RunRaw(ctx context.Context, st Raw, qs []Query) error {
	for _, q := range qs {
		text := q.Text
		if text == "" {
			text = st.Query(q.Name)
		}
		if q.Fill != nil {
			text = q.Fill(text)
		}
		if _, err := neo4j.ExecuteQuery(ctx, st.Driver(), text, q.Params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(st.Database()), neo4j.ExecuteQueryWithReadersRouting()); err != nil {
			return fmt.Errorf("%s: %w", q.Name, err)
		}
	}
	return nil
}

// Measure runs f requests times over `concurrency` goroutines and summarises the latencies.
func Measure(concurrency, requests int, f func() error) (Latency, error) {
	r, err := measure(concurrency, requests, f)
	if err != nil {
		return Latency{}, err
	}
	return r.summary(concurrency), nil
}

// run is the latencies of a measurement, how long it took and the process CPU it used.
type run struct {
	ds      []time.Duration
	elapsed time.Duration
	cpu     time.Duration // this process's
	machine time.Duration // all processes'
}

func (r run) add(o run) run {
	return run{append(r.ds, o.ds...), r.elapsed + o.elapsed, r.cpu + o.cpu, r.machine + o.machine}
}

// processCPU is the user and system time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// machineCPU is the time all CPUs have been busy (user, nice, system, irq, softirq, steal)
// since boot, from /proc/stat, or 0 where there is none.
func machineCPU() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0
	}
	var ticks int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} { // not idle (4) nor iowait (5)
		n, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil {
			return 0
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ
}

// userHZ is the unit of /proc/stat, fixed at 100 for user space on Linux.
const userHZ = 100

func (r run) summary(concurrency int) Latency {
	ds := slices.Clone(r.ds)
	slices.Sort(ds)
	pct := func(p int) float64 { return float64(ds[min(len(ds)-1, len(ds)*p/100)].Microseconds()) / 1000 }
	return Latency{Concurrency: concurrency, Requests: len(ds), P50: pct(50), P95: pct(95), P99: pct(99),
		Throughput: float64(len(ds)) / r.elapsed.Seconds(), CPUPerRequest: float64(r.cpu.Microseconds()) / float64(len(ds)),
		MachineCPUPerRequest: float64(r.machine.Microseconds()) / float64(len(ds))}
}

func measure(concurrency, requests int, f func() error) (run, error) {
	var mu sync.Mutex
	var firstErr error
	ds := make([]time.Duration, 0, requests)
	next := make(chan struct{}, requests)
	for i := 0; i < requests; i++ {
		next <- struct{}{}
	}
	close(next)
	start, cpu, machine := time.Now(), processCPU(), machineCPU()
	var wg sync.WaitGroup
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range next {
				t := time.Now()
				err := f()
				d := time.Since(t)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				ds = append(ds, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return run{ds, time.Since(start), processCPU() - cpu, machineCPU() - machine}, firstErr
}

// warmUpCalls are made on each side of a case before it is timed.
const warmUpCalls = 10

// splitRequests splits n requests into k parts whose sizes differ by at most one.
func splitRequests(n, k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = n / k
		if i < n%k {
			out[i]++
		}
	}
	return out
}

// Client is how the load generator calls the API.
type Client struct {
	Token string // an API token, sent as Authorization: Bearer; "" for none
	// AcceptGzip sends Accept-Encoding: gzip, as browsers do. The API gzips only the answers
	// it keeps (the partnership maps); the client does not unzip them.
	AcceptGzip bool
}

// APIBench times every case through the API (base URL, over loopback HTTP) and through the raw
// driver, at each concurrency, in one run, in `rounds` rounds of A B B A. sides, if not empty,
// keeps only "api" or "raw".
func APIBench(ctx context.Context, st Raw, base string, cl Client, cases []Case, concurrency []int, requests, rounds int, sides []string, log io.Writer) ([]Latency, error) {
	// The load generator shares the two cores with the API and Neo4j, so what it spends is
	// taken from them, and only the API side pays it. fasthttp's client spends about a third
	// of the CPU per request that net/http's does (a profile at 16 clients: about 70 µs with
	// net/http); the server under test is still net/http with gin.
	client := &fasthttp.Client{MaxConnsPerHost: 256, ReadTimeout: time.Minute, WriteTimeout: time.Minute}
	var out []Latency
	for _, c := range cases {
		url := base + c.Path
		var answerBytes atomic.Int64 // the size of the case's answers, as sent
		api := apiRequest(ctx, client, cl, c, url, &answerBytes)
		raw := func() error { return RunRaw(ctx, st, c.Raw) }
		type side struct {
			name string
			f    func() error
		}
		var timed []side
		for _, sd := range []side{{"api", api}, {"raw", raw}} {
			if sd.name == "raw" && len(c.Raw) == 0 {
				continue // a case with no Cypher (the HTTP floor) has no raw side
			}
			if len(sides) == 0 || slices.Contains(sides, sd.name) {
				timed = append(timed, sd)
			}
		}
		// Warm both sides up (plans, the page cache, connections), then measure them at each
		// concurrency in rounds of A B B A, each part 1/(2*rounds) of a side's requests, so that
		// neither side meets a colder or busier server more than the other: with 10 warm-up
		// calls and one side always first, the first side at 1M people paid up to 3 ms more at
		// p50 for the same query, and one A B B A of 1,000 requests each moved by 0.5-2 ms at
		// p50 from run to run at one client.
		for _, sd := range timed {
			for i := 0; i < warmUpCalls; i++ {
				if err := sd.f(); err != nil {
					return out, err
				}
			}
		}
		for i, conc := range concurrency {
			order := timed
			if i%2 == 1 && len(timed) == 2 {
				order = []side{timed[1], timed[0]}
			}
			runs := make([]run, len(order))
			pattern := []int{0, 1, 1, 0}
			if len(order) == 1 {
				pattern = []int{0, 0}
			}
			// A part of fewer than 8 requests per client would time the ramp-up and the tail
			// more than the steady state, so high concurrencies get fewer rounds.
			rs := max(1, min(rounds, requests/(2*8*conc)))
			parts := splitRequests(requests, 2*rs)
			next := make([]int, len(order)) // the next part of each side
			for r := 0; r < rs; r++ {
				for _, k := range pattern {
					n := parts[next[k]]
					next[k]++
					if n == 0 {
						continue
					}
					m, err := measure(conc, n, order[k].f)
					if err != nil {
						return out, err
					}
					runs[k] = runs[k].add(m)
				}
			}
			for k, sd := range order {
				l := runs[k].summary(conc)
				l.Case, l.Side = c.Name, sd.name
				if sd.name == "api" {
					l.AnswerBytes = answerBytes.Load()
				}
				if log != nil {
					fmt.Fprintf(log, "%-18s %-3s c=%-2d p50 %7.2f ms  p99 %7.2f ms  %7.0f/s  %5.0f µs CPU/request here, %5.0f on the machine\n",
						c.Name, sd.name, conc, l.P50, l.P99, l.Throughput, l.CPUPerRequest, l.MachineCPUPerRequest)
				}
				out = append(out, l)
			}
		}
	}
	return out, nil
}

// apiRequest returns the API side of case c: one request to url, as cl makes it. It records
// the size of the answer's body, as sent, in answerBytes.
func apiRequest(ctx context.Context, client *fasthttp.Client, cl Client, c Case, url string, answerBytes *atomic.Int64) func() error {
	return func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		defer fasthttp.ReleaseRequest(req)
		defer fasthttp.ReleaseResponse(resp)
		req.SetRequestURI(url)
		req.Header.SetMethod(c.Method)
		if c.Body != "" {
			req.Header.SetContentType("application/json")
			req.SetBodyString(c.Body)
		}
		if cl.Token != "" {
			req.Header.Set("Authorization", "Bearer "+cl.Token)
		}
		if cl.AcceptGzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		if err := client.Do(req, resp); err != nil {
			return fmt.Errorf("%s %s: %w", c.Method, c.Path, err)
		}
		answerBytes.Store(int64(len(resp.Body())))
		if resp.StatusCode() != http.StatusOK {
			b := resp.Body()
			return fmt.Errorf("%s %s: status %d: %s", c.Method, c.Path, resp.StatusCode(), bytes.TrimSpace(b[:min(len(b), 300)]))
		}
		return nil
	}
}
