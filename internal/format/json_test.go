package format

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"math"
	"testing"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/generate"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hashParts are what Hash is given for each node and link of a parsed row, as the batcher
// gives them.
func hashParts(p *Parsed) [][]any {
	var out [][]any
	for _, n := range p.Nodes {
		out = append(out, []any{n.Label, n.Props, n.Sources})
	}
	for _, l := range p.Links {
		out = append(out, []any{l.Rel, l.Props})
	}
	return out
}

// Every row of the demo dataset and of 3,000 generated people hashes the bytes Marshal writes.
func TestAppendJSONWritesMarshalsBytesForEveryRow(t *testing.T) {
	var rows [][]byte
	demo := data.Demo()
	names, err := fs.Glob(demo, "*.jsonl")
	require.NoError(t, err)
	for _, n := range names {
		b, err := fs.ReadFile(demo, n)
		require.NoError(t, err)
		rows = append(rows, bytes.Split(bytes.TrimSpace(b), []byte("\n"))...)
	}
	var syn bytes.Buffer
	_, err = generate.Write(&syn, generate.Options{People: 3000, Seed: 7})
	require.NoError(t, err)
	sc := bufio.NewScanner(&syn)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		rows = append(rows, bytes.Clone(sc.Bytes()))
	}
	checked := 0
	for i, r := range rows {
		m, err := DecodeLine(r)
		require.NoError(t, err, "row %d", i)
		p, err := Parse(i+1, m)
		if err != nil || p == nil {
			continue
		}
		for _, parts := range hashParts(p) {
			want, err := json.Marshal(parts)
			require.NoError(t, err)
			got, err := appendJSON(nil, parts, true)
			require.NoError(t, err)
			require.Equal(t, string(want), string(got), "row %d", i)
			checked++
		}
	}
	assert.Greater(t, checked, 20000, "nodes and links compared")
}

func TestAppendJSONFailsWhereMarshalFails(t *testing.T) {
	for _, v := range []any{math.NaN(), map[string]any{"x": math.Inf(1)}, []any{json.Number("1.2.3")}} {
		_, err := json.Marshal(v)
		require.Error(t, err)
		_, err = appendJSON(nil, v, true)
		assert.Error(t, err, "%v", v)
	}
	assert.Equal(t, Hash(math.NaN()), Hash(math.Inf(-1)), "both hash what Marshal left: nothing")
}

// FuzzAppendJSONIsEncodingJSON: any string, as a value, a map key and in a list, is written
// as Marshal writes it. `go test` runs the seeds; `go test -fuzz FuzzAppendJSON` searches.
func FuzzAppendJSONIsEncodingJSON(f *testing.F) {
	for _, s := range []string{"", "plain", `q"uote\back`, "<b>&amp;</b>", "\x00\x01\x1f\x7f\b\f\n\r\t",
		"赵刚 Zhào Gāng", "\u2028\u2029", "\xff\xfe bad utf-8 \xe2\x82", "emoji 🧊❄", "\xed\xa0\x80 surrogate"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := []any{s, map[string]any{s: []string{s, "x"}, "k": []any{s, true, int64(-3), nil}}, []string(nil)}
		want, err := json.Marshal(v)
		require.NoError(t, err)
		got, err := appendJSON(nil, v, true)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got))
	})
}

// BenchmarkHash: a person row's hash, through appendJSON and through Marshal.
func BenchmarkHash(b *testing.B) {
	parts := []any{"Person", map[string]any{"name": "Zeova Firikberg", "country": "FR", "synthetic": true,
		"aliases": []any{"Z. Firikberg"}, "orcid": "0000-0002-1825-0097", "lat": json.Number("48.85")}, []string{"src:syn-352"}}
	b.Run("appendJSON", func(b *testing.B) {
		for b.Loop() {
			_ = Hash(parts...)
		}
	})
	b.Run("Marshal", func(b *testing.B) {
		for b.Loop() {
			m, _ := json.Marshal(parts)
			sum := sha256.Sum256(m)
			_ = hex.EncodeToString(sum[:12])
		}
	})
}

// The exporter writes its rows with EncodeRow (the test was package export's).
func TestRowsKeepTheirKeyOrderAndDoNotEscapeHTML(t *testing.T) {
	for _, tc := range []struct {
		name string
		row  Object
		want string
	}{
		{"keys come in the given order", Object{{"type", "x"}, {"b", 1}, {"a", true}}, `{"type":"x","b":1,"a":true}`},
		{"nested objects and lists keep theirs", Object{{"l", []Object{{{"z", "1"}, {"y", []string{"b", "a"}}}}}}, `{"l":[{"z":"1","y":["b","a"]}]}`},
		{"markup characters stay readable", Object{{"s", "<a & b>"}}, `{"s":"<a & b>"}`},
		{"numbers are written exactly", Object{{"lat", 31.2304}, {"lon", 121.4737}}, `{"lat":31.2304,"lon":121.4737}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := EncodeRow(tc.row)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
		})
	}
}
