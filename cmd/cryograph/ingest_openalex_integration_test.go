//go:build integration

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ingest openalex --search against a local server replaying recorded API pages: a run stopped
// after its first page (--max-pages 1) resumes from its cursor, and a third run changes nothing.
func TestIngestOpenAlexSearchResumesAgainstAReplayServer(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	pages := map[string][]byte{}
	for cursor, file := range map[string]string{"*": "page-1.json", "cursor-page-2": "page-2.json"} {
		b, err := os.ReadFile("../../internal/ingest/openalex/testdata/api/" + file)
		require.NoError(t, err)
		pages[cursor] = b
	}
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Query().Get("cursor"))
		_, _ = w.Write(pages[r.URL.Query().Get("cursor")])
	}))
	defer srv.Close()
	cache := t.TempDir()
	ingest := func(extra ...string) map[string]any {
		args := append([]string{"ingest", "openalex", "--api-base", srv.URL, "--cache-dir", cache, "--mailto", "curators@example.org",
			"--search", "organ vitrification", "--json"}, extra...)
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), args, os.Getenv, &out, io.Discard))
		var res map[string]any
		require.NoError(t, json.Unmarshal(out.Bytes(), &res), out.String())
		return res
	}
	first := ingest("--max-pages", "1")
	assert.Equal(t, float64(1), first["works"])
	second := ingest()
	assert.Equal(t, float64(4), second["works"])
	assert.Equal(t, []string{"*", "cursor-page-2"}, asked, "the second run went on from the cursor")
	assert.Equal(t, []string{"10.7717/peerj.4375"}, neo4jtest.Strings(t, st, "MATCH (w:Publication {openalex: 'W2741809807'}) RETURN w.doi AS x", nil))
	assert.Equal(t, int64(4), neo4jtest.Count(t, st, "MATCH (w:Publication) WHERE w.openalex IS NOT NULL RETURN count(w)"))

	third := ingest()
	rep := third["report"].(map[string]any)
	for _, group := range []string{"nodes", "relationships"} {
		for kind, c := range rep[group].(map[string]any) {
			counts := c.(map[string]any)
			assert.Zero(t, counts["created"], kind)
			assert.Zero(t, counts["updated"], kind)
		}
	}
	assert.Len(t, asked, 2, "a finished query is answered from the cache")
}
