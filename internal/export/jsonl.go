package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cryograph/cryograph/internal/importer"
)

// JSONL writes the graph, or the subgraph opts selects, in the import format: a header line,
// then one row per entity (sources, topics, organizations, people, events, publications,
// partnerships, each in id order), then one link row per remaining relationship, ordered by
// (from, rel, to, key). Keys come in a fixed order, so the same graph gives the same bytes.
//
// What the import format writes inside a row is folded back into it: a node's SOURCED_FROM
// relationships become its "sources", ALIAS_SOURCED_FROM ones its alias objects, a topic's
// SUBTOPIC_OF its "parents", a partnership's PARTY_TO and ABOUT its "parties" and "topics".
//
// Every row is checked by parsing it with the importer and comparing what the importer would
// write with what the graph holds; any difference fails the export (ErrNotExportable), so
// loading the file into an empty database gives the same nodes, relationships and properties
// (importHash aside, which depends on the order of a row's sources).
func JSONL(ctx context.Context, g Graph, w io.Writer, opts Options) (Stats, error) {
	var st Stats
	ids, err := scope(ctx, g, opts)
	if err != nil {
		return st, err
	}
	bw := bufio.NewWriter(w)
	put := func(row obj, check func(line []byte) error) error {
		line, err := encodeRow(row)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(line); err != nil {
				return err
			}
		}
		st.Rows++
		line = append(line, '\n')
		_, err = bw.Write(line)
		return err
	}
	if err := put(obj{{"format", "cryograph"}, {"version", importer.FormatVersion}}, nil); err != nil {
		return st, err
	}
	for _, label := range Kinds {
		err := g.ExportEntities(ctx, label, ids, func(e Entity) error {
			row, check, rels, err := entityRow(label, e)
			if err != nil {
				return err
			}
			st.Nodes++
			st.Relationships += rels
			return put(row, check)
		})
		if err != nil {
			return st, fmt.Errorf("export %s nodes: %w", label, err)
		}
	}
	last := ""
	err = g.ExportRelationships(ctx, provenanceTypes, ids, func(r Rel) error {
		row, check, err := linkRow(r)
		if err != nil || row == nil {
			return err
		}
		key, _ := r.Props["key"].(string)
		k := strings.Join([]string{r.From, r.Type, r.To, key}, "\x00")
		if k == last {
			return notExportable(relName(r), "there are two such relationships with the key %q; a link row is keyed on (from, rel, to, key)", key)
		}
		last = k
		st.Relationships++
		return put(row, check)
	})
	if err != nil {
		return st, fmt.Errorf("export relationships: %w", err)
	}
	return st, bw.Flush()
}

// entityRow builds the import row of one entity and returns it with a check that the row
// imports as the entity and the relationships it folds in, and the number of those.
func entityRow(label string, e Entity) (obj, func([]byte) error, int, error) {
	what := label + " " + e.ID
	if len(e.Labels) != 1 || e.Labels[0] != label {
		return nil, nil, 0, notExportable(what, "it has the labels %v besides Entity; an entity has exactly one of %s",
			e.Labels, strings.Join(Kinds, ", "))
	}
	if err := checkProps(what, e.Props, knownNodeProps(label)); err != nil {
		return nil, nil, 0, err
	}
	sources := make([]string, 0, len(e.SourcedFrom))
	for _, r := range e.SourcedFrom {
		if !r.ToSource {
			return nil, nil, 0, notExportable(what, "it is SOURCED_FROM %s, which is not a Source", r.To)
		}
		if err := checkProps(relName(r), r.Props, knownRelProps(r.Type)); err != nil {
			return nil, nil, 0, err
		}
		sources = append(sources, r.To)
	}
	sort.Strings(sources)
	if label == "Source" && len(sources)+len(e.Aliases) > 0 {
		return nil, nil, 0, notExportable(what, "a source row has no sources or aliases, but the node has %d SOURCED_FROM and %d ALIAS_SOURCED_FROM relationships",
			len(sources), len(e.Aliases))
	}
	aliases, err := aliasList(what, e)
	if err != nil {
		return nil, nil, 0, err
	}

	order := sourceOrder(sources, e.Folds)
	folds := append([]Rel(nil), e.Folds...)
	sort.Slice(folds, func(i, j int) bool { return relLess(folds[i], folds[j]) })
	var folded []Rel
	var parents, topics []string
	var parties []obj
	for _, r := range folds {
		if !foldsInto(r, order) {
			continue // written as a link row
		}
		folded = append(folded, r)
		switch r.Type {
		case "SUBTOPIC_OF":
			parents = append(parents, r.To)
		case "ABOUT":
			topics = append(topics, r.To)
		case "PARTY_TO":
			parties = append(parties, partyObj(r))
		}
	}

	row := obj{{"type", rowTypes[label]}, {"id", e.ID}}
	for _, f := range rowFields[label] {
		switch f {
		case "aliases":
			if len(aliases) > 0 {
				row = append(row, kv{f, aliases})
			}
		case "parents":
			if len(parents) > 0 {
				row = append(row, kv{f, parents})
			}
		case "topics":
			if len(topics) > 0 {
				row = append(row, kv{f, topics})
			}
		case "parties":
			if len(parties) > 0 {
				row = append(row, kv{f, parties})
			}
		case "sources":
			if len(order) > 0 {
				row = append(row, kv{f, order})
			}
		default:
			v, ok, err := rowValue(what, propOf(f), e.Props[propOf(f)])
			if err != nil {
				return nil, nil, 0, err
			}
			if ok {
				row = append(row, kv{f, v})
			}
		}
	}
	rels := append(folded, e.Aliases...)
	check := func(line []byte) error {
		return verify(what, line, &nodeWant{label: label, props: e.Props, sources: sources}, rels)
	}
	return row, check, len(sources) + len(rels), nil
}

// linkRow builds the link row of a relationship, or returns a nil row when the relationship
// is folded into its owner's row.
func linkRow(r Rel) (obj, func([]byte) error, error) {
	what := relName(r)
	if !importer.IsFormatRel(r.Type) {
		return nil, nil, notExportable(what, "relationship type %s is not part of the import format", r.Type)
	}
	if err := checkProps(what, r.Props, knownRelProps(r.Type)); err != nil {
		return nil, nil, err
	}
	if r.Owner != nil {
		sources := make([]string, 0, len(r.Owner.SourcedFrom))
		for _, s := range r.Owner.SourcedFrom {
			sources = append(sources, s.To)
		}
		sort.Strings(sources)
		if foldsInto(r, sourceOrder(sources, r.Owner.Folds)) {
			return nil, nil, nil
		}
	}
	if importer.RowRelTypes[r.Type] || (r.Type == "ABOUT" && strings.HasPrefix(r.From, "pship:") && r.Owner != nil) {
		return nil, nil, notExportable(what, "a %s relationship that its row's fields do not describe cannot be written as a link row", r.Type)
	}
	row := obj{{"type", "link"}, {"rel", r.Type}, {"from", r.From}, {"to", r.To}}
	for _, f := range linkFields {
		v, ok, err := rowValue(what, propOf(f), r.Props[propOf(f)])
		if err != nil {
			return nil, nil, err
		}
		if ok {
			row = append(row, kv{f, v})
		}
	}
	check := func(line []byte) error { return verify(what, line, nil, []Rel{r}) }
	return row, check, nil
}

// rowValue converts a stored property to its value in a row; ok is false when the row leaves
// the field out (absent, empty, false).
func rowValue(what, prop string, v any) (any, bool, error) {
	if v == nil {
		return nil, false, nil
	}
	switch kindOf(prop) {
	case list:
		l, err := asStrings(what, prop, v)
		return l, err == nil && len(l) > 0, err
	case flag:
		b, ok := v.(bool)
		if !ok {
			return nil, false, notExportable(what, "property %s is %T, not a boolean", prop, v)
		}
		return true, b, nil
	case number:
		switch v.(type) {
		case float64, int64:
			return v, true, nil
		}
		return nil, false, notExportable(what, "property %s is %T, not a number", prop, v)
	}
	s, ok := v.(string)
	if !ok {
		return nil, false, notExportable(what, "property %s is %T, not a string", prop, v)
	}
	return s, s != "", nil
}

// foldProps are the properties a relationship written from inside a row can carry.
var foldProps = map[string]map[string]bool{
	"SUBTOPIC_OF": {"sources": true, "key": true, "importHash": true},
	"ABOUT":       {"sources": true, "key": true, "importHash": true},
	"PARTY_TO":    {"sources": true, "key": true, "importHash": true, "role": true, "uncertain": true, "note": true},
}

// foldable says whether r has the shape of a relationship a row writes: no key and no
// properties but those of a party.
func foldable(r Rel) bool {
	allowed := foldProps[r.Type]
	if allowed == nil {
		return false
	}
	for k := range r.Props {
		if !allowed[k] {
			return false
		}
	}
	if k, ok := r.Props["key"]; ok && k != "" {
		return false
	}
	_, err := asStrings("", "sources", r.Props["sources"])
	return err == nil
}

// sourceOrder returns the order in which a topic's or partnership's row lists its sources. The
// graph keeps no order for SOURCED_FROM, but the relationships the row writes copy its sources
// in row order, so the order is read from them: the most common order among foldable
// relationships that cite exactly the entity's sources (ties go to the smallest), else sorted.
func sourceOrder(sources []string, folds []Rel) []string {
	count := map[string]int{}
	lists := map[string][]string{}
	for _, r := range folds {
		if !foldable(r) {
			continue
		}
		s, _ := asStrings("", "sources", r.Props["sources"])
		if !sameSet(s, sources) {
			continue
		}
		k := strings.Join(s, "\x00")
		count[k]++
		lists[k] = s
	}
	best, n := "", 0
	for k, c := range count {
		if c > n || (c == n && k < best) {
			best, n = k, c
		}
	}
	if n == 0 {
		return sources
	}
	return lists[best]
}

// foldsInto says whether a row whose sources are order writes r itself (as a parent, party or
// topic); if not, r is written as a link row.
func foldsInto(r Rel, order []string) bool {
	if !foldable(r) {
		return false
	}
	s, _ := asStrings("", "sources", r.Props["sources"])
	return equal(s, order)
}

func partyObj(r Rel) obj {
	o := obj{{"id", r.From}}
	if s, _ := r.Props["role"].(string); s != "" {
		o = append(o, kv{"role", s})
	}
	if b, _ := r.Props["uncertain"].(bool); b {
		o = append(o, kv{"uncertain", true})
	}
	if s, _ := r.Props["note"].(string); s != "" {
		o = append(o, kv{"note", s})
	}
	return o
}

// aliasList rebuilds a row's "aliases": the node's aliases property in order, each alias that
// has ALIAS_SOURCED_FROM relationships written as {"name", "sources", "note"} objects (one
// per distinct note, as the relationships carry the note), the others as plain names.
func aliasList(what string, e Entity) ([]any, error) {
	names, err := asStrings(what, "aliases", e.Props["aliases"])
	if err != nil {
		return nil, err
	}
	type group struct {
		note    string
		sources []string
	}
	groups := map[string][]*group{}
	for _, r := range e.Aliases {
		rw := relName(r)
		if !r.ToSource {
			return nil, notExportable(rw, "an alias relationship must end at a Source")
		}
		if err := checkProps(rw, r.Props, knownRelProps(r.Type)); err != nil {
			return nil, err
		}
		alias, _ := r.Props["alias"].(string)
		key, _ := r.Props["key"].(string)
		note, _ := r.Props["note"].(string)
		srcs, err := asStrings(rw, "sources", r.Props["sources"])
		if err != nil {
			return nil, err
		}
		if alias == "" || key != alias || len(srcs) != 1 || srcs[0] != r.To {
			return nil, notExportable(rw, "alias %q, key %q and sources %v are not what an alias object writes (key = alias, sources = [the source])", alias, key, srcs)
		}
		var gr *group
		for _, x := range groups[alias] {
			if x.note == note {
				gr = x
			}
		}
		if gr == nil {
			gr = &group{note: note}
			groups[alias] = append(groups[alias], gr)
		}
		gr.sources = append(gr.sources, r.To)
	}
	out := make([]any, 0, len(names))
	for _, n := range names {
		gs := groups[n]
		if len(gs) == 0 {
			out = append(out, n)
			continue
		}
		sort.Slice(gs, func(i, j int) bool { return gs[i].note < gs[j].note })
		for _, gr := range gs {
			sort.Strings(gr.sources)
			o := obj{{"name", n}, {"sources", gr.sources}}
			if gr.note != "" {
				o = append(o, kv{"note", gr.note})
			}
			out = append(out, o)
		}
		delete(groups, n)
	}
	if len(groups) > 0 {
		left := make([]string, 0, len(groups))
		for n := range groups {
			left = append(left, fmt.Sprintf("%q", n))
		}
		sort.Strings(left)
		return nil, notExportable(what, "ALIAS_SOURCED_FROM relationships name the alias %s, which is not in its aliases (left over from an earlier version of its row?)",
			strings.Join(left, ", "))
	}
	return out, nil
}

// nodeWant is what the graph holds for an entity row.
type nodeWant struct {
	label   string
	props   map[string]any
	sources []string
}

// verify parses an exported row with the importer and fails unless the importer would write
// exactly the node (if node is set) and the relationships rels.
func verify(what string, line []byte, node *nodeWant, rels []Rel) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return fmt.Errorf("export %s: decode own row: %w", what, err)
	}
	p, err := importer.Parse(1, m)
	if err != nil {
		return notExportable(what, "the importer would reject its row (%v)", err)
	}
	if p == nil {
		return fmt.Errorf("export %s: the row reads as a header", what)
	}
	switch {
	case node == nil && len(p.Nodes) > 0, node != nil && len(p.Nodes) != 1:
		return fmt.Errorf("export %s: the row imports as %d nodes", what, len(p.Nodes))
	case node != nil:
		n := p.Nodes[0]
		if n.Label != node.label || n.ID != idOf(node.props) {
			return notExportable(what, "the row imports as %s %s", n.Label, n.ID)
		}
		keys := map[string]bool{}
		for k := range node.props {
			keys[k] = true
		}
		for k := range n.Props {
			keys[k] = true
		}
		delete(keys, "id")
		delete(keys, "importHash")
		for _, k := range sortedKeys(keys) {
			got, want := canon(n.Props[k]), canon(node.props[k])
			if got != want {
				return notExportable(what, "property %s would be imported as %s, but the graph holds %s", k, got, want)
			}
		}
		got := append([]string(nil), n.Sources...)
		sort.Strings(got)
		if !equal(got, node.sources) {
			return notExportable(what, "its row would cite the sources %v, but the node is SOURCED_FROM %v", got, node.sources)
		}
	}
	got := make([]string, 0, len(p.Links))
	for _, l := range p.Links {
		got = append(got, relKey(l.Rel, l.From, l.To, l.Key, l.Props))
	}
	want := make([]string, 0, len(rels))
	for _, r := range rels {
		key, _ := r.Props["key"].(string)
		want = append(want, relKey(r.Type, r.From, r.To, key, r.Props))
	}
	sort.Strings(got)
	sort.Strings(want)
	for i := 0; i < len(got) || i < len(want); i++ {
		switch {
		case i >= len(want) || (i < len(got) && got[i] < want[i]):
			return notExportable(what, "its row would write the relationship %s, which the graph does not hold", got[i])
		case i >= len(got) || got[i] > want[i]:
			return notExportable(what, "its row would not write the relationship %s that the graph holds", want[i])
		}
	}
	return nil
}

// relKey renders a relationship for comparison: its ends, type, key and properties other than
// the key and the internal hash.
func relKey(typ, from, to, key string, props map[string]any) string {
	p := make(map[string]any, len(props))
	for k, v := range props {
		if k != "key" && k != "importHash" {
			p[k] = v
		}
	}
	return fmt.Sprintf("(%s)-[:%s {key: %q} %s]->(%s)", from, typ, key, canon(p), to)
}

// canon renders a property value as JSON for comparison, reading a missing list as empty (the
// driver stores a nil list as an empty one).
func canon(v any) string {
	b, err := json.Marshal(normalise(v))
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

func normalise(v any) any {
	switch x := v.(type) {
	case []string:
		if x == nil {
			return []string{}
		}
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = normalise(v)
		}
		return out
	}
	return v
}

func idOf(props map[string]any) string {
	s, _ := props["id"].(string)
	return s
}

func relName(r Rel) string { return fmt.Sprintf("(%s)-[:%s]->(%s)", r.From, r.Type, r.To) }

func relLess(a, b Rel) bool {
	if a.Type != b.Type {
		return a.Type < b.Type
	}
	if a.From != b.From {
		return a.From < b.From
	}
	return a.To < b.To
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x := append([]string(nil), a...)
	y := append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	return equal(x, y)
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// kv and obj are a JSON object whose keys keep their order.
type kv struct {
	k string
	v any
}

type obj []kv

// encodeRow writes a row as one line of compact JSON, without escaping <, > and & (the
// importer reads either way; unescaped is easier to read and diff).
func encodeRow(o obj) ([]byte, error) {
	var buf bytes.Buffer
	if err := appendJSON(&buf, o); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func appendJSON(buf *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case obj:
		buf.WriteByte('{')
		for i, f := range x {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := appendJSON(buf, f.k); err != nil {
				return err
			}
			buf.WriteByte(':')
			if err := appendJSON(buf, f.v); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
		return nil
	case []obj:
		return appendList(buf, len(x), func(i int) any { return x[i] })
	case []any:
		return appendList(buf, len(x), func(i int) any { return x[i] })
	case []string:
		return appendList(buf, len(x), func(i int) any { return x[i] })
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	return nil
}

func appendList(buf *bytes.Buffer, n int, item func(int) any) error {
	buf.WriteByte('[')
	for i := 0; i < n; i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := appendJSON(buf, item(i)); err != nil {
			return err
		}
	}
	buf.WriteByte(']')
	return nil
}
