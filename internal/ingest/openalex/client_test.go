package openalex_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/mock"

	"github.com/cryograph/cryograph/internal/ingest/openalex"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// replay is a local OpenAlex API that answers /works with the recorded pages of testdata/api
// by cursor, after the failures it is told to give first.
type replay struct {
	mu       sync.Mutex
	pages    map[string][]byte // cursor -> page
	fail     map[string][]string
	requests []string // the cursors asked, in order
	queries  []string
}

func newReplay(t *testing.T) (*replay, *httptest.Server) {
	t.Helper()
	p1, err := os.ReadFile("testdata/api/page-1.json")
	require.NoError(t, err)
	p2, err := os.ReadFile("testdata/api/page-2.json")
	require.NoError(t, err)
	r := &replay{pages: map[string][]byte{"*": p1, "cursor-page-2": p2}, fail: map[string][]string{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		defer r.mu.Unlock()
		if req.URL.Path != "/works" {
			http.NotFound(w, req)
			return
		}
		cursor := req.URL.Query().Get("cursor")
		r.requests = append(r.requests, cursor)
		r.queries = append(r.queries, req.URL.RawQuery)
		page, ok := r.pages[cursor]
		if !ok {
			http.Error(w, `{"error":"Invalid query parameters error."}`, http.StatusBadRequest)
			return
		}
		if f := r.fail[cursor]; len(f) > 0 {
			r.fail[cursor] = f[1:]
			switch f[0] {
			case "429":
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusTooManyRequests)
				return
			case "500":
				w.WriteHeader(http.StatusInternalServerError)
				return
			case "truncated":
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(page[:len(page)/2])
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(page)
	}))
	t.Cleanup(srv.Close)
	return r, srv
}

func client(srv *httptest.Server, dir string) *openalex.Client {
	return &openalex.Client{Base: srv.URL, Mailto: "curators@example.org", CacheDir: dir, HTTP: srv.Client(),
		InitialWait: 10 * time.Millisecond, MaxWait: 2 * time.Second}
}

func TestFetch_PagesWithCursorsThroughFailures(t *testing.T) {
	r, srv := newReplay(t)
	r.fail["*"] = []string{"429"}
	r.fail["cursor-page-2"] = []string{"500", "truncated"}
	c := client(srv, t.TempDir())
	got, err := c.Fetch(context.Background(), openalex.Query{Search: "organ vitrification", FromYear: 2015})
	require.NoError(t, err)
	assert.True(t, got.Done)
	assert.Len(t, got.Pages, 2)
	assert.Equal(t, 4, got.Count)
	assert.Equal(t, []string{"*", "*", "cursor-page-2", "cursor-page-2", "cursor-page-2"}, r.requests,
		"429 then the page; 500, a truncated body, then the page")
	assert.Contains(t, r.queries[0], "search=organ+vitrification")
	assert.Contains(t, r.queries[0], "filter=from_publication_date%3A2015-01-01")
	assert.Contains(t, r.queries[0], "mailto=curators%40example.org")
	assert.Contains(t, r.queries[0], "per-page=200")
	for i, p := range got.Pages {
		want, _ := os.ReadFile([]string{"testdata/api/page-1.json", "testdata/api/page-2.json"}[i])
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(b), "the cached page is the whole answer")
	}

	// The same query again is answered from the cache.
	again, err := c.Fetch(context.Background(), openalex.Query{Search: "organ vitrification", FromYear: 2015})
	require.NoError(t, err)
	assert.Equal(t, got.Pages, again.Pages)
	assert.Equal(t, 0, again.Requests)
	assert.Len(t, r.requests, 5)
}

func TestFetch_GivesUpOnABodyThatStaysTruncated(t *testing.T) {
	r, srv := newReplay(t)
	r.fail["*"] = []string{"truncated", "truncated", "truncated"}
	c := client(srv, t.TempDir())
	c.MaxTries = 3
	got, err := c.Fetch(context.Background(), openalex.Query{Topic: "T10102"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "truncated or invalid body")
	assert.Contains(t, err.Error(), "gave up after 3 tries")
	assert.NotContains(t, err.Error(), "curators@example.org", "the contact address is not repeated in messages")
	assert.Empty(t, got.Pages)
}

func TestFetch_ResumesFromTheLastCursor(t *testing.T) {
	r, srv := newReplay(t)
	dir := t.TempDir()
	c := client(srv, dir)
	c.MaxPages = 1 // the run stops after its first page, as if interrupted
	first, err := c.Fetch(context.Background(), openalex.Query{Search: "organ vitrification"})
	require.NoError(t, err)
	assert.False(t, first.Done)
	assert.Len(t, first.Pages, 1)

	c = client(srv, dir)
	second, err := c.Fetch(context.Background(), openalex.Query{Search: "organ vitrification"})
	require.NoError(t, err)
	assert.True(t, second.Resumed)
	assert.True(t, second.Done)
	assert.Len(t, second.Pages, 2)
	assert.Equal(t, []string{"*", "cursor-page-2"}, r.requests, "the second run asked only for the page after the last cursor")
	assert.Equal(t, first.Retrieved, second.Retrieved)
}

func TestFetch_ABadRequestIsFinal(t *testing.T) {
	r, srv := newReplay(t)
	r.pages = map[string][]byte{}
	c := client(srv, t.TempDir())
	_, err := c.Fetch(context.Background(), openalex.Query{Institution: "https://ror.org/00cvxb145"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "HTTP 400")
	assert.Len(t, r.requests, 1, "a 400 is not retried")
	assert.Contains(t, r.queries[0], "authorships.institutions.ror%3A00cvxb145")
}

func TestQuery_Params(t *testing.T) {
	p, err := openalex.Query{Author: "https://orcid.org/0000-0001-6187-6610", Topic: "https://openalex.org/T10102", Since: "2026-11-01"}.Params()
	require.NoError(t, err)
	assert.Equal(t, "topics.id:T10102,authorships.author.orcid:0000-0001-6187-6610,from_updated_date:2026-11-01", p.Get("filter"))
	p, err = openalex.Query{Author: "A5023888391"}.Params()
	require.NoError(t, err)
	assert.Equal(t, "authorships.author.id:A5023888391", p.Get("filter"))
	for _, q := range []openalex.Query{{}, {Topic: "cryo"}, {Author: "Jason Priem"}, {Institution: "UW"}, {FromYear: 20}, {Since: "yesterday"}} {
		_, err := q.Params()
		assert.Error(t, err, "%+v", q)
	}
}

// graphOf is a memory sink's graph: each node's and link's content hash.
func graphOf(s *mock.MemGraph) map[string]string {
	out := map[string]string{}
	for id, n := range s.Nodes {
		out[id] = n.Hash
	}
	for k, l := range s.Links {
		out[k] = l.Hash
	}
	return out
}

func ingestPages(t *testing.T, sink *mock.MemGraph, f *openalex.Fetched) {
	t.Helper()
	var ins []openalex.Input
	for _, p := range f.Pages {
		ins = append(ins, openalex.File(p))
	}
	_, err := openalex.Ingest(context.Background(), sink, ins, openalex.Options{Retrieved: f.Retrieved, TempDir: t.TempDir(), Crosswalk: testCrosswalk(t)})
	require.NoError(t, err)
}

// An interrupted --search run (the network fails on page 2; or --max-pages stops it and its
// pages are loaded) resumes from its cursor and ends with the same graph as a run that never
// stopped.
func TestFetch_InterruptedRunEndsWithTheSameGraph(t *testing.T) {
	q := openalex.Query{Search: "organ vitrification"}
	_, srv := newReplay(t)
	whole, err := client(srv, t.TempDir()).Fetch(context.Background(), q)
	require.NoError(t, err)
	want := withTopic(mock.NewMemGraph())
	ingestPages(t, want, whole)

	r, srv := newReplay(t)
	dir := t.TempDir()
	r.fail["cursor-page-2"] = []string{"500", "500"}
	c := client(srv, dir)
	c.MaxTries = 2
	_, err = c.Fetch(context.Background(), q)
	require.Error(t, err, "the run stops on page 2")
	got, err := client(srv, dir).Fetch(context.Background(), q)
	require.NoError(t, err)
	assert.True(t, got.Resumed)
	sink := withTopic(mock.NewMemGraph())
	ingestPages(t, sink, got)
	assert.Equal(t, graphOf(want), graphOf(sink))

	_, srv = newReplay(t)
	dir = t.TempDir()
	c = client(srv, dir)
	c.MaxPages = 1
	part, err := c.Fetch(context.Background(), q)
	require.NoError(t, err)
	sink = withTopic(mock.NewMemGraph())
	ingestPages(t, sink, part)
	rest, err := client(srv, dir).Fetch(context.Background(), q)
	require.NoError(t, err)
	ingestPages(t, sink, rest)
	assert.Equal(t, graphOf(want), graphOf(sink))
}
