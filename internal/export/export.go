// Package export writes the graph, or the neighbourhood of one entity, in three formats:
//
//   - JSONL in the import format (docs/import-format.md), so that exporting and importing the
//     file into an empty database gives the same graph;
//   - GraphML, one file for Gephi, yEd and Cytoscape;
//   - CSV, nodes.csv and relationships.csv.
//
// Every writer streams: it asks the Graph for one kind of entity, then the relationships, in a
// fixed order, and writes each as it arrives, so the same graph always gives the same bytes
// and memory does not grow with the graph. A property, label or relationship type the export
// does not know makes it fail rather than drop data silently; so does a part of the graph the
// import format cannot express (ErrNotExportable).
package export

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/format"
)

// Entity is one node of the graph as the store returns it, with the relationships its import
// row folds in.
type Entity struct {
	ID string
	// Labels are the node's labels other than Entity; exactly one is expected.
	Labels []string
	// Props are all the node's properties as stored, internal ones included.
	Props map[string]any
	// SourcedFrom are its SOURCED_FROM relationships (a row's "sources").
	SourcedFrom []Rel
	// Aliases are its ALIAS_SOURCED_FROM relationships (a row's sourced aliases).
	Aliases []Rel
	// Folds are, for a topic, its SUBTOPIC_OF relationships and, for a partnership, its
	// incoming PARTY_TO and outgoing ABOUT ones: those the row may encode as parents, parties
	// and topics.
	Folds []Rel
}

// Rel is one relationship between two entities.
type Rel struct {
	Type  string
	From  string
	To    string
	Props map[string]any
	// ToSource says the end node is a Source (only filled in for provenance relationships).
	ToSource bool
	// Owner, for a relationship a topic's or partnership's row may fold in, is that entity with
	// its SourcedFrom and Folds.
	Owner *Entity
}

// Graph is what an export reads. *store.Store implements it against Neo4j.
type Graph interface {
	ExportEntityLabels(ctx context.Context, id string) ([]string, error)
	ExportNeighbours(ctx context.Context, ids, types []string) ([]string, error)
	ExportDependencies(ctx context.Context, ids []string) ([]string, error)
	ExportSources(ctx context.Context, ids []string) ([]string, error)
	// ExportEntities streams the entities of one label in id order (all of them when ids is
	// nil).
	ExportEntities(ctx context.Context, label string, ids []string, fn func(Entity) error) error
	// ExportRelationships streams the relationships between entities ordered by (from, type,
	// to, key), without the types in skip (all of them when ids is nil, otherwise those with
	// both ends in ids).
	ExportRelationships(ctx context.Context, skip, ids []string, fn func(Rel) error) error
	// ExportMerges streams the (:Merge) records' properties, oldest first.
	ExportMerges(ctx context.Context, fn func(map[string]any) error) error
}

// Options choose what to export.
type Options struct {
	// Root, when set, exports only the entities within Depth fact relationships of it, plus
	// what their rows need to load into an empty database.
	Root  string
	Depth int
}

// Stats count what an export wrote.
type Stats struct {
	// Rows is the number of lines (JSONL, header included) or records (CSV, headers excluded).
	Rows int `json:"rows"`
	// Nodes and Relationships count the graph's nodes and relationships that the export holds.
	Nodes         int `json:"nodes"`
	Relationships int `json:"relationships"`
	// Merges counts the merge rows (JSONL only).
	Merges int `json:"merges,omitempty"`
}

// ErrNotExportable is wrapped by every error that says the graph holds something an export
// would lose: an unknown property, label or relationship type, or a shape the import format
// cannot express.
var ErrNotExportable = errors.New("the graph cannot be exported faithfully")

// notExportable builds an error naming the element that cannot be exported and why.
func notExportable(what, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrNotExportable, what, fmt.Sprintf(format, args...))
}

// Kinds lists the entity labels in the order the JSONL export writes them: sources first, so a
// reader meets every source before the facts that cite it, then the taxonomy, then the rest.
var Kinds = []string{"Source", "Topic", "Organization", "Person", "Event", "Publication", "Partnership"}

// provenanceTypes are the relationships folded into node rows rather than written as links.
var provenanceTypes = []string{"ALIAS_SOURCED_FROM", "SOURCED_FROM"}

// factTypes are the relationship types a subgraph export walks: every link type.
func factTypes() []string {
	out := make([]string, 0, len(format.LinkTypes)+len(format.RowRelTypes))
	for t := range format.LinkTypes {
		out = append(out, t)
	}
	for t := range format.RowRelTypes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Subgraph returns the ids a subgraph export around root holds, sorted: the entities within
// depth fact relationships of root (in either direction), closed so that the export loads into
// an empty database: the parties and topics of every partnership, the broader topics of every
// topic (transitively), and every source cited by them or by a relationship between them.
func Subgraph(ctx context.Context, g Graph, root string, depth int) ([]string, error) {
	if depth < 0 {
		return nil, cryo.Invalid("depth", "depth must be 0 or more, not %d", depth)
	}
	labels, err := g.ExportEntityLabels(ctx, root)
	if err != nil {
		return nil, fmt.Errorf("find root %q: %w", root, err)
	}
	if len(labels) == 0 {
		return nil, &cryo.Error{Code: cryo.ECodeNotFound, Field: "root",
			Message: fmt.Sprintf("no entity has the id %q (ids look like person:zhao_gang or org:ustc)", root)}
	}
	in := map[string]bool{root: true}
	add := func(ids []string) []string {
		var fresh []string
		for _, id := range ids {
			if !in[id] {
				in[id] = true
				fresh = append(fresh, id)
			}
		}
		sort.Strings(fresh)
		return fresh
	}
	frontier := []string{root}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		next, err := g.ExportNeighbours(ctx, frontier, factTypes())
		if err != nil {
			return nil, fmt.Errorf("walk %d steps from %q: %w", d+1, root, err)
		}
		frontier = add(next)
	}
	// Dependencies of dependencies: parties bring nothing more, topics bring their ancestors in
	// the same query, but looping until nothing is new keeps this true if that changes.
	for pending := sortedKeys(in); len(pending) > 0; {
		deps, err := g.ExportDependencies(ctx, pending)
		if err != nil {
			return nil, fmt.Errorf("close the subgraph of %q: %w", root, err)
		}
		pending = add(deps)
	}
	sources, err := g.ExportSources(ctx, sortedKeys(in))
	if err != nil {
		return nil, fmt.Errorf("find the sources of the subgraph of %q: %w", root, err)
	}
	add(sources)
	return sortedKeys(in), nil
}

// scope resolves Options into the ids to export, nil meaning the whole graph.
func scope(ctx context.Context, g Graph, opts Options) ([]string, error) {
	if opts.Root == "" {
		return nil, nil
	}
	return Subgraph(ctx, g, opts.Root, opts.Depth)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
