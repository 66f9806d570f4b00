package openalex_test

import (
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cryograph/cryograph/internal/ingest/openalex"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A work merged upstream is marked with the work it now lives under, never deleted; its
// authorships stay, and marking it again changes nothing.
func TestMarkMergedKeepsTheWorkAndMarksIt(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	_, err := openalex.Ingest(ctx, st, []openalex.Input{openalex.File("testdata/W2741809807.json")},
		openalex.Options{Retrieved: "2026-12-07", TempDir: t.TempDir(), Crosswalk: testCrosswalk(t)})
	require.NoError(t, err)
	authored := neo4jtest.Count(t, st, "MATCH (:Publication {openalex: 'W2741809807'})<-[a:AUTHORED]-() RETURN count(a)")
	require.Positive(t, authored)

	// As OpenAlex's snapshot gives them (merged_ids/works/*.csv.gz); W1 (made up) is not held.
	dir := t.TempDir()
	path := filepath.Join(dir, "2024-01-01.csv.gz")
	f, err := os.Create(path)
	require.NoError(t, err)
	gz := gzip.NewWriter(f)
	_, err = gz.Write([]byte("merge_date,id,merge_into_id\n2024-01-01,W2741809807,W9999999999\n2024-01-01,W1,W2\n"))
	require.NoError(t, err)
	require.NoError(t, gz.Close())
	require.NoError(t, f.Close())

	res, err := openalex.MarkMerged(ctx, st, st, []string{path}, openalex.Options{})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Merged)
	assert.Equal(t, 1, res.Held)
	assert.Equal(t, []string{"W9999999999"}, neo4jtest.Strings(t, st, "MATCH (p:Publication {openalex: 'W2741809807'}) RETURN p.supersededBy AS x", nil))
	assert.Equal(t, authored, neo4jtest.Count(t, st, "MATCH (:Publication {openalex: 'W2741809807'})<-[a:AUTHORED]-() RETURN count(a)"), "its facts stay")
	assert.Equal(t, []string{"10.7717/peerj.4375"}, neo4jtest.Strings(t, st, "MATCH (p:Publication {openalex: 'W2741809807'}) RETURN p.doi AS x", nil), "the rest of the row is kept")

	again, err := openalex.MarkMerged(ctx, st, st, []string{path}, openalex.Options{})
	require.NoError(t, err)
	require.NotNil(t, again.Report)
	assert.Zero(t, again.Report.Nodes["Publication"].Updated, "marking it again changes nothing")

	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("a,b\n1,2\n"), 0o600))
	_, err = openalex.MarkMerged(ctx, st, st, []string{bad}, openalex.Options{})
	assert.ErrorContains(t, err, "merge_into_id")
}
