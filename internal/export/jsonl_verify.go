package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/cryograph/cryograph/internal/format"
)

// nodeWant is what the graph holds for an entity row.
type nodeWant struct {
	label   string
	props   map[string]any
	sources []string
}

// verify parses an exported row as the importer does and fails unless the importer would
// write exactly the node (if node is set) and the relationships rels.
func verify(what string, line []byte, node *nodeWant, rels []Rel) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return fmt.Errorf("export %s: decode own row: %w", what, err)
	}
	p, err := format.Parse(1, m)
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
		if err := verifyNode(what, p.Nodes[0], node); err != nil {
			return err
		}
	}
	return verifyRels(what, p.Links, rels)
}

// verifyNode fails unless the node n a row imports as is the one the graph holds.
func verifyNode(what string, n format.NodeOp, node *nodeWant) error {
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
	return nil
}

// verifyRels fails unless the relationships a row writes are rels.
func verifyRels(what string, links []format.LinkOp, rels []Rel) error {
	got := make([]string, 0, len(links))
	for _, l := range links {
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
