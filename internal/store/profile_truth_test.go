package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An organization's profile says exactly what is true: a person who leads a sub-unit leads
// the sub-unit, not the university; PART_OF has its sources; the name, the aliases and the
// country say which sources support them; and each person is counted once.
func TestProfilesSayWhereAFactHoldsAndWhatSupportsIt(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	rows := `{"type":"source","id":"src:uni","url":"https://example.org/uni","title":"Uni"}
{"type":"source","id":"src:lab","url":"https://example.org/lab","title":"Lab"}
{"type":"source","id":"src:alias","url":"https://example.org/alias","title":"Alias"}
{"type":"organization","id":"org:u","name":"Uni U","kind":"university","country":"CN","aliases":["UU",{"name":"U University","sources":["src:alias"]}],"sources":["src:uni"]}
{"type":"organization","id":"org:l","name":"Lab L","kind":"lab","sources":["src:lab"]}
{"type":"person","id":"person:p","name":"P","sources":["src:lab"]}
{"type":"person","id":"person:q","name":"Q","sources":["src:lab"]}
{"type":"link","rel":"PART_OF","from":"org:l","to":"org:u","sources":["src:lab"]}
{"type":"link","rel":"LEADS","from":"person:p","to":"org:l","sources":["src:lab"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:p","to":"org:u","sources":["src:uni"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:q","to":"org:l","key":"a","sources":["src:lab"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:q","to":"org:l","key":"b","sources":["src:lab"]}`
	_, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("truth.jsonl", []byte(rows))}, importer.Options{})
	require.NoError(t, err)

	u, err := st.Profile(ctx, "organization", "org:u")
	require.NoError(t, err)
	var leads *cryo.Fact
	for i, f := range u.People {
		if f.Rel == "LEADS" {
			leads = &u.People[i]
		}
	}
	require.NotNil(t, leads)
	require.NotNil(t, leads.At, "P leads the lab, not the university")
	assert.Equal(t, "org:l", leads.At.ID)
	for _, f := range u.People {
		if f.Rel == "AFFILIATED_WITH" && f.Other.ID == "person:p" {
			assert.Nil(t, f.At, "P's affiliation is with the university itself")
		}
	}
	assert.Len(t, u.People, 4)
	assert.Equal(t, 2, u.PeopleCount, "two people, whatever the number of their facts")

	require.Len(t, u.SubUnits, 1)
	assert.Equal(t, []string{"src:lab"}, u.SubUnits[0].Sources, "PART_OF shows its sources")
	l, err := st.Profile(ctx, "organization", "org:l")
	require.NoError(t, err)
	require.Len(t, l.Parents, 1)
	assert.Equal(t, []string{"src:lab"}, l.Parents[0].Sources)

	assert.Equal(t, []cryo.FieldSources{
		{Field: "name", Value: "Uni U", Sources: []string{"src:uni"}},
		{Field: "alias", Value: "UU", Sources: []string{"src:uni"}},
		{Field: "alias", Value: "U University", Sources: []string{"src:alias"}},
		{Field: "country", Value: "CN", Sources: []string{"src:uni"}},
	}, u.Provenance)
	var sourceIDs []string
	for _, s := range u.Sources {
		sourceIDs = append(sourceIDs, s.ID)
	}
	assert.ElementsMatch(t, []string{"src:alias", "src:lab", "src:uni"}, sourceIDs, "every cited source is listed")

	p, err := st.Profile(ctx, "person", "person:p")
	require.NoError(t, err)
	assert.Equal(t, []cryo.FieldSources{{Field: "name", Value: "P", Sources: []string{"src:lab"}}}, p.Provenance)
}
