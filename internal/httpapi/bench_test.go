package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/bench"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
)

// BenchmarkEndpoints measures each endpoint through the API over loopback HTTP and the same
// Cypher through the raw driver, in one run, reporting p50 and p99 in milliseconds.
func BenchmarkEndpoints(b *testing.B) {
	st := neo4jtest.Store(b)
	neo4jtest.LoadDemo(b, st)
	srv := httptest.NewServer(httpapi.NewServer(httpapi.Deps{AnonymousRead: true, Experts: st, Graph: st, Ready: st}))
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	cases := bench.EndpointCases(bench.EndpointIDs{Person: "person:xu_yi", Other: "person:zhao_gang",
		Topic: "topic:organ-preservation", Query: "vitrif"})
	for _, tc := range cases {
		api := func() error {
			resp, err := client.Get(srv.URL + tc.Path)
			if err != nil {
				return err
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("%s: status %d", tc.Path, resp.StatusCode)
			}
			return nil
		}
		raw := func() error { return bench.RunRaw(ctx, st, tc.Raw) }
		for _, side := range []struct {
			name string
			f    func() error
		}{{"api", api}, {"raw", raw}} {
			b.Run(strings.ReplaceAll(tc.Name, " ", "_")+"/"+side.name, func(b *testing.B) {
				if err := side.f(); err != nil { // warm up plans and connections
					b.Fatal(err)
				}
				l, err := bench.Measure(1, b.N, side.f)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(l.P50, "p50-ms")
				b.ReportMetric(l.P99, "p99-ms")
			})
		}
	}
}
