package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/bulk"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/localneo4j"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// entityGraph lists every Entity and NameKey node with its labels and properties (content
// hashes included) and every relationship between them, sorted: the part of the graph a load
// writes, without the bookkeeping that each database has its own of (migrations, saved
// queries with their creation times).
func entityGraph(t *testing.T, st *store.Store) []string {
	t.Helper()
	var lines []string
	for _, q := range []string{
		"MATCH (n) WHERE n:Entity OR n:NameKey RETURN 'node', labels(n), properties(n)",
		"MATCH (a)-[r]->(b) WHERE (a:Entity OR a:NameKey) AND (b:Entity OR b:NameKey) RETURN type(r), coalesce(a.id, a.key), coalesce(b.id, b.key), properties(r)",
	} {
		res, err := neo4j.ExecuteQuery(context.Background(), st.Driver(), q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(st.Database()))
		require.NoError(t, err)
		for _, rec := range res.Records {
			if labels, ok := rec.Values[1].([]any); ok {
				slices.SortFunc(labels, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
			}
			b, err := json.Marshal(rec.Values)
			require.NoError(t, err)
			lines = append(lines, string(b))
		}
	}
	slices.Sort(lines)
	return lines
}

func TestBulkLoadWritesTheGraphThatLoadWrites(t *testing.T) {
	st := neo4jtest.Store(t)
	cache := os.Getenv("CRYOGRAPH_CACHE_DIR")
	if cache == "" {
		t.Skip("needs the Neo4j jars: run under `cryograph neo4j exec` (make test), which sets CRYOGRAPH_CACHE_DIR")
	}
	neo4jtest.Reset(t, st) // what other packages' tests left would be compared too
	ctx := context.Background()
	// Besides the demo data, text with line breaks (neo4j-admin reads the files that hold any
	// as multi-line) and quotes.
	multiline := importer.Bytes("multiline.jsonl", []byte(`{"type":"topic","id":"topic:multi","name":"Two \"lines\"","description":"first line\nsecond line\r\nthird, \"quoted\""}
{"type":"topic","id":"topic:multi_child","name":"Child","parents":["topic:multi"]}
`))
	inputs := append(neo4jtest.DemoInputs(t), multiline)
	_, err := importer.Load(ctx, st, inputs, importer.Options{})
	require.NoError(t, err)
	require.NoError(t, st.RefreshDerived(ctx))
	want := entityGraph(t, st)
	require.Contains(t, strings.Join(want, "\n"), `first line\nsecond line\r\nthird, \"quoted\"`)

	o := localneo4j.Defaults()
	o.CacheDir, o.HomeDir, o.HeapMB, o.PageCacheMB = cache, t.TempDir(), 512, 128
	o.BoltPort, err = localneo4j.FreePort()
	require.NoError(t, err)
	o.HTTPPort, err = localneo4j.FreePort()
	require.NoError(t, err)
	cfg := neo4jtest.Config(t)
	res, err := bulk.Load(ctx, cfg, o, inputs, importer.Options{BatchSize: 10000}, true)
	t.Cleanup(func() { _ = localneo4j.StopPIDFile(context.Background(), o) })
	require.NoError(t, err)
	require.True(t, res.Report.Applied)
	assert.Equal(t, 402+3, res.Report.Totals().Created, "the demo rows, two topics and a SUBTOPIC_OF")
	assert.Len(t, res.Steps, 5)

	cfg.Neo4jURI = o.BoltURI()
	bst, err := store.Connect(ctx, cfg, time.Minute)
	require.NoError(t, err)
	defer bst.Close(ctx)
	got := entityGraph(t, bst)
	assert.Len(t, got, len(want))
	assert.Equal(t, want, got, "the offline import must write the graph that load writes")

	// The schema is there: migrations ran, so a second online load of the same rows creates
	// nothing and changes nothing.
	rep, err := importer.Load(ctx, bst, inputs, importer.Options{})
	require.NoError(t, err)
	assert.Equal(t, 0, rep.Totals().Created)
	assert.Equal(t, 0, rep.Totals().Updated)
	assert.Equal(t, 402+3, rep.Totals().Unchanged)
}

func TestBulkLoadRefusesADatabaseItWouldReplaceSilently(t *testing.T) {
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, "data", "databases", "neo4j"), 0o755))
	var out strings.Builder
	err := run(context.Background(), []string{"bulk-load", "--data-dir", home, "--demo"}, envMap(nil), io.Discard, &out)
	require.ErrorIs(t, err, errUsage)
	assert.Contains(t, err.Error(), "--replace")

	err = run(context.Background(), []string{"bulk-load", "--data-dir", home}, envMap(nil), io.Discard, io.Discard)
	require.ErrorIs(t, err, errUsage)
	assert.Contains(t, err.Error(), "no files")
}
