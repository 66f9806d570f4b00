package importer

import (
	"crypto/sha256"

	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/cryograph/cryograph/internal/cryo"
	"math"
	"sort"
	"strings"
)

// FormatVersion is the version of the import format this loader reads. Files may start with
// a header line {"format":"cryograph","version":1}.
const FormatVersion = 1

// Record types of the import format, each creating one node label.
var nodeTypes = map[string]string{
	"source":       "Source",
	"person":       "Person",
	"organization": "Organization",
	"topic":        "Topic",
	"event":        "Event",
	"partnership":  "Partnership",
	"publication":  "Publication",
}

// Allowed values of the enumerated fields. They are documented in docs/import-format.md.
var (
	OrganizationKinds = set("university", "school", "department", "lab", "institute", "research_center",
		"company", "society", "hospital", "foundation", "funder", "committee", "government", "other")
	EventKinds       = set("visit", "conference", "signing", "meeting", "workshop", "award", "other")
	PartnershipKinds = set("visit_exchange", "research_cooperation", "cooperation_agreement", "mou",
		"joint_lab", "expert_committee", "joint_grant", "co_authorship", "supplier", "other")
	PartnershipStatuses = set("proposed", "agreed", "active", "ended", "unknown")
)

// linkRule says which node labels a relationship type may join.
type linkRule struct{ from, to map[string]bool }

// LinkTypes is the allow-list of relationship types a "link" record may create.
var LinkTypes = map[string]linkRule{
	"AFFILIATED_WITH": {set("Person"), set("Organization")},
	"LEADS":           {set("Person"), set("Organization")},
	"MEMBER_OF":       {set("Person", "Organization"), set("Organization")},
	"PART_OF":         {set("Organization"), set("Organization")},
	"WORKS_ON":        {set("Person", "Organization"), set("Topic")},
	"PARTICIPATED_IN": {set("Person", "Organization"), set("Event")},
	// A partnership's parties and topics, and a topic's parents, are fields of their rows, so
	// that a re-import of the row defines them completely; PARTY_TO and SUBTOPIC_OF are not
	// link types, and ABOUT links come only from events and publications.
	"ABOUT":       {set("Event", "Publication"), set("Topic")},
	"AUTHORED":    {set("Person"), set("Publication")},
	"FOUNDED":     {set("Person", "Organization"), set("Organization")},
	"STUDENT_OF":  {set("Person"), set("Person")},
	"RESULTED_IN": {set("Event"), set("Partnership")},
}

// Shared label sets for references: one map for all rows, not one per reference, keeps the
// memory of a load's first pass small.
var (
	sourceLabels = set("Source")
	topicLabels  = set("Topic")
	partyLabels  = set("Person", "Organization")
)

// RowRelTypes are relationship types that rows write from their own fields (a partnership's
// parties, a topic's parents), never from link rows.
var RowRelTypes = set("PARTY_TO", "SUBTOPIC_OF")

// IsLoadedRel tells whether a load may write a relationship type: a format type, or a
// sourced alias (ALIAS_SOURCED_FROM, from a row's "aliasSources").
func IsLoadedRel(typ string) bool { return IsFormatRel(typ) || typ == "ALIAS_SOURCED_FROM" }

// IsFormatRel tells whether the import format can produce a relationship type.
func IsFormatRel(typ string) bool {
	_, link := LinkTypes[typ]
	return link || RowRelTypes[typ]
}

func set(vals ...string) map[string]bool {
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m
}

// isID reports whether s is an id of the form kind:name, as the regular expression
// ^[a-z][a-z0-9_]*:[A-Za-z0-9_.\-:/]+$ says (written out: the loader checks millions of them).
func isID(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 1 || colon == len(s)-1 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < colon; i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	for i := colon + 1; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_.-:/", c) >= 0) {
			return false
		}
	}
	return true
}

// isDate reports whether s has the form YYYY, YYYY-MM or YYYY-MM-DD in digits, as
// ^\d{4}(-\d{2}(-\d{2})?)?$ says.
func isDate(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NodeOp upserts one node keyed on its id.
type NodeOp struct {
	Line    int
	ID      string
	Label   string
	Props   map[string]any
	Sources []string
}

// LinkOp upserts one relationship keyed on (from, type, to, key).
type LinkOp struct {
	Line  int
	Rel   string
	From  string
	To    string
	Key   string
	Props map[string]any
}

// Ref is a reference from a row to another entity, checked once every row is read.
type Ref struct {
	Line   int
	Field  string
	ID     string
	Labels map[string]bool // acceptable labels; nil means any
}

// Parsed is what one line of the file turns into.
type Parsed struct {
	Nodes []NodeOp
	Links []LinkOp
	Refs  []Ref
}

// RowError says which row is wrong and why.
type RowError struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	ID     string `json:"id,omitempty"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

func (e RowError) Error() string {
	loc := fmt.Sprintf("%s:%d", e.File, e.Line)
	if e.ID != "" {
		loc += " (" + e.ID + ")"
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: field %q: %s", loc, e.Field, e.Reason)
	}
	return loc + ": " + e.Reason
}

// fieldErr is a validation failure inside one row.
type fieldErr struct{ field, reason string }

func (e fieldErr) Error() string { return e.field + ": " + e.reason }

// row gives typed, validating access to one decoded JSON object.
type row struct {
	m    map[string]any
	used map[string]bool
	errs []fieldErr
}

func (r *row) fail(field, format string, args ...any) {
	r.errs = append(r.errs, fieldErr{field, fmt.Sprintf(format, args...)})
}

func (r *row) str(field string, required bool) string {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		if required {
			r.fail(field, "is required")
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		r.fail(field, "must be a string")
		return ""
	}
	s = strings.TrimSpace(s)
	if required && s == "" {
		r.fail(field, "must not be empty")
	}
	if len(s) > 10000 {
		r.fail(field, "is longer than 10000 characters")
	}
	return s
}

func (r *row) enum(field string, allowed map[string]bool, required bool) string {
	s := r.str(field, required)
	if s != "" && !allowed[s] {
		r.fail(field, "%q is not one of %s", s, strings.Join(keys(allowed), ", "))
	}
	return s
}

func (r *row) date(field string) string {
	s := r.str(field, false)
	if s != "" && !isDate(s) {
		r.fail(field, "%q is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return s
}

func (r *row) id(field string, required bool) string {
	s := r.str(field, required)
	if s != "" && !isID(s) {
		r.fail(field, "%q is not an id of the form kind:name (letters, digits, _ . - : /)", s)
	}
	return s
}

func (r *row) boolean(field string) bool {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		r.fail(field, "must be true or false")
	}
	return b
}

func (r *row) number(field string, lo, hi float64) (float64, bool) {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		return 0, false
	}
	n, ok := v.(json.Number)
	if !ok {
		r.fail(field, "must be a number")
		return 0, false
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || f < lo || f > hi {
		r.fail(field, "must be a number between %g and %g", lo, hi)
		return 0, false
	}
	return f, true
}

func (r *row) strings(field string) []string {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		r.fail(field, "must be a list of strings")
		return nil
	}
	out := make([]string, 0, len(list))
	seen := map[string]bool{}
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			r.fail(field, "item %d must be a string", i)
			continue
		}
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// aliases reads "aliases": plain strings, supported by the row's own sources, or objects
// {"name": ..., "sources": [...], "note": ...} for a name that needs its own evidence, such as
// a mistranslation that is also the name of another institution. Each sourced alias becomes an
// ALIAS_SOURCED_FROM relationship from the entity to the source, carrying the alias.
func (r *row) aliases(line int, id string, p *Parsed) []string {
	r.used["aliases"] = true
	v, ok := r.m["aliases"]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		r.fail("aliases", "must be a list of names or {name, sources, note} objects")
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for i, item := range list {
		name := ""
		switch a := item.(type) {
		case string:
			name = strings.TrimSpace(a)
		case map[string]any:
			ar := &row{m: a, used: map[string]bool{}}
			name = ar.str("name", true)
			sources := ar.ids("sources", true)
			note := ar.str("note", false)
			for k := range a {
				if !ar.used[k] {
					ar.fail(k, "is not a field of an alias")
				}
			}
			for _, e := range ar.errs {
				r.fail(fmt.Sprintf("aliases[%d].%s", i, e.field), "%s", e.reason)
			}
			for _, sid := range sources {
				p.Refs = append(p.Refs, Ref{line, fmt.Sprintf("aliases[%d].sources", i), sid, sourceLabels})
				props := map[string]any{"alias": name, "sources": []string{sid}}
				if note != "" {
					props["note"] = note
				}
				p.Links = append(p.Links, LinkOp{Line: line, Rel: "ALIAS_SOURCED_FROM", From: id, To: sid, Key: name, Props: props})
			}
		default:
			r.fail("aliases", "item %d must be a name or an object", i)
		}
		if name != "" && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

func (r *row) ids(field string, required bool) []string {
	list := r.strings(field)
	if required && len(list) == 0 {
		r.fail(field, "needs at least one id")
	}
	for _, s := range list {
		if !isID(s) {
			r.fail(field, "%q is not an id of the form kind:name", s)
		}
	}
	return list
}

// Parse validates one decoded line and turns it into operations. A nil error with a nil
// Parsed means the line is a header.
func Parse(line int, m map[string]any) (*Parsed, error) {
	r := &row{m: m, used: map[string]bool{}}
	if f, ok := m["format"]; ok {
		if f != "cryograph" {
			return nil, fieldErr{"format", fmt.Sprintf("%v is not the cryograph format", f)}
		}
		v, _ := m["version"].(json.Number)
		if n, err := v.Int64(); err != nil || n != FormatVersion {
			return nil, fieldErr{"version", fmt.Sprintf("this loader reads version %d, the file says %v", FormatVersion, m["version"])}
		}
		return nil, nil
	}
	typ := r.str("type", true)
	if len(r.errs) > 0 {
		return nil, r.errs[0]
	}
	p := &Parsed{}
	if typ == "link" {
		parseLink(r, line, p)
	} else if label, ok := nodeTypes[typ]; ok {
		parseNode(r, line, typ, label, p)
	} else {
		return nil, fieldErr{"type", fmt.Sprintf("%q is not one of link, %s", typ, strings.Join(keys(toSet(nodeTypes)), ", "))}
	}
	for k := range m {
		if !r.used[k] {
			r.fail(k, "is not a field of a %s row", typ)
		}
	}
	if len(r.errs) > 0 {
		sort.SliceStable(r.errs, func(i, j int) bool { return r.errs[i].field < r.errs[j].field })
		return nil, r.errs[0]
	}
	return p, nil
}

func parseNode(r *row, line int, typ, label string, p *Parsed) {
	id := r.id("id", true)
	props := map[string]any{}
	put := func(k string, v any) {
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
		props[k] = v
	}
	name := ""
	if typ == "source" || typ == "publication" {
		name = r.str("title", true)
		put("title", name)
	} else {
		name = r.str("name", true)
	}
	put("name", name)
	put("nameLower", strings.ToLower(name))
	put("uncertain", r.boolean("uncertain"))
	put("note", r.str("note", false))
	put("synthetic", r.boolean("synthetic"))
	if r.boolean("uncertain") && props["note"] == nil {
		r.fail("note", "an uncertain row needs a note that says why")
	}
	var sources []string
	if typ != "source" {
		aliases := r.aliases(line, id, p)
		put("aliases", aliases)
		put("aliasText", strings.Join(aliases, " | "))
		// Topics are the project's own taxonomy; every other fact needs a source.
		sources = r.ids("sources", typ != "topic")
		for _, s := range sources {
			p.Refs = append(p.Refs, Ref{line, "sources", s, sourceLabels})
		}
	}
	switch typ {
	case "source":
		u := r.str("url", true)
		if u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			r.fail("url", "must start with http:// or https://")
		}
		put("url", u)
		put("publisher", r.str("publisher", false))
		put("published", r.date("published"))
		put("retrieved", r.date("retrieved"))
		put("quote", r.str("quote", false))
		put("language", r.str("language", false))
		put("alsoSeenIn", r.strings("also_seen_in"))
	case "person":
		put("country", r.str("country", false))
		put("orcid", r.str("orcid", false))
		put("wikidata", r.str("wikidata", false))
	case "organization":
		put("kind", r.enum("kind", OrganizationKinds, true))
		put("country", r.str("country", false))
		put("city", r.str("city", false))
		put("ror", r.str("ror", false))
		put("wikidata", r.str("wikidata", false))
		put("founded", r.date("founded"))
		lat, okLat := r.number("lat", -90, 90)
		lon, okLon := r.number("lon", -180, 180)
		if okLat != okLon {
			r.fail("lat", "lat and lon must be given together")
		} else if okLat {
			props["lat"], props["lon"] = lat, lon
		}
	case "topic":
		put("description", r.str("description", false))
		// A topic may sit under several broader ones (a DAG, not a tree).
		for _, parent := range r.ids("parents", false) {
			if parent == id {
				r.fail("parents", "a topic cannot be its own parent")
			}
			p.Refs = append(p.Refs, Ref{line, "parents", parent, topicLabels})
			p.Links = append(p.Links, LinkOp{Line: line, Rel: "SUBTOPIC_OF", From: id, To: parent, Props: map[string]any{"sources": sources}})
		}
	case "event":
		put("kind", r.enum("kind", EventKinds, true))
		put("start", r.date("start"))
		put("end", r.date("end"))
		put("place", r.str("place", false))
		put("country", r.str("country", false))
		checkRange(r, props)
	case "partnership":
		put("kind", r.enum("kind", PartnershipKinds, true))
		put("status", r.enum("status", PartnershipStatuses, true))
		put("start", r.date("start"))
		put("end", r.date("end"))
		put("description", r.str("description", false))
		checkRange(r, props)
		parseParties(r, line, id, sources, p)
		for _, t := range r.ids("topics", false) {
			p.Refs = append(p.Refs, Ref{line, "topics", t, topicLabels})
			p.Links = append(p.Links, LinkOp{Line: line, Rel: "ABOUT", From: id, To: t, Props: map[string]any{"sources": sources}})
		}
	case "publication":
		put("doi", r.str("doi", false))
		put("venue", r.str("venue", false))
		put("published", r.date("published"))
	}
	p.Nodes = append(p.Nodes, NodeOp{Line: line, ID: id, Label: label, Props: props, Sources: sources})
}

func checkRange(r *row, props map[string]any) {
	s, _ := props["start"].(string)
	e, _ := props["end"].(string)
	if dateBefore(e, s) {
		r.fail("end", "%s is before start %s", e, s)
	}
}

// dateBefore tells whether date a ends before date b begins, at the precision both share:
// "2025" is not before "2025-07" (the year contains the month).
func dateBefore(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	n := min(len(a), len(b))
	return a[:n] < b[:n]
}

// parseParties reads partnership parties: [{"id": ..., "role": ..., "uncertain": ..., "note": ...}].
func parseParties(r *row, line int, id string, sources []string, p *Parsed) {
	r.used["parties"] = true
	list, ok := r.m["parties"].([]any)
	if !ok || len(list) == 0 {
		r.fail("parties", "needs at least one party: [{\"id\": \"org:...\", \"role\": \"...\"}]")
		return
	}
	for i, item := range list {
		pm, ok := item.(map[string]any)
		if !ok {
			r.fail("parties", "item %d must be an object with id and role", i)
			continue
		}
		pr := &row{m: pm, used: map[string]bool{}}
		pid := pr.id("id", true)
		props := map[string]any{"sources": sources}
		if role := pr.str("role", false); role != "" {
			props["role"] = role
		}
		if pr.boolean("uncertain") {
			props["uncertain"] = true
			note := pr.str("note", true)
			props["note"] = note
		} else if note := pr.str("note", false); note != "" {
			props["note"] = note
		}
		for k := range pm {
			if !pr.used[k] {
				pr.fail(k, "is not a field of a party")
			}
		}
		for _, e := range pr.errs {
			r.fail(fmt.Sprintf("parties[%d].%s", i, e.field), "%s", e.reason)
		}
		if pid != "" {
			p.Refs = append(p.Refs, Ref{line, fmt.Sprintf("parties[%d].id", i), pid, partyLabels})
			p.Links = append(p.Links, LinkOp{Line: line, Rel: "PARTY_TO", From: pid, To: id, Props: props})
		}
	}
}

func parseLink(r *row, line int, p *Parsed) {
	rel := r.str("rel", true)
	rule, ok := LinkTypes[rel]
	if rel != "" && !ok {
		r.fail("rel", "%q is not one of %s", rel, strings.Join(keys(toSet(LinkTypes)), ", "))
	}
	from := r.id("from", true)
	to := r.id("to", true)
	sources := r.ids("sources", true)
	props := map[string]any{"sources": sources}
	for _, f := range []string{"title", "role", "note"} {
		if v := r.str(f, false); v != "" {
			props[f] = v
		}
	}
	for f, prop := range map[string]string{"since": "since", "until": "until", "as_of": "asOf"} {
		if v := r.date(f); v != "" {
			props[prop] = v
		}
	}
	if s, u := props["since"], props["until"]; s != nil && u != nil && dateBefore(u.(string), s.(string)) {
		r.fail("until", "%s is before since %s", u, s)
	}
	if r.boolean("uncertain") {
		props["uncertain"] = true
		if props["note"] == nil {
			r.fail("note", "an uncertain row needs a note that says why")
		}
	}
	if r.boolean("synthetic") {
		props["synthetic"] = true
	}
	key := r.str("key", false)
	r.used["id"] = true // links may carry an id for the curator's own bookkeeping
	if from != "" && from == to {
		r.fail("to", "a link cannot join %s to itself", from)
	}
	for _, s := range sources {
		p.Refs = append(p.Refs, Ref{line, "sources", s, sourceLabels})
	}
	if ok {
		p.Refs = append(p.Refs, Ref{line, "from", from, rule.from}, Ref{line, "to", to, rule.to})
	}
	p.Links = append(p.Links, LinkOp{Line: line, Rel: rel, From: from, To: to, Key: key, Props: props})
}

// Hash fingerprints a row's content, so a re-import can tell unchanged rows from updated ones.
// The hashes are stored, so the bytes hashed must never change: they are encoding/json's
// Marshal of parts (maps with sorted keys), written by appendJSON, which tests hold to
// Marshal's bytes. (goccy/go-json writes 1e-07 where encoding/json writes 1e-7, so it is not
// used here.)
func Hash(parts ...any) string {
	var buf [512]byte
	b, ok := appendJSON(buf[:0], parts)
	if !ok {
		b = nil // as Marshal's error left it
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func toSet[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// externalIDs lists the merge keys a node row carries.
func externalIDs(n NodeOp) []cryo.ExternalID {
	var out []cryo.ExternalID
	props := map[string][]string{"Person": {"orcid", "wikidata"}, "Organization": {"ror", "wikidata"}}[n.Label]
	for _, prop := range props {
		if v, ok := n.Props[prop].(string); ok && v != "" {
			out = append(out, cryo.ExternalID{Label: n.Label, Prop: prop, Value: v})
		}
	}
	return out
}

// redirect rewrites ids that live under another id in the graph. A redirected node row is
// not written: the entity it names keeps its own properties (an explicit merge already took
// the absorbed names as aliases), while the row's relationships move to that entity.
func (p *Parsed) redirect(to map[string]string) {
	if len(to) == 0 {
		return
	}
	move := func(id string) string {
		if t, ok := to[id]; ok {
			return t
		}
		return id
	}
	kept := p.Nodes[:0]
	for _, n := range p.Nodes {
		if _, moved := to[n.ID]; !moved {
			kept = append(kept, n)
		}
	}
	p.Nodes = kept
	for i := range p.Links {
		l := &p.Links[i]
		// The key records the redirected id, so the link never lands on one the target already
		// had, and an explicit merge's moved links (suffixed the same way) are found again.
		if _, ok := to[l.From]; ok {
			l.Key += "|" + l.From
		}
		if _, ok := to[l.To]; ok {
			l.Key += "|" + l.To
		}
		l.From, l.To = move(l.From), move(l.To)
	}
}
