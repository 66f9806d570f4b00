package format

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	return m
}

func TestParseRejectsBadRows(t *testing.T) {
	tests := []struct {
		name  string
		row   string
		field string
		want  string
	}{
		{"unknown type", `{"type":"planet","id":"p:x"}`, "type", "is not one of"},
		{"missing name", `{"type":"person","id":"person:a","sources":["src:s"]}`, "name", "is required"},
		{"missing sources on a fact", `{"type":"person","id":"person:a","name":"A"}`, "sources", "needs at least one id"},
		{"malformed id", `{"type":"person","id":"Zhao Gang","name":"A","sources":["src:s"]}`, "id", "is not an id"},
		{"unknown organization kind", `{"type":"organization","id":"org:a","name":"A","kind":"castle","sources":["src:s"]}`, "kind", "is not one of"},
		{"bad date", `{"type":"event","id":"event:a","name":"A","kind":"visit","start":"9 Aug 2022","sources":["src:s"]}`, "start", "is not a date"},
		{"end before start at coarser precision", `{"type":"event","id":"event:a","name":"A","kind":"visit","start":"2022-08","end":"2021","sources":["src:s"]}`, "end", "before start"},
		{"end before start", `{"type":"event","id":"event:a","name":"A","kind":"visit","start":"2022-08-10","end":"2022-08-09","sources":["src:s"]}`, "end", "before start"},
		{"uncertain without a note", `{"type":"person","id":"person:a","name":"A","uncertain":true,"sources":["src:s"]}`, "note", "needs a note"},
		{"unknown field", `{"type":"person","id":"person:a","name":"A","sources":["src:s"],"shoe_size":42}`, "shoe_size", "is not a field"},
		{"source without url scheme", `{"type":"source","id":"src:a","title":"T","url":"example.org"}`, "url", "http"},
		{"link type outside the allow-list", `{"type":"link","rel":"DELETE_ALL","from":"person:a","to":"org:b","sources":["src:s"]}`, "rel", "is not one of"},
		{"self link", `{"type":"link","rel":"PART_OF","from":"org:a","to":"org:a","sources":["src:s"]}`, "to", "itself"},
		{"partnership without parties", `{"type":"partnership","id":"pship:a","name":"P","kind":"mou","status":"agreed","sources":["src:s"]}`, "parties", "at least one party"},
		{"latitude out of range", `{"type":"organization","id":"org:a","name":"A","kind":"lab","lat":123,"lon":0,"sources":["src:s"]}`, "lat", "between"},
		{"sourced alias without sources", `{"type":"organization","id":"org:a","name":"A","kind":"lab","aliases":[{"name":"B"}],"sources":["src:s"]}`, "aliases[0].sources", "at least one id"},
		{"wrong format version", `{"format":"cryograph","version":2}`, "version", "reads version 1"},
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

func TestParsePartnershipMakesPartiesAndTopics(t *testing.T) {
	p, err := Parse(3, decode(t, `{"type":"partnership","id":"pship:a","name":"P","kind":"mou","status":"agreed","start":"2022-08",
		"parties":[{"id":"org:a","role":"lab"},{"id":"person:b","uncertain":true,"note":"not named in the text"}],
		"topics":["topic:t"],"sources":["src:s"]}`))
	require.NoError(t, err)
	require.Len(t, p.Nodes, 1)
	assert.Equal(t, "Partnership", p.Nodes[0].Label)
	assert.Equal(t, "2022-08", p.Nodes[0].Props["start"])
	var rels []string
	for _, l := range p.Links {
		rels = append(rels, l.Rel+" "+l.From+"->"+l.To)
		assert.Equal(t, []string{"src:s"}, l.Props["sources"], "derived links carry the partnership's sources")
	}
	assert.ElementsMatch(t, []string{"PARTY_TO org:a->pship:a", "PARTY_TO person:b->pship:a", "ABOUT pship:a->topic:t"}, rels)
	assert.Equal(t, true, p.Links[1].Props["uncertain"])
}

func TestParseSourcedAlias(t *testing.T) {
	p, err := Parse(1, decode(t, `{"type":"organization","id":"org:usst","name":"USST","kind":"university",
		"aliases":["上海理工大学",{"name":"Shanghai Polytechnic University","sources":["src:news"],"note":"mistranslation"}],"sources":["src:s"]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"上海理工大学", "Shanghai Polytechnic University"}, p.Nodes[0].Props["aliases"])
	require.Len(t, p.Links, 1)
	assert.Equal(t, "ALIAS_SOURCED_FROM", p.Links[0].Rel)
	assert.Equal(t, "src:news", p.Links[0].To)
	assert.Equal(t, "Shanghai Polytechnic University", p.Links[0].Props["alias"])
}

func TestHashIsStableAndContentSensitive(t *testing.T) {
	a := Hash("Person", map[string]any{"name": "A", "country": "CN"})
	b := Hash("Person", map[string]any{"country": "CN", "name": "A"})
	c := Hash("Person", map[string]any{"country": "US", "name": "A"})
	assert.Equal(t, a, b, "key order does not matter")
	assert.NotEqual(t, a, c)
}

func TestDatesOfDifferentPrecision(t *testing.T) {
	_, err := Parse(1, decode(t, `{"type":"partnership","id":"pship:a","name":"P","kind":"mou","status":"ended","start":"2025-07","end":"2025","parties":[{"id":"org:a"}],"sources":["src:s"]}`))
	assert.NoError(t, err, "a partnership that started in July 2025 may end in 2025")
}

// isID and isDate are written out for speed; they must agree with the regular expressions
// the format documents.
func TestIDAndDateMatchTheirPatterns(t *testing.T) {
	idRE := regexp.MustCompile(`^[a-z][a-z0-9_]*:[A-Za-z0-9_.\-:/]+$`)
	dateRE := regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	for _, s := range []string{"person:xu_yi", "org:usst/lab-1.2", "a:b", "a:", ":b", "A:b", "1a:b", "a_b9:c:d",
		"person:x y", "person:é", "person", "", "a-b:c", "topic:syn-1.2", "p:x\n", "src:syn-0"} {
		assert.Equal(t, idRE.MatchString(s), isID(s), "id %q", s)
	}
	for _, s := range []string{"2022", "2022-05", "2022-05-17", "22", "2022-5", "2022-05-1", "2022/05", "20220517",
		"2022-05-17T00", "abcd", "", "2022-0a"} {
		assert.Equal(t, dateRE.MatchString(s), isDate(s), "date %q", s)
	}
}

// Stored hashes must not change when the JSON library does: Hash's bytes are encoding/json's.
func TestHashBytesAreEncodingJSONs(t *testing.T) {
	for _, parts := range [][]any{
		{"Person", map[string]any{"name": `Zhao "Gang" <b>&</b> 赵刚`, "aliases": []string{"赵刚", "Gang Zhao"}, "synthetic": true,
			"note": "line\nbreak\ttab \u2028 \u2029 \x01", "lat": 31.2304, "lng": -0.0, "big": 1e21, "small": 1e-7, "n": int64(1) << 60, "i": 42},
			[]string{"src:a", "src:b"}},
		{"WORKS_ON", map[string]any{"sources": []string{}, "weight": 0.1, "since": "2019-03", "empty": ""}},
		{"Topic", map[string]any{}, []string(nil)},
	} {
		want, err := json.Marshal(parts)
		require.NoError(t, err)
		sum := sha256.Sum256(want)
		assert.Equal(t, hex.EncodeToString(sum[:12]), Hash(parts...), "%s", want)
	}
}
