package bench

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The same-graph LOAD CSV form must write exactly the graph the loader writes (import hashes
// aside, as neo4jtest.Checksum leaves them out), or the comparison in docs/benchmarks.md
// would not be like for like.
func TestFullCSVWritesTheLoadersGraph(t *testing.T) {
	st := neo4jtest.Store(t)
	importDir := os.Getenv("CRYOGRAPH_NEO4J_IMPORT_DIR")
	if importDir == "" {
		if os.Getenv("CRYOGRAPH_REQUIRE_NEO4J") == "1" {
			t.Fatal("CRYOGRAPH_NEO4J_IMPORT_DIR is not set: run the tests with `make test` (cryograph neo4j exec sets it)")
		}
		t.Skip("no import directory: set CRYOGRAPH_NEO4J_IMPORT_DIR to the server's")
	}
	neo4jtest.LoadDemo(t, st)
	want := neo4jtest.Checksum(t, st)
	wantNameKeys := neo4jtest.Count(t, st, "MATCH ()-[r:HAS_NAME_KEY]->() RETURN count(r)")
	require.Positive(t, wantNameKeys)

	// The demo dataset's files as one file, as 'cryograph-bench load' takes it.
	var all []byte
	require.NoError(t, fs.WalkDir(data.Demo(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Demo(), path)
		all = append(all, b...)
		return err
	}))
	path := filepath.Join(t.TempDir(), "demo.jsonl")
	require.NoError(t, os.WriteFile(path, all, 0o644))

	full, err := WriteFullCSV(path, importDir)
	require.NoError(t, err)
	assert.EqualValues(t, wantNameKeys, full.NameKeys)
	stmts, err := full.Statements(10000)
	require.NoError(t, err)
	neo4jtest.Reset(t, st)
	_, err = Config{DB: openDB(t, st)}.timeStatements(context.Background(), "full", stmts)
	require.NoError(t, err)
	assert.Equal(t, want, neo4jtest.Checksum(t, st), "LOAD CSV of the same-graph form wrote another graph than the loader")
	assert.EqualValues(t, full.Nodes, neo4jtest.Count(t, st, "MATCH (n:Entity) RETURN count(n)"))
}
