package bench

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSplitRequestsGivesEveryRequestToOnePart(t *testing.T) {
	for _, c := range []struct{ n, k int }{{200, 10}, {1001, 6}, {3, 10}, {0, 2}} {
		parts := splitRequests(c.n, c.k)
		assert.Len(t, parts, c.k)
		sum, lo, hi := 0, c.n, 0
		for _, p := range parts {
			sum += p
			lo, hi = min(lo, p), max(hi, p)
		}
		assert.Equal(t, c.n, sum, "%d in %d parts", c.n, c.k)
		assert.LessOrEqual(t, hi-lo, 1, "%d in %d parts: sizes differ by one at most", c.n, c.k)
	}
}
