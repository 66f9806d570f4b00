// Package bulk turns a validated load into the CSV files of `neo4j-admin database import
// full`, Neo4j's offline bulk loader, for a first load into an empty database.
//
// It is an importer.Sink: the importer validates every row exactly as for an online load and
// hands over the same batches, with the same content hashes and name keys; the sink writes
// them to files instead of Neo4j. The graph that neo4j-admin then builds is the one the online
// loader writes (a test loads the demo dataset both ways and compares them property by
// property). The database must be empty: every id is new.
package bulk

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/format"
	"github.com/cryograph/cryograph/internal/hashkey"
)

// arraySep separates a list's items in a cell (neo4j-admin's --array-delimiter).
const arraySep = "\x1f"

// safeName is what a property name must look like to go into a header or a statement.
var safeName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// Writer is the sink. Create it with New, pass it to importer.Load, then Close it and run
// neo4j-admin with Args.
type Writer struct {
	dir   string
	mu    sync.Mutex
	files map[string]*file         // by signature: what the file holds and its columns
	keys  map[hashkey.Key]struct{} // the name keys written, each once
	// Reused while a row is built (see start).
	sig, line []byte
	names     []string
	okNames   map[string]struct{}
	// EmptyLists are the list properties whose value is an empty list. neo4j-admin cannot
	// write one (an empty cell is no property), so they are set after the import.
	EmptyLists []cryo.EmptyList
	// Nodes, Rels and NameKeys count what the files hold.
	Nodes, Rels, NameKeys int
}

type file struct {
	kind  string // "nodes" or "relationships"
	group string // what the --nodes or --relationships argument names: labels or a type
	path  string
	f     *os.File
	w     *bufio.Writer
	rows  int
	// multiline: a cell holds a line break. neo4j-admin reads such a file in one thread
	// (--multiline-fields), so only these files are named to it.
	multiline bool
}

// New returns a sink that writes into dir, which must exist and be empty.
func New(dir string) (*Writer, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	if len(entries) > 0 {
		return nil, fmt.Errorf("bulk: %s is not empty", dir)
	}
	return &Writer{dir: dir, files: map[string]*file{}, keys: map[hashkey.Key]struct{}{}, okNames: map[string]struct{}{}}, nil
}

// HasEntities says no: the database is empty.
func (w *Writer) HasEntities(context.Context) (bool, error) { return false, nil }

// Lookup finds nothing: the database is empty.
func (w *Writer) Lookup(context.Context, []string) (map[string]cryo.GraphID, error) {
	return map[string]cryo.GraphID{}, nil
}

// ExternalOwners finds nothing: the database is empty.
func (w *Writer) ExternalOwners(context.Context, []cryo.ExternalID) (map[cryo.ExternalID]string, error) {
	return map[cryo.ExternalID]string{}, nil
}

// UpsertNodes writes a batch of nodes, their SOURCED_FROM relationships and their name keys.
func (w *Writer) UpsertNodes(_ context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	counts := map[string]cryo.UpsertCounts{}
	for _, n := range nodes {
		if !n.New {
			return nil, fmt.Errorf("bulk: %s is already in the graph; an offline load needs an empty database", n.ID)
		}
		if cryo.KindOf(n.Label) == "" {
			return nil, fmt.Errorf("bulk: %q is not a node label", n.Label)
		}
		w.start("nodes", "Entity:"+n.Label, "id:ID(Entity),importHash")
		w.cell(n.ID)
		w.cell(n.Hash)
		if err := w.props(n.Props, func(prop string) cryo.EmptyList { return cryo.EmptyList{NodeID: n.ID, Prop: prop} }); err != nil {
			return nil, fmt.Errorf("bulk: %s: %w", n.ID, err)
		}
		if err := w.end(); err != nil {
			return nil, err
		}
		w.Nodes++
		c := counts[n.Label]
		c.Created++
		counts[n.Label] = c
		for _, src := range n.Sources {
			w.start("relationships", "SOURCED_FROM", ":START_ID(Entity),:END_ID(Entity)")
			w.cell(n.ID)
			w.cell(src)
			if err := w.end(); err != nil {
				return nil, err
			}
			w.Rels++
		}
		for _, k := range n.NameKeys {
			hk := hashkey.Of(k.Key)
			if _, seen := w.keys[hk]; !seen {
				w.keys[hk] = struct{}{}
				w.start("nodes", "NameKey", "key:ID(NameKey)")
				w.cell(k.Key)
				if err := w.end(); err != nil {
					return nil, err
				}
			}
			w.start("relationships", "HAS_NAME_KEY", ":START_ID(Entity),:END_ID(NameKey)")
			w.cell(n.ID)
			w.cell(k.Key)
			if err := w.end(); err != nil {
				return nil, err
			}
			w.NameKeys++
		}
	}
	return counts, nil
}

// UpsertLinks writes a batch of relationships.
func (w *Writer) UpsertLinks(_ context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	counts := map[string]cryo.UpsertCounts{}
	for _, l := range links {
		if !format.IsLoadedRel(l.Rel) {
			return nil, fmt.Errorf("bulk: %q is not a relationship type a load writes", l.Rel)
		}
		w.start("relationships", l.Rel, ":START_ID(Entity),:END_ID(Entity),key,importHash")
		w.cell(l.From)
		w.cell(l.To)
		w.cell(l.Key)
		w.cell(l.Hash)
		err := w.props(l.Props, func(prop string) cryo.EmptyList {
			return cryo.EmptyList{Rel: l.Rel, From: l.From, To: l.To, Key: l.Key, Prop: prop}
		})
		if err != nil {
			return nil, fmt.Errorf("bulk: %s %s->%s: %w", l.Rel, l.From, l.To, err)
		}
		if err := w.end(); err != nil {
			return nil, err
		}
		w.Rels++
		c := counts[l.Rel]
		c.Created++
		counts[l.Rel] = c
	}
	return counts, nil
}

// A row is built in two reused buffers (a batch of 10,000 rows allocates little): sig, the
// file it goes to ("kind|group|header"), and line, its cells.

// start begins a row of the file of kind and group whose header begins with header.
func (w *Writer) start(kind, group, header string) {
	w.sig = append(append(append(append(append(w.sig[:0], kind...), '|'), group...), '|'), header...)
	w.line = w.line[:0]
}

// cell adds a quoted string: every value is quoted, so that an empty string stays an empty
// string (an empty unquoted cell is no property to neo4j-admin).
func (w *Writer) cell(s string) {
	w.sep()
	w.line = appendQuoted(w.line, s)
}

func (w *Writer) sep() {
	if len(w.line) > 0 {
		w.line = append(w.line, ',')
	}
}

func appendQuoted(b []byte, s string) []byte {
	return append(appendEscaped(append(b, '"'), s), '"')
}

// appendEscaped appends s with each quote doubled, as a quoted CSV cell holds it.
func appendEscaped(b []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			return append(b, s...)
		}
		b = append(append(b, s[:i+1]...), '"')
		s = s[i+1:]
	}
}

// list adds a quoted cell holding a list of strings.
func (w *Writer) list(items []string) error {
	for _, s := range items {
		if strings.Contains(s, arraySep) {
			return fmt.Errorf("a list item holds the control character U+001F")
		}
	}
	w.sep()
	w.line = append(w.line, '"')
	for i, s := range items {
		if i > 0 {
			w.line = append(w.line, arraySep...)
		}
		w.line = appendEscaped(w.line, s)
	}
	w.line = append(w.line, '"')
	return nil
}

// props adds a row's properties in name order: a typed header column and a cell each. Empty
// lists go to EmptyLists (through el) and get neither.
func (w *Writer) props(props map[string]any, el func(prop string) cryo.EmptyList) error {
	w.names = w.names[:0]
	for k := range props {
		w.names = append(w.names, k)
	}
	slices.Sort(w.names)
	for _, k := range w.names {
		if _, ok := w.okNames[k]; !ok {
			if !safeName.MatchString(k) || k == "id" || k == "key" || k == "importHash" {
				return fmt.Errorf("property name %q cannot be written", k)
			}
			w.okNames[k] = struct{}{} // a few dozen names, checked once each
		}
		var typ string
		switch x := props[k].(type) {
		case nil:
			continue
		case string:
			typ = "string"
			w.cell(x)
		case bool:
			typ = "boolean"
			w.sep()
			w.line = strconv.AppendBool(w.line, x)
		case int:
			typ = "long"
			w.sep()
			w.line = strconv.AppendInt(w.line, int64(x), 10)
		case int64:
			typ = "long"
			w.sep()
			w.line = strconv.AppendInt(w.line, x, 10)
		case float64:
			typ = "double"
			w.sep()
			w.line = strconv.AppendFloat(w.line, x, 'g', -1, 64)
		case []string, []any:
			items, ok := stringItems(x)
			if !ok {
				return fmt.Errorf("property %s: a list of other things than strings", k)
			}
			if len(items) == 0 {
				w.EmptyLists = append(w.EmptyLists, el(k))
				continue
			}
			typ = "string[]"
			if err := w.list(items); err != nil {
				return fmt.Errorf("property %s: %w", k, err)
			}
		default:
			return fmt.Errorf("property %s: a value of type %T", k, x)
		}
		w.sig = append(append(append(append(w.sig, ','), k...), ':'), typ...)
	}
	return nil
}

// stringItems returns a list property's items; false if one is not a string.
func stringItems(v any) ([]string, bool) {
	if s, ok := v.([]string); ok {
		return s, true
	}
	list := v.([]any)
	out := make([]string, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

// end appends the row to its file, creating the file (with its header) on first use.
func (w *Writer) end() error {
	f, ok := w.files[string(w.sig)]
	if !ok {
		sig := string(w.sig)
		kind, rest, _ := strings.Cut(sig, "|")
		group, header, _ := strings.Cut(rest, "|")
		path := filepath.Join(w.dir, fmt.Sprintf("%s-%03d.csv", kind, len(w.files)))
		fh, err := os.Create(path)
		if err != nil {
			return err
		}
		f = &file{kind: kind, group: group, path: path, f: fh, w: bufio.NewWriterSize(fh, 1<<18)}
		w.files[sig] = f
		if _, err := f.w.WriteString(header + "\n"); err != nil {
			return err
		}
	}
	f.rows++
	if !f.multiline && bytes.ContainsAny(w.line, "\n\r") { // only quoted cells can hold one
		f.multiline = true
	}
	w.line = append(w.line, '\n')
	_, err := f.w.Write(w.line)
	return err
}

// Close flushes and closes every file.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var first error
	for _, f := range w.files {
		if err := f.w.Flush(); err != nil && first == nil {
			first = err
		}
		if err := f.f.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Args are the arguments of `neo4j-admin database import full <database>` that import the
// files: one --nodes or --relationships per file, and the CSV dialect they are written in.
// Only the files with a line break in a cell are read as multi-line (--multiline-fields in
// its v2 form, a list of files): neo4j-admin parses those in one thread, the others in
// parallel chunks.
func (w *Writer) Args() []string {
	args := []string{"--id-type=string", "--array-delimiter=U+001F",
		"--ignore-empty-strings=false", "--overwrite-destination=true"}
	var fs []*file
	for _, f := range w.files {
		fs = append(fs, f)
	}
	slices.SortFunc(fs, func(a, b *file) int { return strings.Compare(a.path, b.path) })
	var multi, files []string
	for _, f := range fs {
		files = append(files, fmt.Sprintf("--%s=%s=%s", f.kind, f.group, f.path))
		if f.multiline {
			multi = append(multi, f.path)
		}
	}
	switch {
	case len(multi) == 0:
		args = append(args, "--multiline-fields=false")
	case strings.Contains(w.dir, ","): // the list is comma-separated: read every file as multi-line
		args = append(args, "--multiline-fields=true")
	default:
		args = append(args, "--multiline-fields-format=v2", "--multiline-fields="+strings.Join(multi, ","))
	}
	args = append(args, files...) // last: --nodes and --relationships take several values
	return args
}
