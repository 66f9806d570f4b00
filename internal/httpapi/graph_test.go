package httpapi_test

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// asked records the last query each graph method was given.
type asked struct {
	mu          sync.Mutex
	search      cryo.SearchQuery
	profileKind string
	profileID   string
	paths       cryo.PathQuery
	mapQ        cryo.MapQuery
	timeline    cryo.MapQuery
	suggestions cryo.SuggestionQuery
}

// graph is a GraphReader over a made-up graph of two people, person:xu_yi and
// person:zhao_gang: other ids are not found, as the store says it.
func graph(a *asked) *mock.GraphReader {
	known := map[string]bool{"person:xu_yi": true, "person:zhao_gang": true, "org:usst": true, "topic:organ-preservation": true}
	notFound := func(field, id string) error {
		return &cryo.Error{Code: cryo.ECodeNotFound, Field: field, Message: "no entity has id " + id}
	}
	return &mock.GraphReader{
		SearchFn: func(_ context.Context, q cryo.SearchQuery) ([]cryo.Node, error) {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.search = q
			return []cryo.Node{{ID: "topic:vitrification", Name: "Vitrification", Kind: "topic", Score: 1.5}}, nil
		},
		ProfileFn: func(_ context.Context, kind, id string) (cryo.Profile, error) {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.profileKind, a.profileID = kind, id
			prefix := map[string]string{"person": "person:", "organization": "org:", "topic": "topic:"}[kind]
			if !known[id] || prefix == "" || !strings.HasPrefix(id, prefix) { // an id of another kind is not found
				return cryo.Profile{}, notFound("id", id)
			}
			return cryo.Profile{Entity: map[string]any{"id": id}, Kind: kind, Sources: []cryo.Source{}}, nil
		},
		PathsFn: func(_ context.Context, q cryo.PathQuery) (cryo.PathResult, error) {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.paths = q
			if !known[q.To] {
				return cryo.PathResult{}, notFound("to", q.To)
			}
			return cryo.PathResult{From: cryo.Node{ID: q.From, Name: q.From, Kind: "person"}, To: cryo.Node{ID: q.To, Name: q.To, Kind: "person"},
				Paths: []cryo.Path{}}, nil
		},
		PartnershipMapFn: func(_ context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error) {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.mapQ = q
			return cryo.PartnershipMap{Nodes: []cryo.MapNode{}, Edges: []cryo.MapEdge{}}, nil
		},
		PartnershipTimelineFn: func(_ context.Context, q cryo.MapQuery) ([]cryo.YearCount, error) {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.timeline = q
			return []cryo.YearCount{{Year: "2020", Count: 2, ByType: map[string]int{"mou": 2}}}, nil
		},
		TopicsFn: func(context.Context) ([]cryo.TopicNode, error) {
			return []cryo.TopicNode{{ID: "topic:cryomedicine", Name: "Cryomedicine", Children: []cryo.TopicNode{}}}, nil
		},
		SuggestionsFn: func(_ context.Context, q cryo.SuggestionQuery) ([]cryo.Suggestion, error) {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.suggestions = q
			if !known[q.Person] {
				return nil, notFound("id", q.Person)
			}
			return []cryo.Suggestion{}, nil
		},
	}
}

// The HTTP part of TestGraphEndpointErrors: each bad request is refused with a 400 naming the
// field before the graph is asked, and the graph's not-found is a 404 naming it.
func TestGraphEndpointErrorsOverFakes(t *testing.T) {
	finder, _ := experts()
	h := newServer(t, httpapi.Deps{AnonymousRead: true, Experts: finder, Graph: graph(&asked{})})

	for _, tc := range []struct {
		name, target string
		status       int
		field        string
	}{
		{"an unknown person is a 404", "/api/v1/people/person:nobody", 404, "id"},
		{"an organization id on the people route is a 404", "/api/v1/people/org:usst", 404, "id"},
		{"an unknown topic is a 404", "/api/v1/topics/topic:nothing", 404, "id"},
		{"a path needs both ends", "/api/v1/paths?from=person:xu_yi", 400, "to"},
		{"a path needs a start", "/api/v1/paths?to=person:xu_yi", 400, "from"},
		{"a path from a node to itself is a 400", "/api/v1/paths?from=person:xu_yi&to=person:xu_yi", 400, "to"},
		{"a path to an unknown id is a 404", "/api/v1/paths?from=person:xu_yi&to=person:nobody", 404, "to"},
		{"a path length out of range is a 400", "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang&maxLength=9", 400, "maxLength"},
		{"k must be a number", "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang&k=many", 400, "k"},
		{"avoidHubs must be a boolean", "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang&avoidHubs=often", 400, "avoidHubs"},
		{"a hub degree below 2 is a 400", "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang&hubDegree=1", 400, "hubDegree"},
		{"a bad date is a 400", "/api/v1/partnerships/map?asOf=last%20year", 400, "asOf"},
		{"an unknown partnership type is a 400", "/api/v1/partnerships/map?type=friendship", 400, "type"},
		{"an unknown map level is a 400", "/api/v1/partnerships/map?level=planet", 400, "level"},
		{"a timeline with a bad country is a 400", "/api/v1/partnerships/timeline?country=china", 400, "country"},
		{"an unknown organization kind is a 400", "/api/v1/experts?topic=cryomedicine&orgKind=castle", 400, "orgKind"},
		{"a malformed since is a 400", "/api/v1/experts?topic=cryomedicine&since=yesterday", 400, "since"},
		{"an expert search needs a topic or q", "/api/v1/experts", 400, "topic"},
		{"a blank topic is no topic", "/api/v1/experts?topic=%20", 400, "topic"},
		{"search needs q", "/api/v1/search", 400, "q"},
		{"search kinds are checked", "/api/v1/search?q=x&kind=planet", 400, "kind"},
		{"a limit above the maximum is a 400", "/api/v1/experts?topic=cryomedicine&limit=1000", 400, "limit"},
		{"suggestions for an unknown person are a 404", "/api/v1/people/person:nobody/suggestions", 404, "id"},
		{"excludeOwnInstitution must be a boolean", "/api/v1/people/person:xu_yi/suggestions?excludeOwnInstitution=perhaps", 400, "excludeOwnInstitution"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(t, h, tc.target)
			assert.Equal(t, tc.status, rec.Code, rec.Body.String())
			assert.Equal(t, tc.field, errorOf(t, rec).Field)
		})
	}
}

// Each endpoint parses its parameters, fills the defaults and hands the graph the query.
func TestGraphEndpointsPassTheirQueries(t *testing.T) {
	a := &asked{}
	finder, lastExperts := experts()
	h := newServer(t, httpapi.Deps{AnonymousRead: true, Experts: finder, Graph: graph(a)})
	ok := func(t *testing.T, target string) map[string]any {
		t.Helper()
		rec := get(t, h, target)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
		return decodeMap(t, rec)
	}

	t.Run("experts with every filter", func(t *testing.T) {
		ok(t, "/api/v1/experts?topic=%20cryomedicine%20&country=CN&orgKind=university&since=2020&organization=org:usst")
		assert.Equal(t, cryo.ExpertQuery{Topic: "cryomedicine", Country: "CN", OrgKind: "university", Since: "2020",
			Organization: "org:usst", Page: cryo.Page{Limit: cryo.DefaultLimit}}, *lastExperts)
	})
	t.Run("experts by free text", func(t *testing.T) {
		ok(t, "/api/v1/experts?q=%E8%B5%B5%E5%88%9A")
		assert.Equal(t, "赵刚", lastExperts.Q)
		assert.Empty(t, lastExperts.Topic)
	})
	t.Run("search with kinds", func(t *testing.T) {
		body := ok(t, "/api/v1/search?q=vitrif&kind=topic&kind=person")
		assert.Equal(t, "vitrif", body["q"])
		assert.Len(t, body["results"], 1)
		assert.Equal(t, cryo.SearchQuery{Text: "vitrif", Kinds: []string{"topic", "person"}, Limit: 10}, a.search)
	})
	for _, tc := range []struct{ target, kind, id string }{
		{"/api/v1/people/person:xu_yi", "person", "person:xu_yi"},
		{"/api/v1/organizations/org:usst", "organization", "org:usst"},
		{"/api/v1/topics/topic:organ-preservation", "topic", "topic:organ-preservation"},
	} {
		t.Run("the "+tc.kind+" profile route asks for a "+tc.kind, func(t *testing.T) {
			body := ok(t, tc.target)
			assert.Equal(t, tc.kind, body["kind"])
			assert.Equal(t, tc.kind, a.profileKind)
			assert.Equal(t, tc.id, a.profileID)
		})
	}
	t.Run("paths fill their defaults", func(t *testing.T) {
		ok(t, "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang")
		assert.Equal(t, cryo.PathQuery{From: "person:xu_yi", To: "person:zhao_gang", K: 3, MaxLength: 4, HubDegree: 25}, a.paths)
		ok(t, "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang&k=1&maxLength=3&avoidHubs=true&hubDegree=10")
		assert.Equal(t, cryo.PathQuery{From: "person:xu_yi", To: "person:zhao_gang", K: 1, MaxLength: 3, AvoidHubs: true, HubDegree: 10}, a.paths)
	})
	t.Run("suggestions exclude the person's own institution unless told", func(t *testing.T) {
		body := ok(t, "/api/v1/people/person:xu_yi/suggestions?limit=5&topic=topic:cryomedicine&country=CN")
		assert.Equal(t, "person:xu_yi", body["person"])
		assert.Equal(t, cryo.SuggestionQuery{Person: "person:xu_yi", Topic: "topic:cryomedicine", Country: "CN", ExcludeOwnInst: true, Limit: 5}, a.suggestions)
		ok(t, "/api/v1/people/person:xu_yi/suggestions?excludeOwnInstitution=false")
		assert.Equal(t, cryo.SuggestionQuery{Person: "person:xu_yi", Limit: 10}, a.suggestions)
	})
	t.Run("the map and the timeline take the same filters", func(t *testing.T) {
		ok(t, "/api/v1/partnerships/map?from=2020&to=2025&country=CN")
		assert.Equal(t, cryo.MapQuery{From: "2020", To: "2025", Country: "CN", Level: "institution"}, a.mapQ)
		body := ok(t, "/api/v1/partnerships/timeline?topic=topic:cryomedicine&type=mou&orgKind=lab&asOf=2022-08&level=unit")
		assert.Equal(t, cryo.MapQuery{Topic: "topic:cryomedicine", Type: "mou", OrgKind: "lab", AsOf: "2022-08", Level: "unit"}, a.timeline)
		assert.Len(t, body["years"], 1)
	})
	t.Run("topics are the tree", func(t *testing.T) {
		body := ok(t, "/api/v1/topics")
		assert.Len(t, body["topics"], 1)
	})
}

// Paging parameters share one rule on every listing: a default, bounds, and a 400 naming the
// parameter when it is malformed or out of range.
func TestPagingParameters(t *testing.T) {
	ts := newTokens()
	admin := ts.role(t, cryo.RoleAdmin)
	var pages []cryo.Page
	record := func(p cryo.Page) { pages = append(pages, p) }
	finder := &mock.ExpertFinder{ExpertsByTopicFn: func(_ context.Context, q cryo.ExpertQuery) (cryo.ExpertResult, error) {
		record(q.Page)
		return cryo.ExpertResult{Topics: []cryo.Ref{}, Experts: []cryo.Expert{}, Limit: q.Limit, Offset: q.Offset}, nil
	}}
	resolver := &mock.Resolver{DuplicatesFn: func(_ context.Context, _ string, p cryo.Page) (cryo.DuplicateResult, error) {
		record(p)
		return cryo.DuplicateResult{Pairs: []cryo.DuplicatePair{}, Limit: p.Limit, Offset: p.Offset}, nil
	}}
	merger := &mock.Merger{MergesFn: func(_ context.Context, p cryo.Page) ([]cryo.Merge, error) {
		record(p)
		return []cryo.Merge{}, nil
	}}
	auditLog := &mock.AuditLogReader{AuditLogFn: func(_ context.Context, p cryo.Page) ([]cryo.AuditEntry, error) {
		record(p)
		return []cryo.AuditEntry{}, nil
	}}
	h := newServer(t, httpapi.Deps{AnonymousRead: true, Experts: finder, Resolver: resolver, Merger: merger, AuditLog: auditLog, Tokens: ts.store()})

	for _, base := range []string{"/api/v1/experts?topic=cryomedicine&", "/api/v1/duplicates?", "/api/v1/merges?", "/api/v1/audit?"} {
		route, _, _ := strings.Cut(base, "?")
		t.Run(route, func(t *testing.T) {
			for _, tc := range []struct {
				query string
				want  cryo.Page
			}{
				{"", cryo.Page{Limit: cryo.DefaultLimit}},
				{"limit=50&offset=40", cryo.Page{Limit: 50, Offset: 40}},
				{"limit=200", cryo.Page{Limit: cryo.MaxLimit}},
				{"offset=0", cryo.Page{Limit: cryo.DefaultLimit}},
			} {
				pages = nil
				rec := send(t, h, http.MethodGet, base+tc.query, admin, "", "")
				require.Equal(t, http.StatusOK, rec.Code, "%s: %s", tc.query, rec.Body.String())
				assert.Equal(t, []cryo.Page{tc.want}, pages, tc.query)
			}
			for _, q := range []string{"limit=ten", "limit=0", "limit=201", "limit=100000", "limit=-1", "offset=-1", "offset=x", "limit=1.5"} {
				pages = nil
				rec := send(t, h, http.MethodGet, base+q, admin, "", "")
				assert.Equal(t, http.StatusBadRequest, rec.Code, q)
				assert.Contains(t, []string{"limit", "offset"}, errorOf(t, rec).Field, q)
				assert.Empty(t, pages, "%s never reaches the store", q)
			}
		})
	}
}

// The HTTP part of TestPartnershipMapETag: a map the store names by a revision is encoded
// once and has an ETag; If-None-Match gets 304 until the revision changes; gzip is another
// representation; another build has another ETag.
func TestPartnershipMapETagOverFakes(t *testing.T) {
	var mu sync.Mutex
	revision := "rev-1"
	calls := 0
	g := &mock.GraphReader{PartnershipMapFn: func(_ context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		m := cryo.PartnershipMap{Nodes: []cryo.MapNode{}, Edges: []cryo.MapEdge{}, Revision: revision + "/" + q.Country}
		for i := range 50 { // big enough that gzip is smaller
			m.Nodes = append(m.Nodes, cryo.MapNode{ID: "org:lab-" + strings.Repeat("x", i%5), Name: "Synthetic laboratory of cryobiology", Type: "lab"})
		}
		if q.Topic == "uncached" {
			m.Revision = ""
		}
		return m, nil
	}}
	h := newServer(t, httpapi.Deps{AnonymousRead: true, Graph: g, Version: "test"})
	const target = "/api/v1/partnerships/map"
	getWith := func(h http.Handler, target string, header map[string]string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	ifNoneMatch := func(etag string) *httptest.ResponseRecorder {
		return getWith(h, target, map[string]string{"If-None-Match": etag})
	}

	first := get(t, h, target)
	require.Equal(t, http.StatusOK, first.Code, first.Body.String())
	etag := first.Header().Get("ETag")
	require.NotEmpty(t, etag)
	assert.Equal(t, "no-cache", first.Header().Get("Cache-Control"))
	assert.Equal(t, "application/json; charset=utf-8", first.Header().Get("Content-Type"))
	assert.Contains(t, first.Header().Values("Vary"), "Accept-Encoding")

	again := ifNoneMatch(etag)
	assert.Equal(t, http.StatusNotModified, again.Code)
	assert.Empty(t, again.Body.String())
	assert.Equal(t, first.Body.String(), get(t, h, target).Body.String(), "the cached bytes are the answer")

	zipped := getWith(h, target, map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	require.Equal(t, http.StatusOK, zipped.Code)
	assert.Equal(t, "gzip", zipped.Header().Get("Content-Encoding"))
	zipETag := zipped.Header().Get("ETag")
	assert.Equal(t, strings.TrimSuffix(etag, `"`)+`-gz"`, zipETag, "the gzipped bytes are another representation")
	zr, err := gzip.NewReader(zipped.Body)
	require.NoError(t, err)
	unzipped, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, first.Body.String(), string(unzipped))
	assert.Equal(t, http.StatusNotModified, getWith(h, target, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": zipETag}).Code)
	assert.Empty(t, getWith(h, target, map[string]string{"Accept-Encoding": "gzip;q=0"}).Header().Get("Content-Encoding"))

	other := get(t, h, target+"?country=CN")
	require.Equal(t, http.StatusOK, other.Code)
	assert.NotEqual(t, etag, other.Header().Get("ETag"), "other filters, another map")
	otherBuild := get(t, newServer(t, httpapi.Deps{AnonymousRead: true, Graph: g, Version: "next"}), target)
	assert.NotEqual(t, etag, otherBuild.Header().Get("ETag"), "another build may encode the same map otherwise")

	mu.Lock()
	revision = "rev-2"
	mu.Unlock()
	changed := ifNoneMatch(etag)
	require.Equal(t, http.StatusOK, changed.Code, "a load changed the map")
	assert.NotEqual(t, etag, changed.Header().Get("ETag"))

	uncached := get(t, h, target+"?topic=uncached")
	require.Equal(t, http.StatusOK, uncached.Code)
	assert.Empty(t, uncached.Header().Get("ETag"), "a map without a revision has no ETag")
	assert.NotEmpty(t, uncached.Header().Get("Content-Length"))
}
