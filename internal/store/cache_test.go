package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Requests that miss the cache together share one computation, which the caller who started
// it cannot fail by going away; later requests get the kept answer.
func TestConcurrentMissesShareOneComputation(t *testing.T) {
	st := neo4jtest.Store(t)
	ctx := context.Background()
	require.NoError(t, st.RefreshDerived(ctx)) // a derived-data version: answers are kept

	var cache store.AnswerCache[string]
	var computed atomic.Int32
	release := make(chan struct{})
	compute := func(ctx context.Context) (string, error) {
		computed.Add(1)
		select {
		case <-release:
			return "the map", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}

	firstCtx, cancelFirst := context.WithCancel(ctx)
	first := make(chan error, 1)
	go func() {
		_, _, err := cache.Get(firstCtx, st, "whole field", compute)
		first <- err
	}()
	require.Eventually(t, func() bool { return computed.Load() == 1 }, 10*time.Second, time.Millisecond)

	const others = 8
	var wg sync.WaitGroup
	got, errs := make([]string, others), make([]error, others)
	for i := range others {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _, errs[i] = cache.Get(ctx, st, "whole field", compute)
		}()
	}
	cancelFirst()
	select {
	case err := <-first:
		require.ErrorIs(t, err, context.Canceled, "the first caller stops waiting when its context ends")
	case <-time.After(10 * time.Second):
		t.Fatal("the first caller still waits after its context ended")
	}
	time.Sleep(200 * time.Millisecond) // the others ask meanwhile (a version lookup each)
	close(release)
	wg.Wait()
	for i := range others {
		require.NoError(t, errs[i], "the computation outlives the caller who started it")
		assert.Equal(t, "the map", got[i])
	}
	assert.EqualValues(t, 1, computed.Load(), "one computation for every caller")

	v, version, err := cache.Get(ctx, st, "whole field", compute)
	require.NoError(t, err)
	assert.Equal(t, "the map", v)
	assert.Positive(t, version)
	assert.EqualValues(t, 1, computed.Load(), "then the kept answer")
}
