package bench

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEveryQueryFileIsAStatementWithoutComments(t *testing.T) {
	require.NotEmpty(t, queries)
	for name, q := range queries {
		for _, line := range strings.Split(q, "\n") {
			assert.False(t, strings.HasPrefix(strings.TrimSpace(line), "//"), "%s: %s", name, line)
		}
	}
	_, err := readQueries(fstest.MapFS{"queries/blank.cypher": {Data: []byte("// only a comment\n")}})
	assert.ErrorContains(t, err, "blank.cypher is empty")
}

// The LOAD CSV statements moved from Go strings to .cypher files; the text sent must be the
// same as before the move, or the figures in docs/benchmarks.md would not compare.
func TestLoadCSVStatementsAreTheTextBeforeTheMove(t *testing.T) {
	set := &csvSet{nodeFiles: map[string]*csvFile{"nodes_Person": {}}, relFiles: map[string]*csvFile{"rels_AFFILIATED_WITH": {}}}
	assert.Equal(t, []string{
		fmt.Sprintf(`LOAD CSV WITH HEADERS FROM 'file:///nodes_%s.csv' AS row
CALL { WITH row
  MERGE (n:Entity {id: row.id})
  SET n:%s, n.name = row.name, n.kind = row.kind, n.country = row.country, n.start = row.start, n.published = row.published
} IN TRANSACTIONS OF %d ROWS`, "Person", "Person", 5000),
		fmt.Sprintf(`LOAD CSV WITH HEADERS FROM 'file:///rels_%s.csv' AS row
CALL { WITH row
  MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
  MERGE (a)-[r:%s {key: coalesce(row.key, '')}]->(b)
} IN TRANSACTIONS OF %d ROWS`, "AFFILIATED_WITH", "AFFILIATED_WITH", 5000),
	}, set.loadCSVStatements(5000))

	full := &FullSet{
		nodeCols: map[string]*columns{
			"Person": {names: []string{"name"}, kinds: map[string]valueKind{"name": kindString}},
			"Source": {kinds: map[string]valueKind{}},
		},
		relCols: map[string]*columns{"AFFILIATED_WITH": {names: []string{"since"}, kinds: map[string]valueKind{"since": kindInt}}},
		files:   map[string]*csvFile{"full_sourced": {}, "full_namekeys": {}},
	}
	stmts, err := full.Statements(5000)
	require.NoError(t, err)
	tx := fmt.Sprintf("} IN TRANSACTIONS OF %d ROWS", 5000)
	assert.Equal(t, []string{
		fmt.Sprintf("LOAD CSV WITH HEADERS FROM 'file:///full_nodes_%s.csv' AS row\nCALL { WITH row\n  MERGE (n:Entity {id: row.id})\n  SET %s\n%s", "Source", "n:Source, n.importHash = row.importHash", tx),
		fmt.Sprintf("LOAD CSV WITH HEADERS FROM 'file:///full_nodes_%s.csv' AS row\nCALL { WITH row\n  MERGE (n:Entity {id: row.id})\n  SET %s\n%s", "Person", "n:Person, n.importHash = row.importHash, n.`name` = row.`name`", tx),
		"LOAD CSV WITH HEADERS FROM 'file:///full_sourced.csv' AS row\nCALL { WITH row\n  MATCH (n:Entity {id: row.from}) MATCH (src:Source {id: row.to})\n  MERGE (n)-[:SOURCED_FROM]->(src)\n" + tx,
		"LOAD CSV WITH HEADERS FROM 'file:///full_namekeys.csv' AS row\nCALL { WITH row\n  MATCH (n:Entity {id: row.id})\n  MERGE (k:NameKey {key: row.key})\n  MERGE (n)-[:HAS_NAME_KEY]->(k)\n" + tx,
		fmt.Sprintf("LOAD CSV WITH HEADERS FROM 'file:///full_rels_%s.csv' AS row\nCALL { WITH row\n  MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})\n  MERGE (a)-[r:%s {key: coalesce(row.key, '')}]->(b)\n  SET %s\n%s",
			"AFFILIATED_WITH", "AFFILIATED_WITH", "r.key = coalesce(row.key, ''), r.importHash = row.importHash, r.`since` = toInteger(row.`since`)", tx),
	}, stmts)
}
