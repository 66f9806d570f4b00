package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
