package bench

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/format"
)

// The "same graph" CSV form. The minimal form (csvSet) carries ids, a few node columns and
// relationship keys: LOAD CSV then writes much less than the loader. This form carries what
// the loader writes: every property with its type, the import hashes, the SOURCED_FROM
// relationships and the name keys (NameKey nodes and HAS_NAME_KEY relationships, MERGEd per
// entity as the loader does), so LOAD CSV does the same writes; only validation is the
// loader's alone. A test loads the demo dataset both ways and compares the graphs.

// valueKind is how a CSV cell becomes a property again in LOAD CSV.
type valueKind int

const (
	kindString valueKind = iota
	kindBool
	kindInt
	kindFloat
	kindList // a list of strings
)

// listSep separates a list's items in a cell, and emptyList marks an empty list (an empty
// cell is null in LOAD CSV).
const (
	listSep   = "\x1f"
	emptyList = "\x1e"
)

// safeName is what a property name must look like to go into the statement text.
var safeName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// columns are the properties one label or type carries, in a stable order, with their kinds.
type columns struct {
	names []string
	kinds map[string]valueKind
}

func (c *columns) see(props map[string]any) error {
	for k, v := range props {
		kind, err := kindOf(v)
		if err != nil {
			return fmt.Errorf("property %s: %w", k, err)
		}
		if old, ok := c.kinds[k]; ok {
			if old != kind {
				return fmt.Errorf("property %s has two types", k)
			}
			continue
		}
		if !safeName.MatchString(k) {
			return fmt.Errorf("property name %q cannot go into a statement", k)
		}
		c.kinds[k] = kind
		c.names = append(c.names, k)
	}
	return nil
}

func kindOf(v any) (valueKind, error) {
	switch v.(type) {
	case string:
		return kindString, nil
	case bool:
		return kindBool, nil
	case int, int64:
		return kindInt, nil
	case float64:
		return kindFloat, nil
	case []string:
		return kindList, nil
	case []any:
		for _, x := range v.([]any) {
			if _, ok := x.(string); !ok {
				return 0, fmt.Errorf("a list of %T", x)
			}
		}
		return kindList, nil
	}
	return 0, fmt.Errorf("a value of type %T", v)
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []string:
		if len(x) == 0 {
			return emptyList
		}
		return strings.Join(x, listSep)
	case []any:
		s := make([]string, len(x))
		for i, e := range x {
			s[i], _ = e.(string)
		}
		return cell(s)
	}
	return fmt.Sprint(v)
}

// expr turns column c of row back into a property value.
func expr(c string, kind valueKind) string {
	col := "row.`" + c + "`"
	switch kind {
	case kindBool:
		return "toBoolean(" + col + ")"
	case kindInt:
		return "toInteger(" + col + ")"
	case kindFloat:
		return "toFloat(" + col + ")"
	case kindList:
		return fmt.Sprintf(`CASE %[1]s WHEN null THEN null WHEN '\u001e' THEN [] ELSE split(%[1]s, '\u001f') END`, col)
	}
	return col
}

func (c *columns) sets(v string) string {
	var out []string
	for _, n := range c.names {
		out = append(out, fmt.Sprintf("%s.`%s` = %s", v, n, expr(n, c.kinds[n])))
	}
	return strings.Join(out, ", ")
}

// FullSet is the same-graph CSV form of a dataset, written into a server's import directory.
type FullSet struct {
	dir      string
	nodeCols map[string]*columns // by label
	relCols  map[string]*columns // by type
	files    map[string]*csvFile
	// Nodes and Rels count the entities and relationships (SOURCED_FROM included), NameKeys the
	// HAS_NAME_KEY relationships, as the loader writes them.
	Nodes, Rels, NameKeys int
}

// WriteFullCSV converts the import-format file at path into the same-graph CSV form in dir,
// through the importer's own parser. It reads the file twice: once to learn each label's
// and type's properties, once to write.
func WriteFullCSV(path, dir string) (*FullSet, error) {
	s := &FullSet{dir: dir, nodeCols: map[string]*columns{}, relCols: map[string]*columns{}, files: map[string]*csvFile{}}
	cols := func(m map[string]*columns, name string) *columns {
		if m[name] == nil {
			m[name] = &columns{kinds: map[string]valueKind{}}
		}
		return m[name]
	}
	err := eachParsed(path, func(line int, p *format.Parsed) error {
		for _, n := range p.Nodes {
			if err := cols(s.nodeCols, n.Label).see(n.Props); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
		}
		for _, l := range p.Links {
			if err := cols(s.relCols, l.Rel).see(l.Props); err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, c := range s.nodeCols {
		sort.Strings(c.names)
	}
	for _, c := range s.relCols {
		sort.Strings(c.names)
	}
	err = eachParsed(path, func(line int, p *format.Parsed) error {
		for _, n := range p.Nodes {
			c := s.nodeCols[n.Label]
			sources := slices.Sorted(slices.Values(n.Sources))
			rec := []string{n.ID, format.Hash(n.Label, n.Props, sources)}
			for _, k := range c.names {
				rec = append(rec, cell(n.Props[k]))
			}
			if err := s.write("full_nodes_"+n.Label, append([]string{"id", "importHash"}, c.names...), rec); err != nil {
				return err
			}
			s.Nodes++
			for _, src := range n.Sources {
				if err := s.write("full_sourced", []string{"from", "to"}, []string{n.ID, src}); err != nil {
					return err
				}
				s.Rels++
			}
			name, _ := n.Props["name"].(string)
			aliases, _ := n.Props["aliases"].([]string)
			for _, k := range cryo.EntityNameKeys(n.Label, name, aliases) {
				if err := s.write("full_namekeys", []string{"id", "key"}, []string{n.ID, k.Key}); err != nil {
					return err
				}
				s.NameKeys++
			}
		}
		for _, l := range p.Links {
			c := s.relCols[l.Rel]
			rec := []string{l.From, l.To, l.Key, format.Hash(l.Rel, l.Props)}
			for _, k := range c.names {
				rec = append(rec, cell(l.Props[k]))
			}
			if err := s.write("full_rels_"+l.Rel, append([]string{"from", "to", "key", "importHash"}, c.names...), rec); err != nil {
				return err
			}
			s.Rels++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, f := range s.files {
		if err := f.close(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *FullSet) write(name string, header, rec []string) error {
	f, ok := s.files[name]
	if !ok {
		path := filepath.Join(s.dir, name+".csv")
		fh, err := os.Create(path)
		if err != nil {
			return err
		}
		f = &csvFile{f: fh, w: csv.NewWriter(bufio.NewWriterSize(fh, 1<<20)), path: path}
		if err := f.w.Write(header); err != nil {
			return err
		}
		s.files[name] = f
	}
	f.rows++
	return f.w.Write(rec)
}

// Statements are the LOAD CSV statements that load the set: sources first (other nodes point
// to them), then the other nodes with their SOURCED_FROM relationships and name keys, then
// the relationships. Labels, types and property names come from the importer's parser and
// are checked (allow-lists, safeName) before they go into the text.
func (s *FullSet) Statements(rowsPerTx int) ([]string, error) {
	var out []string
	labels := slices.Sorted(maps.Keys(s.nodeCols))
	// Sources first, as the loader does: other nodes point to them.
	if i := slices.Index(labels, "Source"); i > 0 {
		labels = append([]string{"Source"}, slices.Delete(labels, i, i+1)...)
	}
	for _, l := range labels {
		if cryo.KindOf(l) == "" {
			return nil, fmt.Errorf("%q is not a node label", l)
		}
		set := "n:" + l + ", n.importHash = row.importHash"
		if more := s.nodeCols[l].sets("n"); more != "" {
			set += ", " + more
		}
		out = append(out, loadCSVQuery("full_nodes", rowsPerTx, l, "", set))
	}
	if _, ok := s.files["full_sourced"]; ok {
		out = append(out, loadCSVQuery("full_sourced", rowsPerTx, "", "", ""))
	}
	if _, ok := s.files["full_namekeys"]; ok {
		out = append(out, loadCSVQuery("full_namekeys", rowsPerTx, "", "", ""))
	}
	types := slices.Sorted(maps.Keys(s.relCols))
	for _, t := range types {
		if !format.IsLoadedRel(t) {
			return nil, fmt.Errorf("%q is not a relationship type a load writes", t)
		}
		set := "r.key = coalesce(row.key, ''), r.importHash = row.importHash"
		if more := s.relCols[t].sets("r"); more != "" {
			set += ", " + more
		}
		out = append(out, loadCSVQuery("full_rels", rowsPerTx, "", t, set))
	}
	return out, nil
}

// eachParsed calls fn with every parsed row of the file.
func eachParsed(path string, fn func(line int, p *format.Parsed) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		m, err := format.DecodeLine(sc.Bytes())
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		p, err := format.Parse(line, m)
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if p != nil {
			if err := fn(line, p); err != nil {
				return err
			}
		}
	}
	return sc.Err()
}
