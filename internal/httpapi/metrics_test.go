package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func metricsFrom(t *testing.T, h http.Handler, remote, token string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
	req.RemoteAddr = remote
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// /metrics counts requests by route template (not by id) and status, console runs by outcome
// and import rows; it answers loopback callers, or the metrics token.
func TestMetricsCountRequestsConsoleRunsAndImports(t *testing.T) {
	ts := newTokens()
	analystToken := ts.role(t, cryo.RoleAnalyst)
	editorToken := ts.role(t, cryo.RoleEditor)
	runner := &mock.CypherRunner{RunCypherFn: func(_ context.Context, req analyst.Request) (*analyst.Result, error) {
		if req.Query == "RETURN 2" {
			return nil, &analyst.Error{Code: analyst.CodeTimeout, Message: "too slow"}
		}
		return &analyst.Result{Columns: []string{"x"}, Rows: [][]any{{1.0}}, Graph: analyst.Graph{Nodes: []analyst.Node{}, Relationships: []analyst.Relationship{}}, Stats: analyst.Stats{Rows: 1}}, nil
	}}
	var s sink
	h := newServer(t, httpapi.Deps{Cypher: runner, Tokens: ts.store(), ImportSink: s.mock(), Health: &breaker{}})
	do(t, h, http.MethodPost, "/api/v1/cypher", analystToken, "application/json", `{"query": "RETURN 1"}`)
	do(t, h, http.MethodPost, "/api/v1/cypher", analystToken, "application/json", `{"query": "RETURN 2"}`)
	rec := do(t, h, http.MethodPost, "/api/v1/imports", editorToken, "application/x-ndjson",
		`{"type":"source","id":"src:m","url":"https://example.org/m","title":"M"}`+"\n")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())

	assert.Equal(t, http.StatusForbidden, metricsFrom(t, h, "203.0.113.9:5000", "").Code, "not from elsewhere")
	rec = metricsFrom(t, h, "127.0.0.1:5000", "")
	require.Equal(t, http.StatusOK, rec.Code)
	body := rec.Body.String()
	assert.Contains(t, body, `cryograph_http_requests_total{method="POST",route="/api/v1/cypher",status="200"} 1`)
	assert.Contains(t, body, `cryograph_http_requests_total{method="POST",route="/api/v1/cypher",status="422"} 1`)
	assert.Contains(t, body, `cryograph_http_request_duration_seconds_bucket{method="POST",route="/api/v1/cypher"`)
	assert.Contains(t, body, `cryograph_console_runs_total{outcome="ok"} 1`)
	assert.Contains(t, body, `cryograph_console_runs_total{outcome="cypher_timeout"} 1`)
	assert.Contains(t, body, `cryograph_import_rows_written_total{kind="node"} 1`)
	assert.Contains(t, body, `cryograph_derived_refreshes_total{outcome="ok"} 1`)
	assert.Contains(t, body, `cryograph_neo4j_up 1`)

	guarded := newServer(t, httpapi.Deps{MetricsToken: "s3cret"})
	assert.Equal(t, http.StatusUnauthorized, metricsFrom(t, guarded, "127.0.0.1:5000", "").Code, "with a token set, loopback is not enough")
	assert.Equal(t, http.StatusOK, metricsFrom(t, guarded, "203.0.113.9:5000", "s3cret").Code)
}
