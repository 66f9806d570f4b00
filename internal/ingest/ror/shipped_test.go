package ror_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The records shipped in data/ror land on the curated demo organizations that hold their ids,
// and the partnership map places those organizations at ROR's coordinates (as `up` does).
func TestShippedRecordsPlaceTheDemoOrganizationsOnTheMap(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	inputs, err := ror.FS(data.ROR())
	require.NoError(t, err)
	require.NotEmpty(t, inputs)

	res, err := ror.Ingest(ctx, st, inputs, ror.Options{Retrieved: data.RORRetrieved})
	require.NoError(t, err)
	assert.Equal(t, len(inputs), res.Records, "one record a file")
	assert.Equal(t, res.Records, res.Curated, "every shipped record belongs to a curated demo organization")

	m, err := st.PartnershipMap(ctx, cryo.MapQuery{Level: "institution"})
	require.NoError(t, err)
	byID := map[string]cryo.MapNode{}
	for _, n := range m.Nodes {
		byID[n.ID] = n
	}
	ustc, ok := byID["org:ustc"]
	require.True(t, ok, "USTC is on the map")
	require.NotNil(t, ustc.Lat)
	require.NotNil(t, ustc.Lon)
	// The values of data/ror/04c4dkn09.json's GeoNames location.
	assert.InDelta(t, 31.86389, *ustc.Lat, 1e-9)
	assert.InDelta(t, 117.28083, *ustc.Lon, 1e-9)
	assert.Equal(t, "ror", ustc.PositionSource)
	if sfc, ok := byID["org:sfc"]; ok {
		assert.Nil(t, sfc.Lat, "no ROR record and no curated position: no position")
		assert.Empty(t, sfc.PositionSource)
	}

	again, err := ror.Ingest(ctx, st, inputs, ror.Options{Retrieved: data.RORRetrieved})
	require.NoError(t, err)
	require.NotNil(t, again.Report)
	tot := again.Report.Totals()
	assert.Zero(t, tot.Created+tot.Updated, "a second ingest of the same records changes nothing")
}

// ROR's labels in other languages reach a curated organization through its registry record:
// the search box finds the University of Washington by ROR's Spanish label once the record
// is ingested (the demo row holds no such name).
func TestSearchFindsACuratedOrganizationByItsRORLabel(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	q := cryo.SearchQuery{Text: "Universidad de Washington", Kinds: []string{"organization"}, Limit: 5}
	require.NoError(t, q.Validate())
	before, err := st.Search(ctx, q)
	require.NoError(t, err)
	for _, n := range before {
		require.NotEqual(t, "org:uw", n.ID, "the demo row of UW does not hold ROR's Spanish label itself")
	}

	inputs, err := ror.FS(data.ROR())
	require.NoError(t, err)
	_, err = ror.Ingest(ctx, st, inputs, ror.Options{Retrieved: data.RORRetrieved})
	require.NoError(t, err)

	after, err := st.Search(ctx, q)
	require.NoError(t, err)
	require.NotEmpty(t, after)
	assert.Equal(t, "org:uw", after[0].ID, "ROR's label (es) of 00cvxb145 names the University of Washington")
}
