// Package bench measures CryoGraph's loader against the reference ways of putting the same rows
// into Neo4j, in one run on one machine: one statement per row, LOAD CSV with
// CALL {} IN TRANSACTIONS, and neo4j-admin's offline bulk import (the ceiling).
package bench

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cryograph/cryograph/internal/format"
)

// csvNode and csvRel are the rows the CSV forms carry: exactly the nodes and relationships the
// importer writes for the same file (derived ones and SOURCED_FROM included).
type csvSet struct {
	dir       string
	nodeFiles map[string]*csvFile // by label
	relFiles  map[string]*csvFile // by type
	Nodes     int
	Rels      int
}

type csvFile struct {
	f    *os.File
	w    *csv.Writer
	path string
	rows int
}

// nodeColumns are the properties carried to CSV: enough to be a fair comparison (ids, names,
// kinds, dates), the same for LOAD CSV and neo4j-admin.
var nodeColumns = []string{"id", "name", "kind", "country", "start", "published"}

func (c *csvSet) file(m map[string]*csvFile, name string, header []string) (*csvFile, error) {
	if f, ok := m[name]; ok {
		return f, nil
	}
	path := filepath.Join(c.dir, name+".csv")
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	cf := &csvFile{f: f, w: csv.NewWriter(bufio.NewWriterSize(f, 1<<20)), path: path}
	if err := cf.w.Write(header); err != nil {
		return nil, err
	}
	m[name] = cf
	return cf, nil
}

// WriteCSV converts the import-format file at path into per-label node CSVs and per-type
// relationship CSVs in dir, through the importer's own parser, so every form loads the same
// graph.
func WriteCSV(path, dir string) (*csvSet, error) {
	c := &csvSet{dir: dir, nodeFiles: map[string]*csvFile{}, relFiles: map[string]*csvFile{}}
	err := eachParsed(path, func(_ int, p *format.Parsed) error {
		for _, n := range p.Nodes {
			f, err := c.file(c.nodeFiles, "nodes_"+n.Label, nodeColumns)
			if err != nil {
				return err
			}
			rec := make([]string, len(nodeColumns))
			rec[0] = n.ID
			for i, col := range nodeColumns[1:] {
				if v, ok := n.Props[col].(string); ok {
					rec[i+1] = v
				}
			}
			if err := f.w.Write(rec); err != nil {
				return err
			}
			f.rows++
			c.Nodes++
			for _, s := range n.Sources {
				if err := c.rel("SOURCED_FROM", n.ID, s, ""); err != nil {
					return err
				}
			}
		}
		for _, l := range p.Links {
			if err := c.rel(l.Rel, l.From, l.To, l.Key); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, m := range []map[string]*csvFile{c.nodeFiles, c.relFiles} {
		for _, f := range m {
			if err := f.close(); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// close flushes the file's rows and closes it.
func (f *csvFile) close() error {
	f.w.Flush()
	if err := f.w.Error(); err != nil {
		return err
	}
	return f.f.Close()
}

func (c *csvSet) rel(typ, from, to, key string) error {
	f, err := c.file(c.relFiles, "rels_"+typ, []string{"from", "to", "key"})
	if err != nil {
		return err
	}
	f.rows++
	c.Rels++
	return f.w.Write([]string{from, to, key})
}

// Labels and Types list the files written, sorted.
func (c *csvSet) Labels() []string { return sortedKeys(c.nodeFiles, "nodes_") }

// Types lists the relationship types written.
func (c *csvSet) Types() []string { return sortedKeys(c.relFiles, "rels_") }

func sortedKeys(m map[string]*csvFile, prefix string) []string {
	var out []string
	for k := range m {
		out = append(out, strings.TrimPrefix(k, prefix))
	}
	sort.Strings(out)
	return out
}

// loadCSVStatements are the LOAD CSV statements for the set, nodes first; file names are
// relative to Neo4j's import directory. They MERGE on the same unique ids as the loader.
func (c *csvSet) loadCSVStatements(rowsPerTx int) []string {
	var out []string
	for _, l := range c.Labels() {
		out = append(out, loadCSVQuery("load_csv_nodes", rowsPerTx, l, "", ""))
	}
	for _, t := range c.Types() {
		out = append(out, loadCSVQuery("load_csv_rels", rowsPerTx, "", t, ""))
	}
	return out
}

// adminFiles writes the neo4j-admin forms of the CSV set (headers with :ID, :START_ID,
// :END_ID) and returns the --nodes and --relationships arguments.
func (c *csvSet) adminFiles(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var args []string
	for _, l := range c.Labels() {
		dst := filepath.Join(dir, "nodes_"+l+".csv")
		if err := copyWithHeader(c.nodeFiles["nodes_"+l].path, dst, "id:ID,name,kind,country,start,published"); err != nil {
			return nil, err
		}
		args = append(args, fmt.Sprintf("--nodes=%s:Entity=%s", l, dst))
	}
	for _, t := range c.Types() {
		dst := filepath.Join(dir, "rels_"+t+".csv")
		if err := copyWithHeader(c.relFiles["rels_"+t].path, dst, ":START_ID,:END_ID,key"); err != nil {
			return nil, err
		}
		args = append(args, fmt.Sprintf("--relationships=%s=%s", t, dst))
	}
	return args, nil
}

// copyWithHeader copies the CSV file src to dst with another header line.
func copyWithHeader(src, dst, header string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	r := bufio.NewReaderSize(in, 1<<20)
	if _, err := r.ReadString('\n'); err != nil { // drop the plain header
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	if _, err := w.WriteString(header + "\n"); err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		return err
	}
	return w.Flush()
}
