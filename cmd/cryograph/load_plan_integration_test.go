//go:build integration

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// load --dry-run shows a plan: what would be created, updated (which fields) and left
// unchanged, by label and type, with examples; and writes nothing.
func TestDryRunShowsAPlan(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	v1 := `{"type":"source","id":"src:a","url":"https://example.org/a","title":"A"}
{"type":"organization","id":"org:x","name":"Lab X","kind":"lab","country":"DE","sources":["src:a"]}
{"type":"organization","id":"org:y","name":"Uni Y","kind":"university","sources":["src:a"]}
{"type":"person","id":"person:p","name":"P","sources":["src:a"]}
{"type":"link","rel":"PART_OF","from":"org:x","to":"org:y","sources":["src:a"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:p","to":"org:y","sources":["src:a"]}
`
	_, err := importer.Load(context.Background(), st, []importer.Input{importer.Bytes("v1.jsonl", []byte(v1))}, importer.Options{})
	require.NoError(t, err)
	v2 := strings.NewReplacer(`"country":"DE"`, `"country":"AT","city":"Wien"`,
		`"from":"person:p","to":"org:y","sources":["src:a"]`, `"from":"person:p","to":"org:y","title":"professor","sources":["src:a"]`).Replace(v1) +
		`{"type":"person","id":"person:q","name":"Q","sources":["src:a"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:q","to":"org:x","sources":["src:a"]}
`
	f := filepath.Join(t.TempDir(), "v2.jsonl")
	require.NoError(t, os.WriteFile(f, []byte(v2), 0o644))
	before := neo4jtest.Checksum(t, st)

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"load", "--dry-run", f}, os.Getenv, &out, io.Discard))
	text := out.String()
	assert.Contains(t, text, "checked (dry run, nothing written)")
	assert.Contains(t, text, "plan: would create 2, update 2, leave unchanged 4")
	assert.Regexp(t, `nodes\s+Organization\s+create\s+0\s+update\s+1\s+unchanged\s+1`, text)
	assert.Contains(t, text, "~ org:x (changes city, country)")
	assert.Contains(t, text, "= org:y")
	assert.Contains(t, text, "+ person:q")
	assert.Contains(t, text, "~ person:p -[AFFILIATED_WITH]-> org:y (changes title)")
	assert.Contains(t, text, "+ person:q -[AFFILIATED_WITH]-> org:x")
	assert.Contains(t, text, "= org:x -[PART_OF]-> org:y")
	assert.Equal(t, before, neo4jtest.Checksum(t, st), "a dry run writes nothing")

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"load", "--dry-run", "--json", f}, os.Getenv, &out, io.Discard))
	var rep importer.Report
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.NotNil(t, rep.Plan)
	assert.Equal(t, importer.PlanCounts{Update: 1, Unchanged: 1, Examples: []importer.PlanExample{
		{Action: "update", ID: "org:x", Changed: []string{"city", "country"}}, {Action: "unchanged", ID: "org:y"}}}, *rep.Plan.Nodes["Organization"])
	assert.Equal(t, 1, rep.Plan.Relationships["AFFILIATED_WITH"].Create)
	assert.Equal(t, 1, rep.Plan.Relationships["AFFILIATED_WITH"].Update)
	assert.Equal(t, 1, rep.Nodes["Person"].Created, "the counts say what would be done")
	assert.False(t, rep.Applied)

	// The plan comes true.
	rep2, err := importer.Load(context.Background(), st, []importer.Input{importer.File(f)}, importer.Options{})
	require.NoError(t, err)
	assert.Equal(t, rep.Totals(), rep2.Totals())
}
