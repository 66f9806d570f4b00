package store

// The analysts' Cypher console: the two read-only layers (EXPLAIN checked by package analyst,
// then a READ transaction), the cache of passed verdicts, and Neo4j's errors in analysts' terms.

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
	"unsafe"

	"github.com/cryograph/cryograph/internal/analyst"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/db"
)

// explainPrefix is put before a query to have Neo4j plan it without running it. It ends with
// a newline so that a syntax error's column stays right; ShiftPosition corrects the line and
// offset.
const explainPrefix = "EXPLAIN\n"

// clientGrace is how long after the server-side timeout the store itself gives up on a query,
// in case the server does not answer: some queries (a reduce() over a million strings) never
// look at Neo4j's termination flag, and their transaction stays "Terminated" while it runs.
// The promise (docs/reliability.md) is an answer within the timeout plus 2 s.
const clientGrace = 1500 * time.Millisecond

// txMetadata labels the console's transactions, so an operator's SHOW TRANSACTIONS or query
// log tells them apart from CryoGraph's own.
var txMetadata = map[string]any{"app": "cryograph", "kind": "analyst-cypher"}

// RunCypher runs an analyst's query behind both read-only layers: Neo4j must EXPLAIN it as a
// read-only plan that passes analyst.Explained.Check, and it then runs in a READ
// transaction, under a server-side timeout, streamed until the row or byte cap. The text
// checks run every time; a text that passed Neo4j's check before skips the EXPLAIN (see
// verdictCache).
func (s *Store) RunCypher(ctx context.Context, req analyst.Request) (*analyst.Result, error) {
	if err := req.Normalize(); err != nil {
		return nil, err
	}
	if err := analyst.Precheck(req.Query); err != nil {
		return nil, err
	}
	release, err := s.console.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	if err := s.checkLingering(ctx); err != nil {
		return nil, err
	}
	if !s.verdicts.allowed(req.Query) {
		if _, err := s.explainChecked(ctx, req); err != nil {
			return nil, err
		}
	}
	return s.runRead(ctx, req)
}

// CheckCypher applies the first read-only layer (the text checks and Neo4j's EXPLAIN) to a
// query without running it, and returns what Neo4j said. Saved queries are checked this way
// when they are created or changed. It always asks Neo4j, as its callers want the missing
// parameters, which depend on the parameters given; a query it passes is remembered for
// RunCypher.
func (s *Store) CheckCypher(ctx context.Context, query string, params map[string]any) (analyst.Explained, error) {
	r := analyst.Request{Query: query, Params: params}
	if err := r.Normalize(); err != nil {
		return analyst.Explained{}, err
	}
	if err := analyst.Precheck(r.Query); err != nil {
		return analyst.Explained{}, err
	}
	return s.explainChecked(ctx, r)
}

// explainChecked asks Neo4j to EXPLAIN a normalised, prechecked request, applies the
// read-only check to what it says, and remembers a passing text (verdictCache).
func (s *Store) explainChecked(ctx context.Context, r analyst.Request) (analyst.Explained, error) {
	ex, err := s.explain(ctx, r.Query, r.Params, r.Timeout)
	if err != nil {
		return ex, err
	}
	if err := ex.Check(); err != nil {
		return ex, err
	}
	s.verdicts.allow(r.Query)
	return ex, nil
}

// verdictCacheSize bounds the query texts whose passing verdict is remembered. Entries are a
// hash each (about 100 bytes with the LRU's bookkeeping), so a full cache stays under 1 MB
// whatever the texts' length; 4096 distinct statements is far more than analysts and saved
// queries reuse at a time.
const verdictCacheSize = 4096

// verdictCache remembers the query texts whose EXPLAIN passed analyst.Explained.Check, so
// that running one again skips that round trip (it cost about 1.5 ms p50 per call at 1M
// people, and cut the console's throughput at 16 clients to 0.27x of the query alone).
//
// The key is the exact text only (its SHA-256, so a 100 kB query does not stay in memory),
// not the parameters: what Check reads is fixed by the text. The statement type comes from
// the clauses (an updating clause or a schema command makes it "rw", "w" or "s" whatever
// the values), and so do the operators it refuses (LOAD CSV, CALL { } IN TRANSACTIONS, the
// SHOW and TERMINATE commands) and the procedures' names, which cannot be parameters.
// Parameter values are read only when the query runs (a negative LIMIT $n, a dynamic label
// $($l), the index name given to db.index.fulltext.queryNodes all pass EXPLAIN and fail in
// the run). Parameter types do reach the planner: a mismatch (a string for LIMIT $n) fails
// the EXPLAIN itself, with no verdict; on a cached text the run then fails with the same
// error and position. Which parameters are missing depends on the names given, but only
// CheckCypher reports them, and it always asks Neo4j. The store queries one database with
// one user, so neither is part of the key.
//
// Only passing verdicts are kept. A refused query costs its EXPLAIN every time, which only
// matters to someone still correcting it, and it keeps the cache simple: a hit can only skip
// a check the same text passed before, and a burst of refused queries cannot push the
// useful entries out. The cache never replaces the second layer: every run is in a READ
// transaction, where Neo4j refuses writes whatever the first layer said.
type verdictCache struct {
	lru *lru.Cache[[sha256.Size]byte, struct{}]
}

func newVerdictCache(size int) verdictCache {
	c, err := lru.New[[sha256.Size]byte, struct{}](size)
	if err != nil {
		panic(fmt.Sprintf("store: verdict cache of size %d: %v", size, err)) // only for size <= 0
	}
	return verdictCache{lru: c}
}

func (c verdictCache) allowed(query string) bool { return c.lru.Contains(sha256.Sum256([]byte(query))) }

func (c verdictCache) allow(query string) { c.lru.Add(sha256.Sum256([]byte(query)), struct{}{}) }

// explain asks Neo4j to plan the query (in a read transaction too) and reports its
// statement type, operators, procedures and missing parameters. The caller has run the text
// checks.
func (s *Store) explain(ctx context.Context, query string, params map[string]any, timeout time.Duration) (analyst.Explained, error) {
	var ex analyst.Explained
	ctx, cancel := context.WithTimeout(ctx, timeout+clientGrace)
	defer cancel()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	sum, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (neo4j.ResultSummary, error) {
		s.explains.Add(1)
		res, err := tx.Run(ctx, explainPrefix+query, toDriverParams(params))
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	}, neo4j.WithTxTimeout(timeout), neo4j.WithTxMetadata(txMetadata))
	if err != nil {
		return ex, cypherErr(ctx, "explain cypher", err, true)
	}
	ex.StatementType = sum.StatementType().String()
	root, err := planTree(sum.Plan())
	if err != nil {
		return ex, fmt.Errorf("explain cypher: %w", err)
	}
	procs := map[string]bool{}
	var walk func(p *db.Plan)
	walk = func(p *db.Plan) {
		op := analyst.OperatorName(p.Operator)
		ex.Operators = append(ex.Operators, op)
		if op == "ProcedureCall" {
			details, _ := p.Arguments["Details"].(string)
			name := analyst.ProcedureName(details)
			if name == "" {
				name = "(unknown procedure: " + details + ")"
			}
			procs[name] = true
		}
		for i := range p.Children {
			walk(&p.Children[i])
		}
	}
	if root != nil {
		walk(root)
	}
	for p := range procs {
		ex.Procedures = append(ex.Procedures, p)
	}
	sort.Strings(ex.Procedures)
	for _, n := range sum.Notifications() {
		if n.Code() == "Neo.ClientNotification.Statement.ParameterNotProvided" {
			ex.MissingParams = append(ex.MissingParams, missingParams(n.Description())...)
		}
	}
	return ex, nil
}

// planTree returns the driver's own record of an EXPLAIN plan. The driver's Plan.Children
// cannot be walked: up to v5.28.4 at least it wraps the address of its loop variable
// (neo4j/resultsummary.go, compiled with Go 1.18's loop semantics), so every child it returns
// is the last one, and a walk misses every operator left of it: LOAD CSV or a procedure
// before a CALL { } subquery (a CartesianProduct or Apply) went unseen. The driver keeps the
// whole tree as a *db.Plan in its plan value's one unexported field; this reads it there.
// Should a later driver hold it differently, the console refuses every query (an error)
// rather than check a partial plan, and TestExplainSeesTheWholePlan says so.
func planTree(p neo4j.Plan) (*db.Plan, error) {
	if p == nil {
		return nil, nil
	}
	v := reflect.ValueOf(p)
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
		want := reflect.TypeOf((*db.Plan)(nil))
		st := v.Elem()
		for i := 0; i < st.NumField(); i++ {
			if f := st.Field(i); f.Type() == want {
				tree := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(*db.Plan)
				if tree == nil {
					return nil, errors.New("the driver's plan holds no tree")
				}
				return tree, nil
			}
		}
	}
	return nil, fmt.Errorf("the neo4j driver's plan (%T) no longer holds a *db.Plan: the plan cannot be checked", p)
}

// missingParams reads "... (Missing parameters: a, b)".
func missingParams(desc string) []string {
	_, list, ok := strings.Cut(desc, "Missing parameters:")
	if !ok {
		return nil
	}
	var out []string
	for _, p := range strings.Split(strings.TrimSuffix(strings.TrimSpace(list), ")"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// runRead is the second layer: the query runs in a READ transaction, so Neo4j refuses any
// write whatever the first layer decided. Records are streamed into the collector, which
// stops at the caps; the rest of the stream is discarded when the transaction closes.
func (s *Store) runRead(ctx context.Context, req analyst.Request) (*analyst.Result, error) {
	if err := req.Normalize(); err != nil {
		return nil, err
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, req.Timeout+clientGrace)
	defer cancel()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead,
		FetchSize: min(req.Limit+1, 1000)})
	defer sess.Close(ctx)
	start := time.Now()
	// An explicit transaction, not ExecuteRead: the driver would retry a query that ran out
	// of memory (a transient error) for MaxTransactionRetryTime, running the runaway again.
	res, err := func() (*analyst.Result, error) {
		tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(req.Timeout), neo4j.WithTxMetadata(txMetadata))
		if err != nil {
			return nil, err
		}
		defer tx.Close(ctx)
		r, err := tx.Run(ctx, req.Query, toDriverParams(req.Params))
		if err != nil {
			return nil, err
		}
		keys, err := r.Keys()
		if err != nil {
			return nil, err
		}
		col := analyst.NewCollector(keys, req.Limit, req.MaxBytes)
		for r.Next(ctx) {
			if !col.Add(fromDriverValues(r.Record().Values)) {
				break
			}
		}
		if err := r.Err(); err != nil {
			return nil, err
		}
		// Read-only: nothing to commit, and a rollback discards the rest of a cut stream.
		return col.Result(0), tx.Rollback(ctx)
	}()
	if err != nil {
		if ctx.Err() != nil && parent.Err() == nil {
			// Our own deadline cut it, not Neo4j: the transaction may still be running there.
			s.console.suspect()
		}
		return nil, cypherErr(ctx, "run cypher", err, false)
	}
	res.Stats.Ms = time.Since(start).Milliseconds()
	return res, nil
}

// cypherErr turns the errors a query of the analyst's own making can cause into
// analyst.Error with Neo4j's code (and, for syntax errors, the position); the rest goes
// through mapErr (unavailable, internal).
func cypherErr(ctx context.Context, op string, err error, explained bool) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && !isMemoryErr(err) {
		// The store's own deadline (the timeout plus clientGrace) passed: whatever the driver
		// made of it (a connectivity error, a retry limit), it is the query's timeout, the
		// analyst's to fix, and no reason to retry at once (which a 503 would invite).
		return &analyst.Error{Code: analyst.CodeTimeout, Err: fmt.Errorf("%s: %w", op, err),
			Message: "the query did not finish within its timeout; Neo4j may still be stopping it"}
	}
	var nerr *neo4j.Neo4jError
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		// The driver retried a transient error until its retry time ran out; a query that
		// keeps running out of memory is the analyst's to fix, not a busy server.
		if last, ok := limit.Errors[len(limit.Errors)-1].(*neo4j.Neo4jError); ok && isMemoryCode(last.Code) {
			err = last
		}
	}
	if !errors.As(err, &nerr) {
		switch {
		case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
			return &analyst.Error{Code: analyst.CodeTimeout, Message: "the query did not finish within its timeout", Err: err}
		case errors.Is(err, context.Canceled):
			// The client went away; nobody reads the answer, and it is no server failure to log.
			return &analyst.Error{Code: analyst.CodeFailed, Message: "the request was canceled", Err: err}
		}
		return mapErr(op, err)
	}
	msg := nerr.Msg
	var pos *analyst.Position
	if explained {
		msg, pos = analyst.ShiftPosition(msg, strings.Count(explainPrefix, "\n"), len(explainPrefix))
	} else {
		pos = analyst.ParsePosition(msg)
	}
	e := &analyst.Error{Message: msg, Neo4jCode: nerr.Code, Position: pos, Err: fmt.Errorf("%s: %w", op, err)}
	switch code := nerr.Code; {
	case strings.Contains(code, "TransactionTimedOut"):
		e.Code, e.Message = analyst.CodeTimeout, "the query did not finish within its timeout and Neo4j stopped it"
	case isMemoryCode(code):
		e.Code, e.Message = analyst.CodeMemory, "Neo4j stopped the query because it needed too much memory: "+msg
	case code == "Neo.ClientError.Statement.SyntaxError":
		e.Code = analyst.CodeSyntax
	case code == "Neo.ClientError.Statement.AccessMode", code == "Neo.ClientError.Security.Forbidden",
		code == "Neo.ClientError.Statement.UnsupportedAdministrationCommand",
		code == "Neo.ClientError.Statement.NotSystemDatabaseError":
		e.Code = analyst.CodeNotReadOnly
		e.Message = "the query tried to write or to administer the server, and Neo4j refused it: the Cypher console is read-only (" + msg + ")"
	case strings.HasPrefix(code, "Neo.ClientError.Security."):
		return mapErr(op, err)
	case strings.HasPrefix(code, "Neo.ClientError."):
		e.Code = analyst.CodeFailed
	default:
		return mapErr(op, err)
	}
	return e
}

func isMemoryErr(err error) bool {
	var nerr *neo4j.Neo4jError
	return errors.As(err, &nerr) && isMemoryCode(nerr.Code)
}

func isMemoryCode(code string) bool {
	return strings.Contains(code, "MemoryLimit") || strings.Contains(code, "OutOfMemory")
}
