package importer_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type graphCounts struct{ nodes, rels int64 }

func counts(t *testing.T, st *store.Store) graphCounts {
	return graphCounts{
		nodes: neo4jtest.Count(t, st, "MATCH (n) WHERE NOT n:Migration RETURN count(n)"),
		rels:  neo4jtest.Count(t, st, "MATCH ()-[r]->() RETURN count(r)"),
	}
}

func TestDemoImportIsIdempotent(t *testing.T) {
	st := neo4jtest.Store(t)
	first := neo4jtest.LoadDemo(t, st)
	after1 := counts(t, st)
	require.Positive(t, after1.nodes)
	assert.Zero(t, first.Totals().Updated+first.Totals().Unchanged, "an empty graph only gets creations")

	second, err := importer.Load(context.Background(), st, neo4jtest.DemoInputs(t), importer.Options{})
	require.NoError(t, err)
	assert.Equal(t, after1, counts(t, st), "a second import creates nothing")
	tot := second.Totals()
	assert.Zero(t, tot.Created)
	assert.Zero(t, tot.Updated)
	assert.Equal(t, first.Totals().Created, tot.Unchanged)
}

func TestDemoDataIsTraceableToSources(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	assert.Zero(t, neo4jtest.Count(t, st, `
		MATCH (n) WHERE NOT n:Migration AND NOT n:NameKey AND NOT n:Source AND NOT n:Topic
		  AND NOT n:Changeset AND NOT n:Change
		  AND NOT (n)-[:SOURCED_FROM]->(:Source)
		RETURN count(n)`), "every node but topics, sources and bookkeeping has a source")
	assert.Zero(t, neo4jtest.Count(t, st, `
		MATCH ()-[r]->() WHERE NOT type(r) IN ['SOURCED_FROM', 'SUBTOPIC_OF', 'HAS_NAME_KEY']
		  AND (r.sources IS NULL OR size(r.sources) = 0
		       OR any(id IN r.sources WHERE NOT EXISTS { MATCH (:Source {id: id}) }))
		RETURN count(r)`), "every relationship names sources that exist")
	assert.Zero(t, neo4jtest.Count(t, st, "MATCH (s:Source) WHERE s.url IS NULL OR s.title IS NULL RETURN count(s)"))
}

// people writes n person rows and one source, with bad rows at the given lines.
func people(n int, bad map[int]string) string {
	var b strings.Builder
	b.WriteString(`{"type":"source","id":"src:t","url":"https://example.org/t","title":"Test source"}` + "\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `{"type":"person","id":"person:t%d","name":"Test Person %d","country":"CN","sources":["src:t"],"synthetic":true}`+"\n", i, i)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	ats := make([]int, 0, len(bad))
	for at := range bad {
		ats = append(ats, at)
	}
	sort.Ints(ats) // inserting in ascending order puts each bad row at its own line number
	for _, at := range ats {
		lines = append(lines[:at-1], append([]string{bad[at]}, lines[at-1:]...)...)
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestBadRowsAreReportedAndNothingIsLost(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	bad := map[int]string{
		10:  `{"type":"person","id":"person:bad1","sources":["src:t"]}`,
		200: `{"type":"person","id":"person:bad2","name":"X","sources":["src:missing"]}`,
		400: `not json at all`,
		600: `{"type":"organization","id":"org:bad4","name":"X","kind":"castle","sources":["src:t"]}`,
		800: `{"type":"link","rel":"AFFILIATED_WITH","from":"person:t1","to":"org:nowhere","sources":["src:t"]}`,
	}
	file := people(1000, bad)

	t.Run("by default nothing is written and each bad row is named", func(t *testing.T) {
		neo4jtest.Reset(t, st)
		rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("people.jsonl", []byte(file))}, importer.Options{BatchSize: 100})
		require.ErrorIs(t, err, importer.ErrRejected)
		assert.False(t, rep.Applied)
		assert.Equal(t, 5, rep.Rejected)
		require.Len(t, rep.Errors, 5)
		lines := []int{}
		for _, e := range rep.Errors {
			lines = append(lines, e.Line)
			assert.NotEmpty(t, e.Reason)
			assert.Equal(t, "people.jsonl", e.File)
		}
		assert.Equal(t, []int{10, 200, 400, 600, 800}, lines)
		assert.Contains(t, rep.Errors[0].Error(), `field "name": is required`)
		assert.Contains(t, rep.Errors[1].Reason, "src:missing is not defined")
		assert.Contains(t, rep.Errors[2].Reason, "not a JSON object")
		assert.Contains(t, rep.Errors[3].Reason, `"castle" is not one of`)
		assert.Contains(t, rep.Errors[4].Reason, "org:nowhere is not defined")
		assert.Equal(t, graphCounts{}, counts(t, st), "nothing was written")
	})

	t.Run("with skip-invalid the good rows load exactly once", func(t *testing.T) {
		neo4jtest.Reset(t, st)
		opts := importer.Options{BatchSize: 100, SkipInvalid: true}
		in := []importer.Input{importer.Bytes("people.jsonl", []byte(file))}
		rep, err := importer.Load(ctx, st, in, opts)
		require.ErrorIs(t, err, importer.ErrRejected)
		assert.True(t, rep.Applied)
		assert.Equal(t, 5, rep.Rejected)
		assert.Equal(t, int64(1000), neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"))
		assert.Equal(t, 1001, rep.Totals().Created)

		_, err = importer.Load(ctx, st, in, opts)
		require.ErrorIs(t, err, importer.ErrRejected)
		assert.Equal(t, int64(1000), neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"), "a re-run duplicates nothing")
		assert.Equal(t, int64(1000), neo4jtest.Count(t, st, "MATCH (:Person)-[r:SOURCED_FROM]->(:Source) RETURN count(r)"))
	})
}

func TestReimportUpdatesChangedValues(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	v1 := `{"type":"source","id":"src:a","url":"https://example.org/a","title":"A"}
{"type":"organization","id":"org:x","name":"Lab X","kind":"lab","country":"DE","sources":["src:a"]}
{"type":"organization","id":"org:y","name":"Uni Y","kind":"university","sources":["src:a"]}
{"type":"link","rel":"PART_OF","from":"org:x","to":"org:y","sources":["src:a"]}`
	_, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("v1", []byte(v1))}, importer.Options{})
	require.NoError(t, err)

	v2 := strings.Replace(v1, `"country":"DE"`, `"country":"AT"`, 1)
	rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("v2", []byte(v2))}, importer.Options{})
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Nodes["Organization"].Updated)
	assert.Equal(t, 1, rep.Nodes["Organization"].Unchanged)
	assert.Equal(t, 1, rep.Links["PART_OF"].Unchanged)
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (o:Organization {id: 'org:x', country: 'AT'}) RETURN count(o)"))
}

func TestReferencesMayPointIntoTheGraph(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	row := `{"type":"link","rel":"AFFILIATED_WITH","from":"person:xu_yi","to":"org:usst","key":"test","title":"visiting","sources":["src:yinfeng-news-30"]}`
	rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("extra", []byte(row))}, importer.Options{DryRun: true})
	require.NoError(t, err)
	assert.False(t, rep.Applied, "a dry run writes nothing")

	wrongKind := `{"type":"link","rel":"PART_OF","from":"person:xu_yi","to":"org:usst","sources":["src:yinfeng-news-30"]}`
	rep, err = importer.Load(ctx, st, []importer.Input{importer.Bytes("extra", []byte(wrongKind))}, importer.Options{})
	require.ErrorIs(t, err, importer.ErrRejected)
	assert.Contains(t, rep.Errors[0].Reason, "person:xu_yi is a Person; expected an Organization")
}

func TestReimportReplacesWhatARowDefines(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	v1 := `{"type":"source","id":"src:a","url":"https://example.org/a","title":"A"}
{"type":"topic","id":"topic:a","name":"A"}
{"type":"topic","id":"topic:b","name":"B"}
{"type":"topic","id":"topic:c","name":"C","parents":["topic:a","topic:b"]}
{"type":"organization","id":"org:x","name":"X","kind":"lab","aliases":[{"name":"Ex","sources":["src:a"]}],"sources":["src:a"]}
{"type":"organization","id":"org:y","name":"Y","kind":"company","sources":["src:a"]}
{"type":"partnership","id":"pship:p","name":"P","kind":"mou","status":"agreed","parties":[{"id":"org:x"},{"id":"org:y"}],"topics":["topic:a","topic:b"],"sources":["src:a"]}`
	_, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("v1", []byte(v1))}, importer.Options{})
	require.NoError(t, err)
	v2 := strings.NewReplacer(`"parents":["topic:a","topic:b"]`, `"parents":["topic:a"]`,
		`"aliases":[{"name":"Ex","sources":["src:a"]}],`, ``,
		`"parties":[{"id":"org:x"},{"id":"org:y"}],"topics":["topic:a","topic:b"]`, `"parties":[{"id":"org:x"}],"topics":["topic:b"]`).Replace(v1)
	_, err = importer.Load(ctx, st, []importer.Input{importer.Bytes("v2", []byte(v2))}, importer.Options{})
	require.NoError(t, err)
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Topic {id: 'topic:c'})-[r:SUBTOPIC_OF]->() RETURN count(r)"))
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH ()-[r:ALIAS_SOURCED_FROM]->() RETURN count(r)"))
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH ()-[r:PARTY_TO]->(:Partnership {id: 'pship:p'}) RETURN count(r)"))
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Partnership {id: 'pship:p'})-[r:ABOUT]->(:Topic {id: 'topic:b'}) RETURN count(r)"))
	rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("v2", []byte(v2))}, importer.Options{})
	require.NoError(t, err)
	assert.Zero(t, rep.Totals().Updated+rep.Totals().Created, "the third load changes nothing")
}

func TestTwoWritersLoadTheSameGraph(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	want := neo4jtest.Checksum(t, st)
	neo4jtest.Reset(t, st)
	rep, err := importer.Load(context.Background(), st, neo4jtest.DemoInputs(t), importer.Options{Writers: 2, BatchSize: 20, RecordBatches: true})
	require.NoError(t, err)
	assert.Equal(t, want, neo4jtest.Checksum(t, st))
	assert.Len(t, rep.BatchStats, rep.Batches)
}

// countingSink counts the graph lookups a load makes.
type countingSink struct {
	*store.Store
	lookups, owners atomic.Int64
}

func (c *countingSink) Lookup(ctx context.Context, ids []string) (map[string]cryo.GraphID, error) {
	c.lookups.Add(1)
	return c.Store.Lookup(ctx, ids)
}

func (c *countingSink) ExternalOwners(ctx context.Context, ext []cryo.ExternalID) (map[cryo.ExternalID]string, error) {
	c.owners.Add(1)
	return c.Store.ExternalOwners(ctx, ext)
}

// A load into a graph without entities looks nothing up (it could only find nothing); a load
// into a graph with entities looks its ids up, and finds them.
func TestAnEmptyGraphNeedsNoLookups(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	inputs := func() []importer.Input {
		return append(neo4jtest.DemoInputs(t), importer.Bytes("orcid.jsonl", []byte(
			`{"type":"person","id":"person:with_orcid","name":"Ada Example","orcid":"0000-0002-1825-0097","sources":["src:yinfeng-news-30"]}`)))
	}
	first := &countingSink{Store: st}
	rep, err := importer.Load(ctx, first, inputs(), importer.Options{})
	require.NoError(t, err)
	assert.Zero(t, first.lookups.Load()+first.owners.Load(), "no lookups in an empty graph")
	assert.Positive(t, rep.Totals().Created)
	want := neo4jtest.Checksum(t, st)

	second := &countingSink{Store: st}
	rep, err = importer.Load(ctx, second, inputs(), importer.Options{})
	require.NoError(t, err)
	assert.Positive(t, second.lookups.Load())
	assert.Positive(t, second.owners.Load(), "the ORCID is checked against the graph")
	assert.Zero(t, rep.Totals().Created+rep.Totals().Updated, "every id was found")
	assert.Equal(t, want, neo4jtest.Checksum(t, st))
}

// cascadeBase and cascadeFile: person:new and org:clash (given as a person, while the graph
// holds it as an organization) are defined after rows that refer to them; person:later refers
// back to org:clash after it. Only the clash and the rows that lean on it (lines 2, 4 and 5)
// must go.
const cascadeBase = `{"type":"source","id":"src:a","url":"https://example.org/a","title":"A"}
{"type":"organization","id":"org:clash","name":"Clash","kind":"lab","sources":["src:a"]}
{"type":"person","id":"person:old","name":"Old Person","sources":["src:a"]}`

const cascadeFile = `{"type":"link","rel":"STUDENT_OF","from":"person:old","to":"person:new","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:old","to":"org:clash","sources":["src:a"]}
{"type":"person","id":"person:new","name":"New Person","sources":["src:a"]}
{"type":"person","id":"org:clash","name":"Not An Org","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:new","to":"org:clash","key":"2","sources":["src:a"]}
{"type":"person","id":"person:later","name":"Later Person","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:later","to":"person:old","sources":["src:a"]}`

// A row rejected after pass one (here: its id names another kind in the graph) takes with it
// the rows that referred to it earlier or later in the file, so skipping never leaves a
// dangling link; and a load that mixes new and existing ids creates the new ones once.
func TestRejectionsCascadeToEarlierAndLaterReferences(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	_, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("base", []byte(cascadeBase))}, importer.Options{})
	require.NoError(t, err)

	file := cascadeFile
	for _, opts := range []importer.Options{{}, {SkipInvalid: true, BatchSize: 2}} {
		rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("f", []byte(file))}, opts)
		require.ErrorIs(t, err, importer.ErrRejected)
		var lines []int
		for _, e := range rep.Errors {
			lines = append(lines, e.Line)
		}
		assert.Equal(t, []int{2, 4, 5}, lines, "skip-invalid=%v: %v", opts.SkipInvalid, rep.Errors)
	}
	assert.Equal(t, int64(3), neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"), "old, new, later")
	assert.Equal(t, int64(2), neo4jtest.Count(t, st, "MATCH (:Person)-[r:STUDENT_OF]->(:Person) RETURN count(r)"))
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (o:Organization {id: 'org:clash'})--(:Person) RETURN count(o)"))
	assert.Equal(t, int64(3), neo4jtest.Count(t, st, "MATCH (:Person)-[r:SOURCED_FROM]->() RETURN count(r)"), "one source link each, never two")
}

func TestALinkGivenTwiceIsRejectedWhereTheFirstIsNamed(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	nodes := `{"type":"source","id":"src:a","url":"https://example.org/a","title":"A"}
{"type":"person","id":"person:a","name":"Person A","sources":["src:a"]}
{"type":"person","id":"person:b","name":"Person B","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:a","to":"person:b","sources":["src:a"]}`
	more := `{"type":"link","rel":"STUDENT_OF","from":"person:a","to":"person:b","key":"second degree","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:b","to":"person:a","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:a","to":"person:b","sources":["src:a"]}`
	in := []importer.Input{importer.Bytes("nodes.jsonl", []byte(nodes)), importer.Bytes("more.jsonl", []byte(more))}

	rep, err := importer.Load(ctx, st, in, importer.Options{})
	require.ErrorIs(t, err, importer.ErrRejected)
	require.Len(t, rep.Errors, 1, "only the repeat: another key or the other direction is another link")
	assert.Equal(t, "more.jsonl", rep.Errors[0].File)
	assert.Equal(t, 3, rep.Errors[0].Line)
	assert.Contains(t, rep.Errors[0].Reason, "is already at nodes.jsonl:4")
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH ()-[r:STUDENT_OF]->() RETURN count(r)"), "nothing was written")

	_, err = importer.Load(ctx, st, in, importer.Options{SkipInvalid: true})
	require.ErrorIs(t, err, importer.ErrRejected)
	assert.Equal(t, int64(3), neo4jtest.Count(t, st, "MATCH ()-[r:STUDENT_OF]->() RETURN count(r)"))
}

func TestAnIDIsDefinedOnceAndKeepsItsKind(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	file := `{"type":"source","id":"src:twice","url":"https://example.org/t","title":"Test source"}
{"type":"topic","id":"topic:twice","name":"Once"}
{"type":"topic","id":"topic:twice","name":"Twice"}
{"type":"organization","id":"person:xu_yi","name":"Not a person","kind":"lab","sources":["src:twice"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:zhao_gang","to":"person:xu_yi","sources":["src:twice"]}
`
	before := counts(t, st)
	rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("ids.jsonl", []byte(file))}, importer.Options{})
	require.ErrorIs(t, err, importer.ErrRejected)
	require.Len(t, rep.Errors, 3)
	assert.Equal(t, 3, rep.Errors[0].Line)
	assert.Equal(t, "id is defined twice: first at ids.jsonl:2", rep.Errors[0].Reason)
	assert.Equal(t, 4, rep.Errors[1].Line)
	assert.Equal(t, "id already names a Person in the graph, not an Organization", rep.Errors[1].Reason)
	assert.Equal(t, 5, rep.Errors[2].Line, "the link to the rejected row is rejected with it")
	assert.Contains(t, rep.Errors[2].Reason, "person:xu_yi")
	assert.Equal(t, before, counts(t, st), "nothing was written")
}
