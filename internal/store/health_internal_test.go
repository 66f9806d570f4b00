package store

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/assert"
)

// The breaker trips on a connectivity error only, and its prober marks Neo4j up again as soon
// as a probe succeeds.
func TestTheBreakerTripsOnConnectivityAndTheProberResets(t *testing.T) {
	var up atomic.Bool
	s := &Store{health: newHealth(func(context.Context) error {
		if up.Load() {
			return nil
		}
		return errors.New("connection refused")
	})}
	defer s.health.close()

	s.Observe(errors.New("a syntax error"))
	s.Observe(&neo4j.ConnectivityError{Inner: context.Canceled})
	canceled, _, _ := s.Down()
	assert.False(t, canceled, "a client that hung up broke its own connection, not Neo4j")
	down, _, _ := s.Down()
	assert.False(t, down, "a query's own error is no outage")
	s.Observe(mapErr("query x", &neo4j.ConnectivityError{Inner: errors.New("dial tcp: connection refused")}))
	down, _, reason := s.Down()
	assert.True(t, down)
	assert.Contains(t, reason, "connection refused")

	up.Store(true)
	assert.Eventually(t, func() bool { d, _, _ := s.Down(); return !d }, 10*time.Second, 10*time.Millisecond)
	assert.Equal(t, int64(2), s.HealthChanges())
}
