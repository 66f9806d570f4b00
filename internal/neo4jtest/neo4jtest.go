// Package neo4jtest connects tests to the real Neo4j that `make test` starts (through
// `cryograph neo4j exec`), resets it between tests and loads the demo dataset.
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/require"
)

// Config returns the test database's configuration, skipping the test when no Neo4j was
// provided, or failing it when CRYOGRAPH_REQUIRE_NEO4J=1 (as `make test` sets), so a
// missing database can never make the suite pass silently.
func Config(tb testing.TB) config.Config {
	tb.Helper()
	if os.Getenv("NEO4J_URI") == "" {
		if os.Getenv("CRYOGRAPH_REQUIRE_NEO4J") == "1" {
			tb.Fatal("NEO4J_URI is not set but CRYOGRAPH_REQUIRE_NEO4J=1: run the tests with `make test`")
		}
		tb.Skip("no Neo4j: set NEO4J_URI or run `make test`, which starts one")
	}
	cfg, err := config.FromEnv(os.Getenv)
	require.NoError(tb, err)
	return cfg
}

// Store opens a migrated store on the test database and closes it when the test ends.
func Store(tb testing.TB) *store.Store {
	tb.Helper()
	cfg := Config(tb)
	ctx := context.Background()
	st, err := store.Connect(ctx, cfg, 60*time.Second)
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = st.Close(context.Background()) })
	_, err = st.Migrate(ctx)
	require.NoError(tb, err)
	return st
}

// Reset deletes every node but the migration records, so a test starts from an empty graph.
func Reset(tb testing.TB, st *store.Store) {
	tb.Helper()
	require.NoError(tb, st.EmptyGraph(context.Background()))
}

// DemoInputs returns the demo dataset files embedded in the binary.
func DemoInputs(tb testing.TB) []importer.Input {
	tb.Helper()
	in, err := importer.FS(data.Demo())
	require.NoError(tb, err)
	require.NotEmpty(tb, in)
	return in
}

// LoadDemo empties the graph and loads the demo dataset.
func LoadDemo(tb testing.TB, st *store.Store) *importer.Report {
	tb.Helper()
	Reset(tb, st)
	rep, err := importer.Load(context.Background(), st, DemoInputs(tb), importer.Options{})
	require.NoError(tb, err, "demo data must load cleanly: %+v", rep)
	return rep
}

// Count runs a counting query and returns its single integer.
func Count(tb testing.TB, st *store.Store, query string) int64 {
	tb.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), st.Driver(), query, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(st.Database()))
	require.NoError(tb, err)
	require.Len(tb, res.Records, 1)
	n, ok := res.Records[0].Values[0].(int64)
	require.True(tb, ok, "query %q did not return an integer", query)
	return n
}

// Exec runs a query for what it does to the graph.
func Exec(tb testing.TB, st *store.Store, query string, params map[string]any) {
	tb.Helper()
	_, err := neo4j.ExecuteQuery(context.Background(), st.Driver(), query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(st.Database()))
	require.NoError(tb, err)
}

// Strings runs a query whose rows hold one string each and returns them sorted.
func Strings(tb testing.TB, st *store.Store, query string, params map[string]any) []string {
	tb.Helper()
	return StringsIn(tb, st, st.Database(), query, params)
}

// StringsIn is Strings against the database db (such as "system").
func StringsIn(tb testing.TB, st *store.Store, db, query string, params map[string]any) []string {
	tb.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), st.Driver(), query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db))
	require.NoError(tb, err)
	out := make([]string, 0, len(res.Records))
	for _, r := range res.Records {
		s, ok := r.Values[0].(string)
		require.True(tb, ok, "query %q returned a %T, not a string", query, r.Values[0])
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Checksum fingerprints every node's labels and properties and every relationship's type,
// ends and properties (bookkeeping and readers' reports excluded), so two graphs can be compared exactly.
func Checksum(tb testing.TB, st *store.Store) string {
	tb.Helper()
	ctx := context.Background()
	var lines []string
	add := func(query string) {
		res, err := neo4j.ExecuteQuery(ctx, st.Driver(), query, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.Database()))
		require.NoError(tb, err)
		for _, rec := range res.Records {
			props, _ := rec.Values[len(rec.Values)-1].(map[string]any)
			delete(props, "importHash")
			b, err := json.Marshal(rec.Values)
			require.NoError(tb, err)
			lines = append(lines, string(b))
		}
	}
	add("MATCH (n) WHERE NOT n:Migration AND NOT n:Merge AND NOT n:DerivedState AND NOT n:Changeset AND NOT n:Change AND NOT n:Report WITH n, labels(n) AS l ORDER BY l RETURN l, properties(n)")
	add("MATCH (a)-[r]->(b) RETURN type(r), coalesce(a.id, a.key), coalesce(b.id, b.key), properties(r)")
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:])
}
