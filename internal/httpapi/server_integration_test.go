//go:build integration

package httpapi_test

import (
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(got, &v))
	pretty, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, append(pretty, '\n'), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./internal/httpapi -update")
	assert.JSONEq(t, string(want), string(pretty))
}

func TestAPIAgainstTheDemoData(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := newServer(t, httpapi.Deps{Experts: st, Ready: st, Version: "test", AnonymousRead: true})

	t.Run("healthz says the process is up", func(t *testing.T) {
		rec := get(t, h, "/healthz")
		assert.Equal(t, http.StatusOK, rec.Code)
		assert.JSONEq(t, `{"status":"ok","version":"test"}`, rec.Body.String())
	})
	t.Run("readyz is ready once migrated", func(t *testing.T) {
		rec := get(t, h, "/readyz")
		assert.Equal(t, http.StatusOK, rec.Code)
		assert.Contains(t, rec.Body.String(), `"status":"ready"`)
	})
	t.Run("experts in organ preservation match the golden file", func(t *testing.T) {
		rec := get(t, h, "/api/v1/experts?topic=organ%20preservation")
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
		golden(t, "experts_organ_preservation.json", rec.Body.Bytes())
	})
	t.Run("a missing topic is a 400 naming the field", func(t *testing.T) {
		rec := get(t, h, "/api/v1/experts")
		assert.Equal(t, http.StatusBadRequest, rec.Code)
		e := errorOf(t, rec)
		assert.Equal(t, "invalid_argument", e.Code)
		assert.Equal(t, "topic", e.Field)
	})
	t.Run("a malformed limit is a 400 naming the field", func(t *testing.T) {
		for _, q := range []string{"limit=ten", "limit=0", "limit=100000", "offset=-1"} {
			rec := get(t, h, "/api/v1/experts?topic=cryomedicine&"+q)
			assert.Equal(t, http.StatusBadRequest, rec.Code, q)
			assert.Contains(t, []string{"limit", "offset"}, errorOf(t, rec).Field, q)
		}
	})
	t.Run("an unknown topic is a 404", func(t *testing.T) {
		rec := get(t, h, "/api/v1/experts?topic=underwater%20basket%20weaving")
		assert.Equal(t, http.StatusNotFound, rec.Code)
		assert.Equal(t, "not_found", errorOf(t, rec).Code)
	})
	t.Run("an unknown route is a JSON 404", func(t *testing.T) {
		rec := get(t, h, "/api/v1/nothing-here")
		assert.Equal(t, http.StatusNotFound, rec.Code)
		assert.Equal(t, "not_found", errorOf(t, rec).Code)
	})
	t.Run("a wrong method is a JSON 405", func(t *testing.T) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodDelete, "/api/v1/experts", nil))
		assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
		assert.Equal(t, "method_not_allowed", errorOf(t, rec).Code)
	})
	t.Run("a client request id is echoed, and errors carry it", func(t *testing.T) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/api/v1/experts", nil)
		req.Header.Set("X-Request-ID", "abc-123")
		h.ServeHTTP(rec, req)
		assert.Equal(t, "abc-123", rec.Header().Get("X-Request-ID"))
		assert.Equal(t, "abc-123", errorOf(t, rec).RequestID)
	})
}

func TestNeo4jDownGives503WithAReason(t *testing.T) {
	neo4jtest.Config(t)
	st, err := store.Open(config.Config{Neo4jURI: "bolt://127.0.0.1:1", Neo4jUsername: "neo4j", Neo4jPassword: "x", Neo4jDatabase: "neo4j"})
	require.NoError(t, err)
	defer st.Close(context.Background())
	h := newServer(t, httpapi.Deps{Experts: st, Ready: st, AnonymousRead: true})

	rec := get(t, h, "/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Equal(t, "neo4j_unreachable", errorOf(t, rec).Code)

	rec = get(t, h, "/api/v1/experts?topic=cryomedicine")
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Equal(t, "unavailable", errorOf(t, rec).Code)
	assert.Equal(t, "5", rec.Header().Get("Retry-After"))
}
