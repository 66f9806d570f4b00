package httpapi_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consoleError is the console's error body: the error shape with Neo4j's code and position.
type consoleError struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Field     string            `json:"field"`
	Neo4jCode string            `json:"neo4jCode"`
	Position  *analyst.Position `json:"position"`
	RequestID string            `json:"requestId"`
}

func consoleErrorOf(t *testing.T, rec *httptest.ResponseRecorder) consoleError {
	t.Helper()
	var body struct {
		Error consoleError `json:"error"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
	require.NotEmpty(t, body.Error.Code, rec.Body.String())
	require.NotEmpty(t, body.Error.Message)
	require.NotEmpty(t, body.Error.RequestID)
	return body.Error
}

// console is a server with the analyst endpoints over fakes, and an analyst's token.
type console struct {
	h       http.Handler
	token   string
	audits  *audits
	mu      sync.Mutex
	runs    []analyst.Request
	result  *analyst.Result
	err     error
	queries map[string]analyst.SavedQuery
}

func newConsole(t *testing.T) *console {
	c := &console{audits: &audits{}, queries: map[string]analyst.SavedQuery{},
		result: &analyst.Result{Columns: []string{"n"}, Rows: [][]any{{1.0}}, Graph: analyst.Graph{Nodes: []analyst.Node{}, Relationships: []analyst.Relationship{}}, Stats: analyst.Stats{Rows: 1}}}
	runner := &mock.CypherRunner{RunCypherFn: func(_ context.Context, req analyst.Request) (*analyst.Result, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.runs = append(c.runs, req)
		return c.result, c.err
	}}
	notFound := func(name string) error {
		return &cryo.Error{Code: cryo.ECodeNotFound, Field: "name", Message: "no saved query is named " + name}
	}
	saved := &mock.SavedQueryStore{
		SavedQueriesFn: func(context.Context) ([]analyst.SavedQuery, error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			out := []analyst.SavedQuery{}
			for _, q := range c.queries {
				out = append(out, q)
			}
			return out, nil
		},
		SavedQueryFn: func(_ context.Context, name string) (analyst.SavedQuery, error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			q, ok := c.queries[name]
			if !ok {
				return q, notFound(name)
			}
			return q, nil
		},
		CreateSavedQueryFn: func(_ context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.err != nil {
				return q, c.err
			}
			if _, ok := c.queries[q.Name]; ok {
				return q, &cryo.Error{Code: cryo.ECodeConflict, Field: "name", Message: "a saved query is already named " + q.Name}
			}
			q.CreatedAt = time.Now()
			c.queries[q.Name] = q
			return q, nil
		},
		UpdateSavedQueryFn: func(_ context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.err != nil {
				return q, c.err
			}
			old, ok := c.queries[q.Name]
			if !ok {
				return q, notFound(q.Name)
			}
			q.CreatedBy, q.CreatedAt, q.UpdatedAt = old.CreatedBy, old.CreatedAt, time.Now()
			c.queries[q.Name] = q
			return q, nil
		},
		DeleteSavedQueryFn: func(_ context.Context, name string) error {
			c.mu.Lock()
			defer c.mu.Unlock()
			if _, ok := c.queries[name]; !ok {
				return notFound(name)
			}
			delete(c.queries, name)
			return nil
		},
	}
	ts := newTokens()
	c.token = ts.issue(t, "ana", cryo.RoleAnalyst, 0, time.Now())
	c.h = newServer(t, httpapi.Deps{Cypher: runner, SavedQueries: saved, Auditor: c.audits.auditor(), Tokens: ts.store(), AnonymousRead: true})
	return c
}

func (c *console) post(t *testing.T, target string, body any, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	return c.call(t, http.MethodPost, target, body, header...)
}

func (c *console) call(t *testing.T, method, target string, body any, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var s string
	switch b := body.(type) {
	case nil:
	case string:
		s = b
	default:
		js, err := json.Marshal(b)
		require.NoError(t, err)
		s = string(js)
	}
	ct := ""
	if s != "" {
		ct = "application/json"
	}
	return do(t, c.h, method, target, c.token, ct, s, header...)
}

func (c *console) lastRun() analyst.Request {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.runs) == 0 {
		return analyst.Request{}
	}
	return c.runs[len(c.runs)-1]
}

func (c *console) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.err = err
}

// The HTTP part of TestCypherConsoleRefusesEveryWriteAndEscape and
// TestCypherErrorsCarryNeo4jsDetails: each of the console's refusals has its status, the
// error shape with the field, Neo4j's code and position, and its own audit record.
func TestCypherRefusalsMapToStatuses(t *testing.T) {
	c := newConsole(t)
	pos := &analyst.Position{Line: 2, Column: 1, Offset: 10}
	for _, tt := range []struct {
		name   string
		err    *analyst.Error
		status int
	}{
		{"a syntax error is a 400 with the position", &analyst.Error{Code: analyst.CodeSyntax, Message: "Invalid input 'RETRN' (line 2, column 1 (offset: 10))", Neo4jCode: "Neo.ClientError.Statement.SyntaxError", Position: pos}, http.StatusBadRequest},
		{"two statements are a 400", &analyst.Error{Code: analyst.CodeMultipleStatements, Message: "one statement only"}, http.StatusBadRequest},
		{"a write is a 400", &analyst.Error{Code: analyst.CodeNotReadOnly, Message: "the console is read-only"}, http.StatusBadRequest},
		{"LOAD CSV is a 400", &analyst.Error{Code: analyst.CodeNotAllowed, Message: "LOAD CSV is not allowed"}, http.StatusBadRequest},
		{"a runtime error is a 400 with Neo4j's code", &analyst.Error{Code: analyst.CodeFailed, Message: "/ by zero", Neo4jCode: "Neo.ClientError.Statement.ArithmeticError"}, http.StatusBadRequest},
		{"a timeout is a 422, not a 408 a client would repeat", &analyst.Error{Code: analyst.CodeTimeout, Message: "the query ran longer than 2s", Neo4jCode: "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"}, http.StatusUnprocessableEntity},
		{"running out of memory is a 422", &analyst.Error{Code: analyst.CodeMemory, Message: "too much memory"}, http.StatusUnprocessableEntity},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c.fail(tt.err)
			query := "MATCH (n)\nRETRN n // " + tt.name
			rec := c.post(t, "/api/v1/cypher", map[string]any{"query": query})
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			e := consoleErrorOf(t, rec)
			assert.Equal(t, tt.err.Code, e.Code)
			assert.Equal(t, tt.err.Message, e.Message)
			assert.Equal(t, "query", e.Field)
			assert.Equal(t, tt.err.Neo4jCode, e.Neo4jCode)
			assert.Equal(t, tt.err.Position, e.Position)
			got := c.audits.last()
			assert.Equal(t, "cypher", got.Action)
			assert.Equal(t, query, got.What)
			assert.Equal(t, tt.err.Code, got.Outcome)
			assert.Equal(t, "ana", got.Who)
		})
	}
	t.Run("another failure goes to the error middleware", func(t *testing.T) {
		c.fail(cryo.Unavailable("Neo4j cannot be reached", nil))
		rec := c.post(t, "/api/v1/cypher", map[string]any{"query": "RETURN 1"})
		assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
		assert.Equal(t, "unavailable", errorOf(t, rec).Code)
		assert.Equal(t, "unavailable", c.audits.last().Outcome)
	})
}

// The request checks of TestCypherErrorsCarryNeo4jsDetails, through the whole server (the
// OpenAPI check first, then the handler's).
func TestCypherRequestValidation(t *testing.T) {
	c := newConsole(t)
	for _, tc := range []struct {
		name, body, field string
	}{
		{"an empty query", `{"query": ""}`, "query"},
		{"a missing query", `{"params": {}}`, "query"},
		{"an unknown field", `{"query": "RETURN 1", "database": "system"}`, "database"},
		{"a zero limit", `{"query": "RETURN 1", "limit": 0}`, "limit"},
		{"a limit over the maximum", `{"query": "RETURN 1", "limit": 10001}`, "limit"},
		{"a timeout over the maximum", `{"query": "RETURN 1", "timeout": 61}`, "timeout"},
		{"a malformed timeout", `{"query": "RETURN 1", "timeout": "soon"}`, "timeout"},
		{"params that are not an object", `{"query": "RETURN 1", "params": [1]}`, "params"},
		{"a body that is not JSON", `RETURN 1`, "body"},
	} {
		t.Run(tc.name+" is a 400 naming the field", func(t *testing.T) {
			rec := c.post(t, "/api/v1/cypher", tc.body)
			require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			e := errorOf(t, rec)
			assert.Equal(t, cryo.ECodeInvalid, e.Code)
			assert.Equal(t, tc.field, e.Field)
		})
	}
	t.Run("an unknown format is a 400", func(t *testing.T) {
		rec := c.post(t, "/api/v1/cypher?format=xml", map[string]any{"query": "RETURN 1"})
		assert.Equal(t, http.StatusBadRequest, rec.Code)
		assert.Equal(t, "format", errorOf(t, rec).Field)
	})
	assert.Empty(t, c.runs, "no invalid request reached Neo4j")

	t.Run("a valid request reaches the runner as sent", func(t *testing.T) {
		rec := c.post(t, "/api/v1/cypher", `{"query": "RETURN $x AS x", "params": {"x": 1, "s": "a"}, "limit": 5, "timeout": "1.5s"}`)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		req := c.lastRun()
		assert.Equal(t, "RETURN $x AS x", req.Query)
		assert.Equal(t, 5, req.Limit)
		assert.Equal(t, 1500*time.Millisecond, req.Timeout)
		assert.Equal(t, map[string]any{"x": int64(1), "s": "a"}, req.Params)
		got := c.audits.last()
		assert.Equal(t, "ok", got.Outcome)
		assert.Equal(t, 1, got.Rows)
		assert.Len(t, c.audits.all(), 11, "one record per request, refusals included, none twice")
	})
}

// The HTTP part of TestCypherResultEncoding: the JSON result as the runner gave it, CSV by
// format or Accept, and a cut-short CSV says so in a header.
func TestCypherResultFormats(t *testing.T) {
	c := newConsole(t)
	c.result = &analyst.Result{Columns: []string{"name", "s", "n"}, Rows: [][]any{{"Xu Yi", `a "quoted", text`, nil}, {"Zhao Gang", "b", 2.0}},
		Truncated: true, TruncatedReason: analyst.TruncatedRows, Graph: analyst.Graph{Nodes: []analyst.Node{}, Relationships: []analyst.Relationship{}},
		Stats: analyst.Stats{Rows: 2}}

	rec := c.post(t, "/api/v1/cypher", map[string]any{"query": "RETURN 1"})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	var res struct {
		Columns         []string `json:"columns"`
		Rows            [][]any  `json:"rows"`
		Truncated       bool     `json:"truncated"`
		TruncatedReason string   `json:"truncatedReason"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &res))
	assert.Equal(t, c.result.Columns, res.Columns)
	assert.Equal(t, c.result.Rows, res.Rows)
	assert.True(t, res.Truncated)
	assert.Equal(t, "row_limit", res.TruncatedReason)

	for name, call := range map[string]func() *httptest.ResponseRecorder{
		"format=csv": func() *httptest.ResponseRecorder {
			return c.post(t, "/api/v1/cypher?format=csv", map[string]any{"query": "RETURN 1"})
		},
		"Accept: text/csv": func() *httptest.ResponseRecorder {
			return c.post(t, "/api/v1/cypher", map[string]any{"query": "RETURN 1"}, "Accept", "text/csv")
		},
	} {
		t.Run("CSV by "+name, func(t *testing.T) {
			rec := call()
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, "text/csv; charset=utf-8", rec.Header().Get("Content-Type"))
			assert.Contains(t, rec.Header().Get("Content-Disposition"), `filename="cypher.csv"`)
			assert.Equal(t, "2", rec.Header().Get("X-Cryograph-Rows"))
			assert.Equal(t, "row_limit", rec.Header().Get("X-Cryograph-Truncated"))
			recs, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
			require.NoError(t, err)
			assert.Equal(t, [][]string{{"name", "s", "n"}, {"Xu Yi", `a "quoted", text`, ""}, {"Zhao Gang", "b", "2"}}, recs)
		})
	}
}

// The HTTP part of TestSavedQueries: statuses, headers, who is recorded, the parameter checks
// (done before the store is asked) and the refusals the store reports.
func TestSavedQueriesOverFakes(t *testing.T) {
	c := newConsole(t)
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
		rec := c.post(t, base, byTopic)
		require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
		assert.Equal(t, base+"/people-on-topic", rec.Header().Get("Location"))
		var q analyst.SavedQuery
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &q))
		assert.Equal(t, "ana", q.CreatedBy)
		assert.Len(t, q.Params, 4)
		got := c.audits.last()
		assert.Equal(t, "saved_query.create", got.Action)
		assert.Contains(t, got.What, "people-on-topic: MATCH")
	})
	t.Run("the same name again is a conflict", func(t *testing.T) {
		rec := c.post(t, base, byTopic)
		assert.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
		assert.Equal(t, "conflict", errorOf(t, rec).Code)
		assert.Equal(t, "conflict", c.audits.last().Outcome)
	})
	t.Run("get and list return it", func(t *testing.T) {
		rec := c.call(t, http.MethodGet, base+"/people-on-topic", nil)
		require.Equal(t, http.StatusOK, rec.Code)
		var q analyst.SavedQuery
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &q))
		assert.Equal(t, byTopic["query"], q.Query)
		rec = c.call(t, http.MethodGet, base, nil)
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Contains(t, rec.Body.String(), `"name":"people-on-topic"`)
	})
	t.Run("run checks and converts the parameters", func(t *testing.T) {
		rec := c.post(t, base+"/people-on-topic/run", map[string]any{"params": map[string]any{"topic": "topic:nanowarming", "max": 2, "since": "2020-01-01"}, "limit": 5})
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		req := c.lastRun()
		assert.Equal(t, byTopic["query"], req.Query, "the saved text runs")
		assert.Equal(t, 5, req.Limit)
		assert.Equal(t, "topic:nanowarming", req.Params["topic"])
		assert.Equal(t, int64(2), req.Params["max"])
		assert.Equal(t, []any{}, req.Params["names"], "defaults fill what was not given")
		assert.NotNil(t, req.Params["since"])
		got := c.audits.last()
		assert.Equal(t, "saved_query.run", got.Action)
		assert.Equal(t, "people-on-topic", got.What)
		assert.Equal(t, 1, got.Rows)
	})
	t.Run("run exports CSV", func(t *testing.T) {
		rec := c.post(t, base+"/people-on-topic/run?format=csv", map[string]any{"params": map[string]any{"topic": "topic:nanowarming"}})
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Contains(t, rec.Header().Get("Content-Disposition"), `filename="people-on-topic.csv"`)
		assert.True(t, strings.HasPrefix(rec.Body.String(), "n\n"), rec.Body.String())
	})
	runs := len(c.runs)
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
			rec := c.post(t, base+"/people-on-topic/run", map[string]any{"params": tc.params})
			require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			e := errorOf(t, rec)
			assert.Equal(t, tc.field, e.Field)
			assert.Contains(t, e.Message, strings.TrimPrefix(tc.field, "params."))
		})
	}
	t.Run("run refuses a query text in the body", func(t *testing.T) {
		rec := c.post(t, base+"/people-on-topic/run", map[string]any{"query": "CREATE (:Hacked)"})
		assert.Equal(t, http.StatusBadRequest, rec.Code)
		assert.Equal(t, "query", errorOf(t, rec).Field)
	})
	assert.Equal(t, runs, len(c.runs), "no refused run reached Neo4j")
	t.Run("update replaces the query", func(t *testing.T) {
		rec := c.call(t, http.MethodPut, base+"/people-on-topic", map[string]any{"description": "count only", "query": "MATCH (p:Person) RETURN count(p) AS n"})
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var q analyst.SavedQuery
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &q))
		assert.Equal(t, "count only", q.Description)
		assert.Empty(t, q.Params)
		assert.Equal(t, "ana", q.UpdatedBy)
		assert.Equal(t, "saved_query.update", c.audits.last().Action)
		rec = c.post(t, base+"/people-on-topic/run", nil)
		require.Equal(t, http.StatusOK, rec.Code, "a query without parameters runs with no body: %s", rec.Body.String())
	})
	t.Run("a renaming update is refused", func(t *testing.T) {
		rec := c.call(t, http.MethodPut, base+"/people-on-topic", map[string]any{"name": "other", "query": "RETURN 1"})
		assert.Equal(t, http.StatusBadRequest, rec.Code)
		assert.Equal(t, "name", errorOf(t, rec).Field)
	})
	for _, tc := range []struct {
		name   string
		method string
		err    error
		status int
		code   string
	}{
		{"a writing query on create", http.MethodPost, &analyst.Error{Code: analyst.CodeNotReadOnly, Message: "read-only"}, 400, analyst.CodeNotReadOnly},
		{"a writing query on update", http.MethodPut, &analyst.Error{Code: analyst.CodeNotReadOnly, Message: "read-only"}, 400, analyst.CodeNotReadOnly},
		{"a syntax error on create", http.MethodPost, &analyst.Error{Code: analyst.CodeSyntax, Message: "Invalid input"}, 400, analyst.CodeSyntax},
		{"an undeclared parameter on create", http.MethodPost, cryo.Invalid("params", "$x is not declared"), 400, cryo.ECodeInvalid},
	} {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			c.fail(tc.err)
			defer c.fail(nil)
			target, body := base, map[string]any{"name": "bad", "query": "CREATE (:Hacked)"}
			if tc.method == http.MethodPut {
				target, body = base+"/people-on-topic", map[string]any{"query": "CREATE (:Hacked)"}
			}
			rec := c.call(t, tc.method, target, body)
			require.Equal(t, tc.status, rec.Code, rec.Body.String())
			assert.Equal(t, tc.code, consoleErrorOf(t, rec).Code)
			assert.Equal(t, tc.code, c.audits.last().Outcome)
		})
	}
	t.Run("a bad name or params shape is refused before the store", func(t *testing.T) {
		for _, body := range []any{
			map[string]any{"name": "", "query": "RETURN 1"},
			map[string]any{"query": "RETURN 1"},
			map[string]any{"name": "x", "query": "RETURN 1", "params": []map[string]any{{"name": "x"}}},
		} {
			rec := c.post(t, base, body)
			assert.Equal(t, http.StatusBadRequest, rec.Code, "%v: %s", body, rec.Body.String())
		}
		_, stored := c.queries["x"]
		assert.False(t, stored)
	})
	t.Run("delete answers 204, then the query is gone", func(t *testing.T) {
		rec := c.call(t, http.MethodDelete, base+"/people-on-topic", nil)
		assert.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
		assert.Empty(t, rec.Body.String())
		assert.Equal(t, "saved_query.delete", c.audits.last().Action)
		for _, r := range []*httptest.ResponseRecorder{
			c.call(t, http.MethodGet, base+"/people-on-topic", nil),
			c.call(t, http.MethodDelete, base+"/people-on-topic", nil),
			c.call(t, http.MethodPut, base+"/people-on-topic", map[string]any{"query": "RETURN 1"}),
			c.post(t, base+"/people-on-topic/run", nil),
		} {
			assert.Equal(t, http.StatusNotFound, r.Code, r.Body.String())
		}
	})
}

// Only analysts (and admins) reach the console, which has a stricter limiter of its own.
func TestConsoleNeedsTheAnalystRole(t *testing.T) {
	ts := newTokens()
	runner := &mock.CypherRunner{RunCypherFn: func(context.Context, analyst.Request) (*analyst.Result, error) {
		return &analyst.Result{Columns: []string{}, Rows: [][]any{}, Graph: analyst.Graph{Nodes: []analyst.Node{}, Relationships: []analyst.Relationship{}}}, nil
	}}
	h := newServer(t, httpapi.Deps{Cypher: runner, SavedQueries: &mock.SavedQueryStore{}, Tokens: ts.store(), AnonymousRead: true,
		RateLimits: httpapi.RateLimits{Cypher: httpapi.RateLimit{PerSecond: 0.001, Burst: 2}}})
	analystTok := ts.role(t, cryo.RoleAnalyst)
	for _, tt := range []struct {
		name   string
		token  string
		status int
	}{
		{"anonymous is 401", "", http.StatusUnauthorized},
		{"a viewer is 403", ts.role(t, cryo.RoleViewer), http.StatusForbidden},
		{"an editor is 200 (roles are ordered)", ts.role(t, cryo.RoleEditor), http.StatusOK},
		{"an analyst is 200", analystTok, http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(t, h, http.MethodPost, "/api/v1/cypher", tt.token, "application/json", `{"query":"RETURN 1"}`)
			assert.Equal(t, tt.status, rec.Code, rec.Body.String())
		})
	}
	t.Run("the console's limiter answers 429 after its burst", func(t *testing.T) {
		require.Equal(t, http.StatusOK, send(t, h, http.MethodPost, "/api/v1/cypher", analystTok, "application/json", `{"query":"RETURN 1"}`).Code)
		rec := send(t, h, http.MethodPost, "/api/v1/cypher", analystTok, "application/json", `{"query":"RETURN 1"}`)
		assert.Equal(t, http.StatusTooManyRequests, rec.Code)
		assert.Equal(t, "rate_limited", errorOf(t, rec).Code)
		assert.NotEmpty(t, rec.Header().Get("Retry-After"))
	})
	t.Run("without the console the analyst endpoints are 404", func(t *testing.T) {
		h := newServer(t, httpapi.Deps{Tokens: ts.store()})
		for _, target := range []string{"/api/v1/cypher", "/api/v1/queries", "/api/v1/queries/x/run"} {
			rec := send(t, h, http.MethodPost, target, analystTok, "application/json", `{"query":"RETURN 1","name":"x"}`)
			assert.Equal(t, http.StatusNotFound, rec.Code, target)
		}
	})
}
