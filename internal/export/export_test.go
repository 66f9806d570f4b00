package export_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/export"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Bookkeeping that is not part of the graph's facts and never exported.
const (
	factNodes = "MATCH (n) WHERE NOT (n:Migration OR n:NameKey OR n:Merge OR n:Changeset OR n:Change)"
	factRels  = "MATCH (a)-[r]->(b) WHERE NOT (a:Migration OR a:NameKey OR a:Merge OR b:Migration OR b:NameKey OR b:Merge)"
)

// snapshot is what a round trip must keep: counts by kind and a checksum of every property.
type snapshot struct {
	Nodes    map[string]int
	Rels     map[string]int
	Checksum string
}

func takeSnapshot(t *testing.T, st *store.Store) snapshot {
	t.Helper()
	s := snapshot{Nodes: map[string]int{}, Rels: map[string]int{}}
	var lines []string
	for _, rec := range query(t, st, factNodes+" RETURN labels(n) AS labels, properties(n) AS props") {
		labels := rec.AsMap()["labels"].([]any)
		names := make([]string, len(labels))
		for i, l := range labels {
			names[i] = l.(string)
		}
		sort.Strings(names)
		s.Nodes[strings.Join(names, ":")]++
		props := rec.AsMap()["props"].(map[string]any)
		delete(props, "importHash")
		lines = append(lines, line(t, names, props))
	}
	for _, rec := range query(t, st, factRels+" RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props") {
		m := rec.AsMap()
		s.Rels[m["type"].(string)]++
		props := m["props"].(map[string]any)
		delete(props, "importHash")
		lines = append(lines, line(t, m["from"], m["type"], m["to"], props))
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	s.Checksum = hex.EncodeToString(sum[:])
	return s
}

func line(t *testing.T, parts ...any) string {
	b, err := json.Marshal(parts) // maps marshal with sorted keys
	require.NoError(t, err)
	return string(b)
}

func query(t *testing.T, st *store.Store, q string) []*neo4j.Record {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), st.Driver(), q, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(st.Database()))
	require.NoError(t, err, q)
	return res.Records
}

func exportJSONL(t *testing.T, st *store.Store, opts export.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	_, err := export.JSONL(context.Background(), st, &buf, opts)
	require.NoError(t, err)
	return buf.Bytes()
}

// reload empties the graph and loads data into it, failing on any rejected row.
func reload(t *testing.T, st *store.Store, data []byte) *importer.Report {
	t.Helper()
	neo4jtest.Reset(t, st)
	return load(t, st, data)
}

func load(t *testing.T, st *store.Store, data []byte) *importer.Report {
	t.Helper()
	rep, err := importer.Load(context.Background(), st, []importer.Input{importer.Bytes("export.jsonl", data)}, importer.Options{})
	require.NoError(t, err, "rejected: %+v", rep.Errors)
	require.Zero(t, rep.Rejected)
	return rep
}

func TestJSONLRoundTripsTheDemo(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	original := takeSnapshot(t, st)
	first := exportJSONL(t, st, export.Options{})
	again := exportJSONL(t, st, export.Options{})
	reload(t, st, first)
	reloaded := takeSnapshot(t, st)
	second := exportJSONL(t, st, export.Options{})

	for _, tc := range []struct {
		name  string
		check func(t *testing.T)
	}{
		{"the same graph exports the same bytes", func(t *testing.T) {
			assert.Equal(t, string(first), string(again))
		}},
		{"the reloaded graph has the same nodes and relationships of every kind", func(t *testing.T) {
			require.NotEmpty(t, original.Nodes)
			assert.Equal(t, original.Nodes, reloaded.Nodes)
			assert.Equal(t, original.Rels, reloaded.Rels)
		}},
		{"the reloaded graph has the same properties, importHash aside", func(t *testing.T) {
			assert.Equal(t, original.Checksum, reloaded.Checksum)
		}},
		{"exporting the reloaded graph gives the same bytes", func(t *testing.T) {
			assert.Equal(t, string(first), string(second))
		}},
		{"the header comes first, then nodes by kind and id, then links by from, rel, to and key", func(t *testing.T) {
			checkOrder(t, first)
		}},
	} {
		t.Run(tc.name, tc.check)
	}
}

// checkOrder checks the row order the format promises.
func checkOrder(t *testing.T, data []byte) {
	t.Helper()
	rank := map[string]int{"source": 0, "topic": 1, "organization": 2, "person": 3, "event": 4, "publication": 5, "partnership": 6, "link": 7, "registry_record": 7}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	require.Equal(t, `{"format":"cryograph","version":1}`, lines[0])
	prev := []string{"", "", "", "", ""}
	for i, l := range lines[1:] {
		var row map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &row), "line %d", i+2)
		typ, _ := row["type"].(string)
		r, ok := rank[typ]
		require.True(t, ok, "line %d: type %q", i+2, typ)
		var key []string
		if typ == "link" {
			k, _ := row["key"].(string)
			key = []string{string(rune('0' + r)), row["from"].(string), row["rel"].(string), row["to"].(string), k}
		} else if typ == "registry_record" { // among the links, as (of)-[:REGISTRY_RECORD {key: registry}]->(source)
			key = []string{string(rune('0' + r)), row["of"].(string), "REGISTRY_RECORD", row["source"].(string), row["registry"].(string)}
		} else {
			key = []string{string(rune('0' + r)), row["id"].(string), "", "", ""}
		}
		assert.True(t, strings.Join(prev, "\x00") < strings.Join(key, "\x00"), "line %d is out of order: %s", i+2, l)
		prev = key
	}
}

// edgeCases exercises what the demo may not: every field of every row type, source order kept
// only on folded relationships, links of the folded types, one alias with two notes, a plain and
// a sourced alias of one name, coordinates, characters JSON and XML escape, uncertain parties.
const edgeCases = `{"format": "cryograph", "version": 1}
{"type": "source", "id": "src:b", "url": "https://example.org/b?x=1&y=<2>", "title": "Source B \"quoted\"", "publisher": "Pub B", "retrieved": "2024-02-01", "also_seen_in": ["https://example.org/b2", "https://example.org/b1"], "published": "2024-01", "quote": "line one\nline two, with a comma", "language": "en"}
{"type": "source", "id": "src:a", "url": "https://example.org/a", "title": "Source A", "note": "a note; with a semicolon", "uncertain": true, "synthetic": true}
{"type": "source", "id": "src:c", "url": "https://example.org/c", "title": "Source C"}
{"type": "topic", "id": "topic:root", "name": "Root", "sources": ["src:c", "src:a"]}
{"type": "topic", "id": "topic:mid", "name": "Mid", "parents": ["topic:root"], "sources": ["src:c", "src:a"], "description": "ü & <ok>"}
{"type": "topic", "id": "topic:leaf", "name": "Leaf", "parents": ["topic:mid", "topic:root"]}
{"type": "organization", "id": "org:x", "name": "Org X", "kind": "lab", "lat": 31.2304, "lon": 121.4737, "country": "CN", "city": "Shanghai", "ror": "https://ror.org/000000000", "wikidata": "Q2", "aliases": ["X Lab", {"name": "X Lab", "sources": ["src:b"]}, {"name": "Ex", "sources": ["src:b", "src:a"], "note": "first"}, {"name": "Ex", "sources": ["src:c"], "note": "second"}], "sources": ["src:b", "src:a"]}
{"type": "organization", "id": "org:y", "name": "Org Y", "kind": "company", "founded": "2011", "uncertain": true, "note": "unsure", "sources": ["src:c"]}
{"type": "person", "id": "person:p", "name": "P Person", "orcid": "0000-0001-2345-6789", "wikidata": "Q1", "country": "DE", "uncertain": true, "note": "maybe", "synthetic": true, "aliases": ["Pat"], "sources": ["src:b", "src:c", "src:a"]}
{"type": "event", "id": "event:e", "name": "Event E", "kind": "visit", "start": "2022-08-09", "end": "2022-08-10", "place": "Shanghai", "country": "CN", "aliases": ["E 2022"], "sources": ["src:a"]}
{"type": "publication", "id": "pub:q", "title": "Paper Q", "doi": "10.5555/q", "venue": "Journal", "published": "2021", "aliases": [{"name": "Q paper", "sources": ["src:a"]}], "sources": ["src:b"]}
{"type": "partnership", "id": "pship:z", "name": "Partnership Z", "kind": "mou", "status": "agreed", "start": "2024-03", "end": "2025", "description": "Z's MoU", "parties": [{"id": "org:y", "role": "company"}, {"id": "org:x", "role": "lab", "uncertain": true, "note": "named once"}, {"id": "person:p"}], "topics": ["topic:leaf", "topic:mid"], "sources": ["src:c", "src:b"]}
{"type": "partnership", "id": "pship:w", "name": "Partnership W", "kind": "other", "status": "unknown", "parties": [{"id": "org:x"}], "sources": ["src:a"]}
{"type": "link", "rel": "AFFILIATED_WITH", "from": "person:p", "to": "org:x", "title": "professor", "since": "2010", "until": "2020", "sources": ["src:b", "src:a"]}
{"type": "link", "rel": "AFFILIATED_WITH", "from": "person:p", "to": "org:x", "key": "second", "as_of": "2024", "uncertain": true, "note": "a <second> post", "synthetic": true, "sources": ["src:c"]}
{"type": "link", "rel": "RESULTED_IN", "from": "event:e", "to": "pship:z", "id": "curator-bookkeeping-1", "sources": ["src:a"]}
{"type": "link", "rel": "AUTHORED", "from": "person:p", "to": "pub:q", "role": "first author", "sources": ["src:b"]}
{"type": "link", "rel": "ABOUT", "from": "pub:q", "to": "topic:leaf", "sources": ["src:b"]}
`

func TestJSONLRoundTripsEdgeCases(t *testing.T) {
	st := neo4jtest.Store(t)
	reload(t, st, []byte(edgeCases))
	original := takeSnapshot(t, st)
	first := exportJSONL(t, st, export.Options{})
	reload(t, st, first)
	reloaded := takeSnapshot(t, st)
	second := exportJSONL(t, st, export.Options{})

	for _, tc := range []struct {
		name  string
		check func(t *testing.T)
	}{
		{"the reloaded graph is the same graph", func(t *testing.T) {
			assert.Equal(t, original, reloaded)
		}},
		{"exporting the reloaded graph gives the same bytes", func(t *testing.T) {
			assert.Equal(t, string(first), string(second))
		}},
		{"a partnership keeps the order of its sources", func(t *testing.T) {
			assert.Contains(t, string(first), `"sources":["src:c","src:b"]}`)
		}},
		{"parties and parents are written in their rows, never as link rows", func(t *testing.T) {
			assert.NotContains(t, string(first), `"rel":"PARTY_TO"`)
			assert.NotContains(t, string(first), `"rel":"SUBTOPIC_OF"`)
		}},
		{"aliases are regrouped by name and note", func(t *testing.T) {
			assert.Contains(t, string(first), `"aliases":[{"name":"X Lab","sources":["src:b"]},{"name":"Ex","sources":["src:a","src:b"],"note":"first"},{"name":"Ex","sources":["src:c"],"note":"second"}]`)
		}},
		{"the file follows the promised order", func(t *testing.T) {
			checkOrder(t, first)
		}},
	} {
		t.Run(tc.name, tc.check)
	}
}

func TestSubgraphExport(t *testing.T) {
	st := neo4jtest.Store(t)
	for _, tc := range []struct {
		name     string
		root     string
		depth    int
		contains []string
		excludes []string
	}{
		{name: "a university's neighbourhood holds its people, with their sources and partnerships' parties",
			root: "org:usst", depth: 1, contains: []string{"org:usst", "person:xu_yi", "src:yinfeng-news-30"}},
		{name: "depth 0 holds the root and what its row needs",
			root: "org:usst", depth: 0, contains: []string{"org:usst"}, excludes: []string{"person:xu_yi"}},
		{name: "a topic brings its broader topics",
			root: "topic:organ-vitrification", depth: 0, contains: []string{"topic:organ-preservation", "topic:cryomedicine", "topic:vitrification"}},
		{name: "a partnership brings all its parties and topics",
			root: "pship:yinfeng-usst-2022", depth: 0, contains: []string{"org:yinfeng_group", "person:xu_yi", "org:usst_ibst", "topic:tissue-organ-cryopreservation", "topic:cryomedicine"}},
		{name: "a source alone is a file of one row",
			root: "src:yinfeng-news-30", depth: 2, contains: []string{"src:yinfeng-news-30"}, excludes: []string{"org:usst"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			neo4jtest.LoadDemo(t, st)
			sub := exportJSONL(t, st, export.Options{Root: tc.root, Depth: tc.depth})
			reload(t, st, sub) // loads into an empty database without a rejected row
			for _, id := range tc.contains {
				assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (n:Entity {id: '"+id+"'}) RETURN count(n)"), id)
			}
			for _, id := range tc.excludes {
				assert.Zero(t, neo4jtest.Count(t, st, "MATCH (n:Entity {id: '"+id+"'}) RETURN count(n)"), id)
			}
			// Closed: the loaded subgraph exports as the same file, so nothing it needed was
			// missing and nothing was left out of its rows.
			assert.Equal(t, string(sub), string(exportJSONL(t, st, export.Options{})))
		})
	}
}

type xmlDatum struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func TestGraphMLExport(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	var buf bytes.Buffer
	stats, err := export.GraphML(context.Background(), st, &buf, export.Options{})
	require.NoError(t, err)
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			EdgeDefault string `xml:"edgedefault,attr"`
			Nodes       []struct {
				ID   string     `xml:"id,attr"`
				Data []xmlDatum `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string     `xml:"source,attr"`
				Target string     `xml:"target,attr"`
				Data   []xmlDatum `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &doc))
	declared := map[string]string{}
	for _, k := range doc.Keys {
		declared[k.ID] = k.For
	}
	nodes := map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		nodes[n.ID] = data(n.Data)
	}

	for _, tc := range []struct {
		name  string
		check func(t *testing.T)
	}{
		{"it holds every node and relationship of the graph", func(t *testing.T) {
			assert.Equal(t, int(neo4jtest.Count(t, st, factNodes+" RETURN count(n)")), len(doc.Graph.Nodes))
			assert.Equal(t, int(neo4jtest.Count(t, st, factRels+" RETURN count(r)")), len(doc.Graph.Edges))
			assert.Len(t, nodes, len(doc.Graph.Nodes), "node ids are unique")
			assert.Equal(t, export.Stats{Rows: len(doc.Graph.Nodes) + len(doc.Graph.Edges), Nodes: len(doc.Graph.Nodes), Relationships: len(doc.Graph.Edges)}, stats)
		}},
		{"every key is declared with a name and a type", func(t *testing.T) {
			for _, k := range doc.Keys {
				assert.NotEmpty(t, k.Name, k.ID)
				assert.Contains(t, []string{"string", "boolean", "double"}, k.Type, k.ID)
				assert.Contains(t, []string{"node", "edge"}, k.For, k.ID)
			}
			for _, n := range doc.Graph.Nodes {
				for _, d := range n.Data {
					assert.Equal(t, "node", declared[d.Key], "node %s uses key %s", n.ID, d.Key)
				}
			}
			for _, e := range doc.Graph.Edges {
				for _, d := range e.Data {
					assert.Equal(t, "edge", declared[d.Key], "edge %s->%s uses key %s", e.Source, e.Target, d.Key)
				}
			}
		}},
		{"a node's label is its kind and lists are joined with semicolons", func(t *testing.T) {
			usst := nodes["org:usst"]
			require.NotNil(t, usst)
			assert.Equal(t, "Organization", usst["n_label"])
			assert.Equal(t, "university", usst["n_kind"])
			assert.Contains(t, usst["n_aliases"], "; ")
			for id, n := range nodes {
				assert.Contains(t, export.Kinds, n["n_label"], id)
			}
		}},
		{"edges join declared nodes and carry their type", func(t *testing.T) {
			assert.Equal(t, "directed", doc.Graph.EdgeDefault)
			for _, e := range doc.Graph.Edges {
				assert.Contains(t, nodes, e.Source)
				assert.Contains(t, nodes, e.Target)
				assert.NotEmpty(t, data(e.Data)["e_label"])
			}
		}},
	} {
		t.Run(tc.name, tc.check)
	}
}

func data(ds []xmlDatum) map[string]string {
	m := map[string]string{}
	for _, d := range ds {
		m[d.Key] = d.Value
	}
	return m
}

func TestCSVExport(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	var nodesBuf, relsBuf bytes.Buffer
	stats, err := export.CSV(context.Background(), st, &nodesBuf, &relsBuf, export.Options{})
	require.NoError(t, err)
	nodes := readCSV(t, &nodesBuf)
	rels := readCSV(t, &relsBuf)
	names := map[string]string{}
	for _, rec := range query(t, st, "MATCH (n:Entity) RETURN n.id AS id, n.name AS name") {
		names[rec.Values[0].(string)] = rec.Values[1].(string)
	}

	for _, tc := range []struct {
		name  string
		check func(t *testing.T)
	}{
		{"the columns are fixed", func(t *testing.T) {
			assert.Equal(t, []string{"id", "label", "name", "title", "aliases"}, nodes[0][:5])
			assert.Equal(t, []string{"from", "type", "to", "key", "alias", "sources"}, rels[0][:6])
		}},
		{"there is a row per node and per relationship", func(t *testing.T) {
			assert.Equal(t, int(neo4jtest.Count(t, st, factNodes+" RETURN count(n)")), len(nodes)-1)
			assert.Equal(t, int(neo4jtest.Count(t, st, factRels+" RETURN count(r)")), len(rels)-1)
			assert.Equal(t, export.Stats{Rows: len(nodes) + len(rels) - 2, Nodes: len(nodes) - 1, Relationships: len(rels) - 1}, stats)
		}},
		{"quoted values read back as stored", func(t *testing.T) {
			for _, row := range nodes[1:] {
				assert.Equal(t, names[row[0]], row[2], row[0])
			}
		}},
	} {
		t.Run(tc.name, tc.check)
	}
}

func readCSV(t *testing.T, r io.Reader) [][]string {
	t.Helper()
	recs, err := csv.NewReader(r).ReadAll() // also checks every row has the header's width
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	return recs
}

// writers runs each export format into memory.
var writers = []struct {
	format string
	run    func(ctx context.Context, st *store.Store, opts export.Options) error
}{
	{"jsonl", func(ctx context.Context, st *store.Store, opts export.Options) error {
		_, err := export.JSONL(ctx, st, io.Discard, opts)
		return err
	}},
	{"graphml", func(ctx context.Context, st *store.Store, opts export.Options) error {
		_, err := export.GraphML(ctx, st, io.Discard, opts)
		return err
	}},
	{"csv", func(ctx context.Context, st *store.Store, opts export.Options) error {
		_, err := export.CSV(ctx, st, io.Discard, io.Discard, opts)
		return err
	}},
}

func TestUnknownRootIsNotFound(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	for _, w := range writers {
		t.Run(w.format, func(t *testing.T) {
			err := w.run(context.Background(), st, export.Options{Root: "org:nowhere", Depth: 1})
			require.Error(t, err)
			assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
			assert.Contains(t, err.Error(), `"org:nowhere"`)
		})
	}
}

func TestWhatTheExportCannotCarryFailsLoudly(t *testing.T) {
	st := neo4jtest.Store(t)
	for _, tc := range []struct {
		name    string
		cypher  string
		formats []string // the formats that must fail
		want    string
	}{
		{"an unknown node property", "MATCH (n:Person {id: 'person:xu_yi'}) SET n.favouriteColour = 'blue'",
			[]string{"jsonl", "graphml", "csv"}, "favouriteColour"},
		{"an unknown relationship property", "MATCH (:Person {id: 'person:xu_yi'})-[r:AFFILIATED_WITH]->(:Organization {id: 'org:usst'}) SET r.weight = 2",
			[]string{"jsonl", "graphml", "csv"}, "weight"},
		{"an unknown relationship type", "MATCH (a:Person {id: 'person:xu_yi'}), (b:Organization {id: 'org:usst'}) CREATE (a)-[:ADMIRES]->(b)",
			[]string{"jsonl", "graphml", "csv"}, "ADMIRES"},
		{"a second kind label", "MATCH (n:Person {id: 'person:xu_yi'}) SET n:Event",
			[]string{"jsonl", "graphml", "csv"}, "labels"},
		{"an alias relationship whose alias the node no longer lists",
			"MATCH (n:Organization {id: 'org:usst'}), (s:Source {id: 'src:yinfeng-news-30'}) CREATE (n)-[:ALIAS_SOURCED_FROM {alias: 'Old Name', key: 'Old Name', sources: ['src:yinfeng-news-30']}]->(s)",
			[]string{"jsonl"}, "Old Name"},
		{"a derived property the importer would compute differently", "MATCH (n:Person {id: 'person:xu_yi'}) SET n.nameLower = 'someone else'",
			[]string{"jsonl"}, "nameLower"},
		{"a row the importer would reject", "MATCH (n:Person {id: 'person:xu_yi'}) SET n.uncertain = true REMOVE n.note",
			[]string{"jsonl"}, "reject"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			neo4jtest.LoadDemo(t, st)
			query(t, st, tc.cypher)
			for _, w := range writers {
				err := w.run(context.Background(), st, export.Options{})
				if !contains(tc.formats, w.format) {
					assert.NoError(t, err, w.format)
					continue
				}
				require.Error(t, err, w.format)
				assert.True(t, errors.Is(err, export.ErrNotExportable), "%s: %v", w.format, err)
				assert.Contains(t, err.Error(), tc.want, w.format)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
