package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSearchFindsAnOrganizationByItsRORIdOrURL(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	for _, text := range []string{"04c4dkn09", "https://ror.org/04c4dkn09", "ror.org/04C4DKN09"} {
		q := cryo.SearchQuery{Text: text, Limit: 5}
		require.NoError(t, q.Validate())
		res, err := st.Search(ctx, q)
		require.NoError(t, err, text)
		require.NotEmpty(t, res, text)
		assert.Equal(t, "org:ustc", res[0].ID, "%s names USTC's ROR record", text)
		assert.Equal(t, cryo.MatchIdentifier, res[0].Match, "the hit says it matched by identifier")
		ids := map[string]int{}
		for _, n := range res {
			ids[n.ID]++
		}
		assert.Equal(t, 1, ids["org:ustc"], "found once, not again by its words")
	}

	q := cryo.SearchQuery{Text: "https://ror.org/04c4dkn09", Kinds: []string{"person"}, Limit: 5}
	require.NoError(t, q.Validate())
	res, err := st.Search(ctx, q)
	require.NoError(t, err)
	for _, n := range res {
		assert.NotEqual(t, "org:ustc", n.ID, "the kinds asked for still filter")
	}

	q = cryo.SearchQuery{Text: "https://ror.org/000000000", Limit: 5}
	require.NoError(t, q.Validate())
	res, err = st.Search(ctx, q)
	require.NoError(t, err)
	for _, n := range res {
		assert.NotEqual(t, cryo.MatchIdentifier, n.Match, "an identifier nobody holds ranks nothing first")
	}
}

// A pasted DOI, in any of its forms and cases, finds the work's authors.
func TestSearchFindsTheAuthorsOfAWorkByItsDOI(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	for _, text := range []string{"10.1038/nbt.3889", "https://doi.org/10.1038/NBT.3889", "doi:10.1038/nbt.3889"} {
		q := cryo.SearchQuery{Text: text, Limit: 20}
		require.NoError(t, q.Validate())
		res, err := st.Search(ctx, q)
		require.NoError(t, err, text)
		ids := map[string]bool{}
		for _, n := range res {
			ids[n.ID] = true
			if n.ID == "person:sebastian_giwa" {
				assert.Equal(t, cryo.MatchIdentifier, n.Match)
			}
		}
		assert.True(t, ids["person:sebastian_giwa"], "%s: Giwa authored it (demo data)", text)
		assert.True(t, ids["person:gao_dayong"], "%s: Gao Dayong co-authored it (demo data)", text)
	}
}
