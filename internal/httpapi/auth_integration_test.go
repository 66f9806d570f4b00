//go:build integration

package httpapi_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// issue stores a new token with role and returns its plaintext; it is named after the role.
func issue(t *testing.T, st *store.Store, role cryo.Role) string {
	t.Helper()
	return issueWith(t, st, role.String()+" token", role, 0, time.Now())
}

func issueWith(t *testing.T, st *store.Store, name string, role cryo.Role, ttl time.Duration, at time.Time) string {
	t.Helper()
	tok, plain, err := auth.New(name, role, ttl, at)
	require.NoError(t, err)
	require.NoError(t, st.CreateToken(context.Background(), tok))
	return plain
}

func TestAuthenticationAndRoles(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := newServer(t, httpapi.Deps{Experts: st, Resolver: st, Merger: st, ImportSink: st,
		Tokens: st, Auditor: st, AuditLog: st, AnonymousRead: true})

	viewer, analyst, editor, admin := issue(t, st, cryo.RoleViewer), issue(t, st, cryo.RoleAnalyst),
		issue(t, st, cryo.RoleEditor), issue(t, st, cryo.RoleAdmin)
	expired := issueWith(t, st, "expired", cryo.RoleAdmin, time.Minute, time.Now().Add(-time.Hour))
	revoked := issueWith(t, st, "revoked", cryo.RoleAdmin, 0, time.Now())
	id, secret, err := auth.Parse(revoked)
	require.NoError(t, err)
	_, err = st.RevokeToken(context.Background(), id, time.Now())
	require.NoError(t, err)
	wrongSecret := auth.Format(id, strings.Repeat("0", len(secret)))
	unknown := auth.Format("0123456789abcdef", secret)

	const (
		read  = "GET /api/v1/experts?topic=cryomedicine"
		merge = "POST /api/v1/merges"
		audit = "GET /api/v1/audit"
	)
	tests := []struct {
		name   string
		route  string
		header string // the whole Authorization header; "" sends none
		status int
		code   string
		msg    string // part of the message
	}{
		{"anonymous read is allowed", read, "", http.StatusOK, "", ""},
		{"a viewer token reads", read, "Bearer " + viewer, http.StatusOK, "", ""},
		{"the scheme is case-insensitive", read, "bearer " + viewer, http.StatusOK, "", ""},
		{"an editor merges (the body is then checked)", merge, "Bearer " + editor, http.StatusBadRequest, "invalid_argument", ""},
		{"an admin reads the audit log", audit, "Bearer " + admin, http.StatusOK, "", ""},

		{"a missing token on a write is 401", merge, "", http.StatusUnauthorized, "unauthenticated", "needs the editor role"},
		{"a missing token on the audit log is 401", audit, "", http.StatusUnauthorized, "unauthenticated", "needs the admin role"},
		{"a non-bearer scheme is 401", read, "Basic bmVvNGo6eA==", http.StatusUnauthorized, "unauthenticated", "Bearer <token>"},
		{"an empty bearer is 401", read, "Bearer ", http.StatusUnauthorized, "unauthenticated", "Bearer <token>"},
		{"a malformed token is 401 even on a public read", read, "Bearer hello", http.StatusUnauthorized, "unauthenticated", "malformed"},
		{"an unknown token is 401", merge, "Bearer " + unknown, http.StatusUnauthorized, "unauthenticated", "not valid"},
		{"a wrong secret is 401, said like an unknown token", merge, "Bearer " + wrongSecret, http.StatusUnauthorized, "unauthenticated", "not valid"},
		{"an expired token is 401", merge, "Bearer " + expired, http.StatusUnauthorized, "unauthenticated", "expired"},
		{"a revoked token is 401", merge, "Bearer " + revoked, http.StatusUnauthorized, "unauthenticated", "revoked"},

		{"a viewer may not merge: 403", merge, "Bearer " + viewer, http.StatusForbidden, "forbidden", "needs the editor role; token viewer token has the viewer role"},
		{"an analyst may not merge: 403", merge, "Bearer " + analyst, http.StatusForbidden, "forbidden", "needs the editor role; token analyst token has the analyst role"},
		{"an editor may not read the audit log: 403", audit, "Bearer " + editor, http.StatusForbidden, "forbidden", "needs the admin role; token editor token has the editor role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method, target, _ := strings.Cut(tt.route, " ")
			req := httptest.NewRequest(method, target, strings.NewReader(`{}`))
			req.Header.Set("Content-Type", "application/json")
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			if tt.code == "" {
				return
			}
			e := errorOf(t, rec)
			assert.Equal(t, tt.code, e.Code)
			assert.Contains(t, e.Message, tt.msg)
			if tt.status == http.StatusUnauthorized {
				assert.True(t, strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer"))
			}
		})
	}

	t.Run("an unknown token and a wrong secret get the same answer", func(t *testing.T) {
		a := send(t, h, http.MethodPost, "/api/v1/merges", unknown, "application/json", "{}")
		b := send(t, h, http.MethodPost, "/api/v1/merges", wrongSecret, "application/json", "{}")
		assert.Equal(t, errorOf(t, a).Message, errorOf(t, b).Message)
	})
	t.Run("the merge is recorded under the token's name", func(t *testing.T) {
		neo4jtest.LoadDemo(t, st) // the merge below must find both people
		editor := issueWith(t, st, "Ed Itor", cryo.RoleEditor, 0, time.Now())
		rec := send(t, h, http.MethodPost, "/api/v1/merges", editor, "application/json",
			`{"keep":"person:zhao_gang","absorb":"person:xu_yi","reason":"test"}`)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		assert.Equal(t, "Ed Itor", decodeMap(t, rec)["by"])
	})
}

func TestAnonymousReadCanBeTurnedOff(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	viewer := issue(t, st, cryo.RoleViewer)
	for _, tt := range []struct {
		name          string
		anonymousRead bool
		token         string
		status        int
	}{
		{"on: no token reads", true, "", http.StatusOK},
		{"off: no token is 401", false, "", http.StatusUnauthorized},
		{"off: a viewer token reads", false, viewer, http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newServer(t, httpapi.Deps{Experts: st, Ready: st, Tokens: st, AnonymousRead: tt.anonymousRead})
			rec := send(t, h, http.MethodGet, "/api/v1/experts?topic=cryomedicine", tt.token, "", "")
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			if tt.status == http.StatusUnauthorized {
				assert.Equal(t, "unauthenticated", errorOf(t, rec).Code)
				assert.Contains(t, errorOf(t, rec).Message, "authentication required")
			}
			assert.Equal(t, http.StatusOK, get(t, h, "/healthz").Code, "health stays open")
			assert.Equal(t, http.StatusOK, get(t, h, "/readyz").Code, "readiness stays open")
		})
	}
}

func TestRateLimitGives429WithRetryAfter(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := newServer(t, httpapi.Deps{Experts: st, Tokens: st, AnonymousRead: true,
		RateLimits: httpapi.RateLimits{General: httpapi.RateLimit{PerSecond: 1, Burst: 1}}}) // a token a second: the test cannot outrun a refill on a slow machine
	a, b := issue(t, st, cryo.RoleViewer), issue(t, st, cryo.RoleViewer)
	call := func(token, ip, forwardedFor string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/experts?topic=cryomedicine", nil)
		req.RemoteAddr = ip + ":40000"
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if forwardedFor != "" {
			req.Header.Set("X-Forwarded-For", forwardedFor)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}

	require.Equal(t, http.StatusOK, call(a, "192.0.2.1", "").Code)
	rec := call(a, "192.0.2.2", "")
	require.Equal(t, http.StatusTooManyRequests, rec.Code, "one bucket per token, wherever it calls from")
	assert.Equal(t, "rate_limited", errorOf(t, rec).Code)
	assert.Equal(t, "1", rec.Header().Get("Retry-After"))

	assert.Equal(t, http.StatusOK, call(b, "192.0.2.1", "").Code, "another token has its own bucket")

	require.Equal(t, http.StatusOK, call("", "198.51.100.1", "").Code)
	assert.Equal(t, http.StatusTooManyRequests, call("", "198.51.100.1", "").Code, "anonymous callers are limited by IP")
	assert.Equal(t, http.StatusTooManyRequests, call("", "198.51.100.1", "203.0.113.9").Code,
		"X-Forwarded-For from an untrusted peer does not buy a new bucket")
	assert.Equal(t, http.StatusOK, call("", "198.51.100.2", "").Code, "another IP has its own bucket")

	time.Sleep(1100 * time.Millisecond) // 1/s refills one request in 1 s
	assert.Equal(t, http.StatusOK, call(a, "192.0.2.1", "").Code, "the bucket refills")
}

func TestBodyCapGives413(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := newServer(t, httpapi.Deps{Merger: st, ImportSink: st, Tokens: st, MaxBodyBytes: 64})
	editor := issue(t, st, cryo.RoleEditor)
	big := `{"keep":"person:a","absorb":"person:b","reason":"` + strings.Repeat("x", 100) + `"}`

	t.Run("a body with a Content-Length over the cap", func(t *testing.T) {
		rec := send(t, h, http.MethodPost, "/api/v1/merges", editor, "application/json", big)
		require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, rec.Body.String())
		assert.Equal(t, "too_large", errorOf(t, rec).Code)
	})
	t.Run("a streamed body that turns out too long", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/merges", io.NopCloser(strings.NewReader(big)))
		req.ContentLength = -1
		req.Header.Set("Authorization", "Bearer "+editor)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, rec.Body.String())
		assert.Equal(t, "too_large", errorOf(t, rec).Code)
	})
	t.Run("a body under the cap goes through", func(t *testing.T) {
		rec := send(t, h, http.MethodPost, "/api/v1/merges", editor, "application/json", `{"keep":"person:a","absorb":"person:b"}`)
		assert.Equal(t, http.StatusBadRequest, rec.Code, "reason missing: the handler saw the body")
	})
	t.Run("imports have their own larger cap", func(t *testing.T) {
		file := `{"type":"source","id":"src:big","url":"https://example.org/big","title":"` + strings.Repeat("x", 200) + `"}`
		rec := send(t, h, http.MethodPost, "/api/v1/imports?dry_run=true", editor, "application/x-ndjson", file)
		assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	})
}

func TestWritesAreAuditedAndListedForAdmins(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := newServer(t, httpapi.Deps{Experts: st, Merger: st, ImportSink: st, Tokens: st, Auditor: st, AuditLog: st, AnonymousRead: true})
	editor := issueWith(t, st, "curator", cryo.RoleEditor, 0, time.Now())
	viewer := issueWith(t, st, "reader", cryo.RoleViewer, 0, time.Now())
	admin := issue(t, st, cryo.RoleAdmin)
	editorID, _, _ := auth.Parse(editor)

	rec := send(t, h, http.MethodPost, "/api/v1/imports?name=audit-test", editor, "application/x-ndjson",
		`{"type":"source","id":"src:a","url":"https://example.org/a","title":"A"}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	rec = send(t, h, http.MethodPost, "/api/v1/merges", editor, "application/json", `{"keep":"person:a","absorb":"person:b","reason":"r"}`)
	require.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	rec = send(t, h, http.MethodPost, "/api/v1/merges", viewer, "application/json", `{}`)
	require.Equal(t, http.StatusForbidden, rec.Code)
	require.Equal(t, http.StatusUnauthorized, send(t, h, http.MethodPost, "/api/v1/merges", "", "application/json", `{}`).Code)
	require.Equal(t, http.StatusOK, get(t, h, "/api/v1/merges").Code)

	rec = send(t, h, http.MethodGet, "/api/v1/audit", admin, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var body struct {
		Events []cryo.AuditEntry `json:"events"`
		Limit  int               `json:"limit"`
	}
	decodeInto(t, rec, &body)
	require.Len(t, body.Events, 3, "writes that passed authentication; reads and anonymous 401s are not recorded: %+v", body.Events)
	byAction := map[string]cryo.AuditEntry{}
	for _, e := range body.Events {
		byAction[e.Action+"/"+e.Who] = e
	}
	imp := byAction["import/curator"]
	assert.Equal(t, editorID, imp.TokenID)
	assert.Equal(t, "ok", imp.Outcome)
	assert.Contains(t, imp.What, "POST /api/v1/imports?name=audit-test")
	assert.Contains(t, imp.What, "bytes)")
	assert.WithinDuration(t, time.Now(), imp.At, time.Minute)
	m := byAction["merge/curator"]
	assert.Equal(t, "not_found", m.Outcome)
	assert.Contains(t, m.What, `"absorb":"person:b"`, "the JSON body says what was asked")
	assert.Equal(t, "forbidden", byAction["merge/reader"].Outcome, "refusals are recorded too")

	t.Run("newest first, paginated", func(t *testing.T) {
		rec := send(t, h, http.MethodGet, "/api/v1/audit?limit=1&offset=1", admin, "", "")
		require.Equal(t, http.StatusOK, rec.Code)
		var page struct {
			Events []cryo.AuditEntry `json:"events"`
		}
		decodeInto(t, rec, &page)
		require.Len(t, page.Events, 1)
		assert.Equal(t, body.Events[1], page.Events[0])
		assert.False(t, body.Events[0].At.Before(body.Events[1].At))
	})
	t.Run("a bad limit is a 400", func(t *testing.T) {
		rec := send(t, h, http.MethodGet, "/api/v1/audit?limit=1000", admin, "", "")
		assert.Equal(t, "limit", errorOf(t, rec).Field)
	})
}
