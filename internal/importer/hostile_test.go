package importer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// emptySink is a graph with nothing in it that must never be written: a dry run against it
// validates a file without a Neo4j.
type emptySink struct{}

func (emptySink) HasEntities(context.Context) (bool, error) { return false, nil }
func (emptySink) Lookup(context.Context, []string) (map[string]cryo.GraphID, error) {
	return nil, nil
}
func (emptySink) ExternalOwners(context.Context, []cryo.ExternalID) (map[cryo.ExternalID]string, error) {
	return nil, nil
}
func (emptySink) UpsertNodes(context.Context, []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	panic("a dry run wrote nodes")
}
func (emptySink) UpsertLinks(context.Context, []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
	panic("a dry run wrote links")
}

func dryRun(t *testing.T, name string, data []byte) *importer.Report {
	t.Helper()
	rep, err := importer.Load(context.Background(), emptySink{}, []importer.Input{importer.Bytes(name, data)}, importer.Options{DryRun: true})
	if err != nil {
		require.ErrorIs(t, err, importer.ErrRejected)
	}
	return rep
}

const goodSource = `{"type":"source","id":"src:a","url":"https://example.org/a","title":"A"}` + "\n"

// Hostile input is a row error with its line (and field), never a panic, a 500 or a value
// quietly changed: issue 25, item 4. Each case failed before the raw checks (decode.go,
// rawcheck.go) and the bounded line reader (scan.go).
func TestHostileInputIsARowError(t *testing.T) {
	cases := []struct {
		name, file, data string
		line             int
		field, reason    string
	}{
		{"an unterminated quote in CSV (panicked in FieldPos)", "a.csv", "type,id,name\n\"organization,org:x,X\norganization,org:y,Y\n", 2, "", "never closed"},
		{"a bare quote in a CSV header (found by Schemathesis: a 500)", "a.csv", "t\"ype,id\norganization,org:x\n", 1, "", "not quoted"},
		{"a bare quote in CSV", "a.csv", "type,id,name\norganization,org:x,X\"Y\n", 2, "", "not quoted"},
		{"invalid UTF-8 in CSV", "a.csv", "type,id,name\norganization,org:x,X\xff\n", 2, "name", "invalid UTF-8"},
		{"NUL in CSV", "a.csv", "type,id,name\norganization,org:x,X\x00\n", 2, "name", "NUL"},
		{"a control character in a CSV header", "a.csv", "type,id,na\x01me\n", 1, "column 3", "control character"},
		{"invalid UTF-8 in JSON", "a.jsonl", goodSource + "{\"type\":\"topic\",\"id\":\"topic:x\",\"name\":\"X\xff\"}\n", 2, "", "invalid UTF-8"},
		{"a lone surrogate escape", "a.jsonl", goodSource + `{"type":"topic","id":"topic:x","name":"X\ud800"}` + "\n", 2, "name", "lone surrogate"},
		{"a NUL escape", "a.jsonl", goodSource + `{"type":"topic","id":"topic:x","name":"X\u0000"}` + "\n", 2, "name", "NUL"},
		{"a raw NUL", "a.jsonl", goodSource + "{\"type\":\"topic\",\"id\":\"topic:x\",\"name\":\"X\x00\"}\n", 2, "name", "NUL"},
		{"a raw control character", "a.jsonl", goodSource + "{\"type\":\"topic\",\"id\":\"topic:x\",\"name\":\"X\x1b[31m\"}\n", 2, "name", "control character (0x1B)"},
		{"a duplicate key", "a.jsonl", goodSource + `{"type":"topic","id":"topic:x","name":"X","name":"Y"}` + "\n", 2, "name", "given twice"},
		{"a truncated line cites no NUL", "a.jsonl", goodSource + `{"type":"topic","id":"topic:x","name":` + "\n", 2, "", "ends before the object does"},
		{"a number out of range names no Go internals", "a.jsonl", goodSource + `{"type":"organization","id":"org:x","name":"X","kind":"lab","lat":1e999,"lon":2,"sources":["src:a"]}` + "\n", 2, "lat", "must be a number"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep := dryRun(t, tc.file, []byte(tc.data))
			require.NotEmpty(t, rep.Errors, "the row must be rejected")
			e := rep.Errors[0]
			assert.Equal(t, tc.line, e.Line)
			assert.Equal(t, tc.field, e.Field)
			assert.Contains(t, e.Reason, tc.reason)
			for _, bad := range []string{`'\x00'`, "strconv", "ParseFloat", "goccy", "json: "} {
				assert.NotContains(t, e.Reason, bad)
			}
		})
	}
}

// A line longer than MaxLineBytes was a 500 ("bufio.Scanner: token too long"); it is that
// line's error, and the rows after it are still read.
func TestAnOverlongLineIsARowError(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(goodSource)
	b.WriteString(`{"type":"topic","id":"topic:x","name":"`)
	b.WriteString(strings.Repeat("x", importer.MaxLineBytes+10))
	b.WriteString("\"}\n")
	b.WriteString(`{"type":"topic","id":"topic:y","name":"Y"` + "\n")
	rep := dryRun(t, "long.jsonl", b.Bytes())
	require.Len(t, rep.Errors, 2)
	assert.Equal(t, 2, rep.Errors[0].Line)
	assert.Contains(t, rep.Errors[0].Reason, "longer than")
	assert.Equal(t, 3, rep.Errors[1].Line, "the reading goes on after the long line")
}
