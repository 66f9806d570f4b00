package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestResolveAndDuplicatesOverFakes(t *testing.T) {
	var resolved cryo.ResolveQuery
	var dupKind string
	var dupPage cryo.Page
	r := &mock.Resolver{
		ResolveFn: func(_ context.Context, q cryo.ResolveQuery) ([]cryo.Candidate, error) {
			resolved = q
			return []cryo.Candidate{{ID: "person:zhao_gang", Name: "Zhao Gang", Kind: "Person", Exact: true, Reasons: []string{"same name"}}}, nil
		},
		DuplicatesFn: func(_ context.Context, kind string, page cryo.Page) (cryo.DuplicateResult, error) {
			dupKind, dupPage = kind, page
			return cryo.DuplicateResult{Limit: page.Limit, Offset: page.Offset, Pairs: []cryo.DuplicatePair{}}, nil
		},
	}
	h := newServer(t, httpapi.Deps{Resolver: r, AnonymousRead: true})

	rec := get(t, h, "/api/v1/resolve?kind=person&name=%E8%B5%B5%E5%88%9A") // 赵刚
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, cryo.ResolveQuery{Name: "赵刚", Kind: "person", Limit: 10}, resolved)
	m := decodeMap(t, rec)
	assert.Equal(t, "赵刚", m["name"])
	cands := m["candidates"].([]any)
	require.Len(t, cands, 1)
	assert.Equal(t, "person:zhao_gang", cands[0].(map[string]any)["id"])

	for _, tt := range []struct{ name, target, field string }{
		{"a missing name", "/api/v1/resolve", "name"},
		{"a blank name", "/api/v1/resolve?name=%20%20", "name"},
		{"an unknown kind", "/api/v1/resolve?name=x&kind=planet", "kind"},
		{"a limit over the maximum", "/api/v1/resolve?name=x&limit=101", "limit"},
		{"an unknown duplicate kind", "/api/v1/duplicates?kind=topic", "kind"},
		{"a bad duplicates page", "/api/v1/duplicates?offset=-1", "offset"},
	} {
		t.Run(tt.name+" is a 400 naming the field", func(t *testing.T) {
			rec := get(t, h, tt.target)
			assert.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			assert.Equal(t, tt.field, errorOf(t, rec).Field)
		})
	}

	rec = get(t, h, "/api/v1/duplicates?kind=organization&limit=5&offset=10")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, decodeMap(t, rec), "pairs")
	assert.Equal(t, "organization", dupKind)
	assert.Equal(t, cryo.Page{Limit: 5, Offset: 10}, dupPage)
}

func TestImportEndpointOverFakes(t *testing.T) {
	ts := newTokens()
	target := &sink{}
	h := newServer(t, httpapi.Deps{ImportSink: target.mock(), Tokens: ts.store()})
	editorToken := ts.role(t, cryo.RoleEditor)
	good := `{"type":"source","id":"src:up","url":"https://example.org/up","title":"Upload"}
{"type":"person","id":"person:up","name":"Up Loaded","sources":["src:up"]}`

	rec := send(t, h, http.MethodPost, "/api/v1/imports?dry_run=true", editorToken, "application/x-ndjson", good)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	report := decodeMap(t, rec)["report"].(map[string]any)
	assert.Equal(t, true, report["dryRun"])
	assert.Equal(t, false, report["applied"])
	nodes, links, refreshes := target.written()
	assert.Zero(t, nodes+links, "a dry run writes nothing")
	assert.Zero(t, refreshes, "and refreshes nothing")

	rec = send(t, h, http.MethodPost, "/api/v1/imports", editorToken, "application/x-ndjson", good)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	report = decodeMap(t, rec)["report"].(map[string]any)
	assert.Equal(t, true, report["applied"])
	assert.Equal(t, []any{"upload.jsonl"}, report["files"])
	nodes, _, refreshes = target.written()
	assert.Equal(t, 2, nodes)
	assert.Equal(t, 1, refreshes, "an import that wrote rows refreshes the derived data")

	bad := good + "\n" + `{"type":"person","id":"person:bad","sources":["src:up"]}`
	rec = send(t, h, http.MethodPost, "/api/v1/imports", editorToken, "application/x-ndjson", bad)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	m := decodeMap(t, rec)
	assert.Equal(t, "rows_rejected", m["error"].(map[string]any)["code"])
	assert.Contains(t, m["error"].(map[string]any)["message"], "nothing was written")
	errs := m["report"].(map[string]any)["errors"].([]any)
	require.Len(t, errs, 1)
	assert.Equal(t, float64(3), errs[0].(map[string]any)["line"])
	assert.Equal(t, "name", errs[0].(map[string]any)["field"])
	nodes, _, refreshes = target.written()
	assert.Equal(t, 2, nodes, "a rejected file writes nothing")
	assert.Equal(t, 1, refreshes)

	csv := "type,id,name,kind,sources\norganization,org:up,Up Lab,lab,src:up\n"
	rec = send(t, h, http.MethodPost, "/api/v1/imports?name=labs", editorToken, "text/csv", csv)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, []any{"labs (upload).csv"}, decodeMap(t, rec)["report"].(map[string]any)["files"], "the content type picks CSV")

	for _, tt := range []struct{ name, target, contentType, body, field string }{
		{"a zero batch size", "/api/v1/imports?batch_size=0", "text/csv", csv, "batch_size"},
		{"a batch size over the maximum", "/api/v1/imports?batch_size=50001", "text/csv", csv, "batch_size"},
		{"an unknown format", "/api/v1/imports?format=xml", "text/csv", csv, "format"},
		{"a malformed dry_run", "/api/v1/imports?dry_run=maybe", "text/csv", csv, "dry_run"},
		{"an empty body", "/api/v1/imports", "text/csv", "", "body"},
	} {
		t.Run(tt.name+" is a 400 naming the field", func(t *testing.T) {
			rec := send(t, h, http.MethodPost, tt.target, editorToken, tt.contentType, tt.body)
			assert.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			assert.Equal(t, tt.field, errorOf(t, rec).Field)
		})
	}
}

func TestMergeEndpointsOverFakes(t *testing.T) {
	ts := newTokens()
	var merged []cryo.MergeRequest
	var undone []string
	var listed []cryo.Page
	m := &mock.Merger{
		MergeFn: func(_ context.Context, req cryo.MergeRequest) (cryo.Merge, error) {
			if req.Absorb == "person:nobody" {
				return cryo.Merge{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "absorb", Message: "no entity has id \"person:nobody\""}
			}
			merged = append(merged, req)
			return cryo.Merge{ID: "merge:1", Keep: req.Keep, Absorbed: req.Absorb, Reason: req.Reason, By: req.By, At: "2025-01-01T00:00:00Z", AddedName: []string{}}, nil
		},
		UnmergeFn: func(_ context.Context, id, by string) (cryo.Merge, error) {
			undone = append(undone, id+" by "+by)
			if len(undone) > 1 {
				return cryo.Merge{}, cryo.Errorf(cryo.ECodeConflict, "merge %s was already undone", id)
			}
			return cryo.Merge{ID: id, Keep: "person:zhao_gang", Absorbed: "person:zhao_gang_2", Reason: "same person",
				At: "2025-01-01T00:00:00Z", UndoneAt: "2025-01-02T00:00:00Z", AddedName: []string{}}, nil
		},
		MergesFn: func(_ context.Context, p cryo.Page) ([]cryo.Merge, error) {
			listed = append(listed, p)
			return []cryo.Merge{{ID: "merge:1", Keep: "person:zhao_gang", Absorbed: "person:zhao_gang_2", Reason: "same person",
				At: "2025-01-01T00:00:00Z", AddedName: []string{}}}, nil
		},
	}
	h := newServer(t, httpapi.Deps{Merger: m, Tokens: ts.store(), AnonymousRead: true})
	editorToken := ts.issue(t, "Ed Itor", cryo.RoleEditor, 0, time.Now())

	for _, tt := range []struct{ name, body, field string }{
		{"an unknown field", `{"keep":"person:zhao_gang","absorb":"person:zhao_gang_dup","reson":"typo"}`, "reson"},
		{"a missing reason", `{"keep":"person:zhao_gang","absorb":"person:zhao_gang_dup"}`, "reason"},
		{"a blank reason", `{"keep":"person:zhao_gang","absorb":"person:zhao_gang_dup","reason":"  "}`, "reason"},
		{"a merge into itself", `{"keep":"person:a","absorb":"person:a","reason":"r"}`, "absorb"},
		{"a number for an id", `{"keep":7,"absorb":"person:a","reason":"r"}`, "keep"},
		{"a body that is not JSON", `keep=a`, "body"},
	} {
		t.Run(tt.name+" is a 400 naming the field", func(t *testing.T) {
			rec := send(t, h, http.MethodPost, "/api/v1/merges", editorToken, "application/json", tt.body)
			assert.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			assert.Equal(t, tt.field, errorOf(t, rec).Field)
		})
	}
	require.Empty(t, merged, "nothing invalid reached the store")

	rec := send(t, h, http.MethodPost, "/api/v1/merges", editorToken, "application/json", `{"keep":"person:zhao_gang","absorb":"person:nobody","reason":"r"}`)
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Equal(t, "absorb", errorOf(t, rec).Field)

	rec = send(t, h, http.MethodPost, "/api/v1/merges", editorToken, "application/json", `{"keep":" person:zhao_gang ","absorb":"person:zhao_gang_dup","reason":"same person"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Equal(t, "merge:1", decodeMap(t, rec)["id"])
	assert.Equal(t, []cryo.MergeRequest{{Keep: "person:zhao_gang", Absorb: "person:zhao_gang_dup", Reason: "same person", By: "Ed Itor"}}, merged)

	rec = get(t, h, "/api/v1/merges?limit=5")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "merge:1")
	assert.Equal(t, []cryo.Page{{Limit: 5}}, listed)
	assert.Equal(t, http.StatusBadRequest, get(t, h, "/api/v1/merges?limit=0").Code)

	rec = send(t, h, http.MethodPost, "/api/v1/merges/merge:1/undo", editorToken, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	rec = send(t, h, http.MethodPost, "/api/v1/merges/merge:1/undo", editorToken, "", "")
	assert.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, "conflict", errorOf(t, rec).Code)
	assert.Equal(t, []string{"merge:1 by Ed Itor", "merge:1 by Ed Itor"}, undone)
}

func TestWriteEndpointsNeedAnEditorTokenOverFakes(t *testing.T) {
	ts := newTokens()
	m := &mock.Merger{} // any call would panic: a 500, and the test fails
	h := newServer(t, httpapi.Deps{Merger: m, ImportSink: &mock.RefreshingSink{}, Tokens: ts.store(), AnonymousRead: true})
	body := `{"keep":"person:zhao_gang","absorb":"person:xu_yi","reason":"x"}`

	rec := send(t, h, http.MethodPost, "/api/v1/merges", "", "application/json", body)
	assert.Equal(t, http.StatusUnauthorized, rec.Code, "missing token")
	assert.Equal(t, "unauthenticated", errorOf(t, rec).Code)
	rec = send(t, h, http.MethodPost, "/api/v1/imports", "wrong-token-wrong-token", "application/x-ndjson", "{}")
	assert.Equal(t, http.StatusUnauthorized, rec.Code, "wrong token")
	assert.Equal(t, "unauthenticated", errorOf(t, rec).Code)
	rec = send(t, h, http.MethodPost, "/api/v1/merges", ts.role(t, cryo.RoleAnalyst), "application/json", body)
	assert.Equal(t, http.StatusForbidden, rec.Code, "an analyst may not merge")
	assert.Equal(t, "forbidden", errorOf(t, rec).Code)
	rec = send(t, h, http.MethodPost, "/api/v1/merges/merge:1/undo", ts.role(t, cryo.RoleViewer), "", "")
	assert.Equal(t, http.StatusForbidden, rec.Code, "a viewer may not undo")
}

func TestImportWhoseRefreshFailsKeepsTheRowsAndHidesTheCause(t *testing.T) {
	ts := newTokens()
	target := &sink{}
	fake := target.mock()
	fake.RefreshDerivedFn = func(context.Context) error { return errors.New("no disk") }
	h := newServer(t, httpapi.Deps{ImportSink: fake, Tokens: ts.store()})
	good := `{"type":"source","id":"src:up","url":"https://example.org/up","title":"Upload"}`

	rec := send(t, h, http.MethodPost, "/api/v1/imports", ts.role(t, cryo.RoleEditor), "application/x-ndjson", good)

	require.Equal(t, http.StatusInternalServerError, rec.Code, rec.Body.String())
	nodes, _, _ := target.written()
	assert.Equal(t, 1, nodes, "the load's rows stay written")
	body := errorOf(t, rec)
	assert.Equal(t, "internal", body.Code)
	assert.NotContains(t, body.Message, "no disk", "a 500 never shows its cause")
}

func TestAnImportThatStopsMidwaySaysWhatWasCommitted(t *testing.T) {
	ts := newTokens()
	target := &sink{}
	fake := target.mock()
	upsert := fake.UpsertNodesFn
	calls := 0
	fake.UpsertNodesFn = func(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
		calls++
		if calls > 1 { // the first batch is committed, then Neo4j goes away
			return nil, cryo.Unavailable("neo4j is unavailable", errors.New("connection refused"))
		}
		return upsert(ctx, nodes)
	}
	h := newServer(t, httpapi.Deps{ImportSink: fake, Tokens: ts.store()})
	rows := `{"type":"source","id":"src:a","url":"https://example.org/a","title":"A"}
{"type":"person","id":"person:a","name":"Anna A","sources":["src:a"]}
{"type":"person","id":"person:b","name":"Bert B","sources":["src:a"]}`

	rec := send(t, h, http.MethodPost, "/api/v1/imports?batch_size=1", ts.role(t, cryo.RoleEditor), "application/x-ndjson", rows)

	require.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
	assert.NotEmpty(t, rec.Header().Get("Retry-After"))
	m := decodeMap(t, rec)
	e := m["error"].(map[string]any)
	assert.Equal(t, "unavailable", e["code"])
	assert.Contains(t, e["message"], "committed batches, which stay written")
	assert.Contains(t, e["message"], "importing the same file again is safe")
	assert.NotContains(t, e["message"], "connection refused", "the cause stays in the log")
	report := m["report"].(map[string]any)
	assert.Equal(t, true, report["interrupted"])
	nodes, _, _ := target.written()
	assert.Positive(t, nodes, "what the committed batch wrote is still there")
}
