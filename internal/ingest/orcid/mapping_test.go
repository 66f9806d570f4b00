package orcid

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newGraph() *graph {
	return &graph{persons: map[string]string{}, rors: map[string]string{}, nodes: map[string]bool{},
		dois: map[string]string{}, wrote: map[string]bool{}, pubOf: map[string]string{}}
}

// Two (synthetic) co-authors' records state the same work: the first record's publication is
// the only one, the second record links to it, so one load never holds two rows with one DOI.
func TestRows_CoAuthorsShareOnePublicationAndOrganization(t *testing.T) {
	org := Org{Name: "Synthetic Lab", Country: "DE", DisambiguatedID: "grid.synthetic.9", Source: "GRID"}
	rec := func(id, put string) *Record {
		return &Record{ORCID: id, GivenNames: "Synthetic", FamilyName: id,
			Affiliations: []Affiliation{{Kind: "employment", PutCode: put, Org: org, Start: Date{Year: "2020"}, End: Date{Year: "2019"}}},
			Works:        []Work{{PutCode: put, Title: "A synthetic work", DOIs: []string{"10.5555/synthetic-shared"}}}}
	}
	g, res := newGraph(), &Result{}
	first := g.rows(rec("9999-0000-0000-0019", "1"), "2026-12-07", res)
	second := g.rows(rec("9999-0000-0000-0027", "2"), "2026-12-07", res)
	count := func(rows []map[string]any, typ string) int {
		n := 0
		for _, r := range rows {
			if r["type"] == typ {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 1, count(first, "publication"))
	assert.Equal(t, 1, count(first, "organization"))
	assert.Zero(t, count(second, "publication"), "the DOI is the first record's publication")
	assert.Zero(t, count(second, "organization"))
	var authored, affiliated map[string]any
	for _, r := range second {
		switch r["rel"] {
		case "AUTHORED":
			authored = r
		case "AFFILIATED_WITH":
			affiliated = r
		}
	}
	require.NotNil(t, authored)
	assert.Equal(t, "pub:orcid-9999-0000-0000-0019-1", authored["to"])
	assert.Equal(t, 1, res.Matched)
	require.NotNil(t, affiliated)
	assert.Equal(t, "org:orcid-grid-grid.synthetic.9", affiliated["to"])
	assert.Equal(t, "2020", affiliated["since"])
	assert.Nil(t, affiliated["until"], "an end before the start is left out")
	assert.Contains(t, affiliated["note"], "before the start")
	assert.Equal(t, true, affiliated["synthetic"])
}
