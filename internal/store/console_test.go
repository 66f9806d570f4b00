package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func cypherCode(err error) (code, neo4jCode string) {
	var ae *analyst.Error
	if errors.As(err, &ae) {
		return ae.Code, ae.Neo4jCode
	}
	return "", ""
}

// TestReadTransactionRefusesWritesOnItsOwn runs writes behind the second layer alone (no
// EXPLAIN check): Neo4j's read transaction must refuse every one of them.
func TestReadTransactionRefusesWritesOnItsOwn(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	nodes := neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)")
	rels := neo4jtest.Count(t, st, "MATCH ()-[r]->() RETURN count(r)")
	sum := neo4jtest.Checksum(t, st)
	for _, q := range []string{
		"CREATE (h:Hacked) RETURN h",
		"MERGE (h:Hacked {id: 1}) RETURN h",
		"MATCH (p:Person) SET p.name = 'hacked' RETURN count(p)",
		"MATCH (p:Person) REMOVE p.name RETURN count(p)",
		"MATCH (n:Source) DETACH DELETE n RETURN count(*)",
		"MATCH (p:Person) FOREACH (x IN [1] | CREATE (:Hacked))",
		"CALL db.createLabel('Hacked')",
		"CALL db.createProperty('hacked')",
		"CREATE INDEX hacked IF NOT EXISTS FOR (n:Person) ON (n.hacked)",
		"CALL () { CREATE (h:Hacked) RETURN h } RETURN h",
	} {
		t.Run(q, func(t *testing.T) {
			_, err := st.RunReadUnchecked(ctx, analyst.Request{Query: q})
			require.Error(t, err)
			code, neo := cypherCode(err)
			assert.Equal(t, analyst.CodeNotReadOnly, code, "%v", err)
			assert.Equal(t, "Neo.ClientError.Statement.AccessMode", neo)
		})
	}
	assert.Equal(t, nodes, neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)"))
	assert.Equal(t, rels, neo4jtest.Count(t, st, "MATCH ()-[r]->() RETURN count(r)"))
	assert.Equal(t, sum, neo4jtest.Checksum(t, st))
	assert.Equal(t, int64(0), neo4jtest.Count(t, st, "SHOW INDEXES YIELD name WHERE name = 'hacked' RETURN count(*)"))
}

// TestCypherValuesMatchNeo4jsOwnText checks each temporal encoding against Neo4j's toString,
// and the other types against what the query built.
func TestCypherValuesMatchNeo4jsOwnText(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	res, err := st.RunCypher(ctx, analyst.Request{Query: `
		UNWIND [date('2022-08-09'), datetime('2022-08-09T10:00:00.5+02:00'), datetime('2022-08-09T10:00:00[Europe/Berlin]'),
		        datetime({year: 2022, month: 8, day: 9, timezone: 'UTC'}), datetime('2022-08-09T10:00:00Z'),
		        localdatetime('2022-08-09T10:00:00.123456789'), time('10:00:00+05:30'), localtime('23:59:59.5'),
		        duration('P1Y2M3DT4H5M6.5S'), duration({minutes: -90}), duration({seconds: -1.5}), duration('PT0S'),
		        date('-0044-03-15')] AS v
		RETURN v, toString(v) AS text`})
	require.NoError(t, err)
	require.Len(t, res.Rows, 13)
	for _, row := range res.Rows {
		tv, ok := row[0].(analyst.Temporal)
		require.True(t, ok, "%#v", row[0])
		assert.Equal(t, row[1], tv.Value, tv.Kind)
	}

	res, err = st.RunCypher(ctx, analyst.Request{Query: `
		RETURN point({x: 1.5, y: 2}) AS p2, point({longitude: 121.5, latitude: 31.3, height: 10}) AS p3,
		       9007199254740993 AS big, 0.0 / 0.0 AS nan, 1.0 AS one, $bytes AS bytes, {type: 'x', n: null} AS m,
		       [1, 'a', [true]] AS l`,
		Params: map[string]any{"bytes": []byte("hi")}})
	require.NoError(t, err)
	b, err := json.Marshal(res.Rows[0])
	require.NoError(t, err)
	assert.JSONEq(t, `[
		{"type":"point","srid":7203,"crs":"cartesian","x":1.5,"y":2},
		{"type":"point","srid":4979,"crs":"wgs-84-3d","x":121.5,"y":31.3,"z":10},
		{"type":"integer","value":"9007199254740993"},
		{"type":"float","value":"NaN"},
		1.0,
		{"type":"bytes","value":"aGk="},
		{"type":"map","value":{"type":"x","n":null}},
		[1,"a",[true]]]`, string(b))
	assert.Contains(t, string(b), ",1.0,", "a float keeps its decimal point")
}

func TestCypherRowAndByteCaps(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	t.Run("the row cap stops the stream and says so", func(t *testing.T) {
		res, err := st.RunCypher(ctx, analyst.Request{Query: "UNWIND range(1, 100000000) AS i RETURN i", Limit: 5})
		require.NoError(t, err)
		assert.Len(t, res.Rows, 5)
		assert.True(t, res.Truncated)
		assert.Equal(t, analyst.TruncatedRows, res.TruncatedReason)
	})
	t.Run("the byte cap stops the stream and says so", func(t *testing.T) {
		res, err := st.RunCypher(ctx, analyst.Request{Query: "UNWIND range(1, 1000) AS i RETURN i, $pad AS pad",
			Params: map[string]any{"pad": strings.Repeat("x", 100)}, MaxBytes: 5000})
		require.NoError(t, err)
		assert.True(t, res.Truncated)
		assert.Equal(t, analyst.TruncatedBytes, res.TruncatedReason)
		assert.Greater(t, len(res.Rows), 10)
		assert.Less(t, len(res.Rows), 1000)
		b, err := json.Marshal(res.Rows)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(b), 5000)
	})
	t.Run("the timeout is enforced by the server, or by the store's own deadline", func(t *testing.T) {
		start := time.Now()
		_, err := st.RunCypher(ctx, analyst.Request{Timeout: time.Second,
			Query: "UNWIND range(1, 100000000) AS a UNWIND range(1, 100000000) AS b RETURN count(*)"})
		code, neo := cypherCode(err)
		assert.Equal(t, analyst.CodeTimeout, code, "%v", err)
		// Neo4j notices a timed-out transaction on its own schedule; on a busy machine the
		// store's deadline (the timeout plus clientGrace) can cut the query first. Either way
		// it is a timeout; when Neo4j's answer came first, it says so.
		if neo != "" {
			assert.Contains(t, neo, "TransactionTimedOut")
		}
		assert.Less(t, time.Since(start), 15*time.Second)
	})
}

func TestCheckCypherReportsUndeclaredParameters(t *testing.T) {
	st := neo4jtest.Store(t)
	ex, err := st.CheckCypher(context.Background(), "MATCH (p:Person) WHERE p.name = $name AND p.country = $country RETURN p",
		map[string]any{"name": ""})
	require.NoError(t, err)
	assert.Equal(t, []string{"country"}, ex.MissingParams)
}
