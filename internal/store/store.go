// Package store is CryoGraph's only door to Neo4j: it owns the driver, runs the migrations and
// the named queries from package cypher, and turns Neo4j's errors into domain errors.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cryograph/cryograph/cypher"
	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Store runs CryoGraph's queries against one Neo4j database.
type Store struct {
	driver     neo4j.DriverWithContext
	database   string
	queries    map[string]string
	migrations []cypher.Migration // parsed once; /readyz compares them with the graph often
	maps       answerCache[cryo.PartnershipMap]
	verdicts   verdictCache // the analysts' queries that passed Neo4j's EXPLAIN check
	explains   atomic.Int64 // EXPLAINs sent, for tests
	console    *consoleGuard
	health     *health      // the circuit breaker: Down, Observe (health.go)
	log        *slog.Logger // progress of long migrations; discarded unless SetLog is called
}

// SetLog makes the store report the progress of long work, such as a migration that rewrites
// every person (V0011), to log. Call it before Migrate.
func (s *Store) SetLog(log *slog.Logger) {
	if log != nil {
		s.log = log
	}
}

// Open creates the process's one driver. It does not fail when Neo4j is down: the driver
// connects lazily, and /readyz reports the state. Call VerifyConnectivity to insist.
func Open(cfg config.Config) (*Store, error) {
	driver, err := NewDriver(cfg)
	if err != nil {
		return nil, err
	}
	st, err := New(driver, cfg.Neo4jDatabase)
	if err != nil {
		_ = driver.Close(context.Background())
		return nil, err
	}
	return st, nil
}

// NewDriver creates a driver for cfg with the store's connection settings. A process that needs
// the driver beside the store (the benchmarks' raw side) creates it here and hands it to New,
// so the process still has one driver.
func NewDriver(cfg config.Config) (neo4j.DriverWithContext, error) {
	driver, err := neo4j.NewDriverWithContext(cfg.Neo4jURI,
		neo4j.BasicAuth(cfg.Neo4jUsername, cfg.Neo4jPassword, ""),
		func(c *neo4j.Config) {
			// A connect to a Neo4j on the same machine or network takes milliseconds; one that
			// takes 2 s will not succeed. Retries and waits for a connection are bounded so that
			// the first request to meet an outage answers within a few seconds; the ones after
			// it fail at once (health.go), and none outlives its deadline (the HTTP layer's).
			c.SocketConnectTimeout = 2 * time.Second
			c.ConnectionAcquisitionTimeout = 3 * time.Second
			c.MaxTransactionRetryTime = 2 * time.Second
			// A pooled connection idle for a second is checked before use: after Neo4j
			// restarts, every pooled connection is dead, and each would otherwise fail a request.
			c.ConnectionLivenessCheckTimeout = time.Second
		})
	if err != nil {
		return nil, fmt.Errorf("create neo4j driver for %s: %w", cfg.Neo4jURI, err)
	}
	return driver, nil
}

// New builds a store on driver, against database. Closing the store closes the driver.
func New(driver neo4j.DriverWithContext, database string) (*Store, error) {
	queries, err := cypher.Queries()
	if err != nil {
		return nil, fmt.Errorf("load queries: %w", err)
	}
	migrations, err := cypher.Migrations()
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	s := &Store{driver: driver, database: database, queries: queries, migrations: migrations,
		verdicts: newVerdictCache(verdictCacheSize), console: newConsoleGuard(0), log: slog.New(slog.DiscardHandler)}
	s.health = newHealth(s.probeQuery)
	return s, nil
}

// probeQuery is how the breaker's prober asks whether Neo4j is back: a query on the database
// (health_probe.cypher), not only a connection, because a starting Neo4j accepts connections
// before its database serves queries; closing the breaker then would let requests wait out the
// driver's retries instead of failing fast.
func (s *Store) probeQuery(ctx context.Context) error {
	_, err := neo4j.ExecuteQuery(ctx, s.driver, s.Query("health_probe"), nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	return err
}

// Connect opens a Store for cfg and waits up to wait for Neo4j to answer. If it does not,
// the store is closed and the error names the address.
func Connect(ctx context.Context, cfg config.Config, wait time.Duration) (*Store, error) {
	st, err := Open(cfg)
	if err != nil {
		return nil, err
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if err := st.WaitForConnectivity(wctx); err != nil {
		_ = st.Close(context.Background())
		return nil, fmt.Errorf("neo4j at %s: %w", cfg.Neo4jURI, err)
	}
	return st, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error {
	s.health.close()
	return s.driver.Close(ctx)
}

// Driver exposes the driver to benchmarks and tests that compare with raw driver calls.
func (s *Store) Driver() neo4j.DriverWithContext { return s.driver }

// Database is the name of the database queries run against.
func (s *Store) Database() string { return s.database }

// Query returns a named query's text. A missing name is a programming error.
func (s *Store) Query(name string) string {
	q, ok := s.queries[name]
	if !ok {
		panic("store: no query named " + name)
	}
	return q
}

// VerifyConnectivity checks that Neo4j answers and the credentials are accepted.
func (s *Store) VerifyConnectivity(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		if ctx.Err() == nil || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			s.health.markDown(err.Error())
		}
		return mapErr("connect to neo4j", err)
	}
	return nil
}

// WaitForConnectivity retries VerifyConnectivity until it succeeds or ctx ends.
func (s *Store) WaitForConnectivity(ctx context.Context) error {
	for {
		err := s.VerifyConnectivity(ctx)
		if err == nil || cryo.ErrorCode(err) != cryo.ECodeUnavailable {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Second):
		}
	}
}

func (s *Store) read(ctx context.Context, name string, params map[string]any) (*neo4j.EagerResult, error) {
	return s.readText(ctx, name, s.Query(name), params)
}

// readText runs the text of a named query after the store filled in validated values.
func (s *Store) readText(ctx context.Context, name, query string, params map[string]any) (*neo4j.EagerResult, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, mapErr("query "+name, err)
	}
	return res, nil
}

func (s *Store) write(ctx context.Context, name string, params map[string]any) (*neo4j.EagerResult, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, s.Query(name), params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting())
	if err != nil {
		return nil, mapErr("query "+name, err)
	}
	return res, nil
}

// runTx runs one query in a managed transaction and collects its records.
func runTx(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// orNull turns "" into nil, the query files' "no filter".
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// mapErr turns driver errors into domain errors, keeping the cause for the logs.
func mapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var ce *cryo.Error
	if errors.As(err, &ce) {
		return err
	}
	var nerr *neo4j.Neo4jError
	var limit *neo4j.TransactionExecutionLimit
	switch {
	case neo4j.IsConnectivityError(err), errors.Is(err, context.DeadlineExceeded), errors.As(err, &limit):
		// TransactionExecutionLimit: the driver retried until MaxTransactionRetryTime ran out.
		return cryo.Unavailable("the graph database is unavailable; try again shortly", fmt.Errorf("%s: %w", op, err))
	case errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.Security."):
		return cryo.Unavailable("the graph database refused CryoGraph's credentials", fmt.Errorf("%s: %w", op, err))
	case errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.TransientError."):
		return cryo.Unavailable("the graph database is busy; try again", fmt.Errorf("%s: %w", op, err))
	case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Database.DatabaseNotFound":
		return cryo.Unavailable("the configured Neo4j database does not exist", fmt.Errorf("%s: %w", op, err))
	}
	return fmt.Errorf("%s: %w", op, err)
}

// EmptyGraph deletes every node and relationship but the migration records. It exists for
// tests and benchmarks, which must start from an empty graph; the service never calls it.
func (s *Store) EmptyGraph(ctx context.Context) error {
	return s.runBatched(ctx, "", nil, "empty_relationships", "empty_nodes")
}

// runBatched runs the named write queries one after the other, each in an auto-commit
// transaction, as CALL {} IN TRANSACTIONS needs; an error names op and the query.
func (s *Store) runBatched(ctx context.Context, op string, params map[string]any, names ...string) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	for _, name := range names {
		res, err := sess.Run(ctx, s.Query(name), params)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return mapErr(op+name, err)
		}
	}
	return nil
}
