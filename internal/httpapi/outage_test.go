package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// breaker is a DBHealth the test switches by hand.
type breaker struct {
	mu       sync.Mutex
	down     bool
	observed []error
}

func (b *breaker) Down() (bool, time.Time, string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.down, time.Now().Add(-time.Second), "connection refused"
}

func (b *breaker) Observe(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.observed = append(b.observed, err)
}

func (b *breaker) set(down bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.down = down
}

// Issue 25, item 3: while Neo4j is known to be down, requests fail at once (503 with
// Retry-After, well under 100 ms, where each waited 5-7 s for the driver's retries) without
// reaching the graph, and /readyz says so at once; once it is back, both answer again.
func TestWhileNeo4jIsDownRequestsFailFast(t *testing.T) {
	asked := 0
	finder := &mock.ExpertFinder{ExpertsByTopicFn: func(_ context.Context, q cryo.ExpertQuery) (cryo.ExpertResult, error) {
		asked++
		return cryo.ExpertResult{Topics: []cryo.Ref{}, Limit: q.Limit, Experts: []cryo.Expert{}}, nil
	}}
	b := &breaker{down: true}
	h := newServer(t, httpapi.Deps{Experts: finder, AnonymousRead: true, Ready: ready(), Health: b})
	start := time.Now()
	rec := get(t, h, "/api/v1/experts?topic=x")
	took := time.Since(start)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Equal(t, "1", rec.Header().Get("Retry-After"))
	assert.Contains(t, errorOf(t, rec).Message, "unreachable")
	assert.Less(t, took, 100*time.Millisecond)
	assert.Zero(t, asked, "the graph is not asked while it is down")

	rec = get(t, h, "/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Contains(t, rec.Body.String(), "neo4j_unreachable")

	b.set(false)
	assert.Equal(t, http.StatusOK, get(t, h, "/api/v1/experts?topic=x").Code)
	assert.Equal(t, http.StatusOK, get(t, h, "/readyz").Code)
	assert.Equal(t, 1, asked)
}

// The errors requests meet feed the breaker, and a request that cannot be answered meets its
// deadline instead of hanging.
func TestRequestsFeedTheBreakerAndHaveADeadline(t *testing.T) {
	cause := errors.New("connect: connection refused")
	finder := &mock.ExpertFinder{ExpertsByTopicFn: func(ctx context.Context, _ cryo.ExpertQuery) (cryo.ExpertResult, error) {
		dl, ok := ctx.Deadline()
		if !ok || time.Until(dl) > httpapi.RequestDeadline {
			return cryo.ExpertResult{}, errors.New("no deadline")
		}
		return cryo.ExpertResult{}, cryo.Unavailable("the graph database is unavailable; try again shortly", cause)
	}}
	b := &breaker{}
	h := newServer(t, httpapi.Deps{Experts: finder, AnonymousRead: true, Health: b})
	rec := get(t, h, "/api/v1/experts?topic=x")
	require.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
	require.Len(t, b.observed, 1)
	assert.ErrorIs(t, b.observed[0], cause)
}
