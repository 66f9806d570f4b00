package store

import (
	"context"

	"github.com/cryograph/cryograph/internal/analyst"
)

// RunReadUnchecked runs a query behind the second read-only layer only (the READ
// transaction), skipping the EXPLAIN check, so a test can show that layer holds on its own.
func (s *Store) RunReadUnchecked(ctx context.Context, req analyst.Request) (*analyst.Result, error) {
	return s.runRead(ctx, req)
}

// ExplainCount is the number of EXPLAINs the store has sent to Neo4j, so a test can tell
// when the verdict cache spared one.
func (s *Store) ExplainCount() int64 { return s.explains.Load() }
