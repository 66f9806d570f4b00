package store_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const rekeyRows = `{"type":"source","id":"src:rekey","url":"https://example.org/rekey","title":"A staff list"}
{"type":"person","id":"person:chao_kang","name":"Chao Kang","country":"CN","sources":["src:rekey"]}`

// personKeys lists a person's name keys, each with the merge that added it ("" for its own).
func personKeys(t *testing.T, st *store.Store, id string) []string {
	t.Helper()
	return neo4jtest.Strings(t, st, "MATCH (:Person {id: $id})-[h:HAS_NAME_KEY]->(k:NameKey) RETURN k.key + '|' + coalesce(h.mergeId, '')",
		map[string]any{"id": id})
}

// A graph loaded before the eighth session has a name key per word order of each name
// (zhaogang, gangzhao); migration V0011 re-links every person to one key per name, keeps the
// merge ids of the keys merges added, and deletes the keys left unlinked.
func TestMigrationV0011RekeysPeople(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	loadRows(t, st, "rekey.jsonl", rekeyRows)
	merge, err := st.Merge(ctx, cryo.MergeRequest{Keep: "person:zhao_gang", Absorb: "person:chao_kang", Reason: "test", By: "test"})
	require.NoError(t, err)
	want := personKeys(t, st, "person:zhao_gang")
	assert.Equal(t, []string{cryo.PersonNameKey("Chao Kang") + "|" + merge.ID, "angzhaog|"}, want)
	wantPeople := neo4jtest.Checksum(t, st)

	// The keys as the old loader and merge wrote them.
	neo4jtest.Exec(t, st, "MATCH (:Person {id: 'person:zhao_gang'})-[h:HAS_NAME_KEY]->() DELETE h", nil)
	for _, k := range []struct{ key, mergeID string }{{"zhaogang", ""}, {"gangzhao", ""}, {"chaokang", merge.ID}, {"kangchao", merge.ID}} {
		neo4jtest.Exec(t, st, `MATCH (n:Person {id: 'person:zhao_gang'}) MERGE (k:NameKey {key: $key}) CREATE (n)-[h:HAS_NAME_KEY]->(k)
			SET h.mergeId = CASE $m WHEN '' THEN null ELSE $m END`, map[string]any{"key": k.key, "m": k.mergeID})
	}
	require.NotEqual(t, wantPeople, neo4jtest.Checksum(t, st))
	neo4jtest.Exec(t, st, "MATCH (m:Migration {version: 11}) DELETE m", nil)

	var log bytes.Buffer
	st.SetLog(slog.New(slog.NewTextHandler(&log, nil)))
	applied, err := st.Migrate(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"V0011__person_name_keys"}, applied)
	assert.Contains(t, log.String(), "migration V0011: done", "a long migration says what it does")
	assert.Equal(t, want, personKeys(t, st, "person:zhao_gang"), "one key per name; the merge's key keeps its id")
	assert.Zero(t, neo4jtest.Count(t, st, "MATCH (k:NameKey) WHERE k.key IN ['zhaogang', 'gangzhao', 'chaokang', 'kangchao'] RETURN count(k)"),
		"the old keys are gone")
	assert.Equal(t, wantPeople, neo4jtest.Checksum(t, st), "the graph is as a load with today's keys leaves it")

	n, err := st.RekeyPeople(ctx)
	require.NoError(t, err)
	assert.Equal(t, neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"), int64(n), "every person, in pages")
	assert.Equal(t, wantPeople, neo4jtest.Checksum(t, st), "running it again changes nothing")

	got, err := st.Resolve(ctx, cryo.ResolveQuery{Name: "Kang Chao", Kind: "person", Limit: 10})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "person:zhao_gang", got[0].ID, "a merged name still resolves, in either word order")
	_, err = st.Unmerge(ctx, merge.ID, "test")
	require.NoError(t, err)
	assert.Equal(t, []string{"angzhaog|"}, personKeys(t, st, "person:zhao_gang"), "undoing the merge removes its key")
	assert.Equal(t, []string{cryo.PersonNameKey("Chao Kang") + "|"}, personKeys(t, st, "person:chao_kang"))
}

// An import that renames people unlinks their old names' keys; the refresh after it deletes
// a key nobody has any more, and keeps one another person still has. (Made-up people.)
func TestRefreshDeletesKeysNobodyHas(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	const src = `{"type":"source","id":"src:rename","url":"https://example.org/rename","title":"A made-up staff list"}` + "\n"
	loadRows(t, st, "before.jsonl", src+
		`{"type":"person","id":"person:test_ann_roe","name":"Ann Roe","sources":["src:rename"]}
{"type":"person","id":"person:test_ann_roe_2","name":"Ann Roe","sources":["src:rename"]}
{"type":"person","id":"person:test_bo_lind","name":"Bo Lind","sources":["src:rename"]}`)
	require.NoError(t, st.RefreshDerived(ctx))
	keyCount := func(name string) int {
		return len(neo4jtest.Strings(t, st, "MATCH (k:NameKey {key: $key}) RETURN k.key", map[string]any{"key": cryo.PersonNameKey(name)}))
	}
	require.Equal(t, 1, keyCount("Ann Roe"))
	require.Equal(t, 1, keyCount("Bo Lind"))

	loadRows(t, st, "after.jsonl", src+
		`{"type":"person","id":"person:test_ann_roe","name":"Ann Rowe","sources":["src:rename"]}
{"type":"person","id":"person:test_bo_lind","name":"Bo Linde","sources":["src:rename"]}`)
	assert.Equal(t, 1, keyCount("Bo Lind"), "the import unlinks the old key and leaves the node")
	require.NoError(t, st.RefreshDerived(ctx))
	assert.Zero(t, keyCount("Bo Lind"), "nobody is called Bo Lind any more")
	assert.Equal(t, 1, keyCount("Ann Roe"), "the other Ann Roe keeps her key")
	assert.Equal(t, []string{cryo.PersonNameKey("Ann Rowe") + "|"}, personKeys(t, st, "person:test_ann_roe"))
	assert.Equal(t, []string{cryo.PersonNameKey("Bo Linde") + "|"}, personKeys(t, st, "person:test_bo_lind"))
}
