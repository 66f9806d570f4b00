package store_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Suggestions give at most three reasons, one sentence per kind of evidence that counts it, in
// words (no raw "research_center"), list each institution once, and score each kind of
// evidence once however much of it there is.
func TestSuggestionReasonsAreGroupedCountedAndWorded(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	sentence := regexp.MustCompile(`^(works on (a topic|\d+ topics) at or next to yours|works with (one|\d+) of your collaborators|is at (a partner|\d+ partners) of your institutions|complements your institution in (a shared area|\d+ shared areas) \([^)]*\)): .+`)
	seen := 0
	for _, person := range []string{"person:xu_yi", "person:zhao_gang"} {
		got, err := st.Suggestions(ctx, cryo.SuggestionQuery{Person: person, Limit: 20})
		require.NoError(t, err)
		require.NotEmpty(t, got)
		for _, s := range got {
			seen++
			assert.NotEmpty(t, s.Reasons)
			assert.LessOrEqual(t, len(s.Reasons), 3, "%s: %v", s.Person.ID, s.Reasons)
			for _, r := range s.Reasons {
				assert.Regexp(t, sentence, r)
				assert.NotRegexp(t, `research_center|\bother\b|_`, r, "human words")
			}
			ids := map[string]bool{}
			for _, in := range s.Institutions {
				assert.False(t, ids[in.ID], "%s lists %s twice", s.Person.ID, in.ID)
				ids[in.ID] = true
			}
			assert.LessOrEqual(t, s.Score, 8.0, "each kind of evidence counts once: 3 + 2 + 2 + 1")
		}
	}
	assert.Positive(t, seen)
}
