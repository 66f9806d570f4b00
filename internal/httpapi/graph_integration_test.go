//go:build integration

package httpapi_test

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGraphEndpointsGolden asks each question of the researchers' and managers' API on the
// demo data and compares the answer with a golden file (go test -update rewrites them).
func TestGraphEndpointsGolden(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := newServer(t, httpapi.Deps{AnonymousRead: true, Experts: st, Graph: st, Resolver: st, Merger: st, ImportSink: st, Ready: st})

	for _, tc := range []struct{ golden, target string }{
		{"experts_q_zhao.json", "/api/v1/experts?q=%E8%B5%B5%E5%88%9A"},
		{"experts_filtered.json", "/api/v1/experts?topic=cryomedicine&country=CN&orgKind=university&since=2020"},
		{"search_vitrif.json", "/api/v1/search?q=vitrif"},
		{"person_xu_yi.json", "/api/v1/people/person:xu_yi"},
		{"org_usst.json", "/api/v1/organizations/org:usst"},
		{"topic_organ_preservation.json", "/api/v1/topics/topic:organ-preservation"},
		{"topics_tree.json", "/api/v1/topics"},
		{"suggestions_xu_yi.json", "/api/v1/people/person:xu_yi/suggestions?limit=5"},
		{"paths_xu_yi_zhao_gang.json", "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang&k=3&maxLength=3"},
		{"map_institutions.json", "/api/v1/partnerships/map"},
		{"map_usst_partners_2020s.json", "/api/v1/partnerships/map?from=2020&to=2025&country=CN"},
		{"timeline.json", "/api/v1/partnerships/timeline"},
		{"publications_xiaoming_he.json", "/api/v1/people/person:xiaoming_he/publications"},
		{"publications_xiaoming_he_title_page2.json", "/api/v1/people/person:xiaoming_he/publications?sort=title&limit=1&offset=1"},
		{"partnership_yinfeng_usst.json", "/api/v1/partnerships/pship:yinfeng-usst-2022"},
		{"event_yinfeng_visit.json", "/api/v1/events/event:yinfeng-visit-2022-08"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			rec := get(t, h, tc.target)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			golden(t, tc.golden, rec.Body.Bytes())
		})
	}
}

func TestGraphEndpointErrors(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := newServer(t, httpapi.Deps{AnonymousRead: true, Experts: st, Graph: st, Resolver: st, Merger: st, ImportSink: st, Ready: st})

	for _, tc := range []struct {
		name, target string
		status       int
		field        string
	}{
		{"an unknown person is a 404", "/api/v1/people/person:nobody", 404, "id"},
		{"an unknown person has no publications", "/api/v1/people/person:nobody/publications", 404, "id"},
		{"a publication sort key outside the allow-list is a 400", "/api/v1/people/person:xu_yi/publications?sort=citedBy", 400, "sort"},
		{"an organization id on the people route is a 404", "/api/v1/people/org:usst", 404, "id"},
		{"an unknown topic is a 404", "/api/v1/topics/topic:nothing", 404, "id"},
		{"a path needs both ends", "/api/v1/paths?from=person:xu_yi", 400, "to"},
		{"a path to an unknown id is a 404", "/api/v1/paths?from=person:xu_yi&to=person:nobody", 404, "to"},
		{"a path length out of range is a 400", "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang&maxLength=9", 400, "maxLength"},
		{"k must be a number", "/api/v1/paths?from=person:xu_yi&to=person:zhao_gang&k=many", 400, "k"},
		{"a bad date is a 400", "/api/v1/partnerships/map?asOf=last%20year", 400, "asOf"},
		{"an unknown partnership type is a 400", "/api/v1/partnerships/map?type=friendship", 400, "type"},
		{"an unknown organization kind is a 400", "/api/v1/experts?topic=cryomedicine&orgKind=castle", 400, "orgKind"},
		{"search needs q", "/api/v1/search", 400, "q"},
		{"search kinds are checked", "/api/v1/search?q=x&kind=planet", 400, "kind"},
		{"a limit above the maximum is a 400", "/api/v1/experts?topic=cryomedicine&limit=1000", 400, "limit"},
		{"suggestions for an unknown person are a 404", "/api/v1/people/person:nobody/suggestions", 404, "id"},
		{"an unknown partnership is a 404", "/api/v1/partnerships/pship:nothing", 404, "id"},
		{"an event id on the partnership route is a 400", "/api/v1/partnerships/event:yinfeng-visit-2022-08", 400, "id"},
		{"an unknown event is a 404", "/api/v1/events/event:nothing", 404, "id"},
		{"a person id on the event route is a 400", "/api/v1/events/person:xu_yi", 400, "id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(t, h, tc.target)
			assert.Equal(t, tc.status, rec.Code, rec.Body.String())
			assert.Equal(t, tc.field, errorOf(t, rec).Field)
		})
	}
}

// A partnership map the store has cached is encoded (and gzipped) once and has an ETag:
// If-None-Match gets 304 until a load changes the map; other filters, or another build, have
// another ETag.
func TestPartnershipMapETag(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	require.NoError(t, st.RefreshDerived(ctx)) // the store caches answers from the first refresh on
	h := newServer(t, httpapi.Deps{AnonymousRead: true, Graph: st, Version: "test"})
	const target = "/api/v1/partnerships/map"
	getWith := func(header map[string]string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	ifNoneMatch := func(etag string) *httptest.ResponseRecorder { return getWith(map[string]string{"If-None-Match": etag}) }

	first := get(t, h, target)
	require.Equal(t, http.StatusOK, first.Code, first.Body.String())
	etag := first.Header().Get("ETag")
	require.NotEmpty(t, etag)
	assert.Equal(t, "no-cache", first.Header().Get("Cache-Control"))
	assert.Equal(t, "application/json; charset=utf-8", first.Header().Get("Content-Type"))
	golden(t, "map_institutions.json", first.Body.Bytes())

	again := ifNoneMatch(etag)
	assert.Equal(t, http.StatusNotModified, again.Code)
	assert.Empty(t, again.Body.String())
	assert.Equal(t, first.Body.String(), get(t, h, target).Body.String(), "the cached bytes are the answer")

	zipped := getWith(map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	require.Equal(t, http.StatusOK, zipped.Code)
	assert.Equal(t, "gzip", zipped.Header().Get("Content-Encoding"))
	assert.Contains(t, zipped.Header().Values("Vary"), "Accept-Encoding")
	zipETag := zipped.Header().Get("ETag")
	assert.Equal(t, strings.TrimSuffix(etag, `"`)+`-gz"`, zipETag, "the gzipped bytes are another representation")
	zr, err := gzip.NewReader(zipped.Body)
	require.NoError(t, err)
	unzipped, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, first.Body.String(), string(unzipped))
	assert.Equal(t, http.StatusNotModified, getWith(map[string]string{"Accept-Encoding": "gzip", "If-None-Match": zipETag}).Code)
	assert.Empty(t, getWith(map[string]string{"Accept-Encoding": "gzip;q=0"}).Header().Get("Content-Encoding"))

	other := get(t, h, target+"?from=2020&to=2025&country=CN")
	require.Equal(t, http.StatusOK, other.Code)
	assert.NotEqual(t, etag, other.Header().Get("ETag"), "other filters, another map")
	otherBuild := get(t, newServer(t, httpapi.Deps{AnonymousRead: true, Graph: st, Version: "next"}), target)
	assert.NotEqual(t, etag, otherBuild.Header().Get("ETag"), "another build may encode the same map otherwise")

	rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("etag.jsonl", []byte(
		`{"type":"source","id":"src:etag","url":"https://example.org/etag","title":"A made-up agreement"}
{"type":"organization","id":"org:test_etag_a","name":"Etag Test Institute A","kind":"institute","country":"DE","sources":["src:etag"]}
{"type":"organization","id":"org:test_etag_b","name":"Etag Test Institute B","kind":"institute","country":"FR","sources":["src:etag"]}
{"type":"partnership","id":"pship:test_etag","name":"A made-up cooperation","kind":"research_cooperation","status":"agreed","start":"2024","parties":[{"id":"org:test_etag_a"},{"id":"org:test_etag_b"}],"sources":["src:etag"]}`))},
		importer.Options{})
	require.NoError(t, err, "%+v", rep)
	require.NoError(t, st.RefreshDerived(ctx))
	changed := ifNoneMatch(etag)
	require.Equal(t, http.StatusOK, changed.Code, "a load changed the map")
	assert.NotEqual(t, etag, changed.Header().Get("ETag"))
	assert.Contains(t, changed.Body.String(), "org:test_etag_a")
}
