package orcid_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/orcid"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// curated are rows a curator wrote before the ingest: a person holding Josiah Carberry's
// ORCID, a publication holding the DOI of one of his works, and a (synthetic) organization
// holding the ROR id the synthetic record's employer is disambiguated by.
const curated = `{"format": "cryograph", "version": 1}
{"type": "source", "id": "src:curated-orcid-test", "url": "https://example.org/curated", "title": "A curator's notes"}
{"type": "person", "id": "person:curated-carberry", "name": "Prof. Josiah S. Carberry", "orcid": "0000-0002-1825-0097", "sources": ["src:curated-orcid-test"]}
{"type": "publication", "id": "pub:curated-emulation", "title": "A Methodology for the Emulation of Architecture", "doi": "10.5555/12345680", "sources": ["src:curated-orcid-test"]}
{"type": "organization", "id": "org:curated-organ-bank", "name": "Synthetic Organ Banking Institute", "kind": "institute", "ror": "synthetic-000001", "synthetic": true, "sources": ["src:curated-orcid-test"]}
`

// Against the real Neo4j: a JSON record and an XML record load beside curated rows; the
// employments become dated AFFILIATED_WITH, the ROR-disambiguated employer is the curated
// organization, the curated person stays one node with its name, a work lands on the
// publication holding its DOI, and a second ingest changes nothing.
func TestIngest_OnNeo4j(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	_, err := importer.LoadAndRefresh(ctx, st, []importer.Input{importer.Bytes("curated.jsonl", []byte(curated))}, importer.Options{})
	require.NoError(t, err)

	inputs := func() []orcid.Input {
		ins, err := orcid.Paths([]string{carberry, "testdata/synthetic-9999-0000-0000-0019.xml"})
		require.NoError(t, err)
		return ins
	}
	res, err := orcid.Ingest(ctx, st, inputs(), orcid.Options{Retrieved: "2026-12-07", TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Records)
	assert.Equal(t, 1, res.Curated)
	assert.Equal(t, 1, res.Matched)

	q := func(query string) []string { return neo4jtest.Strings(t, st, query, nil) }
	t.Run("employments become dated affiliations", func(t *testing.T) {
		assert.Equal(t, []string{"Brown University|1929-02|Professor, Psychoceramics", "Wesleyan University|1930-02|Professor, Psychoceramics"},
			q(`MATCH (:Person {id: 'person:curated-carberry'})-[r:AFFILIATED_WITH]->(o:Organization)
			   RETURN o.name + '|' + r.since + '|' + r.role AS x ORDER BY x`))
		assert.Equal(t, []string{"org:curated-organ-bank|2019-09|-", "org:orcid-grid-grid.synthetic.1|2012|2017-06-30"},
			q(`MATCH (:Person {id: 'person:orcid-9999-0000-0000-0019'})-[r:AFFILIATED_WITH]->(o:Organization)
			   RETURN o.id + '|' + r.since + '|' + coalesce(r.until, '-') AS x ORDER BY x`))
		assert.Equal(t, []string{"src:orcid-0000-0002-1825-0097"},
			q(`MATCH (:Person {id: 'person:curated-carberry'})-[r:AFFILIATED_WITH {key: 'orcid-4278'}]->() UNWIND r.sources AS x RETURN x`))
	})
	t.Run("the ROR-disambiguated employer is the curated organization", func(t *testing.T) {
		assert.Zero(t, neo4jtest.Count(t, st, "MATCH (o:Organization {id: 'org:ror-synthetic-000001'}) RETURN count(o)"))
		assert.Equal(t, []string{"Synthetic Organ Banking Institute"}, q("MATCH (o:Organization {ror: 'synthetic-000001'}) RETURN o.name AS x"))
	})
	t.Run("the curated person is one node and keeps its name", func(t *testing.T) {
		assert.Equal(t, []string{"person:curated-carberry|Prof. Josiah S. Carberry"},
			q("MATCH (p:Person {orcid: '0000-0002-1825-0097'}) RETURN p.id + '|' + p.name AS x"))
		assert.Equal(t, []string{"Ada Synthetica"}, q("MATCH (p:Person {id: 'person:orcid-9999-0000-0000-0019'}) RETURN p.name AS x"))
	})
	t.Run("a work with the DOI of a publication links to it", func(t *testing.T) {
		assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Publication {doi: '10.5555/12345680'}) RETURN count(p)"))
		assert.Equal(t, int64(1), neo4jtest.Count(t, st,
			"MATCH (:Person {id: 'person:curated-carberry'})-[:AUTHORED]->(p:Publication {id: 'pub:curated-emulation'}) RETURN count(p)"))
		assert.Equal(t, []string{"A Methodology for the Emulation of Architecture"}, q("MATCH (p:Publication {id: 'pub:curated-emulation'}) RETURN p.title AS x"))
		assert.Equal(t, int64(6), neo4jtest.Count(t, st, "MATCH (:Person {id: 'person:curated-carberry'})-[:AUTHORED]->(p) RETURN count(p)"))
	})
	t.Run("a second ingest changes nothing", func(t *testing.T) {
		again, err := orcid.Ingest(ctx, st, inputs(), orcid.Options{Retrieved: "2026-12-07", TempDir: t.TempDir()})
		require.NoError(t, err)
		created, updated := written(again.Report)
		assert.Zero(t, created)
		assert.Zero(t, updated)
	})
}
