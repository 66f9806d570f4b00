package format

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What real sources say (issue 23, item 7): each new field is rejected with its row, field and
// reason when it is wrong, and stored when it is right.
func TestParseRejectsWhatSourcesCannotSay(t *testing.T) {
	pship := `{"type":"partnership","id":"pship:a","name":"P","kind":"joint_grant","status":"agreed","sources":["src:s"],`
	tests := []struct {
		name, row, field, want string
	}{
		{"untitled source without a host", `{"type":"source","id":"src:a","url":"https:///nothing"}`, "url", "has no host"},
		{"source without url nor title", `{"type":"source","id":"src:a"}`, "url", "is required"},
		{"unknown organization kind", `{"type":"organization","id":"org:a","name":"A","kind":"blood_bank","sources":["src:s"]}`, "kind", "blood_service"},
		{"party lead outside the vocabulary", pship + `"parties":[{"id":"org:a","lead":"boss"}]}`, "parties[0].lead", "is not one of co-lead, lead, participant"},
		{"party lead as a boolean", pship + `"parties":[{"id":"org:a","lead":true}]}`, "parties[0].lead", "must be a string"},
		{"party sources empty", pship + `"parties":[{"id":"org:a","sources":[]}]}`, "parties[0].sources", "needs at least one id"},
		{"party source not an id", pship + `"parties":[{"id":"org:a","sources":["a page"]}]}`, "parties[0].sources", "is not an id"},
		{"negative amount", pship + `"amount":-5,"currency":"EUR","parties":[{"id":"org:a"}]}`, "amount", "must not be negative"},
		{"amount as text", pship + `"amount":"5 million","currency":"EUR","parties":[{"id":"org:a"}]}`, "amount", "must be a number"},
		{"amount without currency", pship + `"amount":5000,"parties":[{"id":"org:a"}]}`, "currency", "is required when amount is given"},
		{"currency without amount", pship + `"currency":"EUR","parties":[{"id":"org:a"}]}`, "amount", "is required when currency is given"},
		{"currency not ISO 4217", pship + `"amount":5,"currency":"euro","parties":[{"id":"org:a"}]}`, "currency", "ISO 4217"},
		{"position zero", `{"type":"link","rel":"AUTHORED","from":"person:a","to":"pub:b","position":0,"sources":["src:s"]}`, "position", "at least 1"},
		{"position not whole", `{"type":"link","rel":"AUTHORED","from":"person:a","to":"pub:b","position":1.5,"sources":["src:s"]}`, "position", "whole number"},
		{"position on another link", `{"type":"link","rel":"AFFILIATED_WITH","from":"person:a","to":"org:b","position":1,"sources":["src:s"]}`, "position", "AUTHORED links only"},
		{"degree on another link", `{"type":"link","rel":"AUTHORED","from":"person:a","to":"pub:b","degree":"PhD","sources":["src:s"]}`, "degree", "STUDENT_OF links only"},
		{"institution on another link", `{"type":"link","rel":"LEADS","from":"person:a","to":"org:b","institution":"org:c","sources":["src:s"]}`, "institution", "STUDENT_OF links only"},
		{"institution not an id", `{"type":"link","rel":"STUDENT_OF","from":"person:a","to":"person:b","institution":"Some University","sources":["src:s"]}`, "institution", "is not an id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(1, decode(t, tt.row))
			var fe FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Field)
			assert.Contains(t, fe.Reason, tt.want)
		})
	}
}

func TestParseUntitledSourceIsNamedByItsHost(t *testing.T) {
	p, err := Parse(1, decode(t, `{"type":"source","id":"src:a","url":"https://www.Example.org:8443/news/1"}`))
	require.NoError(t, err)
	props := p.Nodes[0].Props
	assert.Equal(t, true, props["untitled"])
	assert.Equal(t, "example.org", props["host"])
	assert.Equal(t, "example.org", props["name"])
	assert.NotContains(t, props, "title")

	p, err = Parse(1, decode(t, `{"type":"source","id":"src:a","url":"https://example.org/1","title":"T"}`))
	require.NoError(t, err)
	assert.NotContains(t, p.Nodes[0].Props, "untitled")
	assert.NotContains(t, p.Nodes[0].Props, "host")
	assert.Equal(t, "T", p.Nodes[0].Props["name"])
}

func TestParseConsortiumAndBloodService(t *testing.T) {
	for _, kind := range []string{"consortium", "blood_service", "nonprofit", "healthcare"} {
		p, err := Parse(1, decode(t, `{"type":"organization","id":"org:a","name":"A","kind":"`+kind+`","region":"Bavaria","sources":["src:s"]}`))
		require.NoError(t, err, kind)
		assert.Equal(t, kind, p.Nodes[0].Props["kind"])
		assert.Equal(t, "Bavaria", p.Nodes[0].Props["region"])
	}
}

func TestParsePartiesWithTheirOwnSourcesAndLead(t *testing.T) {
	p, err := Parse(1, decode(t, `{"type":"partnership","id":"pship:g","name":"G","kind":"joint_grant","status":"active",
		"amount":1500000,"currency":"EUR","sources":["src:call"],
		"parties":[{"id":"org:a","role":"coordinator","lead":"lead","sources":["src:a-news","src:call"]},{"id":"org:b","lead":"co-lead"},{"id":"org:c"}]}`))
	require.NoError(t, err)
	assert.Equal(t, 1500000.0, p.Nodes[0].Props["amount"])
	assert.Equal(t, "EUR", p.Nodes[0].Props["currency"])
	require.Len(t, p.Links, 3)
	assert.Equal(t, map[string]any{"sources": []string{"src:a-news", "src:call"}, "role": "coordinator", "lead": "lead"}, p.Links[0].Props)
	assert.Equal(t, map[string]any{"sources": []string{"src:call"}, "lead": "co-lead"}, p.Links[1].Props)
	assert.Equal(t, map[string]any{"sources": []string{"src:call"}}, p.Links[2].Props)
	var fields []string
	for _, r := range p.Refs {
		fields = append(fields, r.Field+"="+r.ID)
	}
	assert.Contains(t, fields, "parties[0].sources=src:a-news")
}

func TestParseAuthorPositionAndStudentDegree(t *testing.T) {
	p, err := Parse(1, decode(t, `{"type":"link","rel":"AUTHORED","from":"person:a","to":"pub:b","position":3,"sources":["src:s"]}`))
	require.NoError(t, err)
	assert.Equal(t, int64(3), p.Links[0].Props["position"])

	p, err = Parse(1, decode(t, `{"type":"link","rel":"STUDENT_OF","from":"person:a","to":"person:b","degree":"PhD","institution":"org:ustc","since":"2010","sources":["src:s"]}`))
	require.NoError(t, err)
	assert.Equal(t, "PhD", p.Links[0].Props["degree"])
	assert.Equal(t, "org:ustc", p.Links[0].Props["institution"])
	var inst *Ref
	for i := range p.Refs {
		if p.Refs[i].Field == "institution" {
			inst = &p.Refs[i]
		}
	}
	require.NotNil(t, inst, "the institution must exist, like every reference")
	assert.Equal(t, "org:ustc", inst.ID)
	assert.True(t, inst.Labels["Organization"])
	assert.False(t, inst.Labels["Person"])
}

func TestCSVReadsAmountsAndPositions(t *testing.T) {
	assert.Equal(t, "250000", csvValue("amount", "250000").(interface{ String() string }).String())
	assert.Equal(t, "2", csvValue("position", "2").(interface{ String() string }).String())
}
