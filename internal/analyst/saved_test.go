package analyst_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fieldOf(t *testing.T, err error) string {
	t.Helper()
	var ce *cryo.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, cryo.ECodeInvalid, ce.Code)
	return ce.Field
}

func TestSavedQueryValidate(t *testing.T) {
	ok := func() analyst.SavedQuery {
		return analyst.SavedQuery{Name: "by-topic", Query: "RETURN $t", Params: []analyst.ParamSpec{{Name: "t", Type: " List< INT > "}}}
	}
	t.Run("a good query passes and its types become canonical", func(t *testing.T) {
		q := ok()
		require.NoError(t, q.Validate())
		assert.Equal(t, "list<integer>", q.Params[0].Type)
	})
	for _, tc := range []struct {
		name  string
		edit  func(*analyst.SavedQuery)
		field string
	}{
		{"an upper-case name", func(q *analyst.SavedQuery) { q.Name = "ByTopic" }, "name"},
		{"a name with a slash", func(q *analyst.SavedQuery) { q.Name = "a/b" }, "name"},
		{"an empty query", func(q *analyst.SavedQuery) { q.Query = "" }, "query"},
		{"a bad parameter name", func(q *analyst.SavedQuery) { q.Params[0].Name = "1x" }, "params[0].name"},
		{"an unknown type", func(q *analyst.SavedQuery) { q.Params[0].Type = "uuid" }, "params[0].type"},
		{"a parameter declared twice", func(q *analyst.SavedQuery) { q.Params = append(q.Params, q.Params[0]) }, "params[1].name"},
		{"a default of the wrong type", func(q *analyst.SavedQuery) { q.Params[0].Default = json.RawMessage(`["a"]`) }, "params[0].default"},
		{"a long description", func(q *analyst.SavedQuery) { q.Description = strings.Repeat("x", analyst.MaxDescriptionLength+1) }, "description"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			q := ok()
			tc.edit(&q)
			assert.Equal(t, tc.field, fieldOf(t, q.Validate()))
		})
	}
}

func TestCheckParams(t *testing.T) {
	specs := []analyst.ParamSpec{
		{Name: "topic", Type: "string"},
		{Name: "year", Type: "integer", Default: json.RawMessage(`2000`)},
		{Name: "score", Type: "float", Default: json.RawMessage(`null`)},
		{Name: "on", Type: "boolean", Default: json.RawMessage(`true`)},
		{Name: "since", Type: "date", Default: json.RawMessage(`"2020-01-01"`)},
		{Name: "at", Type: "datetime", Default: json.RawMessage(`"2020-01-01T10:00:00+02:00"`)},
		{Name: "tags", Type: "list<string>", Default: json.RawMessage(`[]`)},
	}
	t.Run("given values and defaults become Cypher values", func(t *testing.T) {
		p, err := analyst.CheckParams(specs, json.RawMessage(`{"topic": "vitrification", "score": 2, "tags": ["a", "b"]}`))
		require.NoError(t, err)
		assert.Equal(t, "vitrification", p["topic"])
		assert.Equal(t, int64(2000), p["year"])
		assert.Equal(t, 2.0, p["score"])
		assert.Equal(t, true, p["on"])
		assert.Equal(t, []any{"a", "b"}, p["tags"])
		since := p["since"].(analyst.Temporal)
		assert.Equal(t, analyst.KindDate, since.Kind)
		assert.Equal(t, "2020-01-01", since.Time().Format("2006-01-02"))
		at := p["at"].(analyst.Temporal)
		assert.Equal(t, "2020-01-01T08:00:00Z", at.Time().UTC().Format("2006-01-02T15:04:05Z07:00"))
	})
	t.Run("an optional parameter may be null", func(t *testing.T) {
		p, err := analyst.CheckParams(specs, json.RawMessage(`{"topic": "x", "score": null}`))
		require.NoError(t, err)
		assert.Nil(t, p["score"])
	})
	for _, tc := range []struct {
		name, params, field, mention string
	}{
		{"a missing required parameter", `{}`, "params.topic", `"topic"`},
		{"a null required parameter", `{"topic": null}`, "params.topic", `"topic"`},
		{"an undeclared parameter", `{"topic": "x", "country": "CN"}`, "params.country", `"country"`},
		{"a number for a string", `{"topic": 5}`, "params.topic", "must be a string"},
		{"a float for an integer", `{"topic": "x", "year": 2020.5}`, "params.year", "must be an integer"},
		{"a string for an integer", `{"topic": "x", "year": "2020"}`, "params.year", "must be an integer"},
		{"a string for a boolean", `{"topic": "x", "on": "yes"}`, "params.on", "true or false"},
		{"a malformed date", `{"topic": "x", "since": "2020-13-01"}`, "params.since", "date"},
		{"a date for a datetime", `{"topic": "x", "at": "2020-01-01"}`, "params.at", "datetime"},
		{"a scalar for a list", `{"topic": "x", "tags": "a"}`, "params.tags", "list<string>"},
		{"a number in a list of strings", `{"topic": "x", "tags": ["a", 1]}`, "params.tags", "tags[1]"},
		{"params that are not an object", `["x"]`, "params", "object"},
	} {
		t.Run(tc.name+" is a 400 naming the parameter", func(t *testing.T) {
			_, err := analyst.CheckParams(specs, json.RawMessage(tc.params))
			assert.Equal(t, tc.field, fieldOf(t, err))
			assert.Contains(t, cryo.ErrorMessage(err), tc.mention)
		})
	}
}

func TestSampleParams(t *testing.T) {
	p := analyst.SampleParams([]analyst.ParamSpec{{Name: "a", Type: "string"}, {Name: "b", Type: "list<date>"}})
	assert.Equal(t, "", p["a"])
	assert.Len(t, p["b"], 1)
}
