//go:build integration

package httpapi_test

import (
	"bytes"
	"net/http"
	"os"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIngestOpenAlexUploadAndReingestChangesNothing(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := newServer(t, httpapi.Deps{ImportSink: st, Graph: st, Tokens: st})
	editor := issue(t, st, cryo.RoleEditor)
	viewer := issue(t, st, cryo.RoleViewer)
	body, err := os.ReadFile("../ingest/openalex/testdata/W2741809807.json")
	require.NoError(t, err)
	body = bytes.TrimSpace(body)

	rec := send(t, h, http.MethodPost, "/api/v1/ingest/openalex?retrieved=2026-12-07", viewer, "application/json", string(body))
	assert.Equal(t, http.StatusForbidden, rec.Code, rec.Body.String())

	rec = send(t, h, http.MethodPost, "/api/v1/ingest/openalex?retrieved=2026-12-07&name=W2741809807.json", editor, "application/json", string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	res := decodeMap(t, rec)["result"].(map[string]any)
	assert.Equal(t, float64(1), res["works"])
	assert.Equal(t, float64(9), res["authors"])
	assert.Equal(t, []string{"10.7717/peerj.4375"}, neo4jtest.Strings(t, st, "MATCH (w:Publication {openalex: 'W2741809807'}) RETURN w.doi AS x", nil))

	rec = send(t, h, http.MethodPost, "/api/v1/ingest/openalex?retrieved=2026-12-07", editor, "application/x-ndjson", string(body))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	rep := decodeMap(t, rec)["result"].(map[string]any)["report"].(map[string]any)
	for _, group := range []string{"nodes", "relationships"} {
		for kind, c := range rep[group].(map[string]any) {
			counts := c.(map[string]any)
			assert.Zero(t, counts["created"], kind)
			assert.Zero(t, counts["updated"], kind)
		}
	}

	before := neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)")
	rec = send(t, h, http.MethodPost, "/api/v1/ingest/openalex", editor, "application/x-ndjson", string(body)+"\n"+string(body[:200]))
	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	assert.Contains(t, errorOf(t, rec).Message, "upload: line 2 (W2741809807): the input ends inside this record")
	assert.Equal(t, before, neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)"), "nothing written")
}
