package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/cryograph/cryograph/internal/generate"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Validation in parts (a memory limit, validate.go) must reach the verdicts of one part, row
// for row, whatever the number of parts: every kind of rejection, the cascade of a rejection
// to the rows that lean on it, and the redirections through external ids.
func TestValidationInPartsReachesTheSameVerdicts(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	base := cascadeBase + `
{"type":"person","id":"person:owner","name":"Owner","orcid":"0000-0001-0000-0009","sources":["src:a"]}
{"type":"person","id":"person:owner2","name":"Owner Two","orcid":"0000-0001-0000-0010","sources":["src:a"]}`
	_, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("base", []byte(base))}, importer.Options{})
	require.NoError(t, err)

	file := cascadeFile + `
{"type":"topic","id":"topic:twice","name":"Once"}
{"type":"topic","id":"topic:twice","name":"Twice"}
{"type":"person","id":"person:orcid-a","name":"Orcid A","orcid":"0000-0001-0000-0011","sources":["src:a"]}
{"type":"person","id":"person:orcid-b","name":"Orcid B","orcid":"0000-0001-0000-0011","sources":["src:a"]}
{"type":"person","id":"person:alias","name":"Alias","orcid":"0000-0001-0000-0009","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:alias","to":"person:old","sources":["src:a"]}
{"type":"person","id":"person:ext2","name":"Ext Two","orcid":"0000-0001-0000-0010","sources":["src:a"]}
{"type":"person","id":"person:owner2","name":"Owner Two","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:old","to":"person:ext2","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:later","to":"person:old","sources":["src:a"]}
{"type":"link","rel":"STUDENT_OF","from":"person:new","to":"person:missing","sources":["src:a"]}
`
	in := []importer.Input{importer.Bytes("f.jsonl", []byte(file))}
	one, err := importer.Load(ctx, st, in, importer.Options{DryRun: true})
	require.ErrorIs(t, err, importer.ErrRejected)
	assert.Equal(t, 1, one.Partitions)
	var lines []int
	for _, e := range one.Errors {
		lines = append(lines, e.Line)
	}
	assert.Equal(t, []int{2, 4, 5, 9, 11, 14, 16, 17, 18}, lines, "%v", one.Errors)
	reasons := map[int]string{}
	for _, e := range one.Errors {
		reasons[e.Line] = e.Reason
	}
	assert.Equal(t, "id is defined twice: first at f.jsonl:8", reasons[9])
	assert.Equal(t, "orcid 0000-0001-0000-0011 is also given to person:orcid-a: one entity, one id", reasons[11])
	assert.Equal(t, "orcid 0000-0001-0000-0010 belongs to person:owner2, which f.jsonl:15 also defines: one entity, one row", reasons[14])
	assert.Contains(t, reasons[16], "person:ext2 is not defined in the files (or its row was rejected)", "the rejection cascades")
	assert.Contains(t, reasons[17], "is already at f.jsonl:7")
	assert.Contains(t, reasons[18], "person:missing is not defined")
	assert.Equal(t, []importer.Redirect{{From: "person:alias", To: "person:owner", Reason: "same orcid 0000-0001-0000-0009"}}, one.Redirected)

	for _, opts := range []importer.Options{{Partitions: 2}, {Partitions: 5}, {MemoryLimit: 600}} {
		opts.DryRun = true
		rep, err := importer.Load(ctx, st, in, opts)
		require.ErrorIs(t, err, importer.ErrRejected)
		assert.Equal(t, one.Errors, rep.Errors, "%+v", opts)
		assert.Equal(t, one.Redirected, rep.Redirected, "%+v", opts)
		assert.Equal(t, one.Rows, rep.Rows)
		if opts.MemoryLimit > 0 {
			assert.Greater(t, rep.Partitions, 1, "600 bytes hold a few ids: the limit splits the ids")
		} else {
			assert.Equal(t, opts.Partitions, rep.Partitions)
		}
	}

	// Written in parts, with the rejected rows skipped: the alias's link lands on its owner.
	_, err = importer.Load(ctx, st, in, importer.Options{Partitions: 3, SkipInvalid: true, BatchSize: 2})
	require.ErrorIs(t, err, importer.ErrRejected)
	assert.Equal(t, int64(6), neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"), "old, owner, owner2, new, later, orcid-a")
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (:Person {id: 'person:owner'})-[r:STUDENT_OF]->(:Person {id: 'person:old'}) RETURN count(r)"))
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (p {id: 'person:alias'}) RETURN count(p)"))
}

// A memory limit that 3,000 generated people outgrow: validation starts again in more parts,
// says so, and loads the same graph as one part does, once.
func TestAMemoryLimitSplitsValidationAndLoadsTheSameGraph(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	var syn bytes.Buffer
	_, err := generate.Write(&syn, generate.Options{People: 3000, Seed: 11})
	require.NoError(t, err)
	in := []importer.Input{importer.Bytes("syn.jsonl", syn.Bytes())}

	neo4jtest.Reset(t, st)
	one, err := importer.Load(ctx, st, in, importer.Options{BatchSize: 2000, Writers: 2})
	require.NoError(t, err)
	assert.Equal(t, 1, one.Partitions)
	want := counts(t, st)

	neo4jtest.Reset(t, st)
	type call struct {
		phase       string
		done, total int
	}
	var calls []call
	progress := func(phase string, done, total int) { calls = append(calls, call{phase, done, total}) }
	parts, err := importer.Load(ctx, st, in, importer.Options{BatchSize: 2000, Writers: 2, MemoryLimit: 200 << 10, Progress: progress})
	require.NoError(t, err)
	// Progress while validating: a first reading does not know the total, the others do, and
	// each reading ends with every row seen.
	last := map[string]call{}
	for _, c := range calls {
		if c.total == -1 {
			assert.Contains(t, []string{"validate", fmt.Sprintf("validate (round 1, part 1 of %d)", parts.Partitions)}, c.phase,
				"only a first reading lacks the total")
		}
		last[c.phase] = c
	}
	for i := 1; i <= parts.Partitions; i++ {
		c := last[fmt.Sprintf("validate (round 1, part %d of %d)", i, parts.Partitions)]
		assert.Equal(t, parts.Rows, c.total, "part %d ends with every row seen: %v", i, c)
		assert.Equal(t, c.total, c.done)
	}
	assert.Greater(t, parts.Partitions, 1)
	t.Logf("%d rows: one part %v, %d parts %v (phases %v, %v)", one.Rows, one.Duration, parts.Partitions, parts.Duration, one.Phases, parts.Phases)
	assert.Equal(t, one.Rows, parts.Rows)
	assert.Equal(t, one.Totals(), parts.Totals())
	assert.Equal(t, want, counts(t, st))

	// Over itself, in parts: every id is found in the graph, every row is unchanged.
	again, err := importer.Load(ctx, st, in, importer.Options{BatchSize: 2000, MemoryLimit: 200 << 10})
	require.NoError(t, err)
	assert.Greater(t, again.Partitions, 1)
	assert.Zero(t, again.Totals().Created)
	assert.Zero(t, again.Totals().Updated)
	assert.Equal(t, one.Totals().Created, again.Totals().Unchanged)
	assert.Equal(t, want, counts(t, st))
}
