package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/bench"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/store"
)

// cmdAPI is what was `cryograph bench-api`.
func cmdAPI(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "api", "api [flags]", `
Times the main endpoints through the API (an in-process server on loopback, with the audit
log and without rate limits; or, with --url, a server of its own) and the same Cypher through
the raw driver, at several concurrencies, in one run, in --rounds rounds of A B B A (fewer
at high concurrency, so that each part has at least 8 requests per client). The
graph must hold a dataset from 'cryograph generate' (the ids below are its). Prints JSON,
with each side's latencies, throughput, and CPU per request: this process's, and the whole
machine's (Neo4j's included, from /proc/stat). The "http floor" case (GET /healthz, no raw
side) is the least a request through the API costs. Both sides share
this process's Go runtime: 'make bench' runs it with GOMAXPROCS at half the cores, as
'cryograph up' runs the API beside its local Neo4j, and the garbage collector is at GOGC=400
unless GOGC is set, as in 'serve'. The raw side runs through a driver of its own, with the
store's settings. (This was 'cryograph bench-api'; the flags are the same.)`, `
  cryograph generate --people 100000 --out /tmp/syn.jsonl && cryograph load --batch-size 10000 /tmp/syn.jsonl
  cryograph-bench api --requests 200 --concurrency 1,4,16
  # the API as a process of its own; each side's CPU per request is in the JSON
  cryograph serve --addr 127.0.0.1:8097 --rate-limit 0 & cryograph-bench api --url http://127.0.0.1:8097 --concurrency 16`)
	cfg.RegisterNeo4jFlags(fs)
	person := fs.String("person", "person:syn-4242", "person id for profile, suggestions and paths")
	other := fs.String("other", "person:syn-777", "the other end of the path")
	topic := fs.String("topic", "topic:syn-1.2", "topic for expert search")
	query := fs.String("q", "wang", "search-box text")
	requests := fs.Int("requests", 200, "requests per case, side and concurrency")
	rounds := fs.Int("rounds", 5, "rounds of A B B A each side's requests are split into (a side never meets a calmer server for long)")
	conc := fs.String("concurrency", "1,4,16", "comma-separated concurrency levels")
	cpuProfile := fs.String("cpuprofile", "", "write a Go CPU profile of the whole run (client, API and driver) to this file")
	only := fs.String("cases", "", "comma-separated case names to run (default: all), e.g. 'profile,expert search'")
	url := fs.String("url", "", "time the API of a server already running at this base `URL` (e.g. http://127.0.0.1:8080, started with --rate-limit 0 on the same graph) instead of one in this process")
	gzip := fs.Bool("gzip", true, "send Accept-Encoding: gzip, as browsers do (the API gzips the partnership maps it keeps; answerBytes in the JSON is what was sent)")
	sidesFlag := fs.String("sides", "api,raw", "which sides to time: api, raw or both")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	var sides []string
	for _, sd := range strings.Split(*sidesFlag, ",") {
		sd = strings.TrimSpace(sd)
		if sd != "api" && sd != "raw" {
			return fmt.Errorf("%w: --sides %q: the sides are api and raw", errUsage, *sidesFlag)
		}
		sides = append(sides, sd)
	}
	var levels []int
	for _, s := range strings.Split(*conc, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 1 || n > 256 {
			return fmt.Errorf("%w: --concurrency %q", errUsage, *conc)
		}
		levels = append(levels, n)
	}
	// As serve runs: the API's garbage collector at GOGC=400 unless GOGC is set (both sides
	// share this process, so the raw side gets the same).
	defer collectLessOften(e, newLogger(e, "text"))()
	st, db, err := connect(ctx, e, cfg, false)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	tok, secret, err := auth.New("bench-api", cryo.RoleAnalyst, time.Hour, time.Now())
	if err != nil {
		return err
	}
	if err := st.CreateToken(ctx, tok); err != nil {
		return err
	}
	defer func() { _, _ = st.RevokeToken(context.Background(), tok.ID, time.Now()) }()
	base := strings.TrimRight(*url, "/")
	if base == "" {
		// As serve wires it, the audit writer included (each console run is recorded).
		audit := store.NewAuditWriter(st, nil)
		defer func() { _ = audit.Close(context.Background()) }()
		handler := httpapi.NewServer(httpapi.Deps{Experts: st, Graph: st, Cypher: st, SavedQueries: st, Ready: st, Tokens: st,
			Auditor: audit, AuditLog: audit, AnonymousRead: true, Version: version})
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = srv.Serve(ln) }()
		defer srv.Close()
		base = "http://" + ln.Addr().String()
	}
	cases := bench.EndpointCases(bench.EndpointIDs{Person: *person, Other: *other, Topic: *topic, Query: *query,
		MapAsOf: "2015"})
	// The console checks a statement with Neo4j's EXPLAIN (its first read-only layer) the first
	// time it sees the text and remembers the verdict, so the warm-up pays for it and the timed
	// requests run the statement alone, as the raw side does, in a READ transaction.
	const analystQuery = "MATCH (p:Person {id: $id})-[:AFFILIATED_WITH]->(o) RETURN p.name, o.name"
	cases = append(cases, bench.Case{Name: "cypher", Method: "POST", Path: "/api/v1/cypher",
		Body: fmt.Sprintf(`{"query": %q, "params": {"id": %q}}`, analystQuery, *person),
		Raw:  []bench.Query{{Name: "analyst query", Text: analystQuery, Params: map[string]any{"id": *person}}}})
	// The least any request through the API costs: the load generator, net/http and gin, for
	// an answer that needs no Neo4j. It has no raw side; its CPU per request bounds from
	// below what the API can add to each endpoint (docs/benchmarks.md).
	cases = append(cases, bench.Case{Name: "http floor", Method: "GET", Path: "/healthz"})
	if *only != "" {
		want := map[string]bool{}
		for _, n := range strings.Split(*only, ",") {
			want[strings.TrimSpace(n)] = true
		}
		var keep []bench.Case
		for _, c := range cases {
			if want[c.Name] {
				keep = append(keep, c)
				delete(want, c.Name)
			}
		}
		if len(want) > 0 {
			return fmt.Errorf("%w: --cases: unknown case(s) %v", errUsage, want)
		}
		cases = keep
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	res, err := bench.APIBench(ctx, db, base, bench.Client{Token: secret, AcceptGzip: *gzip}, cases, levels, *requests, *rounds, sides, e.stderr)
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(res)
	return err
}
