package openalex_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/ingest/openalex"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type seen struct {
	ids      []string
	pos      []openalex.Pos
	problems []string
}

func read(t *testing.T, in openalex.Input) (*seen, error) {
	t.Helper()
	s := &seen{}
	err := openalex.Each(context.Background(), in, func(p openalex.Pos, r *openalex.Record) error {
		s.ids = append(s.ids, openalex.ShortID(r.ID))
		s.pos = append(s.pos, p)
		return nil
	}, func(p openalex.Pos, id, reason string) error {
		s.problems = append(s.problems, id+": "+reason)
		return nil
	})
	return s, err
}

func TestEach_SnapshotPartGzipped(t *testing.T) {
	s, err := read(t, openalex.File("testdata/works-2023-05-16-part_000.gz"))
	require.NoError(t, err)
	assert.Len(t, s.ids, 27)
	assert.Equal(t, "W4206759534", s.ids[0])
	assert.Equal(t, openalex.Pos{Line: 27, Index: -1}, s.pos[26])
}

func TestEach_SingleRecordPagesAndArrays(t *testing.T) {
	work, err := os.ReadFile("testdata/W2741809807.json")
	require.NoError(t, err)
	s, err := read(t, openalex.Bytes("work.json", work))
	require.NoError(t, err)
	assert.Equal(t, []string{"W2741809807"}, s.ids)

	// The same record pretty-printed, as a browser saves it.
	pretty := strings.ReplaceAll(string(work), `,"doi":`, ",\n  \"doi\":")
	s, err = read(t, openalex.Bytes("pretty.json", []byte(pretty)))
	require.NoError(t, err)
	assert.Equal(t, []string{"W2741809807"}, s.ids)

	s, err = read(t, openalex.File("testdata/api/page-2.json"))
	require.NoError(t, err)
	assert.Equal(t, []string{"W4206759534", "W4312307182", "W4312354161"}, s.ids)
	assert.Equal(t, openalex.Pos{Line: 1, Index: 2}, s.pos[2])

	s, err = read(t, openalex.Bytes("array.json", []byte("["+string(work)+"]")))
	require.NoError(t, err)
	assert.Equal(t, []string{"W2741809807"}, s.ids)
}

func TestEach_BadInputNamesTheLine(t *testing.T) {
	work, err := os.ReadFile("testdata/W2741809807.json")
	require.NoError(t, err)
	work = bytes.TrimSpace(work)

	// Not JSON on line 2.
	_, err = read(t, openalex.Bytes("bad.jsonl", append(append(work, '\n'), []byte("{\"id\": \"https://openalex.org/W1\", oops}\n")...)))
	var se *openalex.ShapeError
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, 2, se.Line)
	assert.Equal(t, "W1", se.ID)
	assert.Contains(t, err.Error(), "bad.jsonl: line 2 (W1): not valid JSON")

	// A gzip part cut short.
	gz, err := os.ReadFile("testdata/works-2023-05-16-part_000.gz")
	require.NoError(t, err)
	_, err = read(t, openalex.Bytes("cut.gz", gz[:len(gz)/2]))
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Greater(t, se.Line, 1)
	assert.Contains(t, se.Reason, "cut short")

	// The last line ends inside a record.
	_, err = read(t, openalex.Bytes("cut.jsonl", append(append(work, '\n'), work[:100]...)))
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Equal(t, 2, se.Line)
	assert.Contains(t, se.Reason, "truncated")

	// Not JSON at all.
	_, err = read(t, openalex.Bytes("notes.txt", []byte("title,doi\n")))
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Contains(t, se.Reason, "not JSON")

	// A record whose fields have the wrong types is passed on as a problem, with its id.
	s, err := read(t, openalex.Bytes("types.jsonl", []byte(`{"id":"https://openalex.org/W2","authorships":"none"}`+"\n")))
	require.NoError(t, err)
	assert.Equal(t, []string{`W2: field "authorships" has the wrong type (string): not an OpenAlex record`}, s.problems)
}

func TestEach_GzipNamedOrNot(t *testing.T) {
	work, err := os.ReadFile("testdata/W2741809807.json")
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(work)
	_, _ = zw.Write([]byte("\n"))
	_, _ = zw.Write(work)
	require.NoError(t, zw.Close())
	s, err := read(t, openalex.Bytes("part_000", buf.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, []string{"W2741809807", "W2741809807"}, s.ids)
}
