//go:build integration

package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A form's edit goes through the loader: the same validation and messages as a file, each
// error on its row and field, and nothing written when one row is wrong.
func TestEditsGoThroughTheLoader(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	h := newServer(t, httpapi.Deps{ImportSink: st, Graph: st, Tokens: st, Exporter: st, Changes: st, Retractor: st})
	editor, viewer := issue(t, st, cryo.RoleEditor), issue(t, st, cryo.RoleViewer)
	add := `{"comment": "a new lab from its web page",
	  "source": {"url": "https://example.org/lab", "title": "Lab A (synthetic)", "published": "2026-11"},
	  "rows": [{"type": "organization", "id": "org:syn_lab_a", "name": "Synthetic Lab A", "kind": "lab", "country": "DE", "synthetic": true},
	           {"type": "person", "id": "person:syn_a", "name": "Ada Synth", "synthetic": true},
	           {"type": "link", "rel": "AFFILIATED_WITH", "from": "person:syn_a", "to": "org:syn_lab_a", "role": "head", "since": "2024"}]}`

	rec := send(t, h, http.MethodPost, "/api/v1/edits", viewer, "application/json", add)
	assert.Equal(t, http.StatusForbidden, rec.Code, "a viewer cannot write")

	noSource := `{"comment": "x", "rows": [{"type": "person", "id": "person:syn_b", "name": "B"}]}`
	rec = send(t, h, http.MethodPost, "/api/v1/edits", editor, "application/json", noSource)
	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	assert.Equal(t, "source", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/edits", editor, "application/json", `{"source": {"id": "src:x"}, "rows": [{"type": "person", "id": "person:syn_b", "name": "B"}]}`)
	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	assert.Equal(t, "comment", errorOf(t, rec).Field)

	rec = send(t, h, http.MethodPost, "/api/v1/edits", editor, "application/json", add)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Person {id: 'person:syn_a'})-[a:AFFILIATED_WITH {role: 'head'}]->(:Organization {id: 'org:syn_lab_a'}) WHERE a.sources = [s IN a.sources WHERE s STARTS WITH 'src:web-'] RETURN count(a)"),
		"the rows rest on the edit's source")
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (s:Source {url: 'https://example.org/lab', title: 'Lab A (synthetic)', published: '2026-11'}) RETURN count(s)"))

	rec = send(t, h, http.MethodGet, "/api/v1/people/person:syn_a/history", editor, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	edit := decodeMap(t, rec)["changesets"].([]any)[0].(map[string]any)
	assert.Equal(t, "edit", edit["kind"], "a form's edit is a changeset of its own")
	assert.Equal(t, "a new lab from its web page", edit["comment"])
	assert.Contains(t, edit["source"], "src:web-")
	assert.NotEmpty(t, edit["by"])

	rec = send(t, h, http.MethodPost, "/api/v1/edits", editor, "application/json", add)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	report := decodeMap(t, rec)["report"].(map[string]any)
	assert.Equal(t, float64(0), report["nodes"].(map[string]any)["Person"].(map[string]any)["created"], "the same edit again creates nothing")
	assert.Empty(t, report["changeset"], "and records no changeset")

	bad := `{"comment": "fix the dates", "source": {"url": "https://example.org/lab", "title": "Lab A (synthetic)"},
	  "rows": [{"type": "person", "id": "person:syn_c", "name": "C Synth", "synthetic": true},
	           {"type": "link", "rel": "AFFILIATED_WITH", "from": "person:syn_c", "to": "org:syn_lab_a", "since": "2024-13"}]}`
	rec = send(t, h, http.MethodPost, "/api/v1/edits", editor, "application/json", bad)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
	fields := decodeMap(t, rec)["fields"].([]any)
	require.Len(t, fields, 1)
	f := fields[0].(map[string]any)
	assert.Equal(t, float64(1), f["row"], "the error names the row of the request")
	assert.Equal(t, "since", f["field"])
	assert.Contains(t, f["reason"], "not a date")
	assert.Zero(t, neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:syn_c'}) RETURN count(p)"), "nothing of a rejected edit is written")

	rec = send(t, h, http.MethodPost, "/api/v1/edits", editor, "application/json", `{"comment": "x", "source": {"url": "ftp://example.org/x", "title": "T"}, "rows": [{"type": "person", "id": "person:syn_d", "name": "D"}]}`)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
	f = decodeMap(t, rec)["fields"].([]any)[0].(map[string]any)
	assert.Equal(t, float64(-1), f["row"])
	assert.Equal(t, "source.url", f["field"], "a bad new source is named as the edit's source")

	// A form edits the whole row: what it does not show is sent back as it was.
	rec = send(t, h, http.MethodGet, "/api/v1/rows/person:syn_a", editor, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	rows := decodeMap(t, rec)
	row := rows["row"].(map[string]any)
	assert.Equal(t, "Ada Synth", row["name"])
	assert.Equal(t, true, row["synthetic"])
	require.Len(t, row["sources"], 1)
	require.Len(t, rows["sources"], 1)
	require.Len(t, rows["links"], 1, "the entity's links, for a form to correct one")
	link := rows["links"].([]any)[0].(map[string]any)
	assert.Equal(t, "AFFILIATED_WITH", link["rel"])
	assert.Equal(t, "head", link["role"])
	assert.Equal(t, "https://example.org/lab", rows["sources"].([]any)[0].(map[string]any)["url"])
	assert.Equal(t, http.StatusNotFound, send(t, h, http.MethodGet, "/api/v1/rows/person:nobody_here", editor, "", "").Code)
	assert.Equal(t, http.StatusForbidden, send(t, h, http.MethodGet, "/api/v1/rows/person:syn_a", viewer, "", "").Code)

	// A wrong fact is retracted with a reason: it leaves the profile, the history keeps it,
	// and undoing the retraction puts it back.
	retract := `{"from": "person:syn_a", "rel": "AFFILIATED_WITH", "to": "org:syn_lab_a", "reason": "she never worked there (synthetic)"}`
	assert.Equal(t, http.StatusForbidden, send(t, h, http.MethodPost, "/api/v1/retractions", viewer, "application/json", retract).Code)
	rec = send(t, h, http.MethodPost, "/api/v1/retractions", editor, "application/json", `{"from": "pship:x", "rel": "PARTY_TO", "to": "org:syn_lab_a", "reason": "x"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	assert.Equal(t, "rel", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/retractions", editor, "application/json", `{"from": "person:syn_a", "rel": "AFFILIATED_WITH", "to": "org:syn_lab_a"}`)
	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	assert.Equal(t, "reason", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/retractions", editor, "application/json", retract)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	cs := decodeMap(t, rec)["id"].(string)
	assert.Zero(t, neo4jtest.Count(t, st, "MATCH (:Person {id: 'person:syn_a'})-[a:AFFILIATED_WITH]->() RETURN count(a)"), "the fact leaves the graph's queries")
	rec = send(t, h, http.MethodPost, "/api/v1/retractions", editor, "application/json", retract)
	assert.Equal(t, http.StatusNotFound, rec.Code, "a fact retracted already is not there: %s", rec.Body.String())

	rec = send(t, h, http.MethodGet, "/api/v1/people/person:syn_a/history", editor, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	first := decodeMap(t, rec)["changesets"].([]any)[0].(map[string]any)
	assert.Equal(t, "retract", first["kind"], "the history keeps the retraction, newest first")
	assert.Equal(t, "she never worked there (synthetic)", first["comment"])

	rec = send(t, h, http.MethodPost, "/api/v1/changesets/"+cs+"/undo", editor, "application/json", `{"comment": "it was right after all"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Person {id: 'person:syn_a'})-[a:AFFILIATED_WITH {role: 'head'}]->() RETURN count(a)"), "the undo puts the fact back")
}
