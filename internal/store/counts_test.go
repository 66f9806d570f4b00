package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A topic's count (the chip's number) is the expert search's total for that topic: one
// definition of an expert, counted once.
func TestTopicCountsAreTheExpertSearchTotals(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	tree, err := st.Topics(ctx)
	require.NoError(t, err)
	var walk func(ns []cryo.TopicNode)
	checked := 0
	walk = func(ns []cryo.TopicNode) {
		for _, n := range ns {
			q := cryo.ExpertQuery{Topic: n.ID, Page: cryo.Page{Limit: 1}}
			res, err := st.ExpertsByTopic(ctx, q)
			require.NoError(t, err)
			assert.Equal(t, res.Total, n.TotalExperts, "topic %s", n.ID)
			checked++
			walk(n.Children)
		}
	}
	walk(tree)
	assert.Greater(t, checked, 5)
}
