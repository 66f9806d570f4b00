package export

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// GraphML writes the graph, or the subgraph opts selects, as one GraphML document that Gephi,
// yEd and Cytoscape open: every node with the attribute "label" (its kind: Person,
// Organization, ...) and its properties, every relationship as a directed edge with "label"
// (its type) and its properties, provenance included. Every attribute is declared as a <key>
// with attr.name and attr.type; lists are joined with "; ". Node ids are the entities' ids.
func GraphML(ctx context.Context, g Graph, w io.Writer, opts Options) (Stats, error) {
	var st Stats
	ids, err := scope(ctx, g, opts)
	if err != nil {
		return st, err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range []struct {
		prefix, domain string
		attrs          []string
	}{{"n_", "node", nodeAttrs}, {"e_", "edge", edgeAttrs}} {
		for _, a := range append([]string{"label"}, k.attrs...) {
			fmt.Fprintf(bw, "  <key id=\"%s%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", k.prefix, a, k.domain, a, graphmlType(a))
		}
	}
	bw.WriteString("  <graph id=\"cryograph\" edgedefault=\"directed\">\n")
	data := func(prefix string, cols, vals []string) {
		for i, v := range vals {
			if v != "" {
				fmt.Fprintf(bw, "      <data key=\"%s%s\">%s</data>\n", prefix, cols[i], escape(v))
			}
		}
	}
	err = walk(ctx, g, ids, func(label string, e Entity) error {
		vals, err := attrs(label+" "+e.ID, e.Props, nodeAttrs)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "    <node id=\"%s\">\n", escape(e.ID))
		data("n_", []string{"label"}, []string{label})
		data("n_", nodeAttrs, vals)
		bw.WriteString("    </node>\n")
		st.Nodes++
		return nil
	}, func(r Rel) error {
		vals, err := attrs(relName(r), r.Props, edgeAttrs)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", st.Relationships, escape(r.From), escape(r.To))
		data("e_", []string{"label"}, []string{r.Type})
		data("e_", edgeAttrs, vals)
		bw.WriteString("    </edge>\n")
		st.Relationships++
		return nil
	})
	if err != nil {
		return st, err
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	st.Rows = st.Nodes + st.Relationships
	return st, bw.Flush()
}

func graphmlType(attr string) string {
	switch kindOf(attr) {
	case flag:
		return "boolean"
	case number:
		return "double"
	}
	return "string"
}

// escape makes s safe in XML text and attribute values; characters XML cannot hold become
// U+FFFD.
func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
