package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// failing answers every expert search with err.
func failing(err error) *mock.ExpertFinder {
	return &mock.ExpertFinder{ExpertsByTopicFn: func(context.Context, cryo.ExpertQuery) (cryo.ExpertResult, error) {
		return cryo.ExpertResult{}, err
	}}
}

// Errors from the services become one JSON shape, with the status their code maps to (409:
// TestMergeEndpointsOverFakes).
func TestErrorsMapToStatusesInOneShape(t *testing.T) {
	secret := errors.New("Neo.TransientError at bolt://10.0.0.7:7687 password=hunter2")
	for _, tt := range []struct {
		name       string
		err        error
		status     int
		code       string
		field      string
		msg        string
		retryAfter string
	}{
		{"a not-found is a 404", &cryo.Error{Code: cryo.ECodeNotFound, Field: "topic", Message: "no topic matches"}, http.StatusNotFound, "not_found", "topic", "no topic matches", ""},
		{"an invalid argument is a 400 naming the field", cryo.Invalid("country", "country must be a code"), http.StatusBadRequest, "invalid_argument", "country", "country must be a code", ""},
		{"an unreachable Neo4j is a 503 with Retry-After", cryo.Unavailable("Neo4j cannot be reached", secret), http.StatusServiceUnavailable, "unavailable", "", "Neo4j cannot be reached", "5"},
		{"a wrapped domain error keeps its status", errors.Join(errors.New("find experts"), cryo.Errorf(cryo.ECodeNotFound, "gone")), http.StatusNotFound, "not_found", "", "gone", ""},
		{"an internal domain error hides its message", &cryo.Error{Code: cryo.ECodeInternal, Message: "query at bolt://10.0.0.7 failed", Err: secret}, http.StatusInternalServerError, "internal", "", "an internal error occurred", ""},
		{"an unknown code is a 500", cryo.Errorf("weird", "odd"), http.StatusInternalServerError, "weird", "", "odd", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newServer(t, httpapi.Deps{Experts: failing(tt.err), AnonymousRead: true})
			rec := get(t, h, "/api/v1/experts?topic=x")
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			e := errorOf(t, rec)
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, tt.field, e.Field)
			assert.Contains(t, e.Message, tt.msg)
			assert.NotEmpty(t, e.RequestID)
			assert.Equal(t, tt.retryAfter, rec.Header().Get("Retry-After"))
			for _, leak := range []string{"bolt", "hunter2", "10.0.0.7", "Neo.Transient"} {
				assert.NotContains(t, rec.Body.String(), leak, "causes are logged, never sent")
			}
		})
	}
}

// The router's own answers use the error shape too, and every answer carries a request id.
func TestRouterErrorsAndRequestIDs(t *testing.T) {
	finder, _ := experts()
	h := newServer(t, httpapi.Deps{Experts: finder, AnonymousRead: true})

	t.Run("an unknown route is a JSON 404", func(t *testing.T) {
		rec := get(t, h, "/api/v1/nothing-here")
		assert.Equal(t, http.StatusNotFound, rec.Code)
		assert.Equal(t, "not_found", errorOf(t, rec).Code)
	})
	t.Run("a wrong method is a JSON 405", func(t *testing.T) {
		rec := send(t, h, http.MethodDelete, "/api/v1/experts", "", "", "")
		assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
		assert.Equal(t, "method_not_allowed", errorOf(t, rec).Code)
	})
	t.Run("a client request id is echoed, and errors carry it", func(t *testing.T) {
		rec := do(t, h, http.MethodGet, "/api/v1/experts", "", "", "", "X-Request-ID", "abc-123")
		assert.Equal(t, "abc-123", rec.Header().Get("X-Request-ID"))
		assert.Equal(t, "abc-123", errorOf(t, rec).RequestID)
	})
	t.Run("a request id that is not sane is replaced", func(t *testing.T) {
		rec := do(t, h, http.MethodGet, "/api/v1/experts?topic=x", "", "", "", "X-Request-ID", "<script>")
		require.Equal(t, http.StatusOK, rec.Code)
		id := rec.Header().Get("X-Request-ID")
		assert.NotEmpty(t, id)
		assert.NotEqual(t, "<script>", id)
	})
	t.Run("an answer is JSON with a length", func(t *testing.T) {
		rec := get(t, h, "/api/v1/experts?topic=organ%20preservation")
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
		assert.NotEmpty(t, rec.Header().Get("Content-Length"))
		assert.JSONEq(t, `{"topics":[],"total":1,"limit":20,"offset":0,"experts":[{"id":"person:xu_yi","name":"Xu Yi",
			"institutions":[],"matchedTopics":[],"evidenceCount":0,"facts":0,"works":0,"evidence":[]}]}`, rec.Body.String())
	})
}

func TestHealthAndReadiness(t *testing.T) {
	down := errors.New("dial tcp 127.0.0.1:1: connect: connection refused")
	for _, tt := range []struct {
		name       string
		connect    error
		migrations cryo.MigrationState
		migErr     error
		status     int
		code       string
	}{
		{"ready once reachable and migrated", nil, cryo.MigrationState{Applied: []string{"V0001"}, Pending: []string{}}, nil, http.StatusOK, ""},
		{"Neo4j unreachable is a 503 with a reason", cryo.Unavailable("Neo4j cannot be reached", down), cryo.MigrationState{}, nil, http.StatusServiceUnavailable, "neo4j_unreachable"},
		{"an unreadable migration state is a 503", nil, cryo.MigrationState{}, cryo.Unavailable("timeout", nil), http.StatusServiceUnavailable, "migrations_unknown"},
		{"pending migrations are a 503", nil, cryo.MigrationState{Applied: []string{"V0001"}, Pending: []string{"V0002"}}, nil, http.StatusServiceUnavailable, "migrations_pending"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &mock.ReadinessChecker{
				VerifyConnectivityFn: func(context.Context) error { return tt.connect },
				MigrationsFn:         func(context.Context) (cryo.MigrationState, error) { return tt.migrations, tt.migErr },
			}
			h := newServer(t, httpapi.Deps{Ready: r, Version: "test"})
			rec := get(t, h, "/healthz")
			assert.Equal(t, http.StatusOK, rec.Code, "health does not depend on Neo4j")
			assert.JSONEq(t, `{"status":"ok","version":"test"}`, rec.Body.String())

			rec = get(t, h, "/readyz")
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			if tt.code == "" {
				assert.JSONEq(t, `{"status":"ready","migrations":["V0001"]}`, rec.Body.String())
				return
			}
			assert.Equal(t, tt.code, errorOf(t, rec).Code)
			assert.Contains(t, decodeMap(t, rec), "status")
			assert.NotContains(t, rec.Body.String(), "127.0.0.1", "the cause is not sent")
		})
	}
}
