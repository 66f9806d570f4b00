//go:build integration

package httpapi_test

import (
	"net/http"
	"os"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIngestRORCuratedFactsWinAndReingestChangesNothing(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := newServer(t, httpapi.Deps{ImportSink: st, Graph: st, Tokens: st})
	editor := issue(t, st, cryo.RoleEditor)
	// A curator's organization that holds the ROR id of the first synthetic record.
	curated := `{"type":"source","id":"src:curator","url":"https://example.org/curator","title":"A curator's note"}
{"type":"organization","id":"org:suc","name":"Synthetic Univ. (curated)","kind":"university","city":"Curated City","ror":"synthetic-000001","sources":["src:curator"]}`
	rec := send(t, h, http.MethodPost, "/api/v1/imports", editor, "application/x-ndjson", curated)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	body, err := os.ReadFile("../ingest/ror/testdata/synthetic-hierarchy.json")
	require.NoError(t, err)
	rec = send(t, h, http.MethodPost, "/api/v1/ingest/ror", editor, "application/json", string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	res := decodeMap(t, rec)["result"].(map[string]any)
	assert.Equal(t, float64(1), res["curated"])
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (o:Organization {id: 'org:ror-synthetic-000001'}) RETURN count(o)"), "merged by ROR id")
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Organization {id: 'org:ror-synthetic-000002'})-[:PART_OF]->(:Organization {id: 'org:suc'}) RETURN count(*)"))
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Organization {id: 'org:ror-synthetic-000004'})-[:SUCCEEDED_BY]->(:Organization {id: 'org:ror-synthetic-000002'}) RETURN count(*)"))

	rec = send(t, h, http.MethodGet, "/api/v1/organizations/org:suc", editor, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	prof := decodeMap(t, rec)
	entity := prof["entity"].(map[string]any)
	assert.Equal(t, "Synthetic Univ. (curated)", entity["name"], "the curated name wins")
	assert.Equal(t, "Curated City", entity["city"])
	require.Len(t, prof["registry"], 1)
	reg := prof["registry"].([]any)[0].(map[string]any)
	assert.Equal(t, "src:ror-synthetic-000001", reg["source"])
	assert.Equal(t, "Examplecity", reg["city"])
	assert.Equal(t, 31.8, reg["lat"])
	assert.Contains(t, reg["names"], map[string]any{"value": "合成低温生物学大学", "lang": "zh", "types": []any{"label"}})
	assert.Equal(t, []any{"parent:synthetic-000099"}, reg["pending"])

	rec = send(t, h, http.MethodPost, "/api/v1/ingest/ror", editor, "application/json", string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	rep := decodeMap(t, rec)["result"].(map[string]any)["report"].(map[string]any)
	for _, group := range []string{"nodes", "relationships"} {
		for kind, c := range rep[group].(map[string]any) {
			counts := c.(map[string]any)
			assert.Zero(t, counts["created"], kind)
			assert.Zero(t, counts["updated"], kind)
		}
	}

	v1, err := os.ReadFile("../ingest/ror/testdata/v1-record.json")
	require.NoError(t, err)
	before := neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)")
	rec = send(t, h, http.MethodPost, "/api/v1/ingest/ror", editor, "application/json", "["+string(body[1:len(body)-2])+","+string(v1)+"]")
	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	assert.Contains(t, errorOf(t, rec).Message, "record 4 (https://ror.org/019wvm592): this is a ROR schema v1 record")
	assert.Equal(t, before, neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)"), "nothing written")
}
