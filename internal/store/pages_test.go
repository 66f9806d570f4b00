package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const yinfengNews30 = "https://en.yinfenglife.org.cn/news_details/30.html"

// The partnership and event pages on the demo data: the Yinfeng visit of August 2022 resulted
// in the Yinfeng-USST cooperation (data/demo/10-seed-yinfeng-2022.jsonl).
func TestPartnershipAndEventPagesOnDemoData(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()

	t.Run("a partnership page has parties with roles and sources, topics, the event and sources", func(t *testing.T) {
		p, err := st.PartnershipPage(ctx, "pship:yinfeng-usst-2022")
		require.NoError(t, err)
		assert.Equal(t, "research_cooperation", p.Kind)
		assert.Equal(t, "agreed", p.Status)
		assert.Equal(t, "2022-08", p.Start)
		roles := map[string]string{}
		for _, party := range p.Parties {
			roles[party.ID] = party.Role
			assert.Contains(t, party.Sources, "src:yinfeng-news-30", party.ID)
		}
		assert.Equal(t, "university institute", roles["org:usst_ibst"])
		assert.Equal(t, "professor, USST", roles["person:xu_yi"])
		assert.Equal(t, "organization", p.Parties[0].Kind, "organizations come first")
		assert.Equal(t, []string{"topic:tissue-organ-cryopreservation"}, ids(p.Topics))
		require.Len(t, p.ResultedFrom, 1)
		assert.Equal(t, "event:yinfeng-visit-2022-08", p.ResultedFrom[0].ID)
		assert.Equal(t, []string{"src:yinfeng-news-30"}, p.EntitySources)
		require.NotEmpty(t, p.Sources)
		assert.Equal(t, yinfengNews30, p.Sources[0].URL)
		assert.Equal(t, "2022-09-20", p.Sources[0].Published)
	})

	t.Run("a party's own sources are listed with the page's sources", func(t *testing.T) {
		p, err := st.PartnershipPage(ctx, "pship:sfc-isber-mou")
		require.NoError(t, err)
		assert.Empty(t, p.Start, "no signing date is given")
		assert.NotEmpty(t, p.Note)
		cited := map[string]bool{}
		for _, s := range p.Sources {
			cited[s.ID] = true
		}
		for _, party := range p.Parties {
			for _, id := range party.Sources {
				assert.True(t, cited[id], "%s cites %s", party.ID, id)
			}
		}
	})

	t.Run("an event page has participants, the partnerships it resulted in and sources", func(t *testing.T) {
		e, err := st.EventPage(ctx, "event:yinfeng-visit-2022-08")
		require.NoError(t, err)
		assert.Equal(t, "visit", e.Kind)
		assert.Equal(t, "2022-08-09", e.Start)
		assert.Equal(t, "CN", e.Country)
		roles := map[string]string{}
		for _, p := range e.Participants {
			roles[p.ID] = p.Role
		}
		assert.Equal(t, "host", roles["person:zhao_gang"])
		assert.Equal(t, "visitor", roles["org:yinfeng_group"])
		var results []string
		for _, l := range e.ResultedIn {
			results = append(results, l.ID)
			assert.Equal(t, "partnership", l.Kind)
		}
		assert.ElementsMatch(t, []string{"pship:yinfeng-usst-2022", "pship:yinfeng-ustc-2022"}, results)
		require.NotEmpty(t, e.Sources)
		assert.Equal(t, yinfengNews30, e.Sources[0].URL)
	})

	t.Run("an unknown id is not found, an id of another kind is invalid", func(t *testing.T) {
		_, err := st.PartnershipPage(ctx, "pship:nothing")
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
		_, err = st.EventPage(ctx, "event:nothing")
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
		_, err = st.PartnershipPage(ctx, "event:yinfeng-visit-2022-08")
		assert.Equal(t, cryo.ECodeInvalid, cryo.ErrorCode(err))
		_, err = st.EventPage(ctx, "person:xu_yi")
		assert.Equal(t, cryo.ECodeInvalid, cryo.ErrorCode(err))
	})

	t.Run("map edges list their partnerships with sources; institutions name the units rolled up", func(t *testing.T) {
		m, err := st.PartnershipMap(ctx, cryo.MapQuery{Level: "institution"})
		require.NoError(t, err)
		var found bool
		for _, e := range m.Edges {
			require.Len(t, e.Details, len(e.Partnerships), "%s-%s", e.Source, e.Target)
			for _, d := range e.Details {
				assert.Contains(t, e.Partnerships, d.ID)
				assert.Equal(t, e.Type, d.Kind)
				if d.ID != "pship:yinfeng-usst-2022" {
					continue
				}
				found = true
				assert.Equal(t, "agreed", d.Status)
				require.NotEmpty(t, d.Sources)
				assert.Equal(t, yinfengNews30, d.Sources[0].URL)
				var parties []string
				for _, p := range d.Parties {
					parties = append(parties, p.ID)
				}
				assert.Contains(t, parties, "org:usst_ibst")
			}
		}
		assert.True(t, found, "the Yinfeng-USST cooperation is on the map")
		var usst *cryo.MapNode
		for i := range m.Nodes {
			if m.Nodes[i].ID == "org:usst" {
				usst = &m.Nodes[i]
			}
			assert.NotEqual(t, "org:usst_ibst", m.Nodes[i].ID, "the institute is rolled up")
		}
		require.NotNil(t, usst)
		assert.Contains(t, usst.RolledUp, cryo.Ref{ID: "org:usst_ibst", Name: "Institute of Biothermal Science and Technology (USST)"})

		unit, err := st.PartnershipMap(ctx, cryo.MapQuery{Level: "unit"})
		require.NoError(t, err)
		for _, n := range unit.Nodes {
			assert.Empty(t, n.RolledUp, "nothing is rolled up at unit level: %s", n.ID)
		}
	})
}
