package store_test

import (
	"context"
	"os"
	"regexp"
	"testing"

	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestModelDocExamplesRun runs every Cypher example in docs/model.md against the demo data:
// each must succeed and return at least one row, so the analysts' examples stay true.
func TestModelDocExamplesRun(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	doc, err := os.ReadFile("../../docs/model.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```cypher\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	require.GreaterOrEqual(t, len(blocks), 5)
	for _, b := range blocks {
		query := b[1]
		t.Run(regexp.MustCompile(`\s+`).ReplaceAllString(query, " ")[:60], func(t *testing.T) {
			res, err := neo4j.ExecuteQuery(context.Background(), st.Driver(), query, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(st.Database()), neo4j.ExecuteQueryWithReadersRouting())
			require.NoError(t, err)
			assert.NotEmpty(t, res.Records, "the example should find something in the demo data")
		})
	}
}
