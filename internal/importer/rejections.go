package importer

import (
	"cmp"
	"container/heap"
	"slices"
)

// rejections records the rejected rows: a bit per line of each input, and the errors of the
// first max rows in file and line order. The count is exact; a file of millions of bad rows
// loaded with SkipInvalid keeps max errors, not millions.
type rejections struct {
	lines []lineSet // per input
	n     int
	max   int
	kept  errHeap
}

func newRejections(inputs, max int) *rejections {
	return &rejections{lines: make([]lineSet, inputs), max: max}
}

func (r *rejections) has(at lineKey) bool { return r.lines[at.file].has(int(at.line)) }

// add records the row at as rejected with e, and says whether it was not already.
func (r *rejections) add(at lineKey, e RowError) bool {
	if r.has(at) {
		return false
	}
	r.lines[at.file].add(int(at.line))
	r.n++
	switch {
	case len(r.kept) < r.max:
		heap.Push(&r.kept, keptError{at, e})
	case r.max > 0 && before(at, r.kept[0].at):
		r.kept[0] = keptError{at, e} // the last kept error in line order goes
		heap.Fix(&r.kept, 0)
	}
	return true
}

// errors returns the kept errors in file and line order.
func (r *rejections) errors() []RowError {
	kept := slices.Clone(r.kept)
	slices.SortFunc(kept, func(a, b keptError) int {
		return cmp.Or(cmp.Compare(a.at.file, b.at.file), cmp.Compare(a.at.line, b.at.line))
	})
	out := make([]RowError, len(kept))
	for i, k := range kept {
		out[i] = k.e
	}
	return out
}

func before(a, b lineKey) bool { return a.file < b.file || (a.file == b.file && a.line < b.line) }

type keptError struct {
	at lineKey
	e  RowError
}

// errHeap is a max-heap by position: its root is the error that comes last.
type errHeap []keptError

func (h errHeap) Len() int           { return len(h) }
func (h errHeap) Less(i, j int) bool { return before(h[j].at, h[i].at) }
func (h errHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *errHeap) Push(x any)        { *h = append(*h, x.(keptError)) }
func (h *errHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
