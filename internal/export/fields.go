package export

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cryograph/cryograph/internal/format"
)

// What the exporter knows of the graph's properties. Every property the importer stores is
// listed here; anything else makes an export fail (see checkProps), so that a field added to
// the importer cannot be lost silently: the failing round-trip test says what to add.

// valueKind says how a property's value is written.
type valueKind int

const (
	text   valueKind = iota // a string
	list                    // a list of strings
	flag                    // a boolean, stored only when true
	number                  // a float (lat, lon)
)

// propKinds gives the kind of every property that is not text.
var propKinds = map[string]valueKind{
	"aliases": list, "alsoSeenIn": list, "sources": list,
	"uncertain": flag, "synthetic": flag,
	"lat": number, "lon": number, "amount": number, "position": number,
	"untitled": flag,
	// bibliographic records (OpenAlex, ORCID): docs/openalex.md
	"year": number, "citedBy": number, "score": number, "openalexTopics": list, "retracted": flag,
	"rawAffiliations": list, "works": list, "corresponding": flag,
}

func kindOf(prop string) valueKind { return propKinds[prop] }

// rowFields lays out each kind's import row, after "type" and "id". Most names are both the
// row's field and the node's property; "parents", "parties", "topics" and "sources" are folded
// relationships, and the import fields of fieldProps are stored under another name.
var rowFields = map[string][]string{
	"Source":       {"title", "url", "publisher", "published", "retrieved", "language", "also_seen_in", "quote", "uncertain", "note", "synthetic"},
	"Topic":        {"name", "aliases", "parents", "description", "uncertain", "note", "synthetic", "sources"},
	"Organization": {"name", "aliases", "kind", "status", "country", "city", "region", "lat", "lon", "website", "ror", "wikidata", "openalex", "founded", "uncertain", "note", "synthetic", "sources"},
	"Person":       {"name", "aliases", "country", "orcid", "wikidata", "openalex", "uncertain", "note", "synthetic", "sources"},
	"Event":        {"name", "aliases", "kind", "start", "end", "place", "country", "uncertain", "note", "synthetic", "sources"},
	"Publication":  {"title", "aliases", "doi", "venue", "published", "year", "work_type", "cited_by", "openalex", "openalex_topics", "retracted", "superseded_by", "uncertain", "note", "synthetic", "sources"},
	"Partnership":  {"name", "aliases", "kind", "status", "start", "end", "description", "amount", "currency", "parties", "topics", "uncertain", "note", "synthetic", "sources"},
}

// rowTypes maps a label to its row's "type".
var rowTypes = map[string]string{
	"Source": "source", "Topic": "topic", "Organization": "organization", "Person": "person",
	"Event": "event", "Publication": "publication", "Partnership": "partnership",
}

// fieldProps maps the import fields stored under another property name.
var fieldProps = map[string]string{"also_seen_in": "alsoSeenIn", "as_of": "asOf", "work_type": "workType", "cited_by": "citedBy",
	"openalex_topics": "openalexTopics", "superseded_by": "supersededBy", "raw_affiliations": "rawAffiliations"}

// foldedFields are row fields that hold relationships, not properties.
var foldedFields = map[string]bool{"parents": true, "parties": true, "topics": true, "sources": true}

func propOf(field string) string {
	if p, ok := fieldProps[field]; ok {
		return p
	}
	return field
}

// derivedNodeProps are stored by the importer but computed from the row: they are checked
// (the importer must compute the same values from the exported row) but never written.
// importHash is internal and differs after a round trip when the order of sources does.
var derivedNodeProps = []string{"id", "importHash", "nameLower", "aliasText", "name"}

// knownNodeProps returns the properties a node of label may carry.
func knownNodeProps(label string) map[string]bool {
	known := map[string]bool{}
	for _, p := range derivedNodeProps {
		known[p] = true
	}
	for _, f := range rowFields[label] {
		if !foldedFields[f] {
			known[propOf(f)] = true
		}
	}
	if !known["aliases"] {
		delete(known, "aliasText")
	}
	if label == "Source" { // a source without a title is marked so and named by its URL's host
		known["untitled"], known["host"] = true, true
	}
	return known
}

// linkFields lays out a link row after "type", "rel", "from" and "to".
var linkFields = []string{"key", "title", "role", "position", "corresponding", "raw_affiliations", "degree", "institution", "score", "works", "since", "until", "as_of", "uncertain", "note", "synthetic", "sources"}

// knownRelProps returns the properties a relationship of the given type may carry, or nil for
// a type the export does not know.
func knownRelProps(typ string) map[string]bool {
	switch typ {
	case "SOURCED_FROM":
		return map[string]bool{"importHash": true}
	case "ALIAS_SOURCED_FROM":
		return map[string]bool{"alias": true, "note": true, "sources": true, "key": true, "importHash": true}
	case format.RegistryRel:
		return registryProps()
	}
	if !format.IsRel(typ) {
		return nil
	}
	known := map[string]bool{"importHash": true}
	for _, f := range linkFields {
		if format.LinkMay(f, typ) {
			known[propOf(f)] = true
		}
	}
	if typ == "PARTY_TO" { // which party leads (a party object's "lead")
		known["lead"] = true
	}
	return known
}

// nodeAttrs are the node columns of GraphML and CSV, in order: every property but the derived
// ones (name stays, as the display name of every node).
var nodeAttrs = []string{"name", "title", "aliases", "kind", "status", "description", "country", "city", "region", "lat", "lon",
	"website", "ror", "orcid", "wikidata", "founded", "start", "end", "place", "doi", "venue", "url", "publisher", "published",
	"retrieved", "language", "alsoSeenIn", "quote", "uncertain", "note", "synthetic",
	// added after the first columns, which keep their places: untitled sources, grants
	"untitled", "host", "amount", "currency",
	// bibliographic records
	"openalex", "year", "workType", "citedBy", "openalexTopics", "retracted", "supersededBy"}

// edgeAttrs are the relationship columns of GraphML and CSV, in order.
var edgeAttrs = []string{"key", "alias", "sources", "title", "role", "since", "until", "asOf", "uncertain", "note", "synthetic",
	// a REGISTRY_RECORD's values (docs/ror.md); lists are joined like the others
	"registry", "registryId", "name", "names", "nameLangs", "nameTypes", "types", "kind", "status", "established",
	"lastModified", "city", "region", "country", "lat", "lon", "website", "wikipedia", "isni", "fundref", "grid", "wikidata", "pending",
	// a party's lead, an author's position, a student's degree and institution
	"lead", "position", "degree", "institution",
	// bibliographic evidence
	"corresponding", "rawAffiliations", "score", "works"}

// checkProps fails when props holds a property outside known.
func checkProps(what string, props map[string]any, known map[string]bool) error {
	var unknown []string
	for k := range props {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return notExportable(what, "property %s is not part of the export (add it to internal/export/fields.go and to the import format, or remove it)",
			strings.Join(unknown, ", "))
	}
	return nil
}

// asText renders a property for GraphML and CSV: lists joined with "; ", booleans as true or
// false, numbers in their shortest exact form.
func asText(what, prop string, v any) (string, error) {
	switch kindOf(prop) {
	case list:
		items, err := asStrings(what, prop, v)
		return strings.Join(items, "; "), err
	case flag:
		b, ok := v.(bool)
		if !ok {
			return "", notExportable(what, "property %s is %T, not a boolean", prop, v)
		}
		return strconv.FormatBool(b), nil
	case number:
		switch n := v.(type) {
		case float64:
			return strconv.FormatFloat(n, 'g', -1, 64), nil
		case int64:
			return strconv.FormatInt(n, 10), nil
		}
		return "", notExportable(what, "property %s is %T, not a number", prop, v)
	}
	if l, isList := v.([]any); isList { // a registry record's lists (names, types, wikidata...)
		items, err := asStrings(what, prop, l)
		return strings.Join(items, "; "), err
	}
	s, ok := v.(string)
	if !ok {
		return "", notExportable(what, "property %s is %T, not a string", prop, v)
	}
	return s, nil
}

// asStrings reads a list-of-strings property.
func asStrings(what, prop string, v any) ([]string, error) {
	switch l := v.(type) {
	case nil:
		return []string{}, nil
	case []string:
		return l, nil
	case []any:
		out := make([]string, len(l))
		for i, item := range l {
			s, ok := item.(string)
			if !ok {
				return nil, notExportable(what, "property %s holds %T, not a string", prop, item)
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, notExportable(what, "property %s is %T, not a list of strings", prop, v)
}
