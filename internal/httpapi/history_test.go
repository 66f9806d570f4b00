package httpapi_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sampleChangeset = cryo.Changeset{
	ChangeMeta: cryo.ChangeMeta{ID: "cs-20261207T100000.000000Z-0a0b0c0d", Kind: "import", By: "Ed Itor", Role: "editor",
		At: "2026-12-07T10:00:00.000000Z", Comment: "load people.jsonl", Source: "people.jsonl"},
	Changes: 1,
	Items: []cryo.Change{{Kind: "node", Target: "person:a", Label: "Person",
		Before: map[string]any{"label": "Person", "props": map[string]any{"name": "A", "country": "CN"}, "sources": []any{"src:x"}},
		After:  map[string]any{"label": "Person", "props": map[string]any{"name": "A", "country": "FR"}, "sources": []any{"src:x"}}}},
}

func TestHistoryEndpointsOverFakes(t *testing.T) {
	var asked []string
	ch := &mock.Changes{
		HistoryFn: func(_ context.Context, kind, id string, page cryo.Page) ([]cryo.Changeset, error) {
			asked = append(asked, kind+" "+id)
			if id == "person:nobody" {
				return nil, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: `no person has id "person:nobody"`}
			}
			return []cryo.Changeset{sampleChangeset}, nil
		},
		ChangesetFn: func(_ context.Context, id string, page cryo.Page) (cryo.Changeset, error) {
			if id != sampleChangeset.ID {
				return cryo.Changeset{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: "no changeset has id " + id}
			}
			return sampleChangeset, nil
		},
	}
	h := newServer(t, httpapi.Deps{Changes: ch, AnonymousRead: true})

	for segment, kind := range map[string]string{"people": "person", "organizations": "organization", "topics": "topic",
		"partnerships": "partnership", "events": "event"} {
		rec := get(t, h, "/api/v1/"+segment+"/x:1/history?limit=5")
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		m := decodeMap(t, rec)
		assert.Equal(t, kind, m["kind"])
		css := m["changesets"].([]any)
		require.Len(t, css, 1)
		item := css[0].(map[string]any)["items"].([]any)[0].(map[string]any)
		assert.Equal(t, "FR", item["after"].(map[string]any)["props"].(map[string]any)["country"], "states are objects")
		assert.Contains(t, asked, kind+" x:1")
	}
	rec := get(t, h, "/api/v1/people/person:nobody/history")
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Equal(t, "not_found", errorOf(t, rec).Code)
	rec = get(t, h, "/api/v1/people/person:a/history?limit=0")
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "limit", errorOf(t, rec).Field)
	assert.Equal(t, http.StatusNotFound, get(t, h, "/api/v1/planets/x/history").Code, "kinds come from an allow-list")

	rec = get(t, h, "/api/v1/changesets/"+sampleChangeset.ID)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, "load people.jsonl", decodeMap(t, rec)["comment"])
	assert.Equal(t, http.StatusNotFound, get(t, h, "/api/v1/changesets/cs-nope").Code)
}

func TestUndoEndpointOverFakes(t *testing.T) {
	ts := newTokens()
	var undos []cryo.ChangeMeta
	ch := &mock.Changes{
		UndoFn: func(_ context.Context, id string, meta cryo.ChangeMeta) (cryo.Changeset, error) {
			switch id {
			case "cs-old":
				return cryo.Changeset{}, cryo.Errorf(cryo.ECodeUndoConflict, "changeset cs-old cannot be undone: person:a was changed since by changeset cs-new (import by Ed at 2026-12-07: \"second load\"); undo that one first; nothing was undone")
			case "cs-done":
				return cryo.Changeset{}, cryo.Errorf(cryo.ECodeAlreadyUndone, "changeset cs-done was already undone by changeset cs-u")
			case "cs-missing":
				return cryo.Changeset{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: "no changeset has id cs-missing"}
			}
			undos = append(undos, meta)
			return cryo.Changeset{ChangeMeta: cryo.ChangeMeta{ID: "cs-undo", Kind: "undo", By: meta.By, Role: meta.Role, At: "2026-12-07T11:00:00.000000Z",
				Comment: meta.Comment, Ref: id}, Changes: 1, Items: []cryo.Change{}}, nil
		},
	}
	var mu sync.Mutex
	var audits []cryo.AuditEntry
	auditor := &mock.Auditor{AuditFn: func(_ context.Context, e cryo.AuditEntry) error {
		mu.Lock()
		defer mu.Unlock()
		audits = append(audits, e)
		return nil
	}}
	h := newServer(t, httpapi.Deps{Changes: ch, Tokens: ts.store(), Auditor: auditor, AnonymousRead: true})
	editor := ts.issue(t, "Ed Itor", cryo.RoleEditor, 0, time.Now())
	viewer := ts.role(t, cryo.RoleViewer)

	rec := send(t, h, http.MethodPost, "/api/v1/changesets/cs-1/undo", "", "application/json", `{"comment":"x"}`)
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	rec = send(t, h, http.MethodPost, "/api/v1/changesets/cs-1/undo", viewer, "application/json", `{"comment":"x"}`)
	assert.Equal(t, http.StatusForbidden, rec.Code, "a viewer may not undo")
	for _, tt := range []struct{ name, body, field string }{
		{"a missing comment", `{}`, "comment"},
		{"a blank comment", `{"comment":"   "}`, "comment"},
		{"an unknown field", `{"comment":"x","why":"y"}`, "why"},
	} {
		t.Run(tt.name+" is a 400 naming the field", func(t *testing.T) {
			rec := send(t, h, http.MethodPost, "/api/v1/changesets/cs-1/undo", editor, "application/json", tt.body)
			assert.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			assert.Equal(t, tt.field, errorOf(t, rec).Field)
		})
	}
	require.Empty(t, undos)

	rec = send(t, h, http.MethodPost, "/api/v1/changesets/cs-old/undo", editor, "application/json", `{"comment":"wrong"}`)
	assert.Equal(t, http.StatusConflict, rec.Code)
	e := errorOf(t, rec)
	assert.Equal(t, "undo_conflict", e.Code)
	assert.Contains(t, e.Message, "cs-new", "the refusal names the later changeset")
	rec = send(t, h, http.MethodPost, "/api/v1/changesets/cs-done/undo", editor, "application/json", `{"comment":"again"}`)
	assert.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, "already_undone", errorOf(t, rec).Code)
	rec = send(t, h, http.MethodPost, "/api/v1/changesets/cs-missing/undo", editor, "application/json", `{"comment":"x"}`)
	assert.Equal(t, http.StatusNotFound, rec.Code)

	rec = send(t, h, http.MethodPost, "/api/v1/changesets/cs-1/undo", editor, "application/json", `{"comment":"the wrong country"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Equal(t, "cs-undo", decodeMap(t, rec)["id"])
	require.Len(t, undos, 1)
	assert.Equal(t, "Ed Itor", undos[0].By)
	assert.Equal(t, "editor", undos[0].Role)
	assert.Equal(t, "the wrong country", undos[0].Comment)

	mu.Lock()
	defer mu.Unlock()
	var named []cryo.AuditEntry
	for _, a := range audits {
		if a.Changeset != "" {
			named = append(named, a)
		}
	}
	require.Len(t, named, 1, "only the undo that succeeded recorded a changeset: %+v", audits)
	assert.Equal(t, "cs-undo", named[0].Changeset)
	assert.Equal(t, "undo", named[0].Action)
}

func TestMergeRecordsItsChangesetOverFakes(t *testing.T) {
	ts := newTokens()
	var seen cryo.ChangeMeta
	m := &mock.Merger{MergeFn: func(ctx context.Context, req cryo.MergeRequest) (cryo.Merge, error) {
		seen, _ = cryo.ChangeFrom(ctx)
		return cryo.Merge{ID: "merge:1", Keep: req.Keep, Absorbed: req.Absorb, Reason: req.Reason, By: req.By, At: "2025-01-01T00:00:00Z", AddedName: []string{}}, nil
	}}
	var audits []cryo.AuditEntry
	auditor := &mock.Auditor{AuditFn: func(_ context.Context, e cryo.AuditEntry) error { audits = append(audits, e); return nil }}
	h := newServer(t, httpapi.Deps{Merger: m, Tokens: ts.store(), Auditor: auditor})
	editor := ts.issue(t, "Ed Itor", cryo.RoleEditor, 0, time.Now())
	rec := send(t, h, http.MethodPost, "/api/v1/merges", editor, "application/json", `{"keep":"person:a","absorb":"person:b","reason":"same person"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Equal(t, "merge", seen.Kind)
	assert.Equal(t, "Ed Itor", seen.By)
	assert.Equal(t, "editor", seen.Role)
	assert.Equal(t, "same person", seen.Comment)
	require.NotEmpty(t, seen.ID)
	require.Len(t, audits, 1)
	assert.Equal(t, seen.ID, audits[0].Changeset, "the audit record names the merge's changeset")
}
