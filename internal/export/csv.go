package export

import (
	"context"
	"encoding/csv"
	"io"
)

// CSV writes the graph, or the subgraph opts selects, as two tables: nodes (id, label, then
// one column per property) and relationships (from, type, to, then one column per property),
// provenance included. The columns are fixed, whatever the data; lists are joined with "; ".
func CSV(ctx context.Context, g Graph, nodes, rels io.Writer, opts Options) (Stats, error) {
	var st Stats
	ids, err := scope(ctx, g, opts)
	if err != nil {
		return st, err
	}
	nw, rw := csv.NewWriter(nodes), csv.NewWriter(rels)
	if err := nw.Write(append([]string{"id", "label"}, nodeAttrs...)); err != nil {
		return st, err
	}
	if err := rw.Write(append([]string{"from", "type", "to"}, edgeAttrs...)); err != nil {
		return st, err
	}
	err = walk(ctx, g, ids, func(label string, e Entity) error {
		vals, err := attrs(label+" "+e.ID, e.Props, nodeAttrs)
		if err != nil {
			return err
		}
		st.Nodes++
		return nw.Write(append([]string{e.ID, label}, vals...))
	}, func(r Rel) error {
		vals, err := attrs(relName(r), r.Props, edgeAttrs)
		if err != nil {
			return err
		}
		st.Relationships++
		return rw.Write(append([]string{r.From, r.Type, r.To}, vals...))
	})
	if err != nil {
		return st, err
	}
	st.Rows = st.Nodes + st.Relationships
	for _, w := range []*csv.Writer{nw, rw} {
		w.Flush()
		if err := w.Error(); err != nil {
			return st, err
		}
	}
	return st, nil
}
