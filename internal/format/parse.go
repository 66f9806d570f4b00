package format

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Parse validates one decoded line and turns it into operations. A nil error with a nil
// Parsed means the line is a header. A row's error is a FieldError.
func Parse(line int, m map[string]any) (*Parsed, error) {
	if f, ok := m["format"]; ok {
		return nil, parseHeader(f, m)
	}
	r := newRow(m)
	typ := r.str("type", true)
	if len(r.errs) > 0 {
		return nil, r.errs[0]
	}
	p := &Parsed{}
	if typ == "link" {
		parseLink(r, line, p)
	} else if typ == "registry_record" {
		parseRegistryRecord(r, line, p)
	} else if typ == "merge" {
		parseMerge(r, line, p)
	} else if label, ok := nodeTypes[typ]; ok {
		parseNode(r, line, typ, label, p)
	} else {
		return nil, FieldError{"type", fmt.Sprintf("%q is not one of link, registry_record, %s", typ, strings.Join(Keys(toSet(nodeTypes)), ", "))}
	}
	r.rejectUnused("a " + typ + " row")
	if len(r.errs) > 0 {
		sort.SliceStable(r.errs, func(i, j int) bool { return r.errs[i].Field < r.errs[j].Field })
		return nil, r.errs[0]
	}
	return p, nil
}

// parseHeader checks a header line: nil if it names this format and version.
func parseHeader(f any, m map[string]any) error {
	if f != "cryograph" {
		return FieldError{"format", fmt.Sprintf("%v is not the cryograph format", f)}
	}
	v, _ := m["version"].(json.Number)
	if n, err := v.Int64(); err != nil || n != Version {
		return FieldError{"version", fmt.Sprintf("this loader reads version %d, the file says %v", Version, m["version"])}
	}
	return nil
}

// node builds the NodeOp of one entity row.
type node struct {
	*row
	line    int
	typ     string
	id      string
	props   map[string]any
	sources []string
	p       *Parsed
}

// put sets a property unless the value is empty (an empty string or list, or false).
func (n *node) put(k string, v any) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return
		}
	case []string:
		if len(x) == 0 {
			return
		}
	case bool:
		if !x {
			return
		}
	}
	n.props[k] = v
}

// nodeFields read the fields of each record type beyond those every entity has.
var nodeFields = map[string]func(n *node){
	"source":       (*node).sourceFields,
	"person":       (*node).personFields,
	"organization": (*node).organizationFields,
	"topic":        (*node).topicFields,
	"event":        (*node).eventFields,
	"partnership":  (*node).partnershipFields,
	"publication":  (*node).publicationFields,
}

func parseNode(r *row, line int, typ, label string, p *Parsed) {
	n := &node{row: r, line: line, typ: typ, id: r.id("id", true), props: map[string]any{}, p: p}
	n.commonFields()
	nodeFields[typ](n)
	p.Nodes = append(p.Nodes, NodeOp{Line: line, ID: n.id, Label: label, Props: n.props, Sources: n.sources})
}

// commonFields reads what every entity row has: its name or title, flags, note, and (but for
// sources) its aliases and sources.
func (n *node) commonFields() {
	name := ""
	if n.typ == "source" {
		// A source may have no title (a page that shows none): it is marked untitled and
		// named after its URL's host, which sourceFields sets.
		name = n.str("title", false)
		n.put("title", name)
	} else if n.typ == "publication" {
		name = n.str("title", true)
		n.put("title", name)
	} else {
		name = n.str("name", true)
	}
	if n.typ != "source" {
		n.putName(name)
	}
	n.put("uncertain", n.boolean("uncertain"))
	n.put("note", n.str("note", false))
	n.put("synthetic", n.boolean("synthetic"))
	if n.boolean("uncertain") && n.props["note"] == nil {
		n.fail("note", "an uncertain row needs a note that says why")
	}
	if n.typ == "source" {
		return
	}
	aliases := n.aliases(n.line, n.id, n.p)
	n.put("aliases", aliases)
	n.put("aliasText", strings.Join(aliases, " | "))
	// Topics are the project's own taxonomy; every other fact needs a source.
	n.sources = n.ids("sources", n.typ != "topic")
	for _, s := range n.sources {
		n.p.Refs = append(n.p.Refs, Ref{n.line, "sources", s, sourceLabels})
	}
}

// putName sets a node's display name and its lower-case form.
func (n *node) putName(name string) {
	n.put("name", name)
	n.put("nameLower", strings.ToLower(name))
}

func (n *node) sourceFields() {
	u := n.str("url", true)
	if u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		n.fail("url", "must start with http:// or https://")
	}
	n.put("url", u)
	if title, _ := n.props["title"].(string); title != "" {
		n.putName(title)
	} else if u != "" {
		// No title: the source is marked untitled and shown by its URL's host.
		host := URLHost(u)
		if host == "" {
			n.fail("url", "has no host, and a source without a title is shown by its URL's host")
		}
		n.put("untitled", true)
		n.put("host", host)
		n.putName(host)
	}
	n.put("publisher", n.str("publisher", false))
	n.put("published", n.date("published"))
	n.put("retrieved", n.date("retrieved"))
	n.put("quote", n.str("quote", false))
	n.put("language", n.str("language", false))
	n.put("alsoSeenIn", n.strings("also_seen_in"))
}

func (n *node) personFields() {
	n.put("country", n.str("country", false))
	n.put("orcid", n.identifier("orcid", "orcid", false))
	n.put("wikidata", n.str("wikidata", false))
	n.put("openalex", n.openalexID('A', "an author"))
}

func (n *node) organizationFields() {
	n.put("kind", n.enum("kind", OrganizationKinds, true))
	n.put("country", n.str("country", false))
	n.put("city", n.str("city", false))
	n.put("region", n.str("region", false))
	n.put("status", n.enum("status", OrganizationStatuses, false))
	n.put("website", n.str("website", false))
	n.put("ror", n.identifier("ror", "ror", false))
	n.put("wikidata", n.str("wikidata", false))
	n.put("openalex", n.openalexID('I', "an institution"))
	n.put("founded", n.date("founded"))
	lat, okLat := n.number("lat", -90, 90)
	lon, okLon := n.number("lon", -180, 180)
	if okLat != okLon {
		n.fail("lat", "lat and lon must be given together")
	} else if okLat {
		n.props["lat"], n.props["lon"] = lat, lon
	}
}

func (n *node) topicFields() {
	n.put("description", n.str("description", false))
	// A topic may sit under several broader ones (a DAG, not a tree).
	for _, parent := range n.ids("parents", false) {
		if parent == n.id {
			n.fail("parents", "a topic cannot be its own parent")
		}
		n.p.Refs = append(n.p.Refs, Ref{n.line, "parents", parent, topicLabels})
		n.p.Links = append(n.p.Links, LinkOp{Line: n.line, Rel: "SUBTOPIC_OF", From: n.id, To: parent, Props: map[string]any{"sources": n.sources}})
	}
}

func (n *node) eventFields() {
	n.put("kind", n.enum("kind", EventKinds, true))
	n.put("start", n.date("start"))
	n.put("end", n.date("end"))
	n.put("place", n.str("place", false))
	n.put("country", n.str("country", false))
	n.checkRange()
}

func (n *node) partnershipFields() {
	n.put("kind", n.enum("kind", PartnershipKinds, true))
	n.put("status", n.enum("status", PartnershipStatuses, true))
	n.put("start", n.date("start"))
	n.put("end", n.date("end"))
	n.put("description", n.str("description", false))
	n.checkRange()
	n.amount()
	parseParties(n.row, n.line, n.id, n.sources, n.p)
	for _, t := range n.ids("topics", false) {
		n.p.Refs = append(n.p.Refs, Ref{n.line, "topics", t, topicLabels})
		n.p.Links = append(n.p.Links, LinkOp{Line: n.line, Rel: "ABOUT", From: n.id, To: t, Props: map[string]any{"sources": n.sources}})
	}
}

// amount reads a partnership's amount (a grant's, say) and its currency, an ISO 4217 code.
func (n *node) amount() {
	amount, ok := n.nonNegative("amount")
	currency := n.str("currency", false)
	if currency != "" && !isCurrency(currency) {
		n.fail("currency", "%q is not an ISO 4217 currency code (three upper-case letters, such as EUR or USD)", currency)
	}
	if ok {
		n.props["amount"] = amount
		if currency == "" {
			n.fail("currency", "is required when amount is given")
		}
	} else if currency != "" && n.m["amount"] == nil {
		n.fail("amount", "is required when currency is given")
	}
	n.put("currency", currency)
}

// isCurrency tells whether s has the form of an ISO 4217 code: three upper-case letters.
func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// URLHost is the host of an http(s) URL, without "www." and port; "" if it has none.
func URLHost(u string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(parsed.Hostname()), "www.")
}

func (n *node) publicationFields() {
	n.put("doi", n.identifier("doi", "doi", true))
	n.put("venue", n.str("venue", false))
	published := n.date("published")
	n.put("published", published)
	if y, ok := n.integer("year", 1000, 2100); ok {
		if published != "" && published[:4] != fmt.Sprint(y) {
			n.fail("year", "%d is not the year of published %s", y, published)
		}
		n.props["year"] = y
	} else if published != "" {
		var y int64
		fmt.Sscan(published[:4], &y)
		n.props["year"] = y
	}
	n.put("workType", n.str("work_type", false))
	if c, ok := n.integer("cited_by", 0, math.MaxInt32); ok {
		n.props["citedBy"] = c
	}
	n.put("openalex", n.openalexID('W', "a work"))
	n.put("openalexTopics", n.strings("openalex_topics"))
	n.put("retracted", n.boolean("retracted"))
	n.put("supersededBy", n.str("superseded_by", false))
}

// identifier reads a persistent identifier of a scheme cryo.ParseIdentifier knows and stores
// its bare form (https://orcid.org/0000-0002-1825-0097 -> 0000-0002-1825-0097; a DOI in
// lower case), so that the same id in two forms is one merge key. With strict, a value that
// is not such an identifier is rejected; without, it is kept as given (older files).
func (n *node) identifier(field, scheme string, strict bool) string {
	s := n.str(field, false)
	if s == "" {
		return ""
	}
	if id, ok := cryo.ParseIdentifier(s); ok && id.Scheme == scheme {
		return id.Value
	}
	if strict {
		n.fail(field, "%q is not a %s: %s", s, strings.ToUpper(scheme), identifierHelp[scheme])
	}
	return s
}

var identifierHelp = map[string]string{
	"doi":      "10.<registrant>/<suffix>, bare or as https://doi.org/...",
	"openalex": "a letter and digits (W2741809807), bare or as https://openalex.org/...",
}

// openalexID reads "openalex": an OpenAlex id whose letter is the row's kind (W a work, A an
// author, I an institution).
func (n *node) openalexID(letter byte, what string) string {
	v := n.identifier("openalex", "openalex", true)
	if v != "" && v[0] != letter {
		n.fail("openalex", "%q is not the OpenAlex id of %s (those start with %c)", v, what, letter)
		return ""
	}
	return v
}

// checkRange fails a row whose end comes before its start.
func (n *node) checkRange() {
	s, _ := n.props["start"].(string)
	e, _ := n.props["end"].(string)
	if dateBefore(e, s) {
		n.fail("end", "%s is before start %s", e, s)
	}
}

// MergeKeys are the properties of each label that hold external ids (ORCID, ROR, Wikidata,
// OpenAlex, DOI): two rows, or a row and the graph, with the same value are one entity.
var MergeKeys = map[string][]string{
	"Person":       {"orcid", "wikidata", "openalex"},
	"Organization": {"ror", "wikidata", "openalex"},
	"Publication":  {"doi", "openalex"},
}

// ExternalIDs lists the merge keys a node row carries (MergeKeys).
func ExternalIDs(n NodeOp) []cryo.ExternalID {
	var out []cryo.ExternalID
	props := MergeKeys[n.Label]
	for _, prop := range props {
		if v, ok := n.Props[prop].(string); ok && v != "" {
			out = append(out, cryo.ExternalID{Label: n.Label, Prop: prop, Value: v})
		}
	}
	return out
}
