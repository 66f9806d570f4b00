package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenAPI(t *testing.T) {
	h := newServer(t, httpapi.Deps{AnonymousRead: true})
	rec := get(t, h, "/api/openapi.json")
	require.Equal(t, http.StatusOK, rec.Code)
	m := decodeMap(t, rec)
	assert.Equal(t, "3.0.3", m["openapi"])
	paths := m["paths"].(map[string]any)
	assert.Contains(t, paths, "/api/v1/experts")

	rec = get(t, h, "/api/docs")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "/api/v1/partnerships/map")
	assert.NotContains(t, rec.Body.String(), "<script", "the docs page is plain HTML")
}

// TestEveryRouteIsDescribed keeps the OpenAPI document and the router in step: every /api
// route is documented and every documented operation is routed.
func TestEveryRouteIsDescribed(t *testing.T) {
	spec, err := httpapi.LoadSpec()
	require.NoError(t, err)
	documented := map[string]bool{}
	for _, op := range spec.Operations() {
		documented[op] = true
	}
	routed := map[string]bool{}
	for _, r := range httpapi.Routes() {
		if !strings.HasPrefix(r, "GET /api/openapi") && !strings.HasPrefix(r, "GET /api/docs") {
			routed[r] = true
		}
	}
	for r := range routed {
		assert.True(t, documented[r], "route %s is not in openapi.yaml", r)
	}
	for op := range documented {
		assert.True(t, routed[op], "openapi.yaml documents %s, which is not routed", op)
	}
}
