package orcid_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/ingest/orcid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A local server replays the recorded record: first a 429 with Retry-After, then a 503,
// then the record; the fetcher retries and the record reads.
func TestFetch_RetriesThenReads(t *testing.T) {
	body, err := os.ReadFile(carberry)
	require.NoError(t, err)
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/v3.0/0000-0002-1825-0097/record", r.URL.Path)
		assert.Equal(t, "application/json", r.Header.Get("Accept"))
		switch calls.Add(1) {
		case 1:
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		case 2:
			w.WriteHeader(http.StatusServiceUnavailable)
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(body)
		}
	}))
	defer srv.Close()
	f := orcid.Fetcher{Base: srv.URL + "/v3.0", Wait: time.Millisecond}
	in, err := f.Fetch(context.Background(), "https://orcid.org/0000-0002-1825-0097")
	require.NoError(t, err)
	assert.Equal(t, int32(3), calls.Load())
	recs, err := records(t, in)
	require.NoError(t, err)
	require.Len(t, recs, 1)
	assert.Equal(t, "Carberry", recs[0].FamilyName)

	t.Run("a 404 is final", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		defer srv.Close()
		_, err := orcid.Fetcher{Base: srv.URL, Wait: time.Millisecond}.Fetch(context.Background(), "0000-0002-1825-0097")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "HTTP 404")
	})
	t.Run("a bad checksum is not asked", func(t *testing.T) {
		_, err := orcid.Fetcher{Base: "http://127.0.0.1:1"}.Fetch(context.Background(), "0000-0002-1825-0098")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "bad check character")
	})
	t.Run("a truncated answer is a shape error", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(body[:1000]) }))
		defer srv.Close()
		in, err := orcid.Fetcher{Base: srv.URL}.Fetch(context.Background(), "0000-0002-1825-0097")
		require.NoError(t, err)
		_, err = records(t, in)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "truncated")
	})
}
