package store

// The store's view of Neo4j's health: a circuit breaker fed by connectivity errors and a
// background prober. While Neo4j is known to be down, callers ask Down and fail at once,
// rather than each waiting out the driver's connect timeouts and retries (5-7 s each, and a
// backlog that drained the pool once Neo4j was back: issue 25).

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// probeEvery is how often the prober asks a Neo4j that is down whether it is back: the
// first answer after Neo4j is back comes within this (plus one connect).
const probeEvery = 250 * time.Millisecond

// probeTimeout bounds one probe: Neo4j that is starting may accept connections and answer
// nothing for a while.
const probeTimeout = time.Second

type health struct {
	down    atomic.Bool
	mu      sync.Mutex
	since   time.Time
	reason  string
	probing bool
	stop    chan struct{}
	stopped bool
	// verify is VerifyConnectivity of the store's driver (a field, for tests).
	verify func(ctx context.Context) error
	// changes counts the transitions, for metrics: down then up again is 2.
	changes atomic.Int64
}

func newHealth(verify func(ctx context.Context) error) *health {
	return &health{verify: verify, stop: make(chan struct{})}
}

// Down says whether Neo4j is known to be unreachable, since when and why.
func (s *Store) Down() (bool, time.Time, string) {
	h := s.health
	if !h.down.Load() {
		return false, time.Time{}, ""
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return true, h.since, h.reason
}

// Observe feeds an error met while talking to Neo4j to the breaker: a connectivity error
// marks Neo4j down and starts the prober, which marks it up once it answers again. Any other
// error, or nil, changes nothing (only the prober decides that Neo4j is back).
func (s *Store) Observe(err error) {
	if err == nil || !IsConnectivity(err) || canceled(err) {
		return // a client that hung up broke its connection, not Neo4j
	}
	s.health.markDown(err.Error())
}

// HealthChanges counts the breaker's transitions (down, up) since the store was opened.
func (s *Store) HealthChanges() int64 { return s.health.changes.Load() }

// IsConnectivity tells whether err says Neo4j could not be reached (as opposed to a query's
// own failure, or a busy server).
func IsConnectivity(err error) bool {
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		return true
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		for _, e := range limit.Errors {
			if IsConnectivity(e) {
				return true
			}
		}
	}
	return false
}

// canceled tells whether err comes from a canceled context (the driver's ConnectivityError
// does not unwrap to its cause).
func canceled(err error) bool {
	var ce *neo4j.ConnectivityError
	return errors.Is(err, context.Canceled) || errors.As(err, &ce) && errors.Is(ce.Inner, context.Canceled)
}

func (h *health) markDown(reason string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stopped {
		return
	}
	if !h.down.Load() {
		h.since = time.Now()
		h.changes.Add(1)
		h.down.Store(true)
	}
	h.reason = reason
	if !h.probing {
		h.probing = true
		go h.probe()
	}
}

// probe asks Neo4j every probeEvery until it answers, then marks it up.
func (h *health) probe() {
	t := time.NewTicker(probeEvery)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
		err := h.verify(ctx)
		cancel()
		h.mu.Lock()
		if err == nil {
			h.down.Store(false)
			h.changes.Add(1)
			h.probing = false
			h.mu.Unlock()
			return
		}
		h.reason = err.Error()
		h.mu.Unlock()
	}
}

func (h *health) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.stopped {
		h.stopped = true
		close(h.stop)
	}
}
