package bench

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitRequestsGivesEveryRequestToOnePart(t *testing.T) {
	for _, c := range []struct{ n, k int }{{200, 10}, {1001, 6}, {3, 10}, {0, 2}} {
		parts := splitRequests(c.n, c.k)
		assert.Len(t, parts, c.k)
		sum, lo, hi := 0, c.n, 0
		for _, p := range parts {
			sum += p
			lo, hi = min(lo, p), max(hi, p)
		}
		assert.Equal(t, c.n, sum, "%d in %d parts", c.n, c.k)
		assert.LessOrEqual(t, hi-lo, 1, "%d in %d parts: sizes differ by one at most", c.n, c.k)
	}
}

// A case without Cypher (the HTTP floor) is timed through the API alone, every request
// counted, with this process's and the machine's CPU, and the answers' size.
func TestACaseWithoutCypherHasNoRawSide(t *testing.T) {
	var served, asGzip, withToken atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.Header.Get("Accept-Encoding") == "gzip" {
			asGzip.Add(1)
		}
		if r.Header.Get("Authorization") == "Bearer secret" {
			withToken.Add(1)
		}
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	}))
	defer srv.Close()
	var log bytes.Buffer
	res, err := APIBench(context.Background(), nil, srv.URL, Client{Token: "secret", AcceptGzip: true}, []Case{{Name: "http floor", Method: "GET", Path: "/healthz"}},
		[]int{1, 4}, 64, 2, []string{"api", "raw"}, &log)
	require.NoError(t, err)
	require.Len(t, res, 2, "one result per concurrency, the API side only")
	for i, l := range res {
		assert.Equal(t, "api", l.Side)
		assert.Equal(t, []int{1, 4}[i], l.Concurrency)
		assert.Equal(t, 64, l.Requests)
		assert.Greater(t, l.Throughput, 0.0)
		assert.GreaterOrEqual(t, l.MachineCPUPerRequest, 0.0)
		assert.EqualValues(t, len(`{"status":"ok"}`), l.AnswerBytes)
	}
	assert.EqualValues(t, warmUpCalls+2*64, served.Load(), "warmed up once, then 64 at each concurrency")
	assert.Equal(t, served.Load(), asGzip.Load(), "every request asks for gzip, as a browser does")
	assert.Equal(t, served.Load(), withToken.Load(), "every request carries the token")
	assert.Contains(t, log.String(), "on the machine")
}

// machineCPU reads /proc/stat: it grows while this process works.
func TestMachineCPUGrowsWithWork(t *testing.T) {
	if _, err := os.Stat("/proc/stat"); err != nil {
		t.Skip("no /proc/stat here")
	}
	before := machineCPU()
	require.Greater(t, before, time.Duration(0))
	for start := time.Now(); time.Since(start) < 100*time.Millisecond; {
	}
	assert.Greater(t, machineCPU(), before)
}
