package bench

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// The benchmark's own Cypher: emptying the graph between runs and the LOAD CSV forms it
// compares the loader with. It lives here, not in package cypher, so that the product binary
// carries none of it.
//
//go:embed queries/*.cypher
var queryFiles embed.FS

// queries are read when the package loads, so that a missing or empty file fails at once.
var queries = mustReadQueries(queryFiles)

func mustReadQueries(fsys fs.FS) map[string]string {
	q, err := readQueries(fsys)
	if err != nil {
		panic("bench: " + err.Error())
	}
	return q
}

// readQueries reads every queries/*.cypher file of fsys, keyed by file name without .cypher,
// without its // comment lines: the statement alone is sent, as it was when it lived in Go.
func readQueries(fsys fs.FS) (map[string]string, error) {
	entries, err := fs.ReadDir(fsys, "queries")
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		b, err := fs.ReadFile(fsys, path.Join("queries", e.Name()))
		if err != nil {
			return nil, err
		}
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "//") {
				lines = append(lines, l)
			}
		}
		q := strings.TrimSpace(strings.Join(lines, "\n"))
		if q == "" {
			return nil, fmt.Errorf("query file %s is empty", e.Name())
		}
		out[strings.TrimSuffix(e.Name(), ".cypher")] = q
	}
	return out, nil
}

// query returns one of the benchmark's queries. A missing name is a programming error.
func query(name string) string {
	q, ok := queries[name]
	if !ok {
		panic("bench: no query named " + name)
	}
	return q
}

// loadCSVQuery fills a LOAD CSV template: {LABEL}, {TYPE} and {SET} with what the caller
// checked, {ROWS} with the rows per transaction. Cypher takes no parameters in those places.
func loadCSVQuery(name string, rowsPerTx int, label, typ, set string) string {
	return strings.NewReplacer("{LABEL}", label, "{TYPE}", typ, "{SET}", set, "{ROWS}", strconv.Itoa(rowsPerTx)).Replace(query(name))
}
