package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolveNameVariants(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()

	for _, name := range []string{"Gang Zhao", "ZHAO Gang", "赵刚", "趙剛", "zhao-gang", "Prof. Gang Zhao"} {
		t.Run(name+" resolves to one person", func(t *testing.T) {
			got, err := st.Resolve(ctx, cryo.ResolveQuery{Name: name, Kind: "person", Limit: 10})
			require.NoError(t, err)
			require.Len(t, got, 1, "%+v", got)
			assert.Equal(t, "person:zhao_gang", got[0].ID)
			assert.NotEmpty(t, got[0].Reasons)
		})
	}
	t.Run("a mistranslated name reaches USST only through its sourced alias, with the warning", func(t *testing.T) {
		got, err := st.Resolve(ctx, cryo.ResolveQuery{Name: "Shanghai Polytechnic University", Kind: "organization", Limit: 10})
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.Equal(t, "org:usst", got[0].ID)
		require.NotEmpty(t, got[0].AliasNotes)
		for _, n := range got[0].AliasNotes { // one per source of the alias; only the alias that matched
			assert.Contains(t, n, `alias "Shanghai Polytechnic University"`)
			assert.Contains(t, n, "never merge")
		}
		assert.Contains(t, got[0].Reasons[0], `"Shanghai Polytechnic University"`, "the reason names the alias behind the key")
	})
	t.Run("the reason names every name of the entity behind the keys, and only those", func(t *testing.T) {
		got, err := st.Resolve(ctx, cryo.ResolveQuery{Name: "赵刚", Kind: "person", Limit: 10})
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.Len(t, got[0].Reasons, 2, "%v", got[0].Reasons) // its name or alias, and the keys
		for _, name := range []string{`"Zhao Gang"`, `"Gang Zhao"`, `"趙剛"`, `"Prof. Gang Zhao"`, "(key angzhaog)"} {
			assert.Contains(t, got[0].Reasons[1], name)
		}
	})
	t.Run("an organisation found by its own name gets no note about another alias", func(t *testing.T) {
		got, err := st.Resolve(ctx, cryo.ResolveQuery{Name: "University of Shanghai for Science & Technology", Kind: "organization", Limit: 10})
		require.NoError(t, err)
		require.NotEmpty(t, got)
		assert.Equal(t, "org:usst", got[0].ID)
		assert.Empty(t, got[0].AliasNotes)
		assert.NotContains(t, got[0].Reasons[len(got[0].Reasons)-1], "Shanghai Polytechnic University")
	})
	t.Run("an unknown name has no candidates", func(t *testing.T) {
		got, err := st.Resolve(ctx, cryo.ResolveQuery{Name: "Nobody Atall", Limit: 10})
		require.NoError(t, err)
		assert.Empty(t, got)
	})
}

const dupRows = `{"type":"source","id":"src:dup","url":"https://example.org/dup","title":"A conference programme"}
{"type":"person","id":"person:gang_zhao_conf","name":"Gang Zhao","country":"CN","sources":["src:dup"]}
{"type":"organization","id":"org:zju_conf","name":"Shanghai Polytechnic University","kind":"university","country":"CN","sources":["src:dup"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:gang_zhao_conf","to":"org:ustc","title":"speaker","sources":["src:dup"]}`

func loadRows(t *testing.T, st *store.Store, name, rows string) *importer.Report {
	t.Helper()
	rep, err := importer.Load(context.Background(), st, []importer.Input{importer.Bytes(name, []byte(rows))}, importer.Options{})
	require.NoError(t, err, "%+v", rep)
	return rep
}

type snapshot struct {
	nodes, rels int64
	checksum    string
}

func graphSnapshot(t *testing.T, st *store.Store) snapshot {
	var s snapshot
	s.nodes = neo4jtest.Count(t, st, "MATCH (n) WHERE NOT n:Migration AND NOT n:Merge AND NOT n:Changeset AND NOT n:Change RETURN count(n)")
	s.rels = neo4jtest.Count(t, st, "MATCH ()-[r]->() RETURN count(r)")
	s.checksum = neo4jtest.Checksum(t, st)
	return s
}

func TestDuplicatesMergeAndUndo(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	loadRows(t, st, "dup.jsonl", dupRows)

	t.Run("name variants are proposed as duplicates, with reasons", func(t *testing.T) {
		res, err := st.Duplicates(ctx, "person", cryo.Page{Limit: 50})
		require.NoError(t, err)
		var found *cryo.DuplicatePair
		for i, p := range res.Pairs {
			if p.A.ID == "person:gang_zhao_conf" && p.B.ID == "person:zhao_gang" {
				found = &res.Pairs[i]
			}
		}
		require.NotNil(t, found, "%+v", res.Pairs)
		require.NotEmpty(t, found.Reasons)
		// "Gang Zhao" (the programme's) meets Zhao Gang's name and the aliases with its keys.
		assert.Contains(t, found.Reasons[0], `"Gang Zhao" and "Zhao Gang"/"Gang Zhao"/`)
	})
	t.Run("an organisation named like a mistranslation is a candidate, never merged", func(t *testing.T) {
		res, err := st.Duplicates(ctx, "organization", cryo.Page{Limit: 50})
		require.NoError(t, err)
		ids := map[string]bool{}
		for _, p := range res.Pairs {
			ids[p.A.ID+" "+p.B.ID] = true
		}
		assert.True(t, ids["org:usst org:zju_conf"], "proposed: %v", ids)
		assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (o:Organization {id: 'org:zju_conf'}) RETURN count(o)"), "nothing merged automatically")
	})

	require.NoError(t, st.RefreshDerived(ctx)) // merges refresh it: the snapshots must compare like with like
	before := graphSnapshot(t, st)
	var merge cryo.Merge
	t.Run("an explicit merge moves relationships and names", func(t *testing.T) {
		var err error
		merge, err = st.Merge(ctx, cryo.MergeRequest{Keep: "person:zhao_gang", Absorb: "person:gang_zhao_conf", Reason: "same ORCID on the programme", By: "test"})
		require.NoError(t, err)
		assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:gang_zhao_conf'}) RETURN count(p)"))
		assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Person {id: 'person:zhao_gang'})-[r:AFFILIATED_WITH {title: 'speaker'}]->(:Organization {id: 'org:ustc'}) RETURN count(r)"))
		assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (m:Merge {keep: 'person:zhao_gang', gone: 'person:gang_zhao_conf', reason: 'same ORCID on the programme'}) RETURN count(m)"), "the merge is recorded")
		list, err := st.Merges(ctx, cryo.Page{Limit: 10})
		require.NoError(t, err)
		require.NotEmpty(t, list)
		assert.Equal(t, merge.ID, list[0].ID)
	})
	t.Run("re-importing the absorbed id does not bring it back", func(t *testing.T) {
		rep := loadRows(t, st, "dup.jsonl", dupRows)
		assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:gang_zhao_conf'}) RETURN count(p)"))
		require.NotEmpty(t, rep.Redirected)
		assert.Equal(t, "person:zhao_gang", rep.Redirected[0].To)
		assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Person {id: 'person:zhao_gang'})-[r:AFFILIATED_WITH {title: 'speaker'}]->() RETURN count(r)"), "no duplicate link")
	})
	t.Run("a second merge of the same id is refused", func(t *testing.T) {
		_, err := st.Merge(ctx, cryo.MergeRequest{Keep: "person:zhao_gang", Absorb: "person:gang_zhao_conf", Reason: "again"})
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
	})
	t.Run("undo restores the graph exactly", func(t *testing.T) {
		_, err := st.Unmerge(ctx, merge.ID, "test")
		require.NoError(t, err)
		assert.Equal(t, before, graphSnapshot(t, st))
		_, err = st.Unmerge(ctx, merge.ID, "test")
		assert.Equal(t, cryo.ECodeConflict, cryo.ErrorCode(err), "an undone merge cannot be undone twice")
	})
	t.Run("entities of different kinds cannot be merged", func(t *testing.T) {
		_, err := st.Merge(ctx, cryo.MergeRequest{Keep: "person:zhao_gang", Absorb: "org:ustc", Reason: "x"})
		assert.Equal(t, cryo.ECodeInvalid, cryo.ErrorCode(err))
	})
}

func TestExternalIDsAreMergeKeys(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	loadRows(t, st, "a.jsonl", `{"type":"source","id":"src:a","url":"https://example.org/a","title":"A"}
{"type":"person","id":"person:a","name":"Ada Example","orcid":"0000-0002-1825-0097","sources":["src:a"]}
{"type":"organization","id":"org:lab","name":"Example Lab","kind":"lab","sources":["src:a"]}`)
	rep := loadRows(t, st, "b.jsonl", `{"type":"source","id":"src:b","url":"https://example.org/b","title":"B"}
{"type":"person","id":"person:b","name":"A. Example","orcid":"0000-0002-1825-0097","sources":["src:b"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:b","to":"org:lab","sources":["src:b"]}`)
	require.Len(t, rep.Redirected, 1)
	assert.Equal(t, importer.Redirect{From: "person:b", To: "person:a", Reason: "same orcid 0000-0002-1825-0097"}, rep.Redirected[0])
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"))
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Person {id: 'person:a'})-[:AFFILIATED_WITH]->(:Organization {id: 'org:lab'}) RETURN count(*)"))

	_, err := importer.Load(context.Background(), st, []importer.Input{importer.Bytes("c.jsonl", []byte(
		`{"type":"person","id":"person:c","name":"C","orcid":"0000-0001-0000-0001","sources":["src:a"]}
{"type":"person","id":"person:d","name":"D","orcid":"0000-0001-0000-0001","sources":["src:a"]}`))}, importer.Options{})
	assert.ErrorIs(t, err, importer.ErrRejected, "two ids with one ORCID in a file are rejected")
}
