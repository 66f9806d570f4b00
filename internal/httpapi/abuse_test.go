package httpapi_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 25, item 5: an offset near 2^31 was a 500 on /experts and /duplicates; every paged
// endpoint now bounds it with a 400 that names the field (and openapi.yaml says maximum).
func TestAHugeOffsetIsA400(t *testing.T) {
	finder, _ := experts()
	resolver := &mock.Resolver{DuplicatesFn: func(_ context.Context, _ string, p cryo.Page) (cryo.DuplicateResult, error) {
		return cryo.DuplicateResult{Limit: p.Limit, Offset: p.Offset, Pairs: []cryo.DuplicatePair{}}, nil
	}}
	h := newServer(t, httpapi.Deps{Experts: finder, Resolver: resolver, AnonymousRead: true})
	for _, target := range []string{
		"/api/v1/experts?topic=x&offset=2147483647",
		"/api/v1/experts?topic=x&offset=2147483648",
		"/api/v1/duplicates?offset=2147483600",
		"/api/v1/duplicates?offset=1000001",
	} {
		rec := get(t, h, target)
		require.Equal(t, http.StatusBadRequest, rec.Code, "%s: %s", target, rec.Body)
		assert.Contains(t, errorOf(t, rec).Message, "offset", target)
	}
	assert.Equal(t, http.StatusOK, get(t, h, "/api/v1/duplicates?offset=1000000").Code)
	assert.Error(t, (&cryo.Page{Offset: cryo.MaxOffset + 1}).Validate(), "the domain bounds it too (the CLI)")
}

// Issue 25, item 7: API answers are nosniff and not stored by caches; the map keeps its ETag
// and no-cache.
func TestAPIAnswersAreNosniffAndNoStore(t *testing.T) {
	finder, _ := experts()
	h := newServer(t, httpapi.Deps{Experts: finder, AnonymousRead: true, Ready: ready()})
	for _, target := range []string{"/api/v1/experts?topic=x", "/api/v1/experts", "/api/v1/nothing", "/readyz", "/api/openapi.json"} {
		rec := get(t, h, target)
		assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"), target)
		assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"), target)
	}
}

// Issue 25, item 6: failed authentication is limited per IP (429 with Retry-After, before any
// lookup), and a malformed token costs no lookup at all.
func TestFailedAuthenticationIsRateLimited(t *testing.T) {
	ts := newTokens()
	finder, _ := experts()
	h := newServer(t, httpapi.Deps{Experts: finder, Tokens: ts.store(), AnonymousRead: true})
	codes := map[int]int{}
	for i := 0; i < 300; i++ {
		// well-formed but unknown tokens: each would cost a lookup
		tok := fmt.Sprintf("cg_%016x_%064x", i, i)
		rec := do(t, h, http.MethodGet, "/api/v1/experts?topic=x", tok, "", "")
		codes[rec.Code]++
		if rec.Code == http.StatusTooManyRequests {
			assert.NotEmpty(t, rec.Header().Get("Retry-After"))
		}
	}
	assert.Equal(t, httpapi.DefaultFailedAuthLimit.Burst, codes[http.StatusUnauthorized], "%v", codes)
	assert.Equal(t, 300-httpapi.DefaultFailedAuthLimit.Burst, codes[http.StatusTooManyRequests], "%v", codes)
	ts.mu.Lock()
	assert.LessOrEqual(t, ts.lookups, httpapi.DefaultFailedAuthLimit.Burst, "the limited requests looked nothing up")
	ts.mu.Unlock()

	// Another address is not held back, and a malformed token is refused by its shape.
	req := httptest.NewRequest(http.MethodGet, "/api/v1/experts?topic=x", nil)
	req.RemoteAddr = "198.51.100.7:1234"
	req.Header.Set("Authorization", "Bearer cg_not-a-token")
	rec := httptest.NewRecorder()
	before := ts.lookups
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	assert.Equal(t, before, ts.lookups, "a malformed token is not looked up")

	// Anonymous reading from the limited address still works: only tokens are held back.
	assert.Equal(t, http.StatusOK, get(t, h, "/api/v1/experts?topic=x").Code)
}

// Issue 25, item 7: a client that hangs up is logged at info as canceled (499), not as an
// ERROR with status 500.
func TestAClientThatHangsUpIsNoServerError(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx, cancel := context.WithCancel(context.Background())
	finder := &mock.ExpertFinder{ExpertsByTopicFn: func(ctx context.Context, _ cryo.ExpertQuery) (cryo.ExpertResult, error) {
		cancel() // the client goes while the graph is asked
		<-ctx.Done()
		return cryo.ExpertResult{}, fmt.Errorf("query experts: %w", ctx.Err())
	}}
	h := httpapi.NewServer(httpapi.Deps{Experts: finder, AnonymousRead: true, Logger: log})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/experts?topic=x", nil).WithContext(ctx))
	assert.Equal(t, httpapi.StatusClientClosedRequest, rec.Code)
	assert.NotContains(t, logs.String(), "level=ERROR")
	assert.NotContains(t, logs.String(), "status=500")
	assert.Contains(t, logs.String(), "canceled by the client")
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		assert.NotContains(t, line, "level=WARN", "nothing the server must look into")
	}
}

// Issue 25, items 1 and 2: the console's refusals. A query cut by its timeout or memory cap is
// 422 (never 503, which invites a retry); a full console is 429 and a paused one 503, each
// with Retry-After and the reason.
func TestTheConsoleSaysWhyItRefuses(t *testing.T) {
	ts := newTokens()
	analystToken := ts.role(t, cryo.RoleAnalyst)
	for _, tc := range []struct {
		code   string
		status int
		retry  bool
	}{
		{analyst.CodeTimeout, http.StatusUnprocessableEntity, false},
		{analyst.CodeMemory, http.StatusUnprocessableEntity, false},
		{analyst.CodeBusy, http.StatusTooManyRequests, true},
		{analyst.CodeStuck, http.StatusServiceUnavailable, true},
	} {
		runner := &mock.CypherRunner{RunCypherFn: func(context.Context, analyst.Request) (*analyst.Result, error) {
			return nil, &analyst.Error{Code: tc.code, Message: "because " + tc.code}
		}}
		h := newServer(t, httpapi.Deps{Cypher: runner, Tokens: ts.store()})
		rec := do(t, h, http.MethodPost, "/api/v1/cypher", analystToken, "application/json", `{"query": "RETURN 1"}`)
		require.Equal(t, tc.status, rec.Code, tc.code)
		assert.Contains(t, rec.Body.String(), "because "+tc.code)
		if tc.retry {
			assert.NotEmpty(t, rec.Header().Get("Retry-After"), tc.code)
		}
	}
}
