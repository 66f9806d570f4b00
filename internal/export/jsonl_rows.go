package export

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cryograph/cryograph/internal/format"
)

// entityRow builds the import row of one entity and returns it with a check that the row
// imports as the entity and the relationships it folds in, and the number of those.
func entityRow(label string, e Entity) (format.Object, func([]byte) error, int, error) {
	what := label + " " + e.ID
	sources, err := entitySources(what, label, e)
	if err != nil {
		return nil, nil, 0, err
	}
	aliases, err := aliasList(what, e)
	if err != nil {
		return nil, nil, 0, err
	}
	order := sourceOrder(sources, e.Folds)
	f := foldRels(e.Folds, order)
	row, err := entityFields(what, label, e, aliases, order, f)
	if err != nil {
		return nil, nil, 0, err
	}
	rels := append(f.rels, e.Aliases...)
	check := func(line []byte) error {
		return verify(what, line, &nodeWant{label: label, props: e.Props, sources: sources}, rels)
	}
	return row, check, len(sources) + len(rels), nil
}

// entitySources checks an entity's labels, properties and SOURCED_FROM relationships, and
// returns the ids of its sources, sorted.
func entitySources(what, label string, e Entity) ([]string, error) {
	if len(e.Labels) != 1 || e.Labels[0] != label {
		return nil, notExportable(what, "it has the labels %v besides Entity; an entity has exactly one of %s",
			e.Labels, strings.Join(Kinds, ", "))
	}
	if err := checkProps(what, e.Props, knownNodeProps(label)); err != nil {
		return nil, err
	}
	sources := make([]string, 0, len(e.SourcedFrom))
	for _, r := range e.SourcedFrom {
		if !r.ToSource {
			return nil, notExportable(what, "it is SOURCED_FROM %s, which is not a Source", r.To)
		}
		if err := checkProps(relName(r), r.Props, knownRelProps(r.Type)); err != nil {
			return nil, err
		}
		sources = append(sources, r.To)
	}
	sort.Strings(sources)
	if label == "Source" && len(sources)+len(e.Aliases) > 0 {
		return nil, notExportable(what, "a source row has no sources or aliases, but the node has %d SOURCED_FROM and %d ALIAS_SOURCED_FROM relationships",
			len(sources), len(e.Aliases))
	}
	return sources, nil
}

// folds are the relationships an entity's row writes itself, and the fields they become.
type folds struct {
	rels            []Rel
	parents, topics []string
	parties         []format.Object
}

// foldRels picks, in a fixed order, the relationships a row whose sources are order writes
// itself; the others are written as link rows.
func foldRels(candidates []Rel, order []string) folds {
	sorted := append([]Rel(nil), candidates...)
	sort.Slice(sorted, func(i, j int) bool { return relLess(sorted[i], sorted[j]) })
	var f folds
	for _, r := range sorted {
		if !foldsInto(r, order) {
			continue // written as a link row
		}
		f.rels = append(f.rels, r)
		switch r.Type {
		case "SUBTOPIC_OF":
			f.parents = append(f.parents, r.To)
		case "ABOUT":
			f.topics = append(f.topics, r.To)
		case "PARTY_TO":
			f.parties = append(f.parties, partyObj(r, order))
		}
	}
	return f
}

// entityFields writes an entity's row: its type and id, then its fields in rowFields order,
// lists only when they are not empty.
func entityFields(what, label string, e Entity, aliases []any, order []string, f folds) (format.Object, error) {
	row := format.Object{{Key: "type", Value: rowTypes[label]}, {Key: "id", Value: e.ID}}
	addList := func(name string, n int, v any) {
		if n > 0 {
			row = append(row, format.Field{Key: name, Value: v})
		}
	}
	for _, name := range rowFields[label] {
		switch name {
		case "aliases":
			addList(name, len(aliases), aliases)
		case "parents":
			addList(name, len(f.parents), f.parents)
		case "topics":
			addList(name, len(f.topics), f.topics)
		case "parties":
			addList(name, len(f.parties), f.parties)
		case "sources":
			addList(name, len(order), order)
		default:
			v, ok, err := rowValue(what, propOf(name), e.Props[propOf(name)])
			if err != nil {
				return nil, err
			}
			if ok {
				row = append(row, format.Field{Key: name, Value: v})
			}
		}
	}
	return row, nil
}

// linkRow builds the link row of a relationship, or returns a nil row when the relationship
// is folded into its owner's row.
func linkRow(r Rel) (format.Object, func([]byte) error, error) {
	what := relName(r)
	if !format.IsRel(r.Type) {
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
	if format.RowRelTypes[r.Type] || (r.Type == "ABOUT" && strings.HasPrefix(r.From, "pship:") && r.Owner != nil) {
		return nil, nil, notExportable(what, "a %s relationship that its row's fields do not describe cannot be written as a link row", r.Type)
	}
	row := format.Object{{Key: "type", Value: "link"}, {Key: "rel", Value: r.Type}, {Key: "from", Value: r.From}, {Key: "to", Value: r.To}}
	for _, f := range linkFields {
		v, ok, err := rowValue(what, propOf(f), r.Props[propOf(f)])
		if err != nil {
			return nil, nil, err
		}
		if ok {
			row = append(row, format.Field{Key: f, Value: v})
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
	"PARTY_TO":    {"sources": true, "key": true, "importHash": true, "role": true, "lead": true, "uncertain": true, "note": true},
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
// topic); if not, r is written as a link row. A party may cite its own sources, which its
// object in "parties" then lists.
func foldsInto(r Rel, order []string) bool {
	if !foldable(r) {
		return false
	}
	s, _ := asStrings("", "sources", r.Props["sources"])
	return equal(s, order) || (r.Type == "PARTY_TO" && len(s) > 0)
}

func partyObj(r Rel, order []string) format.Object {
	o := format.Object{{Key: "id", Value: r.From}}
	if s, _ := r.Props["role"].(string); s != "" {
		o = append(o, format.Field{Key: "role", Value: s})
	}
	if s, _ := r.Props["lead"].(string); s != "" {
		o = append(o, format.Field{Key: "lead", Value: s})
	}
	if s, _ := asStrings("", "sources", r.Props["sources"]); len(s) > 0 && !equal(s, order) {
		o = append(o, format.Field{Key: "sources", Value: s})
	}
	if b, _ := r.Props["uncertain"].(bool); b {
		o = append(o, format.Field{Key: "uncertain", Value: true})
	}
	if s, _ := r.Props["note"].(string); s != "" {
		o = append(o, format.Field{Key: "note", Value: s})
	}
	return o
}

// aliasGroup is the sources of one alias with one note.
type aliasGroup struct {
	note    string
	sources []string
}

// aliasList rebuilds a row's "aliases": the node's aliases property in order, each alias that
// has ALIAS_SOURCED_FROM relationships written as {"name", "sources", "note"} objects (one
// per distinct note, as the relationships carry the note), the others as plain names.
func aliasList(what string, e Entity) ([]any, error) {
	names, err := asStrings(what, "aliases", e.Props["aliases"])
	if err != nil {
		return nil, err
	}
	groups, err := aliasGroups(e)
	if err != nil {
		return nil, err
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
			o := format.Object{{Key: "name", Value: n}, {Key: "sources", Value: gr.sources}}
			if gr.note != "" {
				o = append(o, format.Field{Key: "note", Value: gr.note})
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

// aliasGroups checks an entity's ALIAS_SOURCED_FROM relationships and groups their sources
// by alias and note.
func aliasGroups(e Entity) (map[string][]*aliasGroup, error) {
	groups := map[string][]*aliasGroup{}
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
		var gr *aliasGroup
		for _, x := range groups[alias] {
			if x.note == note {
				gr = x
			}
		}
		if gr == nil {
			gr = &aliasGroup{note: note}
			groups[alias] = append(groups[alias], gr)
		}
		gr.sources = append(gr.sources, r.To)
	}
	return groups, nil
}
