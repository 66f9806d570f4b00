package export

import (
	"context"
	"fmt"
	"strings"
)

// walk streams the nodes and then the relationships of the graph (or of ids), checking each
// against what the export knows, for the writers that mirror the graph as it is: GraphML and
// CSV. Provenance relationships are included, as edges like any other.
func walk(ctx context.Context, g Graph, ids []string, node func(label string, e Entity) error, edge func(r Rel) error) error {
	for _, label := range Kinds {
		err := g.ExportEntities(ctx, label, ids, func(e Entity) error {
			what := label + " " + e.ID
			if len(e.Labels) != 1 || e.Labels[0] != label {
				return notExportable(what, "it has the labels %v besides Entity; an entity has exactly one of %s",
					e.Labels, strings.Join(Kinds, ", "))
			}
			e.Props = asIs(e.Props)
			if err := checkProps(what, e.Props, knownNodeProps(label)); err != nil {
				return err
			}
			return node(label, e)
		})
		if err != nil {
			return fmt.Errorf("export %s nodes: %w", label, err)
		}
	}
	err := g.ExportRelationships(ctx, nil, ids, func(r Rel) error {
		r.Props = asIs(r.Props)
		known := knownRelProps(r.Type)
		if known == nil {
			return notExportable(relName(r), "relationship type %s is not part of the export", r.Type)
		}
		if err := checkProps(relName(r), r.Props, known); err != nil {
			return err
		}
		return edge(r)
	})
	if err != nil {
		return fmt.Errorf("export relationships: %w", err)
	}
	return nil
}

// attrs renders the properties of an element for the columns cols, "" where absent.
func attrs(what string, props map[string]any, cols []string) ([]string, error) {
	out := make([]string, len(cols))
	for i, c := range cols {
		v, ok := props[c]
		if !ok || v == nil {
			continue
		}
		s, err := asText(what, c, v)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}
