//go:build integration

package httpapi

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/cypher"
	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/gin-gonic/gin"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cypherTestServer serves the analyst endpoints with the production middleware; routes.go
// wiring is the lead's, so these tests do not depend on it. Its answers are checked against
// openapi.yaml.
func cypherTestServer(t testing.TB, st *store.Store, a Auditor) http.Handler {
	log := slog.New(slog.DiscardHandler)
	r := gin.New()
	r.ContextWithFallback = true
	r.Use(requestID(), errorResponder(log), recoverJSON(log))
	r.GET("/healthz", handleHealthz("test"))
	v1 := r.Group("/api/v1", func(c *gin.Context) { c.Set("actor", "tester"); c.Next() })
	v1.POST("/cypher", handleCypher(st, a))
	v1.GET("/queries", handleSavedQueryList(st))
	v1.POST("/queries", handleSavedQueryCreate(st, a))
	v1.GET("/queries/:name", handleSavedQueryGet(st))
	v1.PUT("/queries/:name", handleSavedQueryUpdate(st, a))
	v1.DELETE("/queries/:name", handleSavedQueryDelete(st, a))
	v1.POST("/queries/:name/run", handleSavedQueryRun(st, st, a))
	return CheckResponses(t, r)
}

// graphState is everything a write or an administration command could change: the data, the
// token names, the schema and the users.
type graphState struct {
	Nodes, Rels                    int64
	Checksum                       string
	Labels, Types, Keys            []string
	Indexes, Constraints, Users    []string
	SavedQueries, HackedLabelNodes int64
}

func stateOf(t *testing.T, st *store.Store) graphState {
	t.Helper()
	list := func(db, q string) []string { return neo4jtest.StringsIn(t, st, db, q, nil) }
	db := st.Database()
	return graphState{
		Nodes:            neo4jtest.Count(t, st, "MATCH (n) RETURN count(n)"),
		Rels:             neo4jtest.Count(t, st, "MATCH ()-[r]->() RETURN count(r)"),
		Checksum:         neo4jtest.Checksum(t, st),
		Labels:           list(db, "CALL db.labels()"),
		Types:            list(db, "CALL db.relationshipTypes()"),
		Keys:             list(db, "CALL db.propertyKeys()"),
		Indexes:          list(db, "SHOW INDEXES YIELD name RETURN name"),
		Constraints:      list(db, "SHOW CONSTRAINTS YIELD name RETURN name"),
		Users:            list("system", "SHOW USERS YIELD user RETURN user"),
		SavedQueries:     neo4jtest.Count(t, st, "MATCH (q:SavedQuery) RETURN count(q)"),
		HackedLabelNodes: neo4jtest.Count(t, st, "MATCH (n:Hacked) RETURN count(n)"),
	}
}

// Codes a refused write or escape may get. Each case names the one it expects.
const (
	notRO    = analyst.CodeNotReadOnly
	notAllow = analyst.CodeNotAllowed
	syntax   = analyst.CodeSyntax
	multi    = analyst.CodeMultipleStatements
	failed   = analyst.CodeFailed
)

func TestCypherConsoleRefusesEveryWriteAndEscape(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	audit := &memoryAuditor{}
	h := cypherTestServer(t, st, audit)
	before := stateOf(t, st)
	require.Positive(t, before.Nodes)

	attempts := []struct {
		name, query string
		params      map[string]any
		code        string
	}{
		// Writes of every kind.
		{"CREATE", "CREATE (h:Hacked) RETURN h", nil, notRO},
		{"MERGE", "MERGE (h:Hacked {id: 1}) RETURN h", nil, notRO},
		{"SET a property", "MATCH (p:Person) SET p.name = 'hacked' RETURN count(p)", nil, notRO},
		{"SET a label", "MATCH (p:Person) SET p:Hacked RETURN count(p)", nil, notRO},
		{"SET from a map", "MATCH (p:Person) SET p += {hacked: true}", nil, notRO},
		{"REMOVE a property", "MATCH (p:Person) REMOVE p.name", nil, notRO},
		{"REMOVE a label", "MATCH (p:Person) REMOVE p:Person", nil, notRO},
		{"DELETE", "MATCH (s:Source) DELETE s", nil, notRO},
		{"DELETE a relationship", "MATCH ()-[r:WORKS_ON]->() DELETE r", nil, notRO},
		{"DETACH DELETE", "MATCH (n) DETACH DELETE n", nil, notRO},
		{"FOREACH", "FOREACH (i IN range(1, 3) | CREATE (:Hacked {i: i}))", nil, notRO},
		{"FOREACH after MATCH", "MATCH (p:Person) FOREACH (x IN [1] | SET p.hacked = x)", nil, notRO},
		{"CREATE a relationship", "MATCH (a:Person), (b:Person) WITH a, b LIMIT 1 CREATE (a)-[:HACKED]->(b)", nil, notRO},
		{"CREATE with parameters", "CREATE (h:Hacked $props)", map[string]any{"props": map[string]any{"a": 1}}, notRO},
		{"SET with parameters", "MATCH (p:Person {id: $id}) SET p.name = $name", map[string]any{"id": "person:xu_yi", "name": "x"}, notRO},
		// LOAD CSV reads files and URLs even when it writes nothing.
		{"LOAD CSV from a file", "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", nil, notAllow},
		{"LOAD CSV from a URL", "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS row RETURN row", nil, notAllow},
		{"LOAD CSV that writes", "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:1/x.csv' AS row CREATE (:Hacked {v: row.v})", nil, notRO},
		// Schema.
		{"CREATE INDEX", "CREATE INDEX hacked FOR (n:Person) ON (n.hacked)", nil, notRO},
		{"CREATE FULLTEXT INDEX", "CREATE FULLTEXT INDEX hacked_ft FOR (n:Person) ON EACH [n.name]", nil, notRO},
		{"CREATE CONSTRAINT", "CREATE CONSTRAINT hacked FOR (n:Hacked) REQUIRE n.id IS UNIQUE", nil, notRO},
		{"DROP INDEX", "DROP INDEX person_name", nil, notRO},
		{"DROP CONSTRAINT", "DROP CONSTRAINT entity_id", nil, notRO},
		// Batched transactions.
		{"CALL IN TRANSACTIONS that writes", "CALL () { CREATE (:Hacked) } IN TRANSACTIONS", nil, notRO},
		{"CALL IN TRANSACTIONS that deletes", "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS", nil, notRO},
		{"CALL IN TRANSACTIONS that only reads", "UNWIND range(1, 3) AS i CALL (i) { RETURN i AS j } IN TRANSACTIONS RETURN j", nil, notAllow},
		// Procedures.
		{"db.createLabel", "CALL db.createLabel('Hacked')", nil, notRO},
		{"db.createProperty", "CALL db.createProperty('hacked')", nil, notRO},
		{"db.createRelationshipType", "CALL db.createRelationshipType('HACKED')", nil, notRO},
		{"db.createLabel with quoted names", "CALL `db`.`createLabel`('Hacked')", nil, notRO},
		{"dbms.setConfigValue (Enterprise only)", "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", nil, failed},
		{"tx.setMetaData", "CALL tx.setMetaData({hacked: true})", nil, notRO},
		{"db.clearQueryCaches", "CALL db.clearQueryCaches()", nil, notRO},
		{"dbms.listConfig", "CALL dbms.listConfig()", nil, notRO},
		{"dbms.listConnections", "CALL dbms.listConnections()", nil, notRO},
		{"db.stats.retrieve", "CALL db.stats.retrieve('GRAPH COUNTS')", nil, notAllow},
		{"SHOW SETTINGS", "SHOW SETTINGS", nil, notAllow},
		{"SHOW TRANSACTIONS", "SHOW TRANSACTIONS", nil, notAllow},
		{"TERMINATE TRANSACTIONS", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", nil, notAllow},
		// Administration commands.
		{"CREATE USER", "CREATE USER hacker SET PASSWORD 'secret-secret'", nil, notRO},
		{"SHOW USERS", "SHOW USERS", nil, notRO},
		{"ALTER USER", "ALTER USER neo4j SET PASSWORD 'hacked-hacked'", nil, notRO},
		{"DROP USER", "DROP USER neo4j", nil, notRO},
		{"CREATE DATABASE", "CREATE DATABASE hacked", nil, notRO},
		{"STOP DATABASE", "STOP DATABASE neo4j", nil, notRO},
		{"START DATABASE", "START DATABASE neo4j", nil, notRO},
		{"CREATE ROLE", "CREATE ROLE hackers", nil, notRO},
		// Tricks.
		{"two statements", "MATCH (n) RETURN count(n); CREATE (:Hacked)", nil, multi},
		{"two reads", "RETURN 1; RETURN 2", nil, multi},
		{"a write after a string holding a semicolon", "RETURN 'a;b' AS s; CREATE (:Hacked)", nil, multi},
		{"a write after an escaped quote", `RETURN 'it\'s' AS s; CREATE (:Hacked)`, nil, multi},
		{"a write after a line comment", "// just reading\nCREATE (:Hacked)", nil, notRO},
		{"a write after a block comment", "/* read only */ CREATE (:Hacked)", nil, notRO},
		{"a write around a commented semicolon", "MATCH (n) /* ; */ CREATE (:Hacked)", nil, notRO},
		{"a write hidden after a comment's end", "MATCH (n) RETURN count(n) // ;\nUNION CREATE (h:Hacked) RETURN 1 AS `count(n)`", nil, notRO},
		{"mixed case", "cReAtE (:Hacked)", nil, notRO},
		{"mixed case MERGE", "MeRgE (h:Hacked) ReTuRn h", nil, notRO},
		{"fullwidth letters", "ＣＲＥＡＴＥ (:Hacked)", nil, syntax},
		{"a Cyrillic homoglyph", "СREATE (:Hacked)", nil, syntax},
		{"a zero-width space inside a keyword", "CRE\u200bATE (:Hacked)", nil, syntax},
		{"a zero-width space before a keyword", "\u200bCREATE (:Hacked)", nil, syntax},
		{"a write inside a CALL subquery", "CALL () { CREATE (h:Hacked) RETURN h } RETURN h", nil, notRO},
		{"a write inside a unit subquery", "WITH 1 AS x CALL (x) { MERGE (:Hacked {x: x}) } RETURN x", nil, notRO},
		{"a write after WITH", "MATCH (p:Person) WITH p LIMIT 1 CREATE (:Hacked)", nil, notRO},
		{"UNION with a write", "RETURN 1 AS x UNION CREATE (h:Hacked) RETURN 2 AS x", nil, notRO},
		{"UNION ALL with a delete", "RETURN 1 AS x UNION ALL MATCH (n) DETACH DELETE n RETURN 2 AS x", nil, notRO},
		{"LOAD CSV before a subquery", "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS row CALL () { RETURN 1 AS one } RETURN row, one", nil, notAllow},
		{"a procedure off the allow-list before a subquery", "CALL db.info() YIELD id CALL () { RETURN 1 AS one } RETURN id, one", nil, notAllow},
		{"EXPLAIN prefix", "EXPLAIN CREATE (:Hacked)", nil, notAllow},
		{"PROFILE prefix", "PROFILE CREATE (:Hacked)", nil, notAllow},
		{"PROFILE after CYPHER options", "CYPHER runtime=slotted PROFILE MATCH (n) RETURN count(n)", nil, notAllow},
		{"USE system", "USE system SHOW USERS", nil, notAllow},
		{"USE system to create a user", "USE system CREATE USER hacker SET PASSWORD 'secret-secret'", nil, notAllow},
		{"USE in a subquery", "CALL () { USE system SHOW USERS YIELD user RETURN user } RETURN user", nil, notAllow},
		// Plugins that are not installed must be refused cleanly, not with a 500.
		{"an APOC write procedure", "CALL apoc.create.node(['Hacked'], {})", nil, failed},
		{"an APOC Cypher runner", "CALL apoc.cypher.runWrite('CREATE (:Hacked)', {})", nil, failed},
		{"an APOC file loader", "CALL apoc.load.json('file:///etc/passwd')", nil, failed},
		{"an APOC function", "RETURN apoc.version()", nil, syntax}, // Neo4j: "Unknown function"
		{"a Neo4j 4 procedure removed in 5", "CALL dbms.killQuery('query-1')", nil, failed},
	}
	require.GreaterOrEqual(t, len(attempts), 50)

	for _, a := range attempts {
		t.Run(a.name, func(t *testing.T) {
			rec := cyDo(t, h, http.MethodPost, "/api/v1/cypher", map[string]any{"query": a.query, "params": a.params})
			require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			e := cyErr(t, rec)
			assert.Equal(t, a.code, e.Code, e.Message)
			assert.Equal(t, "query", e.Field)
			if e.Code == failed || e.Code == syntax {
				assert.NotEmpty(t, e.Neo4jCode, "Neo4j's own code is passed on")
			}
			got := audit.last()
			assert.Equal(t, "cypher", got.Action)
			assert.Equal(t, a.query, got.What)
			assert.Equal(t, e.Code, got.Outcome)
			assert.Equal(t, "tester", got.Who)
		})
	}

	t.Run("parameters that carry Cypher stay data", func(t *testing.T) {
		inject := "x' OR 1=1 CREATE (:Hacked) //"
		res := cyOK(t, cyDo(t, h, http.MethodPost, "/api/v1/cypher", map[string]any{
			"query":  "MATCH (p:Person) WHERE p.name = $name WITH count(p) AS n RETURN n, $name AS name, $m AS m",
			"params": map[string]any{"name": inject, "m": map[string]any{"`q`": "}) DETACH DELETE n //"}},
		}))
		require.Len(t, res.Rows, 1)
		assert.Equal(t, 0.0, res.Rows[0][0])
		assert.Equal(t, inject, res.Rows[0][1])
		assert.Equal(t, map[string]any{"`q`": "}) DETACH DELETE n //"}, res.Rows[0][2])
	})
	t.Run("a string holding a semicolon and a write is only a string", func(t *testing.T) {
		res := cyOK(t, cyDo(t, h, http.MethodPost, "/api/v1/cypher", map[string]any{"query": `RETURN "; CREATE (:Hacked) //" AS s`}))
		assert.Equal(t, "; CREATE (:Hacked) //", res.Rows[0][0])
	})

	after := stateOf(t, st)
	assert.Equal(t, before, after, "no attempt changed the graph, its schema, its tokens or its users")
	assert.Zero(t, after.HackedLabelNodes)
}

func TestCypherErrorsCarryNeo4jsDetails(t *testing.T) {
	st := neo4jtest.Store(t)
	h := cypherTestServer(t, st, nil)

	t.Run("a syntax error gives the position within the query", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPost, "/api/v1/cypher", map[string]any{"query": "MATCH (n)\nRETRN n"})
		require.Equal(t, http.StatusBadRequest, rec.Code)
		e := cyErr(t, rec)
		assert.Equal(t, analyst.CodeSyntax, e.Code)
		assert.Equal(t, "Neo.ClientError.Statement.SyntaxError", e.Neo4jCode)
		require.NotNil(t, e.Position)
		assert.Equal(t, analyst.Position{Line: 2, Column: 1, Offset: 10}, *e.Position)
		assert.Contains(t, e.Message, "(line 2, column 1 (offset: 10))")
		assert.NotContains(t, e.Message, "EXPLAIN")
	})
	t.Run("a runtime error is a 400 with Neo4j's code", func(t *testing.T) {
		e := cyErr(t, cyDo(t, h, http.MethodPost, "/api/v1/cypher", map[string]any{"query": "RETURN 1 / $zero", "params": map[string]any{"zero": 0}}))
		assert.Equal(t, analyst.CodeFailed, e.Code)
		assert.Equal(t, "Neo.ClientError.Statement.ArithmeticError", e.Neo4jCode)
	})
	t.Run("a missing parameter is a 400 with Neo4j's code", func(t *testing.T) {
		e := cyErr(t, cyDo(t, h, http.MethodPost, "/api/v1/cypher", map[string]any{"query": "RETURN $nothing"}))
		assert.Equal(t, analyst.CodeFailed, e.Code)
		assert.Equal(t, "Neo.ClientError.Statement.ParameterMissing", e.Neo4jCode)
	})
	for _, tc := range []struct {
		name, body, field string
	}{
		{"an empty query", `{"query": ""}`, "query"},
		{"an unknown field", `{"query": "RETURN 1", "database": "system"}`, "database"},
		{"a zero limit", `{"query": "RETURN 1", "limit": 0}`, "limit"},
		{"a limit over the maximum", `{"query": "RETURN 1", "limit": 10001}`, "limit"},
		{"a timeout over the maximum", `{"query": "RETURN 1", "timeout": 61}`, "timeout"},
		{"a malformed timeout", `{"query": "RETURN 1", "timeout": "soon"}`, "timeout"},
		{"params that are not an object", `{"query": "RETURN 1", "params": [1]}`, "params"},
		{"a body that is not JSON", `RETURN 1`, "body"},
	} {
		t.Run(tc.name+" is a 400 naming the field", func(t *testing.T) {
			rec := cyDo(t, h, http.MethodPost, "/api/v1/cypher", tc.body)
			require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			var body ErrorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
			assert.Equal(t, cryo.ECodeInvalid, body.Error.Code)
			assert.Equal(t, tc.field, body.Error.Field)
		})
	}
	t.Run("an unknown format is a 400", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPost, "/api/v1/cypher?format=xml", map[string]any{"query": "RETURN 1"})
		assert.Equal(t, http.StatusBadRequest, rec.Code)
	})
}

func TestRunawayQueryIsStoppedWhileOthersAreServed(t *testing.T) {
	st := neo4jtest.Store(t)
	srv := httptest.NewServer(cypherTestServer(t, st, nil))
	defer srv.Close()
	post := func(body string) (*http.Response, cypherErrorBody, time.Duration) {
		start := time.Now()
		resp, err := http.Post(srv.URL+"/api/v1/cypher", "application/json", strings.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		var eb cypherErrorBody
		_ = json.NewDecoder(resp.Body).Decode(&eb)
		return resp, eb, time.Since(start)
	}

	type outcome struct {
		status  int
		body    cypherErrorBody
		elapsed time.Duration
	}
	done := make(chan outcome, 1)
	go func() {
		resp, body, d := post(`{"query": "UNWIND range(1,100000000) AS a UNWIND range(1,100000000) AS b RETURN count(*)", "timeout": 2}`)
		done <- outcome{resp.StatusCode, body, d}
	}()

	time.Sleep(500 * time.Millisecond)
	for i := 0; i < 3; i++ {
		start := time.Now()
		resp, err := http.Get(srv.URL + "/healthz")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Less(t, time.Since(start), 5*time.Second, "healthz answers while the runaway query runs (bound generous: a busy machine is no failure)")
		resp, _, d := post(`{"query": "MATCH (n) RETURN count(n)"}`)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Less(t, d, 5*time.Second, "another query answers while the runaway query runs (bound generous: a busy machine is no failure)")
	}
	select {
	case <-done:
		t.Fatal("the runaway query ended before the other requests were served; the test proves nothing")
	default:
	}

	o := <-done
	assert.Equal(t, http.StatusUnprocessableEntity, o.status)
	assert.Equal(t, analyst.CodeTimeout, o.body.Error.Code)
	// Neo4j notices the timeout on its own schedule; on a busy machine the store's own
	// deadline (timeout plus clientGrace) can cut the query first. When Neo4j answered first,
	// it says so.
	if o.body.Error.Neo4jCode != "" {
		assert.Contains(t, o.body.Error.Neo4jCode, "TransactionTimedOut")
	}
	assert.GreaterOrEqual(t, o.elapsed, 2*time.Second)
	assert.Less(t, o.elapsed, 15*time.Second)
	assert.Eventually(t, func() bool {
		return neo4jtest.Count(t, st, "SHOW TRANSACTIONS YIELD metaData WHERE metaData.kind = 'analyst-cypher' RETURN count(*)") == 0
	}, 10*time.Second, 200*time.Millisecond, "the query was stopped: no console transaction is left running")
}

func TestCypherResultEncoding(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	h := cypherTestServer(t, st, nil)
	run := func(body map[string]any) cyResult {
		t.Helper()
		return cyOK(t, cyDo(t, h, http.MethodPost, "/api/v1/cypher", body))
	}

	t.Run("nodes, relationships and paths, and the graph view holds each once", func(t *testing.T) {
		res := run(map[string]any{"query": `
			MATCH path = (p:Person {id: 'person:xu_yi'})-[r:AFFILIATED_WITH]->(o:Organization {id: 'org:usst'})
			RETURN p, r, o, path, [p, o] AS both, {who: p} AS m`})
		assert.Equal(t, []string{"p", "r", "o", "path", "both", "m"}, res.Columns)
		require.Len(t, res.Rows, 1)
		row := res.Rows[0]
		p, r, o := row[0].(map[string]any), row[1].(map[string]any), row[2].(map[string]any)
		assert.Equal(t, "node", p["type"])
		assert.Contains(t, p["labels"], "Person")
		assert.Equal(t, "person:xu_yi", p["properties"].(map[string]any)["id"])
		assert.NotEmpty(t, p["elementId"])
		assert.Equal(t, "relationship", r["type"])
		assert.Equal(t, "AFFILIATED_WITH", r["relType"])
		assert.Equal(t, p["elementId"], r["start"])
		assert.Equal(t, o["elementId"], r["end"])
		path := row[3].(map[string]any)
		assert.Equal(t, "path", path["type"])
		assert.Len(t, path["nodes"], 2)
		assert.Len(t, path["relationships"], 1)
		assert.Equal(t, p["elementId"], row[4].([]any)[0].(map[string]any)["elementId"])
		assert.Equal(t, p["elementId"], row[5].(map[string]any)["who"].(map[string]any)["elementId"])
		assert.Len(t, res.Graph.Nodes, 2, "p and o, once each")
		assert.Len(t, res.Graph.Relationships, 1)
	})
	t.Run("temporal values, points, lists, maps and null", func(t *testing.T) {
		res := run(map[string]any{"query": `
			RETURN date('2022-08-09') AS d, datetime('2022-08-09T10:00:00+02:00') AS dt,
			       datetime('2022-08-09T10:00:00[Europe/Berlin]') AS dtz, localdatetime('2022-08-09T10:00:00') AS ldt,
			       time('10:00:00Z') AS t, localtime('10:00') AS lt, duration('P1DT2H') AS du,
			       point({longitude: 117.27, latitude: 31.84}) AS pt, [1, 'a', null] AS l, {a: {b: [1.5]}} AS m,
			       null AS nothing, 9007199254740993 AS big, $i AS i`,
			"params": map[string]any{"i": 42}})
		b, err := json.Marshal(res.Rows[0])
		require.NoError(t, err)
		assert.JSONEq(t, `[
			{"type":"date","value":"2022-08-09"},
			{"type":"datetime","value":"2022-08-09T10:00:00+02:00"},
			{"type":"datetime","value":"2022-08-09T10:00:00+02:00[Europe/Berlin]"},
			{"type":"localdatetime","value":"2022-08-09T10:00:00"},
			{"type":"time","value":"10:00:00Z"},
			{"type":"localtime","value":"10:00:00"},
			{"type":"duration","value":"P1DT2H"},
			{"type":"point","srid":4326,"crs":"wgs-84","x":117.27,"y":31.84},
			[1,"a",null],
			{"a":{"b":[1.5]}},
			null,
			{"type":"integer","value":"9007199254740993"},
			42]`, string(b))
	})
	t.Run("the row limit truncates and says why", func(t *testing.T) {
		res := run(map[string]any{"query": "UNWIND range(1, 100) AS i RETURN i", "limit": 10})
		assert.Len(t, res.Rows, 10)
		assert.True(t, res.Truncated)
		assert.Equal(t, "row_limit", res.TruncatedReason)
		assert.Equal(t, 10, res.Stats.Rows)
		res = run(map[string]any{"query": "UNWIND range(1, 100) AS i RETURN i", "limit": 100})
		assert.Len(t, res.Rows, 100)
		assert.False(t, res.Truncated, "exactly the limit is not truncated")
	})
	t.Run("the default limit is 1000 rows", func(t *testing.T) {
		res := run(map[string]any{"query": "UNWIND range(1, 5000) AS i RETURN i"})
		assert.Len(t, res.Rows, analyst.DefaultRowLimit)
		assert.True(t, res.Truncated)
	})
	t.Run("the byte cap truncates a big answer at 10 MB", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPost, "/api/v1/cypher", map[string]any{
			"query": "UNWIND range(1, 10000) AS i RETURN i, $pad AS pad", "limit": 10000,
			"params": map[string]any{"pad": strings.Repeat("x", 2000)}})
		res := cyOK(t, rec)
		assert.True(t, res.Truncated)
		assert.Equal(t, "byte_limit", res.TruncatedReason)
		assert.Less(t, len(res.Rows), 10000)
		assert.Greater(t, len(res.Rows), 4000)
		assert.Less(t, rec.Body.Len(), analyst.DefaultMaxBytes+1000)
	})
	t.Run("CSV export writes a header and flat cells", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPost, "/api/v1/cypher?format=csv", map[string]any{"query": `
			MATCH (p:Person {id: 'person:xu_yi'})
			RETURN p.name AS name, 'a "quoted", text' AS s, 1 AS i, 1.5 AS f, null AS n, date('2022-08-09') AS d,
			       ['x', 1] AS l, p AS node`})
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, "text/csv; charset=utf-8", rec.Header().Get("Content-Type"))
		assert.Contains(t, rec.Header().Get("Content-Disposition"), `filename="cypher.csv"`)
		recs, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
		require.NoError(t, err)
		require.Len(t, recs, 2)
		assert.Equal(t, []string{"name", "s", "i", "f", "n", "d", "l", "node"}, recs[0])
		assert.Equal(t, []string{"Xu Yi", `a "quoted", text`, "1", "1.5", "", "2022-08-09", `["x",1]`}, recs[1][:7])
		var node map[string]any
		require.NoError(t, json.Unmarshal([]byte(recs[1][7]), &node))
		assert.Equal(t, "node", node["type"])
	})
	t.Run("a truncated CSV says so in a header", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/cypher", strings.NewReader(`{"query": "UNWIND range(1, 10) AS i RETURN i", "limit": 3}`))
		req.Header.Set("Accept", "text/csv")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, "row_limit", rec.Header().Get("X-Cryograph-Truncated"))
		assert.Equal(t, "i\n1\n2\n3\n", rec.Body.String())
	})
}

// applyMigration runs a migration's statements again: the test helpers' Reset deletes every
// node but the migration records, the starter queries included.
func applyMigration(t *testing.T, st *store.Store, name string) {
	t.Helper()
	ms, err := cypher.Migrations()
	require.NoError(t, err)
	for _, m := range ms {
		if m.Name != name {
			continue
		}
		for _, s := range m.Statements {
			_, err := neo4j.ExecuteQuery(context.Background(), st.Driver(), s, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(st.Database()))
			require.NoError(t, err)
		}
		return
	}
	t.Fatalf("no migration %s", name)
}

func TestSavedQueries(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	audit := &memoryAuditor{}
	h := cypherTestServer(t, st, audit)
	const base = "/api/v1/queries"
	byTopic := map[string]any{
		"name":        "people-on-topic",
		"description": "people who work on a topic",
		"query":       "MATCH (p:Person)-[:WORKS_ON]->(t:Topic {id: $topic}) WHERE size($names) = 0 OR p.name IN $names RETURN p.name AS name, $since AS since ORDER BY name LIMIT $max",
		"params": []map[string]any{
			{"name": "topic", "type": "string", "description": "a topic id"},
			{"name": "names", "type": "list<string>", "default": []string{}},
			{"name": "max", "type": "integer", "default": 100},
			{"name": "since", "type": "date", "default": nil},
		},
	}

	t.Run("create answers 201 with the stored query", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPost, base, byTopic)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		assert.Equal(t, base+"/people-on-topic", rec.Header().Get("Location"))
		var q analyst.SavedQuery
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &q))
		assert.Equal(t, "tester", q.CreatedBy)
		assert.False(t, q.CreatedAt.IsZero())
		assert.Len(t, q.Params, 4)
		assert.Equal(t, "saved_query.create", audit.last().Action)
	})
	t.Run("the same name again is a conflict", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPost, base, byTopic)
		assert.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	})
	t.Run("get and list return it", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodGet, base+"/people-on-topic", nil)
		require.Equal(t, http.StatusOK, rec.Code)
		var q analyst.SavedQuery
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &q))
		assert.Equal(t, byTopic["query"], q.Query)
		assert.Equal(t, "list<string>", q.Params[1].Type)
		rec = cyDo(t, h, http.MethodGet, base, nil)
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Contains(t, rec.Body.String(), `"name":"people-on-topic"`)
	})
	t.Run("run checks and converts the parameters", func(t *testing.T) {
		res := cyOK(t, cyDo(t, h, http.MethodPost, base+"/people-on-topic/run",
			map[string]any{"params": map[string]any{"topic": "topic:nanowarming", "max": 2, "since": "2020-01-01"}}))
		assert.Len(t, res.Rows, 2)
		assert.Equal(t, map[string]any{"type": "date", "value": "2020-01-01"}, res.Rows[0][1])
		res = cyOK(t, cyDo(t, h, http.MethodPost, base+"/people-on-topic/run",
			map[string]any{"params": map[string]any{"topic": "topic:nanowarming", "names": []string{"Xu Yi"}}, "limit": 5}))
		require.Len(t, res.Rows, 1)
		assert.Equal(t, "Xu Yi", res.Rows[0][0])
		assert.Nil(t, res.Rows[0][1])
		got := audit.last()
		assert.Equal(t, "saved_query.run", got.Action)
		assert.Equal(t, "people-on-topic", got.What)
		assert.Equal(t, 1, got.Rows)
	})
	t.Run("run exports CSV", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPost, base+"/people-on-topic/run?format=csv", map[string]any{"params": map[string]any{"topic": "topic:nanowarming", "max": 1}})
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Contains(t, rec.Header().Get("Content-Disposition"), `filename="people-on-topic.csv"`)
		assert.True(t, strings.HasPrefix(rec.Body.String(), "name,since\n"), rec.Body.String())
	})
	for _, tc := range []struct {
		name   string
		params map[string]any
		field  string
	}{
		{"a missing parameter", map[string]any{}, "params.topic"},
		{"a number for a string", map[string]any{"topic": 7}, "params.topic"},
		{"a float for an integer", map[string]any{"topic": "x", "max": 1.5}, "params.max"},
		{"a number in a list of strings", map[string]any{"topic": "x", "names": []any{"a", 1}}, "params.names"},
		{"a malformed date", map[string]any{"topic": "x", "since": "9 August"}, "params.since"},
		{"an undeclared parameter", map[string]any{"topic": "x", "country": "CN"}, "params.country"},
	} {
		t.Run("run refuses "+tc.name+" with a 400 naming it", func(t *testing.T) {
			rec := cyDo(t, h, http.MethodPost, base+"/people-on-topic/run", map[string]any{"params": tc.params})
			require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			var body ErrorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
			assert.Equal(t, tc.field, body.Error.Field)
			assert.Contains(t, body.Error.Message, strings.TrimPrefix(tc.field, "params."))
		})
	}
	t.Run("run refuses a query text in the body", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPost, base+"/people-on-topic/run", map[string]any{"query": "CREATE (:Hacked)"})
		assert.Equal(t, http.StatusBadRequest, rec.Code)
	})
	t.Run("update replaces the query", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPut, base+"/people-on-topic", map[string]any{
			"description": "count only", "query": "MATCH (p:Person) RETURN count(p) AS n"})
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var q analyst.SavedQuery
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &q))
		assert.Equal(t, "count only", q.Description)
		assert.Empty(t, q.Params)
		assert.Equal(t, "tester", q.UpdatedBy)
		assert.False(t, q.UpdatedAt.Before(q.CreatedAt))
		res := cyOK(t, cyDo(t, h, http.MethodPost, base+"/people-on-topic/run", nil))
		assert.Len(t, res.Rows, 1)
	})
	t.Run("a renaming update is refused", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodPut, base+"/people-on-topic", map[string]any{"name": "other", "query": "RETURN 1"})
		assert.Equal(t, http.StatusBadRequest, rec.Code)
	})
	for _, tc := range []struct {
		name   string
		method string
		body   map[string]any
		status int
		code   string
	}{
		{"a writing query on create", http.MethodPost, map[string]any{"name": "bad", "query": "MATCH (n) DETACH DELETE n"}, 400, analyst.CodeNotReadOnly},
		{"a writing query on update", http.MethodPut, map[string]any{"query": "CREATE (:Hacked)"}, 400, analyst.CodeNotReadOnly},
		{"LOAD CSV on create", http.MethodPost, map[string]any{"name": "bad", "query": "LOAD CSV FROM 'file:///x' AS r RETURN r"}, 400, analyst.CodeNotAllowed},
		{"two statements on create", http.MethodPost, map[string]any{"name": "bad", "query": "RETURN 1; RETURN 2"}, 400, analyst.CodeMultipleStatements},
		{"a syntax error on create", http.MethodPost, map[string]any{"name": "bad", "query": "RETRN 1"}, 400, analyst.CodeSyntax},
		{"an undeclared parameter on create", http.MethodPost, map[string]any{"name": "bad", "query": "RETURN $x"}, 400, cryo.ECodeInvalid},
		{"a bad name", http.MethodPost, map[string]any{"name": "Bad Name", "query": "RETURN 1"}, 400, cryo.ECodeInvalid},
		{"an unknown type", http.MethodPost, map[string]any{"name": "bad", "query": "RETURN $x", "params": []map[string]any{{"name": "x", "type": "uuid"}}}, 400, cryo.ECodeInvalid},
	} {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			target := base
			if tc.method == http.MethodPut {
				target += "/people-on-topic"
			}
			rec := cyDo(t, h, tc.method, target, tc.body)
			require.Equal(t, tc.status, rec.Code, rec.Body.String())
			var body cypherErrorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
			assert.Equal(t, tc.code, body.Error.Code, body.Error.Message)
		})
	}
	t.Run("nothing refused was stored", func(t *testing.T) {
		assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (q:SavedQuery {name: 'bad'}) RETURN count(q)"))
		assert.Equal(t, int64(0), neo4jtest.Count(t, st, "MATCH (n:Hacked) RETURN count(n)"))
	})
	t.Run("delete answers 204, then the query is gone", func(t *testing.T) {
		rec := cyDo(t, h, http.MethodDelete, base+"/people-on-topic", nil)
		assert.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
		assert.Equal(t, "saved_query.delete", audit.last().Action)
		for _, r := range []*httptest.ResponseRecorder{
			cyDo(t, h, http.MethodGet, base+"/people-on-topic", nil),
			cyDo(t, h, http.MethodDelete, base+"/people-on-topic", nil),
			cyDo(t, h, http.MethodPut, base+"/people-on-topic", map[string]any{"query": "RETURN 1"}),
			cyDo(t, h, http.MethodPost, base+"/people-on-topic/run", nil),
		} {
			assert.Equal(t, http.StatusNotFound, r.Code, r.Body.String())
		}
	})
}

func TestStarterQueriesRunOnTheDemoData(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	applyMigration(t, st, "V0006__starter_queries")
	applyMigration(t, st, "V0006__starter_queries") // running it again changes nothing
	h := cypherTestServer(t, st, nil)

	samples := map[string]map[string]any{
		"labs-by-topic-and-country":        {"topic": "cryopreservation", "country": "CN"},
		"partners-of-both":                 {"a": "USST", "b": "org:ustc"},
		"rising-topics-by-year":            {"fromYear": 2015},
		"people-connected-to-organization": {"org": "USST"},
		"uncertain-facts":                  {},
		"how-two-people-are-connected":     {"a": "Xu Yi", "b": "person:zhao_gang"},
	}
	rec := cyDo(t, h, http.MethodGet, "/api/v1/queries", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	var list struct {
		Queries []analyst.SavedQuery `json:"queries"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &list))
	require.Len(t, list.Queries, len(samples), "one of each starter, however often the migration ran")
	for _, q := range list.Queries {
		t.Run(q.Name, func(t *testing.T) {
			params, ok := samples[q.Name]
			require.True(t, ok, "every starter query has sample parameters in this test")
			assert.NotEmpty(t, q.Description)
			assert.Equal(t, "cryograph", q.CreatedBy)
			res := cyOK(t, cyDo(t, h, http.MethodPost, "/api/v1/queries/"+q.Name+"/run", map[string]any{"params": params}))
			assert.NotEmpty(t, res.Rows, "the starter query finds something in the demo data")
			// It passes the same checks as one an analyst saves.
			_, err := st.CheckCypher(context.Background(), q.Query, analyst.SampleParams(q.Params))
			assert.NoError(t, err)
		})
	}
	t.Run("labs on cryopreservation in China include the USTC lab", func(t *testing.T) {
		res := cyOK(t, cyDo(t, h, http.MethodPost, "/api/v1/queries/labs-by-topic-and-country/run",
			map[string]any{"params": samples["labs-by-topic-and-country"]}))
		var ids []any
		for _, r := range res.Rows {
			ids = append(ids, r[0])
		}
		assert.Contains(t, ids, "org:ustc_cryo_lab")
	})
	t.Run("Yinfeng partners with both USST and USTC", func(t *testing.T) {
		res := cyOK(t, cyDo(t, h, http.MethodPost, "/api/v1/queries/partners-of-both/run",
			map[string]any{"params": samples["partners-of-both"]}))
		require.NotEmpty(t, res.Rows)
		assert.Equal(t, "org:yinfeng_group", res.Rows[0][0])
	})
}
