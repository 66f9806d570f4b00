package ror_test

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cryograph/cryograph/internal/mock"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/generate"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ingest(t *testing.T, sink *mock.MemGraph, f ror.Filter, paths ...string) (*ror.Result, error) {
	t.Helper()
	var ins []ror.Input
	for _, p := range paths {
		ins = append(ins, ror.File(p))
	}
	return ror.Ingest(context.Background(), sink, ins, ror.Options{Filter: f, Retrieved: "2026-12-07", TempDir: t.TempDir()})
}

func written(rep *importer.Report) (created, updated int) {
	for _, c := range rep.Nodes {
		created, updated = created+c.Created, updated+c.Updated
	}
	for _, c := range rep.Links {
		created, updated = created+c.Created, updated+c.Updated
	}
	return
}

func TestIngest_RealRecordMapsEveryField(t *testing.T) {
	sink := mock.NewMemGraph()
	res, err := ingest(t, sink, ror.Filter{}, "testdata/office-of-nuclear-physics.json")
	require.NoError(t, err)
	assert.Equal(t, 1, res.Records)
	org, ok := sink.Nodes["org:ror-02atag894"]
	require.True(t, ok)
	assert.Equal(t, "Office of Nuclear Physics", org.Props["name"])
	assert.Equal(t, "government", org.Props["kind"])
	assert.Equal(t, "02atag894", org.Props["ror"])
	assert.Equal(t, "Washington, D.C.", org.Props["city"])
	assert.Equal(t, "District of Columbia", org.Props["region"])
	assert.Equal(t, "US", org.Props["country"])
	assert.InDelta(t, 38.88758, org.Props["lat"], 1e-9)
	assert.InDelta(t, -77.025728, org.Props["lon"], 1e-9)
	assert.Equal(t, "1996", org.Props["founded"])
	assert.Equal(t, "active", org.Props["status"])
	assert.Equal(t, []string{"NP"}, org.Props["aliases"])
	assert.Equal(t, []string{"src:ror-02atag894"}, org.Sources)

	src := sink.Nodes["src:ror-02atag894"]
	assert.Equal(t, "https://ror.org/02atag894", src.Props["url"])
	assert.Equal(t, "ROR record 02atag894: Office of Nuclear Physics", src.Props["title"])
	assert.Equal(t, "2023-07-28", src.Props["published"], "the record's admin.last_modified.date")
	assert.Equal(t, "2026-12-07", src.Props["retrieved"])

	reg, ok := sink.Link("org:ror-02atag894", "REGISTRY_RECORD", "src:ror-02atag894", "ror")
	require.True(t, ok)
	assert.Equal(t, []string{"Office of Nuclear Physics", "NP"}, reg.Props["names"])
	assert.Equal(t, []string{"ror_display,label", "acronym"}, reg.Props["nameTypes"])
	assert.Equal(t, []string{"0000 0004 5897 7463"}, reg.Props["isni"])
	assert.Equal(t, []string{"100006209"}, reg.Props["fundref"])
	assert.Equal(t, []string{"grid.453025.5"}, reg.Props["grid"])
	assert.Equal(t, []string{"Q30296535"}, reg.Props["wikidata"])
	assert.Equal(t, "https://science.osti.gov/np", reg.Props["website"])
	assert.Equal(t, []string{"parent:00mmn6b08"}, reg.Props["pending"], "the parent is not loaded: kept, not dropped")
}

func TestIngest_HierarchyLanguagesAndStatuses(t *testing.T) {
	sink := mock.NewMemGraph()
	_, err := ingest(t, sink, ror.Filter{}, "testdata/synthetic-hierarchy.json")
	require.NoError(t, err)
	_, ok := sink.Link("org:ror-synthetic-000002", "PART_OF", "org:ror-synthetic-000001", "")
	assert.True(t, ok, "child PART_OF parent")
	_, ok = sink.Link("org:ror-synthetic-000001", "RELATED_TO", "org:ror-synthetic-000003", "")
	assert.True(t, ok, "related, from the smaller ROR id")
	_, ok = sink.Link("org:ror-synthetic-000004", "SUCCEEDED_BY", "org:ror-synthetic-000002", "")
	assert.True(t, ok, "predecessor SUCCEEDED_BY successor")
	assert.Len(t, sink.Links, 4+3, "four registry records and three edges, each written once")

	uni := sink.Nodes["org:ror-synthetic-000001"]
	assert.Contains(t, uni.Props["aliases"], "合成低温生物学大学")
	assert.Equal(t, "university", uni.Props["kind"])
	assert.Equal(t, true, uni.Props["synthetic"])
	reg, _ := sink.Link("org:ror-synthetic-000001", "REGISTRY_RECORD", "src:ror-synthetic-000001", "ror")
	assert.Equal(t, []string{"en", "zh", ""}, reg.Props["nameLangs"])
	assert.Equal(t, []string{"parent:synthetic-000099"}, reg.Props["pending"])
	assert.Equal(t, []string{"education", "funder"}, reg.Props["types"])
	assert.Equal(t, "inactive", sink.Nodes["org:ror-synthetic-000003"].Props["status"])
	assert.Equal(t, "healthcare", sink.Nodes["org:ror-synthetic-000003"].Props["kind"])
	assert.Equal(t, "withdrawn", sink.Nodes["org:ror-synthetic-000004"].Props["status"])
}

func TestIngest_SecondIngestChangesNothing(t *testing.T) {
	sink := mock.NewMemGraph()
	_, err := ingest(t, sink, ror.Filter{}, "testdata/synthetic-hierarchy.json", "testdata/australian-universities.json")
	require.NoError(t, err)
	res, err := ingest(t, sink, ror.Filter{}, "testdata/synthetic-hierarchy.json", "testdata/australian-universities.json")
	require.NoError(t, err)
	created, updated := written(res.Report)
	assert.Zero(t, created)
	assert.Zero(t, updated)
}

func TestIngest_CuratedOrganizationKeepsItsFacts(t *testing.T) {
	sink := mock.NewMemGraph()
	// A curator's organization that holds the ROR id.
	sink.Nodes["src:curated"] = cryo.NodeUpsert{ID: "src:curated", Label: "Source", Hash: "c"}
	sink.Nodes["org:onp"] = cryo.NodeUpsert{ID: "org:onp", Label: "Organization", Hash: "x",
		Props: map[string]any{"name": "DOE Nuclear Physics office", "kind": "government", "ror": "02atag894"}, Sources: []string{"src:curated"}}
	res, err := ingest(t, sink, ror.Filter{}, "testdata/office-of-nuclear-physics.json")
	require.NoError(t, err)
	assert.Equal(t, 1, res.Curated)
	assert.NotContains(t, sink.Nodes, "org:ror-02atag894", "merged by the ROR id, no second node")
	assert.Equal(t, "DOE Nuclear Physics office", sink.Nodes["org:onp"].Props["name"], "the curated name wins")
	assert.Equal(t, "x", sink.Nodes["org:onp"].Hash, "the curated node is not rewritten")
	reg, ok := sink.Link("org:onp", "REGISTRY_RECORD", "src:ror-02atag894", "ror")
	require.True(t, ok, "ROR's values sit beside the curated ones")
	assert.Equal(t, "Office of Nuclear Physics", reg.Props["name"])
	assert.Equal(t, "Washington, D.C.", reg.Props["city"])
}

func TestIngest_Selective(t *testing.T) {
	t.Run("ids", func(t *testing.T) {
		sink := mock.NewMemGraph()
		res, err := ingest(t, sink, ror.Filter{IDs: []string{"https://ror.org/02bfwt286", "00rqy9422"}}, "testdata/australian-universities.json")
		require.NoError(t, err)
		assert.Equal(t, 20, res.Records)
		assert.Equal(t, 2, res.Selected)
		assert.Contains(t, sink.Nodes, "org:ror-02bfwt286")
		assert.Contains(t, sink.Nodes, "org:ror-00rqy9422")
	})
	t.Run("country", func(t *testing.T) {
		sink := mock.NewMemGraph()
		res, err := ingest(t, sink, ror.Filter{Country: "de"}, "testdata/synthetic-hierarchy.json", "testdata/australian-universities.json")
		require.NoError(t, err)
		assert.Equal(t, 1, res.Selected)
		assert.Contains(t, sink.Nodes, "org:ror-synthetic-000003")
	})
	t.Run("related to takes the hierarchy, transitively", func(t *testing.T) {
		sink := mock.NewMemGraph()
		res, err := ingest(t, sink, ror.Filter{RelatedTo: "synthetic-000002"}, "testdata/synthetic-hierarchy.json")
		require.NoError(t, err)
		assert.Equal(t, 2, res.Selected, "itself and its parent; related and predecessor are not hierarchy")
		assert.Contains(t, sink.Nodes, "org:ror-synthetic-000001")
		assert.NotContains(t, sink.Nodes, "org:ror-synthetic-000003")
	})
}

func TestIngest_ZipDump(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v1.55-2024-10-31-ror-data.zip")
	f, err := os.Create(path)
	require.NoError(t, err)
	zw := zip.NewWriter(f)
	data, err := os.ReadFile("testdata/australian-universities.json")
	require.NoError(t, err)
	w, err := zw.Create("v1.55-2024-10-31-ror-data_schema_v2.json")
	require.NoError(t, err)
	_, err = w.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())

	sink := mock.NewMemGraph()
	res, err := ingest(t, sink, ror.Filter{}, path)
	require.NoError(t, err)
	assert.Equal(t, 20, res.Selected)
	src := sink.Nodes["src:ror-02bfwt286"]
	assert.Equal(t, "2024-10-31", src.Props["published"], "the dump's date, from its name")
	assert.Equal(t, "ROR data dump v1.55 (2024-10-31)", src.Props["note"])

	t.Run("truncated", func(t *testing.T) {
		trunc := filepath.Join(dir, "truncated.zip")
		all, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(trunc, all[:len(all)/2], 0o600))
		sink := mock.NewMemGraph()
		_, err = ingest(t, sink, ror.Filter{}, trunc)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "truncated.zip")
		assert.Empty(t, sink.Nodes, "nothing written")
	})
}

func TestIngest_BadInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	good, err := os.ReadFile("testdata/office-of-nuclear-physics.json")
	require.NoError(t, err)
	v1, err := os.ReadFile("testdata/v1-record.json")
	require.NoError(t, err)
	for _, tc := range []struct {
		name, path, want string
	}{
		{"not JSON", write("a.json", "id,name\n1,x\n"), "record 0: not JSON"},
		{"a v1 record", write("v1.json", "["+string(good)+","+string(v1)+"]"), "record 1 (https://ror.org/019wvm592): this is a ROR schema v1 record"},
		{"a record without an id", write("noid.json", `[`+string(good)+`, {"names": [{"value": "Synthetic X", "types": ["ror_display"]}]}]`), "record 1: has no \"id\""},
		{"broken JSON inside the array", write("broken.json", "["+string(good)+", {\"id\": ]"), "record 1: not valid JSON"},
		{"truncated array", write("trunc.json", "["+string(good)+", {\"id\": \"https://ror.org/synthetic-1\""), "record 1: the input ends inside this record"},
		{"the same id twice", write("dup.json", "["+string(good)+","+string(good)+"]"), "record 1 (https://ror.org/02atag894): the same ROR id as record 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sink := mock.NewMemGraph()
			_, err := ingest(t, sink, ror.Filter{}, tc.path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var se *ror.ShapeError
			assert.True(t, errors.As(err, &se))
			assert.Empty(t, sink.Nodes, "nothing written")
		})
	}
}

func TestIngest_GeneratedDumpLoadsWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "syn.json")
	f, err := os.Create(path)
	require.NoError(t, err)
	st, err := generate.WriteROR(f, 2000, 3)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	sink := mock.NewMemGraph()
	res, err := ingest(t, sink, ror.Filter{}, path)
	require.NoError(t, err)
	assert.Equal(t, 2000, res.Selected)
	assert.Zero(t, res.Report.Rejected)
	orgs, regs, edges := 0, 0, 0
	for _, n := range sink.Nodes {
		if n.Label == "Organization" {
			orgs++
		}
	}
	for _, l := range sink.Links {
		if l.Rel == "REGISTRY_RECORD" {
			regs++
		} else {
			edges++
			assert.Empty(t, l.Props["pending"])
		}
	}
	assert.Equal(t, 2000, orgs)
	assert.Equal(t, 2000, regs)
	assert.Equal(t, st.Relationships/2, edges, "every relationship listed on both sides is one edge")
}
