package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/cryograph/cryograph/cypher"
	"github.com/cryograph/cryograph/internal/config"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DB is the benchmark's own way into Neo4j, beside the store it measures: a driver for the
// Cypher the store does not run (emptying the graph, LOAD CSV) and for the raw side of the
// API benchmark, which runs the store's named queries with no API in between.
type DB struct {
	driver   neo4j.DriverWithContext
	database string
	queries  map[string]string // the store's named queries (package cypher), for the raw side
}

// Open creates a driver for cfg, with the store's connection settings so that the raw side
// meets the same driver as the API side, and waits up to wait for Neo4j to answer.
func Open(ctx context.Context, cfg config.Config, wait time.Duration) (*DB, error) {
	queries, err := cypher.Queries()
	if err != nil {
		return nil, fmt.Errorf("load queries: %w", err)
	}
	driver, err := neo4j.NewDriverWithContext(cfg.Neo4jURI,
		neo4j.BasicAuth(cfg.Neo4jUsername, cfg.Neo4jPassword, ""),
		func(c *neo4j.Config) {
			c.SocketConnectTimeout = 5 * time.Second
			c.ConnectionAcquisitionTimeout = 10 * time.Second
			c.MaxTransactionRetryTime = 5 * time.Second
		})
	if err != nil {
		return nil, fmt.Errorf("create neo4j driver for %s: %w", cfg.Neo4jURI, err)
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	for {
		err = driver.VerifyConnectivity(wctx)
		if err == nil {
			return &DB{driver: driver, database: cfg.Neo4jDatabase, queries: queries}, nil
		}
		if !neo4j.IsConnectivityError(err) { // wrong credentials, say: waiting would not help
			_ = driver.Close(context.Background())
			return nil, fmt.Errorf("neo4j at %s: %w", cfg.Neo4jURI, err)
		}
		select {
		case <-wctx.Done():
			_ = driver.Close(context.Background())
			return nil, fmt.Errorf("neo4j at %s: %w", cfg.Neo4jURI, err)
		case <-time.After(time.Second):
		}
	}
}

// Close releases the driver's connections.
func (db *DB) Close(ctx context.Context) error { return db.driver.Close(ctx) }

// Driver is the benchmark's driver.
func (db *DB) Driver() neo4j.DriverWithContext { return db.driver }

// Database is the name of the database the benchmark runs against.
func (db *DB) Database() string { return db.database }

// Query returns the text of one of the store's named queries. A missing name is a
// programming error.
func (db *DB) Query(name string) string {
	q, ok := db.queries[name]
	if !ok {
		panic("bench: the store has no query named " + name)
	}
	return q
}

// EmptyGraph deletes every node and relationship but the migration records, between runs.
func (db *DB) EmptyGraph(ctx context.Context) error {
	sess := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	// Each in an auto-commit transaction, as CALL {} IN TRANSACTIONS needs.
	for _, name := range []string{"empty_relationships", "empty_nodes"} {
		res, err := sess.Run(ctx, query(name), nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}
