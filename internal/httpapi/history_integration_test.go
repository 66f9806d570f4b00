//go:build integration

package httpapi_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Synthetic rows (made-up names, "synthetic": true).
const (
	histFirst = `{"type":"source","id":"src:hist","url":"https://example.org/hist","title":"Synthetic history source"}
{"type":"organization","id":"org:hist","name":"Synthetic Vitrification Lab","kind":"lab","country":"CN","sources":["src:hist"],"synthetic":true}
{"type":"person","id":"person:hist","name":"Cara Rimefield","country":"CN","sources":["src:hist"],"synthetic":true}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:hist","to":"org:hist","role":"researcher","sources":["src:hist"]}
`
	histSecond = `{"type":"source","id":"src:hist","url":"https://example.org/hist","title":"Synthetic history source"}
{"type":"organization","id":"org:hist","name":"Synthetic Vitrification Lab","kind":"lab","country":"CN","sources":["src:hist"],"synthetic":true}
{"type":"person","id":"person:hist","name":"Cara Rimefield","country":"CN","sources":["src:hist"],"synthetic":true}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:hist","to":"org:hist","role":"professor","sources":["src:hist"]}
`
)

func TestHistoryAndUndoThroughTheAPI(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := newServer(t, httpapi.Deps{Graph: st, Merger: st, ImportSink: st, Changes: st,
		Tokens: st, Auditor: st, AuditLog: st, AnonymousRead: true})
	editor, viewer, admin := issue(t, st, cryo.RoleEditor), issue(t, st, cryo.RoleViewer), issue(t, st, cryo.RoleAdmin)

	importFile := func(body, comment string) string {
		t.Helper()
		rec := send(t, h, http.MethodPost, "/api/v1/imports?name=hist.jsonl&comment="+comment, editor, "application/x-ndjson", body)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var out struct {
			Report struct {
				Changeset string `json:"changeset"`
			} `json:"report"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
		return out.Report.Changeset
	}
	first := importFile(histFirst, "first")
	require.NotEmpty(t, first)
	assert.Empty(t, importFile(histFirst, "again"), "the same file again changes nothing and records no changeset")
	state1 := factsChecksum(t, st)
	second := importFile(histSecond, "corrected%20role")
	require.NotEmpty(t, second)
	assert.Equal(t, int64(2), neo4jtest.Count(t, st, "MATCH (c:Changeset) RETURN count(c)"))

	rec := get(t, h, "/api/v1/people/person:hist/history")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var hist struct {
		Changesets []cryo.Changeset `json:"changesets"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &hist))
	require.Len(t, hist.Changesets, 2)
	assert.Equal(t, second, hist.Changesets[0].ID, "newest first")
	assert.Equal(t, "corrected role", hist.Changesets[0].Comment)
	assert.Equal(t, "editor token", hist.Changesets[0].By)
	assert.Equal(t, "editor", hist.Changesets[0].Role)
	require.Len(t, hist.Changesets[0].Items, 1, "only the affiliation changed")
	assert.Equal(t, "researcher", hist.Changesets[0].Items[0].Before["props"].(map[string]any)["role"])
	assert.Equal(t, http.StatusNotFound, get(t, h, "/api/v1/people/person:nobody/history").Code)
	assert.Equal(t, http.StatusNotFound, get(t, h, "/api/v1/organizations/person:hist/history").Code, "the kind must match")

	rec = send(t, h, http.MethodPost, "/api/v1/changesets/"+first+"/undo", viewer, "application/json", `{"comment":"no"}`)
	assert.Equal(t, http.StatusForbidden, rec.Code, "a viewer's undo is 403")
	rec = send(t, h, http.MethodPost, "/api/v1/changesets/"+first+"/undo", editor, "application/json", `{"comment":"wrong lab"}`)
	require.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	e := errorOf(t, rec)
	assert.Equal(t, "undo_conflict", e.Code)
	assert.Contains(t, e.Message, second, "the refusal names the later changeset")
	assert.Contains(t, e.Message, "corrected role")

	rec = send(t, h, http.MethodPost, "/api/v1/changesets/"+second+"/undo", editor, "application/json", `{"comment":"the role was right"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	undoID := decodeMap(t, rec)["id"].(string)
	assert.Equal(t, state1, factsChecksum(t, st), "the undo restores the state before exactly")
	rec = send(t, h, http.MethodPost, "/api/v1/changesets/"+second+"/undo", editor, "application/json", `{"comment":"again"}`)
	assert.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, "already_undone", errorOf(t, rec).Code)

	rec = get(t, h, "/api/v1/changesets/"+undoID)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, second, decodeMap(t, rec)["ref"])

	// Every write through the API that recorded a changeset has its audit record naming it.
	rec = send(t, h, http.MethodGet, "/api/v1/audit?limit=50", admin, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var audit struct {
		Events []cryo.AuditEntry `json:"events"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &audit))
	named := map[string]string{}
	for _, ev := range audit.Events {
		if ev.Changeset != "" {
			named[ev.Changeset] = ev.Action
		}
	}
	assert.Equal(t, map[string]string{first: "import", second: "import", undoID: "undo"}, named)
}

// factsChecksum is neo4jtest.Checksum over the facts only (entities, sources, name keys and
// the relationships between them): requests through the API also write audit records and
// touch their tokens.
func factsChecksum(t *testing.T, st *store.Store) string {
	t.Helper()
	var lines []string
	for _, q := range []string{
		"MATCH (n) WHERE n:Entity OR n:NameKey RETURN labels(n), properties(n)",
		"MATCH (a)-[r]->(b) WHERE (a:Entity OR a:NameKey) AND (b:Entity OR b:NameKey) RETURN type(r), coalesce(a.id, a.key), coalesce(b.id, b.key), properties(r)",
	} {
		res, err := neo4j.ExecuteQuery(context.Background(), st.Driver(), q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.Database()))
		require.NoError(t, err)
		for _, rec := range res.Records {
			b, err := json.Marshal(rec.Values)
			require.NoError(t, err)
			lines = append(lines, string(b))
		}
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:])
}

// An ingest through the API records a changeset of kind ingest, in the history of what it
// wrote; ingesting the same records again records none.
func TestIngestRecordsItsChangeset(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := newServer(t, httpapi.Deps{ImportSink: st, Graph: st, Changes: st, Tokens: st, AnonymousRead: true})
	editor := issue(t, st, cryo.RoleEditor)
	body, err := os.ReadFile("../ingest/ror/testdata/synthetic-hierarchy.json") // synthetic ROR records
	require.NoError(t, err)
	changeset := func() string {
		t.Helper()
		rec := send(t, h, http.MethodPost, "/api/v1/ingest/ror?comment=ROR%20test%20records", editor, "application/json", string(body))
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		rep := decodeMap(t, rec)["result"].(map[string]any)["report"].(map[string]any)
		id, _ := rep["changeset"].(string)
		return id
	}
	first := changeset()
	require.NotEmpty(t, first)
	assert.Empty(t, changeset(), "the same records again change nothing")

	rec := get(t, h, "/api/v1/organizations/org:ror-synthetic-000002/history")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var hist struct {
		Changesets []cryo.Changeset `json:"changesets"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &hist))
	require.Len(t, hist.Changesets, 1)
	assert.Equal(t, first, hist.Changesets[0].ID)
	assert.Equal(t, "ingest", hist.Changesets[0].Kind)
	assert.Equal(t, "ROR test records", hist.Changesets[0].Comment)
	assert.Equal(t, "editor", hist.Changesets[0].Role)
	assert.NotEmpty(t, hist.Changesets[0].Items)
}
