package store

import (
	"context"
	"os"
	"testing"

	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/cryo"
)

// BenchmarkDecode times turning rows into the domain's answers, the API's own work on each
// request that the raw driver never does: a page of 20 experts and a person's profile. The
// rows are read once from the graph at NEO4J_URI, which must hold a dataset from 'cryograph
// generate' (the ids below); the benchmark is skipped otherwise. It does not change the graph.
// docs/benchmarks.md (ninth session) has the figures at 1M people:
//
//	NEO4J_URI=bolt://127.0.0.1:7689 go test -run '^$' -bench Decode -benchtime 5000x ./internal/store/
func BenchmarkDecode(b *testing.B) {
	st := benchStore(b, "set NEO4J_URI to a graph loaded from 'cryograph generate'")
	ctx := context.Background()
	experts, err := st.read(ctx, "experts_by_topic", map[string]any{"topic": "topic:syn-1.2", "topicIds": []string{},
		"personIds": []string{}, "offset": 0, "limit": 20, "country": nil, "organization": nil, "orgKind": nil, "since": nil,
		"ingestedKeys": cryo.IngestedKeys, "topWorks": cryo.MaxTopWorks, "maxIngestedSources": maxIngestedSources})
	if err != nil {
		b.Fatal(err)
	}
	profile, err := st.read(ctx, "person_profile", map[string]any{"id": "person:syn-4242"})
	if err != nil {
		b.Fatal(err)
	}
	if len(experts.Records) == 0 || get[string](experts.Records[0], "id") == "" || len(profile.Records) == 0 {
		b.Skip("the graph holds no dataset from 'cryograph generate'")
	}
	b.Run("expert search", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			decodeExperts(experts.Records)
		}
	})
	b.Run("profile", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p := cryo.Profile{Kind: "person"}
			decodePersonProfile(&p, profile.Records[0].AsMap())
		}
	})
}

// benchStore opens the store at NEO4J_URI (and the rest of the environment's settings) for a
// benchmark, closed when it ends, or skips the benchmark without one, saying what it needs.
func benchStore(b *testing.B, need string) *Store {
	b.Helper()
	if os.Getenv("NEO4J_URI") == "" {
		b.Skip("no Neo4j: " + need)
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		b.Fatal(err)
	}
	st, err := Open(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close(context.Background()) })
	return st
}
