package openalex_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/cryograph/cryograph/internal/mock"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/openalex"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testCrosswalk maps the fixture work's first OpenAlex topic (T10102, real) to a synthetic
// topic: the fixture is not about cryomedicine, and the shipped crosswalk rightly maps none
// of its topics.
func testCrosswalk(t *testing.T) *openalex.Crosswalk {
	cw, err := openalex.ParseCrosswalk([]byte(`{"version":"test","topics":{"T10102":"topic:synthetic-bibliometrics"},"keywords":{"open science":"topic:synthetic-bibliometrics"}}`))
	require.NoError(t, err)
	return cw
}

func withTopic(s *mock.MemGraph) *mock.MemGraph {
	s.Nodes["topic:synthetic-bibliometrics"] = cryo.NodeUpsert{ID: "topic:synthetic-bibliometrics", Label: "Topic", Hash: "t",
		Props: map[string]any{"name": "Bibliometrics (synthetic test topic)"}}
	return s
}

func ingest(t *testing.T, sink *mock.MemGraph, paths ...string) (*openalex.Result, error) {
	t.Helper()
	var ins []openalex.Input
	for _, p := range paths {
		ins = append(ins, openalex.File(p))
	}
	res, err := openalex.Ingest(context.Background(), sink, ins, openalex.Options{Retrieved: "2026-12-07", TempDir: t.TempDir(),
		Crosswalk: testCrosswalk(t)})
	if err != nil && res != nil && res.Report != nil {
		for i, e := range res.Report.Errors {
			if i < 5 {
				t.Logf("rejected: %+v", e)
			}
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

func TestIngest_RealWorkMapsEveryField(t *testing.T) {
	sink := withTopic(mock.NewMemGraph())
	res, err := ingest(t, sink, "testdata/W2741809807.json", "testdata/A5023888391.json")
	require.NoError(t, err)
	assert.Equal(t, 1, res.Works)
	assert.Equal(t, 9, res.Authors)
	assert.Zero(t, res.Skipped)

	pub, ok := sink.Nodes["pub:openalex-W2741809807"]
	require.True(t, ok)
	assert.Equal(t, "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles", pub.Props["title"])
	assert.Equal(t, "10.7717/peerj.4375", pub.Props["doi"])
	assert.EqualValues(t, 2018, pub.Props["year"])
	assert.Equal(t, "2018-02-13", pub.Props["published"])
	assert.Equal(t, "PeerJ", pub.Props["venue"])
	assert.Equal(t, "article", pub.Props["workType"])
	assert.EqualValues(t, 962, pub.Props["citedBy"])
	assert.Equal(t, "W2741809807", pub.Props["openalex"])
	assert.Equal(t, []string{"T13607 Academic Publishing and Open Access", "T11937 Research Data Management Practices"}, pub.Props["openalexTopics"],
		"unmapped topics are kept")
	assert.Equal(t, []string{"src:openalex-W2741809807"}, pub.Sources)

	src := sink.Nodes["src:openalex-W2741809807"]
	assert.Equal(t, "https://openalex.org/W2741809807", src.Props["url"])
	assert.Equal(t, "OpenAlex", src.Props["publisher"])
	assert.Equal(t, "2026-12-07", src.Props["retrieved"])

	priem, ok := sink.Nodes["person:openalex-A5023888391"]
	require.True(t, ok)
	assert.Equal(t, "Jason Priem", priem.Props["name"])
	assert.Equal(t, "0000-0001-6187-6610", priem.Props["orcid"])
	assert.Equal(t, "A5023888391", priem.Props["openalex"])
	assert.Contains(t, priem.Props["aliases"], "Priem Jason", "display_name_alternatives of the author record")

	au, ok := sink.Link("person:openalex-A5023888391", "AUTHORED", "pub:openalex-W2741809807", "")
	require.True(t, ok)
	assert.EqualValues(t, 2, au.Props["position"])
	assert.NotContains(t, au.Props, "corresponding", "false is not stored: only corresponding authors carry it")
	assert.Equal(t, []string{"Impactstory, Sanford, NC, USA"}, au.Props["rawAffiliations"])

	uw, ok := sink.Nodes["org:ror-00cvxb145"]
	require.True(t, ok)
	assert.Equal(t, "University of Washington", uw.Props["name"])
	assert.Equal(t, "00cvxb145", uw.Props["ror"])
	assert.Equal(t, "I201448701", uw.Props["openalex"])
	aff, ok := sink.Link("person:openalex-A5046879461", "AFFILIATED_WITH", "org:ror-00cvxb145", "openalex")
	require.True(t, ok, "Jevin D. West at the University of Washington")
	assert.Equal(t, "2018", aff.Props["since"])
	assert.Equal(t, "2018", aff.Props["until"])
	assert.Equal(t, []string{"pub:openalex-W2741809807"}, aff.Props["works"])

	about, ok := sink.Link("pub:openalex-W2741809807", "ABOUT", "topic:synthetic-bibliometrics", "")
	require.True(t, ok)
	assert.InDelta(t, 0.9969, about.Props["score"], 1e-9, "the best of what mapped: the topic's score")
	wo, ok := sink.Link("person:openalex-A5023888391", "WORKS_ON", "topic:synthetic-bibliometrics", "openalex")
	require.True(t, ok)
	assert.Equal(t, []string{"pub:openalex-W2741809807"}, wo.Props["works"])
}

func TestIngest_SecondRunChangesNothing(t *testing.T) {
	sink := withTopic(mock.NewMemGraph())
	_, err := ingest(t, sink, "testdata/W2741809807.json", "testdata/works-2023-05-16-part_000.gz")
	require.NoError(t, err)
	res, err := ingest(t, sink, "testdata/W2741809807.json", "testdata/works-2023-05-16-part_000.gz")
	require.NoError(t, err)
	created, updated := written(res.Report)
	assert.Zero(t, created)
	assert.Zero(t, updated)
}

func TestIngest_ExistingPersonAndOrganizationKeepTheirFacts(t *testing.T) {
	sink := withTopic(mock.NewMemGraph())
	sink.Nodes["person:curated-priem"] = cryo.NodeUpsert{ID: "person:curated-priem", Label: "Person", Hash: "p",
		Props: map[string]any{"name": "J. Priem (curated)", "orcid": "0000-0001-6187-6610"}}
	sink.Nodes["org:uw"] = cryo.NodeUpsert{ID: "org:uw", Label: "Organization", Hash: "o",
		Props: map[string]any{"name": "UW (curated)", "ror": "00cvxb145"}}
	res, err := ingest(t, sink, "testdata/W2741809807.json")
	require.NoError(t, err)
	assert.Equal(t, 1, res.LinkedPeople)
	assert.Equal(t, 1, res.LinkedOrganizations)
	_, made := sink.Nodes["person:openalex-A5023888391"]
	assert.False(t, made, "the curated person holds the ORCID: one node")
	_, ok := sink.Link("person:curated-priem", "AUTHORED", "pub:openalex-W2741809807", "")
	assert.True(t, ok)
	assert.Equal(t, "J. Priem (curated)", sink.Nodes["person:curated-priem"].Props["name"])
	_, made = sink.Nodes["org:ror-00cvxb145"]
	assert.False(t, made)
	_, ok = sink.Link("person:openalex-A5046879461", "AFFILIATED_WITH", "org:uw", "openalex")
	assert.True(t, ok)
	assert.Equal(t, "UW (curated)", sink.Nodes["org:uw"].Props["name"])
}

func TestIngest_SkipsRecordsItCannotUse(t *testing.T) {
	sink := withTopic(mock.NewMemGraph())
	res, err := ingest(t, sink, "testdata/works-2023-05-16-part_000.gz")
	require.NoError(t, err)
	assert.Equal(t, 27, res.Records)
	assert.Equal(t, 16, res.Skipped, "works without a title in the real snapshot part")
	require.NotEmpty(t, res.Problems)
	assert.Equal(t, openalex.Problem{Input: "testdata/works-2023-05-16-part_000.gz", Line: 2, ID: "W4312233861", Reason: "the work has no title"}, res.Problems[0])
	_, made := sink.Nodes["pub:openalex-W4312233861"]
	assert.False(t, made)
	_, made = sink.Nodes["pub:openalex-W4206759534"]
	assert.True(t, made)
}

func TestIngest_InstitutionRecord(t *testing.T) {
	sink := mock.NewMemGraph()
	res, err := ingest(t, sink, "testdata/I27837315.json")
	require.NoError(t, err)
	assert.Equal(t, 1, res.Institutions)
	org, ok := sink.Nodes["org:ror-00jmfr291"]
	require.True(t, ok)
	assert.Equal(t, "University of Michigan", org.Props["name"])
	assert.Equal(t, "Ann Arbor", org.Props["city"])
	assert.Equal(t, "US", org.Props["country"])
	assert.Equal(t, "I27837315", org.Props["openalex"])
	assert.Equal(t, []string{"Université du Michigan", "UMich", "University of Michigan–Ann Arbor", "UM"}, org.Props["aliases"])
	assert.Equal(t, "https://openalex.org/I27837315", sink.Nodes["src:openalex-I27837315"].Props["url"])
}

// syntheticWork is a made-up work (synthetic names and ids, not a real record) that states a
// grant and has a keyword the shipped crosswalk maps.
const syntheticWork = `{"id":"https://openalex.org/W9000000001","doi":"https://doi.org/10.5555/synthetic.1","title":"A synthetic study of vitrification (test data)","publication_year":2024,"type":"article",` +
	`"authorships":[{"author":{"id":"https://openalex.org/A9000000001","display_name":"Ada Synthetic","orcid":null},"institutions":[{"id":"https://openalex.org/I9000000001","display_name":"Synthetic Cryo Institute","ror":null,"country_code":"DE","type":"facility"}],"is_corresponding":true,"raw_affiliation_strings":["Synthetic Cryo Institute, Examplecity"]},` +
	`{"author":{"id":"https://openalex.org/A9000000002","display_name":"Bo Synthetic","orcid":null},"institutions":[{"id":"https://openalex.org/I9000000002","display_name":"Synthetic Organ Bank","ror":null,"country_code":"FR","type":"nonprofit"}],"is_corresponding":false,"raw_affiliation_strings":[]}],` +
	`"keywords":[{"id":"https://openalex.org/keywords/vitrification","display_name":"Vitrification","score":0.8}],` +
	`"grants":[{"funder":"https://openalex.org/F9000000001","funder_display_name":"Synthetic Research Council","award_id":"SYN-001"}],"is_retracted":true}`

func TestIngest_GrantsKeywordsAndRetraction(t *testing.T) {
	sink := mock.NewMemGraph()
	sink.Nodes["topic:vitrification"] = cryo.NodeUpsert{ID: "topic:vitrification", Label: "Topic", Hash: "t", Props: map[string]any{"name": "Vitrification"}}
	res, err := openalex.Ingest(context.Background(), sink, []openalex.Input{openalex.Bytes("synthetic.jsonl", []byte(syntheticWork+"\n"))},
		openalex.Options{Retrieved: "2026-12-07", TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Grants)
	assert.Equal(t, 1, res.TopicLinks)
	pub := sink.Nodes["pub:openalex-W9000000001"]
	assert.Equal(t, true, pub.Props["retracted"], "marked, not dropped")
	about, ok := sink.Link("pub:openalex-W9000000001", "ABOUT", "topic:vitrification", "")
	require.True(t, ok, "the shipped crosswalk maps the keyword")
	assert.InDelta(t, 0.8, about.Props["score"], 1e-9)
	au, _ := sink.Link("person:openalex-A9000000001", "AUTHORED", "pub:openalex-W9000000001", "")
	assert.Equal(t, true, au.Props["corresponding"])

	grant, ok := sink.Nodes["pship:openalex-W9000000001-grant-1"]
	require.True(t, ok)
	assert.Equal(t, "joint_grant", grant.Props["kind"])
	assert.Equal(t, "Grant from Synthetic Research Council, award SYN-001", grant.Props["name"])
	assert.Equal(t, true, grant.Props["uncertain"])
	assert.Contains(t, grant.Props["note"], "derived from the work's funding statement")
	_, ok = sink.Link("org:openalex-I9000000001", "PARTY_TO", "pship:openalex-W9000000001-grant-1", "")
	assert.True(t, ok)
	_, ok = sink.Link("org:openalex-I9000000002", "PARTY_TO", "pship:openalex-W9000000001-grant-1", "")
	assert.True(t, ok)
}

func TestIngest_RecordsWithoutAnIdOrANameAreSkippedAndNamed(t *testing.T) {
	raw, err := os.ReadFile("testdata/W2741809807.json")
	require.NoError(t, err)
	var work map[string]any
	require.NoError(t, json.Unmarshal(raw, &work))
	// The real work with its fourth author's name taken away, and a record without an id.
	work["authorships"].([]any)[3].(map[string]any)["author"].(map[string]any)["display_name"] = nil
	nameless, err := json.Marshal(work)
	require.NoError(t, err)
	input := string(nameless) + "\n" + `{"display_name":"a record without an id"}` + "\n" + syntheticWork + "\n"

	sink := mock.NewMemGraph()
	res, err := openalex.Ingest(context.Background(), sink, []openalex.Input{openalex.Bytes("bad.jsonl", []byte(input))},
		openalex.Options{Retrieved: "2026-12-07", TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Skipped)
	assert.Equal(t, []openalex.Problem{
		{Input: "bad.jsonl", Line: 1, ID: "W2741809807", Reason: "authorship 4 (author A5085171399) has no name"},
		{Input: "bad.jsonl", Line: 2, Reason: "the record has no id"},
	}, res.Problems)
	for id := range sink.Nodes {
		assert.NotContains(t, id, "W2741809807", "nothing of the skipped work is written")
		assert.NotContains(t, id, "A5048491430")
	}
	_, ok := sink.Nodes["pub:openalex-W9000000001"]
	assert.True(t, ok, "the good record of the same input is loaded")
}

// Two OpenAlex authors with one ORCID are one person, whichever is met first: here the first
// author with the ORCID (in an older copy of W9000000011) is read again only after the other.
func TestIngest_TwoAuthorsWithOneORCIDAreOnePerson(t *testing.T) {
	work := func(w, a, name string) string {
		return `{"id":"https://openalex.org/` + w + `","title":"Synthetic work ` + w + ` (test data)","publication_year":2020,` +
			`"authorships":[{"author":{"id":"https://openalex.org/` + a + `","display_name":"` + name + `","orcid":"https://orcid.org/0000-0009-0000-0001"},"institutions":[]}]}`
	}
	input := work("W9000000011", "A9000000011", "Cy Synthetic") + "\n" + work("W9000000012", "A9000000012", "C. Synthetic") + "\n" +
		work("W9000000011", "A9000000011", "Cy Synthetic") + "\n"
	sink := mock.NewMemGraph()
	res, err := openalex.Ingest(context.Background(), sink, []openalex.Input{openalex.Bytes("orcid.jsonl", []byte(input))},
		openalex.Options{Retrieved: "2026-12-07", TempDir: t.TempDir()})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Authors)
	p, ok := sink.Nodes["person:openalex-A9000000011"]
	require.True(t, ok)
	assert.Equal(t, "Cy Synthetic", p.Props["name"])
	assert.Equal(t, "0000-0009-0000-0001", p.Props["orcid"])
	_, ok = sink.Nodes["person:openalex-A9000000012"]
	assert.False(t, ok)
	for _, w := range []string{"W9000000011", "W9000000012"} {
		_, ok := sink.Link("person:openalex-A9000000011", "AUTHORED", "pub:openalex-"+w, "")
		assert.True(t, ok, w)
	}
}
