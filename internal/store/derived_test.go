package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// expertPages asks expert search for every topic, at a few pages, without filters: the
// questions the stored rankings answer.
func expertPages(t *testing.T, st *store.Store, topics []string) map[string]cryo.ExpertResult {
	t.Helper()
	out := map[string]cryo.ExpertResult{}
	for _, topic := range topics {
		for _, page := range []cryo.Page{{Limit: 20}, {Limit: 2, Offset: 1}, {Limit: 5, Offset: 50}} {
			res, err := st.ExpertsByTopic(context.Background(), cryo.ExpertQuery{Topic: topic, Page: page})
			require.NoError(t, err)
			out[topic+" "+string(rune('0'+page.Offset%10))+string(rune('0'+page.Limit%10))] = res
		}
	}
	return out
}

func topicIDs(t *testing.T, st *store.Store) []string {
	t.Helper()
	tree, err := st.Topics(context.Background())
	require.NoError(t, err)
	var ids []string
	var walk func([]cryo.TopicNode)
	walk = func(ns []cryo.TopicNode) {
		for _, n := range ns {
			ids = append(ids, n.ID)
			walk(n.Children)
		}
	}
	walk(tree)
	require.NotEmpty(t, ids)
	return ids
}

// The stored rankings give exactly the answers of the live ranking, and follow imports and
// merges once refreshed.
func TestRefreshDerived(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	topics := topicIDs(t, st)

	live := expertPages(t, st, topics) // nothing stored yet: every answer is ranked live
	require.NoError(t, st.RefreshDerived(ctx))
	assert.Equal(t, neo4jtest.Count(t, st, "MATCH (t:Topic) RETURN count(t)"), neo4jtest.Count(t, st, "MATCH (r:TopicRanking) RETURN count(r)"))
	assert.Equal(t, live, expertPages(t, st, topics), "stored rankings answer as the live one does")
	require.NoError(t, st.RefreshDerived(ctx))
	assert.Equal(t, live, expertPages(t, st, topics), "refreshing again changes nothing")

	t.Run("an import is seen once refreshed", func(t *testing.T) {
		loadRows(t, st, "derived.jsonl", `{"type":"source","id":"src:derived","url":"https://example.org/derived","title":"A test record"}
{"type":"person","id":"person:aaa_derived","name":"Aaa Derived","country":"CN","sources":["src:derived"]}
{"type":"link","rel":"WORKS_ON","from":"person:aaa_derived","to":"topic:organ-preservation","sources":["src:derived"]}
{"type":"link","rel":"WORKS_ON","from":"person:aaa_derived","to":"topic:organ-vitrification","sources":["src:derived"]}`)
		require.NoError(t, st.RefreshDerived(ctx))
		res, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "topic:organ-preservation", Page: cryo.Page{Limit: 50}})
		require.NoError(t, err)
		before := live["topic:organ-preservation 00"]
		assert.Equal(t, before.Total+1, res.Total)
		var ids []string
		for _, e := range res.Experts {
			ids = append(ids, e.ID)
		}
		assert.Contains(t, ids, "person:aaa_derived")
		// without the stored rankings the same question is ranked live: same answer
		_, err = neo4j.ExecuteQuery(ctx, st.Driver(), "MATCH (r:TopicRanking) DELETE r", nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(st.Database()))
		require.NoError(t, err)
		again, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "topic:organ-preservation", Page: cryo.Page{Limit: 50}})
		require.NoError(t, err)
		assert.Equal(t, res, again)
		var liveIDs []string
		for _, e := range again.Experts {
			liveIDs = append(liveIDs, e.ID)
		}
		assert.Equal(t, liveIDs, ids)
	})
	t.Run("a merge refreshes, and so does its undoing", func(t *testing.T) {
		m, err := st.Merge(ctx, cryo.MergeRequest{Keep: "person:zhao_gang", Absorb: "person:aaa_derived", Reason: "test", By: "test"})
		require.NoError(t, err)
		assert.Zero(t, neo4jtest.Count(t, st, "MATCH (r:TopicRanking) WHERE 'person:aaa_derived' IN r.top RETURN count(r)"))
		_, err = st.Unmerge(ctx, m.ID, "test")
		require.NoError(t, err)
		assert.Positive(t, neo4jtest.Count(t, st, "MATCH (r:TopicRanking) WHERE 'person:aaa_derived' IN r.top RETURN count(r)"))
	})
}

// The partnership map is cached until the next refresh: a write of facts shows once the
// derived data is refreshed, as it is after every load, import and merge.
func TestPartnershipMapIsCachedUntilTheNextRefresh(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	require.NoError(t, st.RefreshDerived(ctx))
	q := cryo.MapQuery{Level: "institution"}
	before, err := st.PartnershipMap(ctx, q)
	require.NoError(t, err)
	require.NotEmpty(t, before.Edges)

	// A fact written behind the store's back (as another process would) changes the live map…
	_, err = neo4j.ExecuteQuery(ctx, st.Driver(), `
		MATCH (ps:Partnership)<-[r:PARTY_TO]-(:Organization) WITH ps LIMIT 1
		MATCH (ps)<-[r:PARTY_TO]-() DELETE r`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.Database()))
	require.NoError(t, err)
	cached, err := st.PartnershipMap(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, before, cached, "…but until the refresh the cached answer stands")
	other, err := st.PartnershipMap(ctx, cryo.MapQuery{Level: "unit"})
	require.NoError(t, err)

	require.NoError(t, st.RefreshDerived(ctx))
	after, err := st.PartnershipMap(ctx, q)
	require.NoError(t, err)
	assert.Less(t, len(after.Edges)+sumCounts(after), len(before.Edges)+sumCounts(before), "the refresh shows the change")
	again, err := st.PartnershipMap(ctx, cryo.MapQuery{Level: "unit"})
	require.NoError(t, err)
	assert.LessOrEqual(t, sumCounts(again), sumCounts(other))
}

func sumCounts(m cryo.PartnershipMap) int {
	n := 0
	for _, e := range m.Edges {
		n += e.Count
	}
	return n
}
