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
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
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
	files map[string]*file // by signature: what the file holds and its columns
	keys  map[string]struct{}
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
	return &Writer{dir: dir, files: map[string]*file{}, keys: map[string]struct{}{}}, nil
}

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
		cols, cells, err := w.props(n.Props, func(prop string) cryo.EmptyList { return cryo.EmptyList{NodeID: n.ID, Prop: prop} })
		if err != nil {
			return nil, fmt.Errorf("bulk: %s: %w", n.ID, err)
		}
		header := append([]string{"id:ID(Entity)", "importHash"}, cols...)
		if err := w.write("nodes", "Entity:"+n.Label, header, append([]string{quote(n.ID), quote(n.Hash)}, cells...)); err != nil {
			return nil, err
		}
		w.Nodes++
		c := counts[n.Label]
		c.Created++
		counts[n.Label] = c
		for _, src := range n.Sources {
			if err := w.write("relationships", "SOURCED_FROM", []string{":START_ID(Entity)", ":END_ID(Entity)"}, []string{quote(n.ID), quote(src)}); err != nil {
				return nil, err
			}
			w.Rels++
		}
		for _, k := range n.NameKeys {
			if _, seen := w.keys[k.Key]; !seen {
				w.keys[k.Key] = struct{}{}
				if err := w.write("nodes", "NameKey", []string{"key:ID(NameKey)"}, []string{quote(k.Key)}); err != nil {
					return nil, err
				}
			}
			names, err := list(k.Names)
			if err != nil {
				return nil, fmt.Errorf("bulk: %s: name key %q: %w", n.ID, k.Key, err)
			}
			if len(k.Names) == 0 {
				return nil, fmt.Errorf("bulk: %s: name key %q has no names", n.ID, k.Key)
			}
			if err := w.write("relationships", "HAS_NAME_KEY", []string{":START_ID(Entity)", ":END_ID(NameKey)", "names:string[]"},
				[]string{quote(n.ID), quote(k.Key), names}); err != nil {
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
		if !importer.IsLoadedRel(l.Rel) {
			return nil, fmt.Errorf("bulk: %q is not a relationship type a load writes", l.Rel)
		}
		cols, cells, err := w.props(l.Props, func(prop string) cryo.EmptyList {
			return cryo.EmptyList{Rel: l.Rel, From: l.From, To: l.To, Key: l.Key, Prop: prop}
		})
		if err != nil {
			return nil, fmt.Errorf("bulk: %s %s->%s: %w", l.Rel, l.From, l.To, err)
		}
		header := append([]string{":START_ID(Entity)", ":END_ID(Entity)", "key", "importHash"}, cols...)
		if err := w.write("relationships", l.Rel, header, append([]string{quote(l.From), quote(l.To), quote(l.Key), quote(l.Hash)}, cells...)); err != nil {
			return nil, err
		}
		w.Rels++
		c := counts[l.Rel]
		c.Created++
		counts[l.Rel] = c
	}
	return counts, nil
}

// props returns the typed header columns and the cells of a row's properties, in name order.
// Empty lists go to EmptyLists (through el) and get an empty cell.
func (w *Writer) props(props map[string]any, el func(prop string) cryo.EmptyList) (cols, cells []string, err error) {
	for _, k := range slices.Sorted(maps.Keys(props)) {
		if !safeName.MatchString(k) || k == "id" || k == "key" || k == "importHash" {
			return nil, nil, fmt.Errorf("property name %q cannot be written", k)
		}
		v := props[k]
		var typ, c string
		switch x := v.(type) {
		case nil:
			continue
		case string:
			typ, c = "string", quote(x)
		case bool:
			typ, c = "boolean", strconv.FormatBool(x)
		case int:
			typ, c = "long", strconv.Itoa(x)
		case int64:
			typ, c = "long", strconv.FormatInt(x, 10)
		case float64:
			typ, c = "double", strconv.FormatFloat(x, 'g', -1, 64)
		case []string, []any:
			items, ok := stringItems(x)
			if !ok {
				return nil, nil, fmt.Errorf("property %s: a list of other things than strings", k)
			}
			if len(items) == 0 {
				w.EmptyLists = append(w.EmptyLists, el(k))
				continue
			}
			typ = "string[]"
			if c, err = list(items); err != nil {
				return nil, nil, fmt.Errorf("property %s: %w", k, err)
			}
		default:
			return nil, nil, fmt.Errorf("property %s: a value of type %T", k, v)
		}
		cols = append(cols, k+":"+typ)
		cells = append(cells, c)
	}
	return cols, cells, nil
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

// list is a quoted cell holding a list of strings.
func list(items []string) (string, error) {
	for _, s := range items {
		if strings.Contains(s, arraySep) {
			return "", fmt.Errorf("a list item holds the control character U+001F")
		}
	}
	return quote(strings.Join(items, arraySep)), nil
}

// quote writes every value in quotes, so that an empty string stays an empty string (an
// empty unquoted cell is no property to neo4j-admin).
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// write appends a row to the file of its kind, group and header, creating it on first use.
func (w *Writer) write(kind, group string, header, cells []string) error {
	sig := kind + "|" + group + "|" + strings.Join(header, ",")
	f, ok := w.files[sig]
	if !ok {
		path := filepath.Join(w.dir, fmt.Sprintf("%s-%03d.csv", kind, len(w.files)))
		fh, err := os.Create(path)
		if err != nil {
			return err
		}
		f = &file{kind: kind, group: group, path: path, f: fh, w: bufio.NewWriterSize(fh, 1<<18)}
		w.files[sig] = f
		if _, err := f.w.WriteString(strings.Join(header, ",") + "\n"); err != nil {
			return err
		}
	}
	f.rows++
	if _, err := f.w.WriteString(strings.Join(cells, ",")); err != nil {
		return err
	}
	return f.w.WriteByte('\n')
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
func (w *Writer) Args() []string {
	args := []string{"--id-type=string", "--array-delimiter=U+001F", "--multiline-fields=true",
		"--ignore-empty-strings=false", "--overwrite-destination=true"}
	var fs []*file
	for _, f := range w.files {
		fs = append(fs, f)
	}
	slices.SortFunc(fs, func(a, b *file) int { return strings.Compare(a.path, b.path) })
	for _, f := range fs {
		args = append(args, fmt.Sprintf("--%s=%s=%s", f.kind, f.group, f.path))
	}
	return args
}
