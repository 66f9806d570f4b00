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

func TestIngestORCIDDatedAffiliationsAndBadRecords(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := newServer(t, httpapi.Deps{ImportSink: st, Graph: st, Tokens: st})
	editor := issue(t, st, cryo.RoleEditor)

	body, err := os.ReadFile("../ingest/orcid/testdata/carberry-0000-0002-1825-0097.json")
	require.NoError(t, err)
	rec := send(t, h, http.MethodPost, "/api/v1/ingest/orcid?retrieved=2026-12-07", editor, "application/json", string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	res := decodeMap(t, rec)["result"].(map[string]any)
	assert.Equal(t, float64(1), res["records"])
	assert.Equal(t, float64(2), res["affiliations"])
	assert.Equal(t, []string{"Brown University|1929-02", "Wesleyan University|1930-02"}, neo4jtest.Strings(t, st,
		"MATCH (:Person {orcid: '0000-0002-1825-0097'})-[r:AFFILIATED_WITH]->(o) RETURN o.name + '|' + r.since AS x ORDER BY x", nil))

	xml, err := os.ReadFile("../ingest/orcid/testdata/synthetic-9999-0000-0000-0019.xml")
	require.NoError(t, err)
	rec = send(t, h, http.MethodPost, "/api/v1/ingest/orcid", editor, "application/xml", string(xml))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	before := neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)")
	rec = send(t, h, http.MethodPost, "/api/v1/ingest/orcid", editor, "application/json", string(body[:len(body)/2]))
	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	assert.Contains(t, errorOf(t, rec).Message, "upload: record 0: the input ends inside this record (truncated?)")
	assert.Equal(t, before, neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)"), "nothing written")

	viewer := issue(t, st, cryo.RoleViewer)
	rec = send(t, h, http.MethodPost, "/api/v1/ingest/orcid", viewer, "application/json", string(body))
	assert.Equal(t, http.StatusForbidden, rec.Code)
}
