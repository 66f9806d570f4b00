package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withoutTiming drops the one field of a result that differs between equal runs.
func withoutTiming(r *analyst.Result) *analyst.Result {
	c := *r
	c.Stats.Ms = 0
	return &c
}

// The first read-only layer's verdict is remembered per query text: the same text runs
// without a second EXPLAIN, whatever its parameters, and answers as an unchecked text does.
func TestCypherVerdictIsCachedPerText(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	fresh := neo4jtest.Store(t) // a second store on the same graph, with an empty cache
	ctx := context.Background()
	const query = "MATCH (p:Person {id: $id})-[:AFFILIATED_WITH]->(o) RETURN p.name AS person, o.name AS org ORDER BY org"

	t.Run("a second run of the same text does not EXPLAIN again", func(t *testing.T) {
		before := st.ExplainCount()
		first, err := st.RunCypher(ctx, analyst.Request{Query: query, Params: map[string]any{"id": "person:xu_yi"}})
		require.NoError(t, err)
		require.NotEmpty(t, first.Rows)
		assert.Equal(t, before+1, st.ExplainCount(), "the first run is checked by Neo4j")

		second, err := st.RunCypher(ctx, analyst.Request{Query: query, Params: map[string]any{"id": "person:xu_yi"}})
		require.NoError(t, err)
		assert.Equal(t, before+1, st.ExplainCount(), "the second run skips the EXPLAIN")
		assert.Equal(t, withoutTiming(first), withoutTiming(second))

		other, err := st.RunCypher(ctx, analyst.Request{Query: query, Params: map[string]any{"id": "person:zhao_gang"}})
		require.NoError(t, err)
		assert.Equal(t, before+1, st.ExplainCount(), "other parameter values share the text's verdict")
		uncached, err := fresh.RunCypher(ctx, analyst.Request{Query: query, Params: map[string]any{"id": "person:zhao_gang"}})
		require.NoError(t, err)
		require.NotEmpty(t, uncached.Rows)
		assert.Equal(t, withoutTiming(uncached), withoutTiming(other), "a cached text answers as a checked one")
	})
	t.Run("another text is checked, even one that differs only in spacing", func(t *testing.T) {
		before := st.ExplainCount()
		_, err := st.RunCypher(ctx, analyst.Request{Query: query + " ", Params: map[string]any{"id": "person:xu_yi"}})
		require.NoError(t, err)
		assert.Equal(t, before+1, st.ExplainCount())
	})
	t.Run("a write is refused every time, by Neo4j each time", func(t *testing.T) {
		nodes := neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)")
		for i := 0; i < 3; i++ {
			before := st.ExplainCount()
			_, err := st.RunCypher(ctx, analyst.Request{Query: "CREATE (h:Hacked) RETURN h"})
			code, _ := cypherCode(err)
			assert.Equal(t, analyst.CodeNotReadOnly, code, "run %d: %v", i, err)
			assert.Equal(t, before+1, st.ExplainCount(), "run %d: refusals are not cached", i)
		}
		assert.Equal(t, nodes, neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)"))
		assert.Zero(t, neo4jtest.Count(t, st, "MATCH (h:Hacked) RETURN count(h)"))
	})
	t.Run("a refused escape stays refused after an allowed text", func(t *testing.T) {
		_, err := st.RunCypher(ctx, analyst.Request{Query: "RETURN 1 AS one"})
		require.NoError(t, err)
		for i := 0; i < 2; i++ {
			_, err = st.RunCypher(ctx, analyst.Request{Query: "LOAD CSV FROM 'file:///nope.csv' AS row RETURN row"})
			code, _ := cypherCode(err)
			assert.Equal(t, analyst.CodeNotAllowed, code, "run %d: %v", i, err)
		}
	})
	t.Run("a parameter of the wrong type fails as it does unchecked", func(t *testing.T) {
		// Neo4j type-checks parameters while planning, so the EXPLAIN of an unchecked text
		// fails; a cached text skips it, and the run itself must fail the same way.
		const limited = "MATCH (p:Person)\nRETURN p.name AS name\nLIMIT $n"
		_, err := st.RunCypher(ctx, analyst.Request{Query: limited, Params: map[string]any{"n": int64(2)}})
		require.NoError(t, err)
		before := st.ExplainCount()
		_, cachedErr := st.RunCypher(ctx, analyst.Request{Query: limited, Params: map[string]any{"n": "two"}})
		assert.Equal(t, before, st.ExplainCount(), "the text was cached")
		_, checkedErr := fresh.RunCypher(ctx, analyst.Request{Query: limited, Params: map[string]any{"n": "two"}})
		var cached, checked *analyst.Error
		require.ErrorAs(t, cachedErr, &cached)
		require.ErrorAs(t, checkedErr, &checked)
		assert.Equal(t, analyst.CodeSyntax, checked.Code, checked.Message)
		assert.Equal(t, checked.Code, cached.Code)
		assert.Equal(t, checked.Neo4jCode, cached.Neo4jCode)
		assert.Equal(t, checked.Message, cached.Message)
		require.NotNil(t, checked.Position)
		assert.Equal(t, checked.Position, cached.Position)
		assert.Equal(t, 3, cached.Position.Line)
	})
	t.Run("a missing parameter fails as it does unchecked", func(t *testing.T) {
		const named = "MATCH (p:Person) WHERE p.id = $id RETURN p.name AS name"
		_, err := st.RunCypher(ctx, analyst.Request{Query: named, Params: map[string]any{"id": "person:xu_yi"}})
		require.NoError(t, err)
		before := st.ExplainCount()
		_, cachedErr := st.RunCypher(ctx, analyst.Request{Query: named})
		assert.Equal(t, before, st.ExplainCount(), "the text was cached")
		_, checkedErr := fresh.RunCypher(ctx, analyst.Request{Query: named})
		var cached, checked *analyst.Error
		require.ErrorAs(t, cachedErr, &cached)
		require.ErrorAs(t, checkedErr, &checked)
		assert.Equal(t, "Neo.ClientError.Statement.ParameterMissing", checked.Neo4jCode)
		assert.Equal(t, *checked, *cached)
	})
	t.Run("CheckCypher always asks Neo4j, for the missing parameters", func(t *testing.T) {
		before := st.ExplainCount()
		ex, err := st.CheckCypher(ctx, query, map[string]any{})
		require.NoError(t, err)
		assert.Equal(t, []string{"id"}, ex.MissingParams)
		assert.Equal(t, before+1, st.ExplainCount())
	})
}

// The first layer reads every operator of the plan, not only the last child of each (the
// driver's Plan.Children returns the last child n times): an escape placed before a CALL { }
// subquery, or on the left of a join, is refused.
func TestExplainSeesTheWholePlan(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name, query string
		code        string
	}{
		{"LOAD CSV before a subquery", "LOAD CSV FROM 'file:///nope.csv' AS row CALL () { RETURN 1 AS one } RETURN row, one", analyst.CodeNotAllowed},
		{"LOAD CSV on the left of a UNION", "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS row RETURN row UNION RETURN 1 AS row", analyst.CodeNotAllowed},
		{"a procedure off the allow-list before a subquery", "CALL db.info() YIELD id CALL () { MATCH (n) RETURN count(n) AS c } RETURN id, c", analyst.CodeNotAllowed},
		{"query statistics (db.stats) before a subquery", "CALL db.stats.retrieve('GRAPH COUNTS') YIELD section CALL () { RETURN 1 AS one } RETURN section, one", analyst.CodeNotAllowed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := st.CheckCypher(ctx, tc.query, nil)
			code, _ := cypherCode(err)
			assert.Equal(t, tc.code, code, "%v; operators %v, procedures %v", err, ex.Operators, ex.Procedures)
			_, err = st.RunCypher(ctx, analyst.Request{Query: tc.query})
			code, _ = cypherCode(err)
			assert.Equal(t, tc.code, code, "%v", err)
		})
	}
	t.Run("an allowed procedure before a subquery is seen and allowed", func(t *testing.T) {
		ex, err := st.CheckCypher(ctx, "CALL db.labels() YIELD label CALL () { RETURN 1 AS one } RETURN label, one", nil)
		require.NoError(t, err)
		assert.Equal(t, []string{"db.labels"}, ex.Procedures)
		assert.Contains(t, ex.Operators, "ProcedureCall")
		assert.Contains(t, ex.Operators, "ProduceResults")
	})
}
