package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func errorOf(t *testing.T, rec *httptest.ResponseRecorder) httpapi.ErrorDetail {
	t.Helper()
	var body httpapi.ErrorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), "error bodies are JSON: %s", rec.Body)
	require.NotEmpty(t, body.Error.Code)
	require.NotEmpty(t, body.Error.Message)
	return body.Error
}

// failingFinder stands in for the store only to provoke an internal error.
type failingFinder struct{ err error }

func (f failingFinder) ExpertsByTopic(context.Context, cryo.ExpertQuery) (cryo.ExpertResult, error) {
	return cryo.ExpertResult{}, f.err
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	secret := errors.New("Neo.ClientError.Statement.SyntaxError at bolt://10.0.0.7:7687 password=hunter2")
	for name, finder := range map[string]failingFinder{
		"plain error": {secret},
		"panic":       {nil},
	} {
		t.Run(name, func(t *testing.T) {
			var h http.Handler
			if finder.err == nil {
				h = newServer(t, httpapi.Deps{Experts: panicky{}, AnonymousRead: true})
			} else {
				h = newServer(t, httpapi.Deps{Experts: finder, AnonymousRead: true})
			}
			rec := get(t, h, "/api/v1/experts?topic=x")
			assert.Equal(t, http.StatusInternalServerError, rec.Code)
			e := errorOf(t, rec)
			assert.Equal(t, "internal", e.Code)
			for _, leak := range []string{"Neo", "bolt", "hunter2", "10.0.0.7", "goroutine", "panic"} {
				assert.NotContains(t, rec.Body.String(), leak)
			}
		})
	}
}

type panicky struct{}

func (panicky) ExpertsByTopic(context.Context, cryo.ExpertQuery) (cryo.ExpertResult, error) {
	panic("boom at /internal/secret/path.go:42")
}

func TestNewServerServesTheUIOutsideTheAPI(t *testing.T) {
	ui := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>CryoGraph</title>")}}
	h := newServer(t, httpapi.Deps{UI: ui, AnonymousRead: true})
	rec := get(t, h, "/people/person:xu_yi")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "<title>CryoGraph</title>")
	rec = get(t, h, "/api/v1/nothing")
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Equal(t, "not_found", errorOf(t, rec).Code)
}

// newServer is httpapi.NewServer with every answer checked against openapi.yaml.
func newServer(t testing.TB, d httpapi.Deps) http.Handler {
	t.Helper()
	return httpapi.CheckResponses(t, httpapi.NewServer(d))
}
