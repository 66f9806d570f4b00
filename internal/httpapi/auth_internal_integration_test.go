//go:build integration

package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The analyst routes (the Cypher endpoint) are wired by another change; this builds the same
// chain addRoutes gives them, around stand-in handlers, so the role and the stricter limiter
// are tested here already.
func TestAnalystRouteChain(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	issue := func(role cryo.Role) string {
		tok, plain, err := auth.New(role.String()+" token", role, 0, time.Now())
		require.NoError(t, err)
		require.NoError(t, st.CreateToken(ctx, tok))
		return plain
	}
	log := slog.New(slog.DiscardHandler)
	r := gin.New()
	r.Use(errorResponder(log))
	v1 := r.Group("/api/v1", authenticate(auth.NewVerifier(st), true, nil), auditWrites(st, log))
	analyst := v1.Group("", requireRole(cryo.RoleAnalyst), rateLimit(newLimiterSet(RateLimit{PerSecond: 0.001, Burst: 2})))
	analyst.POST("/cypher", func(c *gin.Context) {
		p := principalFrom(c)
		_ = st.Audit(c.Request.Context(), cryo.AuditEntry{Who: p.Name, TokenID: p.TokenID, Action: "cypher", What: "RETURN 1", Rows: 1, Outcome: "ok"})
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
		events, err := st.AuditLog(ctx, cryo.Page{Limit: 50})
		require.NoError(t, err)
		var cypher, other int
		for _, e := range events {
			if e.Action == "cypher" {
				cypher++
			} else {
				other++
			}
		}
		assert.Equal(t, 4, cypher, "two runs each by the analyst and the admin; the 429 ran nothing: %+v", events)
		assert.Equal(t, 1, other, "only the viewer's refusal is recorded by the middleware: %+v", events)
	})
}

// The token cache saves a round trip per request, sees a revocation within tokenCacheTTL,
// never caches an unknown id, and keeps lastUsedAt writes at one per auth.TouchEvery.
func TestTokenCache(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	tok, plain, err := auth.New("cached", cryo.RoleViewer, 0, time.Now())
	require.NoError(t, err)
	require.NoError(t, st.CreateToken(ctx, tok))
	cache := newTokenCache(st)
	now := time.Now()
	cache.now = func() time.Time { return now }
	v := auth.NewVerifier(cache)
	v.Now = cache.now

	_, err = v.Verify(ctx, plain)
	require.NoError(t, err)
	stored, err := st.TokenByID(ctx, tok.ID)
	require.NoError(t, err)
	assert.WithinDuration(t, now, stored.LastUsedAt, time.Second, "the first use is recorded")
	cached, err := cache.TokenByID(ctx, tok.ID)
	require.NoError(t, err)
	assert.WithinDuration(t, now, cached.LastUsedAt, time.Second, "and the cached copy knows it, so the next request does not write")

	_, err = st.RevokeToken(ctx, tok.ID, now)
	require.NoError(t, err)
	_, err = v.Verify(ctx, plain)
	assert.NoError(t, err, "within the TTL the cached token is used")
	now = now.Add(tokenCacheTTL)
	_, err = v.Verify(ctx, plain)
	assert.ErrorIs(t, err, auth.ErrRevoked, "after the TTL the revocation is seen")

	_, err = cache.TokenByID(ctx, "0123456789abcdef")
	assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
	assert.Len(t, cache.entries, 1, "unknown ids are not cached")
}
