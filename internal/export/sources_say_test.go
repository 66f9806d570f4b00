package export_test

import (
	"testing"

	"github.com/cryograph/cryograph/internal/export"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
)

// sourcesSay holds one row of each thing the format learned to say in issue 23, item 7.
const sourcesSay = `{"type":"source","id":"src:call","url":"https://example.org/call","title":"Call results"}
{"type":"source","id":"src:page","url":"https://www.blood.example.net/about"}
{"type":"organization","id":"org:cons","name":"Cryo Consortium","kind":"consortium","region":"Europe","sources":["src:call"]}
{"type":"organization","id":"org:blood","name":"Blood Service","kind":"blood_service","country":"DE","sources":["src:page"]}
{"type":"organization","id":"org:uni","name":"University","kind":"university","sources":["src:call"]}
{"type":"partnership","id":"pship:grant","name":"Grant","kind":"joint_grant","status":"active","amount":1500000,"currency":"EUR","sources":["src:call"],"parties":[{"id":"org:cons","role":"coordinator","lead":"lead"},{"id":"org:blood","lead":"co-lead","sources":["src:page","src:call"]},{"id":"org:uni","lead":"participant"}]}
{"type":"person","id":"person:a","name":"A","sources":["src:call"]}
{"type":"person","id":"person:b","name":"B","sources":["src:call"]}
{"type":"publication","id":"pub:p","title":"P","sources":["src:call"]}
{"type":"link","rel":"AUTHORED","from":"person:a","to":"pub:p","position":2,"sources":["src:call"]}
{"type":"link","rel":"STUDENT_OF","from":"person:a","to":"person:b","degree":"PhD","institution":"org:uni","since":"2010","sources":["src:call"]}
`

func TestJSONLRoundTripsWhatSourcesSay(t *testing.T) {
	st := neo4jtest.Store(t)
	reload(t, st, []byte(sourcesSay))
	original := takeSnapshot(t, st)
	first := exportJSONL(t, st, export.Options{})
	reload(t, st, first)
	assert.Equal(t, original, takeSnapshot(t, st), "the reloaded graph is the same graph")
	second := exportJSONL(t, st, export.Options{})
	assert.Equal(t, string(first), string(second), "exporting the reloaded graph gives the same bytes")
	for _, want := range []string{
		`{"type":"source","id":"src:page","url":"https://www.blood.example.net/about"}`,
		`"kind":"consortium","region":"Europe"`,
		`"kind":"blood_service"`,
		`"amount":1500000,"currency":"EUR"`,
		`{"id":"org:blood","lead":"co-lead","sources":["src:page","src:call"]}`,
		`{"id":"org:cons","role":"coordinator","lead":"lead"}`,
		`"rel":"AUTHORED","from":"person:a","to":"pub:p","position":2,`,
		`"degree":"PhD","institution":"org:uni","since":"2010"`,
	} {
		assert.Contains(t, string(first), want)
	}
	assert.NotContains(t, string(first), `"rel":"PARTY_TO"`, "a party with its own sources stays in its row")
}

// A subgraph export holds the institution a STUDENT_OF link names, so that it loads alone.
func TestSubgraphExportHoldsAStudentsInstitution(t *testing.T) {
	st := neo4jtest.Store(t)
	reload(t, st, []byte(sourcesSay))
	sub := exportJSONL(t, st, export.Options{Root: "person:a", Depth: 1})
	assert.Contains(t, string(sub), `"id":"org:uni"`)
	reload(t, st, sub) // loads into an empty database without a rejected row
	assert.Equal(t, string(sub), string(exportJSONL(t, st, export.Options{})))
}
