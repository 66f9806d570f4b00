package importer_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SourcesSay holds one row of each thing the format learned to say in issue 23, item 7.
const SourcesSay = `{"type":"source","id":"src:call","url":"https://example.org/call","title":"Call results"}
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

func TestWhatSourcesSayIsWritten(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("say.jsonl", []byte(SourcesSay))}, importer.Options{})
	require.NoError(t, err, "%+v", rep.Errors)
	count := func(q string) int64 { return neo4jtest.Count(t, st, q) }
	assert.EqualValues(t, 1, count(`MATCH (s:Source {id: "src:page", untitled: true, host: "blood.example.net", name: "blood.example.net"}) WHERE s.title IS NULL RETURN count(s)`))
	assert.EqualValues(t, 1, count(`MATCH (o:Organization {id: "org:cons", kind: "consortium", region: "Europe"}) RETURN count(o)`))
	assert.EqualValues(t, 1, count(`MATCH (o:Organization {id: "org:blood", kind: "blood_service"}) RETURN count(o)`))
	assert.EqualValues(t, 1, count(`MATCH (p:Partnership {id: "pship:grant", amount: 1500000.0, currency: "EUR"}) RETURN count(p)`))
	assert.EqualValues(t, 1, count(`MATCH (:Organization {id: "org:cons"})-[r:PARTY_TO {role: "coordinator", lead: "lead", sources: ["src:call"]}]->(:Partnership) RETURN count(r)`))
	assert.EqualValues(t, 1, count(`MATCH (:Organization {id: "org:blood"})-[r:PARTY_TO {lead: "co-lead", sources: ["src:page", "src:call"]}]->(:Partnership) RETURN count(r)`))
	assert.EqualValues(t, 1, count(`MATCH (:Organization {id: "org:uni"})-[r:PARTY_TO {lead: "participant"}]->(:Partnership) RETURN count(r)`))
	assert.EqualValues(t, 1, count(`MATCH (:Person {id: "person:a"})-[r:AUTHORED {position: 2}]->(:Publication) RETURN count(r)`))
	assert.EqualValues(t, 1, count(`MATCH (:Person {id: "person:a"})-[r:STUDENT_OF {degree: "PhD", institution: "org:uni"}]->(:Person) RETURN count(r)`))
}

func TestAStudentsInstitutionMustExistAndBeAnOrganization(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	base := `{"type":"source","id":"src:s","url":"https://example.org/s","title":"S"}
{"type":"person","id":"person:a","name":"A","sources":["src:s"]}
{"type":"person","id":"person:b","name":"B","sources":["src:s"]}
`
	for _, tc := range []struct{ inst, want string }{
		{"org:nowhere", "org:nowhere is not defined"},
		{"person:b", "person:b is a Person; expected an Organization"},
	} {
		row := `{"type":"link","rel":"STUDENT_OF","from":"person:a","to":"person:b","institution":"` + tc.inst + `","sources":["src:s"]}`
		rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("s.jsonl", []byte(base+row))}, importer.Options{})
		require.ErrorIs(t, err, importer.ErrRejected)
		require.Len(t, rep.Errors, 1)
		assert.Equal(t, 4, rep.Errors[0].Line)
		assert.Equal(t, "institution", rep.Errors[0].Field)
		assert.Contains(t, rep.Errors[0].Reason, tc.want)
	}
}
