package httpapi_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// rawQuery is one query the endpoint runs, as the store runs it.
type rawQuery struct {
	name   string
	params map[string]any
	text   func(string) string // fills validated values into a template, if any
}

// endpointCases pairs each endpoint with the Cypher it runs, so the API's cost can be compared
// with the raw driver's in the same run.
func endpointCases() []struct {
	name string
	url  string
	raw  []rawQuery
} {
	noFilter := map[string]any{"topic": nil, "country": nil, "orgKind": nil, "type": nil, "from": nil, "to": nil, "asOf": nil, "level": "institution"}
	return []struct {
		name string
		url  string
		raw  []rawQuery
	}{
		{"experts", "/api/v1/experts?topic=organ%20preservation", []rawQuery{
			{name: "topic_resolve", params: map[string]any{"topic": "organ preservation"}},
			{name: "experts_by_topic", params: map[string]any{"topicIds": []string{"topic:organ-preservation"}, "personIds": []string{},
				"offset": 0, "limit": 20, "country": nil, "organization": nil, "orgKind": nil, "since": nil}},
		}},
		{"search", "/api/v1/search?q=vitrif", []rawQuery{
			{name: "search", params: map[string]any{"lucene": "(vitrif^4 OR vitrif*^2 OR vitrif~1)",
				"labels": []string{"Person", "Organization", "Topic", "Event", "Partnership"}, "limit": 10}},
		}},
		{"profile", "/api/v1/people/person:xu_yi", []rawQuery{
			{name: "entity_facts", params: map[string]any{"id": "person:xu_yi"}},
			{name: "entity_partnerships", params: map[string]any{"id": "person:xu_yi"}},
			{name: "person_coauthors", params: map[string]any{"id": "person:xu_yi"}},
			{name: "sources_by_ids", params: map[string]any{"ids": []string{"src:yinfeng-news-30"}}},
		}},
		{"suggestions", "/api/v1/people/person:xu_yi/suggestions", []rawQuery{
			{name: "entity_exists", params: map[string]any{"id": "person:xu_yi"}},
			{name: "suggestions", params: map[string]any{"id": "person:xu_yi", "topic": nil, "country": nil, "excludeOwn": true, "limit": 10, "fanout": 200}},
		}},
		{"path", "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang", []rawQuery{
			{name: "entity_exists", params: map[string]any{"id": "person:xu_yi"}},
			{name: "entity_exists", params: map[string]any{"id": "person:zhao_gang"}},
			{name: "paths", params: map[string]any{"from": "person:xu_yi", "to": "person:zhao_gang", "avoidHubs": false, "hubDegree": 25},
				text: func(q string) string { return strings.NewReplacer("{K}", "3", "{MAXLEN}", "4").Replace(q) }},
		}},
		{"partnership_map", "/api/v1/partnerships/map", []rawQuery{{name: "partnership_map", params: noFilter}}},
	}
}

func latencies(b *testing.B, n int, f func() error) (p50, p99 float64) {
	ds := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return ms(ds[len(ds)/2]), ms(ds[min(len(ds)-1, len(ds)*99/100)])
}

// BenchmarkEndpoints measures each endpoint through the API over loopback HTTP and the same
// Cypher through the raw driver, in one run, reporting p50 and p99 in milliseconds.
func BenchmarkEndpoints(b *testing.B) {
	st := neo4jtest.Store(b)
	neo4jtest.LoadDemo(b, st)
	srv := httptest.NewServer(httpapi.NewServer(httpapi.Deps{AnonymousRead: true, Experts: st, Graph: st, Ready: st}))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for _, tc := range endpointCases() {
		api := func() error {
			resp, err := client.Get(srv.URL + tc.url)
			if err != nil {
				return err
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return &statusError{tc.url, resp.StatusCode}
			}
			return nil
		}
		raw := func() error { return runRaw(ctx, st, tc.raw) }
		b.Run(tc.name+"/api", func(b *testing.B) {
			_ = api() // warm up plans and connections
			p50, p99 := latencies(b, b.N, api)
			b.ReportMetric(p50, "p50-ms")
			b.ReportMetric(p99, "p99-ms")
		})
		b.Run(tc.name+"/raw", func(b *testing.B) {
			_ = raw()
			p50, p99 := latencies(b, b.N, raw)
			b.ReportMetric(p50, "p50-ms")
			b.ReportMetric(p99, "p99-ms")
		})
	}
}

func runRaw(ctx context.Context, st *store.Store, qs []rawQuery) error {
	for _, q := range qs {
		text := st.Query(q.name)
		if q.text != nil {
			text = q.text(text)
		}
		if _, err := neo4j.ExecuteQuery(ctx, st.Driver(), text, q.params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(st.Database()), neo4j.ExecuteQueryWithReadersRouting()); err != nil {
			return err
		}
	}
	return nil
}

type statusError struct {
	url  string
	code int
}

func (e *statusError) Error() string { return e.url + ": status " + strconv.Itoa(e.code) }
