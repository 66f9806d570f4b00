package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/bench"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
)

// syntheticCases are the main endpoints on a dataset from `cryograph generate`, each with the
// Cypher it runs, for bench-api.
func syntheticCases(person, other, topic, query string) []bench.Case {
	labels := []string{"Person", "Organization", "Topic", "Event", "Partnership"}
	return []bench.Case{
		{Name: "expert search", Method: "GET", Path: "/api/v1/experts?topic=" + topic, Raw: []bench.Query{
			{Name: "topic_resolve", Params: map[string]any{"topic": topic}},
			{Name: "experts_by_topic", Params: map[string]any{"topicIds": []string{topic}, "personIds": []string{}, "offset": 0, "limit": 20,
				"country": nil, "organization": nil, "orgKind": nil, "since": nil}}}},
		{Name: "profile", Method: "GET", Path: "/api/v1/people/" + person, Raw: []bench.Query{
			{Name: "entity_facts", Params: map[string]any{"id": person}},
			{Name: "entity_partnerships", Params: map[string]any{"id": person}},
			{Name: "person_coauthors", Params: map[string]any{"id": person}},
			{Name: "sources_by_ids", Params: map[string]any{"ids": []string{"src:syn-0"}}}}},
		{Name: "suggestions", Method: "GET", Path: "/api/v1/people/" + person + "/suggestions", Raw: []bench.Query{
			{Name: "entity_exists", Params: map[string]any{"id": person}},
			{Name: "suggestions", Params: map[string]any{"id": person, "topic": nil, "country": nil, "excludeOwn": true, "limit": 10, "fanout": 200}}}},
		{Name: "path", Method: "GET", Path: "/api/v1/paths?from=" + person + "&to=" + other, Raw: []bench.Query{
			{Name: "entity_exists", Params: map[string]any{"id": person}},
			{Name: "entity_exists", Params: map[string]any{"id": other}},
			{Name: "paths", Params: map[string]any{"from": person, "to": other, "avoidHubs": false, "hubDegree": 25},
				Fill: func(q string) string { return strings.NewReplacer("{K}", "3", "{MAXLEN}", "4").Replace(q) }}}},
		{Name: "partnership map", Method: "GET", Path: "/api/v1/partnerships/map?asOf=2015", Raw: []bench.Query{
			{Name: "partnership_map", Params: map[string]any{"topic": nil, "country": nil, "orgKind": nil, "type": nil,
				"from": nil, "to": nil, "asOf": "2015", "level": "institution"}}}},
		{Name: "global search", Method: "GET", Path: "/api/v1/search?q=" + query, Raw: []bench.Query{
			{Name: "search", Params: map[string]any{"lucene": fmt.Sprintf("(%s^4 OR %s*^2 OR %s~1)", query, query, query), "labels": labels, "limit": 10}}}},
	}
}

func cmdBenchAPI(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "bench-api", "bench-api [flags]", `
Times the main endpoints through the API (an in-process server on loopback, the full middleware
chain) and the same Cypher through the raw driver, at several concurrencies, in one run. The
graph must hold a dataset from 'cryograph generate' (the ids below are its). Prints JSON.`, `
  cryograph generate --people 100000 --out /tmp/syn.jsonl && cryograph load --batch-size 10000 /tmp/syn.jsonl
  cryograph bench-api --requests 200 --concurrency 1,4,16`)
	cfg.RegisterNeo4jFlags(fs)
	person := fs.String("person", "person:syn-4242", "person id for profile, suggestions and paths")
	other := fs.String("other", "person:syn-777", "the other end of the path")
	topic := fs.String("topic", "topic:syn-1.2", "topic for expert search")
	query := fs.String("q", "wang", "search-box text")
	requests := fs.Int("requests", 200, "requests per case, side and concurrency")
	conc := fs.String("concurrency", "1,4,16", "comma-separated concurrency levels")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	var levels []int
	for _, s := range strings.Split(*conc, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 1 || n > 256 {
			return fmt.Errorf("%w: --concurrency %q", errUsage, *conc)
		}
		levels = append(levels, n)
	}
	st, err := openStore(ctx, cfg, 60*time.Second)
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
	handler := httpapi.NewServer(httpapi.Deps{Experts: st, Graph: st, Cypher: st, SavedQueries: st, Ready: st, Tokens: st,
		AnonymousRead: true, Version: version})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	cases := syntheticCases(*person, *other, *topic, *query)
	cases = append(cases, bench.Case{Name: "cypher", Method: "POST", Path: "/api/v1/cypher",
		Body: fmt.Sprintf(`{"query": "MATCH (p:Person {id: $id})-[:AFFILIATED_WITH]->(o) RETURN p.name, o.name", "params": {"id": %q}}`, *person),
		Raw:  []bench.Query{}})
	res, err := bench.APIBench(ctx, st, "http://"+ln.Addr().String(), secret, cases, levels, *requests, e.stderr)
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(res)
	return err
}
