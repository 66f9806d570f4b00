package cryo_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/stretchr/testify/assert"
)

func TestExpertQueryTextSearch(t *testing.T) {
	t.Run("free text searches people and topics", func(t *testing.T) {
		s, ok := cryo.ExpertQuery{Topic: "organ preservation", Q: "vitrification"}.TextSearch()
		assert.True(t, ok)
		assert.Equal(t, cryo.SearchQuery{Text: "vitrification", Kinds: []string{"person", "topic"}, Limit: 20}, s)
	})
	t.Run("no free text, no search", func(t *testing.T) {
		_, ok := cryo.ExpertQuery{Topic: "organ preservation"}.TextSearch()
		assert.False(t, ok)
	})
}

func TestExpertQueryTextMatches(t *testing.T) {
	var hits []cryo.Node
	for i := range 7 {
		hits = append(hits, cryo.Node{ID: fmt.Sprintf("topic:t%d", i), Name: fmt.Sprintf("T%d", i), Kind: "topic"})
		hits = append(hits, cryo.Node{ID: fmt.Sprintf("person:p%d", i), Kind: "person"})
	}
	hits = append(hits, cryo.Node{ID: "org:o", Kind: "organization"})

	t.Run("free text alone searches its best five topics and names every person", func(t *testing.T) {
		topics, people := cryo.ExpertQuery{Q: "t"}.TextMatches(hits)
		assert.Len(t, topics, cryo.MaxExpertTopics)
		assert.Equal(t, cryo.Ref{ID: "topic:t0", Name: "T0"}, topics[0])
		assert.Equal(t, "topic:t4", topics[4].ID)
		assert.Len(t, people, 7)
	})
	t.Run("a named topic leaves four places to the search's", func(t *testing.T) {
		topics, _ := cryo.ExpertQuery{Topic: "organ preservation", Q: "t"}.TextMatches(hits)
		assert.Len(t, topics, cryo.MaxExpertTopics-1)
	})
	t.Run("no hits are empty lists, not nil", func(t *testing.T) {
		topics, people := cryo.ExpertQuery{Q: "t"}.TextMatches(nil)
		assert.NotNil(t, topics)
		assert.NotNil(t, people)
		assert.Empty(t, topics)
		assert.Empty(t, people)
	})
}

func TestNamedSentinels(t *testing.T) {
	err := fmt.Errorf("create: %w", &cryo.Error{Code: cryo.ECodeConflict, Message: "taken",
		Err: cryo.Named(cryo.ErrSavedQueryExists, "people-on-topic")})
	assert.ErrorIs(t, err, cryo.ErrSavedQueryExists)
	assert.NotErrorIs(t, err, cryo.ErrTopicNotFound)
	assert.Equal(t, "people-on-topic", cryo.NameOf(err))
	assert.Equal(t, "", cryo.NameOf(errors.New("plain")))
	assert.Equal(t, "taken", cryo.ErrorMessage(err), "the name is not shown twice")
}
