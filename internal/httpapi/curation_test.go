package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const adminToken = "test-admin-token-0123456789"

func send(t *testing.T, h http.Handler, method, target, token, contentType, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func decodeMap(t *testing.T, rec *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &m), rec.Body.String())
	return m
}

func TestResolveAndDuplicatesEndpoints(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := httpapi.NewServer(httpapi.Deps{Resolver: st, Merger: st, ImportSink: st})

	for _, name := range []string{"Gang%20Zhao", "ZHAO%20Gang", "%E8%B5%B5%E5%88%9A"} { // 赵刚
		rec := get(t, h, "/api/v1/resolve?kind=person&name="+name)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		cands := decodeMap(t, rec)["candidates"].([]any)
		require.Len(t, cands, 1, name)
		assert.Equal(t, "person:zhao_gang", cands[0].(map[string]any)["id"])
	}
	rec := get(t, h, "/api/v1/resolve")
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "name", errorOf(t, rec).Field)
	rec = get(t, h, "/api/v1/resolve?name=x&kind=planet")
	assert.Equal(t, "kind", errorOf(t, rec).Field)

	rec = get(t, h, "/api/v1/duplicates?kind=organization")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, decodeMap(t, rec), "pairs")
}

func TestWriteEndpointsNeedTheAdminToken(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	off := httpapi.NewServer(httpapi.Deps{Resolver: st, Merger: st, ImportSink: st})
	on := httpapi.NewServer(httpapi.Deps{Resolver: st, Merger: st, ImportSink: st, AdminToken: adminToken})
	body := `{"keep":"person:zhao_gang","absorb":"person:xu_yi","reason":"x"}`

	rec := send(t, off, http.MethodPost, "/api/v1/merges", adminToken, "application/json", body)
	assert.Equal(t, http.StatusForbidden, rec.Code, "disabled without a configured token")
	assert.Equal(t, "forbidden", errorOf(t, rec).Code)
	rec = send(t, on, http.MethodPost, "/api/v1/merges", "", "application/json", body)
	assert.Equal(t, http.StatusUnauthorized, rec.Code, "missing token")
	rec = send(t, on, http.MethodPost, "/api/v1/imports", "wrong-token-wrong-token", "application/x-ndjson", "{}")
	assert.Equal(t, http.StatusUnauthorized, rec.Code, "wrong token")
	assert.Equal(t, "unauthenticated", errorOf(t, rec).Code)
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:xu_yi'}) RETURN count(p)"), "nothing was merged")
}

func TestImportEndpoint(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := httpapi.NewServer(httpapi.Deps{ImportSink: st, AdminToken: adminToken})
	good := `{"type":"source","id":"src:up","url":"https://example.org/up","title":"Upload"}
{"type":"person","id":"person:up","name":"Up Loaded","sources":["src:up"]}`

	rec := send(t, h, http.MethodPost, "/api/v1/imports?dry_run=true", adminToken, "application/x-ndjson", good)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"), "a dry run writes nothing")

	rec = send(t, h, http.MethodPost, "/api/v1/imports", adminToken, "application/x-ndjson", good)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	report := decodeMap(t, rec)["report"].(map[string]any)
	assert.Equal(t, true, report["applied"])
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:up'}) RETURN count(p)"))

	bad := good + "\n" + `{"type":"person","id":"person:bad","sources":["src:up"]}`
	rec = send(t, h, http.MethodPost, "/api/v1/imports", adminToken, "application/x-ndjson", bad)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	m := decodeMap(t, rec)
	assert.Equal(t, "rows_rejected", m["error"].(map[string]any)["code"])
	errs := m["report"].(map[string]any)["errors"].([]any)
	require.Len(t, errs, 1)
	assert.Equal(t, float64(3), errs[0].(map[string]any)["line"])
	assert.Equal(t, "name", errs[0].(map[string]any)["field"])

	csv := "type,id,name,kind,sources\norganization,org:up,Up Lab,lab,src:up\n"
	rec = send(t, h, http.MethodPost, "/api/v1/imports", adminToken, "text/csv", csv)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (o:Organization {id: 'org:up'}) RETURN count(o)"))

	rec = send(t, h, http.MethodPost, "/api/v1/imports?batch_size=0", adminToken, "text/csv", csv)
	assert.Equal(t, "batch_size", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/imports", adminToken, "text/csv", "")
	assert.Equal(t, "body", errorOf(t, rec).Field)
}

func TestMergeEndpoints(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := httpapi.NewServer(httpapi.Deps{Resolver: st, Merger: st, ImportSink: st, AdminToken: adminToken})
	rec := send(t, h, http.MethodPost, "/api/v1/imports", adminToken, "application/x-ndjson",
		`{"type":"person","id":"person:zhao_gang_dup","name":"Gang Zhao","sources":["src:yinfeng-news-30"]}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	rec = send(t, h, http.MethodPost, "/api/v1/merges", adminToken, "application/json", `{"keep":"person:zhao_gang","absorb":"person:zhao_gang_dup","reson":"typo"}`)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "reson", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/merges", adminToken, "application/json", `{"keep":"person:zhao_gang","absorb":"person:zhao_gang_dup"}`)
	assert.Equal(t, "reason", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/merges", adminToken, "application/json", `{"keep":"person:zhao_gang","absorb":"person:nobody","reason":"r"}`)
	assert.Equal(t, http.StatusNotFound, rec.Code)

	rec = send(t, h, http.MethodPost, "/api/v1/merges", adminToken, "application/json", `{"keep":"person:zhao_gang","absorb":"person:zhao_gang_dup","reason":"same person"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	id := decodeMap(t, rec)["id"].(string)
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:zhao_gang_dup'}) RETURN count(p)"))

	rec = get(t, h, "/api/v1/merges")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), id)

	rec = send(t, h, http.MethodPost, "/api/v1/merges/"+id+"/undo", adminToken, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:zhao_gang_dup'}) RETURN count(p)"))
	rec = send(t, h, http.MethodPost, "/api/v1/merges/"+id+"/undo", adminToken, "", "")
	assert.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, "conflict", errorOf(t, rec).Code)
}
