package store_test

// Changesets: every kind of write (import, ingest, merge, unmerge) records one, history lists
// them, undo reverts exactly or refuses naming the later change. Synthetic data (made-up
// names, "synthetic": true).

import (
	"context"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const csFirst = `{"type":"source","id":"src:cs","url":"https://example.org/cs","title":"Synthetic changeset source"}
{"type":"organization","id":"org:cs1","name":"Synthetic Cryo Institute","kind":"institute","country":"CN","sources":["src:cs"],"synthetic":true}
{"type":"person","id":"person:cs1","name":"Alba Frostwell","country":"CN","sources":["src:cs"],"synthetic":true}
{"type":"person","id":"person:cs2","name":"Boris Icefield","country":"DE","sources":["src:cs"],"synthetic":true}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:cs1","to":"org:cs1","role":"researcher","sources":["src:cs"]}
`

// csSecond changes Alba's country and her affiliation's role.
const csSecond = `{"type":"source","id":"src:cs","url":"https://example.org/cs","title":"Synthetic changeset source"}
{"type":"organization","id":"org:cs1","name":"Synthetic Cryo Institute","kind":"institute","country":"CN","sources":["src:cs"],"synthetic":true}
{"type":"person","id":"person:cs1","name":"Alba Frostwell","country":"FR","sources":["src:cs"],"synthetic":true}
{"type":"person","id":"person:cs2","name":"Boris Icefield","country":"DE","sources":["src:cs"],"synthetic":true}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:cs1","to":"org:cs1","role":"professor","sources":["src:cs"]}
`

func loadCS(t *testing.T, st *store.Store, name, data string, meta cryo.ChangeMeta) *importer.Report {
	t.Helper()
	rep, err := importer.LoadAndRefresh(context.Background(), st, []importer.Input{importer.Bytes(name, []byte(data))}, importer.Options{Change: meta})
	require.NoError(t, err, "%+v", rep)
	return rep
}

func TestChangesetsOfLoadsAndUndo(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	page := cryo.Page{Limit: 100}

	first := loadCS(t, st, "first.jsonl", csFirst, cryo.ChangeMeta{By: "tester", Role: "editor", Comment: "first load", Source: "first.jsonl"})
	require.NotEmpty(t, first.Changeset)
	cs1, err := st.Changeset(ctx, first.Changeset, page)
	require.NoError(t, err)
	assert.Equal(t, "import", cs1.Kind)
	assert.Equal(t, "tester", cs1.By)
	assert.Equal(t, "editor", cs1.Role)
	assert.Equal(t, "first load", cs1.Comment)
	assert.Equal(t, 5, cs1.Changes, "a source, an organization, two people and a link")
	require.Len(t, cs1.Items, 5)
	for _, c := range cs1.Items {
		assert.Nil(t, c.Before, "%s was created", c.Target)
		require.NotNil(t, c.After, c.Target)
	}
	alba := findChange(t, cs1.Items, "person:cs1")
	assert.Equal(t, "Person", alba.After["label"])
	assert.Equal(t, "Alba Frostwell", alba.After["props"].(map[string]any)["name"])
	assert.Equal(t, []any{"src:cs"}, alba.After["sources"])
	state1 := neo4jtest.Checksum(t, st)

	again := loadCS(t, st, "first.jsonl", csFirst, cryo.ChangeMeta{By: "tester", Comment: "first load again"})
	assert.Empty(t, again.Changeset, "a load that changes nothing records no changeset")
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (c:Changeset) RETURN count(c)"))

	second := loadCS(t, st, "second.jsonl", csSecond, cryo.ChangeMeta{By: "tester", Comment: "second load"})
	require.NotEmpty(t, second.Changeset)
	cs2, err := st.Changeset(ctx, second.Changeset, page)
	require.NoError(t, err)
	require.Len(t, cs2.Items, 2, "Alba and her affiliation changed: %+v", cs2.Items)
	alba2 := findChange(t, cs2.Items, "person:cs1")
	assert.Equal(t, "CN", alba2.Before["props"].(map[string]any)["country"])
	assert.Equal(t, "FR", alba2.After["props"].(map[string]any)["country"])
	aff := findChange(t, cs2.Items, "person:cs1|AFFILIATED_WITH|org:cs1|")
	assert.Equal(t, "researcher", aff.Before["props"].(map[string]any)["role"])
	assert.Equal(t, "professor", aff.After["props"].(map[string]any)["role"])

	hist, err := st.History(ctx, "person", "person:cs1", page)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	assert.Equal(t, second.Changeset, hist[0].ID, "newest first")
	assert.Equal(t, first.Changeset, hist[1].ID)
	assert.Len(t, hist[1].Items, 2, "the node and its affiliation")

	_, err = st.Undo(ctx, first.Changeset, cryo.ChangeMeta{By: "tester", Comment: "undo the first"})
	require.Error(t, err)
	assert.Equal(t, cryo.ECodeUndoConflict, cryo.ErrorCode(err))
	assert.Contains(t, cryo.ErrorMessage(err), second.Changeset, "the refusal names the later changeset")
	assert.Contains(t, cryo.ErrorMessage(err), "second load")

	undo, err := st.Undo(ctx, second.Changeset, cryo.ChangeMeta{By: "tester", Role: "editor", Comment: "wrong country"})
	require.NoError(t, err)
	assert.Equal(t, "undo", undo.Kind)
	assert.Equal(t, state1, neo4jtest.Checksum(t, st), "the undo restores the first state exactly")
	_, err = st.Undo(ctx, second.Changeset, cryo.ChangeMeta{By: "tester", Comment: "again"})
	assert.Equal(t, cryo.ECodeAlreadyUndone, cryo.ErrorCode(err))
	_, err = st.Undo(ctx, undo.ID, cryo.ChangeMeta{By: "tester", Comment: "undo the undo"})
	assert.Equal(t, cryo.ECodeUndoConflict, cryo.ErrorCode(err))

	// With the second undone, the first can go: the graph is empty of its entities again.
	_, err = st.Undo(ctx, first.Changeset, cryo.ChangeMeta{By: "tester", Comment: "undo the first"})
	require.NoError(t, err)
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (n:Entity) RETURN count(n)"))
	hist, err = st.History(ctx, "person", "person:cs1", page)
	require.NoError(t, err)
	require.Len(t, hist, 4, "two loads and two undos")
	assert.Equal(t, "undo", hist[0].Kind)
	assert.Equal(t, first.Changeset, hist[0].Ref)
}

func TestChangesetsOfMergeAndUnmerge(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	page := cryo.Page{Limit: 100}
	loadCS(t, st, "first.jsonl", csFirst, cryo.ChangeMeta{By: "tester", Comment: "first load"})

	m, err := st.Merge(ctx, cryo.MergeRequest{Keep: "person:cs1", Absorb: "person:cs2", Reason: "synthetic duplicate", By: "curator"})
	require.NoError(t, err)
	hist, err := st.History(ctx, "person", "person:cs1", page)
	require.NoError(t, err)
	require.NotEmpty(t, hist)
	assert.Equal(t, "merge", hist[0].Kind)
	assert.Equal(t, m.ID, hist[0].Ref)
	assert.Equal(t, "synthetic duplicate", hist[0].Comment)
	full, err := st.Changeset(ctx, hist[0].ID, page)
	require.NoError(t, err)
	gone := findChange(t, full.Items, "person:cs2")
	assert.Nil(t, gone.After, "the absorbed node is gone")
	assert.Equal(t, "Boris Icefield", gone.Before["props"].(map[string]any)["name"])

	_, err = st.Unmerge(ctx, m.ID, "curator")
	require.NoError(t, err)
	hist, err = st.History(ctx, "person", "person:cs2", page)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(hist), 3, "load, merge, unmerge")
	assert.Equal(t, "unmerge", hist[0].Kind)
	assert.Equal(t, hist[0].ID, hist[1].UndoneBy, "the merge's changeset is marked undone by the unmerge's")

	// A merge undone through its changeset is an unmerge.
	m2, err := st.Merge(ctx, cryo.MergeRequest{Keep: "person:cs1", Absorb: "person:cs2", Reason: "again", By: "curator"})
	require.NoError(t, err)
	hist, err = st.History(ctx, "person", "person:cs1", page)
	require.NoError(t, err)
	require.Equal(t, m2.ID, hist[0].Ref)
	u, err := st.Undo(ctx, hist[0].ID, cryo.ChangeMeta{By: "tester", Comment: "not the same person"})
	require.NoError(t, err)
	assert.Equal(t, "unmerge", u.Kind)
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (n:Person {id: 'person:cs2'}) RETURN count(n)"))
}

func findChange(t *testing.T, items []cryo.Change, target string) cryo.Change {
	t.Helper()
	for _, c := range items {
		if c.Target == target {
			return c
		}
	}
	var got []string
	for _, c := range items {
		got = append(got, c.Target)
	}
	require.FailNow(t, "no change of "+target, strings.Join(got, ", "))
	return cryo.Change{}
}
