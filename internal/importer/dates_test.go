package importer_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestImpossibleDatesAreRejectedOnTheirRowAndField(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	file := `{"type":"source","id":"src:d","url":"https://example.org/d","title":"D","published":"2024-02-29"}
{"type":"event","id":"event:a","name":"A","kind":"visit","start":"2022-13","end":"2022-02-30","sources":["src:d"]}
{"type":"event","id":"event:b","name":"B","kind":"visit","start":"2022-13","end":"2022-12","sources":["src:d"]}
{"type":"publication","id":"pub:c","title":"C","published":"2022-00-00","sources":["src:d"]}
{"type":"organization","id":"org:d","name":"D","kind":"lab","founded":"2022-99-99","sources":["src:d"]}
{"type":"organization","id":"org:e","name":"E","kind":"lab","founded":"2023-02-29","sources":["src:d"]}
`
	rep, err := importer.Load(context.Background(), st, []importer.Input{importer.Bytes("dates.jsonl", []byte(file))}, importer.Options{})
	require.ErrorIs(t, err, importer.ErrRejected)
	var got []string
	for _, e := range rep.Errors {
		got = append(got, e.Error())
	}
	assert.Equal(t, []string{
		`dates.jsonl:2 (event:a): field "end": "2022-02-30" is not a date: 2022-02 has 28 days`,
		`dates.jsonl:3 (event:b): field "start": "2022-13" is not a date: month 13 does not exist`,
		`dates.jsonl:4 (pub:c): field "published": "2022-00-00" is not a date: month 00 does not exist`,
		`dates.jsonl:5 (org:d): field "founded": "2022-99-99" is not a date: month 99 does not exist`,
		`dates.jsonl:6 (org:e): field "founded": "2023-02-29" is not a date: 2023-02 has 28 days`,
	}, got, "the leap day of 2024 on line 1 is a date")
	assert.Equal(t, graphCounts{}, counts(t, st), "nothing was written")
}
