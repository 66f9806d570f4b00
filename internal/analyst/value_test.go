package analyst_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func encodeRow(t *testing.T, values ...any) string {
	t.Helper()
	c := analyst.NewCollector([]string{"v"}, 10, analyst.DefaultMaxBytes)
	require.True(t, c.Add(values))
	b, err := json.Marshal(c.Result(0).Rows[0])
	require.NoError(t, err)
	return string(b)
}

func TestTypedJSON(t *testing.T) {
	z := 3.0
	for _, tc := range []struct {
		name string
		in   any
		want string
	}{
		{"null", nil, `[null]`},
		{"a small integer is a number", int64(42), `[42]`},
		{"the largest safe integer is a number", int64(analyst.MaxSafeInteger), `[9007199254740991]`},
		{"a bigger integer is a typed string", int64(analyst.MaxSafeInteger + 2), `[{"type":"integer","value":"9007199254740993"}]`},
		{"a very negative integer is a typed string", int64(math.MinInt64), `[{"type":"integer","value":"-9223372036854775808"}]`},
		{"a whole float keeps its decimal point", 1.0, `[1.0]`},
		{"a float", 0.25, `[0.25]`},
		{"a huge float uses an exponent", 1e300, `[1e+300]`},
		{"NaN is typed", math.NaN(), `[{"type":"float","value":"NaN"}]`},
		{"infinity is typed", math.Inf(-1), `[{"type":"float","value":"-Infinity"}]`},
		{"bytes are base64", []byte{1, 2, 255}, `[{"type":"bytes","value":"AQL/"}]`},
		{"a list is a list", []any{int64(1), "a", nil}, `[[1,"a",null]]`},
		{"a map is an object", map[string]any{"a": int64(1)}, `[{"a":1}]`},
		{"a map with a type key is wrapped", map[string]any{"type": "node"}, `[{"type":"map","value":{"type":"node"}}]`},
		{"a date", analyst.Temporal{Kind: analyst.KindDate, Value: "2022-08-09"}, `[{"type":"date","value":"2022-08-09"}]`},
		{"a 2D point", analyst.Point{SRID: 7203, CRS: "cartesian", X: 1, Y: 2}, `[{"type":"point","srid":7203,"crs":"cartesian","x":1,"y":2}]`},
		{"a 3D point", analyst.Point{SRID: 4979, CRS: "wgs-84-3d", X: 1, Y: 2, Z: &z}, `[{"type":"point","srid":4979,"crs":"wgs-84-3d","x":1,"y":2,"z":3}]`},
		{"a node", analyst.Node{ElementID: "4:x:1", Labels: []string{"Person"}, Properties: map[string]any{"n": int64(1), "type": "x"}},
			`[{"type":"node","elementId":"4:x:1","labels":["Person"],"properties":{"n":1,"type":"x"}}]`},
		{"a relationship", analyst.Relationship{ElementID: "5:x:1", Type: "KNOWS", Start: "4:x:1", End: "4:x:2"},
			`[{"type":"relationship","elementId":"5:x:1","relType":"KNOWS","start":"4:x:1","end":"4:x:2","properties":{}}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.JSONEq(t, tc.want, encodeRow(t, tc.in))
			if strings.Contains(tc.want, "1.0") {
				assert.Contains(t, encodeRow(t, tc.in), "1.0", "the decimal point is kept in the text")
			}
		})
	}
}

func TestFormatDuration(t *testing.T) {
	for _, tc := range []struct {
		months, days, secs int64
		nanos              int
		want               string
	}{
		{0, 0, 0, 0, "PT0S"},
		{14, 3, 4*3600 + 5*60 + 6, 500000000, "P1Y2M3DT4H5M6.5S"},
		{0, 0, 90 * 60, 0, "PT1H30M"},
		{0, 0, -90 * 60, 0, "PT-1H-30M"},
		{0, 0, -2, 500000000, "PT-1.5S"},
		{0, 0, -1, 500000000, "PT-0.5S"},
		{12, 0, 0, 0, "P1Y"},
		{0, 1, 0, 1, "P1DT0.000000001S"},
	} {
		assert.Equal(t, tc.want, analyst.FormatDuration(tc.months, tc.days, tc.secs, tc.nanos))
	}
}

func TestFormatTemporals(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	at := time.Date(2022, 8, 9, 10, 0, 0, 500000000, berlin)
	assert.Equal(t, "2022-08-09", analyst.FormatDate(at))
	assert.Equal(t, "2022-08-09T10:00:00.5+02:00[Europe/Berlin]", analyst.FormatDateTime(at, "Europe/Berlin"))
	assert.Equal(t, "2022-08-09T08:00:00.5Z", analyst.FormatDateTime(at.UTC(), ""))
	assert.Equal(t, "2022-08-09T10:00:00.5", analyst.FormatLocalDateTime(at))
	assert.Equal(t, "10:00:00.5+02:00", analyst.FormatTime(at))
	assert.Equal(t, "10:00:00.5", analyst.FormatLocalTime(at))
}

func TestCollector(t *testing.T) {
	n1 := analyst.Node{ElementID: "n1", Labels: []string{"A"}}
	n2 := analyst.Node{ElementID: "n2", Labels: []string{"B"}}
	r := analyst.Relationship{ElementID: "r1", Type: "T", Start: "n1", End: "n2"}

	t.Run("the graph view holds each node and relationship once", func(t *testing.T) {
		c := analyst.NewCollector([]string{"a", "r", "p"}, 10, analyst.DefaultMaxBytes)
		require.True(t, c.Add([]any{n1, r, analyst.Path{Nodes: []analyst.Node{n1, n2}, Relationships: []analyst.Relationship{r}}}))
		require.True(t, c.Add([]any{n2, nil, []any{n1, map[string]any{"x": n2}}}))
		res := c.Result(0)
		assert.Len(t, res.Graph.Nodes, 2)
		assert.Len(t, res.Graph.Relationships, 1)
		assert.Equal(t, 2, res.Stats.Rows)
		assert.False(t, res.Truncated)
	})
	t.Run("the row cap truncates when there is one more row", func(t *testing.T) {
		c := analyst.NewCollector([]string{"i"}, 2, analyst.DefaultMaxBytes)
		assert.True(t, c.Add([]any{int64(1)}))
		assert.True(t, c.Add([]any{int64(2)}))
		assert.False(t, c.Result(0).Truncated, "exactly the limit is not truncated")
		assert.False(t, c.Add([]any{int64(3)}))
		res := c.Result(0)
		assert.True(t, res.Truncated)
		assert.Equal(t, analyst.TruncatedRows, res.TruncatedReason)
		assert.Len(t, res.Rows, 2)
	})
	t.Run("the byte cap truncates before the row that would pass it", func(t *testing.T) {
		c := analyst.NewCollector([]string{"s"}, 1000, 100)
		n := 0
		for c.Add([]any{strings.Repeat("x", 20)}) {
			n++
		}
		res := c.Result(0)
		assert.True(t, res.Truncated)
		assert.Equal(t, analyst.TruncatedBytes, res.TruncatedReason)
		assert.Equal(t, n, len(res.Rows))
		assert.LessOrEqual(t, res.Stats.Bytes, 100)
		b, err := json.Marshal(res.Rows)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(b), 100)
	})
	t.Run("a row that does not fit adds nothing to the graph view", func(t *testing.T) {
		c := analyst.NewCollector([]string{"n"}, 10, 10)
		assert.False(t, c.Add([]any{n1}))
		assert.Empty(t, c.Result(0).Graph.Nodes)
		assert.Empty(t, c.Result(0).Rows)
	})
	t.Run("an empty result has empty lists, not nulls", func(t *testing.T) {
		b, err := json.Marshal(analyst.NewCollector(nil, 10, 100).Result(0))
		require.NoError(t, err)
		assert.JSONEq(t, `{"columns":[],"rows":[],"truncated":false,"graph":{"nodes":[],"relationships":[]},"stats":{"rows":0,"ms":0,"bytes":0}}`, string(b))
	})
}

func TestWriteCSV(t *testing.T) {
	c := analyst.NewCollector([]string{"s", "i", "f", "b", "nil", "d", "list", "node", "big"}, 10, analyst.DefaultMaxBytes)
	require.True(t, c.Add([]any{`a "quoted", text`, int64(7), 1.0, true, nil,
		analyst.Temporal{Kind: analyst.KindDate, Value: "2022-08-09"}, []any{"x", int64(1)},
		analyst.Node{ElementID: "n1", Labels: []string{"A"}, Properties: map[string]any{}}, int64(1 << 60)}))
	var buf bytes.Buffer
	require.NoError(t, analyst.WriteCSV(&buf, c.Result(0)))
	recs, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.Equal(t, []string{"s", "i", "f", "b", "nil", "d", "list", "node", "big"}, recs[0])
	assert.Equal(t, []string{`a "quoted", text`, "7", "1.0", "true", "", "2022-08-09", `["x",1]`,
		`{"type":"node","elementId":"n1","labels":["A"],"properties":{}}`, "1152921504606846976"}, recs[1])
}

func TestRequestLimits(t *testing.T) {
	t.Run("defaults are filled in", func(t *testing.T) {
		r := analyst.Request{Query: "RETURN 1"}
		require.NoError(t, r.Normalize())
		assert.Equal(t, analyst.DefaultRowLimit, r.Limit)
		assert.Equal(t, analyst.DefaultTimeout, r.Timeout)
		assert.Equal(t, analyst.DefaultMaxBytes, r.MaxBytes)
	})
	for _, tc := range []struct {
		name  string
		req   analyst.Request
		field string
	}{
		{"an empty query", analyst.Request{Query: " "}, "query"},
		{"a huge query", analyst.Request{Query: strings.Repeat("x", analyst.MaxQueryLength+1)}, "query"},
		{"a limit over the maximum", analyst.Request{Query: "RETURN 1", Limit: analyst.MaxRowLimit + 1}, "limit"},
		{"a negative limit", analyst.Request{Query: "RETURN 1", Limit: -1}, "limit"},
		{"a timeout over the maximum", analyst.Request{Query: "RETURN 1", Timeout: analyst.MaxTimeout + time.Second}, "timeout"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			err := tc.req.Normalize()
			var ce *cryo.Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.field, ce.Field)
		})
	}
}

func TestParseTimeout(t *testing.T) {
	for in, want := range map[string]time.Duration{"": 0, "null": 0, "2": 2 * time.Second, "0.5": 500 * time.Millisecond, `"1500ms"`: 1500 * time.Millisecond} {
		got, err := analyst.ParseTimeout(json.RawMessage(in))
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"0", "-1", "61", `"soon"`, `"-1s"`, "true"} {
		_, err := analyst.ParseTimeout(json.RawMessage(in))
		assert.Error(t, err, in)
	}
}

func TestDecodeParams(t *testing.T) {
	p, err := analyst.DecodeParams(json.RawMessage(`{"i": 1, "f": 1.5, "e": 1e3, "s": "x", "l": [1, "a"], "m": {"k": 2}, "n": null}`))
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"i": int64(1), "f": 1.5, "e": 1000.0, "s": "x", "l": []any{int64(1), "a"},
		"m": map[string]any{"k": int64(2)}, "n": nil}, p)
	for _, in := range []string{`[1]`, `"x"`, `{"i": 99999999999999999999}`, `{"a": 1} {}`} {
		_, err := analyst.DecodeParams(json.RawMessage(in))
		assert.Error(t, err, in)
	}
}
