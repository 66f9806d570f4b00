package ror_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"testing/fstest"

	"github.com/cryograph/cryograph/internal/mock"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// matchGraph is the memory graph with what ror.Match needs besides a sink.
type matchGraph struct{ *mock.MemGraph }

func newMatchGraph() matchGraph { return matchGraph{mock.NewMemGraph()} }

func (s matchGraph) OrganizationsWithoutROR(context.Context) ([]cryo.OrgNames, error) {
	var out []cryo.OrgNames
	for id, n := range s.Nodes {
		if n.Label != "Organization" || n.Props["ror"] != nil {
			continue
		}
		str := func(k string) string { v, _ := n.Props[k].(string); return v }
		aliases, _ := n.Props["aliases"].([]string)
		out = append(out, cryo.OrgNames{ID: id, Name: str("name"), Aliases: aliases, Country: str("country"), City: str("city")})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (s matchGraph) SetRORIDs(_ context.Context, ms []cryo.RegistryIDMatch) ([]string, error) {
	var done []string
	for _, m := range ms {
		n, ok := s.Nodes[m.Org]
		if !ok || n.Props["ror"] != nil || s.Nodes[m.Source].Label != "Source" {
			continue
		}
		props := map[string]any{}
		for k, v := range n.Props {
			props[k] = v
		}
		props["ror"] = m.ROR
		n.Props, n.Hash = props, ""
		n.Sources = append(append([]string(nil), n.Sources...), m.Source)
		s.Nodes[m.Org] = n
		done = append(done, m.Org)
	}
	return done, nil
}

// The demo organizations whose real ROR records are in data/ror (data/ror/README.md).
var demoRORs = map[string]string{
	"org:ustc": "04c4dkn09", "org:usst": "00ay9v204", "org:uw": "00cvxb145", "org:tsinghua": "03cve4549", "org:ohio_state": "00rs6vg23",
}

// demoWithoutROR is the demo dataset with the `ror` fields of its organizations taken out:
// the demo as a user's own data looks before any organization has a ROR id, which is what
// --match is for.
func demoWithoutROR(t *testing.T) []importer.Input {
	t.Helper()
	files := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(data.Demo(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Demo(), path)
		if err != nil {
			return err
		}
		files[path] = &fstest.MapFile{Data: rorField.ReplaceAll(b, nil)}
		return nil
	}))
	in, err := importer.FS(files)
	require.NoError(t, err)
	return in
}

// rorField matches a `"ror": "..."` field of a demo row, with the comma before it.
var rorField = regexp.MustCompile(`, "ror": "[0-9a-z]+"`)

func demoSink(t *testing.T) matchGraph {
	t.Helper()
	sink := newMatchGraph()
	in := demoWithoutROR(t)
	rep, err := importer.Load(context.Background(), sink, in, importer.Options{})
	require.NoError(t, err)
	require.Zero(t, rep.Rejected)
	return sink
}

func matchInputs(t *testing.T) []ror.Input {
	t.Helper()
	paths, err := filepath.Glob("../../../data/ror/*.json")
	require.NoError(t, err)
	require.Len(t, paths, 5)
	paths = append(paths, "testdata/australian-universities.json", "testdata/office-of-nuclear-physics.json", "testdata/synthetic-hierarchy.json")
	var ins []ror.Input
	for _, p := range paths {
		ins = append(ins, ror.File(p))
	}
	return ins
}

func TestMatch_DemoOrganizationsGetTheirRecordsAndNoneWrong(t *testing.T) {
	ctx := context.Background()
	sink := demoSink(t)
	res, err := ror.Match(ctx, sink, matchInputs(t))
	require.NoError(t, err)
	assert.Equal(t, 5+20+1+4, res.Records)

	got := map[string]string{}
	for _, p := range res.Proposals {
		if p.Applicable(0.9) {
			got[p.Org] = p.ROR
		}
		if want, ok := demoRORs[p.Org]; ok {
			assert.Equal(t, want, p.ROR, "%s: %+v", p.Org, p)
		} else {
			assert.False(t, p.Applicable(0.9), "a proposal for %s, which has no record in the input, would be applied: %+v", p.Org, p)
		}
	}
	assert.Equal(t, demoRORs, got, "each demo organization with a record gets it, unambiguously, at 0.9 or more")

	byOrg := map[string]ror.Proposal{}
	for _, p := range res.Proposals {
		byOrg[p.Org] = p
	}
	ustc := byOrg["org:ustc"]
	assert.Equal(t, 1.0, ustc.Score)
	assert.Contains(t, ustc.Reasons, "name equals ROR display name (en)")
	assert.Contains(t, ustc.Reasons, "acronym USTC")
	assert.Contains(t, ustc.Reasons, "same country CN")
	assert.Contains(t, ustc.Reasons, "same city Hefei")
	assert.Contains(t, byOrg["org:tsinghua"].Reasons, `alias "清华大学" equals ROR label (zh)`)
	assert.NotContains(t, byOrg, "org:uw_cryo_center", "a sub-unit whose name contains its parent's is not its parent")
}

func TestMatch_PlaceAndAmbiguity(t *testing.T) {
	ctx := context.Background()
	sink := newMatchGraph()
	put := func(id, name, country, city string, aliases ...string) {
		props := map[string]any{"name": name, "kind": "university", "country": country, "city": city}
		if len(aliases) > 0 {
			props["aliases"] = aliases
		}
		sink.Nodes[id] = cryo.NodeUpsert{ID: id, Label: "Organization", Props: props}
	}
	put("org:uw-elsewhere", "University of Washington", "CN", "Hefei")
	put("org:twin-a", "Tsinghua University", "CN", "Beijing")
	put("org:twin-b", "Tsinghua University", "CN", "Beijing")
	put("org:acronym-only", "Something Else", "", "", "USST")
	res, err := ror.Match(ctx, sink, matchInputs(t))
	require.NoError(t, err)
	byOrg := map[string]ror.Proposal{}
	for _, p := range res.Proposals {
		byOrg[p.Org] = p
	}
	far := byOrg["org:uw-elsewhere"]
	assert.Contains(t, far.Reasons, "different country (CN in the graph, US in ROR)")
	assert.Less(t, far.Score, 0.9, "a different country is a strong negative")
	for _, id := range []string{"org:twin-a", "org:twin-b"} {
		assert.True(t, byOrg[id].Ambiguous, "one record, two organizations: %+v", byOrg[id])
		assert.False(t, byOrg[id].Applicable(0.5))
	}
	assert.InDelta(t, 0.3, byOrg["org:acronym-only"].Score, 1e-9, "an acronym alone is weak")
}

func TestMatch_ApplyWritesOnlyTheRORIDAndASource(t *testing.T) {
	ctx := context.Background()
	sink := demoSink(t)
	before := sink.Nodes["org:ustc"]
	res, err := ror.Match(ctx, sink, matchInputs(t))
	require.NoError(t, err)
	n, err := ror.Apply(ctx, sink, res, ror.ApplyOptions{MinScore: 0.9, Retrieved: "2026-12-07", TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, 5, n)
	for org, id := range demoRORs {
		assert.Equal(t, id, sink.Nodes[org].Props["ror"], org)
	}
	after := sink.Nodes["org:ustc"]
	assert.Equal(t, before.Props["name"], after.Props["name"])
	assert.Equal(t, before.Props["aliases"], after.Props["aliases"])
	assert.Contains(t, after.Sources, "src:ror-match-04c4dkn09-org:ustc")
	src := sink.Nodes["src:ror-match-04c4dkn09-org:ustc"]
	assert.Equal(t, "https://ror.org/04c4dkn09", src.Props["url"])
	assert.Contains(t, src.Props["title"], "matched to org:ustc")
	assert.Contains(t, src.Props["note"], "score 1.00: name equals ROR display name (en)")

	again, err := ror.Match(ctx, sink, matchInputs(t))
	require.NoError(t, err)
	for _, p := range again.Proposals {
		assert.NotContains(t, demoRORs, p.Org, "an organization that holds a ROR id is not matched again")
		assert.False(t, p.Applicable(0), "%+v", p)
	}
}
