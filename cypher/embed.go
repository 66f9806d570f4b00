// Package cypher holds every Cypher statement CryoGraph runs: versioned schema migrations and
// the named queries of the store. Keeping them in .cypher files lets analysts read and PROFILE
// the exact text the service executes.
package cypher

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

var migrationName = regexp.MustCompile(`^V(\d{4})__([a-z0-9_]+)$`)

//go:embed migrations/*.cypher queries/*.cypher
var files embed.FS

// Migration is one versioned file from migrations/, named V0001__description.cypher.
type Migration struct {
	Version    int
	Name       string
	Statements []string
	// Source is the file's text; its checksum detects edits to applied migrations.
	Source string
}

// Migrations returns the migrations in version order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(files, "migrations")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".cypher")
		m := migrationName.FindStringSubmatch(name)
		if m == nil {
			return nil, fmt.Errorf("migration file %q: want V0001__description.cypher", e.Name())
		}
		v, _ := strconv.Atoi(m[1])
		b, err := files.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: name, Statements: SplitStatements(string(b)), Source: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("two migrations have version %d", out[i].Version)
		}
	}
	return out, nil
}

// SplitStatements splits a file on semicolons that end a line, dropping // comment lines.
func SplitStatements(src string) []string {
	var stmts []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "//") {
			continue
		}
		cur.WriteString(line)
		cur.WriteString("\n")
		if strings.HasSuffix(trimmed, ";") {
			stmts = append(stmts, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		stmts = append(stmts, s)
	}
	return stmts
}

// Queries loads every named query from queries/, keyed by file name without extension.
// Loading all of them at start makes a missing or empty file fail at once.
func Queries() (map[string]string, error) {
	entries, err := fs.ReadDir(files, "queries")
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		b, err := files.ReadFile(path.Join("queries", e.Name()))
		if err != nil {
			return nil, err
		}
		q := strings.TrimSpace(string(b))
		if q == "" {
			return nil, fmt.Errorf("query file %s is empty", e.Name())
		}
		out[strings.TrimSuffix(e.Name(), ".cypher")] = q
	}
	return out, nil
}
