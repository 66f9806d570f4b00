package importer

import (
	"slices"

	"github.com/cryograph/cryograph/internal/hashkey"
)

// idKey stands for an id in pass one's table of definitions (hashkey: 16 bytes, no string
// kept alive). At 1M people (1.84M ids) the table takes about a third of the memory that a map
// keyed by the id strings, with label names, took.
type idKey = hashkey.Key

func keyOf(id string) idKey { return hashkey.Of(id) }

// labelNames are the node labels of the import format, in a fixed order; a definition holds the
// index of its label.
var labelNames = func() []string {
	var out []string
	for _, l := range nodeTypes {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}()

func labelIndex(label string) uint8 {
	i := slices.Index(labelNames, label)
	if i < 0 {
		panic("importer: no node type has the label " + label) // Parse gives only nodeTypes' labels
	}
	return uint8(i)
}

// definition is where an id is defined, and as what: 12 bytes.
type definition struct {
	at    lineKey
	label uint8 // index in labelNames
}

func define(label string, at lineKey) definition { return definition{at: at, label: labelIndex(label)} }

func (d definition) Label() string { return labelNames[d.label] }
