package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/require"
)

// The fakes of internal/mock must keep the method sets of the interfaces they stand in for.
var (
	_ httpapi.ExpertFinder     = (*mock.ExpertFinder)(nil)
	_ httpapi.GraphReader      = (*mock.GraphReader)(nil)
	_ httpapi.ReadinessChecker = (*mock.ReadinessChecker)(nil)
	_ httpapi.CypherRunner     = (*mock.CypherRunner)(nil)
	_ httpapi.SavedQueryStore  = (*mock.SavedQueryStore)(nil)
	_ httpapi.Resolver         = (*mock.Resolver)(nil)
	_ httpapi.Merger           = (*mock.Merger)(nil)
	_ importer.Sink            = (*mock.Sink)(nil)
	_ importer.RefreshingSink  = (*mock.RefreshingSink)(nil)
	_ httpapi.TokenStore       = (*mock.TokenStore)(nil)
	_ httpapi.Auditor          = (*mock.Auditor)(nil)
	_ httpapi.AuditLogReader   = (*mock.AuditLogReader)(nil)
)

// tokens is an in-memory token table behind a mock.TokenStore, with what a test needs to issue
// and revoke tokens and to count the store's work.
type tokens struct {
	mu      sync.Mutex
	byID    map[string]auth.Token
	lookups int
	touches int
	err     error // when set, every lookup fails with it (a store that cannot be reached)
}

func newTokens() *tokens { return &tokens{byID: map[string]auth.Token{}} }

// store is the TokenStore to put in httpapi.Deps.
func (ts *tokens) store() *mock.TokenStore {
	return &mock.TokenStore{
		TokenByIDFn: func(_ context.Context, id string) (auth.Token, error) {
			ts.mu.Lock()
			defer ts.mu.Unlock()
			ts.lookups++
			if ts.err != nil {
				return auth.Token{}, ts.err
			}
			t, ok := ts.byID[id]
			if !ok {
				return auth.Token{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no token has id %q", id)}
			}
			return t, nil
		},
		TouchTokenFn: func(_ context.Context, id string, at time.Time) error {
			ts.mu.Lock()
			defer ts.mu.Unlock()
			ts.touches++
			t := ts.byID[id]
			t.LastUsedAt = at
			ts.byID[id] = t
			return nil
		},
	}
}

// issue stores a new token named name with role and returns its plaintext.
func (ts *tokens) issue(t *testing.T, name string, role cryo.Role, ttl time.Duration, at time.Time) string {
	t.Helper()
	tok, plain, err := auth.New(name, role, ttl, at)
	require.NoError(t, err)
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.byID[tok.ID] = tok
	return plain
}

// role issues a token named after its role ("editor token").
func (ts *tokens) role(t *testing.T, role cryo.Role) string {
	return ts.issue(t, role.String()+" token", role, 0, time.Now())
}

func (ts *tokens) revoke(t *testing.T, plain string) {
	t.Helper()
	id, _, err := auth.Parse(plain)
	require.NoError(t, err)
	ts.mu.Lock()
	defer ts.mu.Unlock()
	tok := ts.byID[id]
	tok.RevokedAt = time.Now()
	ts.byID[id] = tok
}

// audits keeps what a mock.Auditor was given.
type audits struct {
	mu      sync.Mutex
	entries []cryo.AuditEntry
}

func (a *audits) auditor() *mock.Auditor {
	return &mock.Auditor{AuditFn: func(_ context.Context, e cryo.AuditEntry) error {
		a.mu.Lock()
		defer a.mu.Unlock()
		a.entries = append(a.entries, e)
		return nil
	}}
}

func (a *audits) all() []cryo.AuditEntry {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]cryo.AuditEntry(nil), a.entries...)
}

func (a *audits) last() cryo.AuditEntry {
	all := a.all()
	if len(all) == 0 {
		return cryo.AuditEntry{}
	}
	return all[len(all)-1]
}

// experts answers every expert search with one expert, and remembers the last query.
func experts() (*mock.ExpertFinder, *cryo.ExpertQuery) {
	var last cryo.ExpertQuery
	return &mock.ExpertFinder{ExpertsByTopicFn: func(_ context.Context, q cryo.ExpertQuery) (cryo.ExpertResult, error) {
		last = q
		return cryo.ExpertResult{Topics: []cryo.Ref{}, Total: 1, Limit: q.Limit, Offset: q.Offset,
			Experts: []cryo.Expert{{ID: "person:xu_yi", Name: "Xu Yi", Institutions: []cryo.Institution{}, MatchedTopics: []cryo.Ref{}, Evidence: []cryo.Evidence{}}}}, nil
	}}, &last
}

// ready is a readiness checker of a reachable, migrated graph.
func ready() *mock.ReadinessChecker {
	return &mock.ReadinessChecker{
		VerifyConnectivityFn: func(context.Context) error { return nil },
		MigrationsFn: func(context.Context) (cryo.MigrationState, error) {
			return cryo.MigrationState{Applied: []string{"V0001__constraints"}, Pending: []string{}}, nil
		},
	}
}

// sink is an import target that remembers the ids written to it (so a later import may refer
// to them) and counts the rows and refreshes.
type sink struct {
	ids          map[string]string // id -> label
	mu           sync.Mutex
	nodes, links int
	refreshes    int
}

func (s *sink) mock() *mock.RefreshingSink {
	return &mock.RefreshingSink{
		Sink: mock.Sink{
			HasEntitiesFn: func(context.Context) (bool, error) {
				s.mu.Lock()
				defer s.mu.Unlock()
				return len(s.ids) > 0, nil
			},
			LookupFn: func(_ context.Context, ids []string) (map[string]cryo.GraphID, error) {
				s.mu.Lock()
				defer s.mu.Unlock()
				out := map[string]cryo.GraphID{}
				for _, id := range ids {
					if label, ok := s.ids[id]; ok {
						out[id] = cryo.GraphID{Label: label}
					}
				}
				return out, nil
			},
			ExternalOwnersFn: func(context.Context, []cryo.ExternalID) (map[cryo.ExternalID]string, error) {
				return map[cryo.ExternalID]string{}, nil
			},
			UpsertNodesFn: func(_ context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
				s.mu.Lock()
				defer s.mu.Unlock()
				s.nodes += len(nodes)
				if s.ids == nil {
					s.ids = map[string]string{}
				}
				out := map[string]cryo.UpsertCounts{}
				for _, n := range nodes {
					s.ids[n.ID] = n.Label
					c := out[n.Label]
					c.Created++
					out[n.Label] = c
				}
				return out, nil
			},
			UpsertLinksFn: func(_ context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
				s.mu.Lock()
				defer s.mu.Unlock()
				s.links += len(links)
				out := map[string]cryo.UpsertCounts{}
				for _, l := range links {
					c := out[l.Rel]
					c.Created++
					out[l.Rel] = c
				}
				return out, nil
			},
		},
		RefreshDerivedFn: func(context.Context) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.refreshes++
			return nil
		},
	}
}

func (s *sink) written() (nodes, links, refreshes int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nodes, s.links, s.refreshes
}

// do sends a request with optional bearer token, content type and body.
func do(t *testing.T, h http.Handler, method, target, token, contentType, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
