package importer

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHashChunksFindEveryDuplicateAcrossChunks(t *testing.T) {
	var h hashChunks
	want := map[uint64]bool{}
	n := 3*hashChunkLen + 123
	for i := 0; i < n; i++ {
		x := uint64(i*7919) % uint64(n) // each value once...
		h.add(x)
		if i%50000 == 0 { // ...and some again, in another chunk
			h.add(x)
			want[x] = true
		}
	}
	h.add(uint64(n - 1)) // the largest value twice, at the very end
	want[uint64(n-1)] = true
	assert.Len(t, h.chunks, 4)
	assert.Equal(t, want, h.duplicates())
	var empty hashChunks
	assert.Empty(t, empty.duplicates())
}
