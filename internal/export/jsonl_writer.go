package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cryograph/cryograph/internal/format"
)

// JSONL writes the graph, or the subgraph opts selects, in the import format: a header line,
// then one row per entity (sources, topics, organizations, people, events, publications,
// partnerships, each in id order), then one link row per remaining relationship, ordered by
// (from, rel, to, key). Keys come in a fixed order, so the same graph gives the same bytes.
//
// What the import format writes inside a row is folded back into it: a node's SOURCED_FROM
// relationships become its "sources", ALIAS_SOURCED_FROM ones its alias objects, a topic's
// SUBTOPIC_OF its "parents", a partnership's PARTY_TO and ABOUT its "parties" and "topics"
// (jsonl_rows.go).
//
// Every row is checked by parsing it as the importer does and comparing what the importer
// would write with what the graph holds (jsonl_verify.go); any difference fails the export
// (ErrNotExportable), so loading the file into an empty database gives the same nodes,
// relationships and properties (importHash aside, which depends on the order of a row's
// sources).
func JSONL(ctx context.Context, g Graph, w io.Writer, opts Options) (Stats, error) {
	ids, err := scope(ctx, g, opts)
	if err != nil {
		return Stats{}, err
	}
	jw := &jsonlWriter{bw: bufio.NewWriter(w)}
	if err := jw.put(format.Object{{Key: "format", Value: "cryograph"}, {Key: "version", Value: format.Version}}, nil); err != nil {
		return jw.st, err
	}
	for _, label := range Kinds {
		jw.label = label
		if err := g.ExportEntities(ctx, label, ids, jw.entity); err != nil {
			return jw.st, fmt.Errorf("export %s nodes: %w", label, err)
		}
	}
	if err := g.ExportRelationships(ctx, provenanceTypes, ids, jw.link); err != nil {
		return jw.st, fmt.Errorf("export relationships: %w", err)
	}
	if err := jw.writeMerges(ctx, g, ids); err != nil {
		return jw.st, fmt.Errorf("export merges: %w", err)
	}
	return jw.st, jw.bw.Flush()
}

// jsonlWriter writes the rows of one JSONL export and counts them.
type jsonlWriter struct {
	bw    *bufio.Writer
	st    Stats
	label string // the label of the entities being written
	last  string // the identity of the last link row, (from, rel, to, key)
}

// put encodes a row, checks it if check is set, and writes it as a line.
func (jw *jsonlWriter) put(row format.Object, check func(line []byte) error) error {
	line, err := format.EncodeRow(row)
	if err != nil {
		return err
	}
	if check != nil {
		if err := check(line); err != nil {
			return err
		}
	}
	jw.st.Rows++
	line = append(line, '\n')
	_, err = jw.bw.Write(line)
	return err
}

// entity writes the row of one entity of jw.label.
func (jw *jsonlWriter) entity(e Entity) error {
	row, check, rels, err := entityRow(jw.label, unmerged(e))
	if err != nil {
		return err
	}
	jw.st.Nodes++
	jw.st.Relationships += rels
	return jw.put(row, check)
}

// link writes the link row of one relationship, unless its owner's row holds it.
func (jw *jsonlWriter) link(r Rel) error {
	if movedByMerge(r) {
		return nil // the merge row replays it
	}
	if r.Owner != nil {
		owner := unmerged(*r.Owner)
		r.Owner = &owner
	}
	rowOf := linkRow
	if r.Type == format.RegistryRel {
		rowOf = registryRow // a registry_record row (jsonl_registry.go)
	}
	row, check, err := rowOf(r)
	if err != nil || row == nil {
		return err
	}
	key, _ := r.Props["key"].(string)
	k := strings.Join([]string{r.From, r.Type, r.To, key}, "\x00")
	if k == jw.last {
		return notExportable(relName(r), "there are two such relationships with the key %q; a link row is keyed on (from, rel, to, key)", key)
	}
	jw.last = k
	jw.st.Relationships++
	return jw.put(row, check)
}
