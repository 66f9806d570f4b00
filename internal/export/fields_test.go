package export

import (
	"encoding/json"
	"testing"

	"github.com/cryograph/cryograph/internal/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sample gives every field a value the importer accepts.
func sample(label, field string) any {
	switch field {
	case "kind":
		return map[string]string{"Organization": "lab", "Event": "visit", "Partnership": "mou"}[label]
	case "status":
		if label == "Organization" {
			return "inactive" // ROR's statuses
		}
		return "agreed"
	case "website":
		return "https://example.org/"
	case "url":
		return "https://example.org/"
	case "published", "retrieved", "founded", "start", "end", "since", "until", "as_of":
		return "2020-01"
	case "lat", "lon":
		return json.Number("12.5")
	case "amount":
		return json.Number("250000")
	case "currency":
		return "EUR"
	case "position", "cited_by":
		return json.Number("2")
	case "year":
		return json.Number("2020")
	case "score":
		return json.Number("0.75")
	case "doi":
		return "10.5555/12345678"
	case "openalex":
		return map[string]string{"Person": "A1", "Organization": "I1", "Publication": "W1"}[label]
	case "works":
		return []any{"pub:w"}
	case "openalex_topics", "raw_affiliations":
		return []any{"one", "two"}
	case "retracted", "corresponding":
		return true
	case "institution":
		return "org:b"
	case "uncertain", "synthetic":
		return true
	case "aliases", "also_seen_in":
		return []any{"one", "two"}
	case "sources":
		return []any{"src:a"}
	case "parents", "topics":
		return []any{"topic:b"}
	case "parties":
		return []any{map[string]any{"id": "org:b"}}
	}
	return "some text"
}

// The exporter writes each field to the row it came from: if the importer renames, drops or
// stores a field under another property, this test names the field to fix in fields.go.
func TestEveryExportedFieldIsOneTheImporterStores(t *testing.T) {
	for label, fields := range rowFields {
		t.Run(label, func(t *testing.T) {
			row := map[string]any{"type": rowTypes[label], "id": "x:y"}
			for _, f := range fields {
				row[f] = sample(label, f)
			}
			row["note"] = "why uncertain"
			p, err := format.Parse(1, row)
			require.NoError(t, err)
			require.Len(t, p.Nodes, 1)
			assert.Equal(t, label, p.Nodes[0].Label)
			for _, f := range fields {
				if foldedFields[f] {
					continue
				}
				assert.Contains(t, p.Nodes[0].Props, propOf(f), "field %s", f)
			}
			for prop := range p.Nodes[0].Props {
				assert.True(t, knownNodeProps(label)[prop], "the importer stores %s, which the export does not know", prop)
			}
		})
	}
	// Fields only one relationship type may carry (format.LinkOnly) are tried on that type.
	for _, rel := range []string{"AFFILIATED_WITH", "AUTHORED", "STUDENT_OF", "WORKS_ON", "ABOUT"} {
		t.Run("link", func(t *testing.T) {
			row := map[string]any{"type": "link", "rel": rel, "from": "person:a", "to": "org:b"}
			for _, f := range linkFields {
				if format.LinkMay(f, rel) {
					row[f] = sample("", f)
				}
			}
			p, err := format.Parse(1, row)
			require.NoError(t, err)
			require.Len(t, p.Links, 1)
			for _, f := range linkFields {
				if f != "key" && format.LinkMay(f, rel) {
					assert.Contains(t, p.Links[0].Props, propOf(f), "field %s", f)
				}
			}
			for prop := range p.Links[0].Props {
				assert.True(t, knownRelProps(rel)[prop], "the importer stores %s, which the export does not know", prop)
			}
		})
	}
}

func TestGraphMLAndCSVColumnsCoverEveryProperty(t *testing.T) {
	cols := map[string]bool{}
	for _, a := range nodeAttrs {
		cols[a] = true
	}
	for label := range rowFields {
		for prop := range knownNodeProps(label) {
			switch prop {
			case "id", "importHash", "nameLower", "aliasText":
				continue // the element's id, or internal
			}
			assert.True(t, cols[prop], "%s.%s has no node column", label, prop)
		}
	}
	cols = map[string]bool{}
	for _, a := range edgeAttrs {
		cols[a] = true
	}
	for _, typ := range append(factTypes(), provenanceTypes...) {
		for prop := range knownRelProps(typ) {
			assert.True(t, prop == "importHash" || cols[prop], "%s.%s has no edge column", typ, prop)
		}
	}
}

// The registry_record row the export writes holds every property the importer stores on a
// REGISTRY_RECORD, and GraphML and CSV have a column for each.
func TestRegistryRecordFieldsAreTheImportersAndHaveColumns(t *testing.T) {
	row := map[string]any{"type": "registry_record", "of": "org:a", "source": "src:a", "registry": "ror", "registry_id": "synthetic-1",
		"names": []any{map[string]any{"value": "A", "lang": "en", "types": []any{"ror_display", "label"}}}}
	for _, f := range registryFields {
		switch f.field {
		case "names":
		case "kind":
			row[f.field] = "university"
		case "status":
			row[f.field] = "withdrawn"
		case "established", "last_modified":
			row[f.field] = "2020-01-02"
		case "lat", "lon":
			row[f.field] = json.Number("12.5")
		case "synthetic":
			row[f.field] = true
		default:
			if f.kind == list {
				row[f.field] = []any{"one", "two"}
			} else {
				row[f.field] = "some text"
			}
		}
	}
	p, err := format.Parse(1, row)
	require.NoError(t, err)
	require.Len(t, p.Links, 1)
	props := p.Links[0].Props
	for _, f := range registryFields {
		assert.Contains(t, props, f.prop, "field %s", f.field)
	}
	cols := map[string]bool{}
	for _, a := range edgeAttrs {
		cols[a] = true
	}
	for prop := range props {
		assert.True(t, registryProps()[prop], "the importer stores %s, which the export does not know", prop)
		assert.True(t, cols[prop], "%s has no edge column", prop)
	}
}
