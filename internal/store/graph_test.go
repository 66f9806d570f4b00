package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ids(nodes []cryo.Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.ID
	}
	return out
}

func TestGraphQueriesOnDemoData(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()

	t.Run("search matches prefixes, typos, aliases and Chinese names", func(t *testing.T) {
		for _, tc := range []struct{ q, want string }{
			{"vitrif", "topic:vitrification"},
			{"Vitrifcation", "topic:vitrification"},
			{"usst", "org:usst"},
			{"赵刚", "person:zhao_gang"},
			{"Gang Zhao", "person:zhao_gang"},
			{"nanowarm", "topic:nanowarming"},
		} {
			got, err := st.Search(ctx, cryo.SearchQuery{Text: tc.q, Limit: 5})
			require.NoError(t, err, tc.q)
			assert.Contains(t, ids(got), tc.want, tc.q)
		}
		got, err := st.Search(ctx, cryo.SearchQuery{Text: "zhao", Kinds: []string{"organization"}, Limit: 5})
		require.NoError(t, err)
		for _, n := range got {
			assert.Equal(t, "organization", n.Kind)
		}
		got, err = st.Search(ctx, cryo.SearchQuery{Text: `"*:(+-)~`, Limit: 5})
		require.NoError(t, err, "Lucene syntax in the input is harmless")
		assert.Empty(t, got)
	})

	t.Run("a person's profile has affiliations, topics, partnerships and sources", func(t *testing.T) {
		p, err := st.Profile(ctx, "person", "person:xu_yi")
		require.NoError(t, err)
		assert.Equal(t, "Xu Yi", p.Entity["name"])
		assert.NotContains(t, p.Entity, "importHash")
		var orgs []string
		for _, a := range p.Affiliations {
			orgs = append(orgs, a.Other.ID)
			assert.NotEmpty(t, a.Sources)
		}
		assert.Contains(t, orgs, "org:usst")
		assert.NotEmpty(t, p.Topics)
		var ps []string
		for _, x := range p.Partnerships {
			ps = append(ps, x.ID)
		}
		assert.Contains(t, ps, "pship:yinfeng-usst-2022")
		assert.NotEmpty(t, p.Events)
		assert.NotEmpty(t, p.Sources)
	})
	t.Run("an organization's profile includes sub-units, their people and partners", func(t *testing.T) {
		p, err := st.Profile(ctx, "organization", "org:usst")
		require.NoError(t, err)
		assert.Contains(t, ids(p.SubUnits), "org:usst_ibst")
		var people []string
		for _, f := range p.People {
			people = append(people, f.Other.ID)
		}
		assert.Contains(t, people, "person:xu_yi")
		assert.Contains(t, ids(p.Partners), "org:yinfeng_group", "a sub-unit's partner is the university's partner")
		assert.NotEmpty(t, p.Partnerships)
	})
	t.Run("a topic's profile lists subtopics, experts and institutions", func(t *testing.T) {
		p, err := st.Profile(ctx, "topic", "topic:organ-preservation")
		require.NoError(t, err)
		assert.Contains(t, ids(p.Subtopics), "topic:organ-vitrification")
		assert.Contains(t, ids(p.Experts), "person:xu_yi")
		assert.NotEmpty(t, p.Institutions)
	})
	t.Run("unknown ids and wrong kinds are not found", func(t *testing.T) {
		_, err := st.Profile(ctx, "person", "person:nobody")
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
		_, err = st.Profile(ctx, "person", "org:usst")
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err), "an organization is not a person")
		_, err = st.Profile(ctx, "topic", "topic:nothing")
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
	})

	t.Run("paths between two experts carry evidence on every hop", func(t *testing.T) {
		q := cryo.PathQuery{From: "person:xu_yi", To: "person:zhao_gang"}
		require.NoError(t, q.Validate())
		res, err := st.Paths(ctx, q)
		require.NoError(t, err)
		require.NotEmpty(t, res.Paths)
		assert.Equal(t, "Zhao Gang", res.To.Name)
		first := res.Paths[0]
		assert.Equal(t, 2, first.Length)
		assert.Equal(t, "person:xu_yi", first.Hops[0].From.ID)
		assert.Equal(t, "person:zhao_gang", first.Hops[len(first.Hops)-1].To.ID)
		for _, p := range res.Paths {
			assert.LessOrEqual(t, p.Length, q.MaxLength)
			for _, h := range p.Hops {
				require.NotEmpty(t, h.Evidence, "%s -%s- %s", h.From.ID, h.Rel, h.To.ID)
				assert.NotEmpty(t, h.Evidence[0].URL)
			}
		}
		for i := 1; i < len(res.Paths); i++ {
			assert.LessOrEqual(t, res.Paths[i-1].Length, res.Paths[i].Length, "shortest first")
		}
	})
	t.Run("avoiding hubs changes nothing when no hub is on the way, and can cut a path", func(t *testing.T) {
		q := cryo.PathQuery{From: "person:xu_yi", To: "person:gao_dayong", MaxLength: 6, K: 1}
		require.NoError(t, q.Validate())
		open, err := st.Paths(ctx, q)
		require.NoError(t, err)
		require.NotEmpty(t, open.Paths)
		q.AvoidHubs, q.HubDegree = true, 2
		strict, err := st.Paths(ctx, q)
		require.NoError(t, err)
		assert.Empty(t, strict.Paths, "with every intermediate node counted as a hub there is no path")
	})
	t.Run("paths name a missing end", func(t *testing.T) {
		_, err := st.Paths(ctx, cryo.PathQuery{From: "person:xu_yi", To: "person:nobody", K: 1, MaxLength: 2, HubDegree: 10})
		var de *cryo.Error
		require.ErrorAs(t, err, &de)
		assert.Equal(t, "to", de.Field)
	})

	t.Run("the partnership map joins Yinfeng and USST at institution level", func(t *testing.T) {
		q := cryo.MapQuery{}
		require.NoError(t, q.Validate())
		m, err := st.PartnershipMap(ctx, q)
		require.NoError(t, err)
		found := false
		for _, e := range m.Edges {
			for _, p := range e.Partnerships {
				if p == "pship:yinfeng-usst-2022" {
					found = true
					assert.Contains(t, []string{e.Source, e.Target}, "org:usst", "the USST institute is rolled up to USST")
					assert.Equal(t, "research_cooperation", e.Type)
					assert.LessOrEqual(t, e.First, "2022-08")
				}
			}
		}
		assert.True(t, found, "%+v", m.Edges)
		asOf := cryo.MapQuery{AsOf: "2021-01"}
		require.NoError(t, asOf.Validate())
		before, err := st.PartnershipMap(ctx, asOf)
		require.NoError(t, err)
		for _, e := range before.Edges {
			assert.LessOrEqual(t, e.First, "2021-01", "nothing that started later is in force as of 2021")
		}
		topic := cryo.MapQuery{Topic: "topic:organ-preservation"}
		require.NoError(t, topic.Validate())
		tm, err := st.PartnershipMap(ctx, topic)
		require.NoError(t, err)
		assert.NotEmpty(t, tm.Edges)
		assert.LessOrEqual(t, len(tm.Edges), len(m.Edges))
	})
	t.Run("the timeline counts partnerships per year", func(t *testing.T) {
		years, err := st.PartnershipTimeline(ctx, cryo.MapQuery{Level: "institution"})
		require.NoError(t, err)
		require.NotEmpty(t, years)
		total := 0
		for _, y := range years {
			total += y.Count
		}
		assert.Positive(t, total)
	})
	t.Run("the topic tree has counts that include subtopics", func(t *testing.T) {
		tree, err := st.Topics(ctx)
		require.NoError(t, err)
		var find func([]cryo.TopicNode, string) *cryo.TopicNode
		find = func(ns []cryo.TopicNode, id string) *cryo.TopicNode {
			for i := range ns {
				if ns[i].ID == id {
					return &ns[i]
				}
				if f := find(ns[i].Children, id); f != nil {
					return f
				}
			}
			return nil
		}
		op := find(tree, "topic:organ-preservation")
		require.NotNil(t, op)
		assert.GreaterOrEqual(t, op.TotalExperts, op.Experts)
		assert.Positive(t, op.TotalExperts)
		assert.NotEmpty(t, op.Children)
	})
	t.Run("suggestions exclude people already connected and give reasons", func(t *testing.T) {
		got, err := st.Suggestions(ctx, cryo.SuggestionQuery{Person: "person:xu_yi", ExcludeOwnInst: true, Limit: 20})
		require.NoError(t, err)
		require.NotEmpty(t, got)
		for _, s := range got {
			assert.NotEqual(t, "person:zhang_guirong", s.Person.ID, "a co-party of a partnership is already connected")
			assert.NotEqual(t, "person:taijie_zhan", s.Person.ID, "a co-author or colleague at USST is excluded")
			assert.NotEmpty(t, s.Reasons)
		}
		_, err = st.Suggestions(ctx, cryo.SuggestionQuery{Person: "person:nobody", Limit: 5})
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
	})
}
