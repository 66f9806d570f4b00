package bench

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openDB opens the benchmark's way in on the test store's driver, as cryograph-bench shares
// one driver between the store and the raw side.
func openDB(t *testing.T, st *store.Store) *DB {
	t.Helper()
	db, err := New(st.Driver(), st.Database())
	require.NoError(t, err)
	return db
}

func TestEmptyGraphKeepsTheMigrationRecordsAlone(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	migrations := neo4jtest.Count(t, st, "MATCH (m:Migration) RETURN count(m)")
	require.Positive(t, migrations)
	require.Positive(t, neo4jtest.Count(t, st, "MATCH (n:Entity) RETURN count(n)"))

	require.NoError(t, openDB(t, st).EmptyGraph(context.Background()))
	assert.EqualValues(t, 0, neo4jtest.Count(t, st, "MATCH ()-[r]->() RETURN count(r)"))
	assert.EqualValues(t, migrations, neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)"), "only the migration records are left")
}

func TestDBRunsTheStoresNamedQueries(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	db := openDB(t, st)
	assert.Equal(t, st.Query("person_profile"), db.Query("person_profile"), "the raw side runs the text the store runs")
	require.NoError(t, RunRaw(context.Background(), db, []Query{{Name: "person_profile", Params: map[string]any{"id": "person:xu_yi"}}}))
}
