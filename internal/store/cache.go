package store

import (
	"context"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// answerCache keeps answers that are expensive to compute and the same until the facts change
// (the partnership map of a whole field), keyed on the derived-data version that
// RefreshDerived counts up after every load, import and merge. Any process may refresh (a
// `cryograph load` next to a running server), so the version is read from the graph on every
// call: one indexed lookup instead of the whole computation.
//
// Concurrent misses for one answer share one computation (singleflight): when a refresh
// changes the version, the requests for the map of a whole field that arrive together would
// otherwise each compute it (about 450 ms of Neo4j at 1M people). The computation runs on a
// context of its own, bounded by answerComputeTimeout, so that the caller who started it
// cannot fail the others by going away; each caller still stops waiting when its own
// context ends.
type answerCache[V any] struct {
	mu      sync.Mutex
	version int64
	entries map[string]V
	flight  singleflight.Group
}

// answerCacheMax bounds the answers kept per version (one per combination of filters).
const answerCacheMax = 64

// answerComputeTimeout bounds a shared computation.
const answerComputeTimeout = 2 * time.Minute

// get returns the answer for key at the graph's current version, computing it on a miss, and
// that version. Before the first refresh (no version yet) nothing is cached or shared, and
// the version is 0.
func (c *answerCache[V]) get(ctx context.Context, s *Store, key string, compute func(context.Context) (V, error)) (V, int64, error) {
	version, err := s.derivedVersion(ctx)
	if err != nil || version == 0 {
		v, err := compute(ctx)
		return v, 0, err
	}
	if v, ok := c.kept(version, key); ok {
		return v, version, nil
	}
	shared := c.flight.DoChan(strconv.FormatInt(version, 10)+"\x00"+key, func() (any, error) {
		if v, ok := c.kept(version, key); ok { // a computation that just ended kept it
			return v, nil
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), answerComputeTimeout)
		defer cancel()
		v, err := compute(cctx)
		if err != nil {
			return nil, err
		}
		c.keep(version, key, v)
		return v, nil
	})
	var zero V
	select {
	case r := <-shared:
		if r.Err != nil {
			return zero, 0, r.Err
		}
		return r.Val.(V), version, nil
	case <-ctx.Done():
		return zero, 0, mapErr("wait for a shared answer", ctx.Err())
	}
}

// kept returns the answer kept for key at version. A newer version than the cache's forgets
// the answers of the older one.
func (c *answerCache[V]) kept(version int64, key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version > c.version {
		c.version, c.entries = version, map[string]V{}
	}
	v, ok := c.entries[key]
	return v, ok && c.version == version
}

// keep keeps v for key, unless the cache has moved on to another version.
func (c *answerCache[V]) keep(version int64, key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return
	}
	if len(c.entries) >= answerCacheMax {
		c.entries = map[string]V{}
	}
	c.entries[key] = v
}

// derivedVersion is the number of derived-data refreshes so far (0 before the first).
func (s *Store) derivedVersion(ctx context.Context) (int64, error) {
	res, err := s.read(ctx, "derived_version", nil)
	if err != nil {
		return 0, err
	}
	if len(res.Records) == 0 {
		return 0, nil
	}
	return get[int64](res.Records[0], "version"), nil
}
