package export_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/export"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mergeRows = `{"type":"source","id":"src:dup","url":"https://example.org/dup","title":"A conference programme"}
{"type":"person","id":"person:gang_zhao_conf","name":"Gang Zhao","aliases":["G. Zhao"],"country":"CN","sources":["src:dup"]}
{"type":"person","id":"person:undone","name":"Undone Person","sources":["src:dup"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:gang_zhao_conf","to":"org:ustc","title":"speaker","sources":["src:dup"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:undone","to":"org:ustc","title":"guest","sources":["src:dup"]}`

// A graph that holds merges exports, re-imports to the same graph with the same merge
// records, and a merge can still be undone after the restore.
func TestJSONLRoundTripsMerges(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	load(t, st, []byte(mergeRows))
	active, err := st.Merge(ctx, cryo.MergeRequest{Keep: "person:zhao_gang", Absorb: "person:gang_zhao_conf", Reason: "same person", By: "test"})
	require.NoError(t, err)
	undone, err := st.Merge(ctx, cryo.MergeRequest{Keep: "person:zhao_gang", Absorb: "person:undone", Reason: "a mistake", By: "test"})
	require.NoError(t, err)
	_, err = st.Unmerge(ctx, undone.ID, "test")
	require.NoError(t, err)
	original := takeSnapshot(t, st)
	// The whole graph, name keys included; the derived data's bookkeeping (DerivedState) is
	// left out: it counts refreshes, and a replayed merge refreshes once more or less.
	checksum := neo4jtest.Checksum(t, st)
	merges := neo4jtest.Strings(t, st, "MATCH (m:Merge) RETURN m.id + ' ' + m.keep + ' ' + m.gone + ' ' + m.at + ' ' + coalesce(m.undoneAt, '-') + ' ' + m.snapshot AS x", nil)

	first := exportJSONL(t, st, export.Options{})
	assert.Contains(t, string(first), `{"type":"merge","id":"`+active.ID+`","keep":"person:zhao_gang","absorbed":"person:gang_zhao_conf","reason":"same person"`)
	assert.NotContains(t, string(first), `"id":"person:gang_zhao_conf","name"`, "the absorbed entity comes back from the merge row's snapshot")

	rep := reload(t, st, first)
	assert.Equal(t, 2, rep.Nodes["Merge"].Created)
	reloaded := takeSnapshot(t, st)
	assert.Equal(t, original.Nodes, reloaded.Nodes)
	assert.Equal(t, original.Rels, reloaded.Rels)
	assert.Equal(t, checksum, neo4jtest.Checksum(t, st), "the same graph, merges included")
	assert.Equal(t, merges, neo4jtest.Strings(t, st, "MATCH (m:Merge) RETURN m.id + ' ' + m.keep + ' ' + m.gone + ' ' + m.at + ' ' + coalesce(m.undoneAt, '-') + ' ' + m.snapshot AS x", nil),
		"the same merge records")
	assert.Equal(t, string(first), string(exportJSONL(t, st, export.Options{})), "the restored graph exports the same bytes")

	again := load(t, st, first)
	assert.Equal(t, 2, again.Nodes["Merge"].Unchanged, "loading the export again changes nothing")

	_, err = st.Unmerge(ctx, active.ID, "test")
	require.NoError(t, err, "the merge can be undone after the restore")
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:gang_zhao_conf', name: 'Gang Zhao'})-[:AFFILIATED_WITH {title: 'speaker'}]->(:Organization {id: 'org:ustc'}) RETURN count(p)"))
	assert.Zero(t, neo4jtest.Count(t, st, "MATCH (p:Person {id: 'person:zhao_gang'}) WHERE p.mergedIds IS NOT NULL RETURN count(p)"))
	assert.True(t, strings.Contains(string(first), `"undone_at":"`), "an undone merge keeps its record")
}
