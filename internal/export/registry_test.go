package export_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/export"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A curated organization holding a ROR id, so that one registry record sits on a curated
// organization and the others on organizations first loaded from ROR.
const curatedONP = `{"format": "cryograph", "version": 1}
{"type": "source", "id": "src:curated-onp", "url": "https://example.org/onp", "title": "A curator's note on the DOE Office of Nuclear Physics"}
{"type": "organization", "id": "org:onp", "name": "DOE Nuclear Physics office", "kind": "government", "ror": "02atag894", "sources": ["src:curated-onp"]}
`

func TestJSONLRoundTripsRORRecords(t *testing.T) {
	ctx := context.Background()
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	load(t, st, []byte(curatedONP))
	paths, err := filepath.Glob("../../data/ror/*.json")
	require.NoError(t, err)
	require.Len(t, paths, 5)
	paths = append(paths, "../ingest/ror/testdata/office-of-nuclear-physics.json",
		"../ingest/ror/testdata/australian-universities.json", "../ingest/ror/testdata/synthetic-hierarchy.json")
	var ins []ror.Input
	for _, p := range paths {
		ins = append(ins, ror.File(p))
	}
	res, err := ror.Ingest(ctx, st, ins, ror.Options{Retrieved: "2026-12-07", TempDir: t.TempDir(), Importer: importer.Options{}})
	require.NoError(t, err)
	require.Equal(t, 1+5, res.Curated, "org:onp and the five demo organizations whose rows hold the ids of data/ror")
	// The ingest refreshed the derived data (LoadAndRefresh), which is not exported and which
	// the reload below (a plain load) does not rebuild: compare the facts only.
	neo4jtest.Exec(t, st, "MATCH (n) WHERE n:DerivedState OR n:TopicRanking DETACH DELETE n", nil)

	original := takeSnapshot(t, st)
	first := exportJSONL(t, st, export.Options{})
	reload(t, st, first)
	reloaded := takeSnapshot(t, st)
	second := exportJSONL(t, st, export.Options{})

	for _, tc := range []struct {
		name  string
		check func(t *testing.T)
	}{
		{"every registry record is written as a registry_record row", func(t *testing.T) {
			assert.Equal(t, 5+1+20+4, strings.Count(string(first), `"type":"registry_record"`))
			assert.Equal(t, original.Rels["REGISTRY_RECORD"], 30)
		}},
		{"the curated organization's row keeps its own name; ROR's is on the registry row", func(t *testing.T) {
			assert.Contains(t, string(first), `{"type":"organization","id":"org:onp","name":"DOE Nuclear Physics office"`)
			assert.Contains(t, string(first), `{"type":"registry_record","of":"org:onp","source":"src:ror-02atag894","registry":"ror","registry_id":"02atag894","name":"Office of Nuclear Physics"`)
		}},
		{"names keep their languages and types", func(t *testing.T) {
			assert.Contains(t, string(first), `{"value":"合成低温生物学大学","lang":"zh","types":["label"]}`)
			assert.Contains(t, string(first), `{"value":"SUC","types":["acronym"]}`)
		}},
		{"the reloaded graph has the same nodes, relationships and properties", func(t *testing.T) {
			assert.Equal(t, original.Nodes, reloaded.Nodes)
			assert.Equal(t, original.Rels, reloaded.Rels)
			assert.Equal(t, original.Checksum, reloaded.Checksum)
		}},
		{"exporting the reloaded graph gives the same bytes", func(t *testing.T) {
			assert.Equal(t, string(first), string(second))
		}},
		{"the file follows the promised order", func(t *testing.T) {
			checkOrder(t, first)
		}},
	} {
		t.Run(tc.name, tc.check)
	}
}
