//go:build integration

package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolveAndDuplicatesEndpoints(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := newServer(t, httpapi.Deps{Resolver: st, Merger: st, ImportSink: st, AnonymousRead: true})

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

func TestWriteEndpointsNeedAnEditorToken(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := newServer(t, httpapi.Deps{Resolver: st, Merger: st, ImportSink: st, Tokens: st, AnonymousRead: true})
	body := `{"keep":"person:zhao_gang","absorb":"person:xu_yi","reason":"x"}`

	rec := send(t, h, http.MethodPost, "/api/v1/merges", "", "application/json", body)
	assert.Equal(t, http.StatusUnauthorized, rec.Code, "missing token")
	assert.Equal(t, "unauthenticated", errorOf(t, rec).Code)
	rec = send(t, h, http.MethodPost, "/api/v1/imports", "wrong-token-wrong-token", "application/x-ndjson", "{}")
	assert.Equal(t, http.StatusUnauthorized, rec.Code, "wrong token")
	assert.Equal(t, "unauthenticated", errorOf(t, rec).Code)
	rec = send(t, h, http.MethodPost, "/api/v1/merges", issue(t, st, cryo.RoleAnalyst), "application/json", body)
	assert.Equal(t, http.StatusForbidden, rec.Code, "an analyst may not merge")
	assert.Equal(t, "forbidden", errorOf(t, rec).Code)
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:xu_yi'}) RETURN count(p)"), "nothing was merged")
}

func TestImportEndpoint(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := newServer(t, httpapi.Deps{ImportSink: st, Tokens: st})
	editorToken := issue(t, st, cryo.RoleEditor)
	good := `{"type":"source","id":"src:up","url":"https://example.org/up","title":"Upload"}
{"type":"person","id":"person:up","name":"Up Loaded","sources":["src:up"]}`

	rec := send(t, h, http.MethodPost, "/api/v1/imports?dry_run=true", editorToken, "application/x-ndjson", good)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"), "a dry run writes nothing")
	plan := decodeMap(t, rec)["report"].(map[string]any)["plan"].(map[string]any)
	assert.Equal(t, map[string]any{"create": 1.0, "update": 0.0, "unchanged": 0.0,
		"examples": []any{map[string]any{"action": "create", "id": "person:up"}}}, plan["nodes"].(map[string]any)["Person"], "a dry run says what it would do")

	rec = send(t, h, http.MethodPost, "/api/v1/imports", editorToken, "application/x-ndjson", good)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	report := decodeMap(t, rec)["report"].(map[string]any)
	assert.Equal(t, true, report["applied"])
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:up'}) RETURN count(p)"))
	topic := `{"type":"topic","id":"topic:up","name":"Uploading"}
{"type":"link","rel":"WORKS_ON","from":"person:up","to":"topic:up","sources":["src:up"]}`
	rec = send(t, h, http.MethodPost, "/api/v1/imports", editorToken, "application/x-ndjson", topic)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (r:TopicRanking {topic: 'topic:up'}) WHERE r.top = ['person:up'] RETURN count(r)"),
		"an import that wrote rows refreshes the derived data")

	bad := good + "\n" + `{"type":"person","id":"person:bad","sources":["src:up"]}`
	rec = send(t, h, http.MethodPost, "/api/v1/imports", editorToken, "application/x-ndjson", bad)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	m := decodeMap(t, rec)
	assert.Equal(t, "rows_rejected", m["error"].(map[string]any)["code"])
	errs := m["report"].(map[string]any)["errors"].([]any)
	require.Len(t, errs, 1)
	assert.Equal(t, float64(3), errs[0].(map[string]any)["line"])
	assert.Equal(t, "name", errs[0].(map[string]any)["field"])

	csv := "type,id,name,kind,sources\norganization,org:up,Up Lab,lab,src:up\n"
	rec = send(t, h, http.MethodPost, "/api/v1/imports", editorToken, "text/csv", csv)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (o:Organization {id: 'org:up'}) RETURN count(o)"))

	rec = send(t, h, http.MethodPost, "/api/v1/imports?batch_size=0", editorToken, "text/csv", csv)
	assert.Equal(t, "batch_size", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/imports", editorToken, "text/csv", "")
	assert.Equal(t, "body", errorOf(t, rec).Field)
}

func TestMergeEndpoints(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := newServer(t, httpapi.Deps{Resolver: st, Merger: st, ImportSink: st, Tokens: st, AnonymousRead: true})
	editorToken := issue(t, st, cryo.RoleEditor)
	rec := send(t, h, http.MethodPost, "/api/v1/imports", editorToken, "application/x-ndjson",
		`{"type":"person","id":"person:zhao_gang_dup","name":"Gang Zhao","sources":["src:yinfeng-news-30"]}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	rec = send(t, h, http.MethodPost, "/api/v1/merges", editorToken, "application/json", `{"keep":"person:zhao_gang","absorb":"person:zhao_gang_dup","reson":"typo"}`)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "reson", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/merges", editorToken, "application/json", `{"keep":"person:zhao_gang","absorb":"person:zhao_gang_dup"}`)
	assert.Equal(t, "reason", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/merges", editorToken, "application/json", `{"keep":"person:zhao_gang","absorb":"person:nobody","reason":"r"}`)
	assert.Equal(t, http.StatusNotFound, rec.Code)

	rec = send(t, h, http.MethodPost, "/api/v1/merges", editorToken, "application/json", `{"keep":"person:zhao_gang","absorb":"person:zhao_gang_dup","reason":"same person"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	id := decodeMap(t, rec)["id"].(string)
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:zhao_gang_dup'}) RETURN count(p)"))

	rec = get(t, h, "/api/v1/merges")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), id)

	rec = send(t, h, http.MethodPost, "/api/v1/merges/"+id+"/undo", editorToken, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:zhao_gang_dup'}) RETURN count(p)"))
	rec = send(t, h, http.MethodPost, "/api/v1/merges/"+id+"/undo", editorToken, "", "")
	assert.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, "conflict", errorOf(t, rec).Code)
}
