package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/cypher"
	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMigrate(t *testing.T) {
	st := neo4jtest.Store(t) // already migrated once
	ctx := context.Background()
	all, err := cypher.Migrations()
	require.NoError(t, err)

	t.Run("a second run applies nothing", func(t *testing.T) {
		done, err := st.Migrate(ctx)
		require.NoError(t, err)
		assert.Empty(t, done)
	})
	t.Run("every migration is recorded in the graph", func(t *testing.T) {
		state, err := st.Migrations(ctx)
		require.NoError(t, err)
		assert.Empty(t, state.Pending)
		assert.Len(t, state.Applied, len(all))
		assert.Equal(t, int64(len(all)), neo4jtest.Count(t, st, "MATCH (m:Migration) RETURN count(m)"))
	})
	t.Run("constraints and the full-text index exist", func(t *testing.T) {
		assert.Equal(t, int64(1), neo4jtest.Count(t, st, "SHOW INDEXES YIELD name, type WHERE name = 'entity_names' AND type = 'FULLTEXT' RETURN count(*)"))
		assert.Equal(t, int64(1), neo4jtest.Count(t, st, "SHOW CONSTRAINTS YIELD name WHERE name = 'entity_id' RETURN count(*)"))
	})
}

func TestExpertsByTopic(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()

	t.Run("organ preservation expands to subtopics and names the institutions", func(t *testing.T) {
		res, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "organ preservation", Page: cryo.Page{Limit: 50}})
		require.NoError(t, err)
		require.Len(t, res.Topics, 1)
		assert.Equal(t, "topic:organ-preservation", res.Topics[0].ID)
		byName := map[string]cryo.Expert{}
		for _, e := range res.Experts {
			byName[e.Name] = e
		}
		require.Contains(t, byName, "Xu Yi")
		xu := byName["Xu Yi"]
		var insts []string
		for _, in := range xu.Institutions {
			insts = append(insts, in.Name)
		}
		assert.Contains(t, insts, "University of Shanghai for Science and Technology")
		require.NotEmpty(t, xu.Evidence)
		for _, ev := range xu.Evidence {
			assert.NotEmpty(t, ev.Sources, "every piece of evidence carries its source")
			require.NotNil(t, ev.Topic)
		}
		assert.Equal(t, len(res.Experts), res.Total)
	})
	t.Run("the parent topic finds the experts of every subtopic", func(t *testing.T) {
		res, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "Cryomedicine", Page: cryo.Page{Limit: 50}})
		require.NoError(t, err)
		names := map[string]bool{}
		for _, e := range res.Experts {
			names[e.Name] = true
		}
		assert.True(t, names["Zhao Gang"], "Zhao Gang is party to the USTC cooperation on low-temperature biomedicine")
		assert.True(t, names["Xu Yi"])
	})
	t.Run("an alias finds the topic", func(t *testing.T) {
		res, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "ORGAN BANKING", Page: cryo.Page{Limit: 5}})
		require.NoError(t, err)
		assert.Equal(t, "topic:organ-preservation", res.Topics[0].ID)
	})
	t.Run("free text finds experts by name, alias and topic, typos included", func(t *testing.T) {
		for _, q := range []string{"赵刚", "Gang Zhao", "ice inhibiton"} {
			res, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Q: q, Page: cryo.Page{Limit: 50}})
			require.NoError(t, err, q)
			var names []string
			for _, e := range res.Experts {
				names = append(names, e.Name)
			}
			assert.Contains(t, names, "Zhao Gang", q)
		}
	})
	t.Run("filters narrow the experts", func(t *testing.T) {
		all, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "cryomedicine", Page: cryo.Page{Limit: 200}})
		require.NoError(t, err)
		for _, tc := range []struct {
			name  string
			q     cryo.ExpertQuery
			check func(cryo.Expert) bool
		}{
			{"country", cryo.ExpertQuery{Country: "US"}, func(e cryo.Expert) bool {
				return e.Country == "US" || hasInst(e, func(i cryo.Institution) bool { return i.Country == "US" })
			}},
			{"organization with sub-units", cryo.ExpertQuery{Organization: "org:usst"}, func(e cryo.Expert) bool {
				return hasInst(e, func(i cryo.Institution) bool {
					return i.ID == "org:usst" || (len(i.Parents) > 0 && i.Parents[len(i.Parents)-1].ID == "org:usst")
				})
			}},
			{"kind of organization", cryo.ExpertQuery{OrgKind: "company"}, func(e cryo.Expert) bool {
				return hasInst(e, func(i cryo.Institution) bool { return i.Kind == "company" })
			}},
		} {
			tc.q.Topic, tc.q.Page = "cryomedicine", cryo.Page{Limit: 200}
			res, err := st.ExpertsByTopic(ctx, tc.q)
			require.NoError(t, err, tc.name)
			require.NotEmpty(t, res.Experts, tc.name)
			assert.Less(t, res.Total, all.Total, tc.name)
			for _, e := range res.Experts {
				assert.True(t, tc.check(e), "%s: %s %+v", tc.name, e.Name, e.Institutions)
			}
		}
		late, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "cryomedicine", Since: "2022", Page: cryo.Page{Limit: 200}})
		require.NoError(t, err)
		assert.Less(t, late.Total, all.Total)
		names := map[string]bool{}
		for _, e := range late.Experts {
			names[e.Name] = true
		}
		assert.True(t, names["Xu Yi"], "active in 2022")
	})
	t.Run("pages are windows over one ranking", func(t *testing.T) {
		all, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "cryomedicine", Page: cryo.Page{Limit: 50}})
		require.NoError(t, err)
		require.GreaterOrEqual(t, all.Total, 2)
		second, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "cryomedicine", Page: cryo.Page{Limit: 1, Offset: 1}})
		require.NoError(t, err)
		require.Len(t, second.Experts, 1)
		assert.Equal(t, all.Experts[1].ID, second.Experts[0].ID)
		assert.Equal(t, all.Total, second.Total)
		beyond, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "cryomedicine", Page: cryo.Page{Limit: 5, Offset: 1000}})
		require.NoError(t, err)
		assert.Empty(t, beyond.Experts)
		assert.Equal(t, all.Total, beyond.Total, "the total survives an empty page")
	})
	t.Run("an unknown topic is not found, naming the field", func(t *testing.T) {
		_, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "basket weaving", Page: cryo.Page{Limit: 5}})
		var de *cryo.Error
		require.ErrorAs(t, err, &de)
		assert.Equal(t, cryo.ECodeNotFound, de.Code)
		assert.Equal(t, "topic", de.Field)
	})
}

// Expert search resolves the named topic in the query that ranks the experts: the answers
// at its edges (a topic nobody works on, a topic with free text, an unknown topic with free
// text) must stay what they were when the topic was resolved first.
func TestExpertsByTopicEdges(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	loadRows(t, st, "lonely.jsonl", `{"type":"source","id":"src:lonely","url":"https://example.org/lonely","title":"A test record"}
{"type":"topic","id":"topic:lonely","name":"Lonely topic","aliases":["solitude studies"],"sources":["src:lonely"]}`)
	ctx := context.Background()
	ids := func(refs []cryo.Ref) []string {
		var out []string
		for _, r := range refs {
			out = append(out, r.ID)
		}
		return out
	}

	t.Run("a topic nobody works on is named, with no experts", func(t *testing.T) {
		for _, topic := range []string{"topic:lonely", "LONELY TOPIC", "Solitude Studies"} {
			res, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: topic, Page: cryo.Page{Limit: 20}})
			require.NoError(t, err, topic)
			assert.Equal(t, []cryo.Ref{{ID: "topic:lonely", Name: "Lonely topic"}}, res.Topics, topic)
			assert.Zero(t, res.Total, topic)
			assert.NotNil(t, res.Experts, topic)
			assert.Empty(t, res.Experts, topic)
		}
	})
	t.Run("the named topic comes first, then at most four of the search's", func(t *testing.T) {
		alone, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Q: "cryo", Page: cryo.Page{Limit: 200}})
		require.NoError(t, err)
		require.Len(t, alone.Topics, 5, "the search alone covers five topics")
		res, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "solitude studies", Q: "cryo", Page: cryo.Page{Limit: 200}})
		require.NoError(t, err)
		assert.Equal(t, append([]string{"topic:lonely"}, ids(alone.Topics)[:4]...), ids(res.Topics))
		assert.Positive(t, res.Total, "the search's topics bring their experts")
		assert.Len(t, res.Experts, res.Total)
	})
	t.Run("free text adds to a topic's experts", func(t *testing.T) {
		res, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "topic:lonely", Q: "Gang Zhao", Page: cryo.Page{Limit: 20}})
		require.NoError(t, err)
		assert.Equal(t, "topic:lonely", res.Topics[0].ID)
		require.NotEmpty(t, res.Experts)
		assert.Equal(t, "person:zhao_gang", res.Experts[0].ID)
		assert.Equal(t, "name", res.Experts[0].Evidence[0].Via)
	})
	t.Run("an unknown topic is not found, with free text too", func(t *testing.T) {
		_, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "basket weaving", Q: "vitrification", Page: cryo.Page{Limit: 5}})
		var de *cryo.Error
		require.ErrorAs(t, err, &de)
		assert.Equal(t, cryo.ECodeNotFound, de.Code)
		assert.Equal(t, "topic", de.Field)
		// The HTTP layer adds "; GET /api/v1/topics lists them" (httpapi's routeHint).
		assert.Equal(t, `no topic is named "basket weaving"`, de.Message)
		assert.ErrorIs(t, err, cryo.ErrTopicNotFound)
		assert.Equal(t, "basket weaving", cryo.NameOf(err))
	})
	t.Run("the stored ranking answers as the live one", func(t *testing.T) {
		live, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "organ preservation", Page: cryo.Page{Limit: 3, Offset: 1}})
		require.NoError(t, err)
		require.NoError(t, st.RefreshDerived(ctx))
		require.Positive(t, neo4jtest.Count(t, st, "MATCH (r:TopicRanking {topic: 'topic:organ-preservation'}) RETURN count(r)"))
		stored, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "organ preservation", Page: cryo.Page{Limit: 3, Offset: 1}})
		require.NoError(t, err)
		assert.Equal(t, live, stored)
		lonely, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "topic:lonely", Page: cryo.Page{Limit: 20}})
		require.NoError(t, err)
		assert.Zero(t, lonely.Total)
		assert.Equal(t, "topic:lonely", lonely.Topics[0].ID)
	})
}

func hasInst(e cryo.Expert, ok func(cryo.Institution) bool) bool {
	for _, i := range e.Institutions {
		if ok(i) {
			return true
		}
	}
	return false
}

func TestUnreachableNeo4jIsUnavailable(t *testing.T) {
	neo4jtest.Config(t) // only meaningful alongside the integration suite
	st, err := store.Open(config.Config{Neo4jURI: "bolt://127.0.0.1:1", Neo4jUsername: "neo4j", Neo4jPassword: "x", Neo4jDatabase: "neo4j"})
	require.NoError(t, err, "the driver connects lazily")
	defer st.Close(context.Background())
	err = st.VerifyConnectivity(context.Background())
	assert.Equal(t, cryo.ECodeUnavailable, cryo.ErrorCode(err))
	_, err = st.ExpertsByTopic(context.Background(), cryo.ExpertQuery{Topic: "x", Page: cryo.Page{Limit: 1}})
	assert.Equal(t, cryo.ECodeUnavailable, cryo.ErrorCode(err))
}

func TestWrongPasswordIsUnavailableNotInternal(t *testing.T) {
	cfg := neo4jtest.Config(t)
	cfg.Neo4jPassword = "definitely-wrong"
	st, err := store.Open(cfg)
	require.NoError(t, err)
	defer st.Close(context.Background())
	err = st.VerifyConnectivity(context.Background())
	require.Error(t, err)
	assert.Equal(t, cryo.ECodeUnavailable, cryo.ErrorCode(err))
	assert.Contains(t, cryo.ErrorMessage(err), "credentials")
}

func TestRoutingURIWorksAgainstOneServer(t *testing.T) {
	cfg := neo4jtest.Config(t)
	require.True(t, strings.HasPrefix(cfg.Neo4jURI, "bolt://"), "the test server is given as bolt://")
	cfg.Neo4jURI = "neo4j://" + strings.TrimPrefix(cfg.Neo4jURI, "bolt://")
	st, err := store.Open(cfg)
	require.NoError(t, err)
	defer st.Close(context.Background())
	ctx := context.Background()
	require.NoError(t, st.VerifyConnectivity(ctx))
	_, err = st.Migrate(ctx) // a write, routed to the leader
	require.NoError(t, err)
	state, err := st.Migrations(ctx) // a read, routed to a reader
	require.NoError(t, err)
	assert.Empty(t, state.Pending)
}

func TestSetEmptyListsSetsWhatBulkLoadCouldNotWrite(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	err := st.SetEmptyLists(ctx, []cryo.EmptyList{
		{NodeID: "topic:vitrification", Prop: "aliases"},
		{Rel: "SUBTOPIC_OF", From: "topic:vitrification", To: "topic:cryopreservation", Prop: "sources"},
	})
	require.NoError(t, err)
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (n:Topic {id: 'topic:vitrification'}) WHERE n.aliases = [] RETURN count(n)"))
	assert.Equal(t, int64(1), neo4jtest.Count(t, st,
		"MATCH (:Topic {id: 'topic:vitrification'})-[r:SUBTOPIC_OF]->(:Topic {id: 'topic:cryopreservation'}) WHERE r.sources = [] RETURN count(r)"))
	// A property whose node is not there is an error, not a silent no-op.
	err = st.SetEmptyLists(ctx, []cryo.EmptyList{{NodeID: "topic:no-such-topic", Prop: "aliases"}})
	require.ErrorContains(t, err, "found nothing")
}
