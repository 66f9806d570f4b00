package importer

import (
	"container/heap"
	"slices"

	"github.com/cryograph/cryograph/internal/format"
	"github.com/cryograph/cryograph/internal/hashkey"
)

// idKey stands for an id in pass one's table of definitions (hashkey: 16 bytes, no string
// kept alive). At 1M people (1.84M ids) the table took 115 MB, against 152 MB and 35 MB of id
// strings when it was keyed by the strings with label names (heap profiles, docs/benchmarks.md).
type idKey = hashkey.Key

func keyOf(id string) idKey { return hashkey.Of(id) }

// labelNames are the node labels of the import format, in a fixed order; a definition holds the
// index of its label.
var labelNames = format.Labels()

func labelIndex(label string) uint8 {
	i := slices.Index(labelNames, label)
	if i < 0 {
		panic("importer: no node type has the label " + label) // format.Parse gives only its labels
	}
	return uint8(i)
}

// definition is where an id is defined, and as what: 12 bytes.
type definition struct {
	at    lineKey
	label uint8 // index in labelNames
}

func define(label string, at lineKey) definition { return definition{at: at, label: labelIndex(label)} }

func (d definition) Label() string { return labelNames[d.label] }

// hashChunks holds the 64-bit link hashes of pass one, 8 bytes a link, in chunks of a fixed
// size: growing never copies, and never holds an old and a new array at once (a slice grown
// by append held up to three times the hashes' size while it grew).
type hashChunks struct{ chunks [][]uint64 }

const hashChunkLen = 1 << 16

func (h *hashChunks) add(x uint64) {
	if n := len(h.chunks); n == 0 || len(h.chunks[n-1]) == hashChunkLen {
		h.chunks = append(h.chunks, make([]uint64, 0, hashChunkLen))
	}
	last := &h.chunks[len(h.chunks)-1]
	*last = append(*last, x)
}

// duplicates sorts each chunk in place, merges them and returns the hashes that occur more
// than once.
func (h *hashChunks) duplicates() map[uint64]bool {
	heads := make(chunkHeap, 0, len(h.chunks))
	for _, c := range h.chunks {
		slices.Sort(c)
		if len(c) > 0 {
			heads = append(heads, c)
		}
	}
	heap.Init(&heads)
	dups := map[uint64]bool{}
	var prev uint64
	first := true
	for len(heads) > 0 {
		v := heads[0][0]
		if !first && v == prev {
			dups[v] = true
		}
		prev, first = v, false
		if heads[0] = heads[0][1:]; len(heads[0]) == 0 {
			heap.Pop(&heads)
		} else {
			heap.Fix(&heads, 0)
		}
	}
	return dups
}

// chunkHeap orders sorted, non-empty chunks by their first hash.
type chunkHeap [][]uint64

func (c chunkHeap) Len() int           { return len(c) }
func (c chunkHeap) Less(i, j int) bool { return c[i][0] < c[j][0] }
func (c chunkHeap) Swap(i, j int)      { c[i], c[j] = c[j], c[i] }
func (c *chunkHeap) Push(x any)        { *c = append(*c, x.([]uint64)) }
func (c *chunkHeap) Pop() any {
	old := *c
	x := old[len(old)-1]
	*c = old[:len(old)-1]
	return x
}
