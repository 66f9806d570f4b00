package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decodeInto(t *testing.T, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), v), rec.Body.String())
}

// curationFakes are a Merger, Resolver and import Sink that answer without a graph; the merge
// records who asked.
func curationFakes() (*mock.Merger, *mock.Resolver, *mock.RefreshingSink) {
	m := &mock.Merger{
		MergeFn: func(_ context.Context, req cryo.MergeRequest) (cryo.Merge, error) {
			return cryo.Merge{ID: "merge:1", Keep: req.Keep, Absorbed: req.Absorb, Reason: req.Reason, By: req.By, At: "2025-01-01T00:00:00Z", AddedName: []string{}}, nil
		},
		MergesFn: func(context.Context, cryo.Page) ([]cryo.Merge, error) { return []cryo.Merge{}, nil },
	}
	r := &mock.Resolver{}
	return m, r, (&sink{}).mock()
}

func TestAuthenticationAndRolesOverFakes(t *testing.T) {
	ts := newTokens()
	finder, _ := experts()
	merger, resolver, imports := curationFakes()
	log := &audits{}
	h := newServer(t, httpapi.Deps{Experts: finder, Resolver: resolver, Merger: merger, ImportSink: imports,
		Tokens: ts.store(), Auditor: log.auditor(), AuditLog: &mock.AuditLogReader{AuditLogFn: func(context.Context, cryo.Page) ([]cryo.AuditEntry, error) {
			return []cryo.AuditEntry{}, nil
		}}, AnonymousRead: true})

	viewer, analyst, editor, admin := ts.role(t, cryo.RoleViewer), ts.role(t, cryo.RoleAnalyst), ts.role(t, cryo.RoleEditor), ts.role(t, cryo.RoleAdmin)
	expired := ts.issue(t, "expired", cryo.RoleAdmin, time.Minute, time.Now().Add(-time.Hour))
	revoked := ts.issue(t, "revoked", cryo.RoleAdmin, 0, time.Now())
	ts.revoke(t, revoked)
	id, secret, err := auth.Parse(revoked)
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
		assert.Equal(t, a.Header().Get("WWW-Authenticate"), b.Header().Get("WWW-Authenticate"))
	})
	t.Run("the merge is recorded under the token's name", func(t *testing.T) {
		editor := ts.issue(t, "Ed Itor", cryo.RoleEditor, 0, time.Now())
		rec := send(t, h, http.MethodPost, "/api/v1/merges", editor, "application/json",
			`{"keep":"person:zhao_gang","absorb":"person:xu_yi","reason":"test"}`)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		assert.Equal(t, "Ed Itor", decodeMap(t, rec)["by"])
	})
	t.Run("a token store that cannot be reached is a 503, not a 401", func(t *testing.T) {
		ts.mu.Lock()
		ts.err = cryo.Unavailable("Neo4j cannot be reached", nil)
		ts.mu.Unlock()
		defer func() { ts.mu.Lock(); ts.err = nil; ts.mu.Unlock() }()
		other := httpapi.CheckResponses(t, httpapi.NewServer(httpapi.Deps{Experts: finder, Tokens: ts.store(), AnonymousRead: true}))
		rec := send(t, other, http.MethodGet, "/api/v1/experts?topic=x", viewer, "", "")
		require.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
		assert.Equal(t, "unavailable", errorOf(t, rec).Code)
		assert.Empty(t, rec.Header().Get("WWW-Authenticate"))
	})
	t.Run("without a token store every token is refused", func(t *testing.T) {
		noStore := newServer(t, httpapi.Deps{Experts: finder, AnonymousRead: true})
		rec := send(t, noStore, http.MethodGet, "/api/v1/experts?topic=x", viewer, "", "")
		require.Equal(t, http.StatusUnauthorized, rec.Code)
		assert.Equal(t, http.StatusOK, get(t, noStore, "/api/v1/experts?topic=x").Code, "anonymous reading still works")
	})
}

func TestAnonymousReadCanBeTurnedOffOverFakes(t *testing.T) {
	ts := newTokens()
	finder, _ := experts()
	viewer := ts.role(t, cryo.RoleViewer)
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
			h := newServer(t, httpapi.Deps{Experts: finder, Ready: ready(), Tokens: ts.store(), AnonymousRead: tt.anonymousRead})
			rec := send(t, h, http.MethodGet, "/api/v1/experts?topic=cryomedicine", tt.token, "", "")
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			if tt.status == http.StatusUnauthorized {
				assert.Equal(t, "unauthenticated", errorOf(t, rec).Code)
				assert.Contains(t, errorOf(t, rec).Message, "authentication required")
				assert.Equal(t, `Bearer realm="cryograph"`, rec.Header().Get("WWW-Authenticate"))
			}
			assert.Equal(t, http.StatusOK, get(t, h, "/healthz").Code, "health stays open")
			assert.Equal(t, http.StatusOK, get(t, h, "/readyz").Code, "readiness stays open")
			assert.Equal(t, http.StatusOK, get(t, h, "/api/openapi.json").Code, "the API description stays open")
		})
	}
}

func TestRateLimitGives429WithRetryAfterOverFakes(t *testing.T) {
	ts := newTokens()
	finder, _ := experts()
	h := newServer(t, httpapi.Deps{Experts: finder, Tokens: ts.store(), AnonymousRead: true,
		RateLimits: httpapi.RateLimits{General: httpapi.RateLimit{PerSecond: 1, Burst: 1}}}) // a token a second: the test cannot outrun a refill on a slow machine
	a, b := ts.role(t, cryo.RoleViewer), ts.role(t, cryo.RoleViewer)
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

	t.Run("a trusted proxy's X-Forwarded-For names the caller", func(t *testing.T) {
		h := newServer(t, httpapi.Deps{Experts: finder, AnonymousRead: true, TrustedProxies: []string{"192.0.2.254"},
			RateLimits: httpapi.RateLimits{General: httpapi.RateLimit{PerSecond: 0.001, Burst: 1}}})
		call := func(forwardedFor string) int {
			req := httptest.NewRequest(http.MethodGet, "/api/v1/experts?topic=x", nil)
			req.RemoteAddr = "192.0.2.254:40000"
			req.Header.Set("X-Forwarded-For", forwardedFor)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec.Code
		}
		assert.Equal(t, http.StatusOK, call("203.0.113.1"))
		assert.Equal(t, http.StatusTooManyRequests, call("203.0.113.1"))
		assert.Equal(t, http.StatusOK, call("203.0.113.2"), "another client behind the proxy has its own bucket")
	})
	t.Run("zero turns the limit off", func(t *testing.T) {
		h := newServer(t, httpapi.Deps{Experts: finder, AnonymousRead: true})
		for range 50 {
			require.Equal(t, http.StatusOK, get(t, h, "/api/v1/experts?topic=x").Code)
		}
	})
}

func TestBodyCapGives413OverFakes(t *testing.T) {
	ts := newTokens()
	merger, _, imports := curationFakes()
	h := newServer(t, httpapi.Deps{Merger: merger, ImportSink: imports, Tokens: ts.store(), MaxBodyBytes: 64})
	editor := ts.role(t, cryo.RoleEditor)
	big := `{"keep":"person:a","absorb":"person:b","reason":"` + strings.Repeat("x", 100) + `"}`

	t.Run("a body with a Content-Length over the cap", func(t *testing.T) {
		rec := send(t, h, http.MethodPost, "/api/v1/merges", editor, "application/json", big)
		require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, rec.Body.String())
		assert.Equal(t, "too_large", errorOf(t, rec).Code)
		assert.Contains(t, errorOf(t, rec).Message, "64 bytes")
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
		assert.Equal(t, "reason", errorOf(t, rec).Field)
	})
	t.Run("imports have their own larger cap", func(t *testing.T) {
		file := `{"type":"source","id":"src:big","url":"https://example.org/big","title":"` + strings.Repeat("x", 200) + `"}`
		rec := send(t, h, http.MethodPost, "/api/v1/imports?dry_run=true", editor, "application/x-ndjson", file)
		assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	})
}

func TestWritesAreAuditedOverFakes(t *testing.T) {
	ts := newTokens()
	log := &audits{}
	finder, _ := experts()
	merger, _, imports := curationFakes()
	merger.MergeFn = func(_ context.Context, req cryo.MergeRequest) (cryo.Merge, error) {
		return cryo.Merge{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "absorb", Message: "no entity has id " + req.Absorb}
	}
	var asked []cryo.Page
	logReader := &mock.AuditLogReader{AuditLogFn: func(_ context.Context, p cryo.Page) ([]cryo.AuditEntry, error) {
		asked = append(asked, p)
		return log.all(), nil
	}}
	h := newServer(t, httpapi.Deps{Experts: finder, Merger: merger, ImportSink: imports, Tokens: ts.store(),
		Auditor: log.auditor(), AuditLog: logReader, AnonymousRead: true})
	editor := ts.issue(t, "curator", cryo.RoleEditor, 0, time.Now())
	viewer := ts.issue(t, "reader", cryo.RoleViewer, 0, time.Now())
	admin := ts.role(t, cryo.RoleAdmin)
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

	events := log.all()
	require.Len(t, events, 3, "writes that passed authentication; reads and anonymous 401s are not recorded: %+v", events)
	byAction := map[string]cryo.AuditEntry{}
	for _, e := range events {
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

	t.Run("admins list the log, paginated", func(t *testing.T) {
		rec := send(t, h, http.MethodGet, "/api/v1/audit", admin, "", "")
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var body struct {
			Events []cryo.AuditEntry `json:"events"`
			Limit  int               `json:"limit"`
			Offset int               `json:"offset"`
		}
		decodeInto(t, rec, &body)
		assert.Len(t, body.Events, 3)
		assert.Equal(t, 20, body.Limit)
		rec = send(t, h, http.MethodGet, "/api/v1/audit?limit=1&offset=1", admin, "", "")
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, []cryo.Page{{Limit: 20}, {Limit: 1, Offset: 1}}, asked)
		assert.Len(t, log.all(), 3, "reads are not audited")
	})
	t.Run("a bad limit is a 400", func(t *testing.T) {
		rec := send(t, h, http.MethodGet, "/api/v1/audit?limit=1000", admin, "", "")
		assert.Equal(t, http.StatusBadRequest, rec.Code)
		assert.Equal(t, "limit", errorOf(t, rec).Field)
	})
	t.Run("a server without an audit log answers 404", func(t *testing.T) {
		h := newServer(t, httpapi.Deps{Tokens: ts.store()})
		rec := send(t, h, http.MethodGet, "/api/v1/audit", admin, "", "")
		assert.Equal(t, http.StatusNotFound, rec.Code)
		assert.Equal(t, "not_found", errorOf(t, rec).Code)
	})
	t.Run("a lost audit record does not change the answer", func(t *testing.T) {
		failing := &mock.Auditor{AuditFn: func(context.Context, cryo.AuditEntry) error { return errors.New("disk full") }}
		h := newServer(t, httpapi.Deps{Merger: merger, Tokens: ts.store(), Auditor: failing})
		rec := send(t, h, http.MethodPost, "/api/v1/merges", editor, "application/json", `{"keep":"person:a","absorb":"person:b","reason":"r"}`)
		assert.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	})
}
