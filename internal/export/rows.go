package export

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
)

// EntityRows are an entity's import rows as the graph holds them: its own row, its link rows
// (to and from it, when asked for) and the rows of the sources these cite. A form edits the
// row and sends it back whole; an ingester marks a held row and loads it again.
type EntityRows struct {
	Row     map[string]any   `json:"row"`
	Links   []map[string]any `json:"links"`
	Sources []map[string]any `json:"sources"`
}

// RowsOf exports the rows of entity id (a subgraph export around it, one step out with
// links), decoded with numbers kept as written. An unknown id is a not_found error.
func RowsOf(ctx context.Context, g Graph, id string, links bool) (EntityRows, error) {
	depth := 0
	if links {
		depth = 1 // the entity's links are rows between it and its neighbours
	}
	var buf bytes.Buffer
	if _, err := JSONL(ctx, g, &buf, Options{Root: id, Depth: depth}); err != nil {
		return EntityRows{}, err
	}
	out := EntityRows{Links: []map[string]any{}, Sources: []map[string]any{}}
	var sources []map[string]any
	cited := map[string]bool{}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	for {
		var row map[string]any
		if err := dec.Decode(&row); err != nil {
			break
		}
		switch {
		case row["id"] == id && row["type"] != "link":
			out.Row = row
			cite(cited, row)
		case links && row["type"] == "link" && (row["from"] == id || row["to"] == id):
			out.Links = append(out.Links, row)
			cite(cited, row)
		case row["type"] == "source":
			sources = append(sources, row)
		}
	}
	if out.Row == nil {
		return out, fmt.Errorf("export of %s holds no row of it", id)
	}
	// Only the sources the entity's row and links cite (the neighbours' rows cite others).
	for _, s := range sources {
		if cited[fmt.Sprint(s["id"])] {
			out.Sources = append(out.Sources, s)
		}
	}
	return out, nil
}

// cite notes the sources a row lists.
func cite(cited map[string]bool, row map[string]any) {
	if list, ok := row["sources"].([]any); ok {
		for _, s := range list {
			cited[fmt.Sprint(s)] = true
		}
	}
}
