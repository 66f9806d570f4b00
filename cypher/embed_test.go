package cypher

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitStatements(t *testing.T) {
	got := SplitStatements("// comment\nCREATE INDEX a IF NOT EXISTS\n  FOR (n:A) ON (n.x);\n\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y);\nRETURN 1")
	assert.Equal(t, []string{
		"CREATE INDEX a IF NOT EXISTS\n  FOR (n:A) ON (n.x)",
		"CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y)",
		"RETURN 1",
	}, got)
}

func TestMigrationsAreOrderedAndIdempotent(t *testing.T) {
	ms, err := Migrations()
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	for i, m := range ms {
		assert.Equal(t, i+1, m.Version, "versions are consecutive from 1")
		for _, s := range m.Statements {
			if strings.HasPrefix(s, "MERGE ") {
				continue // a data migration: MERGE on a unique key is re-runnable by itself
			}
			assert.Contains(t, s, "IF NOT EXISTS", "%s: every schema statement must be re-runnable", m.Name)
		}
	}
}

func TestQueriesLoad(t *testing.T) {
	qs, err := Queries()
	require.NoError(t, err)
	for _, name := range []string{"experts_by_topic", "import_upsert_nodes", "import_upsert_links", "migrations_applied"} {
		assert.NotEmpty(t, qs[name], name)
	}
	for name, q := range qs {
		assert.NotContains(t, strings.ToLower(q), "apoc.", "%s: the project must not depend on APOC", name)
	}
}
