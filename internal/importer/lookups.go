package importer

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
)

// lookups asks the graph about ids in batches of lookupBatch on a goroutine of its own, so
// the round trips overlap with reading the files. It keeps, per id found, its key and kind (a
// reload of 1M people finds every id: as strings they took about 500 MB), and the strings
// only of the ids a merge moved.
type lookups struct {
	batch  []string
	queue  chan []string
	done   chan struct{}
	found  map[idKey]uint8 // the id's label, an index in labels
	labels []string        // the labels met, interned
	moved  map[string]string
	count  atomic.Int64 // len(found), read while the lookups run
	off    bool         // the graph is empty: nothing to look up
	err    error
	once   sync.Once
}

const lookupBatch = 5000

func newLookups(ctx context.Context, sink Sink, enabled bool) *lookups {
	l := &lookups{queue: make(chan []string, 4), done: make(chan struct{}), found: map[idKey]uint8{}, moved: map[string]string{}, off: !enabled}
	go l.serve(ctx, sink)
	return l
}

// serve looks up the queued batches until the queue closes; after an error it only drains.
func (l *lookups) serve(ctx context.Context, sink Sink) {
	defer close(l.done)
	for ids := range l.queue {
		if l.err != nil {
			continue
		}
		found, err := sink.Lookup(ctx, ids)
		if err != nil {
			l.err = err
			continue
		}
		for id, g := range found {
			i := slices.Index(l.labels, g.Label)
			if i < 0 {
				i = len(l.labels)
				l.labels = append(l.labels, g.Label)
			}
			l.found[keyOf(id)] = uint8(i)
			if g.Target != "" && g.Target != id {
				l.moved[id] = g.Target
			}
		}
		l.count.Store(int64(len(l.found)))
	}
}

func (l *lookups) add(id string) {
	if l.off {
		return
	}
	l.batch = append(l.batch, id)
	if len(l.batch) == lookupBatch {
		l.queue <- l.batch
		l.batch = nil
	}
}

// wait sends what is left and waits for every answer; it may be called again (the second call
// only waits). Then found, labels and moved may be read.
func (l *lookups) wait() error {
	l.once.Do(func() {
		if len(l.batch) > 0 {
			l.queue <- l.batch
		}
		close(l.queue)
	})
	<-l.done
	return l.err
}

// label is the label in the graph of the id with key k, if the graph has it.
func (l *lookups) label(k idKey) (string, bool) {
	i, ok := l.found[k]
	if !ok {
		return "", false
	}
	return l.labels[i], true
}
