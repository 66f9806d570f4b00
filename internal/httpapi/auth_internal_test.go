package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func errorCode(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var body ErrorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
	return body.Error.Code
}

// countingTokens is a token table that counts the lookups and touches reaching it.
type countingTokens struct {
	mu               sync.Mutex
	byID             map[string]auth.Token
	lookups, touches int
}

func (s *countingTokens) mock() *mock.TokenStore {
	return &mock.TokenStore{
		TokenByIDFn: func(_ context.Context, id string) (auth.Token, error) {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.lookups++
			t, ok := s.byID[id]
			if !ok {
				return auth.Token{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: "no token has id " + id}
			}
			return t, nil
		},
		TouchTokenFn: func(_ context.Context, id string, at time.Time) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.touches++
			t := s.byID[id]
			t.LastUsedAt = at
			s.byID[id] = t
			return nil
		},
	}
}

// The token cache's rules over a counting fake: one lookup per TTL, a revocation seen after
// the TTL, unknown ids never cached, lastUsedAt written once per auth.TouchEvery.
func TestTokenCacheOverAFake(t *testing.T) {
	ctx := context.Background()
	tok, plain, err := auth.New("cached", cryo.RoleViewer, 0, time.Now())
	require.NoError(t, err)
	store := &countingTokens{byID: map[string]auth.Token{tok.ID: tok}}
	cache := newTokenCache(store.mock())
	now := time.Now()
	cache.now = func() time.Time { return now }
	v := auth.NewVerifier(cache)
	v.Now = cache.now

	_, err = v.Verify(ctx, plain)
	require.NoError(t, err)
	assert.Equal(t, 1, store.lookups)
	assert.Equal(t, 1, store.touches, "the first use is recorded")
	assert.WithinDuration(t, now, store.byID[tok.ID].LastUsedAt, time.Second)
	cached, err := cache.TokenByID(ctx, tok.ID)
	require.NoError(t, err)
	assert.WithinDuration(t, now, cached.LastUsedAt, time.Second, "and the cached copy knows it, so the next request does not write")

	for range 5 {
		_, err = v.Verify(ctx, plain)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, store.lookups, "within the TTL the store is not asked again")
	assert.Equal(t, 1, store.touches, "nor written")

	store.mu.Lock()
	revoked := store.byID[tok.ID]
	revoked.RevokedAt = now
	store.byID[tok.ID] = revoked
	store.mu.Unlock()
	_, err = v.Verify(ctx, plain)
	assert.NoError(t, err, "within the TTL the cached token is used")
	now = now.Add(tokenCacheTTL)
	_, err = v.Verify(ctx, plain)
	assert.ErrorIs(t, err, auth.ErrRevoked, "after the TTL the revocation is seen")
	assert.Equal(t, 2, store.lookups)

	_, err = cache.TokenByID(ctx, "0123456789abcdef")
	assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
	_, err = cache.TokenByID(ctx, "0123456789abcdef")
	assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
	assert.Equal(t, 4, store.lookups, "unknown ids are asked for every time")
	assert.Len(t, cache.entries, 1, "unknown ids are not cached")

	t.Run("a clock that went back does not trust the entry", func(t *testing.T) {
		before := store.lookups
		now = now.Add(-time.Hour)
		_, _ = cache.TokenByID(ctx, tok.ID)
		assert.Equal(t, before+1, store.lookups)
	})
}

// The analyst route chain (authenticate, role, the stricter limiter, the write audit) over
// fakes: the same checks as TestAnalystRouteChain, without a graph.
func TestAnalystRouteChainOverFakes(t *testing.T) {
	store := &countingTokens{byID: map[string]auth.Token{}}
	issue := func(role cryo.Role) string {
		tok, plain, err := auth.New(role.String()+" token", role, 0, time.Now())
		require.NoError(t, err)
		store.byID[tok.ID] = tok
		return plain
	}
	var mu sync.Mutex
	var entries []cryo.AuditEntry
	auditor := &mock.Auditor{AuditFn: func(_ context.Context, e cryo.AuditEntry) error {
		mu.Lock()
		defer mu.Unlock()
		entries = append(entries, e)
		return nil
	}}
	log := slog.New(slog.DiscardHandler)
	r := gin.New()
	r.Use(errorResponder(log))
	v1 := r.Group("/api/v1", authenticate(auth.NewVerifier(store.mock()), true, nil), auditWrites(auditor, log))
	analyst := v1.Group("", requireRole(cryo.RoleAnalyst), rateLimit(newLimiterSet(RateLimit{PerSecond: 0.001, Burst: 2})))
	analyst.POST("/cypher", func(c *gin.Context) {
		p := principalFrom(c)
		_ = auditor.Audit(c.Request.Context(), cryo.AuditEntry{Who: p.Name, TokenID: p.TokenID, Action: "cypher", What: "RETURN 1", Rows: 1, Outcome: "ok"})
		markAudited(c)
		// An empty result (the spec's CypherResult), with who the handler saw.
		c.JSON(http.StatusOK, gin.H{"columns": []string{}, "rows": [][]any{}, "truncated": false,
			"graph": gin.H{"nodes": []any{}, "relationships": []any{}}, "stats": gin.H{"rows": 0, "ms": 0, "bytes": 0},
			"who": p.Name, "role": p.Role, "actor": c.GetString("actor")})
	})
	checked := CheckResponses(t, r)
	call := func(token string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/cypher", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		checked.ServeHTTP(rec, req)
		return rec
	}
	viewer, analystTok, admin := issue(cryo.RoleViewer), issue(cryo.RoleAnalyst), issue(cryo.RoleAdmin)

	for _, tt := range []struct {
		name   string
		token  string
		status int
	}{
		{"anonymous is 401", "", http.StatusUnauthorized},
		{"a viewer is 403", viewer, http.StatusForbidden},
		{"an analyst passes", analystTok, http.StatusOK},
		{"an admin passes (roles are ordered)", admin, http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.status, call(tt.token).Code)
		})
	}
	t.Run("the handler sees the principal and the actor", func(t *testing.T) {
		var body map[string]any
		require.NoError(t, json.Unmarshal(call(admin).Body.Bytes(), &body))
		assert.Equal(t, map[string]any{"who": "admin token", "role": "admin", "actor": "admin token"},
			map[string]any{"who": body["who"], "role": body["role"], "actor": body["actor"]})
	})
	t.Run("the stricter limiter answers 429 after its burst", func(t *testing.T) {
		require.Equal(t, http.StatusOK, call(analystTok).Code, "the analyst's second call; the burst is 2")
		rec := call(analystTok)
		assert.Equal(t, http.StatusTooManyRequests, rec.Code)
		assert.Equal(t, codeRateLimited, errorCode(t, rec))
		assert.NotEmpty(t, rec.Header().Get("Retry-After"))
	})
	t.Run("a handler that audits itself is not recorded twice", func(t *testing.T) {
		mu.Lock()
		defer mu.Unlock()
		var cypher, other int
		for _, e := range entries {
			if e.Action == "cypher" {
				cypher++
			} else {
				other++
			}
		}
		assert.Equal(t, 4, cypher, "two runs each by the analyst and the admin; the 429 ran nothing: %+v", entries)
		assert.Equal(t, 1, other, "only the viewer's refusal is recorded by the middleware: %+v", entries)
	})
}
