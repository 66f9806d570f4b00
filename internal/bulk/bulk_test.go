package bulk

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// files reads every file the writer wrote, by the --nodes/--relationships argument naming it.
func files(t *testing.T, w *Writer) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, a := range w.Args() {
		kind, rest, ok := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if !ok || (kind != "nodes" && kind != "relationships") {
			continue
		}
		group, path, _ := strings.Cut(rest, "=")
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		out[kind+" "+group] += string(b)
	}
	return out
}

func TestWriterWritesTypedQuotedColumnsAndOneFilePerShape(t *testing.T) {
	ctx := context.Background()
	w, err := New(t.TempDir())
	require.NoError(t, err)
	counts, err := w.UpsertNodes(ctx, []cryo.NodeUpsert{
		{ID: "person:a", Label: "Person", New: true, Hash: "h1", Sources: []string{"src:1"},
			Props:    map[string]any{"name": `Ann "the" Lee`, "aliases": []string{"A. Lee", "安"}, "synthetic": true, "note": ""},
			NameKeys: []cryo.NameKey{{Key: "ann lee", Names: []string{`Ann "the" Lee`}}}},
		{ID: "person:b", Label: "Person", New: true, Hash: "h2",
			Props:    map[string]any{"name": "Bo\nLee", "aliases": []string{}},
			NameKeys: []cryo.NameKey{{Key: "ann lee", Names: []string{"Bo Lee"}}}},
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]cryo.UpsertCounts{"Person": {Created: 2}}, counts)
	_, err = w.UpsertLinks(ctx, []cryo.LinkUpsert{{Rel: "WORKS_ON", From: "person:a", To: "topic:x", Key: "", Hash: "h3", New: true,
		Props: map[string]any{"sources": []string{}, "weight": 0.5, "since": int64(2019)}}})
	require.NoError(t, err)
	require.NoError(t, w.Close())

	got := files(t, w)
	// Two shapes of Person rows, two files; every string quoted, so "" stays an empty string.
	assert.Equal(t, "id:ID(Entity),importHash,aliases:string[],name:string,note:string,synthetic:boolean\n"+
		`"person:a","h1","A. Lee`+"\x1f"+`安","Ann ""the"" Lee","",true`+"\n"+
		"id:ID(Entity),importHash,name:string\n"+
		`"person:b","h2","Bo`+"\n"+`Lee"`+"\n", got["nodes Entity:Person"])
	// A name key two people share is one node.
	assert.Equal(t, "key:ID(NameKey)\n\"ann lee\"\n", got["nodes NameKey"])
	// The names behind a key are derived when shown (cryo.NamesByKey), not stored.
	assert.True(t, strings.HasPrefix(got["relationships HAS_NAME_KEY"], ":START_ID(Entity),:END_ID(NameKey)\n"), got["relationships HAS_NAME_KEY"])
	assert.Contains(t, got["relationships HAS_NAME_KEY"], "\"person:b\",\"ann lee\"\n")
	assert.Equal(t, ":START_ID(Entity),:END_ID(Entity)\n\"person:a\",\"src:1\"\n", got["relationships SOURCED_FROM"])
	assert.Equal(t, ":START_ID(Entity),:END_ID(Entity),key,importHash,since:long,weight:double\n\"person:a\",\"topic:x\",\"\",\"h3\",2019,0.5\n",
		got["relationships WORKS_ON"])
	// Empty lists cannot be written by neo4j-admin: they are kept to be set afterwards.
	assert.ElementsMatch(t, []cryo.EmptyList{{NodeID: "person:b", Prop: "aliases"},
		{Rel: "WORKS_ON", From: "person:a", To: "topic:x", Key: "", Prop: "sources"}}, w.EmptyLists)
	assert.Equal(t, 2, w.Nodes)
	assert.Equal(t, 2, w.Rels) // SOURCED_FROM and WORKS_ON
	assert.Equal(t, 2, w.NameKeys)
	assert.Contains(t, w.Args(), "--array-delimiter=U+001F")
}

func TestWriterRefusesWhatItCannotWriteFaithfully(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x"), nil, 0o644))
	_, err := New(dir)
	require.ErrorContains(t, err, "not empty")

	w, err := New(t.TempDir())
	require.NoError(t, err)
	_, err = w.UpsertNodes(ctx, []cryo.NodeUpsert{{ID: "person:a", Label: "Person", Props: map[string]any{}}})
	require.ErrorContains(t, err, "needs an empty database", "a node already in the graph")
	_, err = w.UpsertNodes(ctx, []cryo.NodeUpsert{{ID: "x:a", Label: "Migration", New: true}})
	require.ErrorContains(t, err, "not a node label")
	_, err = w.UpsertNodes(ctx, []cryo.NodeUpsert{{ID: "person:a", Label: "Person", New: true, Props: map[string]any{"aliases": []string{"a\x1fb"}}}})
	require.ErrorContains(t, err, "U+001F")
	_, err = w.UpsertLinks(ctx, []cryo.LinkUpsert{{Rel: "DELETE_ALL", From: "a", To: "b", New: true}})
	require.ErrorContains(t, err, "not a relationship type")
	require.NoError(t, w.Close())
}

// lines returns every line of every file the writer wrote, sorted, headers included.
func lines(t *testing.T, w *Writer) []string {
	t.Helper()
	var out []string
	for group, text := range files(t, w) {
		for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
			out = append(out, group+" "+l)
		}
	}
	slices.Sort(out)
	return out
}

func TestOnePassWritesWhatThreePassesWrite(t *testing.T) {
	ctx := context.Background()
	in, err := importer.FS(data.Demo())
	require.NoError(t, err)
	load := func(onePass bool) *Writer {
		w, err := New(t.TempDir())
		require.NoError(t, err)
		rep, err := importer.Load(ctx, w, in, importer.Options{BatchSize: 50, OnePass: onePass})
		require.NoError(t, err)
		require.True(t, rep.Applied)
		assert.Equal(t, 402, rep.Totals().Created)
		require.NoError(t, w.Close())
		return w
	}
	three, one := load(false), load(true)
	assert.Equal(t, lines(t, three), lines(t, one))
	assert.Equal(t, three.EmptyLists, one.EmptyLists)
}

func TestOnePassStillRejectsTheLoad(t *testing.T) {
	ctx := context.Background()
	w, err := New(t.TempDir())
	require.NoError(t, err)
	bad := importer.Bytes("bad.jsonl", []byte(`{"type": "topic", "id": "topic:a", "name": "A", "parents": ["topic:nowhere"]}`+"\n"))
	rep, err := importer.Load(ctx, w, []importer.Input{bad}, importer.Options{OnePass: true})
	require.ErrorIs(t, err, importer.ErrRejected, "the caller learns to throw the files away")
	assert.False(t, rep.Applied)
	require.Len(t, rep.Errors, 1)
	assert.Contains(t, rep.Errors[0].Reason, "topic:nowhere")

	_, err = importer.Load(ctx, w, []importer.Input{bad}, importer.Options{OnePass: true, SkipInvalid: true})
	require.ErrorContains(t, err, "OnePass cannot be combined")
}

// endless yields topic rows without end, and cancels the load once it has given `after` rows.
type endless struct {
	n, after int
	cancel   func()
	buf      []byte
}

func (e *endless) Read(p []byte) (int, error) {
	if len(e.buf) == 0 {
		e.n++
		if e.n == e.after {
			e.cancel()
		}
		e.buf = fmt.Appendf(nil, `{"type": "topic", "id": "topic:t%d", "name": "T"}`+"\n", e.n)
	}
	k := copy(p, e.buf)
	e.buf = e.buf[k:]
	return k, nil
}

func (e *endless) Close() error { return nil }

func TestACancelledLoadStopsReadingAndAppliesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, err := New(t.TempDir())
	require.NoError(t, err)
	src := &endless{after: 5000, cancel: cancel}
	in := importer.Input{Name: "endless.jsonl", Open: func() (io.ReadCloser, error) { return src, nil }}
	rep, err := importer.Load(ctx, w, []importer.Input{in}, importer.Options{OnePass: true})
	require.ErrorIs(t, err, context.Canceled, "Ctrl-C ends the validation of a file that has no end")
	assert.False(t, rep.Applied)
	assert.Less(t, src.n, 5000+10*1024, "reading stops within a few chunks of the cancel")
}

func TestOnlyFilesWithLineBreaksAreReadAsMultiline(t *testing.T) {
	ctx := context.Background()
	load := func(rows string) []string {
		w, err := New(t.TempDir())
		require.NoError(t, err)
		_, err = importer.Load(ctx, w, []importer.Input{importer.Bytes("t.jsonl", []byte(rows))}, importer.Options{OnePass: true})
		require.NoError(t, err)
		require.NoError(t, w.Close())
		return w.Args()
	}
	plain := load(`{"type":"topic","id":"topic:a","name":"A","description":"one line"}` + "\n")
	assert.Contains(t, plain, "--multiline-fields=false")

	args := load(`{"type":"topic","id":"topic:a","name":"A","description":"two\nlines"}
{"type":"source","id":"src:s","url":"https://example.org","title":"One line"}
`)
	var multi []string
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, "--multiline-fields="); ok {
			multi = strings.Split(v, ",")
		}
	}
	assert.Contains(t, args, "--multiline-fields-format=v2")
	require.Len(t, multi, 1, "the topics' file only, not the sources'")
	b, err := os.ReadFile(multi[0])
	require.NoError(t, err)
	assert.Contains(t, string(b), "two\nlines")
	assert.Less(t, slices.Index(args, "--multiline-fields-format=v2"), slices.IndexFunc(args, func(a string) bool { return strings.HasPrefix(a, "--nodes") }),
		"options before the files, which take several values")
}
