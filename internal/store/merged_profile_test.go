package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An absorbed id keeps answering after a merge: with the kept entity's profile, saying it
// was merged and by which record. After the undo it answers for itself again.
func TestAnAbsorbedIDAnswersWithTheKeptEntity(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	_, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("absorbed.jsonl", []byte(
		`{"type":"source","id":"src:absorbed","url":"https://example.org/absorbed","title":"A programme"}
{"type":"person","id":"person:gang_zhao_conf","name":"Gang Zhao","country":"CN","sources":["src:absorbed"]}`))}, importer.Options{})
	require.NoError(t, err)

	own, err := st.Profile(ctx, "person", "person:gang_zhao_conf")
	require.NoError(t, err)
	assert.Nil(t, own.MergedFrom)

	m, err := st.Merge(ctx, cryo.MergeRequest{Keep: "person:zhao_gang", Absorb: "person:gang_zhao_conf", Reason: "same person", By: "test"})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = st.Unmerge(context.Background(), m.ID, "test") })

	p, err := st.Profile(ctx, "person", "person:gang_zhao_conf")
	require.NoError(t, err, "an absorbed id is not a 404")
	assert.Equal(t, "person:zhao_gang", p.Entity["id"])
	require.NotNil(t, p.MergedFrom)
	assert.Equal(t, "person:gang_zhao_conf", p.MergedFrom.ID)
	assert.Equal(t, m.ID, p.MergedFrom.Merge.ID)
	assert.Equal(t, "person:zhao_gang", p.MergedFrom.Merge.Keep)
	assert.Equal(t, "same person", p.MergedFrom.Merge.Reason)

	kept, err := st.Profile(ctx, "person", "person:zhao_gang")
	require.NoError(t, err)
	assert.Nil(t, kept.MergedFrom, "the kept id answers for itself")

	_, err = st.Profile(ctx, "organization", "person:gang_zhao_conf")
	assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err), "a person's id is no organization, merged or not")

	_, err = st.Unmerge(ctx, m.ID, "test")
	require.NoError(t, err)
	p, err = st.Profile(ctx, "person", "person:gang_zhao_conf")
	require.NoError(t, err)
	assert.Equal(t, "person:gang_zhao_conf", p.Entity["id"])
	assert.Nil(t, p.MergedFrom, "after the undo the id is itself again")
}
