package cryo_test

import (
	"slices"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompareExperts(t *testing.T) {
	topic := []cryo.Ref{{ID: "topic:x"}}
	experts := []cryo.Expert{
		{ID: "p:old", Name: "Old", Works: 1, LatestYear: 1998, MatchedTopics: topic},
		{ID: "p:curated", Name: "Zed Curated", Facts: 1, MatchedTopics: topic},
		{ID: "p:three", Name: "Three", Works: 3, LatestYear: 2025, MatchedTopics: topic},
		{ID: "p:recent", Name: "Recent", Works: 1, LatestYear: 2025, MatchedTopics: topic},
		{ID: "p:scored", Name: "Scored", Works: 1, LatestYear: 2025, TopicScore: 0.9, MatchedTopics: topic},
		{ID: "p:both", Name: "Both", Facts: 1, Works: 1, MatchedTopics: topic},
	}
	slices.SortFunc(experts, cryo.CompareExperts)
	var ids []string
	for _, e := range experts {
		ids = append(ids, e.ID)
	}
	// strength first; at equal strength curated facts; then the latest year; then the score.
	assert.Equal(t, []string{"p:three", "p:both", "p:curated", "p:scored", "p:recent", "p:old"}, ids)
}

func TestPublicationQueryValidate(t *testing.T) {
	q := cryo.PublicationQuery{Person: " person:a "}
	require.NoError(t, q.Validate())
	assert.Equal(t, cryo.PublicationQuery{Person: "person:a", Sort: "year", Page: cryo.Page{Limit: cryo.DefaultLimit}}, q)
	for _, s := range []string{"cited", "title"} {
		q := cryo.PublicationQuery{Person: "person:a", Sort: s}
		assert.NoError(t, q.Validate())
	}
	bad := cryo.PublicationQuery{Person: "person:a", Sort: "YEAR"}
	err := bad.Validate()
	assert.Equal(t, cryo.ECodeInvalid, cryo.ErrorCode(err))
	var ce *cryo.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "sort", ce.Field)
}

func TestDOIURLAndLinkedIDs(t *testing.T) {
	assert.Equal(t, "https://doi.org/10.1038/nbt.3889", cryo.DOIURL("10.1038/nbt.3889"))
	assert.Equal(t, "https://doi.org/10.1038/nbt.3889", cryo.DOIURL("https://doi.org/10.1038/nbt.3889"))
	assert.Empty(t, cryo.DOIURL(" "))
	ids := cryo.LinkedIDs(map[string]any{"orcid": "https://orcid.org/0000-0002-1825-0097", "openalex": "A5023888391",
		"ror": "04c4dkn09", "name": "not an id"})
	assert.Equal(t, []cryo.LinkedID{
		{Scheme: "orcid", Value: "0000-0002-1825-0097", URL: "https://orcid.org/0000-0002-1825-0097"},
		{Scheme: "openalex", Value: "A5023888391", URL: "https://openalex.org/A5023888391"},
		{Scheme: "ror", Value: "04c4dkn09", URL: "https://ror.org/04c4dkn09"},
	}, ids)
}
