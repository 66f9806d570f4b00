package orcid_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/mock"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/orcid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ingest(t *testing.T, sink *mock.MemGraph, paths ...string) (*orcid.Result, error) {
	t.Helper()
	ins, err := orcid.Paths(paths)
	require.NoError(t, err)
	res, err := orcid.Ingest(context.Background(), sink, ins, orcid.Options{Retrieved: "2026-12-07", TempDir: t.TempDir()})
	if err != nil && res != nil && res.Report != nil {
		for _, e := range res.Report.Errors {
			t.Logf("rejected: %+v", e)
		}
	}
	return res, err
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

const carberry = "testdata/carberry-0000-0002-1825-0097.json"

func TestIngest_RealJSONRecord(t *testing.T) {
	sink := mock.NewMemGraph()
	res, err := ingest(t, sink, carberry)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Records)
	assert.Equal(t, 2, res.Affiliations)
	assert.Equal(t, 6, res.Works)

	p, ok := sink.Nodes["person:orcid-0000-0002-1825-0097"]
	require.True(t, ok)
	assert.Equal(t, "Josiah Carberry", p.Props["name"])
	assert.Equal(t, "0000-0002-1825-0097", p.Props["orcid"])
	assert.Equal(t, []string{"src:orcid-0000-0002-1825-0097"}, p.Sources)

	src := sink.Nodes["src:orcid-0000-0002-1825-0097"]
	assert.Equal(t, "https://orcid.org/0000-0002-1825-0097", src.Props["url"])
	assert.Equal(t, "ORCID record 0000-0002-1825-0097: Josiah Carberry", src.Props["title"])
	assert.Equal(t, "ORCID", src.Props["publisher"])
	assert.Equal(t, "2024-08-31", src.Props["published"], "the record's latest last-modified-date")
	assert.Equal(t, "2026-12-07", src.Props["retrieved"])

	brown := sink.Nodes["org:orcid-ringgold-6752"]
	assert.Equal(t, "Brown University", brown.Props["name"])
	assert.Equal(t, "Providence", brown.Props["city"])
	assert.Equal(t, "US", brown.Props["country"])
	assert.Contains(t, brown.Props["note"], "RINGGOLD 6752")

	l, ok := sink.Link("person:orcid-0000-0002-1825-0097", "AFFILIATED_WITH", "org:orcid-ringgold-6752", "orcid-4278")
	require.True(t, ok)
	assert.Equal(t, "1929-02", l.Props["since"], "1929-02-29 is no day: the month is kept")
	assert.Contains(t, l.Props["note"], "1929-02-29")
	assert.Equal(t, "Professor, Psychoceramics", l.Props["role"])
	assert.Nil(t, l.Props["until"])

	pub := sink.Nodes["pub:orcid-0000-0002-1825-0097-19980729"]
	assert.Equal(t, "Bulk and surface plasmons in artificially structured materials", pub.Props["title"])
	assert.Equal(t, "10.1109/tps.1987.4316723", pub.Props["doi"], "lower-case")
	assert.EqualValues(t, 1987, pub.Props["year"])
	assert.Equal(t, "journal-article", pub.Props["workType"])
	assert.Equal(t, "IEEE Transactions on Plasma Science", pub.Props["venue"])
	_, ok = sink.Link("person:orcid-0000-0002-1825-0097", "AUTHORED", "pub:orcid-0000-0002-1825-0097-19980729", "orcid")
	assert.True(t, ok)
}

func TestIngest_XMLRecords(t *testing.T) {
	sink := mock.NewMemGraph()
	res, err := ingest(t, sink, "testdata/record-3.0.xml", "testdata/synthetic-9999-0000-0000-0019.xml")
	require.NoError(t, err)
	assert.Equal(t, 2, res.Records)
	assert.Equal(t, 1, res.Skipped, "the employment without a disambiguated id")
	assert.Contains(t, res.Examples[0], "9999-0000-0000-0019 employment 9202: no disambiguated organization id")

	p := sink.Nodes["person:orcid-9999-0000-0000-0019"]
	assert.Equal(t, "Ada Synthetica", p.Props["name"])
	assert.Equal(t, true, p.Props["synthetic"])
	org := sink.Nodes["org:ror-synthetic-000001"]
	assert.Equal(t, "synthetic-000001", org.Props["ror"])
	assert.Equal(t, "Synthetic Institute of Organ Banking", org.Props["name"])
	l, ok := sink.Link("person:orcid-9999-0000-0000-0019", "AFFILIATED_WITH", "org:ror-synthetic-000001", "orcid-9201")
	require.True(t, ok)
	assert.Equal(t, "2019-09", l.Props["since"])
	edu, ok := sink.Link("person:orcid-9999-0000-0000-0019", "AFFILIATED_WITH", "org:orcid-grid-grid.synthetic.1", "orcid-9101")
	require.True(t, ok)
	assert.Equal(t, "2012", edu.Props["since"])
	assert.Equal(t, "2017-06-30", edu.Props["until"])
	assert.Equal(t, "education: PhD, Synthetic Department of Cryobiology", edu.Props["role"])
	assert.Equal(t, "10.5555/synthetic-0001", sink.Nodes["pub:orcid-9999-0000-0000-0019-9301"].Props["doi"], "https://doi.org/ stripped, lower-case")

	sample := sink.Nodes["person:orcid-8888-8888-8888-8880"]
	assert.Equal(t, "give-names family-name", sample.Props["name"])
	assert.ElementsMatch(t, []string{"credit-name", "other-name-1"}, sample.Props["aliases"])
}

func TestIngest_SecondRunChangesNothing(t *testing.T) {
	sink := mock.NewMemGraph()
	_, err := ingest(t, sink, carberry, "testdata/record-full-3.0.json", "testdata/synthetic-9999-0000-0000-0019.xml")
	require.NoError(t, err)
	res, err := ingest(t, sink, carberry, "testdata/record-full-3.0.json", "testdata/synthetic-9999-0000-0000-0019.xml")
	require.NoError(t, err)
	created, updated := written(res.Report)
	assert.Zero(t, created)
	assert.Zero(t, updated)
}

func TestIngest_CuratedPersonAndPublicationKeepTheirFacts(t *testing.T) {
	sink := mock.NewMemGraph()
	sink.Nodes["src:curated"] = cryo.NodeUpsert{ID: "src:curated", Label: "Source", Hash: "c"}
	sink.Nodes["person:carberry"] = cryo.NodeUpsert{ID: "person:carberry", Label: "Person", Hash: "x",
		Props: map[string]any{"name": "Prof. J. S. Carberry", "orcid": "0000-0002-1825-0097"}, Sources: []string{"src:curated"}}
	sink.Nodes["pub:emulation"] = cryo.NodeUpsert{ID: "pub:emulation", Label: "Publication", Hash: "y",
		Props: map[string]any{"title": "A Methodology for the Emulation of Architecture", "doi": "10.5555/12345680"}, Sources: []string{"src:curated"}}
	res, err := ingest(t, sink, carberry)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Curated)
	assert.NotContains(t, sink.Nodes, "person:orcid-0000-0002-1825-0097", "one node per ORCID")
	assert.Equal(t, "Prof. J. S. Carberry", sink.Nodes["person:carberry"].Props["name"], "the curated name wins")
	assert.Equal(t, "x", sink.Nodes["person:carberry"].Hash, "the curated person is not rewritten")
	_, ok := sink.Link("person:carberry", "AFFILIATED_WITH", "org:orcid-ringgold-6752", "orcid-4278")
	assert.True(t, ok, "the affiliation lands on the curated person")

	assert.Equal(t, 1, res.Matched)
	assert.NotContains(t, sink.Nodes, "pub:orcid-0000-0002-1825-0097-9543020", "matched by DOI, no second publication")
	assert.Equal(t, "y", sink.Nodes["pub:emulation"].Hash)
	_, ok = sink.Link("person:carberry", "AUTHORED", "pub:emulation", "orcid")
	assert.True(t, ok)
}

func TestIngest_CuratedOrganizationByROR(t *testing.T) {
	sink := mock.NewMemGraph()
	sink.Nodes["src:curated"] = cryo.NodeUpsert{ID: "src:curated", Label: "Source", Hash: "c"}
	sink.Nodes["org:organ-bank"] = cryo.NodeUpsert{ID: "org:organ-bank", Label: "Organization", Hash: "o",
		Props: map[string]any{"name": "Synthetic Organ Banking Institute", "kind": "institute", "ror": "synthetic-000001"}, Sources: []string{"src:curated"}}
	_, err := ingest(t, sink, "testdata/synthetic-9999-0000-0000-0019.xml")
	require.NoError(t, err)
	assert.NotContains(t, sink.Nodes, "org:ror-synthetic-000001")
	assert.Equal(t, "o", sink.Nodes["org:organ-bank"].Hash)
	l, ok := sink.Link("person:orcid-9999-0000-0000-0019", "AFFILIATED_WITH", "org:organ-bank", "orcid-9201")
	require.True(t, ok)
	assert.Equal(t, "2019-09", l.Props["since"])
}
