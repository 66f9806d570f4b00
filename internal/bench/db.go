package bench

import (
	"context"
	"fmt"

	"github.com/cryograph/cryograph/cypher"
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

// New is the benchmark's way into Neo4j through driver, which the process shares with the
// store it measures (store.NewDriver), so the raw side meets the very driver the API side does.
func New(driver neo4j.DriverWithContext, database string) (*DB, error) {
	queries, err := cypher.Queries()
	if err != nil {
		return nil, fmt.Errorf("load queries: %w", err)
	}
	return &DB{driver: driver, database: database, queries: queries}, nil
}

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
