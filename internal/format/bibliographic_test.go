package format

import (
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Bibliographic records (OpenAlex works and authors, ORCID records) keep their ids in one
// form, so that the same DOI or OpenAlex id pasted as a URL is the same merge key.
func TestPublicationRowsKeepBibliographicFields(t *testing.T) {
	p, err := Parse(1, decode(t, `{"type":"publication","id":"pub:openalex-W1","title":"A work","doi":"https://doi.org/10.5555/ABC.1",
		"published":"2021-03-04","work_type":"article","cited_by":12,"openalex":"https://openalex.org/w1",
		"openalex_topics":["T1 Something unmapped"],"retracted":true,"superseded_by":"W2","sources":["src:s"]}`))
	require.NoError(t, err)
	props := p.Nodes[0].Props
	assert.Equal(t, "10.5555/abc.1", props["doi"], "a DOI is stored bare and in lower case")
	assert.Equal(t, int64(2021), props["year"], "the year defaults to the published date's")
	assert.Equal(t, int64(12), props["citedBy"])
	assert.Equal(t, "W1", props["openalex"])
	assert.Equal(t, "article", props["workType"])
	assert.Equal(t, []string{"T1 Something unmapped"}, props["openalexTopics"])
	assert.Equal(t, true, props["retracted"])
	assert.Equal(t, "W2", props["supersededBy"])
	assert.Contains(t, ExternalIDs(p.Nodes[0]), cryo.ExternalID{Label: "Publication", Prop: "doi", Value: "10.5555/abc.1"})
	assert.Contains(t, ExternalIDs(p.Nodes[0]), cryo.ExternalID{Label: "Publication", Prop: "openalex", Value: "W1"})
}

func TestPeopleAndOrganizationsKeepTheirIDsBare(t *testing.T) {
	p, err := Parse(1, decode(t, `{"type":"person","id":"person:a","name":"A","orcid":"https://orcid.org/0000-0002-1825-0097","openalex":"A5023888391","sources":["src:s"]}`))
	require.NoError(t, err)
	assert.Equal(t, "0000-0002-1825-0097", p.Nodes[0].Props["orcid"])
	assert.Equal(t, "A5023888391", p.Nodes[0].Props["openalex"])
	p, err = Parse(1, decode(t, `{"type":"organization","id":"org:a","name":"A","kind":"university","ror":"https://ror.org/04c4dkn09","openalex":"I1","sources":["src:s"]}`))
	require.NoError(t, err)
	assert.Equal(t, "04c4dkn09", p.Nodes[0].Props["ror"])
	assert.Equal(t, "I1", p.Nodes[0].Props["openalex"])
}

func TestBibliographicLinkFields(t *testing.T) {
	p, err := Parse(1, decode(t, `{"type":"link","rel":"AUTHORED","from":"person:a","to":"pub:b","position":1,"corresponding":true,
		"raw_affiliations":["Dept. of X, Univ. Y"],"sources":["src:s"]}`))
	require.NoError(t, err)
	assert.Equal(t, true, p.Links[0].Props["corresponding"])
	assert.Equal(t, []string{"Dept. of X, Univ. Y"}, p.Links[0].Props["rawAffiliations"])

	p, err = Parse(1, decode(t, `{"type":"link","rel":"WORKS_ON","from":"person:a","to":"topic:b","key":"openalex","score":0.98,"works":["pub:w1","pub:w2"],"sources":["src:s"]}`))
	require.NoError(t, err)
	assert.Equal(t, 0.98, p.Links[0].Props["score"])
	assert.Equal(t, []string{"pub:w1", "pub:w2"}, p.Links[0].Props["works"])
	var works int
	for _, r := range p.Refs {
		if r.Field == "works" {
			works++
			assert.True(t, r.Labels["Publication"], "works must be publications")
		}
	}
	assert.Equal(t, 2, works, "each work is a reference the loader checks")
}

func TestBibliographicFieldsRejectBadValues(t *testing.T) {
	tests := []struct{ name, row, field, reason string }{
		{"not a DOI", `{"type":"publication","id":"pub:a","title":"T","doi":"nbt.3889","sources":["src:s"]}`, "doi", "is not a DOI"},
		{"an author id on a work", `{"type":"publication","id":"pub:a","title":"T","openalex":"A1","sources":["src:s"]}`, "openalex", "start with W"},
		{"year of another date", `{"type":"publication","id":"pub:a","title":"T","published":"2020-01","year":2021,"sources":["src:s"]}`, "year", "not the year of published"},
		{"negative citations", `{"type":"publication","id":"pub:a","title":"T","cited_by":-1,"sources":["src:s"]}`, "cited_by", "between 0"},
		{"score above 1", `{"type":"link","rel":"ABOUT","from":"pub:a","to":"topic:b","score":1.5,"sources":["src:s"]}`, "score", "between 0 and 1"},
		{"score on an affiliation", `{"type":"link","rel":"AFFILIATED_WITH","from":"person:a","to":"org:b","score":0.5,"sources":["src:s"]}`, "score", "ABOUT and WORKS_ON links only"},
		{"corresponding on a topic", `{"type":"link","rel":"WORKS_ON","from":"person:a","to":"topic:b","corresponding":true,"sources":["src:s"]}`, "corresponding", "AUTHORED links only"},
		{"works that are not ids", `{"type":"link","rel":"WORKS_ON","from":"person:a","to":"topic:b","works":["a work"],"sources":["src:s"]}`, "works", "kind:name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(1, decode(t, tt.row))
			require.Error(t, err)
			fe, ok := err.(FieldError)
			require.True(t, ok, "%v", err)
			assert.Equal(t, tt.field, fe.Field)
			assert.Contains(t, fe.Reason, tt.reason)
		})
	}
}
