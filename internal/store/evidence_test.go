package store_test

// Publication evidence in the queries: expert ranking by works, a person's publications,
// co-authors and paths through shared works, and suggestions that name a shared work. The
// graph is testdata/evidence-synthetic.jsonl (made up, synthetic: true; README beside it).

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loadEvidence empties the graph and loads the synthetic evidence fixture, without refreshing
// the derived data (expert search then ranks live).
func loadEvidence(t *testing.T, st *store.Store) {
	t.Helper()
	neo4jtest.Reset(t, st)
	rep, err := importer.Load(context.Background(), st, []importer.Input{importer.File("testdata/evidence-synthetic.jsonl")}, importer.Options{})
	require.NoError(t, err, "the fixture must load cleanly: %+v", rep)
}

func expertIDs(res cryo.ExpertResult) []string {
	var ids []string
	for _, e := range res.Experts {
		ids = append(ids, e.ID)
	}
	return ids
}

func TestExpertRankingUsesPublicationEvidence(t *testing.T) {
	st := neo4jtest.Store(t)
	loadEvidence(t, st)
	ctx := context.Background()
	q := cryo.ExpertQuery{Topic: "topic:syn-ev-root", Page: cryo.Page{Limit: 20}}
	// Ada: 3 works 2023-2025 (two on the subtopic) and two ingested WORKS_ON listing them;
	// Cora: one curated WORKS_ON; Gus and Dex: 1 work of 2025 each, ABOUT scores 0.95 and 0.5;
	// Eli: 1 work of 2023 (co-authored with Ada); Bram: 1 work of 1998 (and a retracted one of
	// 2024, which does not count).
	want := []string{"person:syn-ev-ada", "person:syn-ev-cora", "person:syn-ev-gus", "person:syn-ev-dex", "person:syn-ev-eli", "person:syn-ev-bram"}

	live, err := st.ExpertsByTopic(ctx, q)
	require.NoError(t, err)
	t.Run("three recent works outrank one old work; a curated fact is not pushed below equal evidence", func(t *testing.T) {
		assert.Equal(t, want, expertIDs(live))
		assert.Equal(t, len(want), live.Total)
		assert.True(t, slices.IsSortedFunc(live.Experts, cryo.CompareExperts), "the query's order is cryo.CompareExperts")
		ada, cora, gus, bram := live.Experts[0], live.Experts[1], live.Experts[2], live.Experts[5]
		assert.Equal(t, 3, ada.Works, "a work counts once, whether ABOUT the topic or listed in an ingested WORKS_ON")
		assert.Equal(t, 0, ada.Facts, "ingested WORKS_ON are not curated facts")
		assert.Equal(t, 3, ada.EvidenceCount)
		assert.Equal(t, 2025, ada.LatestYear)
		assert.InDelta(t, 0.9, ada.TopicScore, 1e-9)
		assert.InDelta(t, 0.95, gus.TopicScore, 1e-9)
		assert.Equal(t, 1, cora.Facts)
		assert.Equal(t, 0, cora.Works)
		assert.Equal(t, 1, bram.Works)
		assert.Equal(t, 1998, bram.LatestYear, "the retracted work of 2024 does not count")
		var ingested int
		for _, ev := range ada.Evidence {
			if ev.Via == "works_on" {
				assert.True(t, ev.Ingested)
				ingested++
			}
		}
		assert.Equal(t, 2, ingested)
	})
	t.Run("the evidence lists the top works, latest first, with DOI links and sources", func(t *testing.T) {
		ada := live.Experts[0]
		var works []cryo.WorkRef
		for _, ev := range ada.Evidence {
			if ev.Via == "authored" {
				require.NotNil(t, ev.Work)
				require.NotNil(t, ev.Topic)
				works = append(works, *ev.Work)
				var srcs []string
				for _, s := range ev.Sources {
					srcs = append(srcs, s.ID)
				}
				assert.Contains(t, srcs, "src:syn-ev-w"+strings.TrimPrefix(ev.Work.ID, "pub:syn-ev-w"))
			}
		}
		require.Len(t, works, 3)
		assert.Equal(t, cryo.WorkRef{ID: "pub:syn-ev-w3", Title: "Zeta synthetic cryoprotectant screen", DOI: "10.5555/syn-ev.3",
			URL: "https://doi.org/10.5555/syn-ev.3", Year: 2025}, works[0])
		assert.Equal(t, []string{"pub:syn-ev-w3", "pub:syn-ev-w2", "pub:syn-ev-w1"}, []string{works[0].ID, works[1].ID, works[2].ID})
	})
	t.Run("a subtopic's works count for it alone", func(t *testing.T) {
		sub, err := st.ExpertsByTopic(ctx, cryo.ExpertQuery{Topic: "topic:syn-ev-sub", Page: cryo.Page{Limit: 20}})
		require.NoError(t, err)
		assert.Equal(t, []string{"person:syn-ev-ada", "person:syn-ev-eli"}, expertIDs(sub))
		assert.Equal(t, 2, sub.Experts[0].Works)
	})
	t.Run("the stored ranking answers as the live one", func(t *testing.T) {
		require.NoError(t, st.RefreshDerived(ctx))
		require.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (r:TopicRanking {topic: 'topic:syn-ev-root'}) RETURN count(r)"))
		stored, err := st.ExpertsByTopic(ctx, q)
		require.NoError(t, err)
		assert.Equal(t, live, stored)
	})
}

func TestPublicationsPagedAndSorted(t *testing.T) {
	st := neo4jtest.Store(t)
	loadEvidence(t, st)
	ctx := context.Background()
	list := func(sort string, page cryo.Page) cryo.PublicationPage {
		t.Helper()
		q := cryo.PublicationQuery{Person: "person:syn-ev-ada", Sort: sort, Page: page}
		require.NoError(t, q.Validate())
		res, err := st.Publications(ctx, q)
		require.NoError(t, err)
		return res
	}
	ids := func(p cryo.PublicationPage) []string {
		var out []string
		for _, x := range p.Publications {
			out = append(out, x.ID)
		}
		return out
	}
	t.Run("latest first by default, with authorship, co-authors and sources", func(t *testing.T) {
		res := list("", cryo.Page{})
		assert.Equal(t, cryo.Ref{ID: "person:syn-ev-ada", Name: "Ada Quillfeather"}, res.Person)
		assert.Equal(t, "year", res.Sort)
		assert.Equal(t, 3, res.Total)
		assert.Equal(t, []string{"pub:syn-ev-w3", "pub:syn-ev-w2", "pub:syn-ev-w1"}, ids(res))
		w1 := res.Publications[2]
		assert.Equal(t, "10.5555/syn-ev.1", w1.DOI)
		assert.Equal(t, "https://doi.org/10.5555/syn-ev.1", w1.URL)
		assert.Equal(t, 2023, w1.Year)
		assert.Equal(t, "Journal of Synthetic Cryobiology", w1.Venue)
		assert.Equal(t, 1, w1.Position)
		assert.True(t, w1.Corresponding)
		require.NotNil(t, w1.CitedBy)
		assert.Equal(t, 12, *w1.CitedBy)
		assert.Equal(t, "article", w1.WorkType)
		assert.Equal(t, []cryo.Ref{{ID: "person:syn-ev-eli", Name: "Eli Thornbury"}}, w1.Coauthors)
		assert.Equal(t, 1, w1.CoauthorCount)
		require.Len(t, w1.Sources, 1)
		assert.Equal(t, "src:syn-ev-w1", w1.Sources[0].ID)
		assert.Empty(t, res.Publications[0].Coauthors)
	})
	t.Run("by title, and pages are windows over one order", func(t *testing.T) {
		assert.Equal(t, []string{"pub:syn-ev-w2", "pub:syn-ev-w1", "pub:syn-ev-w3"}, ids(list("title", cryo.Page{})))
		page := list("title", cryo.Page{Limit: 2, Offset: 1})
		assert.Equal(t, 3, page.Total)
		assert.Equal(t, []string{"pub:syn-ev-w1", "pub:syn-ev-w3"}, ids(page))
		assert.Empty(t, list("year", cryo.Page{Limit: 5, Offset: 3}).Publications)
	})
	t.Run("by citations", func(t *testing.T) {
		assert.Equal(t, []string{"pub:syn-ev-w2", "pub:syn-ev-w1", "pub:syn-ev-w3"}, ids(list("cited", cryo.Page{})))
	})
	t.Run("a retracted work is listed, marked", func(t *testing.T) {
		q := cryo.PublicationQuery{Person: "person:syn-ev-bram", Page: cryo.Page{Limit: 5}}
		require.NoError(t, q.Validate())
		res, err := st.Publications(ctx, q)
		require.NoError(t, err)
		require.Equal(t, []string{"pub:syn-ev-w7", "pub:syn-ev-w4"}, ids(res))
		assert.True(t, res.Publications[0].Retracted)
		assert.False(t, res.Publications[1].Retracted)
	})
	t.Run("an unknown person is not found; a bad sort key is refused", func(t *testing.T) {
		_, err := st.Publications(ctx, cryo.PublicationQuery{Person: "person:nobody", Sort: "year", Page: cryo.Page{Limit: 5}})
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
		_, err = st.Publications(ctx, cryo.PublicationQuery{Person: "person:syn-ev-ada", Sort: "year; DROP", Page: cryo.Page{Limit: 5}})
		assert.Equal(t, cryo.ECodeInvalid, cryo.ErrorCode(err))
	})
}

func TestCoauthorsAndPathsNameTheSharedWork(t *testing.T) {
	st := neo4jtest.Store(t)
	loadEvidence(t, st)
	ctx := context.Background()
	t.Run("a profile's co-authors come from shared publications, naming them", func(t *testing.T) {
		p, err := st.Profile(ctx, "person", "person:syn-ev-ada")
		require.NoError(t, err)
		require.Len(t, p.Coauthors, 1)
		co := p.Coauthors[0]
		assert.Equal(t, "person:syn-ev-eli", co.ID)
		assert.InDelta(t, 1, co.Score, 0)
		assert.Equal(t, []cryo.WorkRef{{ID: "pub:syn-ev-w1", Title: "Synthetic study of vitreous islands", DOI: "10.5555/syn-ev.1",
			URL: "https://doi.org/10.5555/syn-ev.1", Year: 2023}}, co.Works)
		assert.Equal(t, 3, p.PublicationCount)
	})
	t.Run("a path through a shared work names it", func(t *testing.T) {
		res, err := st.Paths(ctx, cryo.PathQuery{From: "person:syn-ev-ada", To: "person:syn-ev-eli", K: 1, MaxLength: 4, HubDegree: 25})
		require.NoError(t, err)
		require.NotEmpty(t, res.Paths)
		hops := res.Paths[0].Hops
		require.Len(t, hops, 2)
		for _, h := range hops {
			assert.Equal(t, "AUTHORED", h.Rel)
			assert.Equal(t, "co-authored “Synthetic study of vitreous islands”", h.Label)
			require.NotNil(t, h.Work)
			assert.Equal(t, "10.5555/syn-ev.1", h.Work.DOI)
			require.NotEmpty(t, h.Evidence)
			assert.Equal(t, "src:syn-ev-w1", h.Evidence[0].ID)
		}
	})
	t.Run("a suggestion through a common co-author names the shared work", func(t *testing.T) {
		res, err := st.Suggestions(ctx, cryo.SuggestionQuery{Person: "person:syn-ev-fay", ExcludeOwnInst: true, Limit: 10})
		require.NoError(t, err)
		var found bool
		for _, s := range res {
			if s.Person.ID == "person:syn-ev-ada" {
				found = true
				assert.Contains(t, s.Reasons, "works with one of your collaborators: Eli Thornbury (co-authored “Synthetic study of vitreous islands” with them)")
			}
		}
		assert.True(t, found, "Ada is suggested to Fay through Eli: %+v", res)
	})
}

func TestDemoExpertsShowRealWorks(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	res, err := st.ExpertsByTopic(context.Background(), cryo.ExpertQuery{Topic: "organ preservation", Page: cryo.Page{Limit: 100}})
	require.NoError(t, err)
	assert.True(t, slices.IsSortedFunc(res.Experts, cryo.CompareExperts))
	var dois []string
	for _, e := range res.Experts {
		if e.ID != "person:sebastian_giwa" {
			continue
		}
		for _, ev := range e.Evidence {
			if ev.Work != nil {
				dois = append(dois, ev.Work.DOI)
			}
		}
	}
	assert.Contains(t, dois, "10.1038/nbt.3889", "Giwa et al. 2017 (Nature Biotechnology) is about organ preservation")
}
