package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/cypher"
	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMigrate(t *testing.T) {
	st := neo4jtest.Store(t) // already migrated once
	ctx := context.Background()
	all, err := cypher.Migrations()
	require.NoError(t, err)

	t.Run("a second run applies nothing", func(t *testing.T) {
		done, err := st.Migrate(ctx)
		require.NoError(t, err)
		assert.Empty(t, done)
	})
	t.Run("every migration is recorded in the graph", func(t *testing.T) {
		state, err := st.Migrations(ctx)
		require.NoError(t, err)
		assert.Empty(t, state.Pending)
		assert.Len(t, state.Applied, len(all))
		assert.Equal(t, int64(len(all)), neo4jtest.Count(t, st, "MATCH (m:Migration) RETURN count(m)"))
	})
	t.Run("constraints and the full-text index exist", func(t *testing.T) {
		assert.Equal(t, int64(1), neo4jtest.Count(t, st, "SHOW INDEXES YIELD name, type WHERE name = 'entity_names' AND type = 'FULLTEXT' RETURN count(*)"))
		assert.Equal(t, int64(1), neo4jtest.Count(t, st, "SHOW CONSTRAINTS YIELD name WHERE name = 'entity_id' RETURN count(*)"))
	})
}

func TestUnreachableNeo4jIsUnavailable(t *testing.T) {
	neo4jtest.Config(t) // only meaningful alongside the integration suite
	st, err := store.Open(config.Config{Neo4jURI: "bolt://127.0.0.1:1", Neo4jUsername: "neo4j", Neo4jPassword: "x", Neo4jDatabase: "neo4j"})
	require.NoError(t, err, "the driver connects lazily")
	defer st.Close(context.Background())
	err = st.VerifyConnectivity(context.Background())
	assert.Equal(t, cryo.ECodeUnavailable, cryo.ErrorCode(err))
	_, err = st.ExpertsByTopic(context.Background(), cryo.ExpertQuery{Topic: "x", Page: cryo.Page{Limit: 1}})
	assert.Equal(t, cryo.ECodeUnavailable, cryo.ErrorCode(err))
}

func TestWrongPasswordIsUnavailableNotInternal(t *testing.T) {
	cfg := neo4jtest.Config(t)
	cfg.Neo4jPassword = "definitely-wrong"
	st, err := store.Open(cfg)
	require.NoError(t, err)
	defer st.Close(context.Background())
	err = st.VerifyConnectivity(context.Background())
	require.Error(t, err)
	assert.Equal(t, cryo.ECodeUnavailable, cryo.ErrorCode(err))
	assert.Contains(t, cryo.ErrorMessage(err), "credentials")
}

func TestRoutingURIWorksAgainstOneServer(t *testing.T) {
	cfg := neo4jtest.Config(t)
	require.True(t, strings.HasPrefix(cfg.Neo4jURI, "bolt://"), "the test server is given as bolt://")
	cfg.Neo4jURI = "neo4j://" + strings.TrimPrefix(cfg.Neo4jURI, "bolt://")
	st, err := store.Open(cfg)
	require.NoError(t, err)
	defer st.Close(context.Background())
	ctx := context.Background()
	require.NoError(t, st.VerifyConnectivity(ctx))
	_, err = st.Migrate(ctx) // a write, routed to the leader
	require.NoError(t, err)
	state, err := st.Migrations(ctx) // a read, routed to a reader
	require.NoError(t, err)
	assert.Empty(t, state.Pending)
}

func TestSetEmptyListsSetsWhatBulkLoadCouldNotWrite(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	err := st.SetEmptyLists(ctx, []cryo.EmptyList{
		{NodeID: "topic:vitrification", Prop: "aliases"},
		{Rel: "SUBTOPIC_OF", From: "topic:vitrification", To: "topic:cryopreservation", Prop: "sources"},
	})
	require.NoError(t, err)
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (n:Topic {id: 'topic:vitrification'}) WHERE n.aliases = [] RETURN count(n)"))
	assert.Equal(t, int64(1), neo4jtest.Count(t, st,
		"MATCH (:Topic {id: 'topic:vitrification'})-[r:SUBTOPIC_OF]->(:Topic {id: 'topic:cryopreservation'}) WHERE r.sources = [] RETURN count(r)"))
	// A property whose node is not there is an error, not a silent no-op.
	err = st.SetEmptyLists(ctx, []cryo.EmptyList{{NodeID: "topic:no-such-topic", Prop: "aliases"}})
	require.ErrorContains(t, err, "found nothing")
}
