package store

import (
	"context"
	"sync"
)

// answerCache keeps answers that are expensive to compute and the same until the facts change
// (the partnership map of a whole field), keyed on the derived-data version that
// RefreshDerived counts up after every load, import and merge. Any process may refresh (a
// `cryograph load` next to a running server), so the version is read from the graph on every
// call: one indexed lookup instead of the whole computation.
type answerCache[V any] struct {
	mu      sync.Mutex
	version int64
	entries map[string]V
}

// answerCacheMax bounds the answers kept per version (one per combination of filters).
const answerCacheMax = 64

// get returns the answer for key at the graph's current version, computing it on a miss, and
// that version. Before the first refresh (no version yet) nothing is cached, and the version
// is 0.
func (c *answerCache[V]) get(ctx context.Context, s *Store, key string, compute func() (V, error)) (V, int64, error) {
	version, err := s.derivedVersion(ctx)
	if err != nil || version == 0 {
		v, err := compute()
		return v, 0, err
	}
	c.mu.Lock()
	if c.version != version {
		c.version, c.entries = version, map[string]V{}
	}
	v, ok := c.entries[key]
	c.mu.Unlock()
	if ok {
		return v, version, nil
	}
	v, err = compute()
	if err != nil {
		return v, 0, err
	}
	c.mu.Lock()
	if c.version == version {
		if len(c.entries) >= answerCacheMax {
			c.entries = map[string]V{}
		}
		c.entries[key] = v
	}
	c.mu.Unlock()
	return v, version, nil
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
