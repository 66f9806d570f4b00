package openalex_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/openalex"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// curatedRows are a curator's rows (synthetic, marked so): a topic for the test crosswalk, a
// person who holds Jason Priem's ORCID (the real one, as his OpenAlex record has it), and a
// person whose name looks like Jevin D. West's without any id.
const curatedRows = `{"format": "cryograph", "version": 1}
{"type":"source","id":"src:synthetic-curator","url":"https://example.org/synthetic-curator","title":"A synthetic curator's note (test data)","synthetic":true}
{"type":"topic","id":"topic:synthetic-bibliometrics","name":"Bibliometrics (synthetic test topic)","synthetic":true}
{"type":"person","id":"person:synthetic-priem","name":"J. Priem (curated, synthetic)","orcid":"0000-0001-6187-6610","sources":["src:synthetic-curator"],"synthetic":true}
{"type":"person","id":"person:synthetic-west","name":"Jevin West","sources":["src:synthetic-curator"],"synthetic":true}
`

// Against the real Neo4j: a real OpenAlex work loads after the ROR record of one of its
// institutions; its authors become people with OpenAlex ids and ORCIDs, the institution
// merges with the ROR organization, the publication has its DOI, the expert search on the
// mapped topic lists the authors, a curated person with the same ORCID is one node, a name
// look-alike is reported and not merged, and a second run changes nothing.
func TestIngest_OnNeo4j(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	_, err := ror.Ingest(ctx, st, []ror.Input{ror.File("../../../data/ror/00cvxb145.json")}, ror.Options{Retrieved: "2026-12-07", TempDir: t.TempDir()})
	require.NoError(t, err)
	_, err = importer.LoadAndRefresh(ctx, st, []importer.Input{importer.Bytes("curated.jsonl", []byte(curatedRows))}, importer.Options{})
	require.NoError(t, err)

	run := func() *openalex.Result {
		res, err := openalex.Ingest(ctx, st, []openalex.Input{openalex.File("testdata/W2741809807.json")},
			openalex.Options{Retrieved: "2026-12-07", TempDir: t.TempDir(), Crosswalk: testCrosswalk(t)})
		if err != nil && res != nil && res.Report != nil {
			t.Logf("rejected: %+v", res.Report.Errors)
		}
		require.NoError(t, err)
		return res
	}
	res := run()
	assert.Equal(t, 1, res.LinkedPeople)
	assert.Equal(t, 1, res.LinkedOrganizations, "the University of Washington, loaded from ROR")

	assert.Equal(t, []string{"0000-0002-4118-0322"}, neo4jtest.Strings(t, st,
		"MATCH (p:Person {openalex: 'A5046879461'}) RETURN p.orcid AS x", nil))
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Person {orcid: '0000-0001-6187-6610'}) RETURN count(p)"), "one node for one ORCID")
	assert.Equal(t, []string{"J. Priem (curated, synthetic)"}, neo4jtest.Strings(t, st,
		"MATCH (p:Person {orcid: '0000-0001-6187-6610'}) RETURN p.name AS x", nil), "the curated name wins")
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (o:Organization {ror: '00cvxb145'}) RETURN count(o)"))
	assert.Equal(t, []string{"university"}, neo4jtest.Strings(t, st, "MATCH (o:Organization {id: 'org:ror-00cvxb145'}) RETURN o.kind AS x", nil),
		"ROR's facts stay (OpenAlex says type funder)")
	assert.Equal(t, []string{"src:ror-00cvxb145"}, neo4jtest.Strings(t, st,
		"MATCH (:Organization {id: 'org:ror-00cvxb145'})-[:SOURCED_FROM]->(s:Source) RETURN s.id AS x", nil))
	assert.Equal(t, int64(1), neo4jtest.Count(t, st,
		"MATCH (:Person {openalex: 'A5046879461'})-[a:AFFILIATED_WITH {key: 'openalex'}]->(:Organization {id: 'org:ror-00cvxb145'}) RETURN count(a)"))
	assert.Equal(t, []string{"10.7717/peerj.4375"}, neo4jtest.Strings(t, st,
		"MATCH (w:Publication {openalex: 'W2741809807'}) RETURN w.doi AS x", nil))
	assert.Equal(t, int64(9), neo4jtest.Count(t, st,
		"MATCH (:Person)-[:AUTHORED]->(:Publication {id: 'pub:openalex-W2741809807'}) RETURN count(*)"))

	experts, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "topic:synthetic-bibliometrics", Page: cryo.Page{Limit: 50}})
	require.NoError(t, err)
	var ids []string
	for _, x := range experts.Experts {
		ids = append(ids, x.ID)
		if x.ID != "person:openalex-A5046879461" {
			continue
		}
		require.NotEmpty(t, x.Evidence)
		assert.Equal(t, "works_on", x.Evidence[0].Via)
		var srcs []string
		for _, s := range x.Evidence[0].Sources {
			srcs = append(srcs, s.ID)
		}
		assert.Equal(t, []string{"src:openalex-W2741809807"}, srcs, "the work is the evidence")
	}
	assert.Contains(t, ids, "person:openalex-A5046879461")
	assert.Contains(t, ids, "person:synthetic-priem")
	assert.Len(t, ids, 9)

	var look *openalex.LookAlike
	for i := range res.LookAlikes {
		if res.LookAlikes[i].ID == "person:openalex-A5046879461" {
			look = &res.LookAlikes[i]
		}
	}
	require.NotNil(t, look, "Jevin D. West looks like the curated Jevin West: %+v", res.LookAlikes)
	assert.Equal(t, "person:synthetic-west", look.Candidates[0].ID)
	assert.Equal(t, int64(2), neo4jtest.Count(t, st, "MATCH (p:Person) WHERE p.id IN ['person:synthetic-west', 'person:openalex-A5046879461'] RETURN count(p)"),
		"names never merge")
	dups, err := st.Duplicates(ctx, "person", cryo.Page{Limit: 100})
	require.NoError(t, err)
	found := false
	for _, p := range dups.Pairs {
		if (p.A.ID == "person:synthetic-west" && p.B.ID == "person:openalex-A5046879461") || (p.B.ID == "person:synthetic-west" && p.A.ID == "person:openalex-A5046879461") {
			found = true
		}
	}
	assert.True(t, found, "the pair is a duplicate candidate: %+v", dups.Pairs)

	again := run()
	created, updated := written(again.Report)
	assert.Zero(t, created)
	assert.Zero(t, updated)
}
