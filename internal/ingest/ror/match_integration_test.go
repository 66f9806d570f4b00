package ror_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/export"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Against the real Neo4j: the demo organizations get their ROR ids by --match --apply, only
// `ror` and a source are written, a later ingest of the records lands on the curated
// organizations, and the graph still exports.
func TestMatch_ApplyOnNeo4j(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	_, err := importer.LoadAndRefresh(ctx, st, demoWithoutROR(t), importer.Options{})
	require.NoError(t, err)
	nameOf := func(id string) string {
		return neo4jtest.Strings(t, st, "MATCH (o:Organization {id: $id}) RETURN o.name AS x", map[string]any{"id": id})[0]
	}
	ustcName := nameOf("org:ustc")

	res, err := ror.Match(ctx, st, matchInputs(t))
	require.NoError(t, err)
	n, err := ror.Apply(ctx, st, res, ror.ApplyOptions{MinScore: 0.9, Retrieved: "2026-12-07", TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	for org, id := range demoRORs {
		assert.Equal(t, []string{id}, neo4jtest.Strings(t, st, "MATCH (o:Organization {id: $id}) RETURN o.ror AS x", map[string]any{"id": org}), org)
	}
	assert.Equal(t, ustcName, nameOf("org:ustc"), "the curated name stays")
	assert.Equal(t, int64(1), neo4jtest.Count(t, st,
		"MATCH (:Organization {id: 'org:ustc'})-[:SOURCED_FROM]->(s:Source {id: 'src:ror-match-04c4dkn09-org:ustc'}) WHERE s.note STARTS WITH 'score 1.00' RETURN count(s)"))

	t.Run("a second match proposes nothing for them", func(t *testing.T) {
		again, err := ror.Match(ctx, st, matchInputs(t))
		require.NoError(t, err)
		for _, p := range again.Proposals {
			assert.NotContains(t, demoRORs, p.Org)
			assert.False(t, p.Applicable(0), "%+v", p)
		}
	})
	t.Run("an ingest of the records then lands on the curated organizations", func(t *testing.T) {
		r, err := ror.Ingest(ctx, st, matchInputs(t)[:5], ror.Options{Retrieved: "2026-12-07", TempDir: t.TempDir()})
		require.NoError(t, err)
		assert.Equal(t, 5, r.Curated)
		assert.Zero(t, neo4jtest.Count(t, st, "MATCH (o:Organization) WHERE o.id IN ['org:ror-04c4dkn09', 'org:ror-00cvxb145'] RETURN count(o)"))
		assert.Equal(t, int64(5), neo4jtest.Count(t, st, "MATCH (o:Organization)-[:REGISTRY_RECORD]->(:Source) WHERE NOT o.id STARTS WITH 'org:ror-' RETURN count(o)"))
	})
	t.Run("the graph still exports as JSONL", func(t *testing.T) {
		var buf bytes.Buffer
		_, err := export.JSONL(ctx, st, &buf, export.Options{})
		require.NoError(t, err)
		assert.Contains(t, buf.String(), `"ror":"04c4dkn09"`)
	})
	t.Run("a reload of the curated row replaces it: the matched id goes, counted as an update", func(t *testing.T) {
		rep, err := importer.LoadAndRefresh(ctx, st, demoWithoutROR(t), importer.Options{})
		require.NoError(t, err)
		assert.GreaterOrEqual(t, rep.Nodes["Organization"].Updated, 5)
		assert.Empty(t, neo4jtest.Strings(t, st, "MATCH (o:Organization {id: 'org:ustc'}) WHERE o.ror IS NOT NULL RETURN o.ror AS x", nil))
	})
}
