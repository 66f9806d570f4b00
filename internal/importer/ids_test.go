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

func TestRejectionsKeepTheFirstErrorsInLineOrderAndCountAll(t *testing.T) {
	r := newRejections(2, 3)
	// Out of order, as cascades and link checks find them, and one row twice.
	for _, at := range []lineKey{{1, 5}, {0, 900}, {1, 2}, {0, 7}, {0, 900}, {1, 1}, {0, 8}} {
		r.add(at, RowError{File: string(rune('a' + at.file)), Line: int(at.line)})
	}
	assert.Equal(t, 6, r.n, "every distinct row counts")
	assert.Equal(t, []RowError{{File: "a", Line: 7}, {File: "a", Line: 8}, {File: "a", Line: 900}}, r.errors())
	assert.True(t, r.has(lineKey{1, 5}), "a row whose error is not kept is still rejected")
	assert.False(t, r.has(lineKey{1, 3}))
	assert.False(t, r.add(lineKey{0, 7}, RowError{}), "a row is rejected once")
	assert.Empty(t, newRejections(1, 0).errors())
}
